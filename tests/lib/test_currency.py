import datetime
from decimal import Decimal

from tracker.lib.currency import UsdRate, usd_rate

FRIDAY = datetime.date(2024, 5, 24)


def test_dollar_is_worth_one_dollar_on_the_day_asked():
    assert usd_rate("USD", datetime.date(2024, 5, 26)) == UsdRate(Decimal("1"), datetime.date(2024, 5, 26))


def test_euro_is_worth_the_ecb_reference_rate_of_that_day():
    assert usd_rate("EUR", FRIDAY) == UsdRate(Decimal("1.0840000000"), FRIDAY)


def test_weekend_uses_the_rate_of_the_friday_before_and_says_so():
    assert usd_rate("EUR", datetime.date(2024, 5, 25)) == UsdRate(Decimal("1.0840000000"), FRIDAY)
    assert usd_rate("EUR", datetime.date(2024, 5, 26)) == UsdRate(Decimal("1.0840000000"), FRIDAY)


def test_christmas_holidays_use_the_last_rate_published_before_them():
    assert usd_rate("EUR", datetime.date(2023, 12, 26)) == UsdRate(Decimal("1.1023000000"), datetime.date(2023, 12, 22))


def test_cross_rate_is_kept_to_ten_decimal_places():
    # currencyconverter gives 1.3110176422479263 for GBP on 2023-07-14.
    assert usd_rate("GBP", datetime.date(2023, 7, 14)).rate == Decimal("1.3110176422")


def test_currency_the_ecb_does_not_publish_has_no_rate():
    assert usd_rate("NGN", FRIDAY) is None
    assert usd_rate("FRF", datetime.date(1998, 6, 1)) is None


def test_day_before_a_currencys_first_ecb_rate_has_no_rate():
    assert usd_rate("EUR", datetime.date(1998, 12, 31)) is None


def test_day_after_a_currency_was_dropped_by_the_ecb_uses_its_last_rate_and_dates_it():
    # The ECB stopped publishing the rouble on 1 March 2022.
    rate = usd_rate("RUB", datetime.date(2024, 1, 15))
    assert rate.rate_on == datetime.date(2022, 3, 1)


def test_conversion_rounds_to_cents_half_up():
    rate = UsdRate(Decimal("1.084"), FRIDAY)
    assert rate.convert(Decimal("3.75")) == Decimal("4.07")  # 4.065 exactly
    assert rate.convert(Decimal("600000000")) == Decimal("650400000.00")


def test_undisclosed_amount_converts_to_nothing():
    assert UsdRate(Decimal("1.084"), FRIDAY).convert(None) is None
