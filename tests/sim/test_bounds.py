"""A run's bounds (issue 16): the number of games and of workers is capped with a clear message,
workers get a bounded number of chunks at a time, and the sums do not keep every game."""

from __future__ import annotations

import argparse
import importlib
import os
import tracemalloc
from concurrent.futures import Future

import pytest

from game.content.levels import load_level
from game.sim.command import add_arguments, run
from game.sim.simulate import SimulationError, simulate

sim = importlib.import_module("game.sim.simulate")  # the package's name is the function
pool_runner = importlib.import_module("game.sim.pool")


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


@pytest.fixture
def nothing_played(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a refused run played games")

    monkeypatch.setattr(sim, "run_games", refuse)


def test_too_many_games_are_refused_before_any_is_played(nothing_played):
    with pytest.raises(SimulationError, match=r"at most 10,000,000, not 10,000,001"):
        simulate("gamarra", 10_000_001, 1, policy="solo", workers=1)


def test_the_command_refuses_a_billion_games_in_words(nothing_played, capsys):
    code = run(parse("gamarra", "--games", "1000000000", "--policy", "solo", "--workers", "1"))
    assert code == 2
    err = capsys.readouterr().err
    assert "at most 10,000,000" in err and "Traceback" not in err


def test_more_workers_than_cores_are_refused(monkeypatch, capsys):
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    with pytest.raises(SimulationError, match=r"at most 3 \(this computer's cores\), not 4"):
        simulate("gamarra", 5, 1, policy="solo", workers=4)
    assert run(parse("gamarra", "--games", "5", "--policy", "solo", "--workers", "100")) == 2
    assert "at most 3" in capsys.readouterr().err


def test_two_workers_are_allowed_on_a_one_core_machine(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    sim.check_arguments(load_level("gamarra"), 5, None, "solo", None, 2)


class _FakePool:
    """A pool that runs nothing until ``wait`` asks for it, last submitted first (the worst
    order for adding in seed order), counting what is in flight."""

    def __init__(self, max_workers, initializer, initargs):
        initializer(*initargs)
        self.jobs: dict[Future, tuple] = {}
        self.most_in_flight = 0
        self.submitted = 0
        _FakePool.last = self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, *args):
        future = Future()
        self.jobs[future] = (fn, args)
        self.submitted += 1
        self.most_in_flight = max(self.most_in_flight, len(self.jobs))
        return future

    def wait(self, futures, return_when):
        pending = [f for f in futures if not f.done()]
        future = max(pending, key=lambda f: self.jobs[f][1][1])  # the latest chunk
        fn, args = self.jobs.pop(future)
        future.set_result(fn(*args))
        return {future}, set(futures) - {future}


def test_chunks_in_flight_are_bounded_and_the_sums_keep_seed_order(monkeypatch):
    monkeypatch.setattr(sim, "_worker_level", None)
    monkeypatch.setattr(sim, "ProcessPoolExecutor", _FakePool)
    monkeypatch.setattr(
        pool_runner, "wait", lambda fs, timeout, return_when: _FakePool.last.wait(fs, return_when)
    )
    seen = []
    pooled = simulate("gamarra", 400, 9, workers=2, progress=lambda d, t: seen.append(d))
    pool = _FakePool.last
    assert pool.submitted == 16  # 400 games in chunks of 25
    assert pool.most_in_flight <= 2 * 2
    assert seen[-1] == 400 and seen == sorted(seen)
    assert pooled == simulate("gamarra", 400, 9, workers=1)


def _peak_bytes(games: int, level) -> int:
    tracemalloc.start()
    try:
        simulate("gamarra", games, 1, policy="solo", workers=1, level=level)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_games():
    level = load_level("gamarra")
    _peak_bytes(10, level)  # caches warmed
    small, large = _peak_bytes(2000, level), _peak_bytes(6000, level)
    assert large < 1.5 * small  # every result kept: about 3 times as much


def test_summarize_of_a_list_equals_the_running_sums():
    level = load_level("gamarra")
    results = sim.run_games(level, 4, 0, 40, None, None, "default")
    assert sim.summarize(level, 4, None, None, "default", results) == simulate(
        "gamarra", 40, 4, workers=1
    )


def test_the_pool_runner_adds_in_chunk_order_and_stops_when_cancelled():
    """game.sim.pool, which the simulator and the debrief's spread share: chunks finished out
    of order wait for the ones before them; a cancel keeps what was already added."""
    import threading

    futures: list[tuple[Future, tuple[int, int]]] = []

    def submit(start: int, stop: int) -> Future:
        future = Future()
        futures.append((future, (start, stop)))
        if len(futures) == 1:  # the first chunk finishes last
            return future
        future.set_result(list(range(start, stop)))
        if len(futures) == 3:
            futures[0][0].set_result(list(range(*futures[0][1])))
        return future

    added: list[int] = []
    pool_runner.play_chunks_in_order(
        submit, [(0, 2), (2, 4), (4, 6), (6, 8)], 3, added.extend, poll_seconds=0.01
    )
    assert added == list(range(8))
    cancel = threading.Event()
    kept: list[int] = []

    def add_then_cancel(chunk) -> None:
        kept.extend(chunk)
        cancel.set()

    futures.clear()
    pool_runner.play_chunks_in_order(
        submit,
        [(0, 2), (2, 4), (4, 6), (6, 8)],
        3,
        add_then_cancel,
        cancel=cancel,
        poll_seconds=0.01,
    )
    assert kept and kept == list(range(len(kept))) and len(kept) < 8
