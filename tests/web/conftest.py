"""Funding histories for the page tests, built with tests/factories.py.

`mistral` is one company told in full (every status, precision, currency and
kind of citation); `many_rounds` adds bulk rows so query-count tests can show
the count does not grow with the data.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import override

from tests.factories import (
    make_citation,
    make_company,
    make_investor,
    make_participation,
    make_round,
    make_sector,
    make_source,
    make_valuation,
)
from tracker.funding.models import Company, Founder, FundingRound, Investor


@pytest.fixture(autouse=True)
def _english():
    # Pages follow the visitor's language; tests state theirs explicitly when it matters.
    with override("en"):
        yield


@dataclass
class Story:
    company: Company
    seed: FundingRound
    series_a: FundingRound
    series_b: FundingRound
    rumor: FundingRound
    withdrawn: FundingRound
    lightspeed: Investor
    a16z: Investor
    general_catalyst: Investor
    bpifrance: Investor


@pytest.fixture
def mistral(db) -> Story:
    """A French AI company with a seed, a Series A and B, a rumored and a withdrawn round."""
    ai = make_sector("Artificial intelligence")
    company = make_company(
        "Mistral AI",
        country="FR",
        city="Paris",
        website="https://mistral.ai",
        description="Open-weight language models.",
        founded_on=datetime.date(2023, 4, 1),
        founded_precision="month",
    )
    company.sectors.add(ai)
    Founder.objects.create(company=company, name="Arthur Mensch")
    Founder.objects.create(company=company, name="Guillaume Lample")

    lightspeed = make_investor("Lightspeed Venture Partners", aliases=("Lightspeed",))
    a16z = make_investor("Andreessen Horowitz", aliases=("a16z",))
    general_catalyst = make_investor("General Catalyst")
    bpifrance = make_investor("Bpifrance", kind="government", country="FR")

    seed = make_round(
        company,
        round_type="seed",
        label="Seed",
        announced_on=datetime.date(2023, 6, 1),
        announced_precision="month",
        amount=Decimal("105000000"),
        currency="USD",
        status="closed",
    )
    make_participation(seed, lightspeed, role="lead")
    make_participation(seed, bpifrance)
    make_valuation(round=seed, kind="post_money", amount=Decimal("260000000"))

    series_a = make_round(
        company,
        round_type="series_a",
        label="Série A",
        announced_on=datetime.date(2023, 12, 11),
        amount=Decimal("415000000"),
        currency="USD",
        investor_list_complete=False,
    )
    make_participation(series_a, a16z, role="lead")
    make_participation(series_a, lightspeed)
    make_valuation(round=series_a, kind="pre_money", amount=Decimal("1600000000"))
    make_valuation(round=series_a, kind="post_money", amount=Decimal("2015000000"))

    series_b = make_round(
        company,
        round_type="series_b",
        announced_on=datetime.date(2024, 6, 11),
        amount=Decimal("640000000"),
        currency="USD",
        keep_as_reported=True,
    )
    make_participation(series_b, general_catalyst, role="lead")
    make_participation(series_b, a16z)
    # Reported figures that do not add up: 5,000M + 640M is not 6,000M.
    make_valuation(round=series_b, kind="pre_money", amount=Decimal("5000000000"))
    make_valuation(round=series_b, kind="post_money", amount=Decimal("6000000000"))

    rumor = make_round(
        company,
        round_type="series_c",
        status="rumored",
        announced_on=datetime.date(2025, 2, 1),
        announced_precision="month",
        amount=None,
        target_amount=Decimal("1000000000"),
        currency="USD",
    )
    withdrawn = make_round(
        company,
        round_type="debt",
        status="withdrawn",
        announced_on=datetime.date(2024, 1, 1),
        announced_precision="quarter",
        amount=Decimal("50000000"),
        currency="USD",
    )

    article = make_source("Mistral AI raises $640M", url="https://example.com/mistral-b", publisher="Example News")
    make_citation(article, round=series_b, fact="amount", quote="Mistral AI raised $640 million in a Series B.")
    lead = series_b.participations.get(investor=general_catalyst)
    make_citation(article, participation=lead, fact="investors", quote="The round was led by General Catalyst.")
    post = series_b.valuations.get(kind="post_money")
    make_citation(article, valuation=post, fact="valuation", quote="The company is now valued at $6 billion.")
    return Story(company, seed, series_a, series_b, rumor, withdrawn, lightspeed, a16z, general_catalyst, bpifrance)


def recent(months_ago: int) -> datetime.date:
    """The first day of the month `months_ago` months before today: inside "last 12 months" when < 12."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - months_ago
    return datetime.date(index // 12, index % 12 + 1, 1)


@pytest.fixture
def many_rounds(db):
    """Build `count` more companies, each with a round, two investors, a valuation and a citation."""

    def build(count: int) -> list[FundingRound]:
        source = make_source()
        rounds = []
        for n in range(count):
            sector = make_sector()
            company = make_company(country="DE" if n % 2 else "US")
            company.sectors.add(sector)
            round = make_round(
                company,
                announced_on=recent(n % 6),
                announced_precision="month",
                amount=Decimal(1_000_000 * (n + 1)),
            )
            lead = make_investor(aliases=(f"Alias {company.slug}",))
            make_participation(round, lead, role="lead")
            make_participation(round, make_investor())
            make_valuation(round=round, kind="post_money", amount=Decimal(10_000_000 * (n + 1)))
            make_citation(source, round=round, quote="A sentence.")
            rounds.append(round)
        return rounds

    return build
