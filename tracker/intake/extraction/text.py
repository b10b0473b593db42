"""Split article text into sentences that keep their offsets into the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Only the beginning of an article is analysed: funding facts sit in the headline and lead,
# and capping the work keeps huge inputs (5 MB pastes) fast.
MAX_ANALYSED_CHARS = 20_000

_BLOCK_RE = re.compile(r"[^\n]+")
# A sentence ends at . ! ? or … (optionally followed by a closing quote) before whitespace
# and an upper-case letter, digit or opening quote.
_BOUNDARY_RE = re.compile(r"(?<=[.!?…])([\"”»’)]?)\s+(?=[«\"“(\[]?\s?[A-ZÀ-Ý0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "inc",
        "ltd",
        "corp",
        "co",
        "st",
        "jr",
        "sr",
        "vs",
        "no",
        "nos",
        "m",
        "mme",
        "mlle",
        "cie",
        "etc",
        "approx",
        "est",
        "dept",
        "fig",
        "gen",
        "gov",
        "sen",
        "rep",
        "u.s",
    ]
)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    index: int


def _is_abbreviation(block: str, dot_pos: int) -> bool:
    """Tell whether the full stop at dot_pos ends an abbreviation rather than a sentence."""
    if block[dot_pos] != ".":
        return False
    word_start = dot_pos
    while word_start > 0 and not block[word_start - 1].isspace():
        word_start -= 1
    word = block[word_start:dot_pos].lstrip("(\"'«“").lower()
    if len(word) == 1 and word.isalpha():
        return True  # initials such as "J. Smith"
    return word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS


def split_sentences(text: str, limit: int = MAX_ANALYSED_CHARS) -> list[Sentence]:
    """Split text into sentences; lines are hard boundaries so headlines stand alone."""
    sentences: list[Sentence] = []
    head = text[:limit]
    for block_match in _BLOCK_RE.finditer(head):
        block = block_match.group()
        offset = block_match.start()
        cursor = 0
        for boundary in _BOUNDARY_RE.finditer(block):
            # Find the punctuation that precedes the boundary (skip a closing quote).
            punct = boundary.start() - 1
            if _is_abbreviation(block, punct):
                continue
            _append(sentences, block, offset, cursor, boundary.end(1))
            cursor = boundary.end()
        _append(sentences, block, offset, cursor, len(block))
    return sentences


def _append(sentences: list[Sentence], block: str, offset: int, start: int, end: int) -> None:
    piece = block[start:end]
    stripped_left = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if not piece:
        return
    abs_start = offset + start + stripped_left
    sentences.append(Sentence(piece, abs_start, abs_start + len(piece), len(sentences)))
