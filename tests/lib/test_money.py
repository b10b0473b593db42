from decimal import Decimal

import pytest
from django.utils import translation

from tracker.lib.money import format_compact, format_exact, is_currency, quantize

NBSP = "\xa0"  # Babel separates French amounts and units with no-break spaces...
NNBSP = "\u202f"  # ...and groups French thousands with narrow no-break spaces.


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "shown"),
    [
        (Decimal("6000000000"), "USD", "en", "$6B"),
        (Decimal("6000000000"), "USD", "fr", f"6{NBSP}Md{NBSP}$US"),
        (Decimal("600000000"), "EUR", "en", "€600M"),
        (Decimal("600000000"), "EUR", "fr", f"600{NBSP}M{NBSP}€"),
        (Decimal("1500000"), "USD", "en", "$1.5M"),
        (Decimal("1500000"), "USD", "fr", f"1,5{NBSP}M{NBSP}$US"),
        (Decimal("2500000"), "GBP", "en", "£2.5M"),
        (Decimal("950000"), "EUR", "fr", f"950{NBSP}k{NBSP}€"),
        (Decimal("12500000000"), "USD", "en", "$12.5B"),
    ],
)
def test_compact_amount_reads_like_a_headline_in_each_language(amount, currency, locale, shown):
    assert format_compact(amount, currency, locale) == shown


def test_compact_amount_rounds_half_up_like_the_rest_of_the_project():
    # 1.25M and 1.35M must not round in opposite directions (Babel's default is half-even).
    assert format_compact(Decimal("1350000"), "USD", "en") == "$1.4M"
    assert format_compact(Decimal("1250000"), "USD", "en") == "$1.3M"


def test_compact_amount_follows_the_active_language():
    with translation.override("fr"):
        assert format_compact(Decimal("6000000000"), "USD") == f"6{NBSP}Md{NBSP}$US"
    with translation.override("en"):
        assert format_compact(Decimal("6000000000"), "USD") == "$6B"


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "shown"),
    [
        (Decimal("6000000000"), "USD", "en", "$6,000,000,000"),
        (Decimal("6000000000"), "USD", "fr", f"6{NNBSP}000{NNBSP}000{NNBSP}000{NBSP}$US"),
        (Decimal("1234.5"), "EUR", "en", "€1,234.50"),
        (Decimal("1234.56"), "EUR", "fr", f"1{NNBSP}234,56{NBSP}€"),
        (Decimal("600000000.00"), "EUR", "en", "€600,000,000"),
    ],
)
def test_exact_amount_shows_every_digit_and_cents_only_when_there_are_some(amount, currency, locale, shown):
    assert format_exact(amount, currency, locale) == shown


def test_exact_amount_follows_the_active_language():
    with translation.override("fr"):
        assert format_exact(Decimal("1234.56"), "EUR") == f"1{NNBSP}234,56{NBSP}€"


def test_undisclosed_amount_is_shown_as_nothing():
    assert format_compact(None, "USD", "en") == ""
    assert format_exact(None, "USD", "en") == ""


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        (Decimal("4.065"), Decimal("4.07")),
        (Decimal("4.075"), Decimal("4.08")),
        (Decimal("4.0649"), Decimal("4.06")),
        (Decimal("-4.065"), Decimal("-4.07")),
        (Decimal("999999999999999.995"), Decimal("1000000000000000.00")),
        (Decimal("7"), Decimal("7.00")),
    ],
)
def test_quantize_rounds_to_cents_half_up(amount, rounded):
    assert quantize(amount) == rounded
    assert quantize(amount).as_tuple().exponent == -2


def test_currency_codes_are_iso_4217_in_upper_case():
    assert is_currency("EUR")
    assert is_currency("FRF")  # historic amounts, e.g. a 1998 round in francs
    assert not is_currency("eur")
    assert not is_currency("XYZ")
