import csv
import datetime
import io

import pytest

from tests.factories import make_company, make_investor, make_participation, make_round

pytestmark = pytest.mark.django_db


def rows_of(response) -> list:
    return list(response.context["table"].page.object_list.data)


def test_investor_list_shows_aliases_and_counts(client, mistral):
    response = client.get("/investors/", {"sort": "name"})
    a16z = next(i for i in rows_of(response) if i.name == "Andreessen Horowitz")
    assert (a16z.rounds_joined, a16z.rounds_led, a16z.companies_backed) == (2, 1, 1)
    assert a16z.last_round_on == datetime.date(2024, 6, 11)
    html = response.content.decode()
    assert "a16z" in html
    assert "June 11, 2024" in html


def test_investor_search_finds_aliases(client, mistral):
    assert [i.name for i in rows_of(client.get("/investors/", {"q": "A16Z"}))] == ["Andreessen Horowitz"]


def test_investor_search_ignores_accents(client, mistral):
    make_investor("Société Générale", kind="bank", country="FR")
    assert [i.name for i in rows_of(client.get("/investors/", {"q": "societe gen"}))] == ["Société Générale"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"kind": "government"}, ["Bpifrance"]), ({"country": "FR"}, ["Bpifrance"])],
)
def test_investor_filters_narrow_the_table(client, mistral, params, expected):
    assert [i.name for i in rows_of(client.get("/investors/", params))] == expected


def test_investors_sort_by_rounds_joined(client, mistral):
    make_participation(make_round(), mistral.a16z)
    names = [i.name for i in rows_of(client.get("/investors/", {"sort": "-rounds_joined"}))]
    assert names[:2] == ["Andreessen Horowitz", "Lightspeed Venture Partners"]
    names = [i.name for i in rows_of(client.get("/investors/", {"sort": "rounds_joined"}))]
    assert names[-2:] == ["Lightspeed Venture Partners", "Andreessen Horowitz"]


def test_investor_csv_export_lists_aliases_and_counts(client, mistral):
    response = client.get("/investors/", {"q": "a16z", "_export": "csv"})
    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["Investor"] == "Andreessen Horowitz"
    assert row["Also known as"] == "a16z"
    assert (row["Rounds joined"], row["Rounds led"], row["Companies backed"]) == ("2", "1", "1")
    assert row["Latest round"] == "2024-06-11"
    assert row["Kind"] == "VC firm"


def test_an_empty_site_says_no_investor_is_recorded_yet(client, db):
    assert "No investor has been recorded yet." in client.get("/investors/").content.decode()


# The investor page


def test_investor_page_shows_aliases_and_counts(client, mistral):
    response = client.get("/investors/andreessen-horowitz/")
    html = response.content.decode()
    assert "Also known as:" in html
    assert '<span class="alias">a16z</span>' in html
    assert response.context["investor"].rounds_led == 1
    assert response.context["participated_count"] == 1


def test_investor_page_lists_rounds_joined_with_lead_marked(client, mistral):
    response = client.get("/investors/andreessen-horowitz/")
    rows = [(p.round.display_label, p.role, p.is_lead) for p in rows_of(response)]
    assert rows == [("Series B", "participant", False), ("Série A", "lead", True)]
    html = response.content.decode()
    assert '<span class="role role-lead">lead</span>' in html
    assert 'title="$640,000,000">$640M</data>' in html


def test_investor_page_lists_companies_backed(client, mistral):
    (company,) = client.get("/investors/andreessen-horowitz/").context["companies"]
    assert (company["round__company__name"], company["rounds"], company["led"]) == ("Mistral AI", 2, 1)


def test_investor_activity_chart_counts_led_and_other_rounds_per_year(client, mistral):
    rows = client.get("/investors/lightspeed-venture-partners/").context["activity"].rows
    assert rows == [["2023", "1", "1"]]


def test_activity_chart_keeps_quiet_years(client, mistral):
    make_participation(make_round(announced_on=datetime.date(2020, 1, 1)), mistral.lightspeed)
    rows = client.get("/investors/lightspeed-venture-partners/").context["activity"].rows
    assert [row[0] for row in rows] == ["2020", "2021", "2022", "2023"]


def test_top_co_investors_count_shared_rounds(client, mistral):
    co_investors = client.get("/investors/andreessen-horowitz/").context["co_investors"]
    assert [(row["investor__name"], row["shared"]) for row in co_investors] == [
        ("General Catalyst", 1),
        ("Lightspeed Venture Partners", 1),
    ]


def test_investor_page_links_its_atom_feed(client, mistral):
    assert (
        'href="/feeds/investors/andreessen-horowitz/"' in client.get("/investors/andreessen-horowitz/").content.decode()
    )


def test_an_investor_without_rounds_has_an_empty_state(client, db):
    make_investor("Newcomer")
    response = client.get("/investors/newcomer/")
    assert response.status_code == 200
    assert "No round recorded for this investor yet." in response.content.decode()


def test_unknown_investor_is_a_404_in_the_site_style(client, db):
    response = client.get("/investors/nobody/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_companies_backed_list_the_most_backed_first_and_stop_at_a_hundred(client, db, monkeypatch):
    monkeypatch.setattr("tracker.web.views.TOP_COMPANIES", 2)
    investor = make_investor("Spray Fund")
    for name, rounds in (("One", 1), ("Three", 3), ("Two", 2)):
        company = make_company(name)
        for _ in range(rounds):
            make_participation(make_round(company), investor)
    response = client.get("/investors/spray-fund/")
    assert [row["round__company__name"] for row in response.context["companies"]] == ["Three", "Two"]
    assert "The 2 companies with the most rounds, out of 3." in response.content.decode()
