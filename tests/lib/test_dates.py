import datetime

import pytest
from django.utils import translation

from tracker.lib.dates import DatePrecision, format_at_precision

DAY = datetime.date(2023, 8, 15)


@pytest.mark.parametrize(
    ("precision", "first_day"),
    [
        (DatePrecision.DAY, datetime.date(2023, 8, 15)),
        (DatePrecision.MONTH, datetime.date(2023, 8, 1)),
        (DatePrecision.QUARTER, datetime.date(2023, 7, 1)),
        (DatePrecision.YEAR, datetime.date(2023, 1, 1)),
    ],
)
def test_truncate_gives_the_first_day_of_the_period(precision, first_day):
    assert precision.truncate(DAY) == first_day


@pytest.mark.parametrize(
    ("month", "quarter_start"), [(1, 1), (2, 1), (3, 1), (4, 4), (6, 4), (7, 7), (9, 7), (10, 10), (12, 10)]
)
def test_each_month_falls_in_its_quarter(month, quarter_start):
    assert DatePrecision.QUARTER.truncate(datetime.date(2024, month, 20)) == datetime.date(2024, quarter_start, 1)


@pytest.mark.parametrize(
    ("precision", "day", "aligned"),
    [
        (DatePrecision.DAY, datetime.date(2023, 7, 15), True),
        (DatePrecision.MONTH, datetime.date(2023, 7, 1), True),
        (DatePrecision.MONTH, datetime.date(2023, 7, 15), False),
        (DatePrecision.QUARTER, datetime.date(2024, 4, 1), True),
        (DatePrecision.QUARTER, datetime.date(2024, 5, 1), False),
        (DatePrecision.YEAR, datetime.date(2023, 1, 1), True),
        (DatePrecision.YEAR, datetime.date(2023, 7, 1), False),
    ],
)
def test_a_date_is_aligned_when_it_is_the_first_day_of_its_period(precision, day, aligned):
    assert precision.is_aligned(day) is aligned


@pytest.mark.parametrize(
    ("day", "precision", "locale", "shown"),
    [
        (datetime.date(2024, 5, 26), "day", "en", "May 26, 2024"),
        (datetime.date(2024, 5, 26), "day", "fr", "26 mai 2024"),
        (datetime.date(2023, 7, 1), "month", "en", "July 2023"),
        (datetime.date(2023, 7, 1), "month", "fr", "juillet 2023"),
        (datetime.date(2024, 4, 1), "quarter", "en", "Q2 2024"),
        (datetime.date(2024, 4, 1), "quarter", "fr", "T2 2024"),
        (datetime.date(2023, 1, 1), "year", "en", "2023"),
        (datetime.date(2023, 1, 1), "year", "fr", "2023"),
    ],
)
def test_a_date_is_shown_only_as_precisely_as_it_is_known(day, precision, locale, shown):
    assert format_at_precision(day, precision, locale) == shown


def test_date_without_precision_is_shown_as_a_day():
    assert format_at_precision(datetime.date(2024, 5, 26), "", "en") == "May 26, 2024"


def test_unknown_date_is_shown_as_nothing():
    assert format_at_precision(None, "month", "en") == ""


def test_date_follows_the_active_language():
    with translation.override("fr"):
        assert format_at_precision(datetime.date(2023, 7, 1), "month") == "juillet 2023"
