"""The editors' admin: entering the seed article by hand, refusing bad input, query counts."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    make_citation,
    make_company,
    make_investor,
    make_participation,
    make_round,
    make_source,
    make_valuation,
)
from tracker.funding.models import Company, FundingRound, Investor, InvestorAlias, Valuation

pytestmark = pytest.mark.django_db

INLINES = {"participations": 3, "valuations": 2, "citations": 1}


def round_form(company: Company, **overrides) -> dict:
    """POST data for the round add form: the round's fields plus empty inline management forms."""
    data = {
        "company": company.pk,
        "round_type": "series_b",
        "label": "série B",
        "status": "closed",
        "announced_on": "2024-05-26",
        "announced_precision": "day",
        "closed_on": "",
        "closed_precision": "day",
        "amount": "6000000000",
        "currency": "USD",
        "target_amount": "",
        "investor_count": "",
        "use_of_funds": "",
        "notes": "",
    }
    for prefix in INLINES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def with_rows(data: dict, prefix: str, rows: list[dict]) -> dict:
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def valuations(pre: str | None, post: str | None, currency: str = "USD") -> list[dict]:
    rows = []
    for kind, amount in (("pre_money", pre), ("post_money", post)):
        if amount is not None:
            rows.append(
                {
                    "kind": kind,
                    "valued_on": "2024-05-26",
                    "valued_precision": "day",
                    "amount": amount,
                    "currency": currency,
                }
            )
    return rows


def error_lists(response) -> list[str]:
    """The error lists of a form page, to explain a failed save."""
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>.*?</ul>', response.content.decode(), re.S)


def add_round(client, data: dict):
    return client.post(reverse("admin:funding_fundinground_add"), data)


def errors_of(response) -> str:
    """All error text on an admin form page, for assertions."""
    assert response.status_code == 200, "expected the form to be shown again with errors"
    return response.content.decode()


def test_editor_enters_the_seed_articles_series_b_with_investors_valuations_and_citation(admin_client):
    xai = make_company("xAI")
    investors = [
        make_investor("Valor Equity Partners"),
        make_investor("Andreessen Horowitz", aliases=("a16z",)),
        make_investor("Sequoia Capital"),
        make_investor("Prince Alwaleed Bin Talal", kind="individual"),
    ]
    source = make_source("XAI d'Elon Musk obtient un nouveau financement de 6 milliards de dollars", language="fr")
    data = round_form(xai, investor_list_complete="")  # unticked: "entre autres"
    with_rows(data, "participations", [{"investor": i.pk, "role": "participant"} for i in investors])
    with_rows(data, "valuations", valuations("18B", "24 000 000 000"))
    with_rows(data, "citations", [{"source": source.pk, "fact": "amount", "quote": "xAI raised $6bn in a Series B."}])

    response = add_round(admin_client, data)

    assert response.status_code == 302, error_lists(response)
    round_ = FundingRound.objects.with_valuations().get(company=xai)
    assert round_.amount == Decimal("6000000000")
    assert round_.amount_usd == Decimal("6000000000.00")
    assert round_.pre_money == Decimal("18000000000")
    assert round_.post_money == Decimal("24000000000")
    assert round_.investor_list_complete is False
    assert sorted(round_.participations.values_list("investor__name", flat=True)) == sorted(i.name for i in investors)
    assert round_.citations.get().source == source
    assert not round_.is_inconsistent
    assert Valuation.objects.filter(company=xai).count() == 2


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"amount": "-5"}, "Enter a positive amount"),
        ({"amount": "0"}, "Enter a positive amount"),
        ({"amount": "six"}, "Enter an amount such as"),
        ({"currency": "XYZ"}, "is not an ISO 4217 currency code"),
        ({"closed_on": "2024-05-01"}, "cannot close"),
        ({"announced_precision": "month"}, "known to the month only"),
        ({"round_type": "series_z"}, "Select a valid choice"),
    ],
)
def test_bad_round_input_is_refused_with_a_message_and_the_typed_values_are_kept(
    admin_client, overrides, field_message
):
    company = make_company("xAI")
    data = round_form(company, label="kept label", **overrides)

    response = add_round(admin_client, data)

    page = errors_of(response)
    assert field_message in page
    assert 'value="kept label"' in page
    assert not FundingRound.objects.exists()


def test_post_money_below_pre_money_is_refused_on_the_post_money_field(admin_client):
    data = with_rows(round_form(make_company()), "valuations", valuations("24B", "18B"))

    page = errors_of(add_round(admin_client, data))

    assert "cannot be below pre-money" in page
    assert not FundingRound.objects.exists()


def test_figures_that_do_not_add_up_are_refused_unless_kept_as_reported(admin_client):
    company = make_company()
    data = with_rows(round_form(company), "valuations", valuations("18B", "25B"))

    page = errors_of(add_round(admin_client, data))
    assert "do not add up" in page
    assert "keep as reported" in page
    assert not FundingRound.objects.exists()

    data["keep_as_reported"] = "on"
    response = add_round(admin_client, data)

    assert response.status_code == 302
    assert FundingRound.objects.with_valuations().get().is_inconsistent


def test_figures_within_one_percent_are_accepted(admin_client):
    data = with_rows(round_form(make_company()), "valuations", valuations("18B", "24.2B"))

    assert add_round(admin_client, data).status_code == 302


def test_the_same_investor_twice_in_a_round_is_refused(admin_client):
    investor = make_investor("Sequoia Capital")
    data = round_form(make_company())
    with_rows(
        data,
        "participations",
        [{"investor": investor.pk, "role": "lead"}, {"investor": investor.pk, "role": "participant"}],
    )

    page = errors_of(add_round(admin_client, data))

    assert "Please correct the duplicate data for investor" in page or "already exists" in page
    assert not FundingRound.objects.exists()


def test_a_duplicate_company_is_refused_whatever_its_case_and_accents(admin_client):
    make_company("Société Générale")
    response = admin_client.post(
        reverse("admin:funding_company_add"),
        {
            "name": "societe generale",
            "slug": "",
            "status": "active",
            "founded_precision": "day",
            "founders-TOTAL_FORMS": "0",
            "founders-INITIAL_FORMS": "0",
            "rounds-TOTAL_FORMS": "0",
            "rounds-INITIAL_FORMS": "0",
            "valuations-TOTAL_FORMS": "0",
            "valuations-INITIAL_FORMS": "0",
        },
    )

    page = errors_of(response)
    assert "A company named “Société Générale” already exists." in page
    assert Company.objects.count() == 1


def test_an_alias_used_by_another_investor_is_refused(admin_client):
    make_investor("Andreessen Horowitz", aliases=("a16z",))
    response = admin_client.post(
        reverse("admin:funding_investor_add"),
        {
            "name": "Another Fund",
            "slug": "",
            "kind": "vc",
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "0",
            "names-0-name": "A16Z",
        },
    )

    page = errors_of(response)
    assert "is already an alias of Andreessen Horowitz" in page
    assert not Investor.objects.filter(name="Another Fund").exists()


def test_a_new_investor_can_be_created_from_the_round_form(admin_client):
    page = admin_client.get(reverse("admin:funding_fundinground_add")).content.decode()

    # The "+" next to the investor autocomplete opens the investor form in a popup.
    assert "add_id_participations-__prefix__-investor" in page
    response = admin_client.post(
        reverse("admin:funding_investor_add") + "?_to_field=id&_popup=1",
        {
            "name": "Prince Alwaleed Bin Talal",
            "slug": "",
            "kind": "individual",
            "_popup": "1",
            "names-TOTAL_FORMS": "0",
            "names-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "dismissAddRelatedObjectPopup" in response.content.decode() or "popup_response" in response.content.decode()
    assert Investor.objects.filter(name="Prince Alwaleed Bin Talal").exists()


def test_investor_autocomplete_finds_an_investor_by_alias(admin_client):
    make_investor("Andreessen Horowitz", aliases=("a16z",))
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "A16Z", "app_label": "funding", "model_name": "participation", "field_name": "investor"},
    )

    assert [r["text"] for r in response.json()["results"]] == ["Andreessen Horowitz"]


def test_round_changelist_shows_compact_amounts_and_the_usd_value(admin_client):
    make_round(
        make_company("Mistral AI", country="FR"),
        amount=Decimal("600000000"),
        currency="EUR",
        announced_on=datetime.date(2024, 6, 11),
    )

    page = admin_client.get(reverse("admin:funding_fundinground_changelist")).content.decode()

    assert "€600M" in page
    assert "$643.8M" in page


def _populate(n: int) -> None:
    for _ in range(n):
        company = make_company()
        round_ = make_round(company)
        participation = make_participation(round_, role="lead")
        make_valuation(round=round_, kind="post_money")
        source = make_source()
        make_citation(source, round=round_)
        make_citation(source, participation=participation)
        InvestorAlias.objects.create(investor=participation.investor, name=f"alias {participation.investor.pk}")


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:funding_company_changelist",
        "admin:funding_fundinground_changelist",
        "admin:funding_investor_changelist",
        "admin:funding_source_changelist",
        "admin:funding_valuation_changelist",
        "admin:funding_participation_changelist",
        "admin:funding_citation_changelist",
        "admin:funding_sector_changelist",
    ],
)
def test_changelists_run_the_same_number_of_queries_for_two_rows_or_twenty(admin_client, url_name):
    url = reverse(url_name)
    _populate(2)
    admin_client.get(url)  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200
    _populate(18)
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(url).status_code == 200

    assert len(many) == len(few), [q["sql"][:200] for q in many.captured_queries]


def test_round_change_form_query_count_does_not_grow_with_participations(admin_client):
    round_ = make_round()
    source = make_source()
    make_citation(source, round=round_)
    url = reverse("admin:funding_fundinground_change", args=[round_.pk])
    make_participation(round_)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for _ in range(10):
        make_participation(round_)
        make_citation(source, round=round_)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)

    assert len(many) == len(few)


def test_source_page_lists_what_cites_it(admin_client):
    round_ = make_round(make_company("xAI"))
    source = make_source("Seed article")
    make_citation(source, round=round_, quote="xAI raised six billion.")

    page = admin_client.get(reverse("admin:funding_source_change", args=[source.pk])).content.decode()

    assert "xAI raised six billion." in page
    assert "xAI" in page


@pytest.mark.parametrize(("pre", "post"), [("30000000000", "36000000000"), ("6000000000", "12000000000")])
def test_raising_or_lowering_pre_and_post_money_together_saves(admin_client, pre, post):
    # The database checks post >= pre at every statement; the admin must write them in a safe order.
    round_ = make_round(amount=Decimal("6000000000"))
    stored_pre = make_valuation(round=round_, kind="pre_money", amount=Decimal("18000000000"))
    stored_post = make_valuation(round=round_, kind="post_money", amount=Decimal("24000000000"))
    data = round_form(round_.company, round_type=round_.round_type, status=round_.status, label="")
    rows = valuations(pre, post)
    rows[0]["id"], rows[1]["id"] = stored_pre.pk, stored_post.pk
    rows[0]["round"] = rows[1]["round"] = round_.pk
    with_rows(data, "valuations", rows)
    data["valuations-INITIAL_FORMS"] = "2"

    response = admin_client.post(reverse("admin:funding_fundinground_change", args=[round_.pk]), data)

    assert response.status_code == 302, error_lists(response)
    stored_pre.refresh_from_db()
    stored_post.refresh_from_db()
    assert (stored_pre.amount, stored_post.amount) == (Decimal(pre), Decimal(post))


def test_a_valuation_typed_on_a_round_takes_the_rounds_date_and_currency_when_left_empty(admin_client):
    data = round_form(make_company(), currency="EUR", announced_on="2024-06-01", announced_precision="month")
    data["amount"] = "600M"
    with_rows(
        data,
        "valuations",
        [{"kind": "post_money", "valued_on": "", "valued_precision": "day", "amount": "5.8B", "currency": ""}],
    )

    response = add_round(admin_client, data)

    assert response.status_code == 302, error_lists(response)
    valuation = Valuation.objects.get()
    assert (valuation.valued_on, valuation.valued_precision) == (datetime.date(2024, 6, 1), "month")
    assert (valuation.amount, valuation.currency) == (Decimal("5800000000"), "EUR")


def test_the_round_form_offers_a_pre_money_and_a_post_money_row(admin_client):
    page = admin_client.get(reverse("admin:funding_fundinground_add")).content.decode()

    assert re.search(r'name="valuations-0-kind".*?<option value="pre_money" selected>', page, re.S)
    assert re.search(r'name="valuations-1-kind".*?<option value="post_money" selected>', page, re.S)


def test_a_stored_whole_amount_is_shown_without_cents_on_the_round_form(admin_client):
    round_ = make_round(amount=Decimal("25000000"))

    page = admin_client.get(reverse("admin:funding_fundinground_change", args=[round_.pk])).content.decode()

    assert 'name="amount" value="25000000"' in page
