"""Whatever lands in the address bar, list pages answer 200 with the bad filter ignored or explained."""

import pytest

from tests.factories import make_company, make_investor, make_participation, make_round, make_sector

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
JUNK = {
    "letters": "abc",
    "negative": "-5",
    "zero": "0",
    "huge number": "9" * 40,
    "exponent": "1e999",
    "not a number": "NaN",
    "bad date": "2024-13-45",
    "far date": "99999-01-01",
    "html": SCRIPT,
    "10,000 characters": "x" * 10_000,
    "null byte": "a\x00b",
    "unknown choice": "not-a-choice",
}
PAGES = {
    "/": ["period", "start", "end"],
    "/companies/": ["q", "sector", "country", "last_round_type", "status", "raised_min", "raised_max"],
    "/investors/": ["q", "kind", "country"],
    "/rounds/": [
        "start",
        "end",
        "round_type",
        "status",
        "usd_min",
        "usd_max",
        "currency",
        "country",
        "sector",
        "investor",
    ],
    "/search/": ["q"],
}
TABLE_PAGES = ["/companies/", "/investors/", "/rounds/", "/investors/andreessen-horowitz/"]
TABLE_PARAMS = ["page", "per_page", "sort", "_export"]

CASES = [(page, param) for page, params in PAGES.items() for param in params] + [
    (page, param) for page in TABLE_PAGES for param in TABLE_PARAMS
]


@pytest.fixture
def one_round(db):
    """Just enough rows for every filter and table to run: a company, a round, a lead investor."""
    company = make_company("Acme", country="FR")
    company.sectors.add(make_sector("Fintech"))
    make_participation(make_round(company), make_investor("Andreessen Horowitz"), role="lead")


@pytest.mark.parametrize("junk", list(JUNK.values()), ids=list(JUNK))
@pytest.mark.parametrize(("page", "param"), CASES, ids=[f"{page} {param}" for page, param in CASES])
def test_junk_in_a_parameter_never_breaks_the_page(client, one_round, page, param, junk):
    response = client.get(page, {param: junk})
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


def test_letters_in_an_amount_are_explained_and_the_other_filters_still_apply(client, mistral):
    make_company("Other", country="US")
    response = client.get("/companies/", {"raised_min": "lots", "country": "FR"})
    assert "Enter a number." in response.content.decode()
    assert [c.name for c in response.context["table"].page.object_list.data] == ["Mistral AI"]


def test_a_reversed_date_range_is_explained_and_ignored(client, mistral):
    response = client.get("/rounds/", {"start": "2024-12-31", "end": "2023-01-01"})
    assert "This must not be below “Announced from”." in response.content.decode()
    assert len(response.context["table"].page.object_list.data) == 5


def test_a_reversed_amount_range_is_explained_and_ignored(client, mistral):
    response = client.get("/rounds/", {"usd_min": "900", "usd_max": "100"})
    assert "This must not be below “At least (USD)”." in response.content.decode()
    assert len(response.context["table"].page.object_list.data) == 5


def test_an_unknown_choice_is_explained(client, mistral):
    response = client.get("/investors/", {"kind": "pirate"})
    assert "Select a valid choice. pirate is not one of the available choices." in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page(client, db):
    for n in range(30):
        make_company(f"Company {n:02}")
    response = client.get("/companies/", {"page": "999999"})
    assert response.context["table"].page.number == 2


def test_per_page_is_capped(client, db):
    for n in range(120):
        make_company(f"Company {n:03}")
    assert len(client.get("/companies/", {"per_page": "100000"}).context["table"].page) == 100
    assert len(client.get("/companies/", {"per_page": "0"}).context["table"].page) == 25


def test_an_invalid_sort_is_ignored(client, mistral):
    response = client.get("/rounds/", {"sort": "password"})
    assert response.status_code == 200
    assert response.context["table"].order_by == ()


def test_html_in_a_search_is_shown_escaped(client, mistral):
    html = client.get("/companies/", {"q": SCRIPT}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
