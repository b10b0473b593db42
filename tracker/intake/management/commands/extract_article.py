"""Print the funding-round draft extracted from a text or HTML article file as JSON."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.intake.extraction import extract, extract_from_html

_HTML_RE = re.compile(r"<html|<body|<!doctype html", re.IGNORECASE)
# Control characters other than tab, newline, carriage return and form feed mean the bytes are not text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def decode_article(data: bytes) -> str:
    """Decode bytes as UTF-8, falling back to cp1252 then latin-1 only when the result looks like text."""
    if b"\x00" in data:
        raise _fail("the file is binary (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if not text or len(_CONTROL_RE.findall(text)) > max(2, len(text) // 1000):
            raise _fail("the file is not readable text (it is neither UTF-8 nor cp1252/latin-1 text)") from None
    if _CONTROL_RE.search(text[:4096]) and len(_CONTROL_RE.findall(text)) > max(2, len(text) // 1000):
        raise _fail("the file is binary (it contains control characters)")
    return text


def looks_like_html(text: str) -> bool:
    return text.lstrip().startswith("<") or bool(_HTML_RE.search(text[:5000]))


class Command(BaseCommand):
    help = "Extract a funding-round draft from an article file (text or HTML) and print it as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to a .txt or .html article")
        parser.add_argument("--published", help="Publication date YYYY-MM-DD, used to resolve 'Sunday', 'hier'...")
        parser.add_argument("--language", choices=["en", "fr"], help="Article language; detected when omitted")

    def handle(self, *args: object, **options: object) -> None:
        published: datetime.date | None = None
        if options.get("published"):
            try:
                published = datetime.date.fromisoformat(str(options["published"]))
            except ValueError:
                raise _fail(f"bad --published value {options['published']!r}: expected YYYY-MM-DD") from None
        path = Path(str(options["file"]))
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise _fail(f"{path}: no such file") from None
        except IsADirectoryError:
            raise _fail(f"{path}: is a directory, not a file") from None
        except OSError as error:
            raise _fail(f"{path}: cannot read file ({error.strerror or error})") from None
        if not data.strip():
            raise _fail(f"{path}: the file is empty")
        try:
            text = decode_article(data)
        except CommandError as error:
            raise _fail(f"{path}: {error}") from None

        language = options.get("language") or None
        if looks_like_html(text):
            page = extract_from_html(text)
            text = page.text
            published = published or page.published
            language = language or (page.language if page.language in ("en", "fr") else None)
        draft = extract(text, published=published, language=language)
        self.stdout.write(json.dumps(draft.to_json_dict(), ensure_ascii=False, indent=2))
