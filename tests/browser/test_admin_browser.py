"""The editors' admin in Chromium: a round entered with the autocompletes, and bad input sent back intact."""

from decimal import Decimal

import pytest

from tests.browser.conftest import expect, log_in, save_screenshot
from tests.factories import make_company, make_investor
from tracker.funding.models import FundingRound

pytestmark = pytest.mark.browser

ADD_ROUND = "/admin/funding/fundinground/add/"


@pytest.fixture
def known(editor):
    """The company and the investor the editor picks in the autocompletes."""
    make_company("xAI")
    make_company("Xapo Bank")  # also matches "xa": the editor must pick the right one
    make_investor("Andreessen Horowitz", aliases=("a16z",))
    make_investor("Sequoia Capital")


def autocomplete(page, container, typed: str, choice: str) -> None:
    """Open a select2 autocomplete, type, and pick `choice` among the results the server sends."""
    container.locator(".select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(typed)
    page.locator(".select2-results__option", has_text=choice).filter(has_not_text="Searching").click()
    expect(container.locator(".select2-selection__rendered")).to_have_text(choice)


def fill_round(page, *, currency: str) -> None:
    autocomplete(page, page.locator(".field-company"), "xa", "xAI")
    page.locator("#id_round_type").select_option(label="Series B")
    page.get_by_label("Label as reported").fill("série B")
    page.locator("#id_status").select_option("closed")
    page.locator("#id_announced_on").fill("2024-05-26")
    page.get_by_label("Amount raised").fill("6B")
    page.locator("#id_currency").fill(currency)
    autocomplete(page, page.locator("#participations-0"), "a16z", "Andreessen Horowitz")
    page.locator("#id_participations-0-role").select_option("lead")


def test_editor_adds_a_round_with_the_company_and_investor_autocompletes_and_sees_it_listed(known, page):
    log_in(page, ADD_ROUND)
    expect(page.get_by_role("heading", name="Add funding round")).to_be_visible()

    fill_round(page, currency="USD")
    save_screenshot(page, "admin-round-filled")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url("**/admin/funding/fundinground/")
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    row = page.locator("#result_list tbody tr", has_text="xAI")
    expect(row).to_have_count(1)
    expect(row.locator(".field-amount_display")).to_have_text("$6B")
    expect(row.locator(".field-leads")).to_have_text("Andreessen Horowitz")
    save_screenshot(page, "admin-round-changelist")

    round_ = FundingRound.objects.get(company__name="xAI")
    assert round_.amount == Decimal("6000000000")
    assert round_.currency == "USD"
    assert round_.label == "série B"
    assert [(p.investor.name, p.role) for p in round_.participations.all()] == [("Andreessen Horowitz", "lead")]


def test_an_unknown_currency_is_refused_with_a_message_and_everything_typed_is_kept(known, page):
    log_in(page, ADD_ROUND)
    fill_round(page, currency="XYZ")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_load_state()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".field-currency .errorlist")).to_contain_text("is not an ISO 4217 currency code")
    expect(page.locator("#id_currency")).to_have_value("XYZ")
    expect(page.get_by_label("Amount raised")).to_have_value("6B")
    expect(page.get_by_label("Label as reported")).to_have_value("série B")
    expect(page.locator("#id_announced_on")).to_have_value("2024-05-26")
    expect(page.locator(".field-company .select2-selection__rendered")).to_have_text("xAI")
    expect(page.locator("#participations-0 .select2-selection__rendered")).to_have_text("Andreessen Horowitz")
    save_screenshot(page, "admin-round-bad-currency")
    assert not FundingRound.objects.exists()
