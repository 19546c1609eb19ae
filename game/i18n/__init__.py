"""Spanish first, English second: every player-facing text has both.

The texts live in one JSON catalogue per language (``game/i18n/catalogues``), read once.
``tr(key, lang, **values)`` formats one; ``pick`` chooses from a level's own bilingual text;
``catalogue(lang)`` is every text of a language by key. A new text goes into both files under
one key (a word several screens share under ``common.*``); tests/i18n/test_catalogues.py names
any key the code asks for that a file lacks, and any key nobody asks for.
"""

from __future__ import annotations

from game.i18n.catalogue import LANGUAGES, catalogue, pick, tr, whole_number

__all__ = ["LANGUAGES", "catalogue", "pick", "tr", "whole_number"]
