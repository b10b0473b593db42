"""Template filters for money, dates, countries and statuses: `{% load funding %}`.

`{{ round.amount|money:round.currency }}` renders "$6B" with the exact figure
on hover; the helpers live in `tracker.web.formatting` so tables use the same.
"""

import datetime
from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from tracker.funding.models import FundingRound
from tracker.web import formatting

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str) -> SafeString | str:
    """Render an amount compactly, exact on hover: `{{ amount|money:currency }}`."""
    return formatting.money(amount, currency)


@register.filter
def usd(amount: Decimal | None) -> SafeString | str:
    """Render a US-dollar amount compactly, exact on hover."""
    return formatting.usd(amount)


@register.filter
def round_amount(round: FundingRound) -> SafeString:
    """Render a round's amount, "sought: …" for a rumored target, or "undisclosed"."""
    return formatting.round_amount(round)


@register.filter
def round_title(round: FundingRound) -> SafeString:
    """Render "Série A <small>Series A</small>", or the label alone when it says the type."""
    return formatting.round_title(round)


@register.filter
def at_precision(day: datetime.date | None, precision: str | None) -> str:
    """Render a date at its precision: `{{ round.announced_on|at_precision:round.announced_precision }}`."""
    return formatting.at_precision(day, precision)


@register.filter
def web_address(url: str | None) -> str:
    """Keep only http(s) addresses: `<a href="{{ source.url|web_address }}">`."""
    return formatting.web_address(url)


@register.filter
def country_name(code: str | None) -> str:
    return formatting.country_name(code)


@register.filter
def round_type_label(value: str | None) -> str:
    return formatting.round_type_label(value)


@register.filter
def status_badge(status: str) -> SafeString:
    return formatting.status_badge(status)


@register.filter
def number(value: int | Decimal | None) -> str:
    return formatting.number(value)


@register.filter
def percent(share: Decimal | None) -> str:
    return formatting.percent(share)


@register.filter
def multiple(ratio: Decimal | None) -> str:
    return formatting.multiple(ratio)
