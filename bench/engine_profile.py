"""Where a game's time goes, by engine module: ``python bench/engine_profile.py [LEVEL ...]``.

Plays the bench's games (``bench/run.py``: 6 mixed personalities, the level's reference
contract, through ``game.engine.game.play``) under cProfile and prints, per level, each
module's share of the time spent in its own functions, and the share spent inside the
cluster's population (``game/engine/population.py``, the functions and everything they call).
cProfile adds a cost to every call, so the shares lean toward code made of many small calls;
they say where to look, and ``bench/run.py`` says how fast a game is.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import ENGINE_FIRMS, MIX  # noqa: E402

LEVELS = ("tutorial", "gamarra", "el_porvenir", "villa_el_salvador")
OUTSIDE = {
    "~": "built-in functions and methods (len, min, dict.get...)",
    "<string>": "records' constructors (the __init__ dataclasses write)",
}


def profile_level(level_name: str, games: int) -> pstats.Stats:
    from game.ai import make_personality
    from game.content.levels import load_level
    from game.engine.game import play

    level = load_level(level_name)
    firms = min(ENGINE_FIRMS, level.firms.max)
    profiler = cProfile.Profile()
    profiler.enable()
    for seed in range(games):
        deciders = [make_personality(MIX[i], f"{seed}/ai/{i}") for i in range(firms)]
        play(level, deciders, seed, level.reference_contract)
    profiler.disable()
    return pstats.Stats(profiler)


def shares(stats: pstats.Stats) -> tuple[Counter[str], float, float]:
    """Own time by module (a path under the repository, or the name of what is outside it),
    the total, and the time inside population.py's functions (their callees included)."""
    by_module: Counter[str] = Counter()
    population = 0.0
    for (path, _line, _name), (_cc, _nc, own, cumulative, _callers) in stats.stats.items():
        module = OUTSIDE.get(path)
        if module is None:
            try:
                module = str(Path(path).resolve().relative_to(ROOT))
            except ValueError:
                module = "the standard library (random, functools...)"
        by_module[module] += own
        if module == "game/engine/population.py":
            population += cumulative
    return by_module, sum(by_module.values()), population


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("levels", nargs="*", default=LEVELS)
    parser.add_argument("--games", type=int, default=300)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    for level_name in args.levels:
        by_module, total, population = shares(profile_level(level_name, args.games))
        print(f"{level_name}: {args.games} games, {total:.2f} s under cProfile")
        for module, own in by_module.most_common(args.top):
            print(f"  {100 * own / total:5.1f}%  {module}")
        print(
            f"  population model (population.py and what it calls): {100 * population / total:.1f}%"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
