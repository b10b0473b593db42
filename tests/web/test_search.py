import pytest

from tests.factories import make_company, make_investor

pytestmark = pytest.mark.django_db


def names(response, group: str) -> list[str]:
    return [item.name for item in response.context[group]]


def test_search_ignores_accents_and_case(client, db):
    make_investor("Société Générale", kind="bank")
    make_company("Société Nouvelle")
    response = client.get("/search/", {"q": "societe"})
    assert names(response, "investors") == ["Société Générale"]
    assert names(response, "companies") == ["Société Nouvelle"]


def test_search_finds_investors_by_alias(client, mistral):
    response = client.get("/search/", {"q": "a16z"})
    assert names(response, "investors") == ["Andreessen Horowitz"]
    assert "also known as a16z" in response.content.decode()


def test_search_shows_both_groups_even_when_one_is_empty(client, mistral):
    html = client.get("/search/", {"q": "mistral"}).content.decode()
    assert 'id="companies-heading"' in html
    assert 'id="investors-heading"' in html
    assert "No investor matches." in html


def test_exact_matches_come_first(client, db):
    make_company("Alan Health")
    make_company("Alan")
    assert names(client.get("/search/", {"q": "ALAN"}), "companies") == ["Alan", "Alan Health"]


def test_search_results_link_to_their_pages(client, mistral):
    html = client.get("/search/", {"q": "mistral"}).content.decode()
    assert '<a href="/companies/mistral-ai/">Mistral AI</a>' in html


def test_empty_search_invites_typing(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Type part of a company's or an investor's name." in response.content.decode()


def test_a_too_long_query_is_refused_with_a_message(client, db):
    response = client.get("/search/", {"q": "x" * 10_000})
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()


def test_the_search_box_keeps_the_query(client, db):
    html = client.get("/search/", {"q": "<b>bold</b>"}).content.decode()
    assert 'value="&lt;b&gt;bold&lt;/b&gt;"' in html
    assert "<b>bold</b>" not in html
