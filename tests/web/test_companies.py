import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from tests.factories import make_company, make_round, make_sector, make_valuation
from tracker.lib.money import format_compact, format_exact

pytestmark = pytest.mark.django_db


def rows_of(response) -> list:
    return list(response.context["table"].page.object_list.data)


# The list


def test_company_list_shows_total_raised_from_announced_and_closed_rounds(client, mistral):
    (company,) = rows_of(client.get("/companies/"))
    # Seed 105M + Series A 415M + Series B 640M; the rumored and withdrawn rounds do not count.
    assert company.total_raised_usd == Decimal("1160000000.00")
    html = client.get("/companies/").content.decode()
    assert 'title="$1,160,000,000">$1.2B</data>' in html


def test_company_list_shows_last_round_and_latest_post_money(client, mistral):
    html = client.get("/companies/").content.decode()
    assert "Series C<br><small>February 2025</small>" in html
    assert 'title="$6,000,000,000">$6B</data>' in html
    assert "April 2023" in html
    assert "Artificial intelligence" in html
    assert "France" in html


def test_company_search_ignores_case_and_accents(client, mistral):
    make_company("Société Générale Ventures", country="FR")
    assert [c.name for c in rows_of(client.get("/companies/", {"q": "SOCIETE"}))] == ["Société Générale Ventures"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "FR"}, ["Mistral AI"]),
        ({"country": "US"}, ["Stripe"]),
        ({"status": "acquired"}, ["Stripe"]),
        ({"last_round_type": "series_c"}, ["Mistral AI"]),
        ({"raised_min": "1000000000"}, ["Mistral AI"]),
        ({"raised_max": "1000000000"}, ["Stripe"]),
        ({"sector": "fintech"}, ["Stripe"]),
    ],
)
def test_company_filters_narrow_the_table(client, mistral, params, expected):
    stripe = make_company("Stripe", country="US", status="acquired")
    stripe.sectors.add(make_sector("Fintech"))
    make_round(stripe, round_type="series_i", amount=Decimal("6500000"))
    assert [c.name for c in rows_of(client.get("/companies/", params))] == expected


def test_companies_sort_by_total_raised(client, mistral):
    make_round(make_company("Bigger"), amount=Decimal("9000000000"))
    make_company("Nothing yet")
    names = [c.name for c in rows_of(client.get("/companies/", {"sort": "-total_raised_usd"}))]
    assert names == ["Bigger", "Mistral AI", "Nothing yet"]


def test_companies_sort_by_latest_valuation_puts_unvalued_ones_last(client, mistral):
    make_valuation(make_company("Valued"), amount=Decimal("9000000000"))
    make_company("Unvalued")
    for order in ("latest_valuation", "-latest_valuation"):
        names = [c.name for c in rows_of(client.get("/companies/", {"sort": order}))]
        assert names[-1] == "Unvalued"


def test_companies_paginate_by_25(client, db):
    for n in range(30):
        make_company(f"Company {n:02}")
    response = client.get("/companies/", {"page": 2})
    assert [c.name for c in rows_of(response)] == [f"Company {n:02}" for n in range(25, 30)]
    assert "Page 2 of 2" in response.content.decode()


def test_csv_export_carries_exact_figures_of_the_filtered_rows(client, mistral):
    make_company("Other", country="US")
    response = client.get("/companies/", {"country": "FR", "_export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["Company"] == "Mistral AI"
    assert Decimal(row["Total raised (USD)"]) == Decimal("1160000000")
    assert Decimal(row["Latest valuation"]) == Decimal("6000000000")
    assert row["Latest valuation currency"] == "USD"
    assert row["Founded"] == "2023-04"
    assert row["Last round"] == "2025-02"
    assert row["Last round type"] == "Series C"
    assert row["Country"] == "FR"


def test_xlsx_export_is_a_spreadsheet_with_numbers(client, mistral):
    response = client.get("/companies/", {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    values = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert Decimal(str(values["Total raised (USD)"])) == Decimal("1160000000")


def test_exports_ignore_pagination(client, db):
    for n in range(30):
        make_company(f"Company {n:02}")
    response = client.get("/companies/", {"_export": "csv", "page": 2})
    assert response.content.decode().count("\n") == 31


def test_an_empty_site_says_no_company_is_recorded_yet(client, db):
    assert "No company has been recorded yet." in client.get("/companies/").content.decode()


def test_a_filter_matching_nothing_says_so(client, mistral):
    assert "No company matches these filters." in client.get("/companies/", {"q": "zzz"}).content.decode()


# The company page


def test_company_page_says_who_the_company_is(client, mistral):
    html = client.get("/companies/mistral-ai/").content.decode()
    for text in (
        "Open-weight language models.",
        "Arthur Mensch, Guillaume Lample",
        "Paris, France",
        'href="https://mistral.ai"',
        "Artificial intelligence",
        "Active",
        "April 2023",
    ):
        assert text in html


def test_company_page_shows_total_raised_latest_valuation_and_investor_count(client, mistral):
    response = client.get("/companies/mistral-ai/")
    assert response.context["company"].total_raised_usd == Decimal("1160000000.00")
    assert len(response.context["history"].backers) == 4
    html = response.content.decode()
    assert 'title="$1,160,000,000">$1.2B</data>' in html
    assert 'title="$6,000,000,000">$6B</data>' in html


def test_timeline_dates_keep_their_precision(client, mistral):
    html = client.get("/companies/mistral-ai/").content.decode()
    assert ">June 2023</time>" in html
    assert ">December 11, 2023</time>" in html
    assert ">Q1 2024</time>" in html
    assert "2023-06-01</time>" not in html


def test_timeline_shows_status_badges_with_words(client, mistral):
    html = client.get("/companies/mistral-ai/").content.decode()
    for status in ("rumored", "announced", "closed", "withdrawn"):
        assert f'<span class="badge badge-{status}">{status}</span>' in html


def test_a_rumor_with_a_target_shows_the_amount_sought(client, mistral):
    html = client.get("/companies/mistral-ai/").content.decode()
    assert 'sought: <data class="money" value="1000000000.00" title="$1,000,000,000">$1B</data>' in html


def test_an_undisclosed_round_says_so(client, mistral):
    make_round(mistral.company, amount=None, target_amount=None)
    assert '<span class="undisclosed">undisclosed</span>' in client.get("/companies/mistral-ai/").content.decode()


def test_native_currency_comes_with_its_usd_conversion(client, mistral):
    round = make_round(mistral.company, amount=Decimal("600000000"), currency="EUR")
    html = client.get("/companies/mistral-ai/").content.decode()
    assert 'title="€600,000,000">€600M</data>' in html
    usd = f'title="{format_exact(round.amount_usd, "USD")}">{format_compact(round.amount_usd, "USD")}</data>'
    assert round.amount_usd > Decimal("600000000")
    assert f'<span class="usd">(≈ <data class="money" value="{round.amount_usd}" {usd})</span>' in html


def test_round_label_keeps_its_original_wording(client, mistral):
    assert "Série A <small>Series A</small>" in client.get("/companies/mistral-ai/").content.decode()


def test_inconsistent_figures_kept_as_reported_are_flagged(client, mistral):
    history = client.get("/companies/mistral-ai/").context["history"]
    flagged = [r.display_label for r in history.rounds if r.is_inconsistent]
    assert flagged == ["Series B"]
    html = client.get("/companies/mistral-ai/").content.decode()
    assert "figures do not add up (kept as reported)" in html
    assert html.count("figures do not add up") == 1


def test_step_up_between_priced_rounds_compares_post_money_valuations(client, mistral):
    rounds = {r.display_label: r for r in client.get("/companies/mistral-ai/").context["history"].rounds}
    # 2,015M / 260M and 6,000M / 2,015M.
    assert rounds["Série A"].step_up == Decimal("7.8")
    assert rounds["Series B"].step_up == Decimal("3.0")
    assert rounds["Seed"].step_up is None
    html = client.get("/companies/mistral-ai/").content.decode()
    assert "×3.0 post-money valuation since Série A" in html


def test_leads_and_other_investors_are_linked_with_and_others_when_incomplete(client, mistral):
    html = client.get("/companies/mistral-ai/").content.decode()
    assert 'Led by\n          <a href="/investors/andreessen-horowitz/">Andreessen Horowitz</a>' in html
    assert '<a href="/investors/lightspeed-venture-partners/">Lightspeed Venture Partners</a>' in html
    assert html.count("and others") == 1


def test_citations_of_rounds_participations_and_valuations_all_show(client, mistral):
    html = client.get("/companies/mistral-ai/").content.decode()
    # Three citations, one article: the article is listed once.
    assert "<summary>1 source</summary>" in html
    assert html.count("Mistral AI raises $640M</a>") == 1
    assert "Mistral AI raised $640 million in a Series B." in html
    assert "The round was led by General Catalyst." in html
    assert "The company is now valued at $6 billion." in html
    assert 'href="https://example.com/mistral-b"' in html


def test_citation_of_a_valuation_outside_any_round_shows_under_other_valuations(client, mistral):
    from tests.factories import make_citation

    valuation = make_valuation(mistral.company, kind="reported", amount=Decimal("10000000000"))
    make_citation(valuation=valuation, fact="valuation", quote="Worth about $10 billion, say people familiar.")
    html = client.get("/companies/mistral-ai/").content.decode()
    assert "Other reported valuations" in html
    assert "Worth about $10 billion, say people familiar." in html


def test_all_investors_are_listed_with_their_roles_leads_first(client, mistral):
    backers = client.get("/companies/mistral-ai/").context["history"].backers
    assert [(b.investor.name, b.roles) for b in backers] == [
        ("Andreessen Horowitz", ["lead", "participant"]),
        ("Lightspeed Venture Partners", ["lead", "participant"]),
        ("General Catalyst", ["lead"]),
        ("Bpifrance", ["participant"]),
    ]


def test_history_chart_plots_cumulative_capital_and_post_money(client, mistral):
    rows = client.get("/companies/mistral-ai/").context["history"].chart.rows
    assert [row[1:] for row in rows] == [
        ["Seed", "$105M", "$260M"],
        ["Série A", "$520M", "$2B"],
        ["Series B", "$1.2B", "$6B"],
    ]


def test_company_page_links_its_atom_feed(client, mistral):
    html = client.get("/companies/mistral-ai/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feeds/companies/mistral-ai/"' in html


def test_a_company_without_rounds_has_an_empty_state(client, db):
    make_company("Quiet")
    response = client.get("/companies/quiet/")
    assert response.status_code == 200
    assert "No funding round recorded for this company yet." in response.content.decode()


def test_unknown_company_is_a_404_in_the_site_style(client, db):
    response = client.get("/companies/nobody/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'class="site-nav"' in html


def test_links_to_other_sites_are_web_addresses_only(client, mistral):
    from tracker.funding.models import Company, Source

    Company.objects.filter(pk=mistral.company.pk).update(website="javascript:alert(1)")
    Source.objects.update(url="javascript:alert(2)")
    html = client.get("/companies/mistral-ai/").content.decode()
    assert "javascript:" not in html
    assert "Mistral AI raises $640M" in html


def test_an_english_label_is_not_repeated_under_its_french_type(client, mistral):
    make_round(mistral.company, round_type="series_e", label="Series E", announced_on=datetime.date(2025, 1, 1))

    html = client.get("/companies/mistral-ai/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Series E <small>" not in html
    assert "Series E" in html


def test_a_sentence_stating_several_facts_is_quoted_once(client, mistral):
    from tests.factories import make_citation, make_participation, make_source

    round = make_round(mistral.company, announced_on=datetime.date(2025, 2, 1))
    article = make_source("One sentence, three facts")
    sentence = "Mistral AI raised $1 billion from Example Capital and Sample Partners."
    make_citation(article, round=round, fact="amount", quote=sentence)
    for participation in (make_participation(round), make_participation(round)):
        make_citation(article, participation=participation, fact="investors", quote=sentence)

    html = client.get("/companies/mistral-ai/").content.decode()

    assert html.count(sentence) == 1
