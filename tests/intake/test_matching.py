"""Matching the names an article uses to the companies, investors and rounds already in the tracker."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_company, make_investor, make_round
from tracker.intake.matching import InvestorMatcher, match_company, match_investors, same_round_candidates

pytestmark = pytest.mark.django_db


def test_a_name_without_accents_matches_the_accented_investor_exactly():
    societe_generale = make_investor("Société Générale")

    candidates = match_investors(["Societe Generale"])["Societe Generale"]

    assert [c.pk for c in candidates] == [societe_generale.pk]
    assert candidates[0].exact


def test_an_alias_matches_its_investor_and_says_which_alias():
    a16z = make_investor("Andreessen Horowitz", aliases=("a16z",))

    [candidate] = match_investors(["a16z"])["a16z"]

    assert candidate.pk == a16z.pk
    assert candidate.name == "Andreessen Horowitz"
    assert candidate.matched == "a16z"
    assert candidate.exact


def test_a_near_spelling_is_offered_and_preselected_with_its_score():
    sequoia = make_investor("Sequoia Capital")
    make_investor("Accel")

    [candidate] = match_investors(["Sequioa Capital"])["Sequioa Capital"]

    assert candidate.pk == sequoia.pk
    assert 88 <= candidate.score < 100
    assert candidate.preselected
    assert not candidate.exact


def test_an_unrelated_name_matches_nothing():
    make_investor("Sequoia Capital")
    make_investor("Andreessen Horowitz", aliases=("a16z",))
    make_investor("Index Ventures")

    assert match_investors(["Insight Partners"]) == {"Insight Partners": []}


def test_a_shared_generic_word_is_not_a_match():
    make_investor("Sequoia Capital")

    assert match_investors(["Capital"]) == {"Capital": []}


def test_a_shortened_name_is_offered_but_not_preselected():
    sequoia = make_investor("Sequoia Capital")

    [candidate] = match_investors(["Sequoia"])["Sequoia"]

    assert candidate.pk == sequoia.pk
    assert not candidate.preselected


def test_a_company_is_matched_by_name_ignoring_case():
    xai = make_company("xAI")

    [candidate] = match_company("XAI")

    assert candidate.pk == xai.pk
    assert candidate.exact


def test_an_unknown_company_matches_nothing():
    make_company("Mistral AI")

    assert match_company("Helsing") == []


def test_matching_costs_two_queries_however_many_investors_and_names():
    for n in range(200):
        make_investor(f"Fund number {n}")
    make_investor("Sequoia Capital")

    with CaptureQueriesContext(connection) as queries:
        found = InvestorMatcher().match(["Sequoia Capital", "Sequioa Capital", "Blue Yonder", "Other Fund"])

    # 1. names and aliases whose key is one of the article's names
    # 2. every name key, once, for the near spellings
    assert len(queries) == 2
    assert found["Sequoia Capital"][0].exact


def test_exact_names_cost_a_single_query():
    make_investor("Sequoia Capital")

    with CaptureQueriesContext(connection) as queries:
        match_investors(["Sequoia Capital", "sequoia capital"])

    assert len(queries) == 1


def test_a_round_of_the_same_type_within_90_days_is_offered():
    xai = make_company("xAI")
    series_b = make_round(xai, round_type="series_b", announced_on=datetime.date(2024, 4, 1))
    make_round(xai, round_type="series_b", announced_on=datetime.date(2023, 1, 2))  # too early
    make_round(xai, round_type="series_a", announced_on=datetime.date(2024, 5, 1))  # another type

    found = same_round_candidates(company_id=xai.pk, round_type="series_b", announced_on=datetime.date(2024, 5, 26))

    assert found == [series_b]


def test_a_rumored_round_of_unknown_series_is_offered_for_a_later_typed_round():
    xai = make_company("xAI")
    rumor = make_round(
        xai, round_type="series_unknown", status="rumored", amount=None, announced_on=datetime.date(2024, 5, 6)
    )

    found = same_round_candidates(company_id=xai.pk, round_type="series_b", announced_on=datetime.date(2024, 5, 26))

    assert found == [rumor]


def test_another_companys_round_is_never_offered():
    make_round(make_company("Other"), round_type="series_b", announced_on=datetime.date(2024, 5, 26))
    xai = make_company("xAI")

    found = same_round_candidates(company_id=xai.pk, round_type="series_b", announced_on=datetime.date(2024, 5, 26))

    assert found == []
