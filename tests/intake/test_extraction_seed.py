"""The seed article in ../shared/seed gives the xAI Series B draft the tracker was designed from."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.intake.extraction import extract

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_62c14ce66077f5ca.txt"


@pytest.fixture
def seed_text():
    if not SEED.exists():
        pytest.skip("the shared seed article is not available")
    return SEED.read_text(encoding="utf-8")


def test_seed_article_gives_the_xai_series_b(seed_text):
    draft = extract(seed_text, published=datetime.date(2024, 5, 27))
    assert draft.language == "fr"
    assert draft.company == "xAI"
    assert draft.round_type == "series_b"
    assert draft.amount == Decimal("6000000000")
    assert draft.currency == "USD"
    assert draft.pre_money == Decimal("18000000000")
    assert draft.post_money == Decimal("24000000000")
    assert draft.valuation_currency == "USD"


def test_seed_article_lists_the_four_named_investors_as_incomplete(seed_text):
    draft = extract(seed_text, published=datetime.date(2024, 5, 27))
    assert [investor.name for investor in draft.investors] == [
        "Valor Equity Partners",
        "Andreessen Horowitz",
        "Sequoia Capital",
        "Prince Alwaleed Bin Talal",
    ]
    assert draft.investor_list_complete is False


def test_seed_article_is_announced_on_the_sunday_before_publication(seed_text):
    draft = extract(seed_text, published=datetime.date(2024, 5, 27))
    assert draft.status == "announced"
    assert draft.announced_on == datetime.date(2024, 5, 26)
    assert draft.announced_precision == "day"
    assert draft.evidence["announced_on"] in seed_text


def test_seed_headline_alone_is_a_rumored_one_billion_target(seed_text):
    headline = seed_text.splitlines()[0]
    draft = extract(headline)
    assert draft.status == "rumored"
    assert draft.target_amount == Decimal("1000000000")
    assert draft.currency == "USD"
    assert draft.amount is None
