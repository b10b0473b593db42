"""Conversion to US dollars at the European Central Bank's reference rate.

The `currencyconverter` package ships the ECB's full rate history, so this
works offline. ECB publishes no rate on weekends and holidays: we use the last
rate published on or before the requested day and report that day.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from currency_converter import CurrencyConverter, RateNotFoundError

from tracker.lib.money import RATE_DECIMAL_PLACES, quantize

USD = "USD"
# A holiday stretch never exceeds this many days without an ECB publication.
_MAX_GAP_DAYS = 10


@dataclass(frozen=True)
class UsdRate:
    """How many US dollars one unit of a currency was worth, and on which day."""

    rate: Decimal
    rate_on: datetime.date

    def convert(self, amount: Decimal | None) -> Decimal | None:
        return None if amount is None else quantize(amount * self.rate)


@lru_cache(maxsize=1)
def _converter() -> CurrencyConverter:
    # Loading the history takes ~0.3 s: do it once per process, on first use.
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def usd_rate(currency: str, on: datetime.date | None) -> UsdRate | None:
    """Return the ECB-derived USD rate for `currency` on `on`, or None if the ECB has none.

    Without a date, or after the last shipped rate, the latest known rate is used.
    Before a currency's first ECB rate there is no rate.
    """
    converter = _converter()
    if currency == USD:
        return UsdRate(Decimal("1"), on or converter.bounds[USD].last_date)
    if currency not in converter.currencies:
        return None
    first, last = converter.bounds[currency]
    day = min(on or last, last)
    if day < first:
        return None
    for _ in range(_MAX_GAP_DAYS + 1):
        try:
            rate = converter.convert(1, currency, USD, date=day)
        except RateNotFoundError:
            day -= datetime.timedelta(days=1)
            continue
        # The package stores rates as floats; keep a fixed number of places so
        # the stored Decimal is reproducible.
        return UsdRate(round(Decimal(repr(rate)), RATE_DECIMAL_PLACES), day)
    return None
