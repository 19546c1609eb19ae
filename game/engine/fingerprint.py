"""A level's fingerprint: a short hash of everything a game's numbers depend on.

Why: a save and an export name their level and keep only the decisions; reopening them replays
the game on the level as it is now. If someone has edited the level file since (a facilitator
tuning a cluster between two workshops), the replay gives other numbers than the players saw.
The record therefore carries this fingerprint, and whoever reopens it compares: a different
fingerprint means the level changed, and the player is told so.

Only what play reads counts. Texts (names, descriptions, lessons, sources), the file's path,
the difficulty shown in the list and the rates the level promises its tests leave it alone, so
correcting a typo in a lesson does not make every old export look suspect.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from game.engine.level import Level

NOT_PLAYED: frozenset[str] = frozenset(
    {
        "name",
        "text",
        "place",
        "makes",
        "description",
        "holds_back",
        "sources",
        "source",
        "consequence",
        "question",
        "path",
        "difficulty",
        "expected",
        "firm_names",
    }
)
"""Fields of a level (and of its events and contract options) that no rule reads."""


def level_fingerprint(level: Level) -> str:
    """Sixteen hex digits that change whenever a number, option or rule of ``level`` does."""
    canonical = json.dumps(_played(level), sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()[:16]


def _played(value: Any) -> Any:
    """``value`` as plain JSON, without the fields play never reads (floats by their repr, so
    the last bit counts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _played(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.compare and f.name not in NOT_PLAYED
        }
    if isinstance(value, dict):
        return {str(key): _played(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_played(item) for item in value]
    if isinstance(value, float):
        return repr(value)
    return value
