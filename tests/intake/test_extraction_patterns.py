"""Phrasings seen in real funding news: raise verbs, round names, debt, valuations, currencies, investors, dates."""

import datetime
from decimal import Decimal

import pytest

from tracker.intake.extraction import extract

PUBLISHED = datetime.date(2024, 3, 14)  # a Thursday


@pytest.mark.parametrize(
    "headline",
    [
        "Acme has secured $12 million to automate invoices",
        "Acme snagged $12 million to automate invoices",
        "Acme bags $12 million to automate invoices",
        "Acme pockets $12 million to automate invoices",
        "Acme lands $12 million to automate invoices",
        "Acme a annoncé avoir finalisé une levée de 12 millions de dollars",
        "Acme boucle un tour de table de 12 millions de dollars",
        "Acme réalise une levée de 12 millions de dollars",
        "Acme obtient 12 millions de dollars pour automatiser ses factures",
    ],
)
def test_raise_verbs_in_headlines_give_the_amount_and_the_company(headline):
    draft = extract(headline)
    assert draft.company == "Acme"
    assert draft.amount == Decimal("12000000")
    assert draft.currency == "USD"
    assert draft.status in ("announced", "closed")


@pytest.mark.parametrize(
    ("sentence", "round_type", "label"),
    [
        ("Acme raised $30 million in a Series A-2 round led by Accel.", "series_a", "Series A-2"),
        ("Acme raised $30 million in a Series B-1 round led by Accel.", "series_b", "Series B-1"),
        ("Acme raised $3 million in a seed round led by Accel.", "seed", "seed"),
        ("Acme raised $1 million in a pre-seed round led by Accel.", "pre_seed", "pre-seed"),
        ("Acme raised a $10 million seed extension led by Accel.", "seed", "seed extension"),
        ("Acme raised $40 million in debt financing from HSBC.", "debt", "debt financing"),
        ("Acme secured a $40 million credit facility from HSBC.", "debt", "credit facility"),
        ("Acme raised $40 million in venture debt from Hercules Capital.", "debt", "venture debt"),
        ("Acme raised $40 million in equity and debt.", "series_unknown", "equity and debt"),
    ],
)
def test_round_names_map_to_the_taxonomy_and_keep_their_label(sentence, round_type, label):
    draft = extract(sentence)
    assert (draft.round_type, draft.round_label) == (round_type, label)


@pytest.mark.parametrize(
    ("sentence", "field", "value"),
    [
        ("Acme raised $50 million, valuing it at $400 million.", "valuation", "400000000"),
        ("Acme raised $50 million at a $400 million valuation.", "valuation", "400000000"),
        ("Acme a levé 50 millions d'euros à une valorisation de 400 millions d'euros.", "valuation", "400000000"),
        ("Acme raised $50 million at a post-money valuation of $400 million.", "post_money", "400000000"),
        ("Acme raised $50 million at a pre-money valuation of $350 million.", "pre_money", "350000000"),
    ],
)
def test_valuations_are_unqualified_unless_pre_or_post_money_is_said(sentence, field, value):
    draft = extract(sentence)
    assert getattr(draft, field) == Decimal(value)
    assert [name for name in ("valuation", "pre_money", "post_money") if getattr(draft, name) is not None] == [field]


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Acme raises $1.5bn in new funding", "1500000000", "USD"),
        ("Acme raises $1.5 billion in new funding", "1500000000", "USD"),
        ("Acme raises 1.5 billion dollars in new funding", "1500000000", "USD"),
        ("Acme raises €1.5 billion in new funding", "1500000000", "EUR"),
        ("Acme lève 1,5 Md€ pour ses usines", "1500000000", "EUR"),
        ("Acme lève 1,5 milliard d'euros pour ses usines", "1500000000", "EUR"),
        ("Acme raises CHF 50 million in new funding", "50000000", "CHF"),
        ("Acme raises SEK 200m in new funding", "200000000", "SEK"),
        ("Acme raises ¥10 billion in new funding", "10000000000", "JPY"),
        ("Acme raises ₹500 crore in new funding", "5000000000", "INR"),
        ("Acme raises Rs 50 lakh in new funding", "5000000", "INR"),
        ("Acme raises A$20 million in new funding", "20000000", "AUD"),
        ("Acme raises C$20 million in new funding", "20000000", "CAD"),
        ("Acme raises Rs 2,500 crore ($300 million) in new funding", "25000000000", "INR"),
    ],
)
def test_amounts_and_currencies_as_newsrooms_write_them(text, amount, currency):
    draft = extract(text)
    assert (draft.amount, draft.currency) == (Decimal(amount), currency)


def _names(text: str) -> list[tuple[str, str]]:
    return [(investor.name, investor.role) for investor in extract(text).investors]


def test_names_with_an_ampersand_stay_whole():
    assert _names("Acme raised $90 million led by Hellman & Friedman, with participation from Bain & Co.") == [
        ("Hellman & Friedman", "lead"),
        ("Bain & Co", "participant"),
    ]


def test_a_list_with_commas_and_and_gives_each_investor():
    assert _names("Acme raised $20 million from Index Ventures, Accel and Notion Capital.") == [
        ("Index Ventures", "participant"),
        ("Accel", "participant"),
        ("Notion Capital", "participant"),
    ]


def test_business_angels_are_not_a_name_but_a_named_angel_is():
    assert _names("Acme a levé 2 millions d'euros auprès de business angels, dont Xavier Niel, fondateur de Free.") == [
        ("Xavier Niel", "participant")
    ]


def test_a_fund_managed_by_a_firm_is_named_by_the_fund():
    assert _names("Acme a levé 2 millions d'euros auprès du fonds Ville de Paris Innovation géré par Bpifrance.") == [
        ("Ville de Paris Innovation", "participant")
    ]


def test_bpifrance_via_its_fund_is_bpifrance():
    assert _names("Acme lève 8 millions d'euros auprès de Bpifrance, via son fonds Large Venture, et de Partech.") == [
        ("Bpifrance", "participant"),
        ("Partech", "participant"),
    ]


def test_as_well_as_continues_the_list():
    assert _names("Acme raised $8 million from Seedcamp as well as LocalGlobe.") == [
        ("Seedcamp", "participant"),
        ("LocalGlobe", "participant"),
    ]


@pytest.mark.parametrize(
    "aside",
    [
        "Cooley advised Acme on the deal.",
        "Goldman Sachs acted as financial adviser to Acme.",
        "Customers include Carrefour and Decathlon.",
        '"This is a big market," said Jane Doe, partner at Sequoia Capital.',
        "Acme was backed by Y Combinator in 2019.",
    ],
)
def test_advisers_customers_quoted_people_and_earlier_backers_are_not_investors(aside):
    draft = extract(f"Acme raised $15 million in a Series A led by Accel. {aside}", published=PUBLISHED)
    assert _names_of(draft) == ["Accel"]


def _names_of(draft):
    return [investor.name for investor in draft.investors]


@pytest.mark.parametrize(
    ("sentence", "date", "precision"),
    [
        ("Acme said earlier this month it had raised $5 million.", datetime.date(2024, 3, 1), "month"),
        ("Acme said last Tuesday it had raised $5 million.", datetime.date(2024, 3, 12), "day"),
        ("Acme a annoncé le 12 mars avoir levé 5 millions d'euros.", datetime.date(2024, 3, 12), "day"),
        ("Acme said on March 12 it had raised $5 million.", datetime.date(2024, 3, 12), "day"),
        ("Acme a annoncé ce mercredi avoir levé 5 millions d'euros.", datetime.date(2024, 3, 13), "day"),
    ],
)
def test_announcement_dates_resolve_against_the_published_date(sentence, date, precision):
    draft = extract(sentence, published=PUBLISHED)
    assert (draft.announced_on, draft.announced_precision) == (date, precision)


def test_a_future_date_is_never_the_announcement_date():
    draft = extract("Acme raised $5 million and will open on March 20 a Paris office.", published=PUBLISHED)
    assert draft.announced_on is None


def test_a_rumor_carries_no_announcement_date():
    draft = extract("Acme is in talks to raise $50 million, people familiar said on Tuesday.", published=PUBLISHED)
    assert draft.status == "rumored"
    assert draft.announced_on is None
