"""What every page shares: navigation, language switcher, accessibility basics, offline assets, errors."""

from html.parser import HTMLParser

import pytest
from django.template import loader

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/companies/",
    "/companies/mistral-ai/",
    "/investors/",
    "/investors/andreessen-horowitz/",
    "/rounds/",
    "/search/?q=mistral",
]
EMPTY_SITE_PAGES = ["/", "/?period=all", "/companies/", "/investors/", "/rounds/", "/search/?q=x", "/feeds/rounds/"]


class PageAudit(HTMLParser):
    """Collect what the accessibility and offline checks need from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: set[str] = set()
        self.fields: list[dict] = []
        self.tables: list[dict] = []
        self.captions = 0
        self.remote: list[str] = []
        self.scripts = 0
        self.in_chart = 0

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self.in_chart -= 1

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "label" and attributes.get("for"):
            self.labels.add(attributes["for"])
        if tag in ("input", "select", "textarea") and attributes.get("type") not in ("hidden", "submit"):
            self.fields.append(attributes)
        if tag == "figure":
            # A chart's number table is described by the figure's caption.
            self.in_chart += 1
        if tag == "table" and not self.in_chart:
            self.tables.append(attributes)
        if tag == "caption" and not self.in_chart:
            self.captions += 1
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            value = attributes.get(name) or ""
            if tag in ("link", "script", "img") and value.startswith(("http:", "https:", "//")):
                self.remote.append(value)


def audit(html: str) -> PageAudit:
    page = PageAudit()
    page.feed(html)
    return page


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_the_navigation_bar(client, mistral, url):
    html = client.get(url).content.decode()
    for link in ('href="/"', 'href="/companies/"', 'href="/investors/"', 'href="/rounds/"', 'href="/admin/"'):
        assert link in html
    assert 'action="/search/"' in html
    assert '<form class="language-switcher" action="/i18n/setlang/" method="post">' in html


def test_current_section_is_marked_in_the_navigation(client, mistral):
    html = client.get("/investors/andreessen-horowitz/").content.decode()
    assert '<a href="/investors/" aria-current="page">Investors</a>' in html


@pytest.mark.parametrize("url", PAGES)
def test_every_form_field_has_a_label_and_every_table_a_caption(client, mistral, url):
    page = audit(client.get(url).content.decode())
    assert page.fields
    for field in page.fields:
        assert field.get("id") in page.labels, field
    assert page.captions == len(page.tables)


@pytest.mark.parametrize("url", PAGES)
def test_pages_load_nothing_from_other_sites_and_run_no_script(client, mistral, url):
    page = audit(client.get(url).content.decode())
    assert page.remote == []
    assert page.scripts == 0


def test_the_stylesheets_ship_with_the_app(client, db):
    html = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/web/site.css">' in html
    assert '<link rel="stylesheet" href="/static/web/chart.css">' in html


@pytest.mark.parametrize("url", EMPTY_SITE_PAGES)
def test_a_fresh_database_shows_every_page(client, db, url):
    assert client.get(url).status_code == 200


def test_accept_language_chooses_french_at_first(client, mistral):
    html = client.get("/companies/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in html
    # French groups digits with a narrow no-break space and puts the currency after the number.
    assert 'title="6\u202f000\u202f000\u202f000\xa0$US">6\xa0Md\xa0$US</data>' in html
    assert "avril 2023" in html


def test_the_language_switcher_remembers_the_choice(client, mistral):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/companies/mistral-ai/"})
    assert response.status_code == 302
    assert response["Location"] == "/companies/mistral-ai/"
    html = client.get("/companies/mistral-ai/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr">' in html
    assert "juin 2023" in html
    assert '<option value="fr" lang="fr" selected>' in html


def test_french_amounts_in_other_currencies_follow_french_conventions(client, mistral):
    from tests.factories import make_round

    make_round(mistral.company, amount=600_000_000, currency="EUR")
    html = client.get("/companies/mistral-ai/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert ">600\xa0M\xa0€</data>" in html


def test_not_found_page_keeps_the_site_style(client, db):
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'href="/static/web/site.css"' in html
    assert 'action="/search/"' in html


def test_server_error_page_renders_without_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Something went wrong" in html
    assert 'href="/"' in html


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_in_french(client, mistral, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
