"""Locale-aware display of amounts, dates, countries and statuses, shared by templates and tables.

Every helper returns escaped HTML (or plain text for exports) and an empty
string for a missing value, so callers choose their own "—" or "undisclosed".
"""

import datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal, format_percent
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tracker.funding.models import FundingRound, RoundStatus, RoundType
from tracker.lib.codes import COUNTRY_CODES, CURRENCY_CODES
from tracker.lib.dates import DatePrecision, format_at_precision
from tracker.lib.money import current_locale, format_compact, format_exact

USD = "USD"


def money(amount: Decimal | None, currency: str | None) -> SafeString | str:
    """Render "$6B" with the exact figure ("$6,000,000,000") on hover."""
    if amount is None or not currency:
        return ""
    return format_html(
        '<data class="money" value="{}" title="{}">{}</data>',
        amount,
        format_exact(amount, currency),
        format_compact(amount, currency),
    )


def round_amount(round: FundingRound, *, with_usd: bool = True) -> SafeString:
    """Render a round's amount: native and USD, "sought: $1B" for a target, or "undisclosed"."""
    if round.amount is not None:
        native = money(round.amount, round.currency)
        if with_usd and round.currency != USD and round.amount_usd is not None:
            # Translators: a round's amount converted to US dollars, after the native amount.
            approx = format_html(_("≈ {amount}"), amount=usd(round.amount_usd))
            return format_html('{} <span class="usd">({})</span>', native, approx)
        return format_html("{}", native)
    if round.target_amount is not None:
        # Translators: a rumored round with no amount yet, only the amount the company seeks.
        sought = format_html(_("sought: {amount}"), amount=money(round.target_amount, round.currency))
        return format_html('<span class="sought">{}</span>', sought)
    return format_html('<span class="undisclosed">{}</span>', _("undisclosed"))


def usd(amount: Decimal | None) -> SafeString | str:
    return money(amount, USD)


def at_precision(day: datetime.date | None, precision: str | None) -> str:
    """Format a date at the precision it is known to: "July 2023", never "2023-07-01"."""
    if day is None:
        return ""
    return format_at_precision(day, precision or DatePrecision.DAY)


def iso_at_precision(day: datetime.date | None, precision: str | None) -> str:
    """Format a date for exports without inventing a day: "2023-07", "2024-Q2", "2023"."""
    if day is None:
        return ""
    precision = DatePrecision(precision or DatePrecision.DAY)
    if precision is DatePrecision.MONTH:
        return f"{day:%Y-%m}"
    if precision is DatePrecision.QUARTER:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if precision is DatePrecision.YEAR:
        return str(day.year)
    return day.isoformat()


def web_address(url: str | None) -> str:
    """Return `url` if it is an http(s) address, else "".

    Rows loaded without model validation (imports, scripts) must not turn a
    "javascript:" address into a link.
    """
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return ""


def country_name(code: str | None) -> str:
    """Return the country's name in the active language ("France", "États-Unis")."""
    if not code:
        return ""
    return Locale.parse(current_locale()).territories.get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """Every country, named and sorted in the active language, for filter forms."""
    return _country_choices(current_locale())


@lru_cache(maxsize=8)
def _country_choices(locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(locale).territories
    return sorted(((code, names.get(code, code)) for code in COUNTRY_CODES), key=lambda choice: choice[1])


def currency_choices() -> list[tuple[str, str]]:
    """Every currency code with its name in the active language ("EUR – euro")."""
    return _currency_choices(current_locale())


@lru_cache(maxsize=8)
def _currency_choices(locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(locale).currencies
    return [(code, f"{code} – {names[code]}" if code in names else code) for code in CURRENCY_CODES]


def round_title(round: FundingRound) -> SafeString:
    """Render a round's label as reported, followed by its type when the label words it differently."""
    type_label = round.get_round_type_display()
    # A label that words the type in either language ("Series E" shown in French) adds nothing.
    with translation.override("en"):
        english = str(RoundType(round.round_type).label) if round.round_type in RoundType.values else ""
    if round.label and round.label.casefold() not in {str(type_label).casefold(), english.casefold()}:
        return format_html("{} <small>{}</small>", round.label, type_label)
    return format_html("{}", round.label or type_label)


def round_type_label(value: str | None) -> str:
    """Name a round type stored as a code (annotations carry the code, not the label)."""
    if not value:
        return ""
    try:
        return str(RoundType(value).label)
    except ValueError:
        return value


def status_badge(status: str) -> SafeString:
    """Render a round status as a coloured badge that also says it in words."""
    try:
        label = RoundStatus(status).label
    except ValueError:
        label = status
    return format_html('<span class="badge badge-{}">{}</span>', status, label)


def number(value: int | Decimal | None) -> str:
    """Format a count with the locale's grouping ("1,234" / "1 234")."""
    if value is None:
        return ""
    return format_decimal(value, locale=current_locale())


def percent(share: Decimal | None) -> str:
    """Format a share with up to one decimal ("0.4%", "25%"): small shares must not read as 0%."""
    if share is None:
        return ""
    # Keep the locale's own pattern ("25,7 %" in French); only the number of decimals changes.
    rounded = share.quantize(Decimal("0.001")).normalize()
    return format_percent(rounded, locale=current_locale(), decimal_quantization=False)


def multiple(ratio: Decimal | None) -> str:
    """Format a step-up multiple: "×2.5" / "×2,5"."""
    if ratio is None:
        return ""
    return "×" + format_decimal(ratio, format="0.0#", locale=current_locale())
