"""Command line: ``check-level`` for level authors, ``simulate`` for facilitators and designers.

Errors a person can fix are printed as messages with exit code 2, never as tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from game.content.levels import check_file, resolve_level_path, shipped_level_names
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
            print(f"{path}: ok")
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Asociatividad: a serious game about business associativity in Peruvian clusters.",
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
    return parser


def launch_game() -> int:
    print(
        "El juego en pantalla todavía no está disponible en esta versión.\n"
        "The on-screen game is not available in this version yet.\n\n"
        "Mientras tanto / Meanwhile:\n"
        f"  python main.py simulate gamarra --games 200 --seed 1   (levels: {', '.join(shipped_level_names())})\n"
        "  python main.py check-level levels/gamarra.yaml"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check-level":
        return check_levels(args.paths)
    if args.command == "simulate":
        from game.sim.command import run

        return run(args)
    return launch_game()
