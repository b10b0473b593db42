"""Dates in both languages resolve against the published date, never against today."""

import datetime

import pytest

from tracker.intake.extraction.dates import find_dates

PUBLISHED = datetime.date(2024, 5, 27)  # a Monday


@pytest.mark.parametrize(
    ("phrase", "date", "precision"),
    [
        ("May 26, 2024", datetime.date(2024, 5, 26), "day"),
        ("26 mai 2024", datetime.date(2024, 5, 26), "day"),
        ("le 1er mars", datetime.date(2024, 3, 1), "day"),
        ("in March", datetime.date(2024, 3, 1), "month"),
        ("en juillet", datetime.date(2023, 7, 1), "month"),
        ("Sunday", datetime.date(2024, 5, 26), "day"),
        ("dimanche", datetime.date(2024, 5, 26), "day"),
        ("Monday", datetime.date(2024, 5, 27), "day"),
        ("yesterday", datetime.date(2024, 5, 26), "day"),
        ("hier", datetime.date(2024, 5, 26), "day"),
        ("last week", datetime.date(2024, 5, 20), "day"),
        ("la semaine dernière", datetime.date(2024, 5, 20), "day"),
        ("il y a trois jours", datetime.date(2024, 5, 24), "day"),
        ("last month", datetime.date(2024, 4, 1), "month"),
        ("Q1 2024", datetime.date(2024, 1, 1), "quarter"),
        ("au premier trimestre 2024", datetime.date(2024, 1, 1), "quarter"),
        ("in 2023", datetime.date(2023, 1, 1), "year"),
    ],
)
def test_date_phrase_resolves_against_the_published_date(phrase, date, precision):
    (found,) = find_dates(f"Elle l'a dit {phrase} à Paris.", PUBLISHED)
    assert (found.date, found.precision) == (date, precision)


@pytest.mark.parametrize("phrase", ["Sunday", "hier", "last week", "in March", "la semaine dernière"])
def test_relative_dates_stay_unresolved_without_a_published_date(phrase):
    assert find_dates(f"It said {phrase} it raised money.", None) == []


def test_explicit_dates_resolve_without_a_published_date():
    (found,) = find_dates("announced on May 26, 2024", None)
    assert found.date == datetime.date(2024, 5, 26)
