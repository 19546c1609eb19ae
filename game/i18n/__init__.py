"""Spanish first, English second: every player-facing text has both.

Texts are registered by key from the modules in this package (one module per part of the game,
so screens can own their texts). ``tr(key, lang, **values)`` formats one; ``pick`` chooses from
a level's own bilingual text.
"""

from __future__ import annotations

from game.i18n import core, treatments  # noqa: F401  (their texts register on import)
from game.i18n.catalogue import LANGUAGES, TEXTS, pick, register, tr, whole_number

__all__ = ["LANGUAGES", "TEXTS", "pick", "register", "tr", "whole_number"]
