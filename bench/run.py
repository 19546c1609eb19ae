"""Benchmarks, run by hand (never as timed tests): ``python bench/run.py [--quick] [--json]``.

Figures (issue 5):

- ``engine_games_per_s`` / ``engine_seasons_per_s``: whole games (and seasons) per second for
  each shipped level, 6 firms with mixed personalities and the level's reference contract, one
  process, through ``game.engine.game.play``;
- ``axelrod_turns_ratio``: the tutorial (the classic iterated prisoner's dilemma) against the
  Axelrod library (``pip install -e '.[bench]'``): the same 200-round matches between Cooperator,
  Defector, TitForTat, Grudger and Alternator (every pair, and each against itself), the scores
  checked identical, and our turns per second over theirs. Ours are played by the tutorial's
  batch player (``game.engine.dilemma_batch``, what ``simulate`` uses for deterministic firms);
  the figure for one full ``Game`` per match (views and reports every season, as on screen) is
  printed beside it;
- ``simulate_10k_s``: wall time of ``python main.py simulate LEVEL --games 10000`` on both cores
  (a real subprocess, so start-up and the worker pool are counted; ``--quick`` plays 500 and
  scales by twenty);
- ``frame_p99_ms`` / ``frame_median_ms``: frame time over 600 frames, headless at 1280x720, of
  the season screen with 8 firms and of the debrief (``bench/debrief_frames.py``), each in a
  fresh process;
- ``startup_s``: from launching ``python main.py`` to its first drawn, interactive title frame
  (a fresh process with an empty user folder, median of three launches);
- ``peak_rss_mb``: peak resident memory of a process that opens the window and plays a whole
  demo game of Gamarra (8 firms) from the first season to the end screen.

``--repeat N`` runs everything N times and reports the median of each figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

MIX = ("leal", "oportunista", "reciproco", "rencoroso", "a_medias", "inversor")
ENGINE_FIRMS = 6
AXELROD_TURNS = 200
AXELROD_PAIRS = {  # Axelrod's class name -> our personality key
    "Cooperator": "always_cooperate",
    "Defector": "always_defect",
    "TitForTat": "ojo_por_ojo",
    "Grudger": "rencoroso",
    "Alternator": "alternador",
}
HEADLESS = {
    "SDL_VIDEODRIVER": "dummy",
    "SDL_AUDIODRIVER": "dummy",
    "PYGAME_HIDE_SUPPORT_PROMPT": "1",
}


def _child_env(home: str | None = None) -> dict[str, str]:
    env = {**os.environ, **HEADLESS, "PYTHONPATH": str(ROOT)}
    env["ASOCIATIVIDAD_HOME"] = home or tempfile.mkdtemp(prefix="asociatividad-bench-")
    return env


# -- the engine ------------------------------------------------------------------------------


def engine_throughput(level_name: str, games: int) -> dict[str, float]:
    from game.ai import make_personality
    from game.content.levels import load_level
    from game.engine.game import play

    level = load_level(level_name)
    firms = min(ENGINE_FIRMS, level.firms.max)
    seasons = 0
    start = time.perf_counter()
    for seed in range(games):
        deciders = [make_personality(MIX[i], f"{seed}/ai/{i}") for i in range(firms)]
        seasons += len(play(level, deciders, seed, level.reference_contract).reports)
    elapsed = time.perf_counter() - start
    return {"games_per_s": games / elapsed, "seasons_per_s": seasons / elapsed}


# -- against the Axelrod library -------------------------------------------------------------


def tutorial_rounds(turns: int):
    """The shipped tutorial level, played for ``turns`` rounds instead of its 10."""
    from game.content.levels import load_level

    level = load_level("tutorial")
    end = dataclasses.replace(level.rules.end, season_limit=turns)
    return dataclasses.replace(level, rules=dataclasses.replace(level.rules, end=end))


def _pairs() -> list[tuple[str, str]]:
    names = list(AXELROD_PAIRS)
    return [(a, b) for i, a in enumerate(names) for b in names[i:]]


def our_matches(level, repeats: int) -> tuple[dict, float]:
    """Scores of every pair on our engine, one Game per match with every season told (views,
    reports, the public record: what the screen plays), and the seconds taken."""
    from game.ai import make_personality
    from game.engine.game import play

    scores = {}
    start = time.perf_counter()
    for rep in range(repeats):
        for a, b in _pairs():
            keys = (AXELROD_PAIRS[a], AXELROD_PAIRS[b])
            deciders = [make_personality(k, f"{rep}/{i}") for i, k in enumerate(keys)]
            game = play(level, deciders, rep)
            scores[a, b] = tuple(f.capital for f in game.state.firms)
    return scores, time.perf_counter() - start


def our_matches_batched(level, repeats: int) -> tuple[dict, float]:
    """The same matches through the tutorial's batch player (what ``simulate`` uses for
    deterministic firms): every match of the run one row of one batch."""
    from game.ai import REGISTRY
    from game.engine.dilemma_batch import play_dilemma_batch

    pairs = _pairs()
    start = time.perf_counter()
    tables = [
        [REGISTRY[AXELROD_PAIRS[name]].tutorial_machine for name in pair]
        for _ in range(repeats)
        for pair in pairs
    ]
    games = play_dilemma_batch(level, tables, [rep for rep in range(repeats) for _ in pairs])
    seconds = time.perf_counter() - start
    return {pair: games[i].capital for i, pair in enumerate(pairs)}, seconds


def their_matches(repeats: int) -> tuple[dict, float]:
    import axelrod as axl

    scores = {}
    start = time.perf_counter()
    for _ in range(repeats):
        for a, b in _pairs():
            # A new Match has a new deterministic cache: nothing is reused between repeats.
            match = axl.Match((getattr(axl, a)(), getattr(axl, b)()), turns=AXELROD_TURNS)
            match.play()
            scores[a, b] = tuple(float(s) for s in match.final_score())
    return scores, time.perf_counter() - start


def child_axelrod(repeats: int) -> dict:
    """Import Axelrod (about 25 s: it builds every one of its strategies at import), say so,
    wait for the word to go (so the timed matches never share the CPU with the parent's own
    measurements), then play and report."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            import axelrod  # noqa: F401
        except ImportError as error:
            return {"error": f"axelrod is not installed (pip install -e '.[bench]'): {error}"}
    print("ready", flush=True)
    sys.stdin.readline()
    their_matches(1)  # warm up
    scores, seconds = their_matches(repeats)
    return {"scores": {f"{a}|{b}": s for (a, b), s in scores.items()}, "seconds": seconds}


class AxelrodSide:
    """Their side in a child process, started first so that its long import overlaps our work."""

    def __init__(self, repeats: int) -> None:
        self.repeats = repeats
        command = [sys.executable, str(Path(__file__).resolve()), "--child", "axelrod"]
        self.process = subprocess.Popen(
            [*command, "--frames", str(repeats)],
            env=_child_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def wait_ready(self) -> None:
        """Block until the child has imported Axelrod (so it no longer uses the CPU)."""
        assert self.process.stdout
        self._first = self.process.stdout.readline().strip()

    def result(self) -> dict:
        assert self.process.stdin and self.process.stdout
        first = getattr(self, "_first", None) or self.process.stdout.readline().strip()
        if first == "ready":
            self.process.stdin.write("go\n")
            self.process.stdin.flush()
            first = self.process.stdout.readline().strip()
        self.process.wait(timeout=600)
        data = json.loads(first) if first else {"error": "the Axelrod child printed nothing"}
        if "scores" in data:
            data["scores"] = {tuple(k.split("|")): tuple(v) for k, v in data["scores"].items()}
        return data


def axelrod_comparison(theirs_side: AxelrodSide) -> dict:
    level = tutorial_rounds(AXELROD_TURNS)
    repeats = theirs_side.repeats
    our_matches(level, 1)  # warm up
    our_matches_batched(level, 1)
    one_by_one, one_s = our_matches(level, max(repeats // 10, 1))
    ours, our_s = our_matches_batched(level, repeats)
    theirs = theirs_side.result()
    if "error" in theirs:
        return theirs
    # The tutorial starts every firm at 0 capital, so the final capital is the match score.
    differ = {
        f"{a} v {b}": (ours[a, b], one_by_one[a, b], theirs["scores"][a, b])
        for a, b in ours
        if not ours[a, b] == one_by_one[a, b] == theirs["scores"][a, b]
    }
    turns = repeats * len(_pairs()) * AXELROD_TURNS
    one_turns = max(repeats // 10, 1) * len(_pairs()) * AXELROD_TURNS
    theirs_rate = turns / theirs["seconds"]
    return {
        "matches": len(_pairs()),
        "turns": turns,
        "ours_turns_per_s": turns / our_s,
        "theirs_turns_per_s": theirs_rate,
        "ratio": turns / our_s / theirs_rate,
        "one_game_at_a_time_turns_per_s": one_turns / one_s,
        "one_game_at_a_time_ratio": one_turns / one_s / theirs_rate,
        "scores_identical": not differ,
        "differences": differ,
    }


# -- the simulator ---------------------------------------------------------------------------


def simulate_wall_time(level_name: str, games: int) -> float:
    """``python main.py simulate`` in a fresh process on both cores: seconds, launch to exit."""
    from game.sim.simulate import default_workers

    command = [sys.executable, str(ROOT / "main.py"), "simulate", level_name]
    command += ["--games", str(games), "--seed", "1", "--json", "--workers", str(default_workers())]
    start = time.perf_counter()
    done = subprocess.run(command, env=_child_env(), capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"simulate {level_name} failed:\n{done.stderr[-2000:]}")
    json.loads(done.stdout)  # it printed its summary
    return elapsed


# -- in fresh processes: frames, start-up, memory --------------------------------------------


def frame_figures(samples: list[float]) -> dict[str, float]:
    """Median and 99th percentile (nearest rank) of frame times, for every screen measured."""
    ordered = sorted(samples)
    rank = max(0, math.ceil(len(ordered) * 0.99) - 1)
    return {"median_ms": statistics.median(ordered), "p99_ms": ordered[rank]}


def child_season_frames(frames: int) -> dict[str, float]:
    """The season screen, deciding, with 8 firms (one person, seven computer-run), 1280x720."""
    from game.content.levels import load_level
    from game.persistence.paths import default_paths
    from game.persistence.settings import Settings
    from game.play.match import Match, Seat
    from game.ui import flow
    from game.ui.app import App

    level = load_level("gamarra")
    seats = [Seat("Ana")] + [Seat(level.firm_names[i], MIX[i % len(MIX)]) for i in range(1, 8)]
    match = Match(level, seats, 3)
    match.sign(level.reference_contract)
    app = App(default_paths(), settings=Settings(animation_speed="normal"), size=(1280, 720))
    app.match, app.save_slot = match, "bench"
    flow.resume(app)
    for _ in range(30):
        app.step()
    scene = app.scene
    if type(scene).__name__ != "SeasonScene" or scene.mode != "deciding":
        raise RuntimeError(f"not the deciding season screen: {type(scene).__name__}")
    samples = []
    for _ in range(frames):
        start = time.perf_counter()
        app.step()
        samples.append((time.perf_counter() - start) * 1000)
    if type(app.scene).__name__ != "SeasonScene":
        raise RuntimeError("the season screen failed while measured")
    return frame_figures(samples)


def child_debrief_frames(frames: int) -> dict[str, float]:
    """The debrief with its charts, 1280x720 (bench/debrief_frames.py sets it up)."""
    sys.path.insert(0, str(BENCH))
    import debrief_frames

    return frame_figures(debrief_frames.measure(frames=frames))


def child_full_game_rss() -> dict[str, float]:
    """Open the window and play a whole demo game (8 computer-run firms) to the end screen."""
    from game.persistence.paths import default_paths
    from game.persistence.settings import Settings
    from game.ui.app import App
    from game.ui.launch import demo_match
    from game.ui.scenes.season import SeasonScene

    match = demo_match("gamarra", 3)
    app = App(default_paths(), settings=Settings(animation_speed="fast"), size=(1280, 720))
    app.match = match
    app.show(SeasonScene(app, demo=True, exit_at_end=True))
    steps = 0
    while app.running and steps < 200_000:
        app.step(dt=0.25)
        steps += 1
    scene = type(app.scene).__name__
    if match.stage.value != "over" or scene not in {"EndScene", "DebriefScene"}:
        raise RuntimeError(f"the demo game did not reach its end ({match.stage}, {scene})")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "peak_rss_mb": rss,
        "seasons": match.active_game.state.season,
        "frames": steps,
        "last_screen": scene,
    }


CHILDREN = {
    "season-frames": lambda n: child_season_frames(n),
    "debrief-frames": lambda n: child_debrief_frames(n),
    "full-game-rss": lambda n: child_full_game_rss(),
    "axelrod": lambda n: child_axelrod(n),
}


def in_child(what: str, frames: int = 0):
    command = [sys.executable, str(Path(__file__).resolve()), "--child", what]
    command += ["--frames", str(frames)]
    done = subprocess.run(command, env=_child_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


STARTUP_CODE = """
import os, sys
sys.argv = ["main.py"]
from game.ui import app as _app
_step = _app.App.step
def step(self, *args, **kwargs):
    _step(self, *args, **kwargs)
    if self.frames >= 1:
        if type(self.scene).__name__ != "TitleScene":
            os._exit(3)
        print("first-frame", flush=True)
        os._exit(0)
_app.App.step = step
from game.cli import main
main([])
"""


def startup_time() -> float:
    """Seconds from launching ``python main.py`` (a fresh interpreter, an empty user folder) to
    the end of its first frame on the title screen (events handled, drawn, ready for input)."""
    env = _child_env()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", STARTUP_CODE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    total = time.perf_counter() - start
    if done.returncode != 0 or "first-frame" not in done.stdout:
        raise RuntimeError(f"start-up failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return total


# -- the run ---------------------------------------------------------------------------------


def run_once(quick: bool, log) -> dict:
    from game.content.levels import shipped_level_names

    levels = shipped_level_names()
    games = 50 if quick else 500
    sim_games = 500 if quick else 10_000
    frames = 200 if quick else 600
    theirs = AxelrodSide(2 if quick else 10)
    if not quick:  # no overlap at all with its import; --quick lets it overlap the engine runs
        theirs.wait_ready()
    out: dict = {
        "engine_games_per_s": {},
        "engine_seasons_per_s": {},
        "simulate_10k_s": {},
        "frame_median_ms": {},
        "frame_p99_ms": {},
    }
    for name in levels:
        figures = engine_throughput(name, games)
        out["engine_games_per_s"][name] = figures["games_per_s"]
        out["engine_seasons_per_s"][name] = figures["seasons_per_s"]
        log(f"engine {name}: {figures['games_per_s']:.0f} games/s")
    ax = axelrod_comparison(theirs)
    out["axelrod_turns_ratio"] = ax.get("ratio")
    out["axelrod"] = ax
    log(f"axelrod: {ax}")
    for name in levels:
        wall = simulate_wall_time(name, sim_games)
        out["simulate_10k_s"][name] = wall * 10_000 / sim_games
        log(f"simulate {name} x{sim_games}: {wall:.2f} s")
    screens = {"season_8_firms": "season-frames", "debrief": "debrief-frames"}
    for screen, child in screens.items():
        figures = in_child(child, frames)
        out["frame_median_ms"][screen] = figures["median_ms"]
        out["frame_p99_ms"][screen] = figures["p99_ms"]
        log(f"frames {screen}: {figures}")
    out["startup_s"] = statistics.median(startup_time() for _ in range(1 if quick else 3))
    log(f"startup: {out['startup_s']:.3f} s")
    rss = in_child("full-game-rss")
    out["peak_rss_mb"] = rss["peak_rss_mb"]
    log(f"full game: {rss}")
    return out


def median_of(runs: list[dict]) -> dict:
    """Each number's median over the runs, figure by figure (nested dicts too); anything else
    (lists, flags, texts) is taken from the first run."""

    def merge(values: list):
        first = values[0]
        if isinstance(first, dict):
            return {
                k: merge([v[k] for v in values if isinstance(v, dict) and k in v]) for k in first
            }
        numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if numbers and len(numbers) == len(values):
            return statistics.median(numbers)
        return first

    return merge(runs)


def _rounded(value):
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, float):
        return round(value, 3 if abs(value) < 10 else 1)
    return value


def print_table(results: dict) -> None:
    goals = {
        "engine_games_per_s": ">= 1000",
        "axelrod_turns_ratio": ">= 2",
        "simulate_10k_s": "< 10",
        "frame_p99_ms": "< 10",
        "startup_s": "< 1",
        "peak_rss_mb": "< 200",
    }
    print(f"{'figure':44} {'value':>12}  goal")
    for key, value in results.items():
        if key in ("axelrod", "machine"):
            continue
        if isinstance(value, dict):
            for sub, figure in value.items():
                print(f"{key + ' ' + sub:44} {figure!s:>12}  {goals.get(key, '')}")
        elif isinstance(value, list):
            print(f"{key:44} {', '.join(value):>12}")
        else:
            print(f"{key:44} {value!s:>12}  {goals.get(key, '')}")
    ax = results.get("axelrod", {})
    if "error" in ax:
        print(f"axelrod: {ax['error']}")
    elif ax:
        same = "identical" if ax["scores_identical"] else f"DIFFERENT: {ax['differences']}"
        print(
            f"axelrod: {ax['matches']} matches of {AXELROD_TURNS} turns, scores {same}; "
            f"ours {ax['ours_turns_per_s']:.0f} turns/s in a batch "
            f"({ax['one_game_at_a_time_turns_per_s']:.0f} one Game per match), "
            f"theirs {ax['theirs_turns_per_s']:.0f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a shorter run (under a minute)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="median of N runs")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--frames", type=int, default=600, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        for key, value in HEADLESS.items():
            os.environ.setdefault(key, value)
        print(json.dumps(CHILDREN[args.child](args.frames)))
        return 0

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    runs = []
    for n in range(args.repeat):
        if args.repeat > 1:
            log(f"-- run {n + 1} of {args.repeat}")
        runs.append(run_once(args.quick, log))
    results = _rounded(median_of(runs))
    results["runs"] = args.repeat
    results["quick"] = args.quick
    results["machine"] = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
