"""Tell what each money phrase in a sentence is: this round, a target, a valuation, an earlier round, a total..."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .amounts import Money, find_money
from .text import Sentence

_I = re.IGNORECASE

# Cue words looked for in the text between the previous money phrase and this one; the nearest cue wins.
_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("target", re.compile(
        r"\b(?:(?:in talks|in discussions|in negotiations|seeks?|seeking|looking|aims?|aiming|plans?|planning|hopes?|"
        r"hoping|trying|tries|set|poised|expected|looks|wants?|intends?|negotiating|expects?) to raise|"
        r"(?:could|would|will|may|might) raise|is raising|are raising|seeks?|seeking|targets?|targeting|aims? for|"
        r"hopes? for|cherche(?:rait|nt)? (?:[àa] )?lever|cherche(?:rait)?|envisage(?:rait)? de lever|"
        r"en (?:discussions?|n[ée]gociations?|pourparlers) pour lever|vise(?:rait)? (?:[àa] lever)?|"
        r"souhaite(?:rait)? lever|compte(?:rait)? lever|pourrait lever|tente(?:rait)? de lever|"
        r"s['’]appr[êe]te(?:rait)? [àa] lever|objectif de|ambitionne de lever|devrait lever|lèvera|"
        r"espère lever|serait sur le point de lever)\b", _I)),
    ("valuation", re.compile(
        r"\b(?:valu(?:ed|ation|ations|ing|es|e)|(?:now|is|be|being|company|startup|making it) worth|"
        r"valoris(?:[ée]e?s?|ation|ant|e|erait|er|eraient)|post-money|post money|pre-money|pre money|pr[ée]-money|"
        r"pr[ée]-injection|"
        r"pre-investment|pr[ée]-investissement|post-injection|market cap(?:italization|italisation)?|market value|"
        r"capitalisation(?: boursi[èe]re)?)\b", _I)),
    ("total", re.compile(
        r"(?<!valorisation )\b(?:(?:has |have )?now raised|a (?:d[ée]sormais|maintenant) lev[ée]|"
        r"total(?:ing|ling|s|e|ise|isant|isé)?|to date|altogether|cumulative|overall|"
        r"au total|en tout|cumul[ée]?e?s?|depuis sa cr[ée]ation|since (?:its )?(?:inception|founding|launch|creation)|"
        r"in all)\b(?! valuation)", _I)),
    ("other", re.compile(
        r"\b(?:revenues?|sales|ARR|turnover|recurring revenue|profits?|loss(?:es)?|chiffre d['’]affaires|CA|"
        r"revenus?|b[ée]n[ée]fices?|pertes?|spent|spend|spending|costs?|co[ûu]ts?|budget|prices?|priced at|prix|"
        r"acquired|acquisition|acquire|rach[èe]t[ée]?|rachat|acquisition|salaires?|salary|fund size|under management|"
        r"sous gestion|AUM|market|march[ée]|fine|amende|worth of|contract|contrat)\b", _I)),
    ("raise", re.compile(
        r"\b(?:rais(?:ed|es|ing|e)|secur(?:ed|es|ing)|clos(?:ed|es|ing)|land(?:ed|s)|bag(?:ged|s)|nab(?:bed|s)|"
        r"gets?|got|receiv(?:ed|es)|obtained|picks? up|picked up|pulls? in|pulled in|snag(?:ged|s)|scor(?:ed|es)|"
        r"pocket(?:ed|s)|"
        r"funding|financing|round|investment|injection|capital|Series|seed|IPO|debt|loan|offering|invest(?:ed|s)|"
        r"fundraise|fundraising|lev[ée]e?s?|l[èe]ve|lever|obtient|obtenu|boucl[ée]e?|boucle|financement|tour|"
        r"s[ée]rie|amor[çc]age|dette|pr[êe]t|r[ée]colt[ée]e?|r[ée]colte|empoche|d[ée]croch[ée]|d[ée]croche|"
        r"inject[ée]e?|injecte|investi|investit|apport|cycle|ronde|mobilis[ée]|s[ée]curis[ée]|introduction)\b", _I)),
]  # fmt: skip
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_PREVIOUS_RE = re.compile(
    r"\b(?:previously|earlier(?!\s+(?:this|today|on|in the day))|already|last year|prior|previous|initial|initiale|"
    r"original|follows|following|"
    r"after raising|last raised|(?:months|years|weeks) after|(?:ans|mois|semaines) apr[èe]s|"
    r"(?<!qu'elle )(?<!qu’elle )(?<!qu'il )(?<!qu’il )avait (?:lev[ée]|boucl[ée]|obtenu|r[ée]alis[ée]|r[ée]colt[ée])|"
    r"il y a (?:un|une|deux|trois|\d+) ans?|"
    r"comes after|in addition to|on top of|pr[ée]c[ée]demment|pr[ée]c[ée]dente?|d[ée]j[àa]|auparavant|"
    r"l['’]an (?:dernier|pass[ée])|l['’]ann[ée]e (?:derni[èe]re|pass[ée]e)|apr[èe]s (?:avoir lev[ée]|une lev[ée]e)|"
    r"fait suite|succ[èe]de)\b",
    _I,
)
_AFTER_PREVIOUS_RE = re.compile(
    r"^[^.;,]{0,60}?\b(?:last year|previously|(?:a|one|two|three|\d+) years? ago|il y a (?:un|une|deux|trois|\d+) ans?|"
    rf"last (?:{_MONTH_NAMES})|in (?:its|a) (?:previous|prior|earlier)|l['’]an (?:dernier|pass[ée])|"
    r"l['’]ann[ée]e (?:derni[èe]re|pass[ée]e)|lors de (?:sa|son) (?:pr[ée]c[ée]dente?|dernier|derni[èe]re)|"
    r"(?:in|en) (?:(?:early|late|mid-?)\s*)?(?P<year>(?:19|20)\d\d))\b",
    _I,
)
_AFTER_VALUATION_RE = re.compile(r"^\s*(?:post-money |pre-money |pr[ée]-money )?valuation\b", _I)
_AFTER_TOTAL_RE = re.compile(
    r"^\s*(?:to date|in total|so far|since (?:its )?(?:inception|founding|launch|creation)|au total|en tout|"
    r"depuis (?:sa|son) (?:cr[ée]ation|lancement|fondation)|jusqu['’](?:ici|à présent))\b",
    _I,
)
_AFTER_OTHER_RE = re.compile(
    r"^\s*(?:(?:in|of|en|de|d['’])\s+)?(?:annual |annualised |annualized |recurring )?(?:revenues?|sales|ARR|"
    r"chiffre d['’]affaires|revenus?|in assets|under management|sous gestion|fund|fonds)\b",
    _I,
)
_AFTER_ROUND_RE = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:Series|seed|round|funding|financing|investment|raise|fundraise|IPO|debt|loan|"
    r"en s[ée]rie|de s[ée]rie|de financement|de lev[ée]e|lev[ée]s?|tour|d['’]amor[çc]age|de dette|en dette|"
    r"de capital|grant|subvention|loan|credit facility|convertible|bridge|pr[êe]t|emprunt)\b",
    _I,
)
POST_MONEY_RE = re.compile(
    r"\b(?:post-money|post money|post-investment|post-injection|post-lev[ée]e|post-financement|including the "
    r"(?:new )?(?:money|capital|funding|investment|round|cash)|y compris (?:la|les|le|l['’])|"
    r"(?:porte|portant|portent|hisse|hissant|propulse|propulsant) (?:sa|la|leur) valorisation|"
    r"brings? (?:its|the(?: company['’]s)?) valuation|bringing (?:its|the(?: company['’]s)?) valuation|"
    r"lifts? (?:its )?valuation|lifting (?:its )?valuation|après (?:l['’]op[ée]ration|la lev[ée]e|injection)|"
    r"after the (?:round|investment|new money|funding))\b",
    _I,
)
PRE_MONEY_RE = re.compile(
    r"\b(?:pre-money|pre money|pr[ée]-money|pre-investment|pr[ée]-investissement|pr[ée]-injection|pre-injection|"
    r"avant (?:l['’]op[ée]ration|l['’]injection|injection|la lev[ée]e|investissement|l['’]investissement)|"
    r"before the (?:new money|investment|round|funding)|pr[ée]-lev[ée]e|pre-round)\b",
    _I,
)
_SEGMENT_LIMIT = 160
_NOW_RAISED_RE = re.compile(r"\b(?:now raised|a (?:d[ée]sormais|maintenant) lev[ée])\s*$", _I)
_CONVERSION_OPEN_RE = re.compile(
    r"\s*\(\s*(?:(?:about|approximately|around|roughly|some|nearly|almost|environ|soit|près de|quelque|~|≈)\s*)?",
    _I,
)
_CONVERSION_CLOSE_RE = re.compile(r"\s*\)")
_TOTAL_RE = dict(_CUES)["total"]


@dataclass(frozen=True)
class Mention:
    money: Money
    sentence: Sentence
    kind: str  # raise, target, previous, total, valuation, pre_money, post_money, other, unknown

    @property
    def start(self) -> int:
        return self.sentence.start + self.money.start

    @property
    def end(self) -> int:
        return self.sentence.start + self.money.end


def _nearest_cue(segment: str) -> tuple[str | None, int]:
    best: tuple[str | None, int] = (None, -1)
    for kind, pattern in _CUES:
        for match in pattern.finditer(segment):
            # Ties go to the earlier list entry (target before raise for "cherche à lever").
            if match.end() > best[1]:
                best = (kind, match.end())
    return best


def _is_past_year(year: str | None, published: datetime.date | None) -> bool:
    return bool(year and published and int(year) < published.year)


def _conversions(text: str, moneys: list[Money]) -> dict[int, int]:
    """Map each money phrase followed by "(≈ other currency)" to where that parenthesis closes."""
    closes: dict[int, int] = {}
    for position in range(len(moneys) - 1):
        first, second = moneys[position], moneys[position + 1]
        opening = _CONVERSION_OPEN_RE.fullmatch(text, first.end, second.start)
        closing = _CONVERSION_CLOSE_RE.match(text, second.end)
        if opening and closing and second.currency != first.currency:
            closes[position] = closing.end()
    return closes


def classify(sentence: Sentence, language: str | None, published: datetime.date | None) -> list[Mention]:
    """Find the money phrases of a sentence and label each with what it measures."""
    text = sentence.text
    found = find_money(text, language)
    # "Rs 2,500 crore ($300 million)" is one amount: the first currency is the original, the
    # parenthesis a conversion that is neither classified nor allowed to hide the words after it.
    closes = _conversions(text, found)
    converted = {position + 1 for position in closes}
    moneys = [money for position, money in enumerate(found) if position not in converted]
    ends = [closes.get(position, money.end) for position, money in enumerate(found) if position not in converted]
    mentions: list[Mention] = [Mention(found[position], sentence, "conversion") for position in sorted(converted)]
    for position, money in enumerate(moneys):
        seg_start = ends[position - 1] if position else 0
        seg_start = max(seg_start, money.start - _SEGMENT_LIMIT)
        segment = text[seg_start : money.start]
        if money.qualifier:
            segment = segment[: len(segment) - len(money.qualifier) - 1] if segment.endswith(" ") else segment
        next_start = moneys[position + 1].start if position + 1 < len(moneys) else len(text)
        after = text[ends[position] : min(next_start, ends[position] + 80)]
        kind, _ = _nearest_cue(segment)
        if _AFTER_VALUATION_RE.match(after) or PRE_MONEY_RE.match(after.strip()) or POST_MONEY_RE.match(after.strip()):
            kind = "valuation"
        elif _AFTER_OTHER_RE.match(after) and kind in (None, "raise"):
            kind = "other"
        elif _AFTER_TOTAL_RE.match(after) and kind in (None, "raise"):
            kind = "total"
        elif kind is None and _AFTER_ROUND_RE.match(after):
            kind = "raise"
        own_total = _AFTER_TOTAL_RE.sub("", segment, count=1) if position else segment
        names_round = kind == "total" and bool(_NOW_RAISED_RE.search(segment) and _AFTER_ROUND_RE.match(after))
        if names_round:
            kind = "raise"  # "has now raised $30 million in a Series B" names the round, not a total
        if kind == "valuation":
            kind = _valuation_kind(segment, after)
        elif kind in ("raise", "target"):
            after_previous = _AFTER_PREVIOUS_RE.match(after)
            # Words trailing the previous money phrase ("$10M last year, has now raised") describe that one.
            own = segment.split(",", 1)[1] if position and "," in segment else segment
            if _PREVIOUS_RE.search(own) or (
                after_previous
                and (not after_previous.group("year") or _is_past_year(after_previous.group("year"), published))
            ):
                kind = "previous"
            elif kind == "raise" and not names_round and _TOTAL_RE.search(own_total):
                kind = "total"  # words trailing the previous amount ("$110 million to date") are not this one's
            elif money.qualifier in ("up to", "as much as", "jusqu'à", "jusqu’à") and RUMOR_HINT_RE.search(text):
                kind = "target"
        mentions.append(Mention(money, sentence, kind or "unknown"))
    mentions.sort(key=lambda mention: mention.money.start)
    return mentions


RUMOR_HINT_RE = re.compile(r"\b(?:talks|discussions|n[ée]gociations|seek|cherche|raising|lever|raise)\b", _I)


def _valuation_kind(segment: str, after: str) -> str:
    pre = [match.end() for match in PRE_MONEY_RE.finditer(segment)]
    post = [match.end() for match in POST_MONEY_RE.finditer(segment)]
    if pre or post:
        return "pre_money" if max(pre, default=-1) > max(post, default=-1) else "post_money"
    head = after[:60]
    if PRE_MONEY_RE.search(head):
        return "pre_money"
    if POST_MONEY_RE.search(head):
        return "post_money"
    return "valuation"
