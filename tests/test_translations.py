"""The French catalog is complete, compiled from its latest version, and used by the pages.

The .po file is read with a small parser of its own so the checks need no gettext tools.
"""

import ast
import os
import re
from dataclasses import dataclass, field
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.factories import make_company, make_round
from tracker.funding.models import FundingRound, RoundStatus, RoundType

CATALOG = Path(settings.BASE_DIR) / "tracker" / "locale" / "fr" / "LC_MESSAGES"
PO = CATALOG / "django.po"
MO = CATALOG / "django.mo"

# %(name)s, %s, %d, %.1f ...; a literal "%%" is matched too, so that "1 %% est" is not read as "% e".
PYTHON_FORMAT = re.compile(r"%%|%(?:\((?P<name>\w+)\))?[#0 +-]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE_FORMAT = re.compile(r"(?<!\{)\{(\w*)(?:[!:][^{}]*)?\}(?!\})")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def label(self) -> str:
        return f"{PO.name}:{self.line} {self.msgid!r}"


def read_po(path: Path) -> list[Entry]:
    """Parse a .po file into entries; obsolete (#~) entries are skipped."""
    entries: list[Entry] = []
    entry: Entry | None = None
    flags: set[str] = set()
    target: tuple[str, int | None] | None = None

    def text_of(line: str) -> str:
        # A .po string is a C string; ast reads the same escapes for these ASCII cases.
        return ast.literal_eval(line)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            name, index = target
            value = text_of(line)
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, (getattr(entry, name) or "") + value)
            continue
        if keyword in ("msgctxt", "msgid") and (entry is None or entry.msgstr):
            entry = Entry(flags=flags, line=number)
            flags = set()
            entries.append(entry)
        if keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            entry.msgstr[index] = text_of(rest)
            target = ("msgstr", index)
        else:
            setattr(entry, keyword, text_of(rest))
            target = (keyword, None)
    return entries


def placeholders(text: str) -> list[str]:
    """Name every format placeholder: %(name)s by name, positional %s/%d by order, {name} braces."""
    conversions = [match for match in PYTHON_FORMAT.finditer(text) if match[0] != "%%"]
    found = [match["name"] or f"#{index}:{match[0][-1]}" for index, match in enumerate(conversions)]
    return sorted(found + [f"{{{name}}}" for name in BRACE_FORMAT.findall(text)])


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return [entry for entry in read_po(PO) if not entry.is_header]


@pytest.fixture(scope="module")
def compiled() -> GNUTranslations:
    with MO.open("rb") as handle:
        return GNUTranslations(handle)


def test_the_french_catalog_exists_and_has_many_messages(entries):
    assert len(entries) > 400


def test_no_french_message_is_left_empty(entries):
    empty = [entry.label for entry in entries if not entry.msgstr or not all(entry.msgstr.values())]
    assert empty == []


def test_no_french_message_is_fuzzy(entries):
    header = read_po(PO)[0]
    assert header.is_header
    assert "fuzzy" not in header.flags
    assert [entry.label for entry in entries if "fuzzy" in entry.flags] == []


def test_the_catalog_declares_french_and_its_plural_rule():
    header = read_po(PO)[0].msgstr[0]
    assert "Language: fr\n" in header
    assert "Plural-Forms: nplurals=2; plural=(n > 1);\n" in header
    assert "charset=UTF-8" in header


def test_plural_messages_have_both_french_forms(entries):
    incomplete = [entry.label for entry in entries if entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1]]
    assert incomplete == []


def test_every_placeholder_of_a_message_survives_in_its_french_text(entries):
    mismatched = []
    for entry in entries:
        if "python-format" not in entry.flags and "python-brace-format" not in entry.flags:
            continue
        # French uses its first form for 0 and 1, so each form needs every placeholder.
        expected = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural or ""))
        for form in entry.msgstr.values():
            if set(placeholders(form)) != expected:
                mismatched.append(f"{entry.label} → {form!r}")
    assert mismatched == []


def test_french_text_puts_a_no_break_space_before_high_punctuation(entries):
    # French typography: "Statut : rumeur", "Même tour ?", « guillemets ».
    loose = [
        f"{entry.label} → {form!r}"
        for entry in entries
        for form in entry.msgstr.values()
        if re.search(r" [:;?!»]|« ", form)
    ]
    assert loose == []


def test_the_compiled_catalog_is_not_older_than_the_po_file():
    # A fresh checkout writes both files within the same moment; allow for its ordering.
    assert os.path.getmtime(MO) >= os.path.getmtime(PO) - 2


def test_the_compiled_catalog_holds_as_many_messages_as_the_po_file(entries, compiled):
    keys = {key[0] if isinstance(key, tuple) else key for key in compiled._catalog}
    keys.discard("")
    assert len(keys) == len(entries)


def test_the_compiled_catalog_was_built_from_this_version_of_the_po_file(entries, compiled):
    # msgfmt leaves POT-Creation-Date out of the compiled header; the rest must match.
    header = re.sub(r"POT-Creation-Date: [^\n]*\n", "", read_po(PO)[0].msgstr[0])
    assert compiled._catalog[""] == header
    stale = []
    for entry in entries:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            if compiled._catalog.get(key) != entry.msgstr[0]:
                stale.append(entry.label)
        elif [compiled._catalog.get((key, index)) for index in sorted(entry.msgstr)] != [
            entry.msgstr[index] for index in sorted(entry.msgstr)
        ]:
            stale.append(entry.label)
    assert stale == []


def test_key_interface_words_come_back_in_french():
    with translation.override("fr"):
        assert gettext("Dashboard") == "Tableau de bord"
        assert gettext("Companies") == "Entreprises"
        assert gettext("Investors") == "Investisseurs"
        assert gettext("Rounds") == "Tours de table"
        assert gettext("Funding rounds") == "Tours de table"
        assert gettext("Post-money valuation") == "Valorisation post-money"


def test_round_types_statuses_and_model_names_are_french_for_editors():
    with translation.override("fr"):
        assert str(RoundType.SERIES_B.label) == "Série B"
        assert str(RoundType.SEED.label) == "Amorçage"
        assert str(RoundType.PRE_SEED.label) == "Pré-amorçage"
        assert str(RoundStatus.RUMORED.label) == "rumeur"
        assert str(RoundStatus.CLOSED.label) == "finalisé"
        assert str(RoundStatus.WITHDRAWN.label) == "abandonné"
        assert str(FundingRound._meta.verbose_name) == "tour de table"
        assert str(FundingRound._meta.get_field("amount").verbose_name) == "montant levé"


def test_french_plurals_treat_one_and_zero_alike():
    with translation.override("fr"):
        singular = "%(counter)s round"
        plural = "%(counter)s rounds"
        assert ngettext(singular, plural, 0) % {"counter": 0} == "0 tour"
        assert ngettext(singular, plural, 1) % {"counter": 1} == "1 tour"
        assert ngettext(singular, plural, 2) % {"counter": 2} == "2 tours"


@pytest.mark.django_db
def test_a_page_in_french_translates_the_interface_but_keeps_the_round_label_as_reported(client):
    company = make_company("Acme", slug="acme")
    make_round(company, round_type="series_b", label="Series B extension")

    html = client.get("/companies/acme/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Tableau de bord" in html
    assert "Series B extension <small>Série B</small>" in html
    assert "Dashboard" not in html
