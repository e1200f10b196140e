"""Turn every date form a Lumen post uses into one aware datetime."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ACCEPTED_DATES = (
    "a date like 2019-06-24, 2019-06-24 09:06:04, 2019-06-24T09:06:04.121Z "
    "or 2019-06-24T09:06:04+02:00"
)

# ISO 8601 as Lumen posts write it: date, optional time (T or space), optional
# fraction of any length, optional Z or offset. datetime.fromisoformat only
# learned most of these in Python 3.11, and we support 3.10.
_DATE_RE = re.compile(
    r"""^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})
    (?:[Tt\ ]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?)?
    \s*(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?\s*$""",
    re.VERBOSE,
)


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
    """An aware datetime from a YAML date, datetime or ISO 8601 string.

    A value without a time zone is read as local time in `tz`. Raises ValueError
    with a message that says what is accepted.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    if not isinstance(value, str):
        raise ValueError(f"expected {ACCEPTED_DATES}")
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(f"expected {ACCEPTED_DATES}")
    fraction = (m["f"] or "0")[:6].ljust(6, "0")
    try:
        parsed = dt.datetime(
            int(m["y"]),
            int(m["m"]),
            int(m["d"]),
            int(m["H"] or 0),
            int(m["M"] or 0),
            int(m["S"] or 0),
            int(fraction),
            tzinfo=_offset(m["tz"]) if m["tz"] else tz,
        )
    except ValueError as e:  # 2019-02-30, 25:00 ...
        raise ValueError(f"not a real date or time ({e}); expected {ACCEPTED_DATES}") from e
    return parsed
