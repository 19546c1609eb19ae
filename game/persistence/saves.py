"""Saved games: versioned JSON, written atomically, and never lost.

A save file holds a small header that persistence understands (format, version, time, whether the
game is finished, a summary for the load list) and an opaque ``game`` dict that belongs to the
caller (a ``GameRecord.to_json()`` plus whatever the UI needs to resume). JSON, never pickle: a
save can be read by a person, diffed, and cannot run code.

What "never lost" means here:

* a write goes to a temporary file and is renamed over the slot only when complete
  (:func:`~game.persistence.atomic.atomic_write_bytes`), so a crash leaves the previous save;
* a save that cannot be read (damaged, not a save, made by a newer game) is reported with a
  :class:`SaveError` in English and Spanish and moved aside to ``<slot>.corrupt-<time>.json`` (or
  ``.too-new-…``) in the same folder, where it is kept; it is never deleted, and a later write to
  the same slot moves such a file aside first instead of overwriting it;
* a file the system will not let the game read (no read permission) is left in place when read,
  since the trouble may pass, but a write to its slot first keeps it as
  ``<slot>.unreadable-<time>.json``, and refuses to write if it cannot; the store says what a
  write moved aside (:attr:`SaveStore.last_set_aside`) so that the caller can tell the player;
* an older save is brought up to date by the chain of :data:`UPGRADERS` when it is read; the file
  on disk is left as it was until the game next writes that slot;
* a save of a game played under older rules (versions before :data:`FIRST_OF_THESE_RULES`,
  :data:`game.engine.game.MODEL`) cannot be replayed: it is reported and moved aside to
  ``<slot>.old-rules-<time>.json``, kept for the older version of the game that can open it.

Listing the saves has no side effects: a bad file shows up with ``ok=False`` and its problem.
Whatever goes wrong reading one file (even an error no check foresaw) makes that file a damaged
save, never an error of the whole list: one bad file cannot lock the game out of the others. A
file larger than :data:`MAX_SAVE_BYTES` is refused without being read whole.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.persistence.atomic import (
    atomic_write_bytes,
    discard_stale_temp_files,
    file_stamp,
    is_temp_file,
    move_aside,
    utc_now,
)
from game.persistence.paths import (
    MAX_GAME_FILE_BYTES,
    AppPaths,
    RefusedFile,
    is_file,
    read_regular_file,
    refusal,
)

SAVE_FORMAT = "asociatividad-save"
SAVE_VERSION = 4
FIRST_OF_THESE_RULES = 4
"""The first save version whose games were played under the rules this game plays (model 3 of
:data:`game.engine.game.MODEL`). Versions 1 and 2 hold games of model 1, version 3 of model 2:
replayed now they would give other numbers than their players saw, so they are refused, never
upgraded."""
SAVE_SUFFIX = ".json"
AUTOSAVE_SLOT = "autosave"
FINISHED_PREFIX = "finished-"
MAX_SAVE_BYTES = MAX_GAME_FILE_BYTES
"""Bytes. A save is a few kilobytes, a few hundred for the longest games; a file far larger is
not one of this game's, and reading it whole could freeze the screen or exhaust the memory. The
same limit as for any game file the screens open
(:data:`~game.persistence.paths.MAX_GAME_FILE_BYTES`)."""

UPGRADERS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""``UPGRADERS[n]`` turns a whole save document of version ``n`` into one of version ``n + 1``.

Each upgrader receives the parsed file (header and ``game``) and returns the new document; it may
change ``game`` as the game's own data evolves. :meth:`SaveStore.read` runs the chain from the
file's version up to :data:`SAVE_VERSION`.
"""


_REQUIRED = ("saved_at", "finished", "summary", "game")
_SLOT_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_MAX_SLOT = 80
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{d}{i}" for d in ("com", "lpt") for i in range(10)
}

# Kinds of SaveError, and the tag used when such a file is moved aside (None: left in place).
# A write also moves aside a file it cannot read (_WRITE_ASIDE_TAG): a read leaves it where it
# is, but writing the slot would replace it without anyone having seen what it held.
_ASIDE_TAG = {
    "missing": None,
    "unreadable": None,
    "write_failed": None,
    "empty": "corrupt",
    "too_large": "corrupt",
    "damaged": "corrupt",
    "wrong_format": "corrupt",
    "incomplete": "corrupt",
    "invalid": "corrupt",
    "too_new": "too-new",
    "old_rules": "old-rules",
    "upgrade_failed": "not-upgraded",
}
_WRITE_ASIDE_TAG = {**_ASIDE_TAG, "unreadable": "unreadable"}


class SaveError(Exception):
    """A save that could not be read or written, said in both of the game's languages.

    ``kind`` names the problem (``missing``, ``unreadable``, ``empty``, ``too_large``,
    ``damaged``, ``wrong_format``, ``incomplete``, ``invalid``, ``too_new``, ``old_rules``,
    ``upgrade_failed``, ``write_failed``); ``message_en`` and ``message_es`` are ready to show
    to a player; ``path`` is
    the file concerned and ``kept_at`` where it was moved aside, if it was; ``reason`` is the
    system's few words on a file that could not be read or written ("No space left on device"),
    for a screen with room for no more.
    """

    def __init__(
        self,
        kind: str,
        message_en: str,
        message_es: str,
        path: Path | None = None,
        kept_at: Path | None = None,
        version: int | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message_en)
        self.kind = kind
        self.reason = reason
        self.message_en = message_en
        self.message_es = message_es
        self.path = path
        self.kept_at = kept_at
        self.version = version

    def message(self, language: str) -> str:
        return self.message_es if language == "es" else self.message_en

    def __str__(self) -> str:
        return self.message_en


def _error(
    kind: str,
    path: Path | None,
    version: int | None = None,
    *,
    message: str | None = None,
    **detail: Any,
) -> SaveError:
    """A SaveError of ``kind``, said with the texts of ``message`` (those of ``kind`` if None)."""
    en, es = _MESSAGES[message or kind]
    detail.setdefault("reason_es", detail.get("reason"))
    return SaveError(
        kind,
        en.format(path=path, version=version, current=SAVE_VERSION, **detail),
        es.format(path=path, version=version, current=SAVE_VERSION, **detail),
        path=path,
        version=version,
        reason=detail.get("reason"),
    )


_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": (
        "There is no saved game at {path}.",
        "No hay ninguna partida guardada en {path}.",
    ),
    "unreadable": (
        "The saved game {path} could not be read: {reason}.",
        "No se pudo leer la partida guardada {path}: {reason_es}.",
    ),
    "empty": (
        "The saved game {path} is empty; it was probably cut off while being written.",
        "La partida guardada {path} está vacía; probablemente se cortó mientras se escribía.",
    ),
    "too_large": (
        "The saved game {path} is too large to be a save of this game (more than {limit} MB); it "
        "was not read.",
        "La partida guardada {path} es demasiado grande para ser una partida de este juego (más "
        "de {limit} MB); no se leyó.",
    ),
    "damaged": (
        "The saved game {path} is damaged ({detail}).",
        "La partida guardada {path} está dañada ({detail_es}).",
    ),
    "wrong_format": (
        "{path} is not a saved game of this game ({detail}).",
        "{path} no es una partida guardada de este juego ({detail_es}).",
    ),
    "incomplete": (
        "The saved game {path} is incomplete: it lacks {keys}.",
        "La partida guardada {path} está incompleta: le falta {keys}.",
    ),
    "invalid": (
        "The saved game {path} holds invalid data: {detail}.",
        "La partida guardada {path} tiene datos no válidos: {detail_es}.",
    ),
    "too_new": (
        "This save was made by a newer version of the game (version {version}); this game reads "
        "saves up to version {current}. Update the game to open it.",
        "Esta partida fue guardada por una versión más nueva del juego (versión {version}); este "
        "juego lee partidas hasta la versión {current}. Actualiza el juego para abrirla.",
    ),
    "old_rules": (
        "This save (version {version}) holds a game played under the game's earlier rules, "
        "before the consortium moved a cluster of thousands of firms by its example; replaying "
        "it now would give other numbers than its players saw, so it cannot be continued.",
        "Esta partida (versión {version}) se jugó con las reglas anteriores del juego, antes "
        "de que el consorcio moviera con su ejemplo a un cluster de miles de empresas; "
        "repetirla ahora daría otros números que los que vieron sus jugadores, así que no se "
        "puede continuar.",
    ),
    "upgrade_failed": (
        "This save (version {version}) could not be brought up to version {current}: {detail}.",
        "Esta partida (versión {version}) no se pudo actualizar a la versión {current}: {detail}.",
    ),
    "write_failed": (
        "The game could not be saved to {path}: {reason}. The previous save, if any, is intact.",
        "No se pudo guardar la partida en {path}: {reason}. La partida guardada anterior, si "
        "había una, sigue intacta.",
    ),
    # What a write says when the file in its slot could not be read: kept aside, or in the way.
    "kept_unreadable": (
        "The saved game {path} could not be read ({reason}), so it was not written over: it was "
        "kept as {kept_at}.",
        "No se pudo leer la partida guardada {path} ({reason}), así que no se escribió encima: se "
        "conservó como {kept_at}.",
    ),
    "blocked_unreadable": (
        "The game could not be saved to {path}: the saved game already there could not be read "
        "({reason}) nor moved aside ({problem}), so it was not written over and is as it was.",
        "No se pudo guardar la partida en {path}: la partida guardada que ya estaba allí no se "
        "pudo leer ({reason}) ni apartar ({problem}), así que no se escribió encima y sigue como "
        "estaba.",
    ),
}


def _with_kept_note(err: SaveError, kept_at: Path | None, move_problem: str | None) -> SaveError:
    if kept_at is not None:
        err.kept_at = kept_at
        err.message_en += f" The file was kept as {kept_at}."
        err.message_es += f" El archivo se conservó como {kept_at}."
    elif move_problem is not None:
        err.message_en += f" It could not be moved aside ({move_problem}) and was left where it is."
        err.message_es += f" No se pudo apartar ({move_problem}) y se dejó donde estaba."
    err.args = (err.message_en,)
    return err


@dataclass(frozen=True, slots=True)
class LoadedSave:
    """A save read back and brought up to date.

    ``version`` is the version the file was written in; ``summary`` and ``game`` are already in the
    current format (see :data:`UPGRADERS`).
    """

    path: Path
    slot: str
    version: int
    saved_at: datetime
    finished: bool
    summary: dict[str, Any]
    game: dict[str, Any]

    @property
    def upgraded(self) -> bool:
        return self.version < SAVE_VERSION


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """One line of the load list. A file that cannot be read has ``ok=False`` and a ``problem``.

    For such a file ``saved_at`` is the file's modification time, ``summary`` is whatever could be
    read (often empty) and ``error`` carries the bilingual messages.
    """

    path: Path
    slot: str
    saved_at: datetime
    finished: bool
    summary: dict[str, Any]
    ok: bool
    problem: str | None = None
    error: SaveError | None = field(default=None, compare=False, repr=False)


def sanitize_slot(name: str) -> str:
    """A slot name that is safe as a file name everywhere: ASCII letters, digits, ``-`` and ``_``.

    Accents are dropped ("campaña" → "campana"), anything else becomes ``_``. Raises ``ValueError``
    for a name with nothing usable in it.
    """
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    slot = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_name).strip("_")[:_MAX_SLOT]
    if not slot or not re.search(r"[A-Za-z0-9]", slot):
        raise ValueError(f"{name!r} cannot be used as a save slot name")
    if slot.lower() in _WINDOWS_RESERVED:
        slot += "_"
    return slot


def autosave_slot() -> str:
    """The slot the game writes after every season of a game in progress."""
    return AUTOSAVE_SLOT


def finished_slot(when: datetime | None = None) -> str:
    """``finished-<UTC timestamp>``, the slot a finished game is kept under."""
    return f"{FINISHED_PREFIX}{file_stamp(when)}"


def make_summary(
    level_id: str,
    level_name: Mapping[str, str],
    season: int,
    names: Iterable[str],
    outcome: str | None = None,
) -> dict[str, Any]:
    """The summary the load list shows, with the keys the title screen expects."""
    return {
        "level": level_id,
        "level_name": dict(level_name),
        "season": int(season),
        "names": list(names),
        "outcome": outcome,
    }


def _encode(document: dict[str, Any]) -> bytes:
    try:
        return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: escape them so the text still round-trips
        return json.dumps(document, ensure_ascii=True, indent=1, allow_nan=False).encode("ascii")


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def _mtime(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return datetime.fromtimestamp(0, UTC)


@dataclass(slots=True)
class _Parsed:
    version: int
    saved_at: datetime
    finished: bool
    summary: dict[str, Any]
    game: dict[str, Any]


GameCheck = Callable[[Any, Any], "tuple[str, str] | None"]
"""What a store asks of a save's ``summary`` and ``game`` once they are read and upgraded:
None if every field is as the game writes it, else what is wrong, in English and Spanish
(``game.record.seed: must be a whole number ...``). Persistence knows nothing of the game's
data: the app gives its store the game's own check (:func:`game.content.records.save_problems`)."""


def _parse(path: Path, raw: bytes, check: GameCheck | None = None) -> _Parsed:
    """Check and upgrade one save's bytes; raise a SaveError (not yet moved aside) if it is bad
    (``check``: the game's own check of its fields, after the header's)."""
    if not raw.strip():
        raise _error("empty", path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _error("damaged", path, detail="it is not text", detail_es="no es texto") from None
    try:
        doc = json.loads(text)
    except RecursionError:  # nested deeper than any save: not one the game wrote
        raise _error(
            "damaged",
            path,
            detail="it is nested too deep",
            detail_es="está anidado demasiado hondo",
        ) from None
    except json.JSONDecodeError as exc:
        # Cut off: the parser ran out of text (an unterminated string also runs to the end).
        truncated = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        raise _error(
            "damaged",
            path,
            detail="it ends too early, probably cut off while being written"
            if truncated
            else f"invalid JSON at line {exc.lineno}, column {exc.colno}",
            detail_es="termina antes de tiempo, probablemente se cortó al escribirse"
            if truncated
            else f"JSON no válido en la línea {exc.lineno}, columna {exc.colno}",
        ) from None
    except ValueError:  # what json raises past Python's limit of 4,300 digits for a whole number
        raise _error(
            "damaged",
            path,
            detail="it holds a number too long to read",
            detail_es="contiene un número demasiado largo para leerlo",
        ) from None
    if not isinstance(doc, dict):
        raise _error(
            "wrong_format",
            path,
            detail=f"it holds a JSON {type(doc).__name__}, not an object",
            detail_es=f"contiene un {type(doc).__name__} de JSON, no un objeto",
        )
    if doc.get("format") != SAVE_FORMAT:
        found = doc.get("format")
        raise _error(
            "wrong_format",
            path,
            detail=f"format is {found!r}, expected {SAVE_FORMAT!r}",
            detail_es=f"el formato es {found!r} y se esperaba {SAVE_FORMAT!r}",
        )
    version = doc.get("version")
    if "version" not in doc:
        raise _error("incomplete", path, keys="'version'")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _error(
            "invalid",
            path,
            detail=f"version {version!r} is not a positive whole number",
            detail_es=f"la versión {version!r} no es un número entero positivo",
        )
    if version > SAVE_VERSION:
        raise _error("too_new", path, version=version)
    if version < FIRST_OF_THESE_RULES:
        raise _error("old_rules", path, version=version)
    for step in range(version, SAVE_VERSION):
        upgrade = UPGRADERS.get(step)
        if upgrade is None:
            raise _error("upgrade_failed", path, version=version, detail=f"no upgrader from {step}")
        try:
            doc = upgrade(doc)
        except Exception as exc:
            raise _error(
                "upgrade_failed", path, version=version, detail=f"{type(exc).__name__}: {exc}"
            ) from exc
        if not isinstance(doc, dict):
            raise _error(
                "upgrade_failed", path, version=version, detail=f"upgrader {step} returned no dict"
            )
    missing = [key for key in _REQUIRED if key not in doc]
    if missing:
        raise _error("incomplete", path, keys=", ".join(repr(k) for k in missing))
    saved_at = _parse_time(doc["saved_at"])
    problems = []
    if saved_at is None:
        problems.append(
            ("'saved_at' is not an ISO-8601 time", "'saved_at' no es una fecha ISO-8601")
        )
    if not isinstance(doc["finished"], bool):
        problems.append(("'finished' is not true or false", "'finished' no es true ni false"))
    for key in ("summary", "game"):
        if not isinstance(doc[key], dict):
            problems.append((f"'{key}' is not an object", f"'{key}' no es un objeto"))
    if problems:
        raise _error(
            "invalid",
            path,
            detail="; ".join(en for en, _ in problems),
            detail_es="; ".join(es for _, es in problems),
        )
    assert saved_at is not None
    found = check(doc["summary"], doc["game"]) if check is not None else None
    if found is not None:
        raise invalid_save(path, *found)
    return _Parsed(version, saved_at, doc["finished"], doc["summary"], doc["game"])


def invalid_save(path: Path | None, detail_en: str, detail_es: str) -> SaveError:
    """The SaveError of a save whose data is wrong (kind ``invalid``): ``detail`` says which
    field and why, in English and Spanish."""
    return _error("invalid", path, detail=detail_en, detail_es=detail_es)


def _parse_any(path: Path, raw: bytes, check: GameCheck | None = None) -> _Parsed:
    """:func:`_parse`, with any error it did not foresee made a damaged save: whatever a file
    holds, reading it is a problem of that file, never a crash of whoever asked."""
    try:
        return _parse(path, raw, check)
    except SaveError:
        raise
    except Exception as exc:  # MemoryError and RecursionError included: this one file is bad
        raise _error(
            "damaged",
            path,
            detail=f"it could not be read: {type(exc).__name__}",
            detail_es=f"no se pudo leer: {type(exc).__name__}",
        ) from exc


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or a SaveError; never more than :data:`MAX_SAVE_BYTES` + 1 of them are
    read, whatever size the file claims, and only from an ordinary file: a named pipe, a device
    or a link to one is "unreadable" (left where it is), never opened or read
    (:func:`~game.persistence.paths.read_regular_file`)."""
    try:
        return read_regular_file(path, MAX_SAVE_BYTES, what="a saved game")
    except FileNotFoundError:
        raise _error("missing", path) from None
    except RefusedFile as exc:
        if exc.too_large:
            raise _error("too_large", path, limit=MAX_SAVE_BYTES // (1024 * 1024)) from None
        raise _error("unreadable", path, reason=exc.strerror, reason_es=exc.reason_es) from None
    except OSError as exc:
        raise _error("unreadable", path, reason=refusal(exc)) from None


class SaveStore:
    """The saves in one folder (``paths.saves_dir``), one JSON file per slot.

    ``clock`` returns the current time (UTC); tests pass a fake one to control ``saved_at``.
    ``check`` is the game's check of a save's fields (:data:`GameCheck`): a save that fails it
    is ``invalid``, as damaged as one that is not JSON (listed with ``ok=False``, moved aside
    when read, never written over).
    """

    def __init__(
        self,
        paths: AppPaths,
        *,
        clock: Callable[[], datetime] | None = None,
        check: GameCheck | None = None,
    ) -> None:
        self.paths = paths
        self._clock = clock or utc_now
        self.check = check
        self.last_set_aside: SaveError | None = None
        """What the last :meth:`write` had to move out of its slot's way, to tell the player:
        the file that was there (``path``), where it is kept (``kept_at``) and why, in both
        languages. None when the last write moved nothing."""

    @property
    def folder(self) -> Path:
        return self.paths.saves_dir

    def path_for(self, slot: str) -> Path:
        return self.folder / f"{sanitize_slot(slot)}{SAVE_SUFFIX}"

    def _resolve(self, slot_or_path: str | os.PathLike[str]) -> Path:
        if isinstance(slot_or_path, os.PathLike):
            return Path(slot_or_path)
        text = str(slot_or_path)
        if text.endswith(SAVE_SUFFIX) or "/" in text or os.sep in text:
            return Path(text)
        return self.path_for(text)

    def finished_slot(self) -> str:
        """A free ``finished-<time>`` slot: a second game finished in the same second gets ``-2``."""
        base = finished_slot(self._clock())
        slot, n = base, 1
        while self.path_for(slot).exists():
            n += 1
            slot = f"{base}-{n}"
        return slot

    def write(
        self, slot: str, game: Mapping[str, Any], summary: Mapping[str, Any], finished: bool
    ) -> Path:
        """Save ``game`` under ``slot`` atomically and return the file's path.

        ``game`` and ``summary`` must be JSON-able (``ValueError``/``TypeError`` otherwise, before
        anything touches the disk). If the slot already holds a file that is not a readable save
        (damaged, from a newer game, or one the system will not let the game read), that file
        is moved aside first, so writing never destroys it, and :attr:`last_set_aside` says so.
        Raises :class:`SaveError` (kind ``write_failed``) if the disk refuses, or if such a file
        cannot be moved aside; the previous file is then intact.
        """
        if not isinstance(game, Mapping) or not isinstance(summary, Mapping):
            raise TypeError("game and summary must be dicts")
        path = self.path_for(slot)
        document = {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "saved_at": self._clock().astimezone(UTC).isoformat(timespec="microseconds"),
            "finished": bool(finished),
            "summary": dict(summary),
            "game": dict(game),
        }
        data = _encode(document)
        self.last_set_aside = None  # and so it stays if the file in the way cannot be moved
        kept = self._keep_bad_file(path)
        self.last_set_aside = kept
        try:
            return atomic_write_bytes(path, data)
        except OSError as exc:
            raise _with_kept_note(
                _error("write_failed", path, reason=refusal(exc)),
                kept.kept_at if kept is not None else None,
                None,
            ) from exc

    def _keep_bad_file(self, path: Path) -> SaveError | None:
        """Move the file in the slot ``path`` aside unless it is a save this game reads, and
        return what to tell the player about it (None when nothing was moved).

        A file that cannot be read is moved too: it may hold a game, and the write would
        replace it unseen. If a file must be moved and cannot be, the write is refused
        (:class:`SaveError` ``write_failed``) and the file stays as it was.
        """
        if not is_file(path):
            return None
        try:
            _parse_any(path, _read_bytes(path), self.check)
        except SaveError as err:
            tag = _WRITE_ASIDE_TAG.get(err.kind)
            if tag is None:  # missing: gone since, nothing is in the way
                return None
            try:
                kept = move_aside(path, tag, self._clock())
            except FileNotFoundError:  # gone since
                return None
            except OSError as exc:
                if err.kind == "unreadable":
                    raise _error(
                        "write_failed",
                        path,
                        message="blocked_unreadable",
                        reason=err.reason,
                        problem=refusal(exc),
                    ) from exc
                raise _with_kept_note(
                    _error("write_failed", path, reason="a damaged save is in the way"),
                    None,
                    refusal(exc),
                ) from exc
            if err.kind != "unreadable":
                return _with_kept_note(err, kept, None)
            note = _error(
                "unreadable", path, message="kept_unreadable", reason=err.reason, kept_at=kept
            )
            note.kept_at = kept
            return note
        return None

    def read(self, slot_or_path: str | os.PathLike[str], *, quarantine: bool = True) -> LoadedSave:
        """Read one save, upgraded to the current version, or raise :class:`SaveError`.

        With ``quarantine`` (the default) a damaged, foreign or too-new file is moved aside and the
        error says where it was kept (``kept_at``); a missing or unreadable file stays where it is.
        """
        path = self._resolve(slot_or_path)
        try:
            parsed = _parse_any(path, _read_bytes(path), self.check)
        except SaveError as err:
            tag = _ASIDE_TAG.get(err.kind)
            if quarantine and tag is not None:
                try:
                    kept = move_aside(path, tag, self._clock())
                except OSError as exc:
                    raise _with_kept_note(err, None, refusal(exc)) from None
                raise _with_kept_note(err, kept, None) from None
            raise
        return LoadedSave(
            path=path,
            slot=path.stem,
            version=parsed.version,
            saved_at=parsed.saved_at,
            finished=parsed.finished,
            summary=parsed.summary,
            game=parsed.game,
        )

    def _slot_files(self) -> list[Path]:
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return []
        return [
            p
            for p in entries
            if p.suffix == SAVE_SUFFIX
            and not is_temp_file(p)
            and _SLOT_RE.match(p.stem)  # kept-aside files have a dot in the stem
            and is_file(p)
        ]

    def list_saves(self) -> list[SaveInfo]:
        """Every slot in the folder, newest first; bad files included with ``ok=False``.

        Reading only: nothing is moved, renamed or written. Temporary files of an interrupted
        write and files already moved aside are not slots and are not listed.
        """
        infos = []
        for path in self._slot_files():
            try:
                parsed = _parse_any(path, _read_bytes(path), self.check)
            except SaveError as err:
                infos.append(
                    SaveInfo(
                        path=path,
                        slot=path.stem,
                        saved_at=_mtime(path),
                        finished=False,
                        summary={},
                        ok=False,
                        problem=err.message_en,
                        error=err,
                    )
                )
                continue
            infos.append(
                SaveInfo(
                    path=path,
                    slot=path.stem,
                    saved_at=parsed.saved_at,
                    finished=parsed.finished,
                    summary=parsed.summary,
                    ok=True,
                )
            )
        infos.sort(key=lambda i: (i.saved_at, _mtime(i.path), i.slot), reverse=True)
        return infos

    def latest_unfinished(self) -> SaveInfo | None:
        """The newest readable save of a game in progress (the title screen's "continue")."""
        return next((i for i in self.list_saves() if i.ok and not i.finished), None)

    def delete(self, slot: str) -> bool:
        """Remove a slot's file; ``False`` if there was none."""
        try:
            self.path_for(slot).unlink()
        except FileNotFoundError:
            return False
        return True

    def discard_stale_temp_files(self, older_than_seconds: float = 3600.0) -> list[Path]:
        """Remove the atomic writer's temporary files left in the saves folder by a crash long
        enough ago that no write can own them (:func:`atomic.discard_stale_temp_files`)."""
        return discard_stale_temp_files(
            self.folder, older_than_seconds=older_than_seconds, now=self._clock().timestamp()
        )
