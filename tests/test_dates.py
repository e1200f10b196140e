import datetime as dt

import pytest
import yaml

from mkdocs_perceptual.dates import parse_date, zone

UTC = dt.timezone.utc
BERLIN = zone("Europe/Berlin")


def yaml_value(text: str) -> object:
    """A front matter value exactly as PyYAML hands it over."""
    return yaml.safe_load(f"date: {text}")["date"]


@pytest.mark.parametrize(
    ("written", "tz", "expected"),
    [
        # Lumen's sample post: quoted, local time, no zone.
        ('"2019-06-24 09:06:04"', UTC, dt.datetime(2019, 6, 24, 9, 6, 4, tzinfo=UTC)),
        ('"2019-06-24 09:06:04"', BERLIN, dt.datetime(2019, 6, 24, 7, 6, 4, tzinfo=UTC)),
        # Lumen's starter dates: quoted ISO with milliseconds and Z.
        (
            '"2016-09-01T23:46:37.121Z"',
            BERLIN,
            dt.datetime(2016, 9, 1, 23, 46, 37, 121000, tzinfo=UTC),
        ),
        # Unquoted: PyYAML reads these as date / aware datetime / naive datetime.
        ("2019-04-17", UTC, dt.datetime(2019, 4, 17, tzinfo=UTC)),
        ("2019-04-17", BERLIN, dt.datetime(2019, 4, 16, 22, tzinfo=UTC)),
        (
            "2019-04-17T22:12:03.284Z",
            BERLIN,
            dt.datetime(2019, 4, 17, 22, 12, 3, 284000, tzinfo=UTC),
        ),
        ("2019-04-17 10:00:00", UTC, dt.datetime(2019, 4, 17, 10, tzinfo=UTC)),
        # Quoted forms PyYAML leaves as text.
        ('"2019-04-17"', UTC, dt.datetime(2019, 4, 17, tzinfo=UTC)),
        ('"2019-04-17 10:00"', UTC, dt.datetime(2019, 4, 17, 10, tzinfo=UTC)),
        ('"2019-04-17T10:00:00+02:00"', UTC, dt.datetime(2019, 4, 17, 8, tzinfo=UTC)),
        ('"2019-04-17T10:00:00-0530"', UTC, dt.datetime(2019, 4, 17, 15, 30, tzinfo=UTC)),
        (
            '"2019-04-17T10:00:00.123456789Z"',
            UTC,
            dt.datetime(2019, 4, 17, 10, 0, 0, 123456, tzinfo=UTC),
        ),
        ('"2019-4-7 9:05"', UTC, dt.datetime(2019, 4, 7, 9, 5, tzinfo=UTC)),
        ("2019-04-17 10:00:00 +01:00", UTC, dt.datetime(2019, 4, 17, 9, tzinfo=UTC)),
    ],
)
def test_every_lumen_date_form_is_one_aware_datetime(written, tz, expected):
    parsed = parse_date(yaml_value(written), tz)
    assert parsed.tzinfo is not None
    assert parsed == expected


@pytest.mark.parametrize(
    "written",
    [
        '"yesterday"',
        '"2019-02-30"',
        '"2019-06-24 25:00"',
        "20190624",
        '""',
        "[2019]",
        "true",
        '"2019-06-24T10:00+25:00"',
    ],
)
def test_not_a_date(written):
    with pytest.raises(ValueError, match="expected a date like 2019-06-24"):
        parse_date(yaml_value(written), UTC)


def test_unknown_time_zone_says_what_is_accepted():
    with pytest.raises(ValueError, match=r"unknown time zone 'Mars/Olympus'.*IANA"):
        zone("Mars/Olympus")
