"""Filters of the list pages (django-filter).

Views run them non-strict: a value that does not validate is reported next
to its field and left out, and the other filters still apply.
"""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tracker.funding.models import (
    CompanyStatus,
    FundingRound,
    Investor,
    InvestorKind,
    Participation,
    RoundStatus,
    RoundType,
    Sector,
)
from tracker.lib.money import DECIMAL_PLACES, MAX_DIGITS
from tracker.web.formatting import country_choices, currency_choices
from tracker.web.forms import SEARCH_MAX_LENGTH, DateInput, PlainSelect


class RangeForm(forms.Form):
    """A filter form that refuses a range whose low end is above its high end."""

    # (low field, high field) pairs checked by clean().
    ranges: tuple[tuple[str, str], ...] = ()

    def clean(self) -> dict:
        data = super().clean()
        for low, high in self.ranges:
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, _("This must not be below “%(low)s”.") % {"low": self.fields[low].label})
                # Drop both ends: half of a reversed range is not what the visitor meant.
                data.pop(low, None)
        return data


class RoundRangeForm(RangeForm):
    ranges = (("start", "end"), ("usd_min", "usd_max"))


class CompanyRangeForm(RangeForm):
    ranges = (("raised_min", "raised_max"),)


def _search_filter(label: str) -> django_filters.CharFilter:
    return django_filters.CharFilter(label=label, method="filter_search", max_length=SEARCH_MAX_LENGTH)


def _usd_filter(field: str, lookup: str, label: str) -> django_filters.NumberFilter:
    # Bounded like the database column, so "1e999" is a form error rather than an overflow.
    return django_filters.NumberFilter(
        field_name=field,
        lookup_expr=lookup,
        label=label,
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        min_value=0,
    )


def _sector_filter(field: str) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        widget=PlainSelect,
        field_name=field,
        label=_("Sector"),
        queryset=Sector.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Any sector"),
    )


def _country_filter(field: str) -> django_filters.ChoiceFilter:
    # A callable, so country names follow the visitor's language.
    return django_filters.ChoiceFilter(
        widget=PlainSelect, field_name=field, label=_("Country"), choices=country_choices, empty_label=_("Any country")
    )


class CompanyFilter(django_filters.FilterSet):
    q = _search_filter(_("Name"))
    sector = _sector_filter("sectors")
    country = _country_filter("country")
    last_round_type = django_filters.ChoiceFilter(
        widget=PlainSelect, label=_("Last round type"), choices=RoundType.choices, empty_label=_("Any type")
    )
    status = django_filters.ChoiceFilter(
        widget=PlainSelect, label=_("Status"), choices=CompanyStatus.choices, empty_label=_("Any status")
    )
    raised_min = _usd_filter("total_raised_usd", "gte", _("Raised at least (USD)"))
    raised_max = _usd_filter("total_raised_usd", "lte", _("Raised at most (USD)"))

    class Meta:
        form = CompanyRangeForm
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)


class InvestorFilter(django_filters.FilterSet):
    q = _search_filter(_("Name or alias"))
    kind = django_filters.ChoiceFilter(
        widget=PlainSelect, label=_("Kind"), choices=InvestorKind.choices, empty_label=_("Any kind")
    )
    country = _country_filter("country")

    class Meta:
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)


class RoundFilter(django_filters.FilterSet):
    start = django_filters.DateFilter(
        field_name="announced_on", lookup_expr="gte", label=_("Announced from"), widget=DateInput()
    )
    end = django_filters.DateFilter(
        field_name="announced_on", lookup_expr="lte", label=_("Announced until"), widget=DateInput()
    )
    round_type = django_filters.ChoiceFilter(
        widget=PlainSelect, label=_("Type"), choices=RoundType.choices, empty_label=_("Any type")
    )
    status = django_filters.ChoiceFilter(
        widget=PlainSelect, label=_("Status"), choices=RoundStatus.choices, empty_label=_("Any status")
    )
    usd_min = _usd_filter("amount_usd", "gte", _("At least (USD)"))
    usd_max = _usd_filter("amount_usd", "lte", _("At most (USD)"))
    currency = django_filters.ChoiceFilter(
        widget=PlainSelect, label=_("Currency"), choices=currency_choices, empty_label=_("Any currency")
    )
    country = _country_filter("company__country")
    sector = _sector_filter("company__sectors")
    investor = django_filters.CharFilter(label=_("Investor"), method="filter_investor", max_length=SEARCH_MAX_LENGTH)

    class Meta:
        model = FundingRound
        form = RoundRangeForm
        fields: list[str] = []

    def filter_investor(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Keep rounds joined by the investor with this slug, or whose name or an alias contains `value`."""
        investors = Investor.objects.filter(Q(slug=value) | Q(pk__in=Investor.objects.search(value)))
        # A subquery, not a join: a round with two matching investors is listed once.
        rounds = Participation.objects.filter(investor__in=investors).values("round_id")
        return queryset.filter(pk__in=rounds)
