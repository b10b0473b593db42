"""Small builders for test data: sensible defaults, override what the test is about."""

import datetime
import itertools
from decimal import Decimal

from tracker.funding.models import (
    Citation,
    Company,
    FundingRound,
    Investor,
    InvestorAlias,
    Participation,
    Sector,
    Source,
    Valuation,
)

_seq = itertools.count(1)


def make_sector(name: str | None = None) -> Sector:
    return Sector.objects.create(name=name or f"Sector {next(_seq)}")


def make_company(name: str | None = None, **fields) -> Company:
    fields.setdefault("country", "US")
    return Company.objects.create(name=name or f"Company {next(_seq)}", **fields)


def make_investor(name: str | None = None, *, aliases: tuple[str, ...] = (), **fields) -> Investor:
    investor = Investor.objects.create(name=name or f"Investor {next(_seq)}", **fields)
    for alias in aliases:
        InvestorAlias.objects.create(investor=investor, name=alias)
    return investor


def make_round(company: Company | None = None, **fields) -> FundingRound:
    fields.setdefault("round_type", "series_a")
    fields.setdefault("status", "announced")
    fields.setdefault("announced_on", datetime.date(2024, 5, 26))
    fields.setdefault("amount", Decimal("10000000"))
    fields.setdefault("currency", "USD")
    return FundingRound.objects.create(company=company or make_company(), **fields)


def make_participation(round: FundingRound, investor: Investor | None = None, **fields) -> Participation:
    return Participation.objects.create(round=round, investor=investor or make_investor(), **fields)


def make_valuation(company: Company | None = None, **fields) -> Valuation:
    round = fields.get("round")
    if company is None:
        company = round.company if round else make_company()
    fields.setdefault("kind", "post_money")
    fields.setdefault("valued_on", round.announced_on if round else datetime.date(2024, 5, 26))
    fields.setdefault("amount", Decimal("100000000"))
    fields.setdefault("currency", round.currency if round else "USD")
    return Valuation.objects.create(company=company, **fields)


def make_source(title: str | None = None, **fields) -> Source:
    return Source.objects.create(title=title or f"Article {next(_seq)}", **fields)


def make_citation(source: Source | None = None, **fields) -> Citation:
    return Citation.objects.create(source=source or make_source(), **fields)
