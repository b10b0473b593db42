"""Synthetic funding data at scale, for benchmarks: realistic shapes, deterministic, fast to insert.

Rows go in with bulk_create (no per-row save(), no history rows), so every value
that save() would compute (name keys, slugs, USD amounts) is computed here.
"""

import datetime
import random
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from django.db import transaction

from tracker.funding.models import (
    Company,
    DataVersion,
    FundingRound,
    Investor,
    InvestorName,
    Participation,
    RoundType,
    Valuation,
)
from tracker.lib.currency import usd_rate
from tracker.lib.text import name_key

_SYLLABLES = ["ka", "lo", "mi", "ra", "ven", "tor", "qua", "zen", "flo", "dat", "neo", "vis", "pay", "sol", "ix"]
_COUNTRIES = ["US", "US", "US", "GB", "FR", "DE", "IN", "IL", "CA", "SG", "NL", "SE", "ES", "BR", "JP"]
_CURRENCIES = ["USD"] * 7 + ["EUR", "EUR", "GBP", "INR"]
_TYPES = [
    RoundType.PRE_SEED,
    RoundType.SEED,
    RoundType.SEED,
    RoundType.SERIES_A,
    RoundType.SERIES_A,
    RoundType.SERIES_B,
    RoundType.SERIES_C,
    RoundType.SERIES_D,
    RoundType.SERIES_UNKNOWN,
    RoundType.DEBT,
    RoundType.ANGEL,
    RoundType.BRIDGE,
]
_SIZE = {  # typical amount per type, in units of the currency
    RoundType.PRE_SEED: 1_000_000,
    RoundType.SEED: 3_000_000,
    RoundType.ANGEL: 500_000,
    RoundType.SERIES_A: 12_000_000,
    RoundType.SERIES_B: 30_000_000,
    RoundType.SERIES_C: 60_000_000,
    RoundType.SERIES_D: 120_000_000,
    RoundType.SERIES_UNKNOWN: 20_000_000,
    RoundType.DEBT: 25_000_000,
    RoundType.BRIDGE: 5_000_000,
}
_BATCH = 5000


def _name(rng: random.Random, index: int) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{word} {index}"


@lru_cache(maxsize=4096)
def _rate(currency: str, month: datetime.date):
    # One rate per currency and month keeps generation fast; benchmarks don't need daily rates.
    return usd_rate(currency, month)


def _batches(items: Iterator, size: int = _BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def generate(*, rounds: int, seed: int = 2024, progress=None) -> dict[str, int]:
    """Insert about `rounds` funding rounds with companies, investors, participations and valuations."""
    rng = random.Random(seed)
    companies_n = max(1, rounds // 4)
    investors_n = max(10, rounds // 50)
    start = Company.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with transaction.atomic():
        Company.objects.bulk_create(
            (
                Company(
                    name=(name := f"Synthetic {_name(rng, start + i)}"),
                    name_key=name_key(name),
                    slug=f"synthetic-{start + i}",
                    country=rng.choice(_COUNTRIES),
                    founded_on=datetime.date(rng.randint(1995, 2023), 1, 1),
                    founded_precision="year",
                )
                for i in range(companies_n)
            ),
            batch_size=_BATCH,
        )
        company_ids = list(Company.objects.filter(slug__startswith="synthetic-").values_list("pk", flat=True))
        Investor.objects.bulk_create(
            (
                Investor(
                    name=f"Synthetic Capital {_name(rng, start + i)}",
                    slug=f"synthetic-capital-{start + i}",
                    kind=rng.choice(["vc", "vc", "vc", "corporate_vc", "individual", "private_equity"]),
                    country=rng.choice(_COUNTRIES),
                )
                for i in range(investors_n)
            ),
            batch_size=_BATCH,
        )
        investors = list(Investor.objects.filter(slug__startswith="synthetic-capital-").values_list("pk", "name"))
        InvestorName.objects.bulk_create(
            (InvestorName(investor_id=pk, name=name, key=name_key(name), is_primary=True) for pk, name in investors),
            batch_size=_BATCH,
            ignore_conflicts=True,
        )
        investor_ids = [pk for pk, _ in investors]
        # Popular investors take more deals, as in real markets, without one
        # fund joining a tenth of all rounds (the busiest gets about 0.4 %).
        weights = [(rank + 1) ** -0.5 for rank in range(len(investor_ids))]
        created = 0
        day0 = datetime.date(2005, 1, 1)
        span = (datetime.date(2026, 10, 1) - day0).days
        for batch in _batches(range(rounds)):
            round_rows = []
            for _ in batch:
                round_type = rng.choice(_TYPES)
                currency = rng.choice(_CURRENCIES)
                announced = day0 + datetime.timedelta(days=rng.randrange(span))
                amount = None
                if rng.random() > 0.12:
                    amount = Decimal(int(_SIZE[round_type] * rng.lognormvariate(0, 0.7)) // 1000 * 1000 + 1000)
                    if currency == "INR":
                        amount *= 80
                status = rng.choices(["closed", "announced", "rumored", "withdrawn"], [50, 40, 8, 2])[0]
                rate = _rate(currency, announced.replace(day=1))
                round_rows.append(
                    FundingRound(
                        company_id=rng.choice(company_ids),
                        round_type=round_type,
                        status=status,
                        announced_on=announced,
                        amount=amount,
                        currency=currency,
                        amount_usd=rate.convert(amount) if rate else None,
                        usd_rate=rate.rate if rate else None,
                        usd_rate_on=rate.rate_on if rate else None,
                        investor_list_complete=rng.random() > 0.3,
                    )
                )
            saved = FundingRound.objects.bulk_create(round_rows, batch_size=_BATCH)
            if not saved or saved[0].pk is None:  # backends that return no ids
                last = FundingRound.objects.order_by("-pk").values_list("pk", flat=True)[: len(round_rows)]
                for row, pk in zip(round_rows, reversed(list(last)), strict=True):
                    row.pk = pk
            participations, valuations = [], []
            for row in round_rows:
                chosen = set(rng.choices(investor_ids, weights=weights, k=rng.randint(1, 4)))
                for position, investor_id in enumerate(chosen):
                    role = "lead" if position == 0 and rng.random() > 0.3 else "participant"
                    participations.append(Participation(round_id=row.pk, investor_id=investor_id, role=role))
                if row.amount and rng.random() < 0.35:
                    post = row.amount * rng.randint(4, 12)
                    rate = _rate(row.currency, row.announced_on.replace(day=1))
                    valuations.append(
                        Valuation(
                            company_id=row.company_id,
                            round_id=row.pk,
                            kind="post_money",
                            valued_on=row.announced_on,
                            amount=post,
                            currency=row.currency,
                            amount_usd=rate.convert(post) if rate else None,
                            usd_rate=rate.rate if rate else None,
                            usd_rate_on=rate.rate_on if rate else None,
                        )
                    )
            Participation.objects.bulk_create(participations, batch_size=_BATCH)
            Valuation.objects.bulk_create(valuations, batch_size=_BATCH)
            created += len(round_rows)
            if progress:
                progress(created)
        DataVersion.bump()  # bulk_create sends no signals
    return {"companies": companies_n, "investors": investors_n, "rounds": created}
