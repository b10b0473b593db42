"""The "Add from article" admin page, end to end with the admin client."""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_company, make_investor, make_round
from tracker.funding.models import Citation, Company, FundingRound, Investor, Participation, Source, Valuation
from tracker.intake.views import highlight_evidence

pytestmark = pytest.mark.django_db

URL = reverse("admin:funding_fundinground_add_from_article")
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_62c14ce66077f5ca.txt"

# An article written for these tests.
HEADLINE = "Nimbus Robotics raises $40 million Series B"
LEAD = (
    "Warehouse robot maker Nimbus Robotics has raised $40 million in a Series B round led by "
    "Northwind Ventures, the company said on Tuesday."
)
OTHERS = (
    "Sequoia Capital and Harbor Angels also took part in the round, which values the company at $200 million "
    "post-money."
)
ARTICLE = f"{HEADLINE}\n\n{LEAD}\n\n{OTHERS}\n\nThe startup, founded in 2019, will use the money to hire engineers."


class FormReader(HTMLParser):
    """Read the fields of one form of a page the way a browser would submit them."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, str] = {}
        self.select: str | None = None
        self.first_option: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind == "submit" and name != "_save":
                return
            self.data[name] = attrs.get("value", "on" if kind in ("checkbox", "radio") else "")
        elif tag == "select":
            self.select, self.first_option = name, None
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.first_option is None:
                self.first_option = value
                self.data[self.select] = value
            if "selected" in attrs:
                self.data[self.select] = value
        elif tag == "textarea":
            self.textarea = name
            self.data[name] = ""

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.data[self.textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def form_data(response, form_id: str = "review-form") -> dict[str, str]:
    reader = FormReader(form_id)
    reader.feed(response.content.decode())
    assert reader.data, f"no form #{form_id} on the page"
    return reader.data


def paste(client, text: str = ARTICLE, **fields):
    return client.post(URL, {"step": "article", "text": text, **fields})


def page(response) -> str:
    return response.content.decode()


def marks(response) -> list[str]:
    return re.findall(r'<mark id="evidence-\d+" class="evidence"[^>]*>(.*?)</mark>', page(response), re.S)


# --- access --------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_add_round_permission_are_refused(client):
    editor = User.objects.create_user("reader", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_fundinground"))
    client.force_login(editor)

    assert client.get(URL).status_code == 403
    assert paste(client).status_code == 403
    assert not Source.objects.exists()


def test_staff_with_the_add_round_permission_may_use_it(client):
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="add_fundinground"))
    client.force_login(editor)

    response = client.get(URL)

    assert response.status_code == 200
    assert 'id="intake-form"' in page(response)
    assert '<textarea name="text"' in page(response)


def test_the_round_list_links_to_add_from_article(admin_client):
    response = admin_client.get(reverse("admin:funding_fundinground_changelist"))

    assert f'href="{URL}"' in page(response)
    assert "Add from article" in page(response)


# --- paste, review, save -------------------------------------------------------


def test_a_pasted_article_is_shown_for_review_with_highlighted_evidence_and_prefilled_values(admin_client):
    sequoia = make_investor("Sequoia Capital")

    response = paste(admin_client, published_on="2024-05-29")

    assert response.status_code == 200
    assert 'id="review-form"' in page(response)
    assert HEADLINE in marks(response)
    assert LEAD in marks(response)
    data = form_data(response)
    assert data["company_name"] == "Nimbus Robotics"
    assert data["company_match"] == "new"
    assert (data["round_type"], data["label"], data["status"]) == ("series_b", "Series B", "announced")
    assert (data["amount"], data["currency"], data["post_money"]) == ("40000000", "USD", "200000000")
    assert data["announced_on"] == "2024-05-28"  # "on Tuesday" before the 29 May publication
    assert [data[f"investors-{i}-name"] for i in range(3)] == ["Northwind Ventures", "Sequoia Capital", "Harbor Angels"]
    assert data["investors-0-role"] == "lead"
    assert data["investors-1-match"] == str(sequoia.pk)
    assert data["investors-0-match"] == "new"
    # Each value links to the sentence behind it.
    assert re.search(r'id="quote-amount"><a href="#evidence-1"', page(response))


def test_saving_the_reviewed_draft_creates_the_round_and_goes_to_its_admin_page(admin_client):
    sequoia = make_investor("Sequoia Capital")
    review = paste(admin_client, published_on="2024-05-29", url="https://news.example.org/nimbus")

    response = admin_client.post(URL, form_data(review))

    round_ = FundingRound.objects.with_valuations().get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:funding_fundinground_change", args=[round_.pk])
    assert round_.company.name == "Nimbus Robotics"
    assert (round_.round_type, round_.status, round_.announced_on) == (
        "series_b",
        "announced",
        datetime.date(2024, 5, 28),
    )
    assert round_.amount == Decimal("40000000")
    assert round_.post_money == Decimal("200000000")
    assert round_.pre_money is None
    assert dict(round_.participations.values_list("investor__name", "role")) == {
        "Northwind Ventures": "lead",
        "Sequoia Capital": "participant",
        "Harbor Angels": "participant",
    }
    assert round_.participations.get(role="participant", investor=sequoia)
    assert Investor.objects.count() == 3
    source = Source.objects.get()
    assert (source.url, source.title, source.language) == ("https://news.example.org/nimbus", HEADLINE, "en")
    assert Citation.objects.get(round=round_, fact="amount").quote == HEADLINE
    assert Citation.objects.get(participation__investor=sequoia).quote == OTHERS
    assert Citation.objects.get(valuation__round=round_).quote == OTHERS
    message = page(admin_client.get(response["Location"]))
    assert "Created Nimbus Robotics – Series B" in message


def test_the_editor_can_correct_values_leave_out_an_investor_and_add_one(admin_client):
    data = form_data(paste(admin_client, published_on="2024-05-29"))
    data.update({"amount": "45M", "investors-2-include": "", "investors-3-name": "Blue Yonder Fund"})
    data.pop("investors-2-include")

    response = admin_client.post(URL, data)

    assert response.status_code == 302
    round_ = FundingRound.objects.get()
    assert round_.amount == Decimal("45000000")
    names = set(round_.participations.values_list("investor__name", flat=True))
    assert names == {"Northwind Ventures", "Sequoia Capital", "Blue Yonder Fund"}


def test_an_existing_round_of_the_company_is_offered_and_the_article_attached_to_it(admin_client):
    nimbus = make_company("Nimbus Robotics")
    rumor = make_round(
        nimbus, round_type="series_unknown", status="rumored", amount=None, announced_on=datetime.date(2024, 4, 2)
    )
    make_round(nimbus, round_type="series_a", announced_on=datetime.date(2022, 1, 10))

    review = paste(admin_client, published_on="2024-05-29")
    data = form_data(review)

    assert data["company_match"] == str(nimbus.pk)
    assert data["round_choice"] == str(rumor.pk)
    assert f"Update existing round #{rumor.pk}" in page(review)
    response = admin_client.post(URL, data)

    assert response.status_code == 302
    assert FundingRound.objects.count() == 2
    rumor.refresh_from_db()
    assert (rumor.status, rumor.round_type, rumor.amount) == ("announced", "series_b", Decimal("40000000"))
    assert Participation.objects.filter(round=rumor).count() == 3


def test_the_editor_may_create_a_new_round_instead_of_attaching(admin_client):
    nimbus = make_company("Nimbus Robotics")
    make_round(nimbus, round_type="series_b", announced_on=datetime.date(2024, 4, 2))
    data = form_data(paste(admin_client, published_on="2024-05-29"))

    response = admin_client.post(URL, {**data, "round_choice": "new"})

    assert response.status_code == 302
    assert FundingRound.objects.filter(company=nimbus).count() == 2


def test_a_review_without_a_choice_about_a_similar_round_asks_for_one(admin_client):
    nimbus = make_company("Nimbus Robotics")
    make_round(nimbus, round_type="series_b", announced_on=datetime.date(2024, 5, 1))
    data = form_data(paste(admin_client, published_on="2024-05-29"))
    data.pop("round_choice")

    response = admin_client.post(URL, data)

    assert response.status_code == 200
    assert "already has a round like this one" in page(response)
    assert FundingRound.objects.count() == 1


# --- errors keep everything ----------------------------------------------------


def test_figures_that_do_not_add_up_are_shown_on_the_field_and_nothing_is_lost(admin_client):
    data = form_data(paste(admin_client, published_on="2024-05-29"))
    data.update({"pre_money": "100M"})

    response = admin_client.post(URL, data)

    assert response.status_code == 200
    assert "The figures do not add up" in page(response)
    assert re.search(r'field-post_money errors">\s*<ul class="errorlist', page(response))
    again = form_data(response)
    assert again["text"] == ARTICLE
    assert again["investors-2-name"] == "Harbor Angels"
    assert HEADLINE in marks(response)
    assert not FundingRound.objects.exists()
    # Ticking "keep as reported" saves them as the source states.
    assert admin_client.post(URL, {**again, "keep_as_reported": "on"}).status_code == 302


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"post_money": "10M", "pre_money": "20M"}, "Post-money"),
        ({"amount": "0"}, "Enter a positive amount"),
        ({"currency": "XYZ"}, "is not an ISO 4217 currency code"),
        ({"announced_precision": "month"}, "enter the first day of the month (2024-05-01)"),
        ({"closed_on": "2024-05-01"}, "cannot close"),
        ({"amount": "lots"}, "Enter an amount such as"),
    ],
)
def test_inconsistent_values_are_refused_with_a_message(admin_client, change, message):
    data = form_data(paste(admin_client, published_on="2024-05-29"))

    response = admin_client.post(URL, {**data, **change})

    assert response.status_code == 200
    assert message in page(response)
    assert not FundingRound.objects.exists()
    assert not Source.objects.exists()


def test_a_database_failure_while_saving_leaves_nothing_and_keeps_the_form(admin_client, monkeypatch):
    data = form_data(paste(admin_client, published_on="2024-05-29"))
    original_save = Participation.save

    def save_with_a_bad_role(self, *args, **kwargs):
        self.role = "sponsor"  # refused by funding_participation_role_valid
        original_save(self, *args, **kwargs)

    monkeypatch.setattr(Participation, "save", save_with_a_bad_role)

    response = admin_client.post(URL, data)

    assert response.status_code == 200
    assert "nothing was saved" in page(response)
    assert form_data(response)["amount"] == "40000000"
    assert not Source.objects.exists()
    assert not Company.objects.exists()
    assert not FundingRound.objects.exists()
    assert not Investor.objects.exists()


def test_a_new_company_named_like_a_known_one_must_be_chosen_instead(admin_client):
    data = form_data(paste(admin_client, published_on="2024-05-29"))
    make_company("NIMBUS ROBOTICS")

    response = admin_client.post(URL, data)

    assert response.status_code == 200
    assert "already exists: choose it in the list" in page(response)
    assert Company.objects.count() == 1


# --- bad input -----------------------------------------------------------------


def test_an_empty_paste_asks_for_the_text(admin_client):
    response = paste(admin_client, text="   \n ")

    assert response.status_code == 200
    assert "Paste the article&#x27;s text, or upload the page saved as HTML." in page(response)


def test_five_megabytes_of_text_are_refused_without_echoing_them(admin_client):
    response = paste(admin_client, text="funding " * 655_360)

    assert response.status_code == 200
    assert "characters long; one article is at most 200,000" in page(response)
    assert len(response.content) < 100_000


def test_a_request_above_the_upload_limit_gets_a_message(admin_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = paste(admin_client, text="funding " * 500)

    assert response.status_code == 413
    assert "This is too much data for one article" in page(response)


def test_binary_junk_is_refused(admin_client):
    response = paste(admin_client, text="PK\x03\x04\x00\x00binary\x00junk")

    assert response.status_code == 200
    assert "is not text" in page(response)
    assert "\x00" not in page(response)


def test_markup_in_pasted_text_is_shown_as_text(admin_client):
    text = f"{HEADLINE}\n\n<script>alert('x')</script> {LEAD} <img src=x onerror=alert(1)>"

    response = paste(admin_client, text=text, published_on="2024-05-29")

    assert response.status_code == 200
    assert "<script>alert" not in page(response)
    assert "<img src=x" not in page(response)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page(response)
    # Marks are placed by offsets into the raw text, around escaped markup.
    [lead_mark] = [mark for mark in marks(response) if LEAD in mark]
    assert lead_mark.endswith("&lt;img src=x onerror=alert(1)&gt;")


def test_an_uploaded_page_is_read_without_its_scripts(admin_client):
    html = f"""<!doctype html><html lang="en"><head><title>{HEADLINE}</title>
        <meta property="og:site_name" content="Example News">
        <meta property="og:url" content="https://news.example.org/nimbus">
        <meta property="article:published_time" content="2024-05-29T08:00:00Z">
        <script>document.title = "pwned"; alert("x")</script></head>
        <body><nav>Home | Tech</nav><article><h1>{HEADLINE}</h1><p>{LEAD}</p>
        <script>alert("inline")</script><p>{OTHERS}</p>
        <p>The startup, founded in 2019, will hire engineers &amp; sellers.</p></article></body></html>"""
    upload = SimpleUploadedFile("nimbus.html", html.encode(), content_type="text/html")

    response = admin_client.post(URL, {"step": "article", "html_file": upload})

    assert response.status_code == 200
    assert "alert(" not in page(response)
    assert "pwned" not in page(response)
    data = form_data(response)
    assert (data["title"], data["publisher"], data["url"]) == (
        HEADLINE,
        "Example News",
        "https://news.example.org/nimbus",
    )
    assert data["published_on"] == "2024-05-29"
    assert data["company_name"] == "Nimbus Robotics"
    assert "engineers &amp;amp; sellers" not in page(response)
    assert "engineers &amp; sellers" in page(response)


def test_a_binary_upload_is_refused(admin_client):
    upload = SimpleUploadedFile("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", content_type="text/html")

    response = admin_client.post(URL, {"step": "article", "html_file": upload})

    assert response.status_code == 200
    assert "This file is not a web page" in page(response)


def test_a_page_without_text_is_refused(admin_client):
    upload = SimpleUploadedFile("empty.html", b"<html><body><script>x()</script></body></html>")

    response = admin_client.post(URL, {"step": "article", "html_file": upload})

    assert response.status_code == 200
    assert "No article text was found in this page." in page(response)


def test_text_and_a_page_together_are_refused(admin_client):
    upload = SimpleUploadedFile("nimbus.html", f"<p>{LEAD}</p>".encode())

    response = admin_client.post(URL, {"step": "article", "text": ARTICLE, "html_file": upload})

    assert "Paste the text or upload a page, not both." in page(response)


def test_a_tampered_review_form_is_refused_without_a_crash(admin_client):
    data = form_data(paste(admin_client, published_on="2024-05-29"))
    data.update(
        {
            "company_match": "999999",
            "investors-0-match": "drop table",
            "evidence": "{not json",
            "round_choice": "12abc",
        }
    )

    response = admin_client.post(URL, data)

    assert response.status_code == 200
    assert "This company no longer exists" in page(response)
    assert "Choose a match in the list." in page(response)
    assert not FundingRound.objects.exists()


# --- highlighting --------------------------------------------------------------


def test_highlighting_escapes_the_text_and_marks_the_right_characters():
    text = "A <b> & B.\nSecond sentence & more.\nThird."
    start = text.index("Second")
    evidence = {
        "amount": {"quote": "Second sentence & more.", "start": start, "end": start + 23},
        "currency": {"quote": "Second sentence & more.", "start": start, "end": start + 23},
        "status": {"quote": "sentence & more.\nThird.", "start": start + 7, "end": len(text)},  # overlaps
        "company": {"quote": "Third.", "start": 500, "end": 506},  # wrong offsets: found by its quote
        "investors": {"quote": "Not in the text", "start": None, "end": None},
    }

    html, ids = highlight_evidence(text, evidence)

    assert html == (
        'A &lt;b&gt; &amp; B.\n<mark id="evidence-1" class="evidence" data-fields="amount currency status">'
        'Second sentence &amp; more.</mark>\n<mark id="evidence-2" class="evidence" data-fields="company">Third.</mark>'
    )
    assert ids["amount"] == ids["currency"] == ids["status"] == "evidence-1"
    assert "investors" not in ids


# --- cost ----------------------------------------------------------------------


def review_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = paste(client, published_on="2024-05-29")
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_review_page_costs_the_same_queries_however_many_investors_are_known(admin_client):
    make_investor("Sequoia Capital")
    make_company("Nimbus Robotics")
    few = review_queries(admin_client)
    for n in range(300):
        make_investor(f"Generic Fund {n}", aliases=(f"GF{n}",))

    many = review_queries(admin_client)

    # 1. session, 2. user,
    # 3. company by exact name key,
    # 4. the company's rounds within 90 days,
    # 5. investor names and aliases by exact key,
    # 6. every investor name key, once (for "Northwind Ventures" and "Harbor Angels", unknown)
    assert len(many) == len(few) == 6


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed article is not present")
def test_the_seed_article_is_entered_by_confirming_the_draft(admin_client):
    make_investor("Andreessen Horowitz", aliases=("a16z",))
    review = paste(admin_client, text=SEED.read_text(encoding="utf-8"), published_on="2024-05-27")
    data = form_data(review)

    response = admin_client.post(URL, data)

    assert response.status_code == 302, page(response)
    round_ = FundingRound.objects.with_valuations().get()
    assert round_.company.name == "xAI"
    assert (round_.round_type, round_.amount, round_.currency) == ("series_b", Decimal("6000000000"), "USD")
    assert round_.pre_money == Decimal("18000000000")
    assert round_.post_money == Decimal("24000000000")
    assert round_.investor_list_complete is False
    assert set(round_.participations.values_list("investor__name", flat=True)) == {
        "Valor Equity Partners",
        "Andreessen Horowitz",
        "Sequoia Capital",
        "Prince Alwaleed Bin Talal",
    }
    assert Investor.objects.count() == 4
    assert Valuation.objects.filter(round=round_).count() == 2
    quotes = Citation.objects.filter(source__language="fr").exclude(quote="")
    assert quotes.filter(round=round_, fact="amount").exists()
    assert quotes.filter(participation__round=round_, fact="investors").count() == 4
    assert quotes.filter(valuation__round=round_, fact="valuation").count() == 2
