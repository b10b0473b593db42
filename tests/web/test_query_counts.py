"""Every page runs the same number of queries with one row as with many.

Each test runs twice (one row, thirty rows) with the exact count and a comment
per expected query, in the order the page runs them.
"""

import datetime
from decimal import Decimal

import pytest

from tests.factories import (
    make_citation,
    make_company,
    make_investor,
    make_participation,
    make_round,
    make_source,
    make_valuation,
)
from tests.web.conftest import recent


@pytest.fixture(params=[1, 30], ids=["one row", "many rows"])
def size(request) -> int:
    return request.param


def test_dashboard_runs_nine_queries(client, many_rounds, size, django_assert_num_queries):
    rounds = many_rounds(size)
    with django_assert_num_queries(9):
        # 1. the data version, which keys the cached figures
        # 2. the period's totals: capital, counts, undisclosed, rumored, first and last dates
        # 3. the median: the middle amount(s) read with LIMIT/OFFSET
        # 4. capital raised and round count per month, for the chart
        # 5. the breakdown by round type
        # 6. the biggest rounds with their companies
        # 7. the lead participations of those rounds, with their investors
        # 8. the most active investors
        # 9. the latest additions with their companies
        response = client.get("/")
    assert response.status_code == 200
    assert response.context["totals"].round_count == size
    assert rounds[-1].company.name in response.content.decode()


def test_dashboard_served_again_runs_two_queries_until_the_data_changes(
    client, many_rounds, size, django_assert_num_queries
):
    rounds = many_rounds(size)
    client.get("/")
    with django_assert_num_queries(2):
        # 1. the data version: unchanged, so the figures come from the cache
        # 2. the latest additions with their companies (never cached)
        response = client.get("/")
    assert response.context["totals"].round_count == size

    make_round(rounds[0].company, announced_on=recent(1), amount=Decimal("5000000"))
    response = client.get("/")

    assert response.context["totals"].round_count == size + 1


def test_company_list_runs_four_queries(client, many_rounds, size, django_assert_num_queries):
    many_rounds(size)
    with django_assert_num_queries(4):
        # 1. the paginator's count
        # 2. the sectors offered by the sector filter
        # 3. the page of companies with totals, last round and latest valuation (subqueries)
        # 4. the sectors of those companies (prefetch)
        response = client.get("/companies/")
    assert len(response.context["table"].page.object_list) == min(size, 25)


def test_company_export_runs_two_queries(client, many_rounds, size, django_assert_num_queries):
    many_rounds(size)
    with django_assert_num_queries(2):
        # 1. every filtered company with its annotations (no page, so no count)
        # 2. their sectors (prefetch)
        response = client.get("/companies/", {"_export": "csv"})
    assert response.content.decode().count("\n") == size + 1


def test_investor_list_runs_three_queries(client, many_rounds, size, django_assert_num_queries):
    many_rounds(size)
    with django_assert_num_queries(3):
        # 1. the paginator's count
        # 2. the page of investors with their counts and latest round (subqueries)
        # 3. their aliases (prefetch)
        response = client.get("/investors/")
    assert len(response.context["table"].page.object_list) == min(2 * size, 25)


def test_round_list_runs_four_queries(client, many_rounds, size, django_assert_num_queries):
    many_rounds(size)
    with django_assert_num_queries(4):
        # 1. the paginator's count
        # 2. the sectors offered by the sector filter
        # 3. the page of rounds with their companies
        # 4. the lead participations of those rounds, with their investors
        response = client.get("/rounds/")
    assert len(response.context["table"].page.object_list) == min(size, 25)


def test_filtering_rounds_by_sector_adds_one_query_for_the_sector(client, many_rounds, size, django_assert_num_queries):
    rounds = many_rounds(size)
    sector = rounds[0].company.sectors.get()
    with django_assert_num_queries(5):
        # 1. the sector named in the address, to validate it
        # 2. the paginator's count
        # 3. the sectors offered by the sector filter
        # 4. the page of rounds with their companies
        # 5. the lead participations of those rounds, with their investors
        response = client.get("/rounds/", {"sector": sector.slug})
    assert list(response.context["table"].page.object_list.data) == [rounds[0]]


@pytest.fixture
def long_history(db):
    """A company with `count` rounds, each with two investors, two valuations and three citations."""

    def build(count: int):
        company = make_company("Long History")
        source = make_source()
        for n in range(count):
            round = make_round(company, announced_on=datetime.date(2000 + n % 25, 1 + n % 12, 1))
            lead = make_participation(round, make_investor(), role="lead")
            make_participation(round, make_investor())
            make_valuation(round=round, kind="pre_money", amount=Decimal("90000000"))
            post = make_valuation(round=round, kind="post_money", amount=Decimal("100000000"))
            make_citation(source, round=round, quote="Round.")
            make_citation(source, participation=lead, fact="investors", quote="Lead.")
            make_citation(source, valuation=post, fact="valuation", quote="Valuation.")
        return company

    return build


def test_company_page_runs_seven_queries(client, long_history, size, django_assert_num_queries):
    company = long_history(size)
    with django_assert_num_queries(7):
        # 1. the company with its total raised, round count and latest valuation (subqueries)
        # 2. its sectors
        # 3. its founders
        # 4. its rounds with their pre- and post-money valuations (subqueries)
        # 5. the participations of those rounds, with their investors
        # 6. every valuation of the company, for the chart and the loose ones
        # 7. every citation of its rounds, participations and valuations, with sources
        response = client.get(company.get_absolute_url())
    assert len(response.context["history"].rounds) == size
    assert response.content.decode().count("<blockquote") == 3 * size


@pytest.fixture
def busy_investor(db):
    """An investor that joined `count` rounds of different companies, next to a co-investor each time."""

    def build(count: int):
        investor = make_investor("Busy Capital")
        partner = make_investor("Partner Fund")
        for n in range(count):
            round = make_round(announced_on=recent(n))
            make_participation(round, investor, role="lead" if n % 2 else "participant")
            make_participation(round, partner)
        return investor

    return build


def test_investor_page_runs_seven_queries(client, busy_investor, size, django_assert_num_queries):
    investor = busy_investor(size)
    with django_assert_num_queries(7):
        # 1. the investor with its counts (subqueries)
        # 2. its aliases
        # 3. the paginator's count of the rounds it joined
        # 4. the companies it backed, grouped
        # 5. its rounds led and joined per year, for the chart
        # 6. its top co-investors, grouped
        # 7. the page of rounds it joined, with rounds and companies
        response = client.get(investor.get_absolute_url())
    assert response.context["co_investors"][0]["shared"] == size


def test_search_runs_three_queries(client, many_rounds, size, django_assert_num_queries):
    many_rounds(size)
    with django_assert_num_queries(3):
        # 1. matching companies with their totals
        # 2. matching investors (names and aliases) with their counts
        # 3. the aliases of those investors
        response = client.get("/search/", {"q": "n"})
    assert response.context["companies"]
    assert response.context["investors"]


def test_rounds_feed_runs_one_query(client, many_rounds, size, django_assert_num_queries):
    many_rounds(size)
    with django_assert_num_queries(1):
        # 1. the latest rounds with their companies
        response = client.get("/feeds/rounds/")
    assert response.content.decode().count("<entry>") == size


def test_company_feed_runs_two_queries(client, long_history, size, django_assert_num_queries):
    company = long_history(size)
    with django_assert_num_queries(2):
        # 1. the company named in the address
        # 2. its latest rounds
        response = client.get(f"/feeds/companies/{company.slug}/")
    assert response.content.decode().count("<entry>") == size


def test_investor_feed_runs_two_queries(client, busy_investor, size, django_assert_num_queries):
    investor = busy_investor(size)
    with django_assert_num_queries(2):
        # 1. the investor named in the address
        # 2. the latest rounds it joined, with their companies
        response = client.get(f"/feeds/investors/{investor.slug}/")
    assert response.content.decode().count("<entry>") == size


def test_unknown_company_costs_one_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        # 1. looking the slug up
        response = client.get("/companies/no-such-company/")
    assert response.status_code == 404
