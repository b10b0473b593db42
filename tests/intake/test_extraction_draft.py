"""extract() tells this round apart from earlier rounds, totals, advisers and rivals."""

import datetime
from decimal import Decimal

from tracker.intake.extraction import Draft, Investor, extract
from tracker.intake.extraction.draft import JSON_KEYS
from tracker.intake.extraction.language import detect_language


def test_language_detection_tells_english_from_french():
    assert detect_language("The company said it has raised money from investors in the round.") == "en"
    assert detect_language("La société a annoncé qu'elle avait levé des fonds auprès d'investisseurs.") == "fr"
    assert detect_language("12345 $$$") is None


def test_given_language_overrides_detection():
    assert extract("Acme raised $5 million.", language="fr").language == "fr"


def test_earlier_round_in_the_same_sentence_is_not_this_round():
    draft = extract("Acme, which raised $10 million last year, has now raised $30 million in a Series B.")
    assert draft.amount == Decimal("30000000")
    assert draft.round_type == "series_b"


def test_total_raised_to_date_is_not_this_round():
    draft = extract("Acme raised $20 million, bringing its total funding to $50 million.")
    assert draft.amount == Decimal("20000000")


def test_amount_without_currency_borrows_the_article_currency():
    draft = extract("Acme lève 20 millions auprès de Partech. Son chiffre d'affaires atteint 3 millions d'euros.")
    assert draft.amount == Decimal("20000000")
    assert draft.currency == "EUR"


def test_advisers_and_rivals_are_not_investors():
    draft = extract(
        "Acme raised $50 million in a Series A led by Accel. Goldman Sachs and Morgan Stanley advised Acme. "
        "It competes with rivals such as OpenAI, Google and Meta."
    )
    assert draft.investors == [Investor("Accel", "lead")]
    assert draft.investor_list_complete is True


def test_investors_entre_autres_make_the_list_incomplete():
    draft = extract("Acme a levé 5 millions d'euros auprès de Kima Ventures et Bpifrance, entre autres.")
    assert [investor.name for investor in draft.investors] == ["Kima Ventures", "Bpifrance"]
    assert draft.investor_list_complete is False


def test_existing_investors_descriptor_is_stripped():
    draft = extract("Acme raised $8 million from existing investors Point Nine and Seedcamp.")
    assert [investor.name for investor in draft.investors] == ["Point Nine", "Seedcamp"]


def test_possessive_descriptor_is_stripped_from_the_company():
    assert extract("Musk's xAI raises $6 billion in Series B funding.").company == "xAI"


def test_company_spelling_follows_the_body_rather_than_the_headline():
    draft = extract("NOVA raises $5M\n\nThe startup Nova said Nova would hire. Nova has raised $5M in seed funding.")
    assert draft.company == "Nova"


def test_founding_month_is_not_the_announcement_date():
    draft = extract(
        "Acme raised $5 million in a seed round. Acme was founded in July last year.",
        published=datetime.date(2024, 5, 27),
    )
    assert draft.announced_on is None


def test_rumor_with_target_leaves_the_amount_empty():
    draft = extract("Acme is said to be seeking to raise up to €100 million, according to people familiar.")
    assert draft.status == "rumored"
    assert draft.target_amount == Decimal("100000000")
    assert draft.amount is None


def test_closed_status_needs_closing_words():
    assert extract("Acme has closed a $12 million Series A round.").status == "closed"
    assert extract("Acme a bouclé un tour de table de 3 millions d'euros.").status == "closed"
    assert extract("Acme raised $12 million in a Series A round.").status == "announced"


def test_extension_keeps_the_series_it_extends():
    draft = extract("Acme raised $15 million as a Series B extension.")
    assert (draft.round_type, draft.round_label) == ("series_b", "Series B extension")


def test_round_without_series_is_series_unknown():
    draft = extract("La société Acme annonce une levée de fonds de 3 millions d'euros.")
    assert (draft.round_type, draft.round_label) == ("series_unknown", "levée de fonds")


def test_json_has_exact_keys_and_integer_or_string_amounts():
    draft = Draft(
        amount=Decimal("6000000000"), post_money=Decimal("1500000.5"), announced_on=datetime.date(2024, 5, 26)
    )
    data = draft.to_json_dict()
    assert list(data) == JSON_KEYS
    assert data["amount"] == 6000000000 and isinstance(data["amount"], int)
    assert data["post_money"] == "1500000.5"
    assert data["announced_on"] == "2024-05-26"


def test_text_without_any_funding_gives_an_empty_draft():
    draft = extract("")
    assert draft.to_json_dict()["amount"] is None
    assert draft.investors == []
