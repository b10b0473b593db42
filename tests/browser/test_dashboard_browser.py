"""The public pages in Chromium: dashboard chart, search, sorting, filtering, CSV export, French, phones."""

import csv
import re
from decimal import Decimal

import pytest

from tests.browser.conftest import DESKTOP, PHONE, expect, horizontal_overflow, screenshots_at_both_sizes
from tracker.funding.models import FundingRound

pytestmark = pytest.mark.browser

# A table column's cells as [text, amount]: the amount from the cell's <data value="…">, null when empty.
COLUMN = """(header) => {
  const table = document.querySelector("table.data-table");
  const heads = [...table.tHead.rows[0].cells].map((cell) => cell.innerText.replace(/[↑↓]/g, "").trim());
  const index = heads.indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${heads}`);
  return [...table.tBodies[0].rows].map((row) => {
    const data = row.cells[index].querySelector("data");
    return [row.cells[index].innerText.trim(), data ? data.getAttribute("value") : null];
  });
}"""


def column_texts(page, header: str) -> list[str]:
    return [text for text, _value in page.evaluate(COLUMN, header)]


def column_amounts(page, header: str) -> list[Decimal | None]:
    return [Decimal(value) if value is not None else None for _text, value in page.evaluate(COLUMN, header)]


def plain(text: str) -> str:
    """Babel separates "6 Md $US" with no-break spaces; compare with ordinary ones."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


def nav_search(page, query: str) -> None:
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("searchbox", name="Search companies and investors").fill(query)
    nav.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=*")


def test_dashboard_shows_a_visible_chart_with_its_numbers_table_and_loads_its_css(demo, page, traffic):
    response = page.goto("/")
    assert response.ok
    # The demo rounds are older than the default twelve months: ask for all of them, as a visitor would.
    page.get_by_role("navigation", name="Period").get_by_role("link", name="All time").click()
    page.wait_for_url("**/?period=all")

    chart = page.locator("figure.chart").first
    svg = chart.locator("svg").first
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    assert chart.locator("table tbody tr").count() > 0
    chart.get_by_text("Show the numbers").click()
    expect(chart.locator("table")).to_be_visible()
    assert page.get_by_role("heading", name="Key figures").is_visible()

    assert traffic.status_of("/static/web/site.css") == 200
    # The stylesheet applied: the header is not the browser's default transparent background.
    header_color = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert header_color not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshots_at_both_sizes(page, "dashboard")


def test_visitor_finds_a_company_from_the_nav_search_and_reads_its_funding_history(demo, page):
    page.goto("/")
    nav_search(page, "xai")
    page.get_by_role("link", name="xAI", exact=True).click()
    page.wait_for_url("**/companies/xai/")

    expect(page.get_by_role("heading", level=1)).to_have_text("xAI")
    timeline = page.locator("ol.timeline")
    series_b = timeline.locator("li.timeline-item", has_text=re.compile("Series B|série B"))
    expect(series_b).to_have_count(1)
    expect(series_b.locator(".round-amount")).to_have_text("$6B")
    expect(series_b).to_contain_text("Valor Equity Partners")
    screenshots_at_both_sizes(page, "company-xai")


def test_company_page_does_not_overflow_sideways_on_a_phone(demo, page):
    page.set_viewport_size(PHONE)
    page.goto("/companies/mistral-ai/")
    # The longest history of the demo: four rounds, euro amounts, valuations in dollars.
    expect(page.locator("ol.timeline > li")).to_have_count(4)

    assert horizontal_overflow(page) <= 1


def test_every_main_page_fits_a_phone_screen_and_is_saved_at_both_sizes(demo, page):
    pages = {
        "dashboard": "/?period=all",
        "companies": "/companies/",
        "investors": "/investors/",
        "rounds": "/rounds/",
        "search": "/search/?q=capital",
        "investor": "/investors/lightspeed-venture-partners/",
    }
    overflows = {}
    for name, path in pages.items():
        assert page.goto(path).ok, path
        screenshots_at_both_sizes(page, f"main-{name}")
        page.set_viewport_size(PHONE)
        overflows[name] = horizontal_overflow(page)
        page.set_viewport_size(DESKTOP)

    # Wide tables scroll inside their own box; the page itself never scrolls sideways.
    assert {name: pixels for name, pixels in overflows.items() if pixels > 1} == {}


def test_investor_search_finds_andreessen_horowitz_by_its_alias_a16z(demo, page):
    page.goto("/rounds/")
    nav_search(page, "a16z")
    result = page.locator(".result-list li", has_text="Andreessen Horowitz")
    expect(result).to_contain_text("a16z")
    result.get_by_role("link", name="Andreessen Horowitz").click()

    page.wait_for_url("**/investors/andreessen-horowitz/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Andreessen Horowitz")
    screenshots_at_both_sizes(page, "investor-a16z")


def test_clicking_the_amount_header_sorts_rounds_by_amount_one_way_then_the_other(demo, page):
    page.goto("/rounds/")
    unsorted = column_amounts(page, "Amount (USD)")

    amount_header = page.locator("table.data-table thead").get_by_role("link", name="Amount", exact=True)
    amount_header.click()
    page.wait_for_url("**sort=amount*")
    ascending = column_amounts(page, "Amount (USD)")
    amount_header.click()
    page.wait_for_url("**sort=-amount*")
    descending = column_amounts(page, "Amount (USD)")

    known = [amount for amount in ascending if amount is not None]
    assert len(known) >= 10
    assert known == sorted(known)
    assert [amount for amount in descending if amount is not None] == sorted(known, reverse=True)
    # Undisclosed amounts stay at the bottom whichever way the table sorts.
    assert ascending[len(known) :] == descending[len(known) :] == [None] * (len(ascending) - len(known))
    assert unsorted != ascending
    expect(page.locator("table.data-table thead th[aria-sort]")).to_have_attribute("aria-sort", "descending")
    screenshots_at_both_sizes(page, "rounds-by-amount")


def test_filtering_rounds_by_currency_keeps_only_euro_rounds_and_the_csv_export_carries_them_exactly(
    demo, page, tmp_path
):
    page.goto("/rounds/")
    all_rows = page.locator("table.data-table tbody tr").count()
    filters = page.get_by_role("form", name="Filters")
    filters.get_by_label("Currency").select_option("EUR")
    filters.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**currency=EUR*")

    euro_rounds = FundingRound.objects.filter(currency="EUR").select_related("company")
    rows = page.locator("table.data-table tbody tr")
    expect(rows).to_have_count(len(euro_rounds))
    assert 0 < len(euro_rounds) < all_rows
    amounts = column_texts(page, "Amount")
    assert all(amount.startswith("€") for amount in amounts), amounts
    screenshots_at_both_sizes(page, "rounds-in-euros")

    with page.expect_download() as download_info:
        page.locator(".export-links").get_by_role("link", name="CSV").click()
    download = download_info.value
    assert re.fullmatch(r"rounds-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    with path.open(newline="", encoding="utf-8-sig") as file:
        exported = list(csv.DictReader(file))

    assert {"Announced", "Company", "Amount", "Currency", "Amount (USD)"} <= set(exported[0])
    assert {row["Currency"] for row in exported} == {"EUR"}
    # Exact figures, not "€1.7B": every amount reads back to the stored Decimal.
    assert sorted((row["Company"], Decimal(row["Amount"]), Decimal(row["Amount (USD)"])) for row in exported) == sorted(
        (r.company.name, r.amount, r.amount_usd) for r in euro_rounds
    )


def test_switching_to_french_translates_the_page_and_is_remembered_on_the_next_page(demo, page):
    page.goto("/companies/xai/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    page.wait_for_url("**/companies/xai/")

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    nav = page.get_by_role("navigation", name="Navigation principale")
    expect(nav.get_by_role("link", name="Tableau de bord")).to_be_visible()
    expect(page.get_by_label("Langue")).to_have_value("fr")
    # Amounts follow the French conventions through Babel.
    assert plain(page.locator(".timeline .round-amount").first.inner_text()) == "6 Md $US"

    nav.get_by_role("link", name="Tours de table").click()
    page.wait_for_url("**/rounds/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tours de table")
    expect(page.get_by_role("button", name="Appliquer les filtres")).to_be_visible()
    assert "6 Md $US" in plain(page.locator("table.data-table").inner_text())
    screenshots_at_both_sizes(page, "rounds-in-french")
