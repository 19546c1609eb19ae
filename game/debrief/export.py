"""The facilitator's export: CSV, JSON (reloadable), a printable HTML summary, PNG charts.

* ``<name>.csv``: one row per firm per season (decisions revealed), for a spreadsheet; the
  game's level (its id, file and fingerprint), seed, contract (``contract_*``), treatments
  (``treatment_*``) and the version of the rules it was played under (``model``,
  :data:`game.engine.game.MODEL`; a CSV without it is of model 1, refused) fill columns of
  every row, so the rows of several games pasted into one sheet still say how each game was
  played, and the file alone reloads into the same debrief (:func:`read_export`). A text
  cell a spreadsheet could run as a formula (a firm named ``=HYPERLINK(...)``) begins with an
  apostrophe (:func:`spreadsheet_text`), taken off again when the CSV is read back.
* ``<name>.json``: the game's record (enough to replay it exactly), the treatments it was
  played with (every switch, defaults included) and the debrief's data; it reloads with
  :func:`load_export` into the same debrief.
* ``<name>.html``: a one-page summary that prints well (outcome and reasons, key figures, the
  few key moments, the contract as had/lacked, the treatments, reflection questions), then an
  appendix after a page break (history, the contract's effects, the seasons). Self-contained
  (inline CSS and SVG, no external files); every text is escaped. ``lang="both"`` (the command line's choice)
  writes Spanish then English in each place, ``"es"`` or ``"en"`` one language (the screen passes
  the player's language).
* the PNG charts are drawn by a ``charts`` callback (the UI's ``save_charts``), so this package
  never imports pygame.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.debrief.analysis import analyse
from game.debrief.html import render_game
from game.debrief.model import Debrief
from game.engine.contract import CONDITIONS
from game.engine.game import MODEL, GameRecord, OldRulesError
from game.engine.level import Level
from game.engine.rules import DIMENSIONS, Treatments
from game.engine.state import Action, Decision, InvestTarget
from game.persistence.atomic import atomic_write_bytes
from game.persistence.paths import (
    APP_NAME,
    HOME_ENV,
    MAX_GAME_FILE_BYTES,
    AppPaths,
    default_paths,
    read_regular_file,
    refusal,
)

ChartWriter = Callable[[Debrief, Path], list[Path]]
EXPORT_FORMAT = "asociatividad-export"
EXPORT_VERSION = 4
"""4: games of model 3 of the rules (:data:`game.engine.game.MODEL`); the record and the CSV's
``model`` column say so. Versions 1 and 2 hold games of model 1 and version 3 games of model 2,
which this game refuses instead of replaying them under rules their players never met."""
LANGS = ("es", "en", "both")
CSV_COLUMNS = (
    "season",
    "firm",
    "name",
    "member",
    "decision",
    "target",
    "detected",
    "penalty",
    "informal_sanction",
    "expelled",
    "left",
    "capital",
    "trust",
    "event",
    "order_status",
    "alliance_trust",
    "fund",
    "phase",
    *DIMENSIONS,
    *(f"treatment_{f.name}" for f in dataclasses.fields(Treatments)),
    "level",
    "level_path",
    "level_fingerprint",
    "seed",
    "personality",
    *(f"contract_{condition}" for condition in CONDITIONS),
    "model",  # added last, so older exports' columns keep their places in a sheet
)


class ExportError(ValueError):
    """An export that cannot be read (shown to the facilitator as a message, not a traceback).
    ``str()`` is the English message; ``es``, when given, the Spanish one (a field that is
    wrong is said in both: :mod:`game.content.records`)."""

    def __init__(self, message: str, es: str | None = None) -> None:
        super().__init__(message)
        self.es = es

    def message(self, lang: str) -> str:
        return self.es if lang == "es" and self.es else str(self)


def _record_error(path: Path, problems: list) -> ExportError:
    from game.content.records import RecordError

    error = RecordError(path, problems)  # one line: the file, then each field and its problem
    return ExportError(f"{path}: {error.details('en')}", f"{path}: {error.details('es')}")


class ExportNameError(ValueError):
    """A name for an export's files that is a path, not a name (``../x``, ``a/b``)."""


_NOT_IN_A_NAME = ("/", "\\", ":", "\0")


def check_export_name(name: str) -> str:
    """``name`` if it can name an export's files inside the folder they go to; else
    :class:`ExportNameError` saying why. A name is a name, not a path: no folder separator
    (``/``, ``\\``), no drive (``:``), not ``.`` or ``..``, so every file written lands in the
    folder asked for."""
    if not name.strip():
        raise ExportNameError("the name of the files is empty")
    if name in (".", "..") or any(c in name for c in _NOT_IN_A_NAME):
        raise ExportNameError(
            f"{name!r} is a path, not a name for the files: write it without '/', '\\', ':' "
            "or '..' (the folder they go to is chosen apart)"
        )
    return name


@dataclass(frozen=True, slots=True)
class ExportedGame:
    """An exported game read back: enough to rebuild its debrief."""

    level: Level
    record: GameRecord
    personalities: tuple[str | None, ...] | None
    path: Path
    data: dict[str, Any]


def default_export_dir(paths: AppPaths | None = None) -> Path:
    """Where exports go unless the facilitator picks a folder: ``<Documents>/Asociatividad``,
    or the app's own exports folder when the game runs under ``ASOCIATIVIDAD_HOME`` or other
    non-default folders (a test, a classroom's shared install), so such a run never writes
    into a real person's documents. The command line and the debrief screen share it, so both
    put a game's files in the same place."""
    import platformdirs

    paths = paths or default_paths()
    default_data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if os.environ.get(HOME_ENV, "").strip() or Path(paths.data_dir) != default_data:
        return Path(paths.exports_dir)
    return Path(platformdirs.user_documents_dir()) / "Asociatividad"


def default_name(debrief: Debrief) -> str:
    return f"{debrief.level_id}-semilla{debrief.seed}-{debrief.outcome.kind}"


def export_game(
    level: Level,
    record: GameRecord,
    out_dir: Path | str,
    *,
    charts: ChartWriter | None = None,
    name: str | None = None,
    lang: str = "both",
    personalities: Sequence[str | None] | None = None,
) -> list[Path]:
    """Write ``<name>.csv``, ``<name>.json``, ``<name>.html`` and the charts; their paths."""
    _check_lang(lang)  # before the replay, which takes a while
    if name is not None:
        check_export_name(name)
    debrief = analyse(level, record, personalities=personalities)
    return write_debrief(debrief, out_dir, charts=charts, name=name, lang=lang)


def write_debrief(
    debrief: Debrief,
    out_dir: Path | str,
    *,
    charts: ChartWriter | None = None,
    name: str | None = None,
    lang: str = "both",
) -> list[Path]:
    """:func:`export_game` for a game already analysed (the debrief screen has it). A ``name``
    that is a path is refused (:class:`ExportNameError`) before anything is written."""
    _check_lang(lang)
    stem = check_export_name(name or default_name(debrief))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [
        _write(out / f"{stem}.csv", csv_text(debrief).encode("utf-8-sig")),
        _write(out / f"{stem}.json", json_text(debrief).encode("utf-8")),
        _write(out / f"{stem}.html", render_game(debrief, lang).encode("utf-8")),
    ]
    if charts is not None:
        paths += [_prefixed(path, stem) for path in charts(debrief, out)]
    return paths


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")


def _prefixed(path: Path, stem: str) -> Path:
    """A chart named after its game, so several games can be exported into one folder."""
    path = Path(path)
    if path.name.startswith(f"{stem}-"):
        return path
    return path.replace(path.with_name(f"{stem}-{path.name}"))


def _write(path: Path, data: bytes) -> Path:
    return atomic_write_bytes(path, data)


# -- CSV -------------------------------------------------------------------------------------

FORMULA_STARTS = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\0",
    "\uff1d",
    "\uff0b",
    "\uff0d",
    "\uff20",
)
"""What a text cell must not begin with, or a spreadsheet opening the CSV may read it as a
formula and run it (OWASP's "CSV injection": ``=``, ``+``, ``-``, ``@``, tab and carriage
return; also a line feed, NUL and the full-width signs some spreadsheets take for the plain
ones). Such a cell is written with a leading apostrophe, the spreadsheets' "this is text" mark."""
TEXT_MARK = "'"


def spreadsheet_text(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula: text beginning with one of
    :data:`FORMULA_STARTS` gets a leading apostrophe, and so does text already beginning with
    one, so that :func:`cell_text` gives every text back exactly as it was (a firm named
    ``'Rosa`` too). Numbers are left as they are: a capital of -12.5 stays a number."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, TEXT_MARK)):
        return TEXT_MARK + value
    return value


def cell_text(cell: str) -> str:
    """The text :func:`spreadsheet_text` was given: its leading apostrophe taken off."""
    return cell[1:] if cell.startswith(TEXT_MARK) else cell


def csv_rows(debrief: Debrief) -> list[dict[str, Any]]:
    """One row per firm per season, in season then firm order, each cell as the CSV holds it
    (text that could run as a formula marked as text: :func:`spreadsheet_text`)."""
    rows = []
    treatments = {
        f"treatment_{name}": int(value) if isinstance(value, bool) else value
        for name, value in debrief.treatments().items()
    }
    game = {
        "level": debrief.level_id,
        "level_path": debrief.level.path,
        "level_fingerprint": debrief.record.level_fingerprint,
        "seed": debrief.record.seed,
        "model": debrief.record.model,
        **{f"contract_{c}": debrief.record.contract.get(c, "") for c in CONDITIONS},
    }
    seats = debrief.personalities
    for season in debrief.seasons:
        for firm in season.firms:
            seat = seats[firm.firm] if seats is not None and firm.firm < len(seats) else None
            rows.append(
                {
                    "season": season.season,
                    "firm": firm.firm,
                    "name": firm.name,
                    "member": int(firm.member),
                    "decision": firm.decision or "",
                    "target": firm.target or "",
                    "detected": int(firm.detected),
                    "penalty": round(firm.penalty, 3),
                    "informal_sanction": round(firm.informal_sanction, 3),
                    "expelled": int(firm.expelled),
                    "left": firm.left or "",
                    "capital": round(firm.capital, 3),
                    "trust": round(firm.trust, 4),
                    "event": season.event,
                    "order_status": season.order_status,
                    "alliance_trust": round(season.trust, 4),
                    "fund": round(season.fund, 3),
                    "phase": season.phase,
                    **{d: round(season.dimensions[d], 3) for d in DIMENSIONS},
                    **treatments,
                    **game,
                    "personality": seat or "",
                }
            )
    return [{column: spreadsheet_text(cell) for column, cell in row.items()} for row in rows]


def csv_text(debrief: Debrief) -> str:
    """The CSV file's text. Lines end in CR LF, as RFC 4180 and the spreadsheets have it: the
    writer then quotes a cell holding a carriage return too, which with LF endings it wrote
    bare, so that a firm named with one broke its row in two."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(csv_rows(debrief))
    return buffer.getvalue()


# -- JSON ------------------------------------------------------------------------------------


def debrief_data(debrief: Debrief) -> dict[str, Any]:
    """The debrief's data as JSON-ready values (the level is named, not copied)."""
    data = {
        f.name: _plain(getattr(debrief, f.name))
        for f in dataclasses.fields(debrief)
        if f.name not in ("level", "record")
    }
    return json.loads(json.dumps(data))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def json_document(debrief: Debrief) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "level": debrief.level_id,
        "level_path": debrief.level.path,
        "record": debrief.record.to_json(),
        "personalities": list(debrief.personalities) if debrief.personalities is not None else None,
        "treatments": debrief.treatments(),
        "debrief": debrief_data(debrief),
    }


def json_text(debrief: Debrief) -> str:
    return json.dumps(json_document(debrief), ensure_ascii=False, indent=1, allow_nan=False)


def read_export(path: Path | str) -> ExportedGame:
    """Read an exported game's JSON (or its CSV); raises :class:`ExportError` saying what is
    wrong."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return read_csv_export(path)
    raw = _read_file(path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ExportError(f"{path}: cannot be read ({error})") from None
    except json.JSONDecodeError as error:
        raise ExportError(f"{path}: not valid JSON (line {error.lineno})") from None
    except RecursionError:
        raise ExportError(f"{path}: not a game exported by this game (nested too deep)") from None
    except ValueError:  # what json raises past Python's limit of 4,300 digits for a whole number
        raise ExportError(
            f"{path}: not a game exported by this game (it holds a number too long to read)"
        ) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ExportError(f"{path}: not a game exported by this game (the .json file is needed)")
    if not isinstance(data.get("version"), int) or data["version"] > EXPORT_VERSION:
        raise ExportError(f"{path}: made by a newer version of the game")
    from game.content.records import check_export

    record_data = data.get("record")
    model = record_data.get("model", 1) if isinstance(record_data, dict) else MODEL
    if isinstance(model, int) and not isinstance(model, bool) and model != MODEL:
        raise ExportError(_old_rules(path))  # said as such, whatever else changed since
    problems = check_export(data, EXPORT_VERSION)
    if problems:
        raise _record_error(path, problems)
    try:
        record = GameRecord.from_json(record_data)
    except OldRulesError:
        raise ExportError(_old_rules(path)) from None
    except Exception as error:  # the check above leaves nothing for this: never a traceback
        raise ExportError(f"{path}: the game's record is damaged ({error})") from None
    level = _find_level(path, record.level_id, data.get("level_path"))
    _check_on_level(path, record, level)
    seats = data.get("personalities")
    personalities = tuple(seats) if isinstance(seats, list) else None
    return ExportedGame(level, record, personalities, path, data)


def _read_file(path: Path) -> bytes:
    """An export's bytes: only from an ordinary file of at most
    :data:`~game.persistence.paths.MAX_GAME_FILE_BYTES` (never a named pipe, a device or a
    link to one: :func:`~game.persistence.paths.read_regular_file`), else an ExportError."""
    try:
        return read_regular_file(path, MAX_GAME_FILE_BYTES, what="an exported game")
    except FileNotFoundError:
        raise ExportError(f"{path}: no such file") from None
    except OSError as error:
        raise ExportError(f"{path}: cannot be read ({refusal(error)})") from None


def _old_rules(path: Path) -> str:
    return (
        f"{path}: this game was played under the game's earlier rules (before the consortium "
        "moved a cluster of thousands of firms by its example), so its debrief cannot be rebuilt "
        "with today's; "
        "the version of the game that exported it can still open it"
    )


def _check_on_level(path: Path, record: GameRecord, level: Level) -> None:
    """A record its level can replay: no more firms than it seats, no more seasons than it
    plays (before a single season is replayed)."""
    from game.content.records import check_against_level

    problems = check_against_level(record.names, len(record.decisions), level)
    if problems:
        raise _record_error(path, problems)


def _find_level(path: Path, level_id: str, level_path: str | None = None) -> Level:
    """The level a game was played on: from the file it was loaded from, else by its id."""
    from game.content.levels import load_level
    from game.content.problems import LevelError

    for ref in (level_path, level_id):
        if not ref:
            continue
        try:
            level = load_level(ref)
        except (LevelError, OSError):
            continue
        if level.id == level_id:
            return level
    raise ExportError(f"{path}: the level '{level_id}' cannot be found")


def read_csv_export(path: Path) -> ExportedGame:
    """Rebuild a game from its CSV alone: the rows hold every decision, and the game's level,
    seed, dice scheme, contract and treatments, which is all a replay needs."""
    raw = _read_file(path)
    try:
        text = raw.decode("utf-8-sig")  # Excel writes a BOM
        rows = [
            {k: cell_text(v) if isinstance(v, str) else v for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(text, newline=""))
        ]
    except (UnicodeDecodeError, csv.Error) as error:
        raise ExportError(f"{path}: cannot be read ({error})") from None
    needed = {"season", "firm", "name", "decision", "target", "level", "seed"}
    if not rows or not needed <= set(rows[0]):
        raise ExportError(
            f"{path}: not a game exported by this game (its columns are missing: "
            f"{', '.join(sorted(needed - set(rows[0] if rows else ())))})"
        )
    try:
        record, personalities = _record_from_rows(rows)
    except OldRulesError:
        raise ExportError(_old_rules(path)) from None
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise ExportError(f"{path}: the game's rows are damaged ({error})") from None
    from game.content.records import check_record

    problems = check_record(record.to_json(), ("rows",))
    if problems:  # a name no screen can show, a seed past any bound: the CSV as a record
        raise _record_error(path, problems)
    level = _find_level(path, record.level_id, rows[0].get("level_path"))
    _check_on_level(path, record, level)
    return ExportedGame(level, record, personalities, path, {"format": "csv"})


def _record_from_rows(
    rows: list[dict[str, str]],
) -> tuple[GameRecord, tuple[str | None, ...] | None]:
    first = rows[0]
    firms: dict[int, dict[str, str]] = {}
    seasons: dict[int, dict[int, Decision]] = {}
    for row in rows:
        same_game = ("level", "seed", "model")
        if any(row.get(column) != first.get(column) for column in same_game):
            raise ValueError("the rows come from more than one game")
        firm = int(row["firm"])
        firms.setdefault(firm, row)
        decided = seasons.setdefault(int(row["season"]), {})
        if row["decision"]:
            target = row["target"] or None
            decided[firm] = Decision(
                Action(row["decision"]), InvestTarget(target) if target else None
            )
    if sorted(firms) != list(range(len(firms))) or sorted(seasons) != list(
        range(1, len(seasons) + 1)
    ):
        raise ValueError("a firm or a season is missing")
    treatments = {}
    for field in dataclasses.fields(Treatments):
        text = first.get(f"treatment_{field.name}", "")
        if text != "":
            treatments[field.name] = _treatment_value(field, text)
    # the founders sit at the table from the first season; a newcomer's rows start later
    first_season = {int(row["firm"]) for row in rows if int(row["season"]) == 1}
    founders = [i for i in range(len(firms)) if i in first_season]
    if founders != list(range(len(founders))) or not founders:
        raise ValueError("the firms of the first season are not the game's first firms")
    record = GameRecord(
        level_id=first["level"],
        seed=int(first["seed"]),
        names=tuple(firms[i]["name"] for i in founders),
        contract={c: first[f"contract_{c}"] for c in CONDITIONS if first.get(f"contract_{c}")},
        decisions=tuple(seasons[n] for n in range(1, len(seasons) + 1)),
        treatments=treatments,
        level_fingerprint=first.get("level_fingerprint") or "",
        model=_model_cell(first.get("model")),
    )
    seats = [firms[i].get("personality") or None for i in range(len(firms))]
    return record, tuple(seats) if any(seats) else None


def _model_cell(text: str | None) -> int:
    """The ``model`` cell: empty or missing in a CSV of model 1, made before it existed."""
    if not text or not text.strip():
        return 1
    if not text.strip().isdigit():
        raise ValueError(f"model is {text!r}, not a whole number")
    return int(text)


def _treatment_value(field: dataclasses.Field, text: str) -> Any:
    """A treatment's value as the CSV wrote it (flags as 0/1), read by the kind its field
    declares; its bounds are checked when the record's treatments are applied."""
    if field.metadata.get("flag"):
        return text.strip().lower() in ("1", "true")
    if "choices" in field.metadata:
        return text
    return float(text)


def load_export(path: Path | str) -> tuple[Level, GameRecord]:
    """The level and record of an exported game: ``analyse`` gives the same debrief again."""
    exported = read_export(path)
    return exported.level, exported.record
