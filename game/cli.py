"""Command line: ``check-level`` for level authors; ``simulate``, ``export`` and ``compare`` for
facilitators and designers; ``workshop`` serves a classroom workshop to the room's phones.

Errors a person can fix are printed as messages with exit code 2, never as tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from game.content.levels import check_file, resolve_level_path
from game.content.problems import LevelError


def check_levels(paths: Sequence[str]) -> int:
    """Validate level files; print every problem as ``file:line: field: what is wrong``."""
    failed = 0
    for name in paths:
        try:
            path = resolve_level_path(name)
        except LevelError as error:
            print(error, file=sys.stderr)
            failed += 1
            continue
        problems = check_file(path)
        if problems:
            failed += 1
            for problem in problems:
                print(problem, file=sys.stderr)
            count = len(problems)
            print(f"{path}: {count} problem{'s' if count > 1 else ''}", file=sys.stderr)
        else:
            print(f"{path}: ok{_phase_profile(path)}")
    return 1 if failed else 0


def _phase_profile(path) -> str:
    """For a cluster level that checked clean: how its starting dimensions read, phase by
    phase, so an author sees what the game makes of the Cuadro they encoded."""
    from game.content.levels import load_level
    from game.engine.cluster import describe_profile

    try:
        level = load_level(str(path))
    except LevelError:  # the rules-defaults file checks clean but is not a level
        return ""
    if level.is_dilemma:
        return ""
    profile = describe_profile(
        level.start_dimensions, level.rules.phase_thresholds, level.dimension_sense
    )
    p = level.start_population
    cluster = (
        f"around the table: {p.firms:,} firms, {p.associated:.0%} in associations; guild unity "
        f"{p.guild_unity:g}, guilds {p.guilds:g}, state {p.state:g}, services {p.services:g}"
    )
    return f" ({profile}; {cluster})"


def program_name(argv0: str) -> str:
    """How the help names the command: the way it was started (``asociatividad`` once installed)."""
    name = Path(argv0).name
    known = {"main.py": "python main.py", "__main__.py": "python -m game"}
    return known.get(name) or name or "asociatividad"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=program_name(sys.argv[0]),
        description="Asociatividad: a serious game about business associativity in Peruvian clusters.",
    )
    parser.add_argument(
        "--demo",
        metavar="LEVEL",
        help="play a game on screen with computer-run firms in every seat (a level name or a YAML path)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the demo game (default 1)")
    parser.add_argument(
        "--exit-at-end", action="store_true", help="with --demo: quit when the game ends"
    )
    commands = parser.add_subparsers(dest="command")
    check = commands.add_parser(
        "check-level",
        help="validate level files and report every problem with file and line",
    )
    check.add_argument(
        "paths", nargs="+", metavar="PATH", help="a level file or a shipped level's name"
    )
    simulate = commands.add_parser(
        "simulate", help="play many games with computer-run firms and print the outcome rates"
    )
    from game.sim.command import add_arguments

    add_arguments(simulate)
    simulate.add_argument(
        "--save",
        metavar="FILE",
        help="with --games 1: write that game as a finished save the game's load screen opens "
        "(a name such as ejemplo goes to the game's saves folder; a path ending in .json "
        "is written there)",
    )
    simulate.add_argument(
        "--overwrite",
        action="store_true",
        help="with --save: replace the file already there (without it, an existing file is "
        "never replaced; a file that is not a readable save is kept under another name)",
    )
    from game.debrief.command import add_compare_arguments, add_export_arguments

    add_export_arguments(
        commands.add_parser("export", help="export a saved game: CSV, JSON, charts and a summary")
    )
    add_compare_arguments(
        commands.add_parser("compare", help="compare exported games in one printable summary")
    )
    from game.workshop.command import add_arguments as add_workshop_arguments

    add_workshop_arguments(
        commands.add_parser(
            "workshop",
            help="serve a classroom workshop: phones join over the room's Wi-Fi, this laptop "
            "is the server (prints the address, the room code, the console's PIN and a QR code)",
        )
    )
    return parser


def launch_game(args: argparse.Namespace) -> int:
    """Open the game window (or a demo game). Problems are reported in words, not tracebacks."""
    from game.ui.launch import launch

    return launch(demo=args.demo, seed=args.seed, exit_at_end=args.exit_at_end)


def chart_writer():
    """The UI's PNG chart writer, drawn off screen (SDL's dummy driver), or None when pygame
    cannot be used here; the export then goes on without charts and says so."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        from game.ui.charts import save_charts
    except Exception as error:  # no pygame, no display driver: the rest of the export still works
        print(f"export: charts skipped ({error})", file=sys.stderr)
        return None

    def write(debrief, out_dir):
        try:
            return save_charts(debrief, out_dir)
        except Exception as error:  # a chart must never cost the facilitator the export
            print(f"export: charts skipped ({error})", file=sys.stderr)
            return []

    return write


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check-level":
        return check_levels(args.paths)
    if args.command == "simulate":
        if args.save is not None:
            from game.debrief.command import save_simulated

            return save_simulated(args)
        from game.sim.command import run

        return run(args)
    if args.command == "export":
        from game.debrief.command import run_export

        return run_export(args, charts=None if args.no_charts else chart_writer())
    if args.command == "compare":
        from game.debrief.command import run_compare

        return run_compare(args)
    if args.command == "workshop":
        from game.workshop.command import run as run_workshop

        return run_workshop(args, charts=chart_writer())
    return launch_game(args)
