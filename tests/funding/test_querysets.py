"""Read logic: each annotated listing costs one query and gives the numbers a reader expects."""

import datetime
from decimal import Decimal

import pytest

from tests.factories import make_company, make_investor, make_participation, make_round, make_valuation
from tracker.funding.models import Company, FundingRound, Investor

pytestmark = pytest.mark.django_db

SUNDAY = datetime.date(2024, 5, 26)


@pytest.fixture
def companies():
    """Three companies: one with every kind of round, one with valuations only, one with nothing."""
    busy = make_company("Mistral AI")
    make_round(busy, status="announced", amount=Decimal("10000000"), currency="USD")
    # 100M EUR at the ECB rate of Friday 24 May 2024 (1.084): 108.4M USD.
    make_round(busy, status="closed", amount=Decimal("100000000"), currency="EUR", announced_on=SUNDAY)
    make_round(busy, status="rumored", amount=Decimal("50000000"), currency="USD")
    make_round(busy, status="withdrawn", amount=Decimal("20000000"), currency="USD")
    make_round(busy, status="announced", amount=Decimal("9000000000"), currency="NGN")  # no ECB rate
    make_round(busy, status="announced", amount=None, round_type="seed", announced_on=datetime.date(2022, 1, 3))
    make_round(busy, round_type="series_c", announced_on=datetime.date(2025, 2, 1))
    make_round(busy, round_type="debt", announced_on=datetime.date(2025, 2, 1))  # same day, added later

    valued = make_company("Qonto")
    make_valuation(valued, kind="post_money", valued_on=datetime.date(2023, 1, 10), amount=Decimal("100000000"))
    make_valuation(valued, kind="post_money", valued_on=datetime.date(2024, 3, 1), amount=Decimal("300000000"))
    make_valuation(
        valued, kind="post_money", valued_on=datetime.date(2024, 3, 1), amount=Decimal("250000000"), currency="EUR"
    )
    make_valuation(valued, kind="pre_money", valued_on=datetime.date(2025, 1, 6), amount=Decimal("900000000"))
    make_valuation(valued, kind="reported", valued_on=datetime.date(2025, 1, 6), amount=Decimal("950000000"))

    empty = make_company("Alan")
    return busy, valued, empty


def _listing():
    return {c.name: c for c in Company.objects.with_totals().with_latest_valuation().with_last_round()}


def test_company_listing_with_totals_valuation_and_last_round_costs_one_query(companies, django_assert_num_queries):
    with django_assert_num_queries(1):
        listing = _listing()
        assert len(listing) == 3


def test_company_total_counts_announced_and_closed_rounds_only(companies):
    busy = _listing()["Mistral AI"]
    # 10M + 108.4M, plus the series C and debt rounds' 10M each; rumored and withdrawn rounds and
    # amounts without a USD figure are left out.
    assert busy.total_raised_usd == Decimal("138400000.00")


def test_company_round_count_counts_every_round_on_record(companies):
    assert _listing()["Mistral AI"].round_count == 8


def test_company_without_rounds_has_raised_zero_not_nothing(companies):
    empty = _listing()["Alan"]
    assert empty.total_raised_usd == Decimal("0")
    assert isinstance(empty.total_raised_usd, Decimal)
    assert empty.round_count == 0
    assert empty.last_round_type is None


def test_company_latest_valuation_is_the_latest_post_money_with_the_last_added_winning_a_tie(companies):
    valued = _listing()["Qonto"]
    assert valued.latest_valuation == Decimal("250000000")
    assert valued.latest_valuation_currency == "EUR"
    assert valued.latest_valuation_usd == Decimal("270325000.00")  # ECB rate of 1 March 2024: 1.0813
    assert valued.latest_valuation_on == datetime.date(2024, 3, 1)


def test_company_without_valuation_has_no_latest_valuation(companies):
    busy = _listing()["Mistral AI"]
    assert (busy.latest_valuation, busy.latest_valuation_currency, busy.latest_valuation_on) == (None, None, None)


def test_company_last_round_is_the_latest_announced_with_the_last_added_winning_a_tie(companies):
    busy = _listing()["Mistral AI"]
    assert (busy.last_round_type, busy.last_round_on) == ("debt", datetime.date(2025, 2, 1))


def test_company_search_ignores_case_and_accents():
    make_company("Société Générale Assurances")
    make_company("Qonto")
    assert list(Company.objects.search("SOCIETE generale").values_list("name", flat=True)) == [
        "Société Générale Assurances"
    ]


# Investors -----------------------------------------------------------------------------------------------------------


@pytest.fixture
def portfolio():
    lead = make_investor("Andreessen Horowitz", aliases=("a16z", "AH Capital"))
    idle = make_investor("Société Générale")
    mistral, qonto = make_company("Mistral AI"), make_company("Qonto")
    make_participation(make_round(mistral), lead, role="lead")
    make_participation(make_round(mistral), lead, role="co_lead")
    make_participation(make_round(qonto), lead, role="participant")
    return lead, idle


def test_investor_counts_cost_one_query(portfolio, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = {i.name: (i.rounds_led, i.rounds_joined, i.companies_backed) for i in Investor.objects.with_counts()}
    assert counts == {"Andreessen Horowitz": (2, 3, 2), "Société Générale": (0, 0, 0)}


def test_investor_search_finds_an_investor_by_its_alias(portfolio):
    assert list(Investor.objects.search("A16Z").values_list("name", flat=True)) == ["Andreessen Horowitz"]


def test_investor_search_ignores_accents(portfolio):
    assert list(Investor.objects.search("societe").values_list("name", flat=True)) == ["Société Générale"]


def test_investor_matching_by_name_and_alias_is_found_once(portfolio):
    assert list(Investor.objects.search("a").values_list("name", flat=True)) == [
        "Andreessen Horowitz",
        "Société Générale",
    ]
    assert Investor.objects.search("h").count() == 1


def test_investor_search_for_nothing_finds_no_one_but_empty_text_lists_everyone(portfolio):
    assert not Investor.objects.search("sequoia").exists()
    assert Investor.objects.search("  ").count() == 2


# Rounds and their valuations -----------------------------------------------------------------------------------------


def _round_with(amount, pre, post, *, currency="USD", pre_currency=None, post_currency=None) -> FundingRound:
    funding_round = make_round(amount=amount, currency=currency)
    if pre is not None:
        make_valuation(round=funding_round, kind="pre_money", amount=pre, currency=pre_currency or currency)
    if post is not None:
        make_valuation(round=funding_round, kind="post_money", amount=post, currency=post_currency or currency)
    return funding_round


@pytest.fixture
def judged_rounds():
    return {
        "adds up": _round_with(Decimal("6000000000"), Decimal("18000000000"), Decimal("24000000000")),
        "off by 1B": _round_with(Decimal("6000000000"), Decimal("18000000000"), Decimal("25000000000")),
        "rounded in the press": _round_with(Decimal("6000000000"), Decimal("18000000000"), Decimal("24200000000")),
        "valued in euros": _round_with(
            Decimal("6000000000"),
            Decimal("18000000000"),
            Decimal("25000000000"),
            pre_currency="EUR",
            post_currency="EUR",
        ),
        "post-money only": _round_with(Decimal("6000000000"), None, Decimal("25000000000")),
        "undisclosed": _round_with(None, Decimal("18000000000"), Decimal("25000000000")),
    }


def test_rounds_with_valuations_are_judged_consistent_or_not_in_one_query(judged_rounds, django_assert_num_queries):
    names = {r.pk: name for name, r in judged_rounds.items()}
    with django_assert_num_queries(1):
        verdicts = {names[r.pk]: r.is_inconsistent for r in FundingRound.objects.with_valuations()}
    assert verdicts == {
        "adds up": False,
        "off by 1B": True,
        "rounded in the press": False,
        "valued in euros": False,
        "post-money only": False,
        "undisclosed": False,
    }


def test_round_consistency_gap_is_the_share_of_post_money_that_does_not_add_up(judged_rounds):
    gaps = {r.pk: r.consistency_gap for r in FundingRound.objects.with_valuations()}
    assert gaps[judged_rounds["adds up"].pk] == Decimal("0")
    assert gaps[judged_rounds["off by 1B"].pk] == Decimal("0.04")
    assert gaps[judged_rounds["valued in euros"].pk] is None
    assert gaps[judged_rounds["post-money only"].pk] is None


def test_round_without_the_annotations_is_judged_the_same_way(judged_rounds):
    assert FundingRound.objects.get(pk=judged_rounds["off by 1B"].pk).is_inconsistent
    assert not FundingRound.objects.get(pk=judged_rounds["adds up"].pk).is_inconsistent


def test_rounds_with_valuations_carry_pre_and_post_money_with_their_currencies(judged_rounds):
    funding_round = FundingRound.objects.with_valuations().get(pk=judged_rounds["valued in euros"].pk)
    assert (funding_round.pre_money, funding_round.pre_money_currency) == (Decimal("18000000000"), "EUR")
    assert (funding_round.post_money, funding_round.post_money_currency) == (Decimal("25000000000"), "EUR")
    # Valued on 26 May 2024, a Sunday: ECB rate of Friday 24 May, 1.084.
    assert funding_round.post_money_usd == Decimal("27100000000.00")


def test_counted_rounds_are_the_announced_and_closed_ones():
    company = make_company()
    for status in ("rumored", "announced", "closed", "withdrawn"):
        make_round(company, status=status)
    assert sorted(FundingRound.objects.counted().values_list("status", flat=True)) == ["announced", "closed"]


def test_rounds_in_a_period_include_both_ends():
    company = make_company()
    for day in (datetime.date(2023, 12, 31), datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)):
        make_round(company, announced_on=day)
    make_round(company, announced_on=datetime.date(2024, 4, 1))
    in_q1 = FundingRound.objects.in_period(datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    assert sorted(in_q1.values_list("announced_on", flat=True)) == [
        datetime.date(2024, 1, 1),
        datetime.date(2024, 3, 31),
    ]
    assert FundingRound.objects.in_period(None, None).count() == 4


def test_postgresql_has_an_index_for_biggest_rounds_first_with_undisclosed_last():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite sorts NULLs last in descending order with the plain amount index")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'funding_round_amount_usd_nulls_last'")
        (definition,) = cursor.fetchone()
    assert "amount_usd DESC NULLS LAST" in definition
