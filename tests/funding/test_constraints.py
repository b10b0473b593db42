"""The database itself refuses every invariant violation, whatever bypasses `clean()`.

Each test writes through `create()`, `update()` or `bulk_create()` and expects
an IntegrityError naming the rule. SQLite names the columns of a failed UNIQUE
index rather than the constraint, so those tests pass the columns too.
"""

import ast
import datetime
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from tests.factories import (
    make_citation,
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
    DataVersion,
    Founder,
    FundingRound,
    Investor,
    InvestorAlias,
    InvestorName,
    Sector,
    Source,
    Valuation,
)

pytestmark = pytest.mark.django_db

# Rules spanning rows, enforced by the triggers of migration 0002 rather than Meta.constraints.
TRIGGER_RULES = {"funding_valuation_post_not_below_pre", "funding_valuation_company_matches_round"}


@contextmanager
def refused_by(name: str, *, sqlite_columns: str | None = None):
    """Expect the block to be refused by the database rule `name`.

    For a UNIQUE rule pass `sqlite_columns` ("table.column, table.column"),
    which is what SQLite reports instead of the constraint name.
    """
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        yield
    message = str(refusal.value)
    if connection.vendor == "sqlite" and sqlite_columns:
        assert message == f"UNIQUE constraint failed: {sqlite_columns}"
    else:
        assert name in message


def _names_passed_to_refused_by() -> set[str]:
    """The rule names this module's tests check with `refused_by(...)`."""
    tree = ast.parse(Path(__file__).read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "refused_by"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def test_every_constraint_and_trigger_rule_has_a_test_that_the_database_refuses_a_violation():
    declared = {c.name for m in apps.get_app_config("funding").get_models() for c in m._meta.constraints}
    assert declared  # the app really declares its constraints where Django sees them
    assert (declared | TRIGGER_RULES) - _names_passed_to_refused_by() == set()


# Positive amounts ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1")])
def test_round_with_zero_or_negative_amount_is_refused_by_the_database(amount):
    company = make_company()
    with refused_by("funding_fundinground_amount_positive"):
        make_round(company, amount=amount)


def test_round_with_undisclosed_amount_is_accepted_by_the_database():
    funding_round = make_round(amount=None)
    funding_round.refresh_from_db()
    assert funding_round.amount is None


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5000000")])
def test_round_with_zero_or_negative_target_is_refused_by_the_database(amount):
    company = make_company()
    with refused_by("funding_fundinground_target_positive"):
        make_round(company, target_amount=amount)


def test_round_amount_set_to_zero_by_update_is_refused_by_the_database():
    funding_round = make_round()
    with refused_by("funding_fundinground_amount_positive"):
        FundingRound.objects.filter(pk=funding_round.pk).update(amount=Decimal("0"))


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1")])
def test_participation_with_zero_or_negative_amount_is_refused_by_the_database(amount):
    funding_round = make_round()
    investor = make_investor()
    with refused_by("funding_participation_amount_positive_with_currency"):
        make_participation(funding_round, investor, amount=amount, currency="USD")


def test_participation_amount_without_currency_is_refused_by_the_database():
    funding_round = make_round()
    investor = make_investor()
    with refused_by("funding_participation_amount_positive_with_currency"):
        make_participation(funding_round, investor, amount=Decimal("1000000"), currency="")


@pytest.mark.parametrize("currency", ["USD", "XYZ"])
def test_participation_currency_without_amount_is_refused_by_the_database(currency):
    funding_round = make_round()
    investor = make_investor()
    with refused_by("funding_participation_amount_positive_with_currency"):
        make_participation(funding_round, investor, amount=None, currency=currency)


def test_participation_amount_in_unknown_currency_is_refused_by_the_database():
    funding_round = make_round()
    investor = make_investor()
    with refused_by("funding_participation_amount_positive_with_currency"):
        make_participation(funding_round, investor, amount=Decimal("1000000"), currency="XYZ")


def test_participation_with_amount_and_currency_or_neither_is_accepted_by_the_database():
    funding_round = make_round()
    make_participation(funding_round, amount=Decimal("2500000"), currency="EUR")
    make_participation(funding_round, amount=None, currency="")
    assert funding_round.participations.count() == 2


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-100")])
def test_valuation_with_zero_or_negative_amount_is_refused_by_the_database(amount):
    company = make_company()
    with refused_by("funding_valuation_amount_positive"):
        make_valuation(company, amount=amount)


# Codes ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("currency", ["XYZ", "usd", ""])
def test_round_in_a_currency_that_is_not_iso_4217_is_refused_by_the_database(currency):
    company = make_company()
    with refused_by("funding_fundinground_currency_iso4217"):
        make_round(company, currency=currency)


@pytest.mark.parametrize("currency", ["XYZ", "usd"])
def test_valuation_in_a_currency_that_is_not_iso_4217_is_refused_by_the_database(currency):
    company = make_company()
    with refused_by("funding_valuation_currency_iso4217"):
        make_valuation(company, currency=currency)


@pytest.mark.parametrize("country", ["XX", "fr"])
def test_company_in_a_country_that_is_not_iso_3166_is_refused_by_the_database(country):
    with refused_by("funding_company_country_iso3166"):
        make_company(country=country)


def test_company_without_a_country_is_accepted_by_the_database():
    assert make_company(country="").country == ""


@pytest.mark.parametrize("country", ["XX", "us"])
def test_investor_in_a_country_that_is_not_iso_3166_is_refused_by_the_database(country):
    with refused_by("funding_investor_country_iso3166"):
        make_investor(country=country)


# Dates ---------------------------------------------------------------------------------------------------------------


def test_round_closed_before_it_was_announced_is_refused_by_the_database():
    company = make_company()
    with refused_by("funding_fundinground_closed_not_before_announced"):
        make_round(company, announced_on=datetime.date(2024, 5, 26), closed_on=datetime.date(2024, 5, 25))


def test_round_closed_the_day_it_was_announced_is_accepted_by_the_database():
    day = datetime.date(2024, 5, 26)
    assert make_round(announced_on=day, closed_on=day).closed_on == day


@pytest.mark.parametrize(
    ("precision", "day"),
    [
        ("month", datetime.date(2023, 7, 15)),
        ("quarter", datetime.date(2024, 5, 1)),
        ("year", datetime.date(2023, 7, 1)),
    ],
)
def test_round_announced_on_a_day_inside_its_precision_period_is_refused_by_the_database(precision, day):
    company = make_company()
    with refused_by("funding_fundinground_announced_on_aligned"):
        make_round(company, announced_on=day, announced_precision=precision)


@pytest.mark.parametrize(
    ("precision", "day"),
    [
        ("month", datetime.date(2023, 7, 1)),
        ("quarter", datetime.date(2024, 4, 1)),
        ("quarter", datetime.date(2024, 10, 1)),
        ("year", datetime.date(2023, 1, 1)),
        ("day", datetime.date(2023, 7, 15)),
    ],
)
def test_round_announced_on_the_first_day_of_its_precision_period_is_accepted_by_the_database(precision, day):
    funding_round = make_round(announced_on=day, announced_precision=precision)
    funding_round.refresh_from_db()
    assert (funding_round.announced_on, funding_round.announced_precision) == (day, precision)


def test_round_closed_on_a_day_inside_its_precision_period_is_refused_by_the_database():
    company = make_company()
    with refused_by("funding_fundinground_closed_on_aligned"):
        make_round(
            company,
            announced_on=datetime.date(2023, 6, 1),
            closed_on=datetime.date(2023, 7, 15),
            closed_precision="month",
        )


def test_valuation_dated_inside_its_quarter_is_refused_by_the_database():
    company = make_company()
    with refused_by("funding_valuation_valued_on_aligned"):
        make_valuation(company, valued_on=datetime.date(2024, 5, 1), valued_precision="quarter")


def test_company_founded_inside_its_year_is_refused_by_the_database():
    with refused_by("funding_company_founded_on_aligned"):
        make_company(founded_on=datetime.date(2023, 7, 1), founded_precision="year")


def test_company_precision_changed_by_update_to_one_its_date_does_not_fit_is_refused_by_the_database():
    company = make_company(founded_on=datetime.date(2023, 7, 15))
    with refused_by("funding_company_founded_on_aligned"):
        Company.objects.filter(pk=company.pk).update(founded_precision="month")


# Choices -------------------------------------------------------------------------------------------------------------


def test_round_with_unknown_type_is_refused_by_the_database():
    company = make_company()
    with refused_by("funding_fundinground_type_valid"):
        make_round(company, round_type="bogus")


def test_round_with_unknown_status_is_refused_by_the_database():
    company = make_company()
    with refused_by("funding_fundinground_status_valid"):
        make_round(company, status="bogus")


def test_round_with_unknown_closed_precision_is_refused_by_the_database():
    company = make_company()
    with refused_by("funding_fundinground_precision_valid"):
        make_round(company, closed_on=None, closed_precision="bogus")


def test_round_with_unknown_announced_precision_is_refused_by_the_database():
    company = make_company()
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        make_round(company, announced_precision="bogus")
    # An unknown precision also makes the date unaligned; PostgreSQL reports that rule first.
    message = str(refusal.value)
    assert "funding_fundinground_precision_valid" in message or "funding_fundinground_announced_on_aligned" in message


def test_company_with_unknown_status_is_refused_by_the_database():
    with refused_by("funding_company_status_valid"):
        make_company(status="bogus")


def test_company_with_unknown_founded_precision_is_refused_by_the_database():
    with refused_by("funding_company_founded_precision_valid"):
        make_company(founded_precision="bogus")


def test_investor_with_unknown_kind_is_refused_by_the_database():
    with refused_by("funding_investor_kind_valid"):
        make_investor(kind="bogus")


def test_participation_with_unknown_role_is_refused_by_the_database():
    funding_round = make_round()
    investor = make_investor()
    with refused_by("funding_participation_role_valid"):
        make_participation(funding_round, investor, role="bogus")


def test_valuation_with_unknown_kind_is_refused_by_the_database():
    company = make_company()
    with refused_by("funding_valuation_kind_valid"):
        make_valuation(company, kind="bogus")


def test_valuation_with_unknown_date_precision_is_refused_by_the_database():
    company = make_company()
    with refused_by("funding_valuation_precision_valid"):
        make_valuation(company, valued_precision="bogus")


def test_citation_of_unknown_fact_is_refused_by_the_database():
    funding_round = make_round()
    with refused_by("funding_citation_fact_valid"):
        make_citation(round=funding_round, fact="bogus")


def test_source_in_unknown_language_is_refused_by_the_database():
    with refused_by("funding_source_language_valid"):
        make_source(language="bogus")


def test_choices_changed_by_bulk_update_are_refused_by_the_database():
    funding_round = make_round()
    funding_round.status = "bogus"
    with refused_by("funding_fundinground_status_valid"):
        FundingRound.objects.bulk_update([funding_round], ["status"])


# Uniqueness ----------------------------------------------------------------------------------------------------------


def test_investor_joining_the_same_round_twice_is_refused_by_the_database():
    funding_round = make_round()
    investor = make_investor()
    make_participation(funding_round, investor, role="lead")
    with refused_by(
        "funding_participation_one_per_investor",
        sqlite_columns="funding_participation.round_id, funding_participation.investor_id",
    ):
        make_participation(funding_round, investor, role="participant")


def test_company_slug_taken_by_another_company_is_refused_by_the_database():
    make_company("Mistral AI", slug="mistral")
    with refused_by("funding_company_slug_unique", sqlite_columns="funding_company.slug"):
        make_company("Mistral Robotics", slug="mistral")


def test_investor_slug_taken_by_another_investor_is_refused_by_the_database():
    make_investor("Index Ventures", slug="index")
    with refused_by("funding_investor_slug_unique", sqlite_columns="funding_investor.slug"):
        make_investor("Index Capital", slug="index")


def test_sector_slug_taken_by_another_sector_is_refused_by_the_database():
    Sector.objects.create(name="Fintech", slug="fintech")
    with refused_by("funding_sector_slug_unique", sqlite_columns="funding_sector.slug"):
        Sector.objects.bulk_create([Sector(name="FinTech (payments)", slug="fintech")])


def test_companies_named_alike_save_for_case_and_accents_are_refused_by_the_database():
    make_company("Société Générale")
    with refused_by("funding_company_name_unique", sqlite_columns="funding_company.name_key"):
        make_company("societe  generale")


def test_company_name_key_bypassing_save_is_still_checked_for_uniqueness_by_the_database():
    make_company("Qonto")
    with refused_by("funding_company_name_unique", sqlite_columns="funding_company.name_key"):
        Company.objects.bulk_create([Company(name="QONTO", name_key="qonto", slug="qonto-bis")])


def test_same_alias_on_two_investors_is_refused_by_the_database():
    make_investor("Andreessen Horowitz", aliases=("a16z",))
    other = make_investor("AH Capital Management")
    with refused_by("funding_investorname_unique", sqlite_columns="funding_investorname.key"):
        InvestorAlias.objects.create(investor=other, name="A16Z")


def test_alias_equal_to_another_investors_name_is_refused_by_the_database():
    make_investor("Société Générale")
    other = make_investor("SG Ventures")
    with refused_by("funding_investorname_unique", sqlite_columns="funding_investorname.key"):
        InvestorAlias.objects.create(investor=other, name="societe generale")


def test_investor_named_like_another_investors_alias_is_refused_by_the_database():
    make_investor("Andreessen Horowitz", aliases=("a16z",))
    with refused_by("funding_investorname_unique", sqlite_columns="funding_investorname.key"):
        make_investor("A16Z")
    assert not Investor.objects.filter(name="A16Z").exists()


def test_investor_renamed_to_another_investors_name_is_refused_by_the_database():
    make_investor("Accel")
    investor = make_investor("Accel Partners")
    investor.name = "ACCEL"
    with refused_by("funding_investorname_unique", sqlite_columns="funding_investorname.key"):
        investor.save()
    assert Investor.objects.get(pk=investor.pk).name == "Accel Partners"


def test_second_primary_name_for_one_investor_is_refused_by_the_database():
    investor = make_investor("Sequoia Capital")
    with refused_by("funding_investorname_one_primary", sqlite_columns="funding_investorname.investor_id"):
        InvestorName.objects.create(investor=investor, name="Sequoia", is_primary=True)


def test_source_url_cited_twice_is_refused_by_the_database():
    url = "https://techcrunch.com/2024/05/26/mistral-raises"
    make_source(url=url)
    with refused_by("funding_source_url_unique", sqlite_columns="funding_source.url"):
        make_source(url=url)


def test_several_sources_without_url_are_accepted_by_the_database():
    make_source(url="")
    make_source(url="")
    assert Source.objects.filter(url="").count() == 2


def test_second_post_money_for_one_round_is_refused_by_the_database():
    funding_round = make_round()
    make_valuation(round=funding_round, kind="post_money", amount=Decimal("100000000"))
    with refused_by(
        "funding_valuation_one_per_round_and_kind",
        sqlite_columns="funding_valuation.round_id, funding_valuation.kind",
    ):
        make_valuation(round=funding_round, kind="post_money", amount=Decimal("110000000"))


def test_second_pre_money_for_one_round_is_refused_by_the_database():
    funding_round = make_round()
    make_valuation(round=funding_round, kind="pre_money", amount=Decimal("90000000"))
    with refused_by(
        "funding_valuation_one_per_round_and_kind",
        sqlite_columns="funding_valuation.round_id, funding_valuation.kind",
    ):
        make_valuation(round=funding_round, kind="pre_money", amount=Decimal("80000000"))


def test_several_reported_valuations_and_valuations_without_round_are_accepted_by_the_database():
    funding_round = make_round()
    make_valuation(round=funding_round, kind="reported")
    make_valuation(round=funding_round, kind="reported")
    make_valuation(funding_round.company, kind="post_money")
    make_valuation(funding_round.company, kind="post_money")
    assert Valuation.objects.filter(company=funding_round.company).count() == 4


def test_founder_listed_twice_for_one_company_is_refused_by_the_database():
    company = make_company()
    Founder.objects.create(company=company, name="Arthur Mensch")
    with refused_by(
        "funding_founder_once_per_company", sqlite_columns="funding_founder.company_id, funding_founder.name"
    ):
        Founder.objects.create(company=company, name="Arthur Mensch")


# Blank names ---------------------------------------------------------------------------------------------------------


def test_company_without_a_name_is_refused_by_the_database():
    with refused_by("funding_company_name_not_blank"):
        make_company(name="  ", slug="nameless")


def test_company_slug_emptied_by_update_is_refused_by_the_database():
    company = make_company()
    with refused_by("funding_company_slug_not_blank"):
        Company.objects.filter(pk=company.pk).update(slug="")


def test_investor_without_a_name_is_refused_by_the_database():
    with refused_by("funding_investor_name_not_blank"):
        Investor.objects.bulk_create([Investor(name="", slug="nameless")])


def test_investor_slug_emptied_by_update_is_refused_by_the_database():
    investor = make_investor()
    with refused_by("funding_investor_slug_not_blank"):
        Investor.objects.filter(pk=investor.pk).update(slug="")


def test_alias_without_letters_is_refused_by_the_database():
    investor = make_investor()
    with refused_by("funding_investorname_not_blank"):
        InvestorAlias.objects.create(investor=investor, name="   ")


def test_founder_without_a_name_is_refused_by_the_database():
    company = make_company()
    with refused_by("funding_founder_name_not_blank"):
        Founder.objects.create(company=company, name="")


def test_source_without_a_title_is_refused_by_the_database():
    with refused_by("funding_source_title_not_blank"):
        Source.objects.create(title="", url="https://example.com/untitled")


# Citations -----------------------------------------------------------------------------------------------------------


def test_citation_of_nothing_is_refused_by_the_database():
    source = make_source()
    with refused_by("funding_citation_exactly_one_subject"):
        Citation.objects.create(source=source)


def test_citation_of_two_things_at_once_is_refused_by_the_database():
    funding_round = make_round()
    valuation = make_valuation(round=funding_round)
    source = make_source()
    with refused_by("funding_citation_exactly_one_subject"):
        Citation.objects.create(source=source, round=funding_round, valuation=valuation)


def test_citation_of_a_round_participation_and_valuation_together_is_refused_by_the_database():
    funding_round = make_round()
    participation = make_participation(funding_round)
    valuation = make_valuation(round=funding_round)
    source = make_source()
    with refused_by("funding_citation_exactly_one_subject"):
        Citation.objects.create(source=source, round=funding_round, participation=participation, valuation=valuation)


def test_citation_of_exactly_one_thing_is_accepted_by_the_database():
    funding_round = make_round()
    source = make_source()
    make_citation(source, round=funding_round)
    make_citation(source, participation=make_participation(funding_round))
    make_citation(source, valuation=make_valuation(round=funding_round))
    assert source.citations.count() == 3


# Rules spanning rows (triggers) --------------------------------------------------------------------------------------


def test_post_money_below_the_existing_pre_money_is_refused_by_the_database():
    funding_round = make_round(amount=Decimal("6000000000"))
    make_valuation(round=funding_round, kind="pre_money", amount=Decimal("18000000000"))
    with refused_by("funding_valuation_post_not_below_pre"):
        make_valuation(round=funding_round, kind="post_money", amount=Decimal("17999999999.99"))


def test_pre_money_above_the_existing_post_money_is_refused_by_the_database():
    funding_round = make_round(amount=Decimal("6000000000"))
    make_valuation(round=funding_round, kind="post_money", amount=Decimal("24000000000"))
    with refused_by("funding_valuation_post_not_below_pre"):
        make_valuation(round=funding_round, kind="pre_money", amount=Decimal("24000000000.01"))


def test_post_money_lowered_below_pre_money_by_update_is_refused_by_the_database():
    funding_round = make_round(amount=Decimal("6000000000"))
    make_valuation(round=funding_round, kind="pre_money", amount=Decimal("18000000000"))
    post = make_valuation(round=funding_round, kind="post_money", amount=Decimal("24000000000"))
    with refused_by("funding_valuation_post_not_below_pre"):
        Valuation.objects.filter(pk=post.pk).update(amount=Decimal("17000000000"))


def test_pre_money_raised_above_post_money_by_save_is_refused_by_the_database():
    funding_round = make_round(amount=Decimal("6000000000"))
    pre = make_valuation(round=funding_round, kind="pre_money", amount=Decimal("18000000000"))
    make_valuation(round=funding_round, kind="post_money", amount=Decimal("24000000000"))
    pre.amount = Decimal("25000000000")
    with refused_by("funding_valuation_post_not_below_pre"):
        pre.save()


def test_post_money_equal_to_pre_money_is_accepted_by_the_database():
    funding_round = make_round()
    make_valuation(round=funding_round, kind="pre_money", amount=Decimal("24000000000"))
    make_valuation(round=funding_round, kind="post_money", amount=Decimal("24000000000"))
    assert funding_round.valuations.count() == 2


def test_post_money_below_pre_money_in_another_currency_is_not_judged_by_the_database():
    funding_round = make_round(currency="EUR")
    make_valuation(round=funding_round, kind="pre_money", amount=Decimal("18000000000"), currency="EUR")
    make_valuation(round=funding_round, kind="post_money", amount=Decimal("100"), currency="JPY")
    assert funding_round.valuations.count() == 2


def test_post_money_of_another_round_is_not_compared_with_this_rounds_pre_money():
    company = make_company()
    first = make_round(company, announced_on=datetime.date(2023, 1, 10))
    second = make_round(company, announced_on=datetime.date(2024, 1, 10))
    make_valuation(round=first, kind="pre_money", amount=Decimal("900000000"))
    make_valuation(round=second, kind="post_money", amount=Decimal("100000000"))
    assert company.valuations.count() == 2


def test_valuation_of_a_round_filed_under_another_company_is_refused_by_the_database():
    funding_round = make_round()
    other = make_company()
    with refused_by("funding_valuation_company_matches_round"):
        Valuation.objects.create(
            company=other,
            round=funding_round,
            kind="post_money",
            valued_on=funding_round.announced_on,
            amount=Decimal("100000000"),
            currency="USD",
        )


def test_valuation_moved_to_another_company_without_its_round_is_refused_by_the_database():
    funding_round = make_round()
    valuation = make_valuation(round=funding_round)
    other = make_company()
    with refused_by("funding_valuation_company_matches_round"):
        Valuation.objects.filter(pk=valuation.pk).update(company=other)


def test_valuation_attached_by_update_to_a_round_of_another_company_is_refused_by_the_database():
    valuation = make_valuation(make_company())
    foreign_round = make_round()
    with refused_by("funding_valuation_company_matches_round"):
        Valuation.objects.filter(pk=valuation.pk).update(round=foreign_round)


def test_round_moved_to_another_company_takes_its_valuations_along():
    funding_round = make_round()
    pre = make_valuation(round=funding_round, kind="pre_money", amount=Decimal("90000000"))
    post = make_valuation(round=funding_round, kind="post_money", amount=Decimal("100000000"))
    unrelated = make_valuation(funding_round.company, kind="reported")
    buyer = make_company()

    FundingRound.objects.filter(pk=funding_round.pk).update(company=buyer)

    assert set(buyer.valuations.values_list("pk", flat=True)) == {pre.pk, post.pk}
    assert list(funding_round.company.valuations.values_list("pk", flat=True)) == [unrelated.pk]


def test_round_moved_by_save_to_another_company_takes_its_valuations_along():
    funding_round = make_round()
    valuation = make_valuation(round=funding_round)
    buyer = make_company()

    funding_round.company = buyer
    funding_round.save()

    valuation.refresh_from_db()
    assert valuation.company_id == buyer.pk


def test_a_second_data_version_row_is_refused_by_the_database():
    with refused_by("funding_dataversion_single_row"):
        DataVersion.objects.create(id=2, version=5)


def test_saving_funding_data_bumps_the_data_version():
    before = DataVersion.current()
    make_round()
    assert DataVersion.current() > before
