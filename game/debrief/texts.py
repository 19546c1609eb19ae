"""Bilingual sentences of the debrief, from the catalogues of game.i18n like every other text."""

from __future__ import annotations

from typing import Any

from game.debrief.model import Bilingual
from game.i18n import LANGUAGES, pick, tr


def both(key: str, **values: Any) -> Bilingual:
    """A catalogue's text in every language. A value that is itself bilingual (a level's own
    text) is picked per language; a value named ``*_key`` is a text key translated first."""
    result = {}
    for lang in LANGUAGES:
        filled = {k: pick(v, lang) if isinstance(v, dict) else v for k, v in values.items()}
        for name in [n for n in filled if n.endswith("_key")]:
            filled[name.removesuffix("_key")] = tr(filled.pop(name), lang)
        result[lang] = tr(key, lang, **filled)
    return result


def join(parts: list[Bilingual], sep: str = " ") -> Bilingual:
    """Sentences joined per language."""
    return {lang: sep.join(p[lang] for p in parts) for lang in LANGUAGES}


def same(value: str) -> Bilingual:
    """A text that reads the same in both languages (a name, a number)."""
    return {lang: value for lang in LANGUAGES}
