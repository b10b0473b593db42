"""A company's funding history: rounds with their investors, valuations, step-ups and sources.

Four queries whatever the number of rounds (rounds, their participations,
valuations, citations); everything else is grouped in Python.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from tracker.funding.models import (
    Citation,
    Company,
    FundingRound,
    Investor,
    Participation,
    ParticipationRole,
    RoundStatus,
    RoundType,
    Source,
    Valuation,
    ValuationKind,
)
from tracker.lib.money import ZERO
from tracker.web import charts

STEP_UP_PLACES = Decimal("0.1")


@dataclass
class Backer:
    """One investor of the company, with every role it held across rounds."""

    investor: Investor
    role_codes: list[str] = field(default_factory=list)
    round_count: int = 0
    led_count: int = 0

    @property
    def roles(self) -> list[str]:
        """Role names, lead first."""
        order = list(ParticipationRole)
        return [str(role.label) for role in sorted(map(ParticipationRole, self.role_codes), key=order.index)]


@dataclass
class History:
    rounds: list[FundingRound]
    loose_valuations: list[Valuation]
    backers: list[Backer]
    chart: charts.Chart


def _round_of(citation: Citation) -> int | None:
    """Return the round a citation supports, directly or through a participation or valuation."""
    if citation.round_id:
        return citation.round_id
    if citation.participation_id:
        return citation.participation.round_id
    return citation.valuation.round_id


def _step_ups(chronological: list[FundingRound]) -> None:
    """Set `step_up` (and `step_up_from`) on priced rounds: post-money over the previous priced round's.

    Compared in US dollars so a company moving from euros to dollars keeps a
    meaningful multiple; rumored and withdrawn rounds do not set a price.
    """
    previous = None
    for round in chronological:
        round.step_up, round.step_up_from = None, None
        if round.status not in RoundStatus.counted() or not RoundType(round.round_type).is_priced_equity:
            continue
        if not round.post_money_usd:
            continue
        if previous is not None:
            ratio = round.post_money_usd / previous.post_money_usd
            round.step_up = ratio.quantize(STEP_UP_PLACES, rounding=ROUND_HALF_UP)
            round.step_up_from = previous
        previous = round


def _chart(company: Company, chronological: list[FundingRound], valuations: list[Valuation]) -> charts.Chart:
    """Plot cumulative capital raised at each counted round and every post-money valuation."""
    events: list[tuple] = [
        (round.announced_on, 0, round.pk, round) for round in chronological if round.status in RoundStatus.counted()
    ]
    # Valuations reported outside a round (e.g. a secondary sale) still belong on the valuation line.
    events += [
        (valuation.valued_on, 1, valuation.pk, valuation)
        for valuation in valuations
        if valuation.round_id is None and valuation.kind == ValuationKind.POST_MONEY
    ]
    events.sort(key=lambda event: event[:3])
    raised, points = ZERO, []
    for day, _order, _pk, item in events:
        if isinstance(item, FundingRound):
            raised += item.amount_usd or ZERO
            points.append((day, raised, item.post_money_usd, item.display_label))
        else:
            points.append((day, raised, item.amount_usd, _("Valuation")))
    return charts.history_chart(
        title=_("Capital raised and valuation of %(company)s") % {"company": company.name}, points=points
    )


def company_history(company: Company) -> History:
    """Gather everything the company page shows below its header."""
    participations = Participation.objects.select_related("investor").order_by("role", "investor__name", "pk")
    rounds = list(
        company.rounds.with_valuations()
        .prefetch_related(Prefetch("participations", queryset=participations, to_attr="participation_list"))
        .order_by("-announced_on", "-pk")
    )
    valuations = list(company.valuations.order_by("valued_on", "pk"))
    # Literal id lists rather than joins on the company: each branch of the OR
    # then reads its own foreign-key index instead of scanning every citation.
    participation_ids = [p.pk for round in rounds for p in round.participation_list]
    citations = (
        Citation.objects.filter(
            Q(round_id__in=[round.pk for round in rounds])
            | Q(participation_id__in=participation_ids)
            | Q(valuation_id__in=[valuation.pk for valuation in valuations])
        )
        .select_related("source", "participation__investor", "valuation")
        .order_by("pk")
    )

    by_round: dict[int | None, list[Citation]] = {}
    by_valuation: dict[int, list[Citation]] = {}
    for citation in citations:
        round_id = _round_of(citation)
        if round_id is None:
            by_valuation.setdefault(citation.valuation_id, []).append(citation)
        else:
            by_round.setdefault(round_id, []).append(citation)

    backers: dict[int, Backer] = {}
    for round in rounds:
        round.citation_list = by_round.get(round.pk, [])
        # Leads before co-leads, each group by name (the query sorts roles alphabetically).
        round.leads = sorted((p for p in round.participation_list if p.is_lead), key=lambda p: p.role != "lead")
        round.others = [p for p in round.participation_list if not p.is_lead]
        for participation in round.participation_list:
            backer = backers.setdefault(participation.investor_id, Backer(participation.investor))
            backer.round_count += 1
            backer.led_count += participation.is_lead
            if participation.role not in backer.role_codes:
                backer.role_codes.append(participation.role)

    loose = [v for v in valuations if v.round_id is None]
    for valuation in loose:
        valuation.citation_list = by_valuation.get(valuation.pk, [])
    loose.reverse()  # newest first, like the rounds

    for item in [*rounds, *loose]:
        item.source_groups = group_by_source(item.citation_list)

    chronological = list(reversed(rounds))
    _step_ups(chronological)
    ordered_backers = sorted(backers.values(), key=lambda b: (-b.led_count, -b.round_count, b.investor.name))
    return History(
        rounds=rounds,
        loose_valuations=loose,
        backers=ordered_backers,
        chart=_chart(company, chronological, valuations),
    )


@dataclass
class QuoteGroup:
    quote: str
    citations: list[Citation]


@dataclass
class SourceGroup:
    source: Source
    quotes: list[QuoteGroup]


def group_by_source(citations: list[Citation]) -> list[SourceGroup]:
    """Group citations by source, then by quote: one sentence often states several facts."""
    groups: dict[int, SourceGroup] = {}
    for citation in citations:
        group = groups.setdefault(citation.source_id, SourceGroup(citation.source, []))
        same = next((q for q in group.quotes if q.quote == citation.quote), None)
        if same is None:
            group.quotes.append(QuoteGroup(citation.quote, [citation]))
        else:
            same.citations.append(citation)
    return list(groups.values())
