"""Guess whether an article is English or French by counting stop words."""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[a-zàâçéèêëîïôûùüÿœæ]+(?:['’][a-zàâçéèêëîïôûùüÿœæ]+)?", re.IGNORECASE)

_STOP_WORDS = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "is",
            "that",
            "for",
            "with",
            "on",
            "was",
            "were",
            "said",
            "has",
            "have",
            "its",
            "by",
            "from",
            "at",
            "it",
            "as",
            "are",
            "be",
            "this",
            "which",
            "an",
            "will",
            "would",
            "their",
            "who",
            "after",
            "than",
            "been",
            "more",
            "also",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "du",
            "et",
            "est",
            "un",
            "une",
            "dans",
            "pour",
            "que",
            "qui",
            "sur",
            "au",
            "aux",
            "avec",
            "par",
            "il",
            "elle",
            "ce",
            "cette",
            "son",
            "sa",
            "ses",
            "pas",
            "plus",
            "ont",
            "été",
            "selon",
            "leur",
            "après",
            "aussi",
            "entre",
        ]
    ),
}
# Elided articles ("l'entreprise", "d'euros") are a strong French signal.
_FRENCH_ELISION_RE = re.compile(r"\b[ldjnqs]['’][a-zàâéèêîôûœ]", re.IGNORECASE)

MIN_HITS = 2


def detect_language(text: str, sample_chars: int = 5000) -> str | None:
    """Return "en" or "fr" for the language with most stop words, or None when unsure."""
    sample = text[:sample_chars]
    counts = dict.fromkeys(_STOP_WORDS, 0)
    for match in _WORD_RE.finditer(sample):
        word = match.group().lower()
        if "'" in word or "’" in word:
            continue  # counted by the elision pattern below
        for language, words in _STOP_WORDS.items():
            if word in words:
                counts[language] += 1
    counts["fr"] += len(_FRENCH_ELISION_RE.findall(sample))
    best = max(counts, key=counts.__getitem__)
    others = [count for language, count in counts.items() if language != best]
    if counts[best] < MIN_HITS or counts[best] == max(others):
        return None
    return best
