"""Money helpers: one rounding rule and locale-aware display.

Amounts are `Decimal` end to end; nothing here accepts or returns a float.
"""

import copy
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, format_compact_currency, parse_pattern
from django.utils import translation

from tracker.lib.codes import CURRENCY_CODES

# DecimalField sizing shared by every amount column: up to 10^15 with cents.
MAX_DIGITS = 18
DECIMAL_PLACES = 2
MAX_AMOUNT = Decimal("1000000000000000")
# Exchange rates keep more precision than amounts.
RATE_MAX_DIGITS = 20
RATE_DECIMAL_PLACES = 10

CENT = Decimal("0.01")
ZERO = Decimal("0")


def quantize(amount: Decimal) -> Decimal:
    """Round an amount to cents, half up: the project's only rounding rule."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def is_currency(code: str) -> bool:
    return code in CURRENCY_CODES


def current_locale(locale: str | None = None) -> str:
    """Return a Babel locale name for `locale` or the active Django language."""
    return (locale or translation.get_language() or "en").replace("-", "_")


def format_compact(amount: Decimal | None, currency: str, locale: str | None = None) -> str:
    """Format "$6B" / "6 Md $US": short, for tables and timelines."""
    if amount is None:
        return ""
    return format_compact_currency(
        _round_for_compact(amount), currency, locale=current_locale(locale), fraction_digits=1
    )


_COMPACT_UNITS = (Decimal("1e12"), Decimal("1e9"), Decimal("1e6"), Decimal("1e3"))


def _round_for_compact(amount: Decimal) -> Decimal:
    # Babel rounds half-even ("$1.25M" → "$1.2M"); round half-up first, like quantize().
    for unit in _COMPACT_UNITS:
        if abs(amount) >= unit:
            return (amount / unit).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) * unit
    return amount


@lru_cache(maxsize=32)
def _exact_patterns(locale: str) -> tuple[Locale, NumberPattern, NumberPattern]:
    parsed = Locale.parse(locale)
    whole = parse_pattern(parsed.currency_formats["standard"].pattern)
    whole.frac_prec = (0, 0)
    cents = copy.copy(whole)
    cents.frac_prec = (2, 2)
    return parsed, whole, cents


def format_exact(amount: Decimal | None, currency: str, locale: str | None = None) -> str:
    """Format "$6,000,000,000" / "6 000 000 000 $US": the full figure, for hovers and exports."""
    if amount is None:
        return ""
    parsed, whole, cents = _exact_patterns(current_locale(locale))
    pattern = whole if amount == amount.to_integral_value() else cents
    return pattern.apply(amount, parsed, currency=currency, currency_digits=False)
