"""What an editor is told when a rule is broken, and what a saved row holds (USD conversion, slugs, names)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms import modelform_factory

from tests.factories import (
    make_company,
    make_investor,
    make_participation,
    make_round,
    make_source,
    make_valuation,
)
from tracker.funding.models import (
    Citation,
    Company,
    FundingRound,
    Investor,
    InvestorAlias,
    InvestorName,
    Participation,
    Source,
    Valuation,
)

pytestmark = pytest.mark.django_db

SUNDAY = datetime.date(2024, 5, 26)
FRIDAY_BEFORE = datetime.date(2024, 5, 24)


def errors_of(instance) -> dict[str, list[str]]:
    """Run full_clean() and return its messages by field (empty when the instance is valid)."""
    try:
        instance.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def new_round(**fields) -> FundingRound:
    fields.setdefault("company", make_company())
    fields.setdefault("round_type", "series_b")
    fields.setdefault("announced_on", SUNDAY)
    fields.setdefault("amount", Decimal("600000000"))
    fields.setdefault("currency", "EUR")
    return FundingRound(**fields)


# Messages: rounds ----------------------------------------------------------------------------------------------------


def test_round_in_an_unknown_currency_is_explained_on_the_currency_field():
    errors = errors_of(new_round(currency="XYZ"))
    assert errors == {"currency": ["“XYZ” is not an ISO 4217 currency code (e.g. USD, EUR, GBP)."]}


def test_round_currency_typed_in_lower_case_is_accepted_in_upper_case():
    funding_round = new_round(currency="eur")
    assert errors_of(funding_round) == {}
    assert funding_round.currency == "EUR"


@pytest.mark.parametrize("field", ["amount", "target_amount"])
@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1")])
def test_round_with_zero_or_negative_amount_is_explained_on_that_amount(field, amount):
    errors = errors_of(new_round(**{field: amount}))
    assert errors == {field: ["Enter a positive amount, or leave it empty when it was not disclosed (never 0)."]}


def test_round_closed_before_it_was_announced_is_explained_on_the_closing_date():
    errors = errors_of(new_round(announced_on=SUNDAY, closed_on=datetime.date(2024, 5, 1)))
    assert errors == {"closed_on": ["A round cannot close (2024-05-01) before it was announced (2024-05-26)."]}


@pytest.mark.parametrize(
    ("precision", "typed", "suggested"),
    [
        ("month", datetime.date(2023, 7, 15), "2023-07-01"),
        ("quarter", datetime.date(2024, 5, 15), "2024-04-01"),
        ("year", datetime.date(2023, 7, 1), "2023-01-01"),
    ],
)
def test_round_date_inside_its_precision_period_is_explained_with_the_date_to_enter(precision, typed, suggested):
    errors = errors_of(new_round(announced_on=typed, announced_precision=precision))
    assert list(errors) == ["announced_on"]
    [message] = errors["announced_on"]
    assert f"known to the {precision} only" in message
    assert f"({suggested})" in message


def test_round_closing_date_inside_its_month_is_explained_on_the_closing_date():
    errors = errors_of(
        new_round(
            announced_on=datetime.date(2023, 6, 1), closed_on=datetime.date(2023, 7, 15), closed_precision="month"
        )
    )
    assert list(errors) == ["closed_on"]
    assert "(2023-07-01)" in errors["closed_on"][0]


# Messages: companies -------------------------------------------------------------------------------------------------


def test_company_named_like_an_existing_one_save_for_case_and_accents_is_told_it_already_exists():
    make_company("Société Générale")
    errors = errors_of(Company(name="  societe generale ", slug="sg", country="FR"))
    assert errors["name"] == ["A company named “Société Générale” already exists."]


def test_company_keeping_its_own_name_in_another_case_is_not_told_it_already_exists():
    company = make_company("Qonto")
    company.name = "QONTO"
    assert errors_of(company) == {}


def test_company_in_an_unknown_country_is_explained_on_the_country_field():
    errors = errors_of(Company(name="Qonto", slug="qonto", country="XX"))
    assert errors == {"country": ["“XX” is not an ISO 3166-1 country code (e.g. US, FR, GB)."]}


def test_company_founding_date_inside_its_month_is_explained_with_the_first_of_the_month():
    errors = errors_of(
        Company(name="Qonto", slug="qonto", founded_on=datetime.date(2016, 3, 15), founded_precision="month")
    )
    assert list(errors) == ["founded_on"]
    assert "(2016-03-01)" in errors["founded_on"][0]


def test_company_form_left_without_a_slug_is_accepted_as_its_help_text_promises():
    # The slug's help text says it is made from the name if left empty.
    form = modelform_factory(Company, fields=["name", "slug", "country"])(
        data={"name": "Qonto", "slug": "", "country": "FR"}
    )
    assert form.errors == {}
    assert form.save().slug == "qonto"


# Messages: investors and aliases -------------------------------------------------------------------------------------


def test_investor_named_like_another_investors_alias_is_told_whose_alias_it_is():
    make_investor("Andreessen Horowitz", aliases=("a16z",))
    errors = errors_of(Investor(name="A16Z", slug="a16z-fund"))
    assert errors == {"name": ["“a16z” is already an alias of Andreessen Horowitz."]}


def test_investor_named_like_another_investor_is_told_that_name_is_taken():
    make_investor("Accel")
    errors = errors_of(Investor(name="ACCEL", slug="accel-2"))
    assert errors == {"name": ["Another investor is already called “Accel”."]}


def test_alias_already_used_by_another_investor_names_that_investor():
    make_investor("Andreessen Horowitz", aliases=("a16z",))
    other = make_investor("AH Capital")
    errors = errors_of(InvestorAlias(investor=other, name="A16Z"))
    assert errors["name"] == ["“a16z” is already an alias of Andreessen Horowitz."]


def test_alias_equal_to_another_investors_name_names_that_investor():
    make_investor("Société Générale")
    other = make_investor("SG Ventures")
    errors = errors_of(InvestorAlias(investor=other, name="societe generale"))
    assert errors["name"] == ["Another investor is already called “Société Générale”."]


def test_alias_repeating_the_investors_own_name_is_explained_on_the_name_field():
    # The database refuses it (one key for names and aliases); clean() must say why instead of a server error.
    investor = make_investor("Sequoia Capital")
    errors = errors_of(InvestorAlias(investor=investor, name="SEQUOIA CAPITAL"))
    assert "name" in errors


def test_investor_form_left_without_a_slug_is_accepted_as_its_help_text_promises():
    form = modelform_factory(Investor, fields=["name", "slug", "kind", "country"])(
        data={"name": "Accel", "slug": "", "kind": "vc", "country": ""}
    )
    assert form.errors == {}
    assert form.save().slug == "accel"


# Messages: participations, valuations, sources, citations ------------------------------------------------------------


def test_participation_with_zero_amount_is_explained_on_the_amount():
    funding_round = make_round()
    errors = errors_of(Participation(round=funding_round, investor=make_investor(), amount=Decimal("0")))
    assert errors == {"amount": ["Enter a positive amount, or leave it empty when it was not disclosed (never 0)."]}


def test_participation_amount_without_currency_takes_the_rounds_currency():
    funding_round = make_round(currency="EUR")
    participation = Participation(round=funding_round, investor=make_investor(), amount=Decimal("5000000"))
    assert errors_of(participation) == {}
    assert participation.currency == "EUR"


def test_participation_without_amount_drops_its_currency():
    funding_round = make_round()
    participation = Participation(round=funding_round, investor=make_investor(), amount=None, currency="USD")
    assert errors_of(participation) == {}
    assert participation.currency == ""


def test_participation_amount_in_an_unknown_currency_is_explained_on_the_currency_field():
    funding_round = make_round()
    participation = Participation(round=funding_round, investor=make_investor(), amount=Decimal("1"), currency="xyz")
    assert errors_of(participation) == {"currency": ["“XYZ” is not an ISO 4217 currency code (e.g. USD, EUR, GBP)."]}


def test_valuation_of_zero_is_explained_on_the_amount():
    valuation = Valuation(company=make_company(), valued_on=SUNDAY, amount=Decimal("0"))
    assert errors_of(valuation) == {"amount": ["A valuation must be a positive amount."]}


def test_valuation_in_an_unknown_currency_is_explained_on_the_currency_field():
    valuation = Valuation(company=make_company(), valued_on=SUNDAY, amount=Decimal("1"), currency="XYZ")
    assert errors_of(valuation) == {"currency": ["“XYZ” is not an ISO 4217 currency code (e.g. USD, EUR, GBP)."]}


def test_valuation_dated_inside_its_year_is_explained_with_the_first_of_the_year():
    valuation = Valuation(
        company=make_company(), valued_on=datetime.date(2023, 7, 1), valued_precision="year", amount=Decimal("1")
    )
    errors = errors_of(valuation)
    assert list(errors) == ["valued_on"]
    assert "(2023-01-01)" in errors["valued_on"][0]


def test_valuation_of_another_companys_round_names_the_rounds_company():
    funding_round = make_round(make_company("Mistral AI"))
    valuation = Valuation(company=make_company("Qonto"), round=funding_round, valued_on=SUNDAY, amount=Decimal("1"))
    assert errors_of(valuation) == {"round": ["This round belongs to Mistral AI, not to this company."]}


def test_post_money_below_the_rounds_pre_money_is_explained_before_the_database_refuses_it():
    funding_round = make_round(currency="USD")
    make_valuation(round=funding_round, kind="pre_money", amount=Decimal("18000000000"))
    post = Valuation(
        company=funding_round.company,
        round=funding_round,
        kind="post_money",
        valued_on=funding_round.announced_on,
        amount=Decimal("17000000000"),
    )
    messages = " ".join(" ".join(m) for m in errors_of(post).values())
    assert "pre-money" in messages


def test_second_post_money_for_a_round_is_explained_without_internal_constraint_names():
    funding_round = make_round(currency="USD")
    make_valuation(round=funding_round, kind="post_money", amount=Decimal("24000000000"))
    second = Valuation(
        company=funding_round.company,
        round=funding_round,
        kind="post_money",
        valued_on=funding_round.announced_on,
        amount=Decimal("25000000000"),
    )
    messages = " ".join(" ".join(m) for m in errors_of(second).values())
    assert "post-money" in messages
    assert "funding_valuation_one_per_round_and_kind" not in messages


def test_source_with_an_already_recorded_url_is_explained_without_internal_constraint_names():
    make_source(url="https://techcrunch.com/2024/06/11/mistral")
    messages = " ".join(
        " ".join(m) for m in errors_of(Source(title="Again", url="https://techcrunch.com/2024/06/11/mistral")).values()
    )
    assert "already" in messages
    assert "funding_source_url_unique" not in messages


def test_sources_without_url_do_not_clash():
    make_source(url="")
    assert errors_of(Source(title="Paper edition", url="")) == {}


def test_citation_of_nothing_is_told_to_cite_exactly_one_thing():
    errors = errors_of(Citation(source=make_source()))
    assert "A citation supports exactly one thing: a round, a participation or a valuation." in errors["__all__"]


def test_citation_of_a_round_and_a_valuation_is_told_to_cite_exactly_one_thing():
    funding_round = make_round()
    citation = Citation(source=make_source(), round=funding_round, valuation=make_valuation(round=funding_round))
    errors = errors_of(citation)
    assert "A citation supports exactly one thing: a round, a participation or a valuation." in errors["__all__"]


# Money on save -------------------------------------------------------------------------------------------------------


def test_usd_round_is_converted_at_rate_one():
    funding_round = make_round(amount=Decimal("6000000000"), currency="USD", announced_on=SUNDAY)
    funding_round.refresh_from_db()
    assert funding_round.usd_rate == Decimal("1")
    assert funding_round.amount_usd == Decimal("6000000000")
    assert funding_round.usd_rate_on == SUNDAY


def test_eur_round_announced_on_a_sunday_uses_the_ecb_rate_of_the_friday_before():
    funding_round = make_round(amount=Decimal("600000000"), currency="EUR", announced_on=SUNDAY)
    funding_round.refresh_from_db()
    # ECB reference rate of Friday 24 May 2024: 1 EUR = 1.0840 USD.
    assert funding_round.usd_rate == Decimal("1.0840000000")
    assert funding_round.usd_rate_on == FRIDAY_BEFORE
    assert funding_round.amount_usd == Decimal("650400000.00")


def test_eur_round_announced_on_a_holiday_uses_the_last_rate_published_before_it():
    funding_round = make_round(amount=Decimal("1000000"), currency="EUR", announced_on=datetime.date(2023, 12, 26))
    funding_round.refresh_from_db()
    # No ECB publication on 25 and 26 December; Friday 22 December 2023: 1 EUR = 1.1023 USD.
    assert funding_round.usd_rate_on == datetime.date(2023, 12, 22)
    assert funding_round.amount_usd == Decimal("1102300.00")


def test_gbp_round_is_converted_with_the_ecb_cross_rate_rounded_half_up_to_cents():
    funding_round = make_round(amount=Decimal("1234567.89"), currency="GBP", announced_on=datetime.date(2023, 7, 14))
    funding_round.refresh_from_db()
    # currencyconverter: 1 GBP = 1.3110176422479263 USD on 2023-07-14, kept to 10 places.
    assert funding_round.usd_rate == Decimal("1.3110176422")
    assert funding_round.amount_usd == Decimal("1618540.28")


def test_conversion_rounds_half_cents_up():
    # 3.75 EUR x 1.084 = 4.065 USD exactly: half up gives 4.07 (banker's rounding would give 4.06).
    funding_round = make_round(amount=Decimal("3.75"), currency="EUR", announced_on=FRIDAY_BEFORE)
    funding_round.refresh_from_db()
    assert funding_round.amount_usd == Decimal("4.07")


def test_round_in_a_currency_without_ecb_rate_keeps_its_amount_and_has_no_usd_figure():
    funding_round = make_round(amount=Decimal("15000000000"), currency="NGN")
    funding_round.refresh_from_db()
    assert funding_round.amount == Decimal("15000000000")
    assert (funding_round.amount_usd, funding_round.usd_rate, funding_round.usd_rate_on) == (None, None, None)


def test_undisclosed_round_has_no_usd_amount():
    funding_round = make_round(amount=None, currency="EUR")
    funding_round.refresh_from_db()
    assert funding_round.amount_usd is None
    assert funding_round.target_amount_usd is None


def test_target_amount_is_shown_in_usd_at_the_rounds_rate():
    funding_round = make_round(amount=None, target_amount=Decimal("100000000"), currency="EUR", announced_on=SUNDAY)
    funding_round.refresh_from_db()
    assert funding_round.target_amount_usd == Decimal("108400000.00")


def test_amount_changed_with_update_fields_refreshes_the_usd_amount():
    funding_round = make_round(amount=Decimal("100000000"), currency="EUR", announced_on=SUNDAY)
    funding_round.amount = Decimal("200000000")
    funding_round.save(update_fields=["amount"])
    funding_round.refresh_from_db()
    assert funding_round.amount_usd == Decimal("216800000.00")


def test_round_moved_to_another_currency_is_converted_again():
    funding_round = make_round(amount=Decimal("100000000"), currency="USD", announced_on=SUNDAY)
    funding_round.currency = "NGN"
    funding_round.save()
    funding_round.refresh_from_db()
    assert funding_round.amount_usd is None


@pytest.mark.parametrize("amount", [Decimal("999999999999999"), Decimal("123456789012345")])
def test_whole_amounts_up_to_ten_to_the_fifteen_are_stored_exactly(amount):
    funding_round = make_round(amount=amount, currency="USD")
    valuation = make_valuation(funding_round.company, amount=amount, currency="USD")
    funding_round.refresh_from_db()
    valuation.refresh_from_db()
    assert funding_round.amount == amount
    assert funding_round.amount_usd == amount
    assert valuation.amount == amount


@pytest.mark.parametrize("amount", [Decimal("9999999999999.99"), Decimal("1234567890123.45")])
def test_amounts_with_cents_are_stored_to_the_cent_up_to_ten_to_the_thirteen(amount):
    # SQLite keeps 15 significant digits for non-whole numbers; PostgreSQL's numeric is exact at any size.
    funding_round = make_round(amount=amount, currency="USD")
    funding_round.refresh_from_db()
    assert funding_round.amount == amount


def test_amounts_with_cents_up_to_ten_to_the_fifteen_are_exact_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite stores non-whole decimals with 15 significant digits (documented in the README)")
    amount = Decimal("999999999999999.99")
    funding_round = make_round(amount=amount, currency="USD")
    funding_round.refresh_from_db()
    assert funding_round.amount == amount


def test_eur_valuation_is_converted_at_the_rate_of_its_date():
    valuation = make_valuation(amount=Decimal("5800000000"), currency="EUR", valued_on=SUNDAY)
    valuation.refresh_from_db()
    assert valuation.usd_rate_on == FRIDAY_BEFORE
    assert valuation.amount_usd == Decimal("6287200000.00")


def test_valuation_in_a_currency_without_ecb_rate_has_no_usd_figure():
    valuation = make_valuation(amount=Decimal("5000000000"), currency="NGN")
    valuation.refresh_from_db()
    assert (valuation.amount_usd, valuation.usd_rate) == (None, None)


def test_valuation_saved_with_only_its_round_is_filed_under_the_rounds_company():
    funding_round = make_round()
    valuation = Valuation(round=funding_round, valued_on=SUNDAY, amount=Decimal("100000000"), currency="USD")
    valuation.save()
    assert valuation.company_id == funding_round.company_id


# Names, slugs, display -----------------------------------------------------------------------------------------------


def test_company_slug_is_made_from_the_name_with_a_suffix_when_taken():
    assert make_company("Société Générale").slug == "societe-generale"
    assert make_company("Societe Generale Ventures", slug="societe-generale-2").slug == "societe-generale-2"
    assert make_company("Société-Générale!").slug == "societe-generale-3"


def test_investor_name_is_kept_as_its_primary_name_and_follows_renames():
    investor = make_investor("Andreessen Horowitz", aliases=("a16z",))
    investor.name = "a16z crypto"
    investor.save()
    names = set(InvestorName.objects.filter(investor=investor).values_list("name", "is_primary"))
    assert names == {("a16z crypto", True), ("a16z", False)}
    assert list(InvestorAlias.objects.filter(investor=investor).values_list("name", flat=True)) == ["a16z"]


def test_company_founded_at_month_precision_is_displayed_as_a_month():
    company = make_company(founded_on=datetime.date(2023, 4, 1), founded_precision="month")
    assert company.founded_display == "April 2023"


def test_round_is_described_by_company_label_and_date_at_its_precision():
    funding_round = make_round(
        make_company("Mistral AI"),
        round_type="series_b",
        announced_on=datetime.date(2024, 4, 1),
        announced_precision="quarter",
    )
    assert str(funding_round) == "Mistral AI – Series B (Q2 2024)"
    funding_round.label = "Série B"
    assert str(funding_round) == "Mistral AI – Série B (Q2 2024)"


def test_participation_knows_whether_it_led_the_round():
    funding_round = make_round()
    assert make_participation(funding_round, role="co_lead").is_lead
    assert not make_participation(funding_round, role="participant").is_lead
