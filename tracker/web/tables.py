"""Tables of the list pages (django-tables2).

Cells show compact, locale-aware figures ("$6B", "July 2023"); exports get
exact ones (6000000000.00, "2023-07") from each column's `value()`. Every
column reads the row itself or what the view prefetched: never a query per row.
"""

import datetime
from decimal import Decimal

import django_tables2 as tables
from django.db.models import F, Model, QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import A

from tracker.funding.models import Company, FundingRound, Investor, Participation
from tracker.web import formatting


def order_nulls_last(queryset: QuerySet, field: str, is_descending: bool) -> tuple[QuerySet, bool]:
    """Order by `field` with empty values last either way, and the primary key as tiebreaker.

    PostgreSQL puts NULLs first when sorting descending: "biggest first" would
    start with every undisclosed amount.
    """
    if is_descending:
        return queryset.order_by(F(field).desc(nulls_last=True), "-pk"), True
    return queryset.order_by(F(field).asc(nulls_last=True), "pk"), True


# Cells listing names get room to breathe instead of one word per line.
_WIDE = {"td": {"class": "wide"}}


class UsdColumn(tables.Column):
    """A US-dollar amount: compact on the page, exact in exports."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("attrs", {"th": {"class": "num"}, "td": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value: Decimal) -> SafeString | str:
        # A total of zero means no disclosed amount: a dash says so better than "$0".
        return formatting.usd(value) if value else "—"

    def value(self, value: Decimal) -> Decimal:
        return value

    def order(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        return order_nulls_last(queryset, str(self.accessor), is_descending)


class PreciseDateColumn(tables.Column):
    """A date shown at its precision ("July 2023"); exported as "2023-07"."""

    def __init__(self, *args, precision: str, **kwargs) -> None:
        self.precision_accessor = A(precision)
        kwargs.setdefault("attrs", {"td": {"class": "date"}})
        super().__init__(*args, **kwargs)

    def render(self, value: datetime.date, record: Model) -> str:
        return formatting.at_precision(value, self.precision_accessor.resolve(record))

    def value(self, value: datetime.date, record: Model) -> str:
        return formatting.iso_at_precision(value, self.precision_accessor.resolve(record))


class CountryColumn(tables.Column):
    """A country named in the visitor's language; exported as its ISO code."""

    def render(self, value: str) -> str:
        return formatting.country_name(value)

    def value(self, value: str) -> str:
        return value


class CountColumn(tables.Column):
    """A count with the locale's digit grouping, sorted with a stable tiebreaker."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("attrs", {"th": {"class": "num"}, "td": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value: int) -> str:
        return formatting.number(value)

    def value(self, value: int) -> int:
        return value

    def order(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        # Many rows share a count: the primary key keeps pages stable.
        field = f"-{self.accessor}" if is_descending else str(self.accessor)
        return queryset.order_by(field, "-pk" if is_descending else "pk"), True


class SiteTable(tables.Table):
    """Base table: the site's template, a caption for screen readers, a helpful empty state."""

    caption = ""
    # Shown instead of Meta.empty_text ("no match") when no filter is set.
    nothing_yet = _("Nothing has been recorded yet.")

    class Meta:
        template_name = "django_tables2/site_table.html"
        attrs = {"class": "data-table"}
        per_page = 25


class CompanyTable(SiteTable):
    caption = _("Companies")
    nothing_yet = _("No company has been recorded yet. Editors add them in the admin.")

    name = tables.Column(verbose_name=_("Company"), linkify=True, order_by=("name_key", "pk"))
    sectors = tables.Column(verbose_name=_("Sectors"), accessor="pk", orderable=False, attrs=_WIDE)
    country = CountryColumn(verbose_name=_("Country"), order_by=("country", "name_key"))
    founded_on = PreciseDateColumn(verbose_name=_("Founded"), precision="founded_precision")
    total_raised_usd = UsdColumn(verbose_name=_("Total raised (USD)"))
    # One cell on the page ("Series B", "July 2023" below it); two columns in exports.
    last_round_on = PreciseDateColumn(verbose_name=_("Last round"), precision="last_round_precision")
    last_round_type = tables.Column(verbose_name=_("Last round type"), visible=False)
    latest_valuation = tables.Column(verbose_name=_("Latest valuation"), order_by=("latest_valuation_usd",))
    # Export-only columns, so a spreadsheet gets each figure with its currency.
    latest_valuation_currency = tables.Column(verbose_name=_("Latest valuation currency"), visible=False)
    latest_valuation_usd = UsdColumn(verbose_name=_("Latest valuation (USD)"), visible=False)
    round_count = CountColumn(verbose_name=_("Rounds"))

    class Meta(SiteTable.Meta):
        empty_text = _("No company matches these filters.")

    def render_sectors(self, record: Company) -> str:
        # Reads the view's prefetch_related("sectors").
        return ", ".join(sector.name for sector in record.sectors.all())

    def value_sectors(self, record: Company) -> str:
        return self.render_sectors(record)

    def render_last_round_on(self, value: datetime.date, record: Company) -> SafeString:
        return format_html(
            "{}<br><small>{}</small>",
            formatting.round_type_label(record.last_round_type),
            formatting.at_precision(value, record.last_round_precision),
        )

    def value_last_round_type(self, value: str) -> str:
        return formatting.round_type_label(value)

    def value_last_round_on(self, value: datetime.date, record: Company) -> str:
        return formatting.iso_at_precision(value, record.last_round_precision)

    def render_latest_valuation(self, value: Decimal, record: Company) -> SafeString | str:
        return formatting.money(value, record.latest_valuation_currency)

    def value_latest_valuation(self, value: Decimal) -> Decimal:
        return value

    def order_latest_valuation(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        # Compare valuations across currencies in US dollars.
        return order_nulls_last(queryset, "latest_valuation_usd", is_descending)

    def order_last_round_on(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        return order_nulls_last(queryset, "last_round_on", is_descending)

    def order_founded_on(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        return order_nulls_last(queryset, "founded_on", is_descending)


class InvestorTable(SiteTable):
    caption = _("Investors")
    nothing_yet = _("No investor has been recorded yet. Editors add them in the admin.")

    name = tables.Column(verbose_name=_("Investor"), linkify=True, order_by=("name", "pk"))
    kind = tables.Column(verbose_name=_("Kind"), order_by=("kind", "name"))
    country = CountryColumn(verbose_name=_("Country"), order_by=("country", "name"))
    aliases = tables.Column(verbose_name=_("Also known as"), accessor="pk", orderable=False, attrs=_WIDE)
    rounds_joined = CountColumn(verbose_name=_("Rounds joined"))
    rounds_led = CountColumn(verbose_name=_("Rounds led"))
    companies_backed = CountColumn(verbose_name=_("Companies backed"))
    last_round_on = PreciseDateColumn(verbose_name=_("Latest round"), precision="last_round_precision")

    class Meta(SiteTable.Meta):
        empty_text = _("No investor matches these filters.")

    def render_aliases(self, record: Investor) -> str:
        # Reads Investor.objects.with_aliases().
        return ", ".join(alias.name for alias in record.alias_list)

    def value_aliases(self, record: Investor) -> str:
        return self.render_aliases(record)

    def order_last_round_on(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        return order_nulls_last(queryset, "last_round_on", is_descending)


def _lead_links(round: FundingRound) -> SafeString:
    # Reads FundingRound.objects.with_leads().
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((p.investor.get_absolute_url(), p.investor.name) for p in round.lead_participations),
    )


class RoundTable(SiteTable):
    caption = _("Funding rounds")
    nothing_yet = _("No funding round has been recorded yet. Editors add them in the admin.")

    announced_on = PreciseDateColumn(
        verbose_name=_("Announced"), precision="announced_precision", order_by=("announced_on", "pk")
    )
    company = tables.Column(
        verbose_name=_("Company"),
        accessor="company__name",
        linkify=lambda record: record.company.get_absolute_url(),
        order_by=("company__name_key", "pk"),
    )
    label = tables.Column(verbose_name=_("Round"), accessor="pk", orderable=False)
    round_type = tables.Column(verbose_name=_("Type"), visible=False)
    status = tables.Column(verbose_name=_("Status"), orderable=False)
    amount = tables.Column(verbose_name=_("Amount"), empty_values=(), attrs={"td": {"class": "num"}})
    currency = tables.Column(verbose_name=_("Currency"), visible=False)
    amount_usd = UsdColumn(verbose_name=_("Amount (USD)"))
    leads = tables.Column(verbose_name=_("Led by"), accessor="pk", orderable=False, attrs=_WIDE)
    country = CountryColumn(verbose_name=_("Country"), accessor="company__country", orderable=False)

    class Meta(SiteTable.Meta):
        empty_text = _("No round matches these filters.")

    def render_label(self, record: FundingRound) -> SafeString:
        return formatting.round_title(record)

    def value_label(self, record: FundingRound) -> str:
        return record.display_label

    def render_status(self, value: str, record: FundingRound) -> SafeString:
        return formatting.status_badge(record.status)

    def value_status(self, value: str) -> str:
        return value

    def render_amount(self, record: FundingRound) -> SafeString:
        # The next column has the US-dollar figure.
        return formatting.round_amount(record, with_usd=False)

    def value_amount(self, record: FundingRound) -> Decimal | None:
        return record.amount

    def order_amount(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        # Amounts in different currencies compare in US dollars.
        return order_nulls_last(queryset, "amount_usd", is_descending)

    def render_leads(self, record: FundingRound) -> SafeString:
        return _lead_links(record)

    def value_leads(self, record: FundingRound) -> str:
        return "; ".join(p.investor.name for p in record.lead_participations)


class PortfolioTable(SiteTable):
    """The rounds one investor joined, on its page."""

    caption = _("Rounds joined")

    announced_on = PreciseDateColumn(
        verbose_name=_("Announced"),
        accessor="round__announced_on",
        precision="round__announced_precision",
        order_by=("round__announced_on", "round_id"),
    )
    company = tables.Column(
        verbose_name=_("Company"),
        accessor="round__company__name",
        linkify=lambda record: record.round.company.get_absolute_url(),
        order_by=("round__company__name_key", "round_id"),
    )
    label = tables.Column(verbose_name=_("Round"), accessor="round__pk", orderable=False)
    status = tables.Column(verbose_name=_("Status"), accessor="round__status", orderable=False)
    amount = tables.Column(
        verbose_name=_("Round amount"), accessor="round__pk", empty_values=(), attrs={"td": {"class": "num"}}
    )
    role = tables.Column(verbose_name=_("Role"), order_by=("role", "-round__announced_on"))

    class Meta(SiteTable.Meta):
        empty_text = _("No round recorded for this investor yet.")

    def render_label(self, record: Participation) -> SafeString:
        return formatting.round_title(record.round)

    def value_label(self, record: Participation) -> str:
        return record.round.display_label

    def render_status(self, record: Participation) -> SafeString:
        return formatting.status_badge(record.round.status)

    def render_amount(self, record: Participation) -> SafeString:
        return formatting.round_amount(record.round)

    def order_amount(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        return order_nulls_last(queryset, "round__amount_usd", is_descending)

    def render_role(self, value: str, record: Participation) -> SafeString:
        css = "role role-lead" if record.is_lead else "role"
        return format_html('<span class="{}">{}</span>', css, value)
