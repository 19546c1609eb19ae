"""A finished game read from any file on disk: an export (its ``.json`` or ``.csv``) or a save.

Shared by the class comparison and the saved games screen (which opens such a file by its
path), so it lives beside them, not inside either: a screen never imports another.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game import debrief as api
from game.debrief.export import EXPORT_FORMAT, EXPORT_VERSION, ExportError
from game.debrief.export import default_export_dir as shared_default
from game.i18n import tr
from game.persistence.paths import (
    MAX_GAME_FILE_BYTES,
    RefusedFile,
    read_regular_file,
    refusal,
    typed_path,
)
from game.persistence.saves import SAVE_FORMAT, SaveError
from game.ui.saving import restore_match
from game.ui.widgets import OUTCOME_COLOURS

if TYPE_CHECKING:
    from game.ui.context import SceneContext


def default_export_dir(ctx: SceneContext) -> Path:
    """Where this game's exports go unless the facilitator picks a folder (the same place as
    the command line's ``export``: :func:`game.debrief.export.default_export_dir`)."""
    return shared_default(ctx.paths)


class GameFileError(Exception):
    """A game file that cannot be used, said in both languages (never a traceback)."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(texts.get("en", ""))
        self.texts = texts

    def message(self, lang: str) -> str:
        return self.texts.get(lang) or self.texts["es"]


def problem(key: str, **values: object) -> GameFileError:
    return GameFileError({lang: tr(key, lang, **values) for lang in ("es", "en")})


@dataclass(frozen=True, slots=True)
class GameFile:
    """A finished game read from disk: what the debrief needs, and its debrief already made."""

    path: Path
    kind: str  # "export" or "save"
    level: object
    record: object
    personalities: tuple[str | None, ...] | None
    debrief: api.Debrief

    @property
    def people(self) -> tuple[str, ...]:
        """The names of the seats played by people (unknown when the seats were not saved)."""
        if self.personalities is None:
            return ()
        names = self.debrief.names
        return tuple(
            names[i]
            for i, personality in enumerate(self.personalities)
            if personality is None and i < len(names)
        )

    @property
    def label(self) -> str:
        """The group's name: an export's file name (facilitators name them after the group), a
        save's people (its file name is only a date)."""
        if self.kind == "save" and self.people:
            return ", ".join(self.people)
        return self.path.stem


MAX_GAME_FILE = MAX_GAME_FILE_BYTES
"""Bytes: a game's export or save is a few hundred kilobytes; a file much larger is not one,
and reading it whole would freeze the screen."""


def read_game_file(path: Path | str, store) -> GameFile:
    """Read a finished game from an export (its ``.json`` or its ``.csv``) or a saved game
    anywhere on disk.

    Raises :class:`GameFileError` saying, in Spanish and English, what is wrong. A save is read
    without moving it aside (it is someone's file, not one of the game's own slots).
    """
    try:
        path = typed_path(str(path))
    except OSError:
        raise problem("compare.problem.missing", name=str(path)) from None
    name = path.name or str(path)
    try:  # only an ordinary file, never a named pipe or a device; too large: not read at all
        raw = read_regular_file(path, MAX_GAME_FILE, what="a game file")
    except FileNotFoundError:
        raise problem("compare.problem.missing", name=str(path)) from None
    except IsADirectoryError:
        raise problem("compare.problem.folder", name=str(path)) from None
    except RefusedFile as error:
        if error.too_large:  # read it all and the screen freezes
            raise problem("compare.problem.not_a_game", name=name) from None
        reasons = {"es": error.reason_es, "en": error.strerror}
        raise GameFileError(
            {
                lang: tr("compare.problem.unreadable", lang, name=name, reason=reasons[lang])
                for lang in ("es", "en")
            }
        ) from None
    except OSError as error:
        raise problem("compare.problem.unreadable", name=name, reason=refusal(error)) from None
    if path.suffix.lower() == ".csv":  # an export's spreadsheet replays the game too
        data, kind = None, "csv"
    else:
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise problem("compare.problem.not_text", name=name) from None
        except json.JSONDecodeError as error:
            raise problem("compare.problem.not_json", name=name, line=error.lineno) from None
        except RecursionError:  # nested deeper than any game writes: not one of ours
            raise problem("compare.problem.not_a_game", name=name) from None
        except ValueError:  # a whole number past Python's 4,300 digits: no game writes one
            raise problem("compare.problem.not_a_game", name=name) from None
        kind = data.get("format") if isinstance(data, dict) else None
    if kind in ("csv", EXPORT_FORMAT):
        version = data.get("version") if data is not None else None
        if isinstance(version, int) and version > EXPORT_VERSION:
            raise problem("compare.problem.too_new", name=name)
        try:
            exported = api.read_export(path)
        except ExportError as error:
            raise GameFileError(
                {
                    lang: tr(
                        "compare.problem.damaged",
                        lang,
                        name=name,
                        detail=error.message(lang).removeprefix(f"{path}: "),
                    )
                    for lang in ("es", "en")
                }
            ) from None
        level, record, personalities = exported.level, exported.record, exported.personalities
        kind = "export"
    elif kind == SAVE_FORMAT:
        try:
            match = restore_match(store.read(path, quarantine=False))
        except SaveError as error:
            raise GameFileError({"es": error.message_es, "en": error.message_en}) from None
        except Exception as error:  # a level that no longer exists, data the game can't use
            raise problem(
                "compare.problem.replay", name=name, detail=str(error) or type(error).__name__
            ) from None
        if match.game is None or match.game.outcome is None:
            raise problem("compare.problem.unfinished", name=name)
        level, record = match.level, match.game.record()
        personalities = tuple(seat.personality for seat in match.seats)
        kind = "save"
    else:
        raise problem("compare.problem.not_a_game", name=name)
    try:
        debrief = api.analyse(level, record, personalities=personalities)
    except Exception as error:  # a record that does not replay on its level
        raise problem(
            "compare.problem.replay", name=name, detail=str(error) or type(error).__name__
        ) from None
    if debrief.outcome.kind not in OUTCOME_COLOURS or debrief.outcome.kind == "unfinished":
        raise problem("compare.problem.unfinished", name=name)
    return GameFile(path, kind, level, record, personalities, debrief)
