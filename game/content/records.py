"""The checker of the game's own files: a saved game and an exported one, field by field.

A save or an export is written by the game, but read from a disk anyone can write to: a seed
of ``Infinity`` or ``1e400``, a decision that is a list, an unknown action, 200,000 recorded
seasons or a name of invisible characters gave tracebacks, froze the screen or broke it
(issue 16). Every field is checked here, as strictly as a level file, before any of it is
replayed: its type, its bounds, the names it may hold, the seats it may refer to. The counts
come first (:data:`MAX_SEASONS`), so a file of 200,000 seasons is refused before one of them is
looked at.

Each problem names its field (``game.record.seed``) and says what is wrong in English and in
Spanish, since a player reads it on the load screen; :class:`RecordError` carries them all, one
line each, with the file's name, as the level checker's messages. What a level adds (how many
firms it seats, its season limit) is checked by :func:`check_against_level`, once the level is
loaded.

Deliberately left to the replay: which contract options a level offers (the replay says so in
one line), and whether a record is of today's rules (``model``; the old-rules message of
:class:`~game.engine.game.OldRulesError`).
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from game.ai.base import REGISTRY
from game.content.characters import char_name, first_unshowable
from game.content.problems import format_path
from game.content.schema import describe, did_you_mean
from game.engine.contract import CONDITIONS
from game.engine.level import Level
from game.engine.rules import EndRules, Treatments
from game.engine.state import Action, InvestTarget

MAX_FIRMS = 8
"""The most firms a level seats (the level checker's bound on ``firm_names``)."""
LONGEST_SEASON_LIMIT = next(
    f.metadata["high"] for f in dataclasses.fields(EndRules) if f.name == "season_limit"
)
"""The longest game a level may set (``rules.end.season_limit``, 200 seasons)."""
MAX_SEASONS = 5 * LONGEST_SEASON_LIMIT
"""The most seasons a game file may record before its level is even loaded: five times the
longest game any level may set, a bound no game reaches, checked before anything else is."""
SEED_LIMIT = 2**63
"""A seed is a whole number of magnitude below 2^63 (the game's seeds are small; a larger one
is no seed the game wrote)."""
NAME_MAX = 100
"""Characters in a firm's name: generous (a level's names have at most 40, a seat's 32)."""
PATH_MAX = 4096
MAX_SHOWN = 5
"""Problems a message lists; the rest are counted."""

MATCH_FORMATS = (1, 2)  # game.play.match.MATCH_FORMAT and the one before it, which still loads
STAGES = ("contract", "deciding", "resolved", "over")  # game.play.match.Stage
ACTIONS = tuple(a.value for a in Action)
TARGETS = tuple(t.value for t in InvestTarget)
TREATMENTS = {f.name: f for f in dataclasses.fields(Treatments)}


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """One field of a game file that is wrong: where (``game.record.seed``) and why, in both
    languages (lower case, no final period, like a level file's problem)."""

    path: str
    en: str
    es: str

    def text(self, lang: str) -> str:
        return f"{self.path or '(file)'}: {self.es if lang == 'es' else self.en}"


class RecordError(ValueError):
    """A game file whose fields are wrong; ``str()`` is one line per problem, each naming the
    file and the field (at most :data:`MAX_SHOWN`, and how many more)."""

    def __init__(self, file: str | os.PathLike | None, problems: Sequence[RecordProblem]):
        self.file = os.fspath(file) if file is not None else None
        self.problems = list(problems)
        super().__init__(self.message("en"))

    def details(self, lang: str) -> str:
        """The problems without the file's name, joined with ``; ``."""
        shown = [p.text(lang) for p in self.problems[:MAX_SHOWN]]
        more = len(self.problems) - MAX_SHOWN
        if more > 0:
            shown.append(f"y {more} problemas más" if lang == "es" else f"and {more} more")
        return "; ".join(shown)

    def message(self, lang: str) -> str:
        prefix = f"{self.file}: " if self.file else ""
        lines = [prefix + p.text(lang) for p in self.problems[:MAX_SHOWN]]
        more = len(self.problems) - MAX_SHOWN
        if more > 0:
            lines.append(
                f"{prefix}y {more} problemas más" if lang == "es" else f"{prefix}and {more} more"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message("en")


def _describe_es(value: Any) -> str:
    if value is None:
        return "nada"
    if isinstance(value, bool):
        return "verdadero" if value else "falso"
    if isinstance(value, float) and math.isinf(value):
        return "infinito" if value > 0 else "menos infinito"
    if isinstance(value, int | float):
        return describe(value)
    if isinstance(value, str):
        return "el texto " + describe(value).removeprefix("text ")
    if isinstance(value, dict):
        return "un objeto"
    if isinstance(value, list | tuple):
        return "una lista"
    return f"un valor {type(value).__name__}"


def _describe_en(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    return describe(value)


def _big(n: int) -> str:
    return {-SEED_LIMIT: "-2^63", SEED_LIMIT - 1: "2^63-1"}.get(n, str(n))


class _Check:
    """Collects the problems of one file, each at its field's path."""

    def __init__(self) -> None:
        self.problems: list[RecordProblem] = []

    def fail(self, path: tuple, en: str, es: str) -> None:
        self.problems.append(RecordProblem(format_path(path), en, es))

    def got(self, path: tuple, value: Any, want_en: str, want_es: str) -> None:
        self.fail(
            path,
            f"must be {want_en}, got {_describe_en(value)}",
            f"debe ser {want_es}, no {_describe_es(value)}",
        )

    # -- kinds of value ------------------------------------------------------------------

    def whole(self, path: tuple, value: Any, low: int, high: int) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        self.got(
            path,
            value,
            f"a whole number from {_big(low)} to {_big(high)}",
            f"un número entero de {_big(low)} a {_big(high)}",
        )
        return None

    def number(self, path: tuple, value: Any, low: float, high: float) -> float | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and math.isfinite(value) and low <= value <= high:
            return float(value)
        self.got(
            path, value, f"a number from {low:g} to {high:g}", f"un número de {low:g} a {high:g}"
        )
        return None

    def flag(self, path: tuple, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        self.got(path, value, "true or false", "true o false")
        return None

    def text(
        self, path: tuple, value: Any, max_len: int = NAME_MAX, *, nonempty: bool = True
    ) -> str | None:
        if not isinstance(value, str):
            self.got(path, value, "text", "un texto")
            return None
        if nonempty and not value.strip():
            self.fail(path, "must not be empty", "no debe estar vacío")
            return None
        if len(value) > max_len:
            self.fail(
                path,
                f"is too long ({len(value)} characters, at most {max_len})",
                f"es demasiado largo ({len(value)} caracteres, a lo sumo {max_len})",
            )
            return None
        bad = first_unshowable(value)
        if bad is not None:
            self.fail(
                path,
                f"holds a character no screen can show ({char_name(bad)})",
                f"contiene un carácter que ninguna pantalla puede mostrar ({char_name(bad)})",
            )
            return None
        return value

    def choice(self, path: tuple, value: Any, options: Sequence[str]) -> str | None:
        if isinstance(value, str) and value in options:
            return value
        shown = ", ".join(options)
        if isinstance(value, str):
            hint = did_you_mean(value, options)
            en = f"unknown value {describe(value).removeprefix('text ')} (one of: {shown})"
            es = f"valor desconocido {describe(value).removeprefix('text ')} (uno de: {shown})"
            if hint:
                en += f"; {hint}"
                es += f"; ¿quisiste decir '{hint.split(chr(39))[1]}'?"
            self.fail(path, en, es)
        else:
            self.got(path, value, f"one of: {shown}", f"uno de: {shown}")
        return None

    def mapping(
        self,
        path: tuple,
        value: Any,
        required: Iterable[str] = (),
        optional: Iterable[str] | None = (),
    ) -> dict[str, Any] | None:
        """An object with these keys: unknown ones and missing ones are problems (with
        ``optional`` None, any key is known: the caller checks them)."""
        if not isinstance(value, dict):
            self.got(path, value, "an object", "un objeto")
            return None
        required = tuple(required)
        known = None if optional is None else (*required, *optional)
        for key in value if known is not None else ():
            if key not in known:
                hint = did_you_mean(key, known)
                self.fail(
                    (*path, key),
                    "is not a field of this file" + (f" ({hint})" if hint else ""),
                    "no es un campo de este archivo",
                )
        for key in required:
            if key not in value:
                self.fail((*path, key), "is missing", "falta")
        return value

    def items(
        self,
        path: tuple,
        value: Any,
        max_len: int,
        *,
        min_len: int = 0,
        what: tuple[str, str] = ("items", "elementos"),
    ) -> list | None:
        """A list of ``min_len`` to ``max_len`` items (counted before any is looked at);
        ``what`` names them in the message, in English and Spanish."""
        if not isinstance(value, list):
            self.got(path, value, "a list", "una lista")
            return None
        if not min_len <= len(value) <= max_len:
            en, es = what
            self.fail(
                path,
                f"holds {len(value)} {en}; it may hold {min_len} to {max_len}",
                f"tiene {len(value)} {es}; puede tener de {min_len} a {max_len}",
            )
            return None
        return value

    def index(self, path: tuple, key: Any, count: int | None) -> int | None:
        """An object's key that names a seat: ``"0"``, ``"1"``, ... below ``count``."""
        high = (count if count is not None else MAX_FIRMS) - 1
        digits = isinstance(key, str) and key.isascii() and key.isdigit() and len(key) <= 3
        if digits and int(key) <= high:
            return int(key)
        self.fail(
            path,
            f"is not a seat of this game (a firm's number from 0 to {high})",
            f"no es un puesto de esta partida (el número de una empresa de 0 a {high})",
        )
        return None

    # -- the game's values ---------------------------------------------------------------

    def seed(self, path: tuple, value: Any) -> None:
        self.whole(path, value, -SEED_LIMIT, SEED_LIMIT - 1)

    def personality(self, path: tuple, value: Any, *, person: bool = True) -> None:
        """A personality's key, or (``person``) None for a seat a person plays."""
        if value is None and person:
            return
        if isinstance(value, str) and value in REGISTRY:
            return
        if not isinstance(value, str):
            self.got(path, value, "a personality's name", "el nombre de una personalidad")
            return
        hint = did_you_mean(value, sorted(REGISTRY))
        self.fail(
            path,
            f"unknown personality {describe(value).removeprefix('text ')}"
            + (f" ({hint})" if hint else ""),
            f"personalidad desconocida {describe(value).removeprefix('text ')}",
        )

    def decision(self, path: tuple, value: Any) -> None:
        data = self.mapping(path, value, ("action",), ("target",))
        if data is None or "action" not in data:
            return
        action = self.choice((*path, "action"), data["action"], ACTIONS)
        target = data.get("target")
        if target is not None:
            self.choice((*path, "target"), target, TARGETS)
        if action == Action.INVEST.value and target is None:
            self.fail(
                (*path, "target"),
                "is missing: an investment says what it builds",
                "falta: una inversión dice qué construye",
            )
        elif action is not None and action != Action.INVEST.value and "target" in data:
            self.fail(
                (*path, "target"),
                f"only an investment has a target, not '{action}'",
                f"solo una inversión tiene destino, no '{action}'",
            )

    def decisions_by_seat(self, path: tuple, value: Any, seats: int | None) -> None:
        data = self.mapping(path, value, (), None)
        if data is None:
            return
        for key, decision in data.items():
            if self.index((*path, key), key, seats) is not None:
                self.decision((*path, key), decision)

    def treatments(self, path: tuple, value: Any) -> None:
        data = self.mapping(path, value, (), TREATMENTS)
        if data is None:
            return
        for name, given in data.items():
            if name not in TREATMENTS:
                continue
            meta = TREATMENTS[name].metadata
            if "choices" in meta:
                self.choice((*path, name), given, meta["choices"])
            elif meta.get("flag"):
                self.flag((*path, name), given)
            else:
                self.number((*path, name), given, meta["low"], meta["high"])


# -- the files -------------------------------------------------------------------------------

RECORD_REQUIRED = ("level", "seed", "names", "contract", "decisions")
RECORD_OPTIONAL = ("treatments", "level_fingerprint", "model")


def _record(check: _Check, path: tuple, value: Any) -> None:
    """A :class:`~game.engine.game.GameRecord`'s JSON (``to_json``)."""
    data = check.mapping(path, value, RECORD_REQUIRED, RECORD_OPTIONAL)
    if data is None:
        return
    decisions = data.get("decisions")  # the count first: nothing of 200,000 seasons is read
    seasons = None
    if "decisions" in data:
        what = ("seasons", "temporadas")
        seasons = check.items((*path, "decisions"), decisions, MAX_SEASONS, what=what)
    if "level" in data:
        check.text((*path, "level"), data["level"], 100)
    if "seed" in data:
        check.seed((*path, "seed"), data["seed"])
    if "names" in data:
        what = ("firms", "empresas")
        names = check.items((*path, "names"), data["names"], MAX_FIRMS, min_len=1, what=what)
        if names is not None:
            for i, name in enumerate(names):
                check.text((*path, "names", i), name)
    if "contract" in data:
        contract = check.mapping((*path, "contract"), data["contract"], (), CONDITIONS)
        for condition, option in (contract or {}).items():
            if condition in CONDITIONS:
                check.text((*path, "contract", condition), option)
    for season, decided in enumerate(seasons or ()):  # founders', and newcomers' (open terms)
        check.decisions_by_seat((*path, "decisions", season), decided, MAX_FIRMS)
        if len(check.problems) > 10 * MAX_SHOWN:  # enough said: the file is not the game's
            return
    if data.get("treatments") is not None:
        check.treatments((*path, "treatments"), data["treatments"])
    if data.get("level_fingerprint") is not None:
        check.text((*path, "level_fingerprint"), data["level_fingerprint"], 64, nonempty=False)
    if "model" in data:
        check.whole((*path, "model"), data["model"], 1, 1000)


def _seat_list(check: _Check, path: tuple, value: Any) -> int | None:
    seats = check.items(path, value, MAX_FIRMS, min_len=1, what=("seats", "puestos"))
    if seats is None:
        return None
    for i, seat in enumerate(seats):
        data = check.mapping((*path, i), seat, ("name", "personality"))
        if data is not None:
            if "name" in data:
                check.text((*path, i, "name"), data["name"])
            if "personality" in data:
                check.personality((*path, i, "personality"), data["personality"])
    return len(seats)


def _seat_events(check: _Check, path: tuple, value: Any, seats: int | None) -> None:
    """``seat_changes`` and ``absent``: which seat changed hands, or was decided for, when."""
    events = check.items(path, value, MAX_SEASONS * MAX_FIRMS)
    high = (seats or MAX_FIRMS) - 1
    for i, event in enumerate(events or ()):
        data = check.mapping((*path, i), event, ("season", "seat", "personality"))
        if data is None:
            continue
        if "season" in data:
            check.whole((*path, i, "season"), data["season"], 0, MAX_SEASONS)
        if "seat" in data:
            check.whole((*path, i, "seat"), data["seat"], 0, high)
        if "personality" in data:
            check.personality((*path, i, "personality"), data["personality"])


MATCH_REQUIRED = ("level", "seed", "seats", "stage")
MATCH_OPTIONAL = (
    "format",
    "level_path",
    "season_limit_known",
    "treatments",
    "timer_seconds",
    "timer_personality",
    "start_seats",
    "seat_changes",
    "kept",
    "absent",
    "record",
    "pending",
)


def _match(check: _Check, path: tuple, value: Any) -> None:
    """A saved :class:`~game.play.match.Match` (``to_json``)."""
    from game.persistence.settings import MAX_DECISION_TIMER

    data = check.mapping(path, value, MATCH_REQUIRED, MATCH_OPTIONAL)
    if data is None:
        return
    if "format" in data:
        check.whole((*path, "format"), data["format"], min(MATCH_FORMATS), max(MATCH_FORMATS))
    if "level" in data:
        check.text((*path, "level"), data["level"], 100)
    if data.get("level_path") is not None:
        check.text((*path, "level_path"), data["level_path"], PATH_MAX)
    if "seed" in data:
        check.seed((*path, "seed"), data["seed"])
    if "season_limit_known" in data:
        check.flag((*path, "season_limit_known"), data["season_limit_known"])
    if data.get("treatments") is not None:
        check.treatments((*path, "treatments"), data["treatments"])
    if "timer_seconds" in data:
        check.whole((*path, "timer_seconds"), data["timer_seconds"], 0, MAX_DECISION_TIMER)
    if data.get("timer_personality") is not None:
        check.text((*path, "timer_personality"), data["timer_personality"])
    seats = _seat_list(check, (*path, "seats"), data["seats"]) if "seats" in data else None
    if data.get("start_seats"):
        _seat_list(check, (*path, "start_seats"), data["start_seats"])
    for key in ("seat_changes", "absent"):
        if key in data:
            _seat_events(check, (*path, key), data[key], seats)
    if "kept" in data:
        kept = check.mapping((*path, "kept"), data["kept"], (), None)
        if kept is not None and len(kept) > MAX_SEASONS:
            check.fail(
                (*path, "kept"),
                f"holds {len(kept)} seasons; a game has at most {MAX_SEASONS}",
                f"tiene {len(kept)} temporadas; una partida tiene a lo sumo {MAX_SEASONS}",
            )
            kept = None
        for key, listed in (kept or {}).items():
            where = (*path, "kept", key)
            if not (isinstance(key, str) and key.isascii() and key.isdigit() and len(key) <= 4):
                check.fail(
                    where,
                    "is not a season's number",
                    "no es el número de una temporada",
                )
                continue
            for j, seat in enumerate(check.items(where, listed, MAX_FIRMS) or ()):
                check.whole((*where, j), seat, 0, (seats or MAX_FIRMS) - 1)
    if data.get("record") is not None:
        _record(check, (*path, "record"), data["record"])
    if "pending" in data:
        check.decisions_by_seat((*path, "pending"), data["pending"], seats)
    if "stage" in data:
        check.choice((*path, "stage"), data["stage"], STAGES)


SUMMARY_KEYS = ("level", "level_name", "season", "names", "outcome", "humans")


def _summary(check: _Check, path: tuple, value: Any) -> None:
    """The save's summary, which the load list shows."""
    data = check.mapping(path, value, (), SUMMARY_KEYS)
    if data is None:
        return
    if "level" in data:
        check.text((*path, "level"), data["level"], 100)
    if "level_name" in data:
        names = check.mapping((*path, "level_name"), data["level_name"], (), ("es", "en"))
        for lang, name in (names or {}).items():
            check.text((*path, "level_name", lang), name, 200)
    if "season" in data:
        check.whole((*path, "season"), data["season"], 0, MAX_SEASONS)
    for key in ("names", "humans"):
        if data.get(key) is not None:
            for i, name in enumerate(check.items((*path, key), data[key], MAX_FIRMS) or ()):
                check.text((*path, key, i), name)
    if data.get("outcome") is not None:
        check.text((*path, "outcome"), data["outcome"])


def check_save(summary: Any, game: Any) -> list[RecordProblem]:
    """Every problem of a save's ``summary`` and ``game`` (the game's own part of the file),
    at paths such as ``game.record.seed``. The check :class:`~game.persistence.saves.SaveStore`
    runs on every save it reads, when the app gives it this function."""
    check = _Check()
    _summary(check, ("summary",), summary)
    _match(check, ("game",), game)
    return check.problems


def check_record(record: Any, path: tuple = ("record",)) -> list[RecordProblem]:
    """Every problem of a game record's JSON (``GameRecord.to_json``)."""
    check = _Check()
    _record(check, path, record)
    return check.problems


EXPORT_KEYS = ("format", "version", "level", "level_path", "record", "personalities")
EXPORT_OPTIONAL = ("treatments", "debrief")


def check_export(doc: Any, version: int) -> list[RecordProblem]:
    """Every problem of an exported game's JSON (``game.debrief.export.json_document``) up to
    ``version``. Its ``debrief`` part is the screen's figures for other programs: the game
    rebuilds them from the record and never reads them, so only its kind is checked."""
    check = _Check()
    data = check.mapping((), doc, EXPORT_KEYS, EXPORT_OPTIONAL)
    if data is None:
        return check.problems
    if "version" in data:
        check.whole(("version",), data["version"], 1, version)
    if "level" in data:
        check.text(("level",), data["level"], 100)
    if data.get("level_path") is not None:
        check.text(("level_path",), data["level_path"], PATH_MAX)
    if "record" in data:
        _record(check, ("record",), data["record"])
    seats = data.get("personalities")
    if seats is not None:
        for i, key in enumerate(check.items(("personalities",), seats, MAX_FIRMS) or ()):
            check.personality(("personalities", i), key)
    if data.get("treatments") is not None:
        check.treatments(("treatments",), data["treatments"])
    if "debrief" in data and not isinstance(data["debrief"], dict):
        check.got(("debrief",), data["debrief"], "an object", "un objeto")
    return check.problems


def check_against_level(
    names: Sequence[str], seasons: int, level: Level, path: tuple = ("record",)
) -> list[RecordProblem]:
    """What ``level`` adds: a game of ``len(names)`` firms and ``seasons`` recorded seasons is
    one it can seat and that ends by its season limit."""
    check = _Check()
    low, high = level.firms.min, level.firms.max
    if not low <= len(names) <= high:
        check.fail(
            (*path, "names"),
            f"holds {len(names)} firm{'' if len(names) == 1 else 's'}; the level '{level.id}' "
            f"seats {low} to {high}",
            f"tiene {len(names)} empresa{'' if len(names) == 1 else 's'}; el nivel "
            f"'{level.id}' admite de {low} a {high}",
        )
    limit = level.rules.end.season_limit
    if seasons > limit:
        check.fail(
            (*path, "decisions"),
            f"holds {seasons} seasons; a game of the level '{level.id}' ends by season {limit}",
            f"tiene {seasons} temporadas; una partida del nivel '{level.id}' termina a más "
            f"tardar en la temporada {limit}",
        )
    return check.problems


def save_problems(summary: Any, game: Any) -> tuple[str, str] | None:
    """:func:`check_save` as a :class:`~game.persistence.saves.SaveStore` asks for it (its
    ``check``): None for a save whose every field is right, else what is wrong, in English and
    Spanish."""
    problems = check_save(summary, game)
    if not problems:
        return None
    error = RecordError(None, problems)
    return error.details("en"), error.details("es")
