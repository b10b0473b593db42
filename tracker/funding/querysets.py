"""Chainable read logic: `Company.objects.with_totals().with_latest_valuation()`.

Each "latest X per row" or "total per row" is a correlated subquery, so it
stays one query however many rows are listed, and annotations never multiply
each other the way joins would.
"""

from decimal import Decimal

from django.apps import apps
from django.db import models
from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from tracker.lib.money import DECIMAL_PLACES, MAX_DIGITS

_MONEY = DecimalField(max_digits=MAX_DIGITS + 4, decimal_places=DECIMAL_PLACES)
_COUNTED = ["announced", "closed"]


def _model(name: str) -> type[models.Model]:
    return apps.get_model("funding", name)


def _first(queryset: models.QuerySet, field: str, output_field: models.Field | None = None) -> Subquery:
    return Subquery(queryset.values(field)[:1], output_field=output_field)


def _sum(queryset: models.QuerySet, field: str, group: str) -> Coalesce:
    """Sum `field` per `group` in a subquery, 0 when there is nothing to sum."""
    total = queryset.order_by().values(group).annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total, output_field=_MONEY), Value(Decimal("0")), output_field=_MONEY)


def _count(queryset: models.QuerySet, group: str) -> Coalesce:
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), Value(0))


class CompanyQuerySet(models.QuerySet):
    def with_totals(self) -> "CompanyQuerySet":
        """Annotate total_raised_usd (announced and closed rounds) and round_count."""
        rounds = _model("FundingRound").objects.filter(company=OuterRef("pk"))
        return self.annotate(
            total_raised_usd=_sum(rounds.filter(status__in=_COUNTED), "amount_usd", "company"),
            round_count=_count(rounds, "company"),
        )

    def with_latest_valuation(self) -> "CompanyQuerySet":
        """Annotate the latest post-money valuation (amount, currency, USD, date)."""
        latest = (
            _model("Valuation").objects.filter(company=OuterRef("pk"), kind="post_money").order_by("-valued_on", "-pk")
        )
        return self.annotate(
            latest_valuation=_first(latest, "amount", _MONEY),
            latest_valuation_currency=_first(latest, "currency"),
            latest_valuation_usd=_first(latest, "amount_usd", _MONEY),
            latest_valuation_on=_first(latest, "valued_on"),
            latest_valuation_precision=_first(latest, "valued_precision"),
        )

    def with_last_round(self) -> "CompanyQuerySet":
        """Annotate the type and date of the company's most recent round."""
        latest = _model("FundingRound").objects.filter(company=OuterRef("pk")).order_by("-announced_on", "-pk")
        return self.annotate(
            last_round_type=_first(latest, "round_type"),
            last_round_on=_first(latest, "announced_on"),
            last_round_precision=_first(latest, "announced_precision"),
        )

    def search(self, text: str) -> "CompanyQuerySet":
        from tracker.lib.text import name_key

        key = name_key(text)
        return self.filter(name_key__contains=key) if key else self


class InvestorQuerySet(models.QuerySet):
    def with_counts(self) -> "InvestorQuerySet":
        """Annotate rounds_led, rounds_joined and companies_backed."""
        participations = _model("Participation").objects.filter(investor=OuterRef("pk"))
        companies = (
            participations.order_by().values("investor").annotate(n=Count("round__company", distinct=True)).values("n")
        )
        return self.annotate(
            rounds_led=_count(participations.filter(role__in=["lead", "co_lead"]), "investor"),
            rounds_joined=_count(participations, "investor"),
            companies_backed=Coalesce(Subquery(companies, output_field=models.IntegerField()), Value(0)),
        )

    def search(self, text: str) -> "InvestorQuerySet":
        """Investors whose name or an alias contains `text`, ignoring case and accents."""
        from tracker.lib.text import name_key

        key = name_key(text)
        if not key:
            return self
        matching = _model("InvestorName").objects.filter(key__contains=key).values("investor_id")
        return self.filter(pk__in=matching)

    def with_last_round(self) -> "InvestorQuerySet":
        """Annotate the date (and its precision) of the latest round the investor joined."""
        latest = (
            _model("Participation")
            .objects.filter(investor=OuterRef("pk"))
            .order_by("-round__announced_on", "-round_id")
        )
        return self.annotate(
            last_round_on=_first(latest, "round__announced_on"),
            last_round_precision=_first(latest, "round__announced_precision"),
        )

    def with_aliases(self) -> "InvestorQuerySet":
        """Prefetch the aliases (not the primary name) into `alias_list`: one query for all rows."""
        aliases = _model("InvestorName").objects.filter(is_primary=False).order_by("name", "pk")
        return self.prefetch_related(models.Prefetch("names", queryset=aliases, to_attr="alias_list"))


class FundingRoundQuerySet(models.QuerySet):
    def counted(self) -> "FundingRoundQuerySet":
        """Rounds whose amounts count towards capital raised (announced or closed)."""
        return self.filter(status__in=_COUNTED)

    def with_valuations(self) -> "FundingRoundQuerySet":
        """Annotate pre_money and post_money (amount and currency) of each round."""
        valuations = _model("Valuation").objects.filter(round=OuterRef("pk"))
        pre = valuations.filter(kind="pre_money")
        post = valuations.filter(kind="post_money")
        return self.annotate(
            pre_money=_first(pre, "amount", _MONEY),
            pre_money_currency=_first(pre, "currency"),
            post_money=_first(post, "amount", _MONEY),
            post_money_currency=_first(post, "currency"),
            post_money_usd=_first(post, "amount_usd", _MONEY),
        )

    def in_period(self, start, end) -> "FundingRoundQuerySet":
        query = Q()
        if start:
            query &= Q(announced_on__gte=start)
        if end:
            query &= Q(announced_on__lte=end)
        return self.filter(query)

    def with_leads(self) -> "FundingRoundQuerySet":
        """Prefetch lead and co-lead participations, with their investors, into `lead_participations`."""
        leads = (
            _model("Participation")
            .objects.filter(role__in=["lead", "co_lead"])
            .select_related("investor")
            .order_by("role", "investor__name", "pk")
        )
        return self.prefetch_related(models.Prefetch("participations", queryset=leads, to_attr="lead_participations"))

    def median_amount_usd(self, count: int | None = None) -> Decimal | None:
        """Return the median USD amount of these rounds (undisclosed ones left out), in one query.

        Sorts by amount and reads the middle row(s) with LIMIT/OFFSET, which
        every backend supports and which stays exact: PostgreSQL's
        percentile_cont() would convert NUMERIC to double precision. Pass
        `count` (rounds with a USD amount) when already known, to save a query.
        The sort reads the period's rows once; fine for a year of a
        million-round table, and the (-amount_usd, -id) index helps.
        """
        disclosed = self.filter(amount_usd__isnull=False)
        if count is None:
            count = disclosed.count()
        if count == 0:
            return None
        # One middle row for an odd count, the two middle rows for an even one.
        ordered = disclosed.order_by("amount_usd", "pk").values_list("amount_usd", flat=True)
        middle = list(ordered[(count - 1) // 2 : count // 2 + 1])
        if not middle:  # rows deleted since they were counted
            return None
        from tracker.lib.money import quantize

        return quantize(sum(middle, Decimal("0")) / len(middle))


class ParticipationQuerySet(models.QuerySet):
    def leads(self) -> "ParticipationQuerySet":
        return self.filter(role__in=["lead", "co_lead"])
