"""Saving a reviewed article: one transaction creating or updating everything the article states."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError

from tests.factories import make_citation, make_company, make_investor, make_participation, make_round, make_source
from tracker.funding.models import (
    Citation,
    Company,
    FundingRound,
    Investor,
    Participation,
    Source,
    Valuation,
)
from tracker.intake.services import (
    ArticleData,
    Figure,
    IntakeError,
    InvestorData,
    RoundData,
    save_reviewed_round,
)

pytestmark = pytest.mark.django_db

MAY_26 = datetime.date(2024, 5, 26)
# Sentences written for these tests (not taken from any real article).
AMOUNT_QUOTE = "Nimbus Robotics has raised $40 million in a Series B round."
VALUATION_QUOTE = "The round values Nimbus at $200 million after the money, up from $160 million before it."
INVESTORS_QUOTE = "Northwind Ventures led the round, with Sequoia Capital and Harbor Angels also taking part."


def article(**overrides) -> ArticleData:
    fields = {
        "title": "Nimbus Robotics raises $40M",
        "text": f"{AMOUNT_QUOTE} {VALUATION_QUOTE} {INVESTORS_QUOTE}",
        "url": "https://news.example.org/nimbus-series-b",
        "publisher": "Example News",
        "language": "en",
        "published_on": MAY_26,
    }
    return ArticleData(**{**fields, **overrides})


def series_b(**overrides) -> RoundData:
    fields = {
        "round_type": "series_b",
        "label": "Series B",
        "status": "announced",
        "announced_on": MAY_26,
        "amount": Decimal("40000000"),
        "currency": "USD",
        "investor_list_complete": True,
        "pre_money": Figure(Decimal("160000000"), "USD", VALUATION_QUOTE),
        "post_money": Figure(Decimal("200000000"), "USD", VALUATION_QUOTE),
        "quotes": {"amount": AMOUNT_QUOTE, "status": AMOUNT_QUOTE, "date": "", "type": AMOUNT_QUOTE},
    }
    return RoundData(**{**fields, **overrides})


def test_an_article_creates_company_round_investors_valuations_and_quoted_citations():
    sequoia = make_investor("Sequoia Capital")

    saved = save_reviewed_round(
        article=article(),
        company_name="Nimbus Robotics",
        round_data=series_b(),
        investors=[
            InvestorData(name="Northwind Ventures", role="lead", quote=INVESTORS_QUOTE),
            InvestorData(name="Sequoia Capital", investor_id=sequoia.pk, quote=INVESTORS_QUOTE),
        ],
    )

    round_ = FundingRound.objects.with_valuations().get(pk=saved.round.pk)
    assert saved.round_created and saved.company_created
    assert round_.company.name == "Nimbus Robotics"
    assert (round_.round_type, round_.status, round_.announced_on) == ("series_b", "announced", MAY_26)
    assert round_.amount == Decimal("40000000")
    assert round_.pre_money == Decimal("160000000")
    assert round_.post_money == Decimal("200000000")
    assert {(p.investor.name, p.role) for p in round_.participations.select_related("investor")} == {
        ("Northwind Ventures", "lead"),
        ("Sequoia Capital", "participant"),
    }
    assert [i.name for i in saved.investors_created] == ["Northwind Ventures"]
    assert Investor.objects.count() == 2
    valuations = Valuation.objects.filter(round=round_)
    assert {(v.valued_on, v.valued_precision, v.company_id) for v in valuations} == {(MAY_26, "day", round_.company_id)}

    source = Source.objects.get()
    assert (source.url, source.title, source.publisher, source.language) == (
        "https://news.example.org/nimbus-series-b",
        "Nimbus Robotics raises $40M",
        "Example News",
        "en",
    )
    assert source.text.startswith(AMOUNT_QUOTE)
    round_citations = {c.fact: c.quote for c in Citation.objects.filter(round=round_)}
    assert round_citations == {"amount": AMOUNT_QUOTE, "status": AMOUNT_QUOTE, "date": "", "type": AMOUNT_QUOTE}
    assert (
        sorted(Citation.objects.filter(participation__round=round_).values_list("fact", "quote"))
        == [("investors", INVESTORS_QUOTE)] * 2
    )
    assert (
        sorted(Citation.objects.filter(valuation__round=round_).values_list("fact", "quote"))
        == [("valuation", VALUATION_QUOTE)] * 2
    )
    assert set(Citation.objects.values_list("source", flat=True)) == {source.pk}


def test_an_unqualified_valuation_is_saved_as_reported():
    saved = save_reviewed_round(
        article=article(),
        company_name="Nimbus Robotics",
        round_data=series_b(pre_money=None, post_money=None, reported_valuation=Figure(Decimal("2E8"), "EUR")),
        investors=[],
    )

    [valuation] = Valuation.objects.filter(round=saved.round)
    assert (valuation.kind, valuation.amount, valuation.currency) == ("reported", Decimal("200000000"), "EUR")


def test_a_source_with_the_same_url_is_reused():
    existing = make_source("Earlier save of the article", url="https://news.example.org/nimbus-series-b")

    saved = save_reviewed_round(article=article(), company_name="Nimbus Robotics", round_data=series_b(), investors=[])

    assert saved.source == existing
    assert Source.objects.count() == 1


def test_a_new_investor_named_like_a_known_one_is_the_known_one():
    societe_generale = make_investor("Société Générale")

    saved = save_reviewed_round(
        article=article(),
        company_name="Nimbus Robotics",
        round_data=series_b(),
        investors=[InvestorData(name="societe generale")],
    )

    assert list(saved.round.participations.values_list("investor", flat=True)) == [societe_generale.pk]
    assert Investor.objects.count() == 1


def test_the_article_can_be_attached_to_the_companys_existing_round():
    nimbus = make_company("Nimbus Robotics")
    existing = make_round(nimbus, round_type="series_b", announced_on=datetime.date(2024, 5, 20), amount=None)
    northwind = make_investor("Northwind Ventures")
    make_participation(existing, northwind, role="participant")
    other_investor = make_investor("Harbor Angels")
    make_participation(existing, other_investor, role="lead")

    saved = save_reviewed_round(
        article=article(),
        company_id=nimbus.pk,
        round_data=series_b(),
        investors=[
            InvestorData(name="Northwind Ventures", role="lead", investor_id=northwind.pk),
            InvestorData(name="Harbor Angels", role="participant", investor_id=other_investor.pk),
            InvestorData(name="Sequoia Capital"),
        ],
        attach_to_id=existing.pk,
    )

    assert saved.round.pk == existing.pk and not saved.round_created and not saved.company_created
    assert FundingRound.objects.count() == 1
    existing.refresh_from_db()
    assert existing.amount == Decimal("40000000")
    roles = dict(existing.participations.values_list("investor__name", "role"))
    # The lead the article states is upgraded; a participant mention never downgrades a lead.
    assert roles == {"Northwind Ventures": "lead", "Harbor Angels": "lead", "Sequoia Capital": "participant"}
    assert (saved.participations_added, saved.roles_upgraded) == (1, 1)


def test_updating_a_round_never_drops_its_participations():
    nimbus = make_company("Nimbus Robotics")
    existing = make_round(nimbus, round_type="series_b")
    make_participation(existing, make_investor("Harbor Angels"))

    save_reviewed_round(
        article=article(), company_id=nimbus.pk, round_data=series_b(), investors=[], attach_to_id=existing.pk
    )

    assert list(existing.participations.values_list("investor__name", flat=True)) == ["Harbor Angels"]


def test_a_rumored_round_later_closed_keeps_both_sources_and_its_history():
    nimbus = make_company("Nimbus Robotics")
    rumor = make_round(
        nimbus,
        round_type="series_unknown",
        status="rumored",
        announced_on=datetime.date(2024, 4, 1),
        amount=None,
        target_amount=Decimal("30000000"),
    )
    rumor_source = make_source("Nimbus said to seek $30M", url="https://rumors.example.org/nimbus")
    make_citation(rumor_source, round=rumor, fact="status", quote="Nimbus is said to be seeking $30 million.")

    save_reviewed_round(
        article=article(),
        company_id=nimbus.pk,
        round_data=series_b(status="closed", closed_on=MAY_26),
        investors=[InvestorData(name="Northwind Ventures", role="lead")],
        attach_to_id=rumor.pk,
    )

    rumor.refresh_from_db()
    assert (rumor.status, rumor.round_type, rumor.announced_on, rumor.closed_on) == (
        "closed",
        "series_b",
        MAY_26,
        MAY_26,
    )
    assert rumor.amount == Decimal("40000000")
    assert rumor.target_amount == Decimal("30000000")
    cited = set(Citation.objects.filter(round=rumor).values_list("source__url", flat=True))
    assert cited == {"https://rumors.example.org/nimbus", "https://news.example.org/nimbus-series-b"}
    statuses = list(rumor.history.order_by("history_date", "history_id").values_list("status", flat=True))
    assert statuses == ["rumored", "closed"]
    assert rumor.history.first().history_change_reason == "From article: Nimbus Robotics raises $40M"


def test_a_later_rumor_does_not_move_an_announced_round_back():
    nimbus = make_company("Nimbus Robotics")
    announced = make_round(nimbus, round_type="series_b", status="announced", amount=Decimal("40000000"))

    save_reviewed_round(
        article=article(),
        company_id=nimbus.pk,
        round_data=series_b(status="rumored", amount=Decimal("55000000"), pre_money=None, post_money=None),
        investors=[],
        attach_to_id=announced.pk,
    )

    announced.refresh_from_db()
    assert (announced.status, announced.amount) == ("announced", Decimal("40000000"))


def test_new_figures_replace_old_ones_even_when_the_new_pre_money_exceeds_the_old_post_money():
    nimbus = make_company("Nimbus Robotics")
    existing = make_round(nimbus, round_type="series_b", amount=Decimal("20000000"))
    Valuation.objects.create(company=nimbus, round=existing, kind="pre_money", valued_on=MAY_26, amount=Decimal("1E8"))
    Valuation.objects.create(
        company=nimbus, round=existing, kind="post_money", valued_on=MAY_26, amount=Decimal("12E7")
    )

    save_reviewed_round(
        article=article(), company_id=nimbus.pk, round_data=series_b(), investors=[], attach_to_id=existing.pk
    )

    round_ = FundingRound.objects.with_valuations().get(pk=existing.pk)
    assert (round_.pre_money, round_.post_money) == (Decimal("160000000"), Decimal("200000000"))
    assert Valuation.objects.count() == 2


def test_saving_the_same_article_twice_adds_no_citation():
    nimbus = make_company("Nimbus Robotics")
    first = save_reviewed_round(
        article=article(), company_id=nimbus.pk, round_data=series_b(), investors=[InvestorData(name="Harbor Angels")]
    )
    count = Citation.objects.count()

    save_reviewed_round(
        article=article(),
        company_id=nimbus.pk,
        round_data=series_b(),
        investors=[InvestorData(name="Harbor Angels")],
        attach_to_id=first.round.pk,
    )

    assert Citation.objects.count() == count
    assert Participation.objects.count() == 1


def test_figures_that_do_not_add_up_are_refused_and_nothing_is_saved():
    with pytest.raises(IntakeError, match="do not add up"):
        save_reviewed_round(
            article=article(),
            company_name="Nimbus Robotics",
            round_data=series_b(amount=Decimal("90000000")),
            investors=[InvestorData(name="Harbor Angels")],
        )

    assert not Source.objects.exists()
    assert not Company.objects.exists()
    assert not FundingRound.objects.exists()
    assert not Investor.objects.exists()


def test_figures_that_do_not_add_up_are_saved_when_kept_as_reported():
    saved = save_reviewed_round(
        article=article(),
        company_name="Nimbus Robotics",
        round_data=series_b(amount=Decimal("90000000"), keep_as_reported=True),
        investors=[],
    )

    assert FundingRound.objects.get(pk=saved.round.pk).is_inconsistent


def test_a_failure_while_saving_participations_leaves_nothing_behind(monkeypatch):
    original_save = Participation.save

    def save_with_a_bad_role(self, *args, **kwargs):
        self.role = "sponsor"  # refused by funding_participation_role_valid
        original_save(self, *args, **kwargs)

    monkeypatch.setattr(Participation, "save", save_with_a_bad_role)

    with pytest.raises(IntegrityError):
        save_reviewed_round(
            article=article(),
            company_name="Nimbus Robotics",
            round_data=series_b(),
            investors=[InvestorData(name="Northwind Ventures", role="lead")],
        )

    assert not Source.objects.exists()
    assert not Company.objects.exists()
    assert not FundingRound.objects.exists()
    assert not Valuation.objects.exists()
    assert not Investor.objects.exists()
    assert not Citation.objects.exists()


def test_a_new_company_named_like_a_known_one_is_refused():
    make_company("Nimbus Robotics")

    with pytest.raises(IntakeError, match="already exists"):
        save_reviewed_round(article=article(), company_name="nimbus robotics", round_data=series_b(), investors=[])

    assert not Source.objects.exists()


def test_a_round_of_another_company_cannot_be_updated():
    other_round = make_round(make_company("Other"), round_type="series_b")
    nimbus = make_company("Nimbus Robotics")

    with pytest.raises(IntakeError, match="belongs to Other"):
        save_reviewed_round(
            article=article(), company_id=nimbus.pk, round_data=series_b(), investors=[], attach_to_id=other_round.pk
        )

    assert not Source.objects.exists()


def test_an_unknown_role_is_refused_before_anything_is_written():
    with pytest.raises(IntakeError, match="sponsor"):
        save_reviewed_round(
            article=article(),
            company_name="Nimbus Robotics",
            round_data=series_b(),
            investors=[InvestorData(name="Northwind Ventures", role="sponsor")],
        )

    assert not Company.objects.exists()
