import contextlib
import datetime as dt
import time

import pytest
import yaml

from mkdocs_perceptual.lumen.dates import parse_date, read_date, zone

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


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # Forms JavaScript's Date read, which Lumen sorted and showed posts by: local time.
        ('"2019/06/24"', dt.datetime(2019, 6, 24, tzinfo=UTC)),
        ('"2019/6/24 09:06"', dt.datetime(2019, 6, 24, 9, 6, tzinfo=UTC)),
        ('"June 24, 2019"', dt.datetime(2019, 6, 24, tzinfo=UTC)),
        ('"Jun 24 2019 09:06:04"', dt.datetime(2019, 6, 24, 9, 6, 4, tzinfo=UTC)),
        ('"24 June 2019"', dt.datetime(2019, 6, 24, tzinfo=UTC)),
        ('"Sept. 3rd, 2019"', dt.datetime(2019, 9, 3, tzinfo=UTC)),
        ('"  2019-06-24  "', dt.datetime(2019, 6, 24, tzinfo=UTC)),
    ],
)
def test_javascript_date_forms(written, expected):
    assert read_date(yaml_value(written), UTC) == (expected, None)


def test_a_date_with_a_slip_is_read_as_meant_with_a_note():
    parsed, note = read_date("2022-01-01T08:00.000+07:00", UTC)
    assert parsed == dt.datetime(2022, 1, 1, 1, tzinfo=UTC)
    assert note == "has a fraction of a second but no seconds; read as :00 seconds"


def test_the_date_reader_is_linear_on_long_runs_of_spaces():
    # The old pattern took 61 s on 120,000 trailing spaces; linear, this is milliseconds.
    for text in ("2019-06-24" + " " * 200_000 + "x", "2019-06-24T10:00" + " " * 200_000):
        start = time.perf_counter()
        with contextlib.suppress(ValueError):
            read_date(text, UTC)
        assert time.perf_counter() - start < 0.5


def test_a_month_name_that_is_none_is_not_a_date():
    with pytest.raises(ValueError, match="expected a date like"):
        read_date("Juny 24, 2019", UTC)
