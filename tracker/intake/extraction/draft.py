"""Turn an article's text into a draft funding round: the `extract` entry point."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import company as company_module
from .dates import DateMention, find_dates
from .investors import find_investors
from .language import detect_language
from .mentions import Mention, classify
from .rounds import CLOSED_RE, RoundMention, find_round_types, status_of
from .text import Sentence, split_sentences

JSON_KEYS = [
    "language",
    "company",
    "round_type",
    "round_label",
    "status",
    "amount",
    "currency",
    "target_amount",
    "pre_money",
    "post_money",
    "valuation",
    "valuation_currency",
    "investors",
    "investor_list_complete",
    "announced_on",
    "announced_precision",
    "evidence",
]

_PREVIOUS_SENTENCE_RE = re.compile(
    r"\b(?:previously|earlier round|last year|prior round|previous round|its first round|"
    r"pr[ée]c[ée]demment|pr[ée]c[ée]dent(?:e)? (?:tour|lev[ée]e)|l['’]an (?:dernier|pass[ée])|"
    r"l['’]ann[ée]e (?:derni[èe]re|pass[ée]e)|avait lev[ée]|had raised)\b",
    re.IGNORECASE,
)
_DONE_RAISE_RE = re.compile(
    r"\b(?:raised|secured|closed|completed|landed|bagged|got|received|obtained|pocketed|snagged|"
    r"(?:a|ont|aurait|auraient|avoir|avait) (?:lev[ée]|boucl[ée]|obtenu|r[ée]colt[ée]|s[ée]curis[ée]|finalis[ée])|"
    r"l[èe]ve|boucle|obtient)\b",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\b(?:in|en)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_FOUNDING_RE = re.compile(
    r"\b(?:founded|launched|created|established|started|incorporated|set up|fond[ée]e?|cr[ée][ée]e?|lanc[ée]e?|"
    r"a lanc[ée]|n[ée]e? en|depuis|since|will|va|sera|next|prochain|prochaine)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Investor:
    name: str
    role: str  # lead, co_lead, participant


@dataclass
class Draft:
    language: str | None = None
    company: str | None = None
    round_type: str | None = None
    round_label: str | None = None
    status: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    target_amount: Decimal | None = None
    pre_money: Decimal | None = None
    post_money: Decimal | None = None
    valuation: Decimal | None = None
    valuation_currency: str | None = None
    investors: list[Investor] = field(default_factory=list)
    investor_list_complete: bool | None = None
    announced_on: datetime.date | None = None
    announced_precision: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        """Return the draft as JSON-ready data: whole amounts as ints, other amounts as strings, ISO dates."""
        data: dict[str, Any] = {}
        for key in JSON_KEYS:
            value = getattr(self, key)
            if isinstance(value, Decimal):
                value = _decimal_to_json(value)
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            elif key == "investors":
                value = [{"name": investor.name, "role": investor.role} for investor in value]
            elif key == "evidence":
                value = dict(value)
            data[key] = value
        return data


def _decimal_to_json(value: Decimal) -> int | str:
    if value == value.to_integral_value():
        return int(value)
    return format(value.normalize(), "f")


class _Builder:
    """Collect the draft's fields and the sentence each came from."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.draft = Draft()

    def cite(self, fields: tuple[str, ...], sentence: Sentence) -> None:
        for name in fields:
            self.draft.evidence[name] = sentence.text
            self.draft.spans[name] = (sentence.start, sentence.end)


def _headline_end(text: str, sentences: list[Sentence]) -> int:
    """Return where the headline lines (leading lines without final full stop) end."""
    end = 0
    for sentence in sentences[:3]:
        if sentence.text.endswith((".", "!", "?", "»", '"')):
            break
        end = sentence.end
    return end


def _is_previous_sentence(sentence: Sentence, published: datetime.date | None) -> bool:
    if _PREVIOUS_SENTENCE_RE.search(sentence.text):
        return True
    return bool(published and any(int(year) < published.year for year in _YEAR_RE.findall(sentence.text)))


def _pick_round_type(
    raise_sentence: Sentence | None,
    anchor: int | None,
    round_sentences: list[Sentence],
    all_sentences: list[Sentence],
    skip: set[int],
) -> tuple[RoundMention, Sentence] | None:
    """Prefer a specific type near the amount, then specific types elsewhere, then a generic round."""
    ordered: list[Sentence] = []
    for sentence in ([raise_sentence] if raise_sentence else []) + round_sentences + all_sentences:
        if sentence not in ordered and sentence.index not in skip:
            ordered.append(sentence)
    generic: tuple[RoundMention, Sentence] | None = None
    own = {sentence.index for sentence in round_sentences} | ({raise_sentence.index} if raise_sentence else set())
    for sentence in ordered:
        mentions = find_round_types(sentence.text)
        if sentence.index not in own and status_of(sentence.text) not in ("announced", "closed"):
            # A listing named away from the raise is an aside ("an IPO was unlikely before 2026").
            mentions = [mention for mention in mentions if mention.key != "ipo"]
        specific = [mention for mention in mentions if mention.specific]
        if specific:
            if sentence is raise_sentence and anchor is not None:
                specific.sort(key=lambda mention: abs(mention.start - anchor))
            return specific[0], sentence
        if generic is None and mentions:
            generic = (mentions[0], sentence)
    return generic


def _pick_date(sentences: list[Sentence], published: datetime.date | None) -> tuple[DateMention, Sentence] | None:
    for sentence in sentences:
        for mention in find_dates(sentence.text, published):
            if published and mention.date > published:
                continue
            before = sentence.text[max(0, mention.start - 40) : mention.start]
            if _FOUNDING_RE.search(before):
                continue
            if re.search(r"(?:last year|l['’]ann[ée]e derni[èe]re|l['’]an dernier)", mention.text, re.IGNORECASE):
                continue
            return mention, sentence
    return None


def extract(text: str, *, published: datetime.date | None = None, language: str | None = None) -> Draft:
    """Extract a draft funding round from article text; unknown fields stay None."""
    if isinstance(published, datetime.datetime):
        published = published.date()
    text = text.replace("\x00", " ")
    builder = _Builder(text)
    draft = builder.draft
    draft.language = language or detect_language(text)
    sentences = split_sentences(text)
    if not sentences:
        return draft

    mentions: list[Mention] = []
    for sentence in sentences:
        mentions.extend(classify(sentence, draft.language, published))

    raise_mention = next((mention for mention in mentions if mention.kind == "raise"), None)
    target_mention = next((mention for mention in mentions if mention.kind == "target"), None)
    current = [mention for mention in mentions if mention.kind in ("raise", "target")]
    round_sentences: list[Sentence] = []
    for mention in current:
        if mention.sentence not in round_sentences:
            round_sentences.append(mention.sentence)
    previous_sentences = {
        sentence.index
        for sentence in sentences
        if sentence not in round_sentences and _is_previous_sentence(sentence, published)
    }
    previous_sentences |= {
        mention.sentence.index
        for mention in mentions
        if mention.kind == "previous" and mention.sentence not in round_sentences
    }

    # Amount, target and status. A rumored raise with no past-tense raise verb ("is raising a round of
    # around €80m", "discuterait pour lever 250 millions") is money sought, not money raised.
    if (
        raise_mention is not None
        and status_of(raise_mention.sentence.text) == "rumored"
        and not _DONE_RAISE_RE.search(raise_mention.sentence.text)
    ):
        if target_mention is None or target_mention.start > raise_mention.start:
            target_mention = raise_mention
        raise_mention = next(
            (mention for mention in mentions if mention.kind == "raise" and mention is not raise_mention), None
        )
        if raise_mention is not None and raise_mention.sentence is target_mention.sentence:
            raise_mention = None
    if raise_mention is not None:
        status = status_of(raise_mention.sentence.text) or "announced"
        status_sentence = raise_mention.sentence
        if status != "rumored":
            closed = next((s for s in round_sentences if CLOSED_RE.search(s.text)), None)
            if closed is not None:
                status, status_sentence = "closed", closed
        draft.amount = raise_mention.money.value
        draft.currency = raise_mention.money.currency or _nearby_currency(raise_mention, mentions)
        builder.cite(("amount", "currency"), raise_mention.sentence)
        draft.status = status
        builder.cite(("status",), status_sentence)
        if status == "rumored" and target_mention is not None and target_mention.money.value != draft.amount:
            draft.target_amount = target_mention.money.value
            builder.cite(("target_amount",), target_mention.sentence)
    elif target_mention is not None:
        draft.target_amount = target_mention.money.value
        draft.currency = target_mention.money.currency or _nearby_currency(target_mention, mentions)
        draft.status = "rumored"
        builder.cite(("target_amount", "currency", "status"), target_mention.sentence)

    # Round type and label.
    anchor = raise_mention.money.start if raise_mention else None
    anchor_sentence = raise_mention.sentence if raise_mention else (target_mention.sentence if target_mention else None)
    picked = _pick_round_type(anchor_sentence, anchor, round_sentences, sentences, previous_sentences)
    if picked is not None:
        round_mention, round_sentence = picked
        if round_mention.key.startswith("series_") and "extension" not in round_mention.label.lower():
            # Another sentence may name the same series as an extension ("Series B extension").
            for sentence in round_sentences:
                extension = next(
                    (
                        m
                        for m in find_round_types(sentence.text)
                        if m.key == round_mention.key and "extension" in m.label.lower()
                    ),
                    None,
                )
                if extension is not None:
                    round_mention, round_sentence = extension, sentence
                    break
        generic_status = None if round_mention.specific else status_of(round_sentence.text)
        if round_mention.specific or draft.amount is not None or draft.target_amount is not None or generic_status:
            draft.round_type = round_mention.key
            draft.round_label = round_mention.label
            builder.cite(("round_type", "round_label"), round_sentence)
            if draft.status is None:
                draft.status = status_of(round_sentence.text)
                if draft.status:
                    builder.cite(("status",), round_sentence)
    if draft.round_type is None and (draft.amount is not None or draft.target_amount is not None):
        # A raise with no round words at all is still a round of unknown series.
        draft.round_type = "series_unknown"
        builder.cite(("round_type",), anchor_sentence)

    # Valuations.
    _fill_valuations(builder, mentions)

    # Company.
    headline_end = _headline_end(text, sentences)
    ordered = []
    for sentence in round_sentences + sentences:
        if sentence not in ordered:
            ordered.append(sentence)
    for sentence in ordered:
        names = company_module.candidates(sentence)
        if names:
            draft.company = company_module.best_spelling(names[0], text[:20_000], headline_end)
            builder.cite(("company",), sentence)
            break

    # Investors.
    investors, complete = find_investors(sentences, draft.company, previous_sentences)
    if investors:
        draft.investors = [investor_from(found) for found in investors]
        draft.investor_list_complete = complete
        builder.cite(("investors", "investor_list_complete"), investors[0].sentence)

    # Announcement date: dates in the round's own sentences, then in other round-type sentences.
    date_sentences = list(round_sentences)
    if picked is not None and picked[1] not in date_sentences:
        date_sentences.append(picked[1])
    # A rumor has not been announced: a dateline or "on Tuesday" there dates the report, not the round.
    dated = None
    if draft.status != "rumored":
        dated = _pick_date([s for s in date_sentences if s.index not in previous_sentences], published)
    if dated is not None:
        mention, sentence = dated
        draft.announced_on = mention.date
        draft.announced_precision = mention.precision
        builder.cite(("announced_on", "announced_precision"), sentence)
    return draft


def investor_from(found: Any) -> Investor:
    return Investor(found.name, found.role)


def _nearby_currency(mention: Mention, mentions: list[Mention]) -> str | None:
    """Borrow the currency of the closest money phrase that states one ("2 milliards" after "$1 billion")."""
    with_currency = [other for other in mentions if other.money.currency]
    if not with_currency:
        return None
    return min(with_currency, key=lambda other: abs(other.start - mention.start)).money.currency


def _fill_valuations(builder: _Builder, mentions: list[Mention]) -> None:
    draft = builder.draft
    chosen: dict[str, Mention] = {}
    for mention in mentions:
        if mention.kind in ("pre_money", "post_money", "valuation") and mention.kind not in chosen:
            chosen[mention.kind] = mention
    for kind in ("post_money", "pre_money"):
        if kind in chosen:
            setattr(draft, kind, chosen[kind].money.value)
            builder.cite((kind,), chosen[kind].sentence)
    plain = chosen.get("valuation")
    if plain is not None and plain.money.value not in (draft.pre_money, draft.post_money):
        draft.valuation = plain.money.value
        builder.cite(("valuation",), plain.sentence)
    first = min(chosen.values(), key=lambda mention: mention.start, default=None)
    if first is not None:
        draft.valuation_currency = first.money.currency or _nearby_currency(first, mentions)
        builder.cite(("valuation_currency",), first.sentence)
