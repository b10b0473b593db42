"""Save a reviewed article draft: source, company, round, participations, valuations and citations.

Everything happens in one transaction: an error anywhere leaves nothing behind.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tracker.funding.forms import check_round_figures
from tracker.funding.models import (
    Citation,
    CitationFact,
    Company,
    FundingRound,
    Investor,
    InvestorName,
    Participation,
    ParticipationRole,
    RoundStatus,
    RoundType,
    Source,
    SourceLanguage,
    Valuation,
    ValuationKind,
)
from tracker.lib.dates import DatePrecision
from tracker.lib.text import name_key

# A later report may move a round forward (rumor → announced → closed), never back.
_STATUS_RANK = {RoundStatus.RUMORED: 0, RoundStatus.ANNOUNCED: 1, RoundStatus.CLOSED: 2}
_ROLE_RANK = {ParticipationRole.PARTICIPANT: 0, ParticipationRole.CO_LEAD: 1, ParticipationRole.LEAD: 2}
_GENERIC_TYPES = {RoundType.SERIES_UNKNOWN, RoundType.UNDISCLOSED}


class IntakeError(Exception):
    """The reviewed draft cannot be saved as it stands; the message tells the editor why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ArticleData:
    """The article the facts come from."""

    title: str
    text: str = ""
    url: str = ""
    publisher: str = ""
    language: str = SourceLanguage.OTHER
    published_on: datetime.date | None = None


@dataclass(frozen=True)
class Figure:
    """An amount in a currency, with the sentence that states it."""

    amount: Decimal
    currency: str
    quote: str = ""


@dataclass(frozen=True)
class RoundData:
    """The round as the editor confirmed it; quotes are keyed by CitationFact (amount, status, date, type)."""

    round_type: str
    status: str
    announced_on: datetime.date
    announced_precision: str = DatePrecision.DAY
    label: str = ""
    closed_on: datetime.date | None = None
    closed_precision: str = DatePrecision.DAY
    amount: Decimal | None = None
    currency: str = "USD"
    target_amount: Decimal | None = None
    investor_list_complete: bool = True
    keep_as_reported: bool = False
    pre_money: Figure | None = None
    post_money: Figure | None = None
    reported_valuation: Figure | None = None
    quotes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InvestorData:
    """One investor of the round: an existing one (investor_id) or a new one named `name`."""

    name: str
    role: str = ParticipationRole.PARTICIPANT
    investor_id: int | None = None
    quote: str = ""


@dataclass
class SavedRound:
    """What the save did, for the editor's confirmation message."""

    round: FundingRound
    source: Source
    round_created: bool
    company_created: bool
    investors_created: list[Investor] = field(default_factory=list)
    participations_added: int = 0
    roles_upgraded: int = 0


def save_reviewed_round(
    *,
    article: ArticleData,
    round_data: RoundData,
    investors: Sequence[InvestorData],
    company_id: int | None = None,
    company_name: str = "",
    attach_to_id: int | None = None,
) -> SavedRound:
    """Create or update the source, company, round, participations, valuations and citations of one article.

    With `attach_to_id`, the article updates that round of the company instead of
    creating one: its status only moves forward, participations are only added
    (roles upgraded when the article states a lead), and citations from every
    article are kept. Raise IntakeError when the draft cannot be saved.
    """
    if company_id is None and not name_key(company_name or ""):
        raise IntakeError(_("Choose an existing company or enter the name of a new one."))
    if round_data.round_type not in RoundType.values:
        raise IntakeError(_("“%(type)s” is not a round type.") % {"type": round_data.round_type})
    if round_data.status not in RoundStatus.values:
        raise IntakeError(_("“%(status)s” is not a round status.") % {"status": round_data.status})
    for investor in investors:
        if investor.role not in _ROLE_RANK:
            raise IntakeError(_("“%(role)s” is not an investor role.") % {"role": investor.role})

    with transaction.atomic():
        source = _source(article)
        company, company_created = _company(company_id, company_name)
        if attach_to_id is not None:
            round_ = _locked_round(attach_to_id, company)
            _merge_round(round_, round_data, article)
            round_created = False
        else:
            round_ = _new_round(company, round_data, article)
            round_created = True
        _save_valuations(round_, round_data, source)
        _cite_round(round_, round_data, source)
        saved = SavedRound(round_, source, round_created, company_created)
        _save_participations(round_, investors, source, saved)
    return saved


def _clean(instance, **kwargs) -> None:
    """Run the model's validation; turn its messages into one IntakeError."""
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False, **kwargs)
    except ValidationError as error:
        raise IntakeError(" ".join(error.messages)) from None


def _source(article: ArticleData) -> Source:
    """Reuse the source with the same URL, or create it."""
    url = (article.url or "").strip()
    if url:
        existing = Source.objects.select_for_update().filter(url=url).first()
        if existing is not None:
            if not existing.text and article.text:
                existing.text = article.text
                existing.save(update_fields=["text"])
            return existing
    language = article.language if article.language in SourceLanguage.values else SourceLanguage.OTHER
    source = Source(
        url=url,
        title=(article.title or "").strip()[:500],
        publisher=(article.publisher or "").strip()[:200],
        language=language,
        published_on=article.published_on,
        text=article.text,
    )
    _clean(source)
    source.save()
    return source


def _company(company_id: int | None, company_name: str) -> tuple[Company, bool]:
    if company_id is not None:
        company = Company.objects.filter(pk=company_id).first()
        if company is None:
            raise IntakeError(_("The chosen company no longer exists; choose another or create it."))
        return company, False
    name = company_name.strip()
    clash = Company.objects.filter(name_key=name_key(name)).first()
    if clash is not None:
        raise IntakeError(_("A company named “%(name)s” already exists; choose it instead.") % {"name": clash.name})
    company = Company(name=name)
    _clean(company)
    company.save()
    return company, True


def _locked_round(round_id: int, company: Company) -> FundingRound:
    round_ = FundingRound.objects.select_for_update().filter(pk=round_id).first()
    if round_ is None:
        raise IntakeError(_("The round to update no longer exists; create a new round instead."))
    if round_.company_id != company.pk:
        raise IntakeError(
            _("Round #%(pk)s belongs to %(other)s, not to %(company)s.")
            % {"pk": round_.pk, "other": round_.company.name, "company": company.name}
        )
    return round_


def _round_fields(data: RoundData) -> dict:
    return {
        "round_type": data.round_type,
        "label": data.label.strip()[:120],
        "status": data.status,
        "announced_on": data.announced_on,
        "announced_precision": data.announced_precision,
        "closed_on": data.closed_on,
        "closed_precision": data.closed_precision,
        "amount": data.amount,
        "currency": data.currency,
        "target_amount": data.target_amount,
        "investor_list_complete": data.investor_list_complete,
        "keep_as_reported": data.keep_as_reported,
    }


def _change_reason(title: str) -> str:
    # django-simple-history keeps at most 100 characters of reason.
    return (_("From article: %(title)s") % {"title": title})[:100]


def _new_round(company: Company, data: RoundData, article: ArticleData) -> FundingRound:
    round_ = FundingRound(company=company, **_round_fields(data))
    _clean(round_, exclude=["company"])
    round_._change_reason = _change_reason(article.title)
    round_.save()
    return round_


def _merge_round(round_: FundingRound, data: RoundData, article: ArticleData) -> None:
    """Update an existing round with a later (or parallel) report of it."""
    old_rank = _STATUS_RANK.get(round_.status)
    new_rank = _STATUS_RANK.get(data.status)
    # The report that is at least as far along (announced over rumored) states the figures.
    authoritative = old_rank is None or (new_rank is not None and new_rank >= old_rank)
    if round_.status == RoundStatus.WITHDRAWN and data.status != RoundStatus.WITHDRAWN:
        authoritative = False
    if data.status == RoundStatus.WITHDRAWN:
        round_.status = RoundStatus.WITHDRAWN
    if new_rank is not None and old_rank is not None and new_rank > old_rank:
        round_.status = data.status
        # For a rumor, announced_on is when it was first reported; once announced, it is the announcement.
        round_.announced_on = data.announced_on
        round_.announced_precision = data.announced_precision
    if round_.round_type in _GENERIC_TYPES and data.round_type not in _GENERIC_TYPES:
        round_.round_type = data.round_type
        round_.label = data.label.strip()[:120] or round_.label
    elif not round_.label and data.round_type == round_.round_type:
        round_.label = data.label.strip()[:120]
    if authoritative:
        if data.amount is not None:
            round_.amount = data.amount
            round_.currency = data.currency
        if data.target_amount is not None:
            round_.target_amount = data.target_amount
            if round_.amount is None:
                round_.currency = data.currency
        if data.closed_on is not None:
            round_.closed_on = data.closed_on
            round_.closed_precision = data.closed_precision
        round_.investor_list_complete = data.investor_list_complete
    elif round_.amount is None and data.amount is not None:
        round_.amount = data.amount
        round_.currency = data.currency
    round_.keep_as_reported = round_.keep_as_reported or data.keep_as_reported
    _clean(round_, exclude=["company"])
    round_._change_reason = _change_reason(article.title)
    round_.save()


def _save_valuations(round_: FundingRound, data: RoundData, source: Source) -> None:
    """Write the pre-, post-money and reported valuations of the round, dated like the round, each cited.

    The figures are checked once merged with those the round already has, before anything is written.
    """
    existing = {
        v.kind: v for v in round_.valuations.filter(kind__in=[ValuationKind.PRE_MONEY, ValuationKind.POST_MONEY])
    }
    merged = {kind: (v.amount, v.currency) for kind, v in existing.items()}
    pending = [(ValuationKind.PRE_MONEY, data.pre_money), (ValuationKind.POST_MONEY, data.post_money)]
    pending = [(kind, figure) for kind, figure in pending if figure is not None]
    merged.update({kind: (figure.amount, figure.currency) for kind, figure in pending})
    errors = check_round_figures(round_, merged)
    if errors:
        raise IntakeError(" ".join(errors.values()))
    # The database refuses a post-money below the pre-money at every row write: when the new
    # pre-money exceeds the old post-money, write the post-money first.
    old_post = existing.get(ValuationKind.POST_MONEY)
    if data.pre_money and old_post and data.pre_money.amount > old_post.amount:
        pending.reverse()
    for kind, figure in pending:
        valuation = existing.get(kind) or Valuation(company_id=round_.company_id, round=round_, kind=kind)
        _write_valuation(valuation, round_, figure, source)
    if data.reported_valuation is not None:
        figure = data.reported_valuation
        same = round_.valuations.filter(kind=ValuationKind.REPORTED, amount=figure.amount, currency=figure.currency)
        valuation = same.first() or Valuation(company_id=round_.company_id, round=round_, kind=ValuationKind.REPORTED)
        _write_valuation(valuation, round_, figure, source)


def _write_valuation(valuation: Valuation, round_: FundingRound, figure: Figure, source: Source) -> None:
    valuation.amount = figure.amount
    valuation.currency = figure.currency
    valuation.valued_on = round_.announced_on
    valuation.valued_precision = round_.announced_precision
    _clean(valuation, exclude=["company", "round"])
    valuation.save()
    _cite(source, CitationFact.VALUATION, figure.quote, valuation=valuation)


def _cite(source: Source, fact: str, quote: str, **subject) -> None:
    """Cite the source for a fact once; a second save of the same article adds nothing."""
    quote = (quote or "").strip()
    if not Citation.objects.filter(source=source, fact=fact, **subject).exists():
        Citation.objects.create(source=source, fact=fact, quote=quote, **subject)


def _cite_round(round_: FundingRound, data: RoundData, source: Source) -> None:
    facts = [CitationFact.STATUS, CitationFact.DATE, CitationFact.TYPE]
    if data.amount is not None or data.target_amount is not None:
        facts.insert(0, CitationFact.AMOUNT)
    for fact in facts:
        _cite(source, fact, data.quotes.get(fact, ""), round=round_)


def _investor(data: InvestorData, saved: SavedRound) -> Investor:
    if data.investor_id is not None:
        investor = Investor.objects.filter(pk=data.investor_id).first()
        if investor is None:
            raise IntakeError(_("The investor chosen for “%(name)s” no longer exists.") % {"name": data.name})
        return investor
    name = data.name.strip()
    if not name_key(name):
        raise IntakeError(_("An investor needs a name."))
    # The same name (ignoring case and accents) is the same investor: the database allows one.
    known = InvestorName.objects.filter(key=name_key(name)).select_related("investor").first()
    if known is not None:
        return known.investor
    investor = Investor(name=name[:200])
    _clean(investor)
    investor.save()
    saved.investors_created.append(investor)
    return investor


def _save_participations(
    round_: FundingRound, investors: Sequence[InvestorData], source: Source, saved: SavedRound
) -> None:
    """Add missing participations; upgrade a role only to a lead the article states; never remove one."""
    existing = {p.investor_id: p for p in round_.participations.all()}
    for data in investors:
        investor = _investor(data, saved)
        participation = existing.get(investor.pk)
        if participation is None:
            participation = Participation(round=round_, investor=investor, role=data.role)
            participation.save()
            existing[investor.pk] = participation
            saved.participations_added += 1
        elif _ROLE_RANK[data.role] > _ROLE_RANK.get(participation.role, 0):
            participation.role = data.role
            participation.save(update_fields=["role"])
            saved.roles_upgraded += 1
        _cite(source, CitationFact.INVESTORS, data.quote, participation=participation)
