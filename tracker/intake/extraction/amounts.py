"""Find money phrases ("$6 billion", "1,5 milliard d'euros", "Rs 1,002 crore") and their exact values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_UNITS_EN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
_UNITS_FR = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70,
    "huitante": 80, "nonante": 90,
}  # fmt: skip
_HUNDREDS = {"hundred": 100, "cent": 100, "cents": 100}
_WORD_VALUES = {**_UNITS_EN, **_UNITS_FR, **_HUNDREDS}

_MULTIPLIERS = {
    "trillion": 10**12, "trillions": 10**12, "tn": 10**12,
    "billion": 10**9, "billions": 10**9, "bn": 10**9, "b": 10**9, "bln": 10**9,
    "milliard": 10**9, "milliards": 10**9, "md": 10**9, "mds": 10**9, "mrd": 10**9, "mrds": 10**9,
    "million": 10**6, "millions": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6, "mio": 10**6,
    "thousand": 10**3, "thousands": 10**3, "k": 10**3, "mille": 10**3, "millier": 10**3, "milliers": 10**3,
    "crore": 10**7, "crores": 10**7, "cr": 10**7, "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5,
}  # fmt: skip

# Longest alternatives first so that "US$" wins over "$".
_PREFIX_CURRENCIES = [
    (r"US\s?\$|U\.S\.\s?\$|\$\s?US|USD", "USD"),
    (r"C\$|CA\$|CAD", "CAD"),
    (r"A\$|AU\$|AUD", "AUD"),
    (r"S\$|SGD", "SGD"),
    (r"HK\$|HKD", "HKD"),
    (r"NZ\$|NZD", "NZD"),
    (r"R\$|BRL", "BRL"),
    (r"\$", "USD"),
    (r"€|EUR", "EUR"),
    (r"£|GBP", "GBP"),
    (r"₹|Rs\.?|INR", "INR"),
    (r"¥|JPY", "JPY"),
    (r"CNY|RMB", "CNY"),
    (r"CHF", "CHF"),
    (r"SEK", "SEK"),
    (r"NOK", "NOK"),
    (r"DKK", "DKK"),
    (r"₦|NGN", "NGN"),
    (r"KRW|₩", "KRW"),
]
_SUFFIX_CURRENCIES = [
    (r"(?:US|U\.S\.|American)\s+dollars?|dollars?\s+(?:américains|US)", "USD"),
    (r"(?:Canadian\s+dollars?|dollars?\s+canadiens)", "CAD"),
    (r"(?:Australian\s+dollars?|dollars?\s+australiens)", "AUD"),
    (r"(?:Singapore\s+dollars?|dollars?\s+de\s+Singapour)", "SGD"),
    (r"(?:Hong\s+Kong\s+dollars?|dollars?\s+de\s+Hong\s+Kong)", "HKD"),
    (r"dollars?", "USD"),
    (r"euros?", "EUR"),
    (r"(?:pounds?|livres?)(?:\s+sterling)?|sterling", "GBP"),
    (r"rupees|roupies|INR", "INR"),
    (r"yens?|JPY", "JPY"),
    (r"yuans?|renminbi|CNY|RMB", "CNY"),
    (r"(?:Swiss\s+francs?|francs?\s+suisses|CHF)", "CHF"),
    (r"US\$|\$\s?US|USD|\$", "USD"),
    (r"€|EUR", "EUR"),
    (r"£|GBP", "GBP"),
    (r"SEK|couronnes\s+suédoises|Swedish\s+kron(?:a|or)", "SEK"),
    (r"naira|NGN", "NGN"),
]

_WORD_ALTS = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_WORD_NUMBER = rf"(?:(?:{_WORD_ALTS})(?:(?:[\s-]+(?:et[\s-]+)?|-)(?:{_WORD_ALTS}))*)"
_DIGIT_NUMBER = r"(?:\d{1,3}(?:(?:,|\.|[ \u00a0\u202f](?=\d{3}(?!\d)))\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_MULT_WORDS = r"trillions?|billions?|milliards?|millions?|thousand|milliers?|mille|crores?|lakhs?|lacs?"
_MULT_SHORT = r"bn|bln|mn|mln|mio|mds?|mrds?|tn|cr|[kmb]"
_PREFIX_RE = "|".join(f"(?:{pattern})" for pattern, _ in _PREFIX_CURRENCIES)
_SUFFIX_RE = "|".join(f"(?:{pattern})" for pattern, _ in _SUFFIX_CURRENCIES)
_QUALIFIER = (
    r"as\s+much\s+as|more\s+than|over|nearly|almost|about|around|roughly|approximately|some|up\s+to|at\s+least|close\s+to|"
    r"plus\s+de|près\s+de|environ|quelque|jusqu['’]à|presque|autour\s+de|au\s+moins|pas\s+moins\s+de|moins\s+de|"
    r"less\s+than|under"
)

MONEY_RE = re.compile(
    rf"""
    (?:(?P<qual>\b(?:{_QUALIFIER}))\s+)?
    (?:(?P<pre>(?<![\w$])(?:{_PREFIX_RE}))\s?)?
    (?P<num>(?<![\w.,])(?:{_DIGIT_NUMBER}|\b{_WORD_NUMBER}(?=[\s-]+(?:{_MULT_WORDS})\b)))
    (?:
        (?:\s?(?P<mults>(?:{_MULT_SHORT}))(?![^\W\d_]))
        |(?:[\s-]+(?P<multw>(?:{_MULT_WORDS}))\b)
    )?
    (?:\s?(?:de\s+|d['’]\s?)?(?P<suf>(?:{_SUFFIX_RE}))(?![^\W\d_]))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_PREFIX_LOOKUP = [(re.compile(rf"^(?:{pattern})$", re.IGNORECASE), code) for pattern, code in _PREFIX_CURRENCIES]
_SUFFIX_LOOKUP = [(re.compile(rf"^(?:{pattern})$", re.IGNORECASE), code) for pattern, code in _SUFFIX_CURRENCIES]


_FOLLOWER_RE = re.compile(r"\s*(?:de\s+|d['’]\s?)?([^\W\d_]+)")
_NEUTRAL_FOLLOWERS = frozenset(
    [
        "in",
        "for",
        "from",
        "to",
        "at",
        "of",
        "on",
        "led",
        "with",
        "by",
        "and",
        "or",
        "as",
        "the",
        "this",
        "its",
        "en",
        "pour",
        "auprès",
        "lors",
        "à",
        "au",
        "aux",
        "et",
        "ou",
        "avec",
        "dans",
        "mené",
        "menée",
        "afin",
        "sur",
    ]
)


@dataclass(frozen=True)
class Money:
    value: Decimal
    currency: str | None
    start: int
    end: int
    text: str
    qualifier: str | None = None


def _currency_code(token: str | None, table: list[tuple[re.Pattern[str], str]]) -> str | None:
    if not token:
        return None
    token = re.sub(r"\s+", " ", token.strip())
    for pattern, code in table:
        if pattern.match(token):
            return code
    return None


def parse_digits(raw: str, language: str | None, has_multiplier: bool) -> Decimal | None:
    """Turn "1,002", "1,5", "1 500" or "2.75" into a Decimal, reading separators by language."""
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    groups = re.split(r"[,. ]", raw)
    separators = re.findall(r"[,. ]", raw)
    if not separators:
        return Decimal(raw)
    last_sep = separators[-1]
    last_group = groups[-1]
    if last_sep == " ":
        return Decimal(raw.replace(" ", ""))
    decimal_sep: str | None
    if len(last_group) != 3:
        decimal_sep = last_sep  # "1,5" / "2.75": a decimal part
    elif len(separators) > 1 and separators[-2] != last_sep:
        decimal_sep = last_sep  # "1.234,567" style
    elif len(separators) > 1:
        decimal_sep = None  # "1,000,000": thousands groups
    elif last_sep == ",":
        # "1,002 crore" in English is a thousands group; in French a comma is decimal.
        decimal_sep = "," if language == "fr" and has_multiplier else None
    else:
        # "US$1.125 billion" in English is decimal; "1.500 euros" in French is thousands.
        decimal_sep = None if language == "fr" else "."
    if decimal_sep is None:
        cleaned = re.sub(r"[,. ]", "", raw)
    else:
        integer, _, fraction = raw.rpartition(decimal_sep)
        cleaned = re.sub(r"[,. ]", "", integer) + "." + fraction
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_words(raw: str) -> int | None:
    """Turn number words ("six", "twenty-five", "vingt et un", "one hundred") into an int."""
    total = 0
    for word in re.split(r"[\s-]+", raw.lower()):
        if word == "et":
            continue
        if word in _HUNDREDS:
            total = max(total, 1) * 100
        elif word in _WORD_VALUES:
            total += _WORD_VALUES[word]
        else:
            return None
    return total or None


def _normalise(value: Decimal) -> Decimal:
    """Drop trailing zero exponents so whole values compare and serialise as integers."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def find_money(text: str, language: str | None = None) -> list[Money]:
    """Return the money phrases in text, in order, with offsets local to text."""
    found: list[Money] = []
    for match in MONEY_RE.finditer(text):
        pre, suf = match.group("pre"), match.group("suf")
        mult_token = match.group("mults") or match.group("multw")
        num = match.group("num")
        if not num:
            continue
        if num[0].isalpha() and not mult_token:
            continue
        if mult_token and match.group("mults") and not (pre or suf):
            # A bare "5m" or "3k" without currency is too ambiguous (metres, users).
            continue
        currency = _currency_code(pre, _PREFIX_LOOKUP) or _currency_code(suf, _SUFFIX_LOOKUP)
        multiplier = _MULTIPLIERS.get(mult_token.lower(), 1) if mult_token else 1
        if currency is None and mult_token and mult_token.lower().startswith(("crore", "lakh", "lac", "cr")):
            currency = "INR"
        if currency is None and not (match.group("multw") and multiplier >= 10**6):
            continue  # plain numbers ("2024", "500 employees") are not money
        if currency is None:
            follower = _FOLLOWER_RE.match(text, match.end())
            if follower and follower.group(1).lower() not in _NEUTRAL_FOLLOWERS:
                continue  # "2 million users", "trois millions de clients"
        if pre and pre.strip().upper() == "SOME":
            continue
        if num[0].isalpha():
            words_value = parse_words(num)
            if words_value is None:
                continue
            number = Decimal(words_value)
        else:
            number = parse_digits(num, language, mult_token is not None)
            if number is None:
                continue
        start = match.start("pre") if pre else match.start("num")
        qualifier = match.group("qual")
        if qualifier:
            qualifier = re.sub(r"\s+", " ", qualifier.lower())
        found.append(
            Money(
                value=_normalise(number * multiplier),
                currency=currency,
                start=start,
                end=match.end(),
                text=text[start : match.end()],
                qualifier=qualifier,
            )
        )
    return found
