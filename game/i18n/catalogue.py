"""The catalogue of texts: one JSON file per language, read once, and the lookups.

``catalogues/es.json`` and ``catalogues/en.json`` map a key to its text (flat, sorted, UTF-8),
as pygame_gui keeps its own translations; translators edit them without reading Python. Both
hold the same keys (tests/i18n/test_catalogues.py keeps them so, and keeps every key a screen
asks for in them). Apart from the package so that any module can look texts up without
importing the package: no import cycle.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

LANGUAGES = ("es", "en")
CATALOGUES = Path(__file__).resolve().parent / "catalogues"


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """Every text in ``lang`` by key, read from its file the first time it is asked for."""
    if lang not in LANGUAGES:
        raise KeyError(f"no catalogue for language {lang!r}")
    path = CATALOGUES / f"{lang}.json"
    return MappingProxyType(json.loads(path.read_text(encoding="utf-8")))


def tr(key: str, lang: str, **values: object) -> str:
    """The text in ``lang`` (Spanish if ``lang`` has none); a missing key shows itself (and a
    test keeps that from shipping)."""
    text = catalogue(lang).get(key) if lang in LANGUAGES else None
    if text is None:
        text = catalogue("es").get(key)
        if text is None:
            return f"⟨{key}⟩"
    return text.format(**values) if values else text


def pick(bilingual: Mapping[str, str], lang: str) -> str:
    return bilingual.get(lang) or bilingual.get("es") or ""


def whole_number(n: int, lang: str) -> str:
    """A count of things (firms) with its thousands grouped as ``lang`` writes them: 11 377 in
    Spanish (a non-breaking space, RAE), 11,377 in English."""
    grouped = f"{n:,}"
    return grouped.replace(",", "\u00a0") if lang == "es" else grouped
