"""The history note: this game against what the study tells of the cluster.

The texts live in the level file's optional ``history:`` section (a level author writes them next
to the level's other sources). The engine's :class:`Level` does not carry them, so they are read
from the level's file, or from the shipped level of the same name when the file moved.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from game.content.levels import LEVELS_DIR, validate_level_document
from game.content.problems import LevelError
from game.content.yaml_source import load_yaml_file
from game.debrief.model import Bilingual, HistoryNote
from game.debrief.texts import both, join
from game.engine.level import Level


@functools.lru_cache(maxsize=16)
def _history_of(path: str) -> dict[str, Any] | None:
    try:
        data = validate_level_document(load_yaml_file(Path(path)))
    except (LevelError, OSError):
        return None
    return data.get("history")


def level_history(level: Level) -> dict[str, Any] | None:
    """The level's ``history:`` section, validated, or None if it has none."""
    candidates = [level.path] if level.path else []
    candidates.append(str(LEVELS_DIR / f"{level.id}.yaml"))
    for path in candidates:
        if Path(path).is_file():
            history = _history_of(str(Path(path).resolve()))
            if history is not None:
                return history
    return None


def history_note(level: Level, outcome: str, facts: dict[str, Any]) -> HistoryNote:
    """The study's account of the cluster, then how this game compares with it."""
    history = level_history(level)
    if history is None:
        sources = "; ".join(level.sources)
        return HistoryNote(both("history.missing", sources=sources), {}, sources)
    parts: list[Bilingual] = []
    if outcome in ("advance", "collapse", "stagnation"):
        parts.append(dict(history[outcome]))
    else:
        parts.append(both("history.unfinished"))
    if facts.get("uneven_cancellations") and history.get("uneven_quality"):
        parts.append(dict(history["uneven_quality"]))
    return HistoryNote(text=join(parts), study=dict(history["study"]), source=history["source"])
