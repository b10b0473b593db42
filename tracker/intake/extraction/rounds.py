"""Recognise round types (taxonomy keys plus the label as written) and round status cues."""

from __future__ import annotations

import re
from dataclasses import dataclass

ROUND_TYPES = [
    "pre_seed",
    "seed",
    "angel",
    "series_a",
    "series_b",
    "series_c",
    "series_d",
    "series_e",
    "series_f",
    "series_g",
    "series_h",
    "series_i",
    "series_j",
    "series_unknown",
    "bridge",
    "convertible_note",
    "safe",
    "debt",
    "grant",
    "corporate",
    "equity_crowdfunding",
    "private_equity",
    "secondary",
    "tender_offer",
    "ipo",
    "post_ipo_equity",
    "post_ipo_debt",
    "undisclosed",
]

_I = re.IGNORECASE
_EXTENSION = r"(?:[\s-]+(?:extension|prime|\+|-?\d)(?![\w+]))?"
# Ordered by specificity: the first pattern that matches at a position wins.
_TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("series", re.compile(
        rf"\b(?:extension\s+(?:de\s+(?:sa|la|son)\s+)?)?(?:[Ss]eries|[Ss][ée]rie)\s+(?P<letter>[A-J])\b{_EXTENSION}")),
    ("pre_seed", re.compile(r"\bpr[ée][\s-]?(?:seed|amor[çc]age)\b(?:[\s-]+extension\b)?", _I)),
    ("seed", re.compile(r"\b(?:seed|d['’]amor[çc]age|amor[çc]age)\b(?:[\s-]+(?:extension|plus)\b)?", _I)),
    ("ipo", re.compile(
        r"\b(?:IPO|initial public offering|introduction en bourse|entr[ée]e en bourse|introduction sur le march[ée]"
        r"|stock market (?:debut|listing)|public listing)\b", _I)),
    ("bridge", re.compile(r"\b(?:bridge(?: round| loan| financing)?|financement[- ]relais|pr[êe]t[- ]relais)\b", _I)),
    ("convertible_note", re.compile(r"\b(?:convertible notes?|obligations? convertibles?|convertible bonds?)\b", _I)),
    ("safe", re.compile(r"\bSAFEs?\b")),
    # Equity and debt raised together are one round of unknown series, not a debt round.
    ("mixed", re.compile(
        r"\b(?:equity and debt|debt and equity|en (?:capital|fonds propres|equity) et en dette|"
        r"en dette et en (?:capital|fonds propres|equity)|(?:capital|fonds propres|equity) et dette)\b", _I)),
    ("debt", re.compile(
        r"\b(?:venture debt|debt(?: financing| facility| round)?|credit facility|term loan|loan|"
        r"dette(?: de croissance)?"
        r"|pr[êe]t|emprunt(?: obligataire)?|financement non dilutif)\b", _I)),
    ("grant", re.compile(r"\b(?:grants?|subventions?)\b", _I)),
    ("equity_crowdfunding", re.compile(r"\b(?:equity crowdfunding|crowdfunding|financement participatif)\b", _I)),
    ("angel", re.compile(r"\b(?:angel round|tour (?:de table )?(?:de |aupr[èe]s de )?business angels)\b", _I)),
    ("private_equity", re.compile(r"\bprivate equity (?:round|investment|deal|financing)\b", _I)),
    ("tender_offer", re.compile(r"\b(?:tender offer|offre de rachat)\b", _I)),
    ("secondary", re.compile(
        r"\b(?:secondary (?:sale|round|transaction|share sale)|(?:op[ée]ration|cession) secondaire)\b", _I)),
    ("corporate", re.compile(r"\b(?:strategic investment|corporate round|investissement strat[ée]gique)\b", _I)),
    ("series_unknown", re.compile(
        r"\b(?:funding round|financing round|investment round|round of (?:funding|financing|investment)|fundraising"
        r"|fund-raising|fundraise|tour de table|lev[ée]e de fonds|cycle de financement|ronde de financement"
        r"|tour de financement|round|(?:new|fresh) funding|raise funding|raising funding|lever des fonds)\b", _I)),
]  # fmt: skip
# A mention of a future or past listing is not the type of this round ("ahead of an IPO").
_NOT_THIS_ROUND_BEFORE = re.compile(
    r"(?:ahead of|before|plans?|planning|prepares?|preparing|potential|possible|eventual|future|eyes|eyeing|toward|"
    r"towards|considering|previous|prior|earlier|last|first|its|avant|pr[ée]pare|pr[ée]parer|envisage|future|"
    r"éventuelle|potentielle|précédente?|vers)\s+(?:an?\s+|une?\s+|son\s+|sa\s+|its\s+|la\s+|l['’])?$",
    _I,
)


@dataclass(frozen=True)
class RoundMention:
    key: str
    label: str
    start: int
    end: int
    mixed: bool = False  # equity and debt together: as telling as a specific type

    @property
    def specific(self) -> bool:
        return self.key != "series_unknown" or self.mixed


def find_round_types(text: str) -> list[RoundMention]:
    """Return round-type mentions in text, keeping the most specific one at each position."""
    mentions: list[RoundMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _TYPE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            key = f"series_{match.group('letter').lower()}" if kind == "series" else kind
            key = "series_unknown" if kind == "mixed" else key
            if key in ("ipo", "series_unknown"):
                before = text[max(0, match.start() - 40) : match.start()]
                if key == "ipo" and _NOT_THIS_ROUND_BEFORE.search(before):
                    continue
            label = match.group().strip()
            mentions.append(RoundMention(key, label, match.start(), match.end(), mixed=kind == "mixed"))
            taken.append((match.start(), match.end()))
    mentions.sort(key=lambda mention: mention.start)
    return mentions


# Status cues. "Closed" needs words saying the round is complete; "announced" covers raise verbs.
CLOSED_RE = re.compile(
    r"\b(?:has closed|have closed|closed (?:a|an|its|the|on)|closes (?:a|an|its|the)|closing (?:a|an|its|the)|"
    r"completed|has completed|"
    r"finali[sz]ed|wrapped up|(?:round|financing|raise) (?:has |was )?closed|closing of|"
    r"a boucl[ée]|ont boucl[ée]|boucle|vient de boucler|boucl[ée]e?|a finalis[ée]|finalis[ée]e?|a cl[ôo]tur[ée]|"
    r"cl[ôo]tur[ée]e?|a r[ée]alis[ée]|finalise)\b",
    _I,
)
ANNOUNCED_RE = re.compile(
    r"\b(?:raised|raises|has raised|announced|announces|announcing|secured|secures|lands|landed|bags|bagged|"
    r"nabs|nabbed|gets|got|receives|received|obtained|snags|snagged|pockets|pocketed|scores|pulls in|pulled in|"
    r"picks up|picked up|"
    r"unveiled|priced|prices|debuted|went public|a lev[ée]|l[èe]ve|lev[ée]e?|annonce|a annonc[ée]|obtient|"
    r"a obtenu|r[ée]colte|a r[ée]colt[ée]|empoche|s['’]offre|d[ée]croche|a d[ée]croch[ée]|s[ée]curise|"
    r"finance|officialise|a officialis[ée]|signe|re[çc]oit|a re[çc]u)\b",
    _I,
)
RUMORED_RE = re.compile(
    r"\b(?:in talks|in discussions|in negotiations|seeks?|seeking|looking to raise|aims? to raise|plans? to raise|"
    r"planning to raise|hopes? to raise|is said to|are said to|said to be|reportedly|is reported|according to "
    r"(?:people|sources|a person|persons|two people|three people|several people|reports?|Bloomberg|Reuters|"
    r"The Information)|"
    r"people familiar|sources familiar|familiar with the matter|is expected to|could raise|would raise|is raising|"
    r"is set to raise|poised to raise|cherche(?:rait)? [àa] lever|cherche|chercherait|serait en (?:discussions?|"
    r"n[ée]gociations?|pourparlers)|en (?:discussions?|n[ée]gociations?|pourparlers)|serait|seraient|envisage(?:rait)?|"
    r"pourrait|s['’]appr[êe]te(?:rait)?|vise(?:rait)?|selon (?:des|plusieurs|nos) (?:sources|personnes|informations)|"
    r"selon (?:Bloomberg|Reuters|Les [ÉE]chos|The Information)|proches? du dossier|souhaite lever|compte lever|"
    r"tente de lever|would value|would be valued)\b",
    _I,
)


def status_of(sentence: str) -> str | None:
    """Return the status a single sentence expresses: rumored wins, then closed, then announced."""
    if RUMORED_RE.search(sentence):
        return "rumored"
    if CLOSED_RE.search(sentence):
        return "closed"
    if ANNOUNCED_RE.search(sentence):
        return "announced"
    return None
