"""Text helpers for matching names the way people type them."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """Fold a name for comparison: no accents, no case, single spaces.

    "Société  Générale" and "societe generale" share the key "societe generale".
    """
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", without_accents.casefold()).strip()
