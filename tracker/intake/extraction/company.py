"""Find the company that raises: the subject of the raise sentence, spelled as the article mostly spells it."""

from __future__ import annotations

import re
from collections import Counter

from .text import Sentence

_I = re.IGNORECASE

# A name token starts with a capital or digit ("Mistral", "42Crunch") or is camel-cased ("xAI", "eBay").
_TOKEN = r"(?:[A-ZÀ-Ý0-9][\w.&'’+-]*|[a-z]+[A-Z][\w.&'’+-]*)"
_NAME_RE = re.compile(rf"^{_TOKEN}(?:\s+{_TOKEN}){{0,3}}")
_TOKEN_RE = re.compile(rf"^{_TOKEN}$")

_DESCRIPTOR = (
    r"(?:start-?up|jeune pousse|soci[ée]t[ée]|entreprise|fintech|healthtech|medtech|biotech|edtech|insurtech|"
    r"proptech|legaltech|foodtech|cleantech|greentech|deeptech|licorne|p[ée]pite|scale-?up|plateforme|platform|"
    r"company|firm|unicorn|maker|developer|provider|operator|specialist|sp[ée]cialiste|[ée]diteur|fabricant|"
    r"group|groupe|app|application|n[ée]obanque|neobank|marketplace|assureur|insurer|lender|retailer|"
    r"chipmaker|carmaker|automaker)"
)
# French demonyms and nationalities after a descriptor: "la medtech vaudoise Sanovia".
_DEMONYM = r"(?:[a-zà-ÿ]+(?:aise|oise|ienne|éenne|ine|aine|ane|ande|ise|ique|ote|ène|aque|ole))"
# "La startup xAI", "French fintech Qonto", "the AI startup Mistral AI".
_DESCRIPTOR_NAME_RE = re.compile(
    rf"\b{_DESCRIPTOR}s?\s+(?:(?:{_DEMONYM}|fran[çc]aise|parisienne|lyonnaise|am[ée]ricaine|britannique|allemande|indienne|"
    rf"d['’]IA|de l['’]IA|sp[ée]cialis[ée]e [\w\s'’]{{0,40}}?)\s+)?(?P<name>{_TOKEN}(?:\s+{_TOKEN}){{0,2}})"
)
_SUBJECT_VERBS = (
    r"(?:has |have |had |just |recently |today |officially |also )?(?:rais(?:ed|es|ing)|secur(?:ed|es)|"
    r"closed|closes|lands|landed|bags|bagged|nabs|nabbed|gets|got|receives|received|picks up|picked up|pulls in|"
    r"snags|snagged|scores|announced|announces|said|says|is in talks|is seeking|seeks|is looking|is raising|"
    r"is said|is reportedly|reportedly|is set to|plans|aims|completed|completes|priced|prices|files|filed|"
    r"(?:a |vient d['’])?(?:lev[ée]|lever)|l[èe]ve|a boucl[ée]|boucle|vient de boucler|obtient|a obtenu|annonce|"
    r"a annonc[ée]|cherche|chercherait|serait|envisage|a r[ée]colt[ée]|r[ée]colte|empoche|d[ée]croche|"
    r"a d[ée]croch[ée]|a finalis[ée]|finalise|s['’]offre|officialise|a d[ée]clar[ée]|s[ée]curise|re[çc]oit|"
    r"mise sur|a cl[ôo]tur[ée]|va lever|r[ée]alise|a r[ée]alis[ée]|pockets|pocketed|has pocketed|lands)"
)
_DESCRIPTOR_TOKEN_RE = re.compile(
    rf"^(?:{_DESCRIPTOR}s?|[\w.-]+-based|[A-ZÀ-Ý][a-zà-ÿ]+(?:ais|aise|ois|oise|ien|ienne)|AI|IA|tech|climate|health|"
    r"Exclusive|Exclusif)$",
    _I,
)
# Find the verb first and look back for its subject: a lazy "prefix then verb" pattern is quadratic.
_SUBJECT_RE = re.compile(rf"\s+{_SUBJECT_VERBS}\b")
_SENTENCE_CAP = 1000
# Possessive descriptors stripped before taking the name: "Musk's xAI", "XAI d'Elon Musk".
_POSSESSIVE_EN_RE = re.compile(rf"^(?:{_TOKEN}\s+){{0,3}}?{_TOKEN}['’]s\s+")
_POSSESSIVE_FR_RE = re.compile(rf"\s+(?:d['’]|de\s+|du\s+)(?:{_TOKEN}\s*){{1,3}}$")
_APPOSITION_RE = re.compile(r",[^,]{2,120},\s*$")
_LEADING_DESCRIPTION_RE = re.compile(
    rf"^(?:(?:the|la|le|l['’]|les|a|an|une?)\s+)?(?:[\w-]+\s+){{0,4}}?{_DESCRIPTOR}s?\s+(?:{_DEMONYM}\s+)?", _I
)
_STOP_NAMES = frozenset(
    [
        "the",
        "la",
        "le",
        "les",
        "l",
        "it",
        "il",
        "elle",
        "they",
        "this",
        "cette",
        "ce",
        "company",
        "startup",
        "start-up",
        "sources",
        "source",
        "selon",
        "according",
        "according",
        "to",
        "investors",
        "investisseurs",
        "ceo",
        "founder",
        "fondateur",
        "musk",
        "reuters",
        "bloomberg",
        "techcrunch",
        "afp",
        "on",
        "en",
        "in",
        "a",
        "an",
        "un",
        "une",
        "et",
        "and",
        "but",
        "mais",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "series",
        "série",
        "seed",
        "ipo",
    ]
)


def _clean(name: str) -> str | None:
    name = name.strip(" ,.'’\"«»“”()")
    name = re.sub(r"['’]s$", "", name)
    tokens = name.split()
    while tokens and tokens[0].lower() in _STOP_NAMES:
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in _STOP_NAMES | {"de", "du", "des", "of", "&", "and"}:
        tokens = tokens[:-1]
    if not tokens or not all(_TOKEN_RE.match(token) for token in tokens):
        return None
    cleaned = " ".join(tokens)
    if cleaned.lower() in _STOP_NAMES or re.fullmatch(r"[\d.,]+", cleaned):
        return None
    return cleaned


# Auxiliaries between subject and verb: "Alan vient de lever", "Acme has just raised".
_TRAILING_AUX_RE = re.compile(
    r"(?:\s+(?:vient|viennent|de|d['’]|a|ont|has|have|had|is|was|just|also|officially|today|recently|aussi|"
    r"[ée]galement|annonce|annonc[ée]|avoir|d[ée]clar[ée]|dit|said|says|it|que|qu['’]elle|qu['’]il|finally|now|"
    r"d[ée]sormais|enfin|already|d[ée]j[àa]))+$",
    _I,
)


# "(Bloomberg) -- ", "PARIS, March 5 (Reuters) - ", "BENGALURU: ", "STOCKHOLM — " open a lead, not a name.
_DATELINE_RE = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{1,30}(?:,[^()\n]{1,20}?)?\s*)?(?:\((?:Reuters|Bloomberg|AFP|AP|Dow Jones)\)\s*)?"
    r"(?:--|—|–|-|:)\s+(?=[A-ZÀ-Ý])"
)


def _trailing_name(prefix: str) -> str | None:
    """Take the run of name tokens that ends prefix ("Paris-based Alan" → "Alan")."""
    prefix = _TRAILING_AUX_RE.sub("", " " + prefix.strip()).strip()
    prefix = _POSSESSIVE_FR_RE.sub("", prefix)
    tokens = prefix.split()
    run: list[str] = []
    for token in reversed(tokens):
        if _TOKEN_RE.match(token) and token.lower() not in _STOP_NAMES and not re.match(r"^[dlDL]['’]", token):
            run.insert(0, token)
            if len(run) == 4:
                break
        else:
            break
    # Headlines capitalise descriptors: "Fintech Ledgerly", "London-based Quillstack".
    while len(run) > 1 and _DESCRIPTOR_TOKEN_RE.match(run[0]):
        run.pop(0)
    if not run:
        return None
    joined = " ".join(run)
    joined = (
        _POSSESSIVE_EN_RE.sub("", joined + " ").strip() if "'s " in joined + " " or "’s " in joined + " " else joined
    )
    return _clean(joined)


def _leading_name(prefix: str) -> str | None:
    """Take the name that opens prefix, after any descriptor ("French startup Alan, …")."""
    prefix = _LEADING_DESCRIPTION_RE.sub("", prefix.strip())
    prefix = _POSSESSIVE_EN_RE.sub("", prefix)
    match = _NAME_RE.match(prefix)
    return _clean(match.group()) if match else None


def candidates(sentence: Sentence) -> list[str]:
    """Return company-name candidates from one sentence, best first."""
    text = sentence.text[:_SENTENCE_CAP].lstrip('«"“ ')
    text = _DATELINE_RE.sub("", text)
    found: list[str] = []
    for match in _SUBJECT_RE.finditer(text):
        prefix = re.split(r"[.;:!?]", text[: match.start()])[-1]
        if not prefix.strip():
            continue
        if _APPOSITION_RE.search(prefix):
            name = _leading_name(_APPOSITION_RE.sub("", prefix))
        else:
            name = _trailing_name(prefix)
        if name:
            found.append(name)
        break  # only the first verb's subject is the sentence's subject
    for match in _DESCRIPTOR_NAME_RE.finditer(text):
        name = _clean(match.group("name"))
        if name:
            found.append(name)
    return found


def best_spelling(name: str, text: str, headline_end: int) -> str:
    """Return the most frequent spelling of name in text, preferring body occurrences on ties."""
    counts: Counter[str] = Counter()
    for match in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text, _I):
        weight = 2 if match.start() >= headline_end else 1
        counts[match.group()] += weight
    if not counts:
        return name
    return counts.most_common(1)[0][0]
