import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_company, make_round

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[ET.Element]:
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def titles(response) -> list[str]:
    return [entry.find(f"{ATOM}title").text for entry in entries(response)]


def test_rounds_feed_lists_the_latest_rounds_first(client, mistral):
    assert titles(client.get("/feeds/rounds/"))[:2] == ["Mistral AI – Series C", "Mistral AI – Series B"]


def test_feed_entries_link_to_the_round_on_its_company_page(client, mistral):
    entry = entries(client.get("/feeds/rounds/"))[1]
    assert (
        entry.find(f"{ATOM}link").get("href") == f"http://testserver/companies/mistral-ai/#round-{mistral.series_b.pk}"
    )


def test_feed_summary_gives_the_amount(client, mistral):
    summary = entries(client.get("/feeds/rounds/"))[1].find(f"{ATOM}summary").text
    assert "$640M" in summary
    assert "June 11, 2024" in summary


def test_company_feed_lists_only_its_rounds(client, mistral):
    make_round(make_company("Other"))
    response = client.get("/feeds/companies/mistral-ai/")
    assert len(entries(response)) == 5
    assert ET.fromstring(response.content).find(f"{ATOM}title").text == "Funding rounds of Mistral AI"


def test_investor_feed_lists_the_rounds_it_joined(client, mistral):
    assert titles(client.get("/feeds/investors/andreessen-horowitz/")) == [
        "Mistral AI – Series B",
        "Mistral AI – Série A",
    ]


def test_feeds_of_unknown_slugs_are_404(client, db):
    assert client.get("/feeds/companies/nobody/").status_code == 404
    assert client.get("/feeds/investors/nobody/").status_code == 404


def test_feed_summaries_escape_what_editors_typed(client, db):
    make_round(make_company("<img src=x onerror=alert(1)>"), label="<b>Seed</b>")
    response = client.get("/feeds/rounds/")
    summary = entries(response)[0].find(f"{ATOM}summary").text
    assert "<img" not in response.content.decode()
    assert "<b>" not in summary


def test_every_page_links_the_rounds_feed(client, db):
    html = client.get("/companies/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feeds/rounds/"' in html
