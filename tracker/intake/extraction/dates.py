"""Find explicit and relative dates in English and French, resolved against the published date."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

_I = re.IGNORECASE

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "an": 1,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
}  # fmt: skip
# "May" and "mars" are also ordinary words, so bare month names are only read after "in"/"en"/"this"/"last".
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_LONG_MONTH_ALT = "|".join(sorted((name for name in MONTHS if len(name) > 3 or name == "mai"), key=len, reverse=True))
_DAY = r"(?P<day>\d{1,2}|1er)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_LAST_YEAR = r"(?:of\s+)?last\s+year|de\s+l['’]ann[ée]e\s+derni[èe]re|de\s+l['’]an\s+dernier|dernier"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b(?P<month>{_MONTH_ALT})\.?\s+{_DAY},?\s+{_YEAR}\b", _I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?P<month>{_MONTH_ALT})\.?,?\s+{_YEAR}\b", _I)),
    # "March 12 it said" is a date; "May 5 million" and "June 30%" are not.
    ("md", re.compile(
        rf"\b(?P<month>{_LONG_MONTH_ALT})\.?\s+{_DAY}\b(?![.,]?\d|\s*(?:%|per\s?cent|pour\s?cent|millions?|billions?|"
        r"milliards?|bn|mn|m\b|k\b|[-–]))", _I)),
    ("dm", re.compile(rf"\b{_DAY}\s+(?P<month>{_LONG_MONTH_ALT})\b", _I)),
    ("my", re.compile(rf"\b(?P<month>{_LONG_MONTH_ALT})\s+(?:of\s+|de\s+l['’]ann[ée]e\s+)?{_YEAR}\b", _I)),
    ("m_last_year", re.compile(rf"\b(?P<month>{_LONG_MONTH_ALT})\s+(?:{_LAST_YEAR})\b", _I)),
    ("m", re.compile(
        rf"\b(?:in|en|this|last|ce|au mois de|in early|in late|in mid-?|début|fin|mi-)\s+"
        rf"(?P<month>{_LONG_MONTH_ALT})\b(?!-)", _I)),
    ("quarter", re.compile(
        r"\b(?:Q(?P<q1>[1-4])\s*(?P<y1>(?:19|20)\d\d)|T(?P<q2>[1-4])\s+(?P<y2>(?:19|20)\d\d)|"
        r"(?P<qw>first|second|third|fourth|premier|1er|deuxi[èe]me|2e|second|troisi[èe]me|3e|quatri[èe]me|4e)"
        r"\s+(?:quarter|trimestre)(?:\s+(?:of\s+|de\s+)?(?P<y3>(?:19|20)\d\d))?)\b", _I)),
    ("weekday", re.compile(
        rf"\b(?P<weekday>{'|'.join(WEEKDAYS)})\b(?!\s+(?:Times|Telegraph|Mirror|Express|Post))", _I)),
    ("yesterday", re.compile(r"\b(?:yesterday|hier)\b", _I)),
    ("today", re.compile(r"\b(?:today|this morning|earlier today|aujourd['’]hui|ce matin|ce lundi|ce mardi)\b", _I)),
    ("ago", re.compile(
        r"\b(?:(?:\d+|one|two|three|four|five|six|seven|a|an) (?:days?|weeks?) ago|"
        r"il y a (?:\d+|un|une|deux|trois|quatre|cinq|six|sept) (?:jours?|semaines?)|last week|"
        r"la semaine (?:derni[èe]re|pass[ée]e))\b", _I)),
    ("last_month", re.compile(r"\b(?:last month|le mois (?:dernier|pass[ée]))\b", _I)),
    ("this_month", re.compile(r"\b(?:earlier this month|this month|ce mois-ci|plus t[ôo]t ce mois)\b", _I)),
    ("this_week", re.compile(r"\b(?:this week|earlier this week|cette semaine|en d[ée]but de semaine)\b", _I)),
    ("year", re.compile(rf"\b(?:in|en|during|au cours de|courant)\s+{_YEAR}\b", _I)),
    ("this_year", re.compile(r"\b(?:earlier this year|this year|cette ann[ée]e|plus t[ôo]t cette ann[ée]e)\b", _I)),
]  # fmt: skip
_QUARTER_WORDS = {"first": 1, "premier": 1, "1er": 1, "second": 2, "deuxième": 2, "deuxieme": 2, "2e": 2,
                  "third": 3, "troisième": 3, "troisieme": 3, "3e": 3, "fourth": 4, "quatrième": 4,
                  "quatrieme": 4, "4e": 4}  # fmt: skip


@dataclass(frozen=True)
class DateMention:
    date: datetime.date
    precision: str  # day, month, quarter, year
    start: int
    end: int
    text: str
    relative: bool


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_in_past(month: int, published: datetime.date) -> int:
    return published.year if month <= published.month else published.year - 1


@lru_cache(maxsize=256)
def _dateparser_resolve(phrase: str, published: datetime.date) -> datetime.date | None:
    """Resolve "two days ago" / "la semaine dernière" with dateparser, anchored on the published date."""
    import dateparser  # imported lazily: it is slow to load and only needed for these phrases

    base = datetime.datetime.combine(published, datetime.time(12, 0))
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(phrase, languages=["en", "fr"], settings=settings)
    return parsed.date() if parsed else None


def _resolve(kind: str, match: re.Match[str], published: datetime.date | None) -> tuple[datetime.date, str] | None:
    groups = match.groupdict()
    if kind in ("mdy", "dmy"):
        day = 1 if groups["day"].lower() == "1er" else int(groups["day"])
        found = _safe_date(int(groups["year"]), MONTHS[groups["month"].lower()], day)
        return (found, "day") if found else None
    if kind == "my":
        return datetime.date(int(groups["year"]), MONTHS[groups["month"].lower()], 1), "month"
    if kind == "quarter":
        number = groups["q1"] or groups["q2"] or _QUARTER_WORDS.get((groups["qw"] or "").lower())
        year = groups["y1"] or groups["y2"] or groups["y3"]
        if year:
            year_value = int(year)
        elif published:
            year_value = published.year
        else:
            return None
        return datetime.date(year_value, (int(number) - 1) * 3 + 1, 1), "quarter"
    if kind == "year":
        return datetime.date(int(groups["year"]), 1, 1), "year"
    if published is None:
        return None  # relative and year-less dates need the published date
    if kind in ("md", "dm"):
        month = MONTHS[groups["month"].lower()]
        day = 1 if groups["day"].lower() == "1er" else int(groups["day"])
        found = _safe_date(published.year, month, day)
        if found and found > published:
            found = _safe_date(published.year - 1, month, day)
        return (found, "day") if found else None
    if kind == "m":
        month = MONTHS[groups["month"].lower()]
        return datetime.date(_month_in_past(month, published), month, 1), "month"
    if kind == "m_last_year":
        return datetime.date(published.year - 1, MONTHS[groups["month"].lower()], 1), "month"
    if kind == "weekday":
        # News prose names the most recent such day: "said Sunday" in Monday's paper is yesterday.
        delta = (published.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
        return published - datetime.timedelta(days=delta), "day"
    if kind == "yesterday":
        return published - datetime.timedelta(days=1), "day"
    if kind in ("today", "this_week"):
        return published, "day"
    if kind == "ago":
        found = _dateparser_resolve(match.group().lower(), published)
        return (found, "day") if found else None
    if kind == "last_month":
        first = published.replace(day=1) - datetime.timedelta(days=1)
        return first.replace(day=1), "month"
    if kind == "this_month":
        return published.replace(day=1), "month"
    if kind == "this_year":
        return datetime.date(published.year, 1, 1), "year"
    return None


_RELATIVE_KINDS = frozenset(
    [
        "md",
        "dm",
        "m",
        "m_last_year",
        "weekday",
        "yesterday",
        "today",
        "ago",
        "last_month",
        "this_month",
        "this_week",
        "this_year",
    ]
)


def find_dates(text: str, published: datetime.date | None = None) -> list[DateMention]:
    """Return the dates mentioned in text, most precise pattern first at each position, in text order."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            resolved = _resolve(kind, match, published)
            taken.append((match.start(), match.end()))
            if resolved is None:
                continue
            found.append(
                DateMention(
                    resolved[0], resolved[1], match.start(), match.end(), match.group(), kind in _RELATIVE_KINDS
                )
            )
    found.sort(key=lambda mention: mention.start)
    return found
