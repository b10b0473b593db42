"""The dashboard's figures for a period: a fixed handful of aggregate queries whatever the data size."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import translation
from django.utils.translation import gettext as _

from tracker.funding.models import DataVersion, FundingRound, Participation, ParticipationRole, RoundStatus
from tracker.lib.money import ZERO
from tracker.web import charts
from tracker.web.formatting import round_type_label
from tracker.web.periods import Bucket, Period, buckets, chart_axis

TOP = 10
# Figures are cached per data version, so a change shows at once; the timeout
# only bounds how long unused periods stay in memory.
CACHE_SECONDS = 3600
_LEAD_ROLES = [ParticipationRole.LEAD, ParticipationRole.CO_LEAD]


@dataclass(frozen=True)
class Totals:
    raised_usd: Decimal
    round_count: int
    # Counted rounds whose amount is known in US dollars: the ones the median reads.
    disclosed_count: int
    undisclosed_count: int
    # Counted rounds with an amount but no ECB rate for their currency and date.
    unconverted_count: int
    median_usd: Decimal | None
    rumored_count: int
    rumored_usd: Decimal
    withdrawn_count: int
    first_on: datetime.date | None
    last_on: datetime.date | None


@dataclass(frozen=True)
class TypeShare:
    round_type: str
    label: str
    round_count: int
    undisclosed_count: int
    raised_usd: Decimal
    share: Decimal | None


def _period_q(period: Period, prefix: str = "") -> Q:
    query = Q()
    if period.start:
        query &= Q(**{f"{prefix}announced_on__gte": period.start})
    query &= Q(**{f"{prefix}announced_on__lte": period.end})
    return query


def period_rounds(period: Period) -> QuerySet:
    return FundingRound.objects.in_period(period.start, period.end)


def totals(period: Period) -> Totals:
    """Sum up the period in one query, plus one for the median when some amount is known."""
    rounds = period_rounds(period)
    counted = Q(status__in=RoundStatus.counted())
    rumored = Q(status=RoundStatus.RUMORED)
    figures = rounds.aggregate(
        raised_usd=Coalesce(Sum("amount_usd", filter=counted), ZERO),
        round_count=Count("pk", filter=counted),
        disclosed_count=Count("pk", filter=counted & Q(amount_usd__isnull=False)),
        undisclosed_count=Count("pk", filter=counted & Q(amount__isnull=True)),
        unconverted_count=Count("pk", filter=counted & Q(amount__isnull=False, amount_usd__isnull=True)),
        rumored_count=Count("pk", filter=rumored),
        rumored_usd=Coalesce(Sum("amount_usd", filter=rumored), ZERO),
        withdrawn_count=Count("pk", filter=Q(status=RoundStatus.WITHDRAWN)),
        first_on=Min("announced_on", filter=counted),
        last_on=Max("announced_on", filter=counted),
    )
    median = rounds.counted().median_amount_usd(count=figures["disclosed_count"])
    return Totals(median_usd=median, **figures)


def chart(period: Period, summary: Totals) -> tuple[charts.Chart | None, bool]:
    """Draw capital raised and round count per month (per quarter beyond 36 months): one query.

    Returns the chart (None when no round falls in the period) and whether bars are quarters.
    """
    monthly_rows = (
        period_rounds(period)
        .counted()
        .annotate(month=TruncMonth("announced_on"))
        .order_by()
        .values("month")
        .annotate(raised=Coalesce(Sum("amount_usd"), ZERO), rounds=Count("pk"))
    )
    monthly = {row["month"]: (row["raised"], row["rounds"]) for row in monthly_rows}
    axis = chart_axis(period, summary.first_on, summary.last_on)
    if axis is None:
        return None, False
    quarterly, bars = buckets(monthly, *axis)
    title = (
        _("Capital raised (USD) and rounds per quarter")
        if quarterly
        else _("Capital raised (USD) and rounds per month")
    )
    return charts.bar_line_chart(title=title, points=[_point(bar) for bar in bars]), quarterly


def _point(bar: Bucket) -> tuple[str, Decimal, int]:
    return (bar.label, bar.raised_usd, bar.rounds)


def by_round_type(period: Period, summary: Totals) -> list[TypeShare]:
    """Break the period's counted rounds down by type, biggest capital first: one query."""
    rows = (
        period_rounds(period)
        .counted()
        .order_by()
        .values("round_type")
        .annotate(
            round_count=Count("pk"),
            undisclosed_count=Count("pk", filter=Q(amount__isnull=True)),
            raised_usd=Coalesce(Sum("amount_usd"), ZERO),
        )
        .order_by("-raised_usd", "-round_count", "round_type")
    )
    return [
        TypeShare(
            round_type=row["round_type"],
            label=round_type_label(row["round_type"]),
            round_count=row["round_count"],
            undisclosed_count=row["undisclosed_count"],
            raised_usd=row["raised_usd"],
            share=row["raised_usd"] / summary.raised_usd if summary.raised_usd else None,
        )
        for row in rows
    ]


def biggest_rounds(period: Period) -> list[FundingRound]:
    """The period's largest counted rounds in US dollars, with company and leads: two queries."""
    return list(
        period_rounds(period)
        .counted()
        .filter(amount_usd__isnull=False)
        .select_related("company")
        .with_leads()
        .order_by("-amount_usd", "-pk")[:TOP]
    )


def active_investors(period: Period) -> list[dict]:
    """The investors in most of the period's counted rounds, with how many they led: one query."""
    return list(
        Participation.objects.filter(_period_q(period, "round__"), round__status__in=RoundStatus.counted())
        .order_by()
        .values("investor_id", "investor__name", "investor__slug")
        .annotate(
            joined=Count("pk"),
            led=Count("pk", filter=Q(role__in=_LEAD_ROLES)),
        )
        .order_by("-joined", "-led", "investor__name", "investor_id")[:TOP]
    )


def latest_additions() -> list[FundingRound]:
    """The rounds most recently entered, whatever their date: one query."""
    return list(FundingRound.objects.select_related("company").order_by("-created_at", "-pk")[:TOP])


def figures(period: Period) -> dict:
    """Everything the dashboard computes for a period, cached until the data changes.

    Costs one query (the data version) when cached; over a million rounds the
    full computation takes seconds, so it runs once per period, language and change.
    """
    key = f"dashboard:{DataVersion.current()}:{translation.get_language()}:{period.start}:{period.end}"
    found = cache.get(key)
    if found is not None:
        return found
    summary = totals(period)
    drawn, quarterly = chart(period, summary)
    found = {
        "totals": summary,
        "chart": drawn,
        "quarterly": quarterly,
        "by_type": by_round_type(period, summary),
        "biggest": biggest_rounds(period),
        "investors": active_investors(period),
    }
    cache.set(key, found, CACHE_SECONDS)
    return found
