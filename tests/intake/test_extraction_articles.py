"""Each hand-written article in tests/intake/articles gives the draft its sidecar JSON expects."""

import datetime
import json
from pathlib import Path

import pytest

from tracker.intake.extraction import extract

ARTICLES = Path(__file__).resolve().parent / "articles"
ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))


def _load(path: Path) -> tuple[str, datetime.date | None, dict]:
    sidecar = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    published = sidecar.get("published")
    return (
        path.read_text(encoding="utf-8"),
        datetime.date.fromisoformat(published) if published else None,
        sidecar["expected"],
    )


def test_the_corpus_has_at_least_twelve_articles_per_language():
    names = [path.name for path in ARTICLE_FILES]
    assert sum(name.startswith("en_") for name in names) >= 12
    assert sum(name.startswith("fr_") for name in names) >= 12


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda path: path.stem)
def test_article_gives_the_expected_draft(path):
    text, published, expected = _load(path)
    result = extract(text, published=published).to_json_dict()
    mismatches = {key: (result[key], value) for key, value in expected.items() if result[key] != value}
    assert mismatches == {}


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda path: path.stem)
def test_every_piece_of_evidence_is_a_sentence_found_at_its_span(path):
    text, published, _ = _load(path)
    draft = extract(text, published=published)
    for field_name, sentence in draft.evidence.items():
        start, end = draft.spans[field_name]
        assert text[start:end] == sentence
