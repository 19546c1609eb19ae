"""The catalogue of texts itself: registration and lookup, with no texts of its own.

Apart from the package so that the modules holding texts (:mod:`game.i18n.core`,
:mod:`game.i18n.treatments`, and every screen) can register into it without importing the
package that imports them: no import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("es", "en")
TEXTS: dict[str, dict[str, str]] = {}


def register(texts: Mapping[str, Mapping[str, str]]) -> None:
    """Add texts; every one must have both languages and a key not used before."""
    for key, pair in texts.items():
        if set(pair) != set(LANGUAGES) or not all(pair[lang].strip() for lang in LANGUAGES):
            raise ValueError(f"text '{key}' needs non-empty 'es' and 'en'")
        if key in TEXTS and TEXTS[key] != dict(pair):
            raise ValueError(f"text '{key}' is defined twice")
        TEXTS[key] = dict(pair)


def tr(key: str, lang: str, **values: object) -> str:
    """The text in ``lang``; a missing key shows itself (and a test keeps that from shipping)."""
    pair = TEXTS.get(key)
    if pair is None:
        return f"⟨{key}⟩"
    text = pair.get(lang) or pair["es"]
    return text.format(**values) if values else text


def pick(bilingual: Mapping[str, str], lang: str) -> str:
    return bilingual.get(lang) or bilingual.get("es") or ""


def whole_number(n: int, lang: str) -> str:
    """A count of things (firms) with its thousands grouped as ``lang`` writes them: 11 377 in
    Spanish (a non-breaking space, RAE), 11,377 in English."""
    grouped = f"{n:,}"
    return grouped.replace(",", "\u00a0") if lang == "es" else grouped
