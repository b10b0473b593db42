"""Find the companies, investors and rounds an article names among those already known.

Names are compared by their folded key (tracker.lib.text.name_key: no case, no
accents), exact keys first, then near spellings with rapidfuzz.

Cost: a matcher runs one query for the exact keys of all names and, only when
some name has no exact match, one query loading every name key of the table
(id, key and display name) into memory for rapidfuzz. Measured on a 2-core
machine with SQLite: 10,000 investors add ~50 ms to the review page, 100,000
about 0.5 s (0.3 s loading keys, ~50 ms per unknown name). Past ~100,000,
replace the key load with a trigram prefilter (pg_trgm on PostgreSQL) or a
key list cached between requests.
"""

import datetime
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tracker.funding.models import Company, FundingRound, InvestorName, RoundType
from tracker.lib.text import name_key

# A near spelling at or above this score (0-100, token_sort_ratio over name keys)
# is offered and preselected: "sequioa capital" / "sequoia capital" scores 93.
MATCH_THRESHOLD = 88
MAX_CANDIDATES = 5
# Rounds of one company this close in time may be the same round reported twice.
SAME_ROUND_WINDOW = datetime.timedelta(days=90)

# Words too common in firm names to say two names are the same firm.
_GENERIC_WORDS_TEXT = """
    capital ventures venture partners partner fund funds group investments investment invest investors holdings
    holding management equity growth global international the and of de du des la le les et co corp company inc llc
    llp lp ltd limited sa sas gmbh ag bv plc bank asset assets private labs lab technologies technology tech ai
"""
_GENERIC_WORDS = frozenset(_GENERIC_WORDS_TEXT.split())
_GENERIC_TYPES = {RoundType.SERIES_UNKNOWN, RoundType.UNDISCLOSED}


@dataclass(frozen=True)
class Candidate:
    """A known company or investor that a name in the article may mean."""

    pk: int
    name: str
    matched: str  # the name or alias that matched, e.g. "a16z"
    score: int  # 100 for the same key

    @property
    def exact(self) -> bool:
        return self.score >= 100

    @property
    def preselected(self) -> bool:
        return self.score >= MATCH_THRESHOLD


def _distinctive_overlap(a: str, b: str) -> bool:
    """Tell whether one name's words are all in the other and include a word that is not generic."""
    words_a, words_b = set(a.split()), set(b.split())
    shared = words_a & words_b
    if not shared or shared not in (words_a, words_b):
        return False
    return any(len(word) >= 3 and word not in _GENERIC_WORDS for word in shared)


class _Matcher(ABC):
    """Match names against one table's keys; load the keys at most once."""

    def __init__(self) -> None:
        self._rows: list[tuple[str, int, str, str]] | None = None
        self._keys: list[str] = []

    @abstractmethod
    def _rows_for(self, keys: set[str] | None) -> list[tuple[str, int, str, str]]:
        """(key, pk, display name, matched name) for the rows whose key is in `keys`, or for every row."""

    def match(self, names: Iterable[str]) -> dict[str, list[Candidate]]:
        """Return the candidates for each name, best first (an empty list when nothing is close)."""
        keys = {name: name_key(name) for name in names}
        wanted = {key for key in keys.values() if key}
        exact: dict[str, list[Candidate]] = {}
        if wanted:
            for key, pk, display, matched in self._rows_for(wanted):
                exact.setdefault(key, []).append(Candidate(pk, display, matched, 100))
        fuzzy: dict[str, list[Candidate]] = {}
        for key in sorted(wanted - exact.keys()):
            fuzzy[key] = self._fuzzy(key)
        result: dict[str, list[Candidate]] = {}
        for name, key in keys.items():
            result[name] = exact.get(key) or fuzzy.get(key, [])
        return result

    def _fuzzy(self, key: str) -> list[Candidate]:
        if self._rows is None:
            self._rows = self._rows_for(None)
            self._keys = [row[0] for row in self._rows]
        choices = self._keys
        hits = process.extract(
            key, choices, scorer=fuzz.token_sort_ratio, score_cutoff=MATCH_THRESHOLD, limit=MAX_CANDIDATES * 2
        )
        scored: dict[int, tuple[float, int]] = {}
        for _choice, score, index in hits:
            scored[index] = (score, index)
        distinctive = [word for word in key.split() if len(word) >= 3 and word not in _GENERIC_WORDS]
        if distinctive:
            # "Sequoia" for "Sequoia Capital": offered, not preselected. A plain substring scan
            # is ten times cheaper than token_set_ratio over every key.
            pattern = re.compile("|".join(re.escape(word) for word in distinctive))
            subsets = 0
            for index, choice in enumerate(choices):
                if index not in scored and pattern.search(choice) and _distinctive_overlap(key, choice):
                    scored[index] = (fuzz.token_sort_ratio(key, choice), index)
                    subsets += 1
                    if subsets >= MAX_CANDIDATES * 10:
                        break
        best: dict[int, Candidate] = {}
        for score, index in sorted(scored.values(), key=lambda item: -item[0]):
            _key, pk, display, matched = self._rows[index]
            if pk not in best:
                best[pk] = Candidate(pk, display, matched, min(int(score), 99))
        return sorted(best.values(), key=lambda c: (-c.score, c.name))[:MAX_CANDIDATES]


class InvestorMatcher(_Matcher):
    """Investors by their names and aliases ("a16z" finds Andreessen Horowitz)."""

    def _rows_for(self, keys: set[str] | None) -> list[tuple[str, int, str, str]]:
        names = InvestorName.objects.order_by("investor__name", "pk")
        if keys is not None:
            names = names.filter(key__in=keys)
        return list(names.values_list("key", "investor_id", "investor__name", "name"))


class CompanyMatcher(_Matcher):
    """Companies by name."""

    def _rows_for(self, keys: set[str] | None) -> list[tuple[str, int, str, str]]:
        companies = Company.objects.order_by("name", "pk")
        if keys is not None:
            companies = companies.filter(name_key__in=keys)
        return [(key, pk, name, name) for key, pk, name in companies.values_list("name_key", "pk", "name")]


def match_company(name: str) -> list[Candidate]:
    """Return the known companies `name` may mean, best first."""
    return CompanyMatcher().match([name])[name] if name_key(name or "") else []


def match_investors(names: Iterable[str]) -> dict[str, list[Candidate]]:
    """Return the known investors each name may mean, best first."""
    return InvestorMatcher().match(names)


def same_round_candidates(
    *, company_id: int, round_type: str | None, announced_on: datetime.date | None
) -> list[FundingRound]:
    """Rounds of the company that the article may be reporting again, closest date first.

    Same type within SAME_ROUND_WINDOW of the date; a round of unknown series
    (often a rumor) pairs with any type, in both directions.
    """
    if not company_id or announced_on is None:
        return []
    rounds = FundingRound.objects.filter(
        company_id=company_id,
        announced_on__gte=announced_on - SAME_ROUND_WINDOW,
        announced_on__lte=announced_on + SAME_ROUND_WINDOW,
    )
    if round_type and round_type not in _GENERIC_TYPES:
        rounds = rounds.filter(round_type__in=[round_type, *_GENERIC_TYPES])
    found = list(rounds.select_related("company").order_by("announced_on", "pk"))
    return sorted(found, key=lambda r: (abs((r.announced_on - announced_on).days), -r.pk))
