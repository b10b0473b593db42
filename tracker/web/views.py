"""The public pages: dashboard, list pages with filters and exports, company and investor histories, search.

Each page runs a fixed number of queries whatever the data size; the tests
in tests/web/ count them and list what each one is for.
"""

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, Max, Min, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin
from django_tables2.export import ExportMixin, TableExport

from tracker.funding.models import (
    Company,
    FundingRound,
    Investor,
    InvestorName,
    Participation,
    ParticipationRole,
)
from tracker.lib.text import name_key
from tracker.web import charts, dashboard
from tracker.web.filters import CompanyFilter, InvestorFilter, RoundFilter
from tracker.web.forms import PeriodForm, SearchForm
from tracker.web.histories import company_history
from tracker.web.periods import CUSTOM, PRESETS
from tracker.web.tables import CompanyTable, InvestorTable, PortfolioTable, RoundTable

PER_PAGE = 25
# ?per_page= comes from the address bar: cap it so nobody lists a million rows in one page.
MAX_PER_PAGE = 100
SEARCH_LIMIT = 50
TOP_CO_INVESTORS = 10
TOP_COMPANIES = 100
_LEAD_ROLES = [ParticipationRole.LEAD, ParticipationRole.CO_LEAD]


class BoundedPaginator(Paginator):
    """A paginator that keeps `per_page` between 1 and MAX_PER_PAGE (0 would divide by zero)."""

    def __init__(self, object_list, per_page: int, orphans: int = 0, allow_empty_first_page: bool = True) -> None:
        super().__init__(object_list, min(max(int(per_page), 1), MAX_PER_PAGE), orphans, allow_empty_first_page)


# django-tables2 shows the last page for a page number past the end, and the
# first for one that is not a number.
TABLE_PAGINATION = {"paginator_class": BoundedPaginator, "per_page": PER_PAGE}


class FilteredTableView(ExportMixin, SingleTableMixin, FilterView):
    """A filtered, sortable, paginated table that exports the filtered rows to CSV or XLSX."""

    # Ignore the values that do not validate (each gets a message) instead of listing nothing.
    strict = False
    table_pagination = TABLE_PAGINATION
    export_formats = (TableExport.CSV, TableExport.XLSX)
    nav = ""

    def get_export_filename(self, export_format: str) -> str:
        return f"{self.export_name}-{timezone.localdate().isoformat()}.{export_format}"

    def get_table_pagination(self, table) -> dict | bool:
        # An export carries every filtered row, so it needs neither pages nor their count query.
        if self.export_class.is_valid_format(self.request.GET.get(self.export_trigger_param)):
            return False
        return super().get_table_pagination(table)

    def get_table_kwargs(self) -> dict:
        # An empty table means "nothing yet" on a fresh site, "no match" once filtered.
        filtered = any(self.request.GET.get(name) for name in self.filterset_class.base_filters)
        if filtered:
            return {}
        return {"empty_text": self.table_class.nothing_yet}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["nav"] = self.nav
        context["export_formats"] = self.export_formats
        return context


class CompanyListView(FilteredTableView):
    template_name = "web/company_list.html"
    table_class = CompanyTable
    filterset_class = CompanyFilter
    export_name = "companies"
    nav = "companies"

    def get_queryset(self) -> QuerySet:
        return (
            Company.objects.with_totals()
            .with_latest_valuation()
            .with_last_round()
            .prefetch_related("sectors")
            # name_key carries the unique index, so the first page reads in index order.
            .order_by("name_key", "pk")
        )


class InvestorListView(FilteredTableView):
    template_name = "web/investor_list.html"
    table_class = InvestorTable
    filterset_class = InvestorFilter
    export_name = "investors"
    nav = "investors"

    def get_queryset(self) -> QuerySet:
        return Investor.objects.with_counts().with_last_round().with_aliases()


class RoundListView(FilteredTableView):
    template_name = "web/round_list.html"
    table_class = RoundTable
    filterset_class = RoundFilter
    export_name = "rounds"
    nav = "rounds"

    def get_queryset(self) -> QuerySet:
        return FundingRound.objects.select_related("company").with_leads().order_by("-announced_on", "-pk")


class DashboardView(TemplateView):
    template_name = "web/dashboard.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form = PeriodForm(self.request.GET or None)
        period = form.get_period(today)
        context.update(
            dashboard.figures(period),
            nav="dashboard",
            form=form,
            period=period,
            presets=[(key, label, key == period.preset) for key, (_months, label) in PRESETS.items()],
            is_custom=period.preset == CUSTOM,
            latest=dashboard.latest_additions(),
        )
        return context


class CompanyDetailView(TemplateView):
    template_name = "web/company_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        company = get_object_or_404(
            Company.objects.with_totals().with_latest_valuation().prefetch_related("sectors", "founders"),
            slug=self.kwargs["slug"],
        )
        context.update(nav="companies", company=company, history=company_history(company))
        return context


class InvestorDetailView(TemplateView):
    template_name = "web/investor_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        investor = get_object_or_404(Investor.objects.with_counts().with_aliases(), slug=self.kwargs["slug"])
        joined = Participation.objects.filter(investor=investor)
        table = PortfolioTable(
            joined.select_related("round__company").order_by("-round__announced_on", "-round_id"),
        )
        RequestConfig(self.request, paginate=TABLE_PAGINATION).configure(table)
        context.update(
            nav="investors",
            investor=investor,
            participated_count=investor.rounds_joined - investor.rounds_led,
            table=table,
            companies=companies_backed(joined),
            activity=activity_chart(investor, joined),
            co_investors=co_investors(investor),
        )
        return context


def companies_backed(joined: QuerySet) -> list[dict]:
    """Group an investor's participations by company, most rounds first, the top ones only: one query.

    A large fund backs thousands of companies; its page lists the first
    TOP_COMPANIES and says how many there are (`companies_backed`).
    """
    return list(
        joined.order_by()
        .values("round__company_id", "round__company__name", "round__company__slug")
        .annotate(
            rounds=Count("round_id", distinct=True),
            led=Count("pk", filter=Q(role__in=_LEAD_ROLES)),
            first_on=Min("round__announced_on"),
            last_on=Max("round__announced_on"),
        )
        .order_by("-rounds", "round__company__name", "round__company_id")[:TOP_COMPANIES]
    )


def activity_chart(investor: Investor, joined: QuerySet) -> charts.Chart:
    """Chart the rounds an investor led and joined without leading, per year: one query."""
    rows = (
        joined.annotate(year=ExtractYear("round__announced_on"))
        .order_by()
        .values("year")
        .annotate(led=Count("pk", filter=Q(role__in=_LEAD_ROLES)), other=Count("pk", filter=~Q(role__in=_LEAD_ROLES)))
    )
    per_year = {row["year"]: (row["led"], row["other"]) for row in rows}
    # Quiet years show as zero rather than vanish from the axis.
    years = range(min(per_year), max(per_year) + 1) if per_year else []
    points = [(year, *per_year.get(year, (0, 0))) for year in years]
    return charts.activity_chart(
        title=_("Rounds of %(investor)s per year") % {"investor": investor.name}, points=points
    )


def co_investors(investor: Investor) -> list[dict]:
    """The investors found most often in the same rounds: one aggregate query."""
    rounds = Participation.objects.filter(investor=investor).values("round_id")
    return list(
        Participation.objects.filter(round_id__in=rounds)
        .exclude(investor=investor)
        .order_by()
        .values("investor_id", "investor__name", "investor__slug")
        .annotate(shared=Count("round_id", distinct=True))
        .order_by("-shared", "investor__name", "investor_id")[:TOP_CO_INVESTORS]
    )


class SearchView(TemplateView):
    """Find companies and investors by name or alias, ignoring case and accents."""

    template_name = "web/search.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        key = name_key(query)
        companies: list[Company] = []
        investors: list[Investor] = []
        if key:
            # Pick the shown rows first, then compute their totals: sorting the
            # annotated rows would compute totals for every match ("capital"
            # can match thousands of investors). The sliced subquery keeps it one query.
            exact_company = Case(When(name_key=key, then=Value(0)), default=Value(1))
            company_order = ("exact", "name_key", "pk")
            shown_companies = (
                Company.objects.search(query).annotate(exact=exact_company).order_by(*company_order).values("pk")
            )
            companies = list(
                Company.objects.filter(pk__in=shown_companies[: SEARCH_LIMIT + 1])
                .with_totals()
                .annotate(exact=exact_company)
                .order_by(*company_order)
            )
            exact_investor = Exists(InvestorName.objects.filter(investor=OuterRef("pk"), key=key))
            investor_order = ("-exact", "name", "pk")
            shown_investors = (
                Investor.objects.search(query).annotate(exact=exact_investor).order_by(*investor_order).values("pk")
            )
            investors = list(
                Investor.objects.filter(pk__in=shown_investors[: SEARCH_LIMIT + 1])
                .with_counts()
                .with_aliases()
                .annotate(exact=exact_investor)
                .order_by(*investor_order)
            )
        context.update(
            form=form,
            query=query,
            search_query=query,
            searched=bool(key),
            companies=companies[:SEARCH_LIMIT],
            investors=investors[:SEARCH_LIMIT],
            more_companies=len(companies) > SEARCH_LIMIT,
            more_investors=len(investors) > SEARCH_LIMIT,
            limit=SEARCH_LIMIT,
        )
        return context
