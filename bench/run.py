"""Benchmarks, run by hand (never as timed tests): ``python bench/run.py [--quick] [--json]``.

Figures:
- engine_games_per_s: full games per second per shipped level, 6 firms, one process, mixed
  personalities with the reference contract (also seasons per second);
- simulate_10k_s: wall time of the simulator for 10,000 games per level on every core
  (1,000 with --quick, scaled);
- frame_ms: median and 99th percentile frame time of the season screen with 8 firms, headless
  at 1280x720 (600 frames, 200 with --quick);
- startup_s: launch to the first drawn frame of the title screen (a fresh process);
- peak_rss_mb: peak memory of this process after all of the above.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MIX = ("leal", "oportunista", "reciproco", "rencoroso", "a_medias", "inversor")


def engine_throughput(level_name: str, games: int) -> dict[str, float]:
    from game.ai import make_personality
    from game.content.levels import load_level
    from game.engine.game import play

    level = load_level(level_name)
    firms = min(6, level.firms.max)
    seasons = 0
    start = time.perf_counter()
    for seed in range(games):
        deciders = [make_personality(MIX[i], random.Random(f"{seed}/ai/{i}")) for i in range(firms)]
        seasons += len(play(level, deciders, seed, level.reference_contract).reports)
    elapsed = time.perf_counter() - start
    return {"games_per_s": games / elapsed, "seasons_per_s": seasons / elapsed}


def simulate_wall_time(level_name: str, games: int) -> float:
    from game.sim.simulate import default_workers, simulate

    start = time.perf_counter()
    simulate(level_name, games, 1, None, None, None, workers=default_workers())
    return time.perf_counter() - start


def frame_times(frames: int) -> dict[str, float] | None:
    """The season screen with 8 firms (skipped if the screen is not there yet)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["ASOCIATIVIDAD_HOME"] = str(Path("/tmp") / "asociatividad-bench")
    try:
        from game.content.levels import load_level
        from game.persistence.paths import default_paths
        from game.persistence.settings import Settings
        from game.play.match import Match, Seat
        from game.ui.app import App
        from game.ui.scenes.season import SeasonScene
    except ImportError:
        return None
    level = load_level("gamarra")
    seats = [Seat("Ana")] + [Seat(level.firm_names[i], MIX[i % len(MIX)]) for i in range(1, 8)]
    match = Match(level, seats, 3)
    match.sign(level.reference_contract)
    app = App(default_paths(), settings=Settings(animation_speed="normal"), size=(1280, 720))
    app.match = match
    app.show(SeasonScene(app))
    for _ in range(30):
        app.step()
    samples = []
    for _ in range(frames):
        start = time.perf_counter()
        app.step()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "median_ms": statistics.median(samples),
        "p99_ms": samples[int(len(samples) * 0.99) - 1],
    }


def startup_time() -> float:
    """Seconds from a fresh interpreter to the title screen's first frame."""
    code = (
        "import time; t=time.perf_counter();"
        "from game.ui.app import App; from game.ui.scenes.title import TitleScene;"
        "a=App(); a.show(TitleScene(a)); a.step(); print(time.perf_counter()-t)"
    )
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYTHONPATH": str(ROOT),
    }
    env["ASOCIATIVIDAD_HOME"] = "/tmp/asociatividad-bench"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    total = time.perf_counter() - start
    return total if done.returncode == 0 else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a shorter run (under a minute)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    from game.content.levels import shipped_level_names

    levels = [n for n in shipped_level_names() if n != "tutorial"]
    games = 100 if args.quick else 500
    sim_games = 1000 if args.quick else 10000
    results: dict = {"engine_games_per_s": {}, "engine_seasons_per_s": {}, "simulate_10k_s": {}}
    for name in levels:
        figures = engine_throughput(name, games)
        results["engine_games_per_s"][name] = round(figures["games_per_s"], 1)
        results["engine_seasons_per_s"][name] = round(figures["seasons_per_s"], 1)
        wall = simulate_wall_time(name, sim_games)
        results["simulate_10k_s"][name] = round(wall * 10000 / sim_games, 2)
    frames = frame_times(200 if args.quick else 600)
    results["frame_p99_ms"] = {"season_8_firms": round(frames["p99_ms"], 2)} if frames else {}
    results["frame_median_ms"] = {"season_8_firms": round(frames["median_ms"], 2)} if frames else {}
    results["startup_s"] = round(startup_time(), 3)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    results["axelrod_turns_ratio"] = None  # needs the optional `bench` extra (axelrod==4.13.0)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'figure':32} {'value':>12}")
    for key, value in results.items():
        if isinstance(value, dict):
            for sub, figure in value.items():
                print(f"{key + ' ' + sub:32} {figure:>12}")
        else:
            print(f"{key:32} {value!s:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
