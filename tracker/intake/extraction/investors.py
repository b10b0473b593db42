"""Find the investors of the round and their roles ("led by X", "menée par X", "auprès de X, Y et Z")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Sentence

_I = re.IGNORECASE

# Cues whose list follows them. Strong cues name investors by themselves; weak cues ("including",
# "alongside") only count in a sentence that is clearly about investors.
_AFTER_CUES: list[tuple[str, bool, re.Pattern[str]]] = [
    ("co_lead", True, re.compile(
        r"\b(?:co-?led by|co-?lead by|jointly led by|co-?men[ée]e? par|co-?pilot[ée]e? par|"
        r"co-?dirig[ée]e? par)\s+", _I)),
    ("lead", True, re.compile(
        r"\b(?:led by|lead by|headed by|spearheaded by|anchored by|men[ée]e?s? par|pilot[ée]e?s? par|"
        r"emmen[ée]e?s? par|conduite? par|dirig[ée]e? par|orchestr[ée]e? par)\s+", _I)),
    ("participant", True, re.compile(
        r"\b(?:with (?:the )?participation (?:from|of|by)|participation from|avec la participation (?:de|d['’]|du|des)|"
        r"with (?:additional |further )?(?:backing|support|investment) from|backed by|financ[ée]e? par|soutenue? par|"
        r"(?:est|sont|is|was|were) venue?s? (?:de|d['’]|du|des)|came from|provenant (?:notamment )?(?:de|d['’]|du|des)|"
        r"provided by|apport[ée]e?s? par|investors?(?: in the round)? (?:include|included|including|are|were)|"
        r"les investisseurs (?:comprennent|incluent|sont)|participants (?:include|included)|"
        r"aupr[èe]s (?:de|d['’]|du|des)|from (?:investors|backers)(?: including| such as)?)\s*", _I)),
    ("participant", False, re.compile(
        r"\b(?:including|alongside|along with|joined by|as well as|ainsi que|aux c[ôo]t[ée]s (?:de|d['’]|du|des)|"
        r"rejoints? par|notamment|dont|parmi lesquels|such as|tels que)\s+", _I)),
    ("participant", None, re.compile(r"\b(?:from|with|avec|and from|et de|et d['’])\s*", _I)),
]  # fmt: skip
# "from"/"with" only introduce investors right after a raise ("raised $5M from Accel").
_RAISE_BEFORE_RE = re.compile(
    r"(?:\d\s?(?:[%€$£]|\w+)?|rais(?:ed|es|ing)|funding|round|financing|investment|lev[ée]e?|l[èe]ve|tour|"
    r"facility|loan|debt|notes|dette|pr[êe]t|"
    r"financement|capital|dollars|euros|milliards?|millions?|billion|million|bn|m)\s*[,]?\s*$",
    _I,
)
# Cues whose list precedes them ("Accel and Index also participated", "X a mené le tour").
_BEFORE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("co_lead", re.compile(
        r"\s+(?:co-led|co-lead|ont co-men[ée]|co-m[èe]nent|co-pilotent)\s+(?:the|this|le|la|cette|ce)\s+(?:round|"
        r"financing|investment|funding|raise|tour|lev[ée]e|op[ée]ration|financement)\b|"
        r"\s+(?:ont co-men[ée]|co-m[èe]nent|"
        r"co-pilotent)\s+l['’](?:op[ée]ration|investissement)\b", _I)),
    ("lead", re.compile(
        r"\s+(?:led|leads|is leading|was leading|(?:is|are|was|were) (?:expected|set|poised|likely|slated) to lead|"
        r"will lead|would lead|devrait mener|m[èe]nerait|a men[ée]|m[èe]ne|ont men[ée]|a pilot[ée]|pilote|"
        r"est chef de file|en est le chef de file)\s+(?:(?:the|this|le|la|cette|ce)\s+|l['’])"
        r"(?:round|financing|investment|"
        r"funding|raise|tour|lev[ée]e|op[ée]ration|financement)\b", _I)),
    ("participant", re.compile(
        r"\s+(?:(?:also|have also|has also|all)\s+)?(?:participated|took part|joined(?: the round)?|chipped in|"
        r"(?<=also )returned|(?<=also )invested|(?<=also )participating|co-invested|invested in the round|re-upped|"
        r"followed on|(?<=also )put money in|"
        r"put in|contributed|(?:ont|a)\s+(?:[ée]galement\s+|aussi\s+)?(?:particip[ée]|pris part|suivi|"
        r"r[ée]investi|remis au pot|accompagn[ée]))\b", _I)),
]  # fmt: skip
_INVESTOR_CONTEXT_RE = re.compile(
    r"\b(?:investors?|backers?|investisseurs?|fonds|funds?|venture|capital|VCs?|round|tour|lev[ée]e|financement|"
    r"facility|loan|debt|dette|pr[êe]t|particip\w*|(?:business )?angels?|"
    r"funding|financing|raised|raises|lev[ée]|l[èe]ve|lever|participation|led|men[ée]e?|actionnaires?|"
    r"shareholders?|s[ée]rie|Series|seed|amor[çc]age)\b",
    _I,
)
# Banks and law firms that advise or underwrite are not investors, whatever verb the sentence uses.
_ADVISER_RE = re.compile(
    r"\b(?:advis(?:ed|er|ers|or|ors|ory)|counsel|law firm|bookrunners?|underwrit(?:er|ers|ing)|placement agents?|"
    r"acted as|arrangers?|arrangeurs?|conseill[ée]e?s?|conseils?|avocats?|cabinet|en tant que|banques? d['’]affaires|"
    r"les banques|the banks)\b",
    _I,
)
# Sentences about advisers or rivals never contribute weak-cue names.
_EXCLUDED_CONTEXT_RE = re.compile(
    r"\b(?:advis(?:ed|er|ers|or|ors|ory)|counsel|law firm|bankers?|bookrunners?|underwriters?|placement agents?|"
    r"acted as|conseill[ée]e?s?|conseils?|cabinet|avocats?|banques? d['’]affaires|rivals?|rivaux|competitors?|"
    r"concurrents?|compete|competing|rivaliser|concurrencer|customers?|clients?|(?-i:partners?|partenaires?)|"
    r"such as those|(?<!tout )comme|like)\b",
    _I,
)
_INCOMPLETE_RE = re.compile(
    r"\b(?:among others|and others|amongst others|entre autres|et d['’]autres|notamment|including|among them|"
    r"parmi lesquels|parmi eux|dont|such as|tels? que|other investors|d['’]autres investisseurs|other backers|"
    r"and more|etc|several others|plusieurs autres|among the investors|parmi les investisseurs)\b",
    _I,
)
_LIST_END_RE = re.compile(
    r"[.;:!?()«»\"“”]|\s[–—-]\s|,\s*(?:which|who|that|qui|dont|with|avec|as|in|to|for|pour|at|bringing|portant|"
    r"according|selon|said|a déclaré|according)\b|\s(?:to|for|pour|afin|in order|at a|à une|in a|dans|in the|"
    r"who|which|that|qui|que|after|après|since|depuis|valuing|valorisant|bringing|portant|on|sur|this|last|"
    r"according|selon|said|says|a d[ée]clar[ée]|in its|en|au|with a|avec une?|led|men[ée]e?|"
    r"co-led|also|ont|a|have|has|had|was|were|is|are|will|would|participated|joined|took|g[ée]r[ée]e?s?|managed)\s",
    _I,
)
_SPLIT_RE = re.compile(
    r"\s*,\s*(?:and\s+|et\s+)?|\s+and\s+|\s+et\s+|\s+as well as\s+|\s+ainsi que\s+|\s+plus\s+|"
    r"\b(?:including|dont|notamment|such as|tels? que)\s+"
)
# Descriptors are lower case in running text; capitalised ones only at a sentence start ("Existing investors").
_LEADING_DESCRIPTOR_RE = re.compile(
    r"^(?:(?:the|its|their|la|le|les|l['’]|des|de|d['’]|du|un|une|a|an|both|all|also|ainsi que|plus|"
    r"ses|son|sa|leurs?|Ses|Son|Sa|Leurs?|"
    r"am[ée]ricaine?s?|britanniques?|allemande?s?|japonaise?s?|chinoise?s?|suisses?|su[ée]doise?s?|"
    r"n[ée]erlandaise?s?|belges?|italiene?s?|espagnole?s?|saoudiens?|[ée]mirati(?:e|s)?|qataris?|"
    r"singapouriens?|canadiens?|isra[ée]liens?|cor[ée]ens?|europ[ée]ens?|"
    r"several|plusieurs|new|nouveaux?|nouvelles?|existing|current|returning|historical|historiques?|"
    r"existants?|actuels?|previous|prior|other|autres?|major|leading|big|big-name|well-known|prominent|"
    r"american|us|u\.s\.|french|fran[çc]ais|british|european|saudi|japanese|chinese|indian|"
    r"global|tech|sovereign|strategic|strat[ée]giques?|venture|capital|capital-risk|capital-risque|"
    r"private|equity|growth|investors?|investisseurs?|backers?|shareholders?|actionnaires?|funds?|fonds|"
    r"firms?|firme|VCs?|venture firms?|investment firms?|sovereign wealth fund|family offices?|"
    r"business angels?|angels?|banks?|banques?|soci[ée]t[ée]s? de gestion|gestionnaires?|"
    r"asset managers?|chipmaker|giant|g[ée]ant|The|Its|La|Le|Les|L['’]|Existing|New|Current|Investors?|Backers?|"
    r"Investisseurs?|Les investisseurs|Both|All|Also|Plus|Ainsi que|holding|conglomerate|group|groupe|"
    r"(?:Belgian|French|German|British|American|Japanese|Chinese|Saudi|Emirati|Qatari|Indian|Swiss|Dutch|Swedish|"
    r"Singaporean|Canadian|Israeli|Korean|Spanish|Italian|European|Australian|Brazilian)(?=\s+[a-z]))\s+)+"
)
_NAME_TOKEN_RE = re.compile(r"^(?:[A-ZÀ-Ý0-9][\w.'’+-]*|[a-z]+[A-Z0-9][\w.'’+-]*|a16z)$")
_NAME_CONNECTORS = frozenset(
    ["of", "de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di", "bin", "al", "el", "y", "and", "&"]
)
_GENERIC_NAMES = frozenset(
    [
        "investors",
        "investisseurs",
        "others",
        "autres",
        "business",
        "angels",
        "angels",
        "fund",
        "funds",
        "fonds",
        "capital",
        "ventures",
        "partners",
        "the",
        "company",
        "la",
        "société",
        "ceo",
        "founder",
        "fondateur",
        "existing",
        "investors",
        "the",
        "round",
        "le",
        "tour",
    ]
)


_PERSON_ROLE_RE = re.compile(
    r"^(?:[\w.&'’-]+\s+){1,3}(?:co-?founder|founder|chief executive|CEO|chairman|co-?fondat(?:eur|rice)|"
    r"fondat(?:eur|rice)|pr[ée]sident(?:e)?|patron(?:ne)?)\s+(?=[A-ZÀ-Ý])"
)
_ARTICLE_RE = re.compile(r"^(?:the|a|an|la|le|les|un|une)\s")
_APPOSITION_TAIL_RE = re.compile(
    r"^\S*['’]s\b|\b(?:firm|fund|arm|investor|investment|company|vehicle|office|fonds|soci[ée]t[ée]|filiale|bras)\b"
)
_ELIDED_NAME_RE = re.compile(r"^[dl]['’][A-ZÀ-Ý][\w-]*$")
# French institutions keep lower-case adjectives in their names.
_LOWER_CASE_HEADS = frozenset(["Banque", "Caisse", "Compagnie", "Fondation", "Mutuelle"])


@dataclass(frozen=True)
class FoundInvestor:
    name: str
    role: str
    sentence: Sentence


def _clean_name(raw: str) -> str | None:
    raw = raw.strip(" ,.'’\"«»“”()")
    raw = _PERSON_ROLE_RE.sub("", raw)  # "Monzo founder Tom Blomfield" names the person
    # "Acme's existing investors X", "Saudi Arabia's PIF", "Abu Dhabi-based Mubadala" name X, PIF, Mubadala.
    raw = re.sub(r"^(?:[A-ZÀ-Ý][\w-]*\s+){0,2}\S+['’]s\s+", "", raw)
    raw = re.sub(r"^(?:[\w.-]+\s+){0,2}?[\w.-]+-based\s+", "", raw)
    article = _ARTICLE_RE.match(raw)
    raw = _LEADING_DESCRIPTOR_RE.sub("", raw)
    raw = re.sub(r"^[dlDL]['’]", "", raw)
    tokens = raw.split()
    kept: list[str] = []
    for token in tokens:
        bare = token.strip(",.")
        if (
            _NAME_TOKEN_RE.match(bare)
            or (kept and bare.lower() in _NAME_CONNECTORS)
            or (kept and _ELIDED_NAME_RE.match(bare))  # "Caisse d'Epargne"
            # "Banque cantonale vaudoise"
            or (kept and kept[0] in _LOWER_CASE_HEADS and bare.isalpha() and len(kept) < 4)
        ):
            kept.append(bare)
        else:
            break
    if article and _APPOSITION_TAIL_RE.search(" ".join(tokens[len(kept) :])):
        return None  # "the Wallenberg family's investment firm" describes the name before it
    while kept and kept[-1].lower() in _NAME_CONNECTORS:
        kept.pop()
    if not kept:
        return None
    name = re.sub(r"['’]s$", "", " ".join(kept))
    if name.lower() in _GENERIC_NAMES or len(name) < 2 or re.fullmatch(r"[\d.,]+", name):
        return None
    return name


def _split_list(region: str) -> list[str]:
    names = []
    for item in _SPLIT_RE.split(region):
        name = _clean_name(item)
        if name:
            names.append(name)
    return names


def _list_after(text: str, start: int, stop: int) -> str:
    region = text[start:stop]
    # Leading descriptors ("existing investors ") would trip the list-end words; skip them first.
    descriptor = _LEADING_DESCRIPTOR_RE.match(region)
    skip = descriptor.end() if descriptor else 0
    end = _LIST_END_RE.search(region, skip)
    return region[: end.start()] if end else region


_CLAUSE_STOP_RE = re.compile(r"\.(?=\s+[A-ZÀ-Ý«\"“])")


_WITH_RE = re.compile(r"(?:,\s*|\s)(?:with|avec|while|whereas|tandis que)\s", _I)


def _list_before(text: str, stop: int, floor: int) -> str:
    region = text[floor:stop]
    cut = max(region.rfind(mark) for mark in (";", ":", "(", ")", "«", "»", " - ", " – "))
    # A full stop ends a clause only before a capital: "Roberts & Co. and Insight" is one list.
    cut = max([cut] + [match.start() for match in _CLAUSE_STOP_RE.finditer(region)])
    # "led by Eclipse, with Lux and Toyota Ventures also participating": the list starts after "with".
    cut = max([cut] + [match.end() - 1 for match in _WITH_RE.finditer(region)])
    if cut >= 0:
        region = region[cut + 1 :]
    return region


def find_in_sentence(sentence: Sentence, skip_weak: bool) -> list[tuple[str, str]]:
    """Return (name, role) pairs named by investor cues in one sentence."""
    text = sentence.text[:1000]  # real sentences are shorter; the cap bounds work on junk input
    excluded = bool(_EXCLUDED_CONTEXT_RE.search(text))
    cues: list[tuple[int, int, str, bool, bool]] = []  # start, end, role, strong, list follows
    for role, strong, pattern in _AFTER_CUES:
        if not strong and (skip_weak or excluded or not _INVESTOR_CONTEXT_RE.search(text)):
            continue
        for match in pattern.finditer(text):
            if strong is None and not _RAISE_BEFORE_RE.search(text[max(0, match.start() - 40) : match.start()]):
                continue
            cues.append((match.start(), match.end(), role, bool(strong), True))
    for role, pattern in _BEFORE_CUES if not _ADVISER_RE.search(text) else []:
        for match in pattern.finditer(text):
            cues.append((match.start(), match.end(), role, True, False))
    cues.sort(key=lambda cue: (cue[0], -cue[1]))  # at one position the longest cue wins
    # Drop cues nested in a stronger one ("including" right after "investors include").
    kept_cues: list[tuple[int, int, str, bool, bool]] = []
    for cue in cues:
        if kept_cues and cue[0] < kept_cues[-1][1]:
            continue
        kept_cues.append(cue)
    pairs: list[tuple[str, str]] = []
    for position, (start, end, role, _strong, follows) in enumerate(kept_cues):
        if follows:
            stop = kept_cues[position + 1][0] if position + 1 < len(kept_cues) else len(text)
            region = _list_after(text, end, stop)
        else:
            # A weak cue inside the list ("X and angels, including Y, also participated") does not start it.
            floor = max((cue[1] for cue in kept_cues[:position] if cue[3]), default=0)
            region = _list_before(text, start, floor)
        names = _split_list(region)
        if role == "lead" and len(names) > 1 and follows:
            role = "co_lead"  # "led by X and Y": two leads share the lead
        pairs.extend((name, role) for name in names)
    # Report names in reading order: a weak cue inside a list is read before the cue that closes it.
    return sorted(pairs, key=lambda pair: text.find(pair[0]))


def _initials(name: str) -> str | None:
    """Return the acronym a multi-word name is shortened to ("Royal Bank of Canada" → "RBC")."""
    words = [re.sub(r"^[dl]['’]", "", word) for word in name.split() if word.lower() not in _NAME_CONNECTORS]
    return "".join(word[0] for word in words if word).upper() if len(words) > 1 else None


def _merge_short_names(found: list[FoundInvestor]) -> list[FoundInvestor]:
    """Fold a shortened name into its full form ("Tiger Global" into "Tiger Global Management")."""
    merged: list[FoundInvestor] = []
    for investor in found:
        longer = next(
            (
                other
                for other in found
                if other is not investor
                and (other.name.startswith(investor.name + " ") or _initials(other.name) == investor.name)
            ),
            None,
        )
        if longer is not None:
            continue
        shorter = [
            other
            for other in found
            if investor.name.startswith(other.name + " ") or _initials(investor.name) == other.name
        ]
        role = max([investor.role] + [other.role for other in shorter], key=_ROLE_RANK.__getitem__)
        merged.append(FoundInvestor(investor.name, role, investor.sentence))
    # Keep the order in which the names first appeared.
    first_seen = {investor.name: position for position, investor in enumerate(found)}
    for position, investor in enumerate(found):
        for other in merged:
            if other.name.startswith(investor.name + " ") or _initials(other.name) == investor.name:
                first_seen[other.name] = min(first_seen[other.name], position)
    return sorted(merged, key=lambda investor: first_seen[investor.name])


# An explicit "co-led" outranks a headline's shorter "led by X".
_ROLE_RANK = {"co_lead": 3, "lead": 2, "participant": 1}


def find_investors(  # noqa: C901 - one pass over sentences reads best in one place
    sentences: list[Sentence], company: str | None, skip: set[int]
) -> tuple[list[FoundInvestor], bool | None]:
    """Return the investors named across sentences and whether the list looks complete."""
    by_name: dict[str, FoundInvestor] = {}
    incomplete = False
    company_key = (company or "").lower()
    for sentence in sentences:
        if sentence.index in skip:
            continue
        pairs = find_in_sentence(sentence, skip_weak=False)
        accepted = False
        for name, role in pairs:
            key = name.lower()
            if company_key and (key == company_key or key.startswith(company_key + " ")):
                continue
            current = by_name.get(key)
            if current is None or _ROLE_RANK[role] > _ROLE_RANK[current.role]:
                by_name[key] = FoundInvestor(name if current is None else current.name, role, sentence)
            accepted = True
        if accepted and _INCOMPLETE_RE.search(sentence.text):
            incomplete = True
    found = _merge_short_names(list(by_name.values()))
    if not found:
        return [], None
    return found, not incomplete
