"""``python main.py simulate``: the command-line face of :mod:`game.sim.simulate`.

Wired by the main CLI as a subcommand::

    from game.sim.command import add_arguments, run
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from game.content.levels import load_level
from game.content.problems import LevelError
from game.sim.simulate import (
    CONTRACTS,
    POLICIES,
    SimulationError,
    default_workers,
    format_summary,
    max_workers,
    parse_firms,
    simulate,
    summary_to_json_text,
)

PARALLEL_FROM = 200
"""Runs of at least this many games use several processes and report progress on stderr."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the simulate options to a (sub)parser."""
    parser.description = (
        "Play many games of a level with computer-run firms and sum them up: rates of advance, "
        "collapse and stagnation, mean length and final trust, mean payoff of each personality "
        "and the most common reasons for failure. Game k (k = 0..N-1) uses seed S + k, so any "
        "game can be replayed on its own; the same arguments always print the same figures."
    )
    parser.add_argument("level", help="a shipped level's name (e.g. gamarra) or a level YAML path")
    parser.add_argument(
        "--games", type=int, default=1000, metavar="N", help="games to play (default: 1000)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="S",
        help="base seed: game k uses seed S + k (default: 0)",
    )
    seats = parser.add_mutually_exclusive_group()
    seats.add_argument(
        "--firms",
        metavar="A,B,C",
        help="personalities seated in order, comma-separated (default: the level's usual number "
        "of firms, drawn at random from the non-reference personalities for each game)",
    )
    seats.add_argument(
        "--policy",
        choices=list(POLICIES),
        help="reference policy in every seat (always_cooperate / always_defect), signing the "
        "level's reference contract unless --contract says otherwise; solo: no alliance forms "
        "and every firm sells alone all the horizon",
    )
    parser.add_argument(
        "--contract",
        choices=list(CONTRACTS),
        help="contract the firms sign: the level's reference, default or no_rules contract "
        "(default: reference with --policy, default otherwise)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument(
        "--workers",
        type=int,
        metavar="K",
        help=f"worker processes (default: {default_workers()} from {PARALLEL_FROM} games, "
        f"else 1; at most {max_workers()}, this machine's cores); the figures do not depend on it",
    )


class Progress:
    """``simulating gamarra: 1200/5000 games`` on stderr: one updating line on a terminal,
    otherwise a line every ~10%."""

    def __init__(self, level: str, stream: TextIO) -> None:
        self.level = level
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.shown = -1 if self.tty else 0  # last percent (terminal) or tenth (log) shown
        self.wrote = False

    def __call__(self, done: int, total: int) -> None:
        step = done * 100 // total if self.tty else done * 10 // total
        if step == self.shown:
            return
        self.shown = step
        text = f"simulating {self.level}: {done}/{total} games"
        if self.tty:
            self.stream.write("\r" + text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
        self.wrote = True

    def close(self) -> None:
        if self.tty and self.wrote:
            self.stream.write("\n")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    """Run the simulation the arguments describe; returns the exit code."""
    firms = parse_firms(args.firms)
    if args.firms is not None and not firms:
        return _fail("--firms names no personality")
    workers = args.workers
    if workers is None:
        workers = default_workers() if args.games >= PARALLEL_FROM else 1
    try:
        level = load_level(args.level)
    except LevelError as error:
        return _fail(f"cannot load level '{args.level}':\n{error}")
    progress = Progress(level.id, sys.stderr) if args.games >= PARALLEL_FROM else None
    try:
        summary = simulate(
            args.level,
            args.games,
            args.seed,
            firms=firms,
            policy=args.policy,
            contract=args.contract,
            workers=workers,
            progress=progress,
            level=level,
        )
    except LevelError as error:  # a worker could not load it (the file changed meanwhile)
        return _fail(f"cannot load level '{args.level}':\n{error}")
    except SimulationError as error:
        return _fail(str(error))
    finally:
        if progress is not None:
            progress.close()
    print(summary_to_json_text(summary) if args.json else format_summary(summary))
    return 0


def _fail(message: str) -> int:
    print(f"simulate: error: {message}", file=sys.stderr)
    return 2
