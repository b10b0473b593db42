"""Money phrases in English and French give exact Decimal values and ISO currencies."""

from decimal import Decimal

import pytest

from tracker.intake.extraction.amounts import find_money


@pytest.mark.parametrize(
    ("phrase", "language", "value", "currency"),
    [
        ("$6 billion", "en", "6000000000", "USD"),
        ("US$6bn", "en", "6000000000", "USD"),
        ("6 milliards de dollars", "fr", "6000000000", "USD"),
        ("1,5 milliard d'euros", "fr", "1500000000", "EUR"),
        ("€600M", "en", "600000000", "EUR"),
        ("600 millions d'euros", "fr", "600000000", "EUR"),
        ("385 millions $", "fr", "385000000", "USD"),
        ("£113m", "en", "113000000", "GBP"),
        ("Rs 1,002 crore", "en", "10020000000", "INR"),
        ("₹50 lakh", "en", "5000000", "INR"),
        ("six millions de dollars", "fr", "6000000", "USD"),
        ("twenty-five million dollars", "en", "25000000", "USD"),
        ("vingt-cinq millions d'euros", "fr", "25000000", "EUR"),
        ("US$1.125 billion", "en", "1125000000", "USD"),
        ("800 000 euros", "fr", "800000", "EUR"),
        ("$2.5m", "en", "2500000", "USD"),
        ("CHF 40 million", "en", "40000000", "CHF"),
        ("12 M€", "fr", "12000000", "EUR"),
    ],
)
def test_money_phrase_gives_exact_value_and_currency(phrase, language, value, currency):
    found = find_money(f"The company raised {phrase} this week.", language)
    assert [(money.value, money.currency) for money in found] == [(Decimal(value), currency)]


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        ("plus de 2 milliards d'euros", "plus de"),
        ("more than $3 million", "more than"),
        ("nearly $1 billion", "nearly"),
    ],
)
def test_approximate_amounts_keep_the_stated_value_and_note_the_qualifier(phrase, qualifier):
    (money,) = find_money(phrase, "fr" if "milliards" in phrase else "en")
    assert money.qualifier == qualifier
    assert money.value in (Decimal("2000000000"), Decimal("3000000"), Decimal("1000000000"))


@pytest.mark.parametrize(
    "text",
    ["It has 2 million users.", "Founded in 2019, it employs 500 people.", "trois millions de clients", "Series A"],
)
def test_counts_and_years_are_not_money(text):
    assert find_money(text, "en") == []
