"""Add from article in Chromium: paste, review the highlighted draft, save, land on the saved round."""

import re
import time
from decimal import Decimal

import pytest

from tests.browser.conftest import SEED_ARTICLE, expect, log_in, save_screenshot, unavailable
from tracker.funding.models import FundingRound

pytestmark = pytest.mark.browser

CHANGELIST = "/admin/funding/fundinground/"
# Our own words, in the shape of a typical funding announcement.
ARTICLE = """Acme Robotics raises $25 million to build warehouse robots

Acme Robotics, a Boston maker of robots that pick and pack parcels, said on Tuesday that it has raised \
$25 million in a Series A round led by Example Ventures, with participation from Sample Capital.

The company will use the money to hire engineers and to open an office in Rotterdam next year.

Its robots already work in twelve warehouses, the company said.
"""


@pytest.fixture
def intake_page(editor, page):
    """The editor, signed in, on the round changelist that offers "Add from article"."""
    log_in(page, CHANGELIST)
    link = page.get_by_role("link", name="Add from article")
    if not link.count():
        unavailable("The round changelist has no “Add from article” link: the article intake is not installed")
    return page


def paste_article(page, text: str, *, published_on: str) -> None:
    """Open "Add from article", paste the text and read it; wait for the review form."""
    page.get_by_role("link", name="Add from article").click()
    form = page.locator("#intake-form")
    expect(form).to_be_visible()
    form.locator('textarea[name="text"]').fill(text)
    form.get_by_label("Published").fill(published_on)
    form.get_by_role("button", name="Read the article").click()
    expect(page.locator("#review-form")).to_be_visible()


def save_review(page) -> int:
    """Save the reviewed draft; return the id of the round whose change page the editor lands on."""
    page.locator('#review-form [name="_save"]').click()
    page.wait_for_url(re.compile(r"/admin/funding/fundinground/\d+/change/$"))
    return int(re.search(r"/fundinground/(\d+)/change/", page.url)[1])


def test_editor_pastes_an_article_reviews_the_highlighted_draft_and_saves_the_round(intake_page):
    page = intake_page
    paste_article(page, ARTICLE, published_on="2025-03-04")

    review = page.locator("#review-form")
    amount_marks = review.locator("mark.evidence").filter(has_text="$25 million")
    expect(amount_marks.first).to_be_visible()
    expect(review.locator('[name="company_name"]')).to_have_value("Acme Robotics")
    expect(review.locator('[name="amount"]')).to_have_value("25000000")
    expect(review.locator('[name="currency"]')).to_have_value("USD")
    expect(review.locator('[name="round_type"]')).to_have_value("series_a")
    expect(review.locator('[name="investors-0-name"]')).to_have_value("Example Ventures")
    expect(review.locator('[name="investors-0-role"]')).to_have_value("lead")
    save_screenshot(page, "intake-review-acme")

    round_id = save_review(page)

    expect(page.locator(".messagelist .success")).to_contain_text("Acme Robotics")
    expect(page.locator(".field-company .select2-selection__rendered")).to_have_text("Acme Robotics")
    assert Decimal(page.get_by_label("Amount raised").input_value()) == Decimal("25000000")
    round_ = FundingRound.objects.select_related("company").get(pk=round_id)
    assert round_.company.name == "Acme Robotics"
    assert round_.round_type == "series_a"
    assert round_.amount == Decimal("25000000")
    assert round_.currency == "USD"
    investors = dict(round_.participations.values_list("investor__name", "role"))
    assert investors == {"Example Ventures": "lead", "Sample Capital": "participant"}
    assert round_.citations.exists()


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason=f"the seed article is not at {SEED_ARTICLE}")
def test_the_seed_article_becomes_xais_series_b_with_its_four_investors_in_under_a_minute(intake_page):
    page = intake_page
    started = time.perf_counter()

    paste_article(page, SEED_ARTICLE.read_text(encoding="utf-8"), published_on="2024-05-27")
    review = page.locator("#review-form")
    expect(review.locator('[name="amount"]')).to_have_value("6000000000")
    save_screenshot(page, "intake-review-seed")
    round_id = save_review(page)

    elapsed = time.perf_counter() - started
    print(f"\nseed article: pasted, reviewed and saved in {elapsed:.1f} s of wall time")
    round_ = FundingRound.objects.with_valuations().select_related("company").get(pk=round_id)
    assert round_.company.name == "xAI"
    assert round_.round_type == "series_b"
    assert round_.amount == Decimal("6000000000")
    assert round_.currency == "USD"
    assert sorted(round_.participations.values_list("investor__name", flat=True)) == [
        "Andreessen Horowitz",
        "Prince Alwaleed Bin Talal",
        "Sequoia Capital",
        "Valor Equity Partners",
    ]
    assert round_.pre_money == Decimal("18000000000")
    assert round_.post_money == Decimal("24000000000")
    assert elapsed < 60
