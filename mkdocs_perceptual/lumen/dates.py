"""Turn every date form a Lumen post uses into one aware datetime."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ACCEPTED_DATES = (
    "a date like 2019-06-24, 2019-06-24 09:06:04, 2019-06-24T09:06:04.121Z "
    "or 2019-06-24T09:06:04+02:00"
)

# ISO 8601 as Lumen posts write it: date, optional time (T or spaces), optional seconds and
# fraction of any length, optional Z or offset. Matched against the stripped text, with no
# leading or trailing `\s*`: those made the match quadratic on a long run of spaces.
# datetime.fromisoformat only learned most of these in Python 3.11, and we support 3.10.
_DATE_RE = re.compile(
    r"""(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})
    (?:[Tt\ ]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:[.,](?P<f>\d+))?)?
    \ ?(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?""",
    re.VERBOSE,
)
# Other forms JavaScript's `Date`, which Lumen sorted and showed posts with, read: 2019/06/24,
# "June 24, 2019", "24 Jun 2019", each with an optional time, in local time.
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_TIME = r"(?:,?[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
_JS_FORMS = [
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})" + _TIME),
    re.compile(r"(?P<mon>[A-Za-z]{3,9})\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?,? (?P<y>\d{4})" + _TIME),
    re.compile(r"(?P<d>\d{1,2}) (?P<mon>[A-Za-z]{3,9})\.?,? (?P<y>\d{4})" + _TIME),
]


def zone(name: str) -> dt.tzinfo:
    """The time zone called `name` (an IANA name such as 'Europe/Berlin', or 'UTC')."""
    if name.upper() == "UTC":
        return dt.timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ValueError(
            f"unknown time zone {name!r}; use an IANA name such as 'UTC' or 'Europe/Berlin'"
        ) from e


def _offset(text: str) -> dt.tzinfo:
    if text in ("Z", "z"):
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def parse_date(value: object, tz: dt.tzinfo) -> dt.datetime:
    """An aware datetime from a YAML date, datetime or date text (see `read_date`)."""
    return read_date(value, tz)[0]


def read_date(value: object, tz: dt.tzinfo) -> tuple[dt.datetime, str | None]:
    """An aware datetime from a YAML date, datetime or text, and a note where the text had a
    slip that was read as meant (`2022-01-01T08:00.000+07:00`, seconds missing).

    A value without a time zone is read as local time in `tz`. Raises ValueError with a
    message that says what is accepted.
    """
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo is not None else value.replace(tzinfo=tz)), None
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz), None
    if not isinstance(value, str):
        raise ValueError(f"expected {ACCEPTED_DATES}")
    text = value.strip()
    slip = None
    m = _DATE_RE.fullmatch(text)
    if m is not None:
        parts = m.groupdict()
        if parts["f"] is not None and parts["S"] is None:
            slip = "has a fraction of a second but no seconds; read as :00 seconds"
    else:
        parts = _javascript_form(text)
    fraction = (parts.get("f") or "0")[:6].ljust(6, "0")
    try:
        zone_text = parts.get("tz")
        parsed = dt.datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts.get("H") or 0),
            int(parts.get("M") or 0),
            int(parts.get("S") or 0),
            int(fraction),
            tzinfo=_offset(zone_text) if zone_text else tz,
        )
    except ValueError as e:  # 2019-02-30, 25:00 ...
        raise ValueError(f"not a real date or time ({e}); expected {ACCEPTED_DATES}") from e
    return parsed, slip


def _javascript_form(text: str) -> dict[str, str | None]:
    for form in _JS_FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        parts = m.groupdict()
        if "mon" in parts:
            month = _MONTHS.get(str(parts.pop("mon")).lower())
            if month is None:
                break
            parts["m"] = str(month)
        return parts
    raise ValueError(f"expected {ACCEPTED_DATES}")
