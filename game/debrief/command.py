"""The facilitator's commands: ``export``, ``compare`` and ``simulate --save``.

Wired by :mod:`game.cli`. Every problem a person can fix is one message on stderr and exit code
2, never a traceback. Nothing here imports pygame: ``export`` receives the chart writer from the
CLI, which imports it lazily.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.debrief.export import (
    ChartWriter,
    ExportError,
    ExportNameError,
    check_export_name,
    default_export_dir,
    export_game,
)
from game.debrief.model import Comparison
from game.persistence.paths import AppPaths, refusal
from game.persistence.saves import SaveStore

LANG_CHOICES = ("both", "es", "en")


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Export a saved game for the facilitator: <name>.csv (one row per firm per season, "
        "decisions revealed), <name>.json (the full game; it reloads into the same debrief), "
        "the charts as PNG and <name>.html (a one-page summary that prints well)."
    )
    parser.add_argument(
        "save",
        metavar="SAVE",
        help="a save file (.json) or the name of a save in the game's folder",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="folder for the files (default: Asociatividad in your documents folder, where the "
        "debrief screen exports too)",
    )
    parser.add_argument("--name", help="file name without extension (default: the save's name)")
    parser.add_argument(
        "--lang",
        choices=LANG_CHOICES,
        default="both",
        help="language of the summary: both (Spanish then English, the default), es or en",
    )
    parser.add_argument("--no-charts", action="store_true", help="skip the PNG charts")


def add_compare_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Compare exported games (their .json files, one per group of a class for example): "
        "outcome, contract, length and trust curve, in one printable HTML page."
    )
    parser.add_argument("exports", nargs="+", metavar="EXPORT", help="an exported game's .json")
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="folder for the page (default: Asociatividad in your documents folder)",
    )
    parser.add_argument("--name", default="comparacion", help="file name without extension")
    parser.add_argument("--lang", choices=LANG_CHOICES, default="both")


def _fail(command: str, message: str) -> int:
    print(f"{command}: error: {message}", file=sys.stderr)
    return 2


# -- export ----------------------------------------------------------------------------------


def run_export(args: argparse.Namespace, charts: ChartWriter | None = None) -> int:
    """Export one saved game; ``charts`` draws the PNGs (None: no charts)."""
    from game.content.problems import LevelError
    from game.persistence.saves import SaveError

    if args.name is not None:  # before anything is read or written
        try:
            check_export_name(args.name)
        except ExportNameError as error:
            return _fail("export", f"--name: {error}")
    try:
        level, record, personalities, save_path = _read_save(args.save)
    except SaveError as error:
        return _fail("export", str(error))
    except LevelError as error:
        return _fail("export", f"the save's level cannot be loaded:\n{error}")
    except ExportError as error:
        return _fail("export", str(error))
    out = Path(args.out) if args.out else default_export_dir()
    name = args.name or save_path.stem
    if _same_file(out / f"{name}.json", save_path):
        name += "-export"  # never write the export over the save it was read from
    try:
        paths = export_game(
            level,
            record,
            out,
            charts=None if args.no_charts else charts,
            name=name,
            lang=args.lang,
            personalities=personalities,
        )
    except OSError as error:
        return _fail("export", f"cannot write to {out}: {refusal(error)}")
    except ExportNameError as error:  # a save's own name that is no file name (checked above)
        return _fail("export", str(error))
    except ValueError as error:
        return _fail("export", f"the saved game does not replay: {error}")
    except Exception as error:  # whatever the file holds, one line, never a traceback
        return _fail("export", f"the saved game does not replay ({type(error).__name__}: {error})")
    for path in paths:
        print(path)
    return 0


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file; ``os.path.realpath``, which a loop of symbolic links
    does not make raise (``Path.resolve`` does, before Python 3.13)."""
    return os.path.realpath(a) == os.path.realpath(b)


def _read_save(ref: str):
    """The level, record, seat personalities and path of a finished save, every field of it
    checked (:mod:`game.content.records`) before any is used."""
    from game.content.levels import load_level
    from game.content.records import RecordError, check_against_level, save_problems
    from game.engine.game import GameRecord, OldRulesError
    from game.persistence.paths import default_paths
    from game.persistence.saves import SaveStore

    loaded = SaveStore(default_paths(), check=save_problems).read(ref, quarantine=False)
    data = loaded.game
    record_data = data.get("record")
    if not isinstance(record_data, dict):
        raise ExportError(f"{loaded.path}: the contract was never signed; there is no game yet")
    try:
        record = GameRecord.from_json(record_data)
    except OldRulesError as error:
        raise ExportError(f"{loaded.path}: {error}") from None
    except Exception as error:  # the check above leaves nothing for this: never a traceback
        raise ExportError(
            f"{loaded.path}: the game's record is damaged ({type(error).__name__}: {error})"
        ) from None
    if not loaded.finished:
        raise ExportError(
            f"{loaded.path}: this game is not finished yet (season {len(record.decisions)}); "
            "finish it first, then export it"
        )
    level_ref = data.get("level_path") or record.level_id
    try:
        level = load_level(level_ref)
    except Exception:  # the file moved: the shipped level of that name, as the game does
        level = load_level(record.level_id)
    problems = check_against_level(record.names, len(record.decisions), level, ("game", "record"))
    if problems:
        error = RecordError(loaded.path, problems)
        raise ExportError(f"{loaded.path}: {error.details('en')}")
    seats = data.get("seats")
    personalities = (
        tuple(s.get("personality") for s in seats if isinstance(s, dict))
        if isinstance(seats, list)
        else None
    )
    return level, record, personalities, loaded.path


# -- compare ---------------------------------------------------------------------------------


def run_compare(args: argparse.Namespace) -> int:
    from game.debrief.compare import compare, export_comparison

    try:  # before anything is read or written
        check_export_name(args.name)
    except ExportNameError as error:
        return _fail("compare", f"--name: {error}")
    comparison: Comparison = compare([Path(p) for p in args.exports])
    for problem in comparison.problems:
        print(f"compare: skipped {problem}", file=sys.stderr)
    if not comparison.games:
        return _fail("compare", "none of the files is an exported game")
    out = Path(args.out) if args.out else default_export_dir()
    try:
        path = export_comparison(comparison, out, name=args.name, lang=args.lang)
    except OSError as error:
        return _fail("compare", f"cannot write to {out}: {refusal(error)}")
    print(path)
    return 0


# -- simulate --save -------------------------------------------------------------------------


def save_simulated(args: argparse.Namespace) -> int:
    """Play one computer-run game as ``simulate`` plays game 0 (seed S), through a
    :class:`~game.play.match.Match`, and write it as a finished save."""
    from game.content.levels import load_level
    from game.content.problems import LevelError
    from game.persistence.saves import SaveError
    from game.sim.simulate import SimulationError, parse_firms

    if args.games != 1:
        return _fail("simulate", f"--save writes one game: use --games 1 (not {args.games})")
    try:
        level = load_level(args.level)
    except LevelError as error:
        return _fail("simulate", f"cannot load level '{args.level}':\n{error}")
    try:
        match = play_match(level, args.seed, parse_firms(args.firms), args.policy, args.contract)
        path = write_finished(match, args.save, overwrite=args.overwrite)
    except SimulationError as error:
        return _fail("simulate", str(error))
    except SaveError as error:
        return _fail("simulate", str(error))
    except ValueError as error:
        return _fail("simulate", str(error))
    game = match.active_game
    assert game.outcome is not None
    print(f"{level.id}, seed {args.seed}: {game.outcome.kind} after {game.outcome.season} seasons")
    print(path)
    return 0


def play_match(level, seed: int, firms, policy, contract):
    """The simulator's game 0 with seed ``seed``, played by a Match (the game's own table) so
    that it saves exactly as a game played on screen."""
    from game.engine.game import seat_names
    from game.play.match import Match, Seat, Stage
    from game.sim.simulate import check_arguments, contract_name, contract_terms, seating

    check_arguments(level, 1, firms, policy, contract, 1)
    personalities = seating(level, seed, 0, firms, policy)
    names = seat_names(level, len(personalities))
    match = Match(level, [Seat(n, p) for n, p in zip(names, personalities, strict=True)], seed)
    match.sign(contract_terms(level, contract_name(policy, contract)))
    while match.stage is not Stage.OVER:
        match.resolve()
        if match.stage is Stage.RESOLVED:
            match.next_season()
    return match


def write_finished(match, target: str, *, overwrite: bool = False) -> Path:
    """Write the match as a finished save: a bare name goes to the game's saves folder (the
    load screen lists it), a path to that file. The format is the game's own
    (:class:`~game.persistence.saves.SaveStore`, ``Match.to_json``).

    An existing file there (another group's game, say) is never replaced unless ``overwrite``
    (``ValueError`` otherwise); even then, one that is not a readable save is kept under
    another name by the store, and that is said on stderr."""
    from game.persistence.paths import default_paths
    from game.persistence.saves import SAVE_SUFFIX, SaveStore, make_summary, sanitize_slot

    path = Path(target)
    is_path = target.endswith(SAVE_SUFFIX) or "/" in target or "\\" in target
    from game.content.records import save_problems

    store = SaveStore(default_paths(), check=save_problems)
    slot = path.stem if is_path else target
    if sanitize_slot(slot) != slot:
        raise ValueError(
            f"'{slot}' cannot be a save's name: use letters, digits, - and _ "
            f"(for example '{sanitize_slot(slot)}')"
        )
    if is_path:
        if path.suffix != SAVE_SUFFIX:
            raise ValueError(f"a save file's name ends in {SAVE_SUFFIX}: {path}")
        store = FolderStore(default_paths(), path.parent)
    game = match.active_game
    summary = make_summary(
        match.level.id,
        match.level.name,
        game.state.season,
        [s.name for s in match.seats],
        game.outcome.kind if game.outcome else None,
    )
    summary["humans"] = []  # as game.ui.saving.save_summary: nobody played at the screen
    destination = store.path_for(slot)
    if not overwrite and os.path.lexists(destination):
        raise ValueError(
            f"there is already a file at {destination}, which --save would replace: choose "
            "another name, or add --overwrite to replace it"
        )
    written = store.write(slot, match.to_json(), summary, finished=True)
    if store.last_set_aside is not None:
        print(f"simulate: {store.last_set_aside.message_en}", file=sys.stderr)
    return written


class FolderStore(SaveStore):
    """A save store writing into any folder (``simulate --save some/dir/file.json``)."""

    def __init__(self, paths: AppPaths, folder: Path) -> None:
        from game.content.records import save_problems

        super().__init__(paths, check=save_problems)
        self._folder = folder

    @property
    def folder(self) -> Path:
        return self._folder
