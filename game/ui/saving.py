"""Saving and restoring the game in progress, between the app and the save store."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from game.content.levels import load_level
from game.content.records import RecordError, check_against_level, save_problems
from game.i18n import pick, tr
from game.persistence.saves import invalid_save, make_summary
from game.play.match import Match

if TYPE_CHECKING:
    from game.persistence.saves import LoadedSave, SaveStore


class ResumeGate:
    """Resuming a save whose level file has changed since takes two presses: the first one
    warns, the second goes on (the title's "Continue" and the saved games' "Open" share it)."""

    def __init__(self) -> None:
        self.waiting: Path | None = None  # the save whose warning was just shown

    def warning(self, path: Path, match: Match, button: str, lang: str) -> str | None:
        """What to tell before resuming ``match`` from ``path``, or None to go on: when its
        level has not changed, when the game is over (its debrief says so itself), or when
        this is the second press for the same save."""
        finished = match.game is not None and match.game.outcome is not None
        if not match.level_changed or finished or self.waiting == path:
            self.waiting = None
            return None
        self.waiting = path
        return tr("saves.level_changed", lang, level=pick(match.level.name, lang), button=button)


def new_slot() -> str:
    return time.strftime("partida-%Y%m%d-%H%M%S")


def save_summary(match: Match) -> dict:
    """The persistence layer's summary, plus who plays at the screen (the load list shows it)."""
    game = match.game
    summary = make_summary(
        match.level.id,
        match.level.name,
        game.state.season if game else 0,
        [s.name for s in match.seats],
        game.outcome.kind if game and game.outcome else None,
    )
    summary["humans"] = [s.name for s in match.seats if s.is_human]
    return summary


class SaveTarget(Protocol):
    """Where a game in progress is kept: the session (or the app, which passes it on)."""

    match: Match | None
    save_slot: str | None
    store: SaveStore


def save_match(target: SaveTarget) -> None:
    """Write ``target``'s match to its slot, giving it a new slot the first time."""
    match = target.match
    if match is None:
        return
    if target.save_slot is None:
        target.save_slot = new_slot()
    finished = match.game is not None and match.game.outcome is not None
    target.store.write(target.save_slot, match.to_json(), save_summary(match), finished)


def restore_match(loaded: LoadedSave) -> Match:
    """Rebuild a saved match; raises SaveError (``invalid``) for a field that is wrong, for
    its level too (more firms than it seats, more seasons than it plays), before anything is
    replayed, and ValueError/LevelError when the save can't be played all the same."""
    data = loaded.game
    found = save_problems(loaded.summary, data)  # the store checked it too, if it was told to
    if found is not None:
        raise invalid_save(loaded.path, *found)
    level_ref = data.get("level_path") or data["level"]
    try:
        level = load_level(level_ref)
    except Exception:  # the file moved: fall back to the shipped level of that name
        level = load_level(data["level"])
    record = data.get("record")
    if record is not None:
        names, seasons = record["names"], len(record["decisions"])
        problems = check_against_level(names, seasons, level, ("game", "record"))
        if problems:
            error = RecordError(None, problems)
            raise invalid_save(loaded.path, error.details("en"), error.details("es"))
    return Match.from_json(data, level)
