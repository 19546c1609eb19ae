"""The spread of outcomes over many games: the simulator's games, cancellable, worker-proof."""

from __future__ import annotations

import importlib
import threading

import pytest

from game.debrief import spread
from game.sim.simulate import run_game


def test_the_spread_is_the_simulators_games_summed_up(gamarra):
    seats = ("leal", "oportunista", "reciproco", "leal", "rencoroso", "inversor")
    result = spread(gamarra, gamarra.reference_contract, seats, 6, seed=10)
    games = [run_game(gamarra, 10 + k, seats, gamarra.reference_contract) for k in range(6)]
    for kind in ("advance", "collapse", "stagnation"):
        assert result.rates[kind] == sum(g.outcome == kind for g in games) / 6
    assert result.mean_length == sum(g.length for g in games) / 6
    assert result.games == 6 and not result.cancelled


def test_the_spread_does_not_depend_on_the_workers_and_reports_progress(gamarra):
    seats = ("leal", None, "oportunista", None, "reciproco")
    seen = []
    one = spread(
        gamarra, gamarra.default_contract, seats, 60, 1, progress=lambda d, t: seen.append((d, t))
    )
    two = spread(gamarra, gamarra.default_contract, seats, 60, 1, workers=2)
    assert one == two
    assert seen[-1] == (60, 60) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_spread_can_be_cancelled_from_another_thread(gamarra):
    cancel = threading.Event()

    def progress(done, total):
        if done >= 5:
            cancel.set()

    result = spread(
        gamarra, gamarra.default_contract, ("leal",) * 5, 500, 1, progress=progress, cancel=cancel
    )
    assert result.cancelled and result.games == 5 and result.requested == 500


def test_a_spread_with_an_unknown_personality_is_refused(gamarra):
    with pytest.raises(ValueError, match="unknown personality"):
        spread(gamarra, gamarra.default_contract, ("leal", "lael", "leal"), 5, 1)


class _CountingPool:
    """A pool that plays each chunk at once in this process and counts the chunks handed out
    whose results nobody has taken yet: what a real pool would hold in memory."""

    most_outstanding = 0
    submitted = 0

    def __init__(self, max_workers, initializer, initargs):
        initializer(*initargs)
        self.outstanding = 0

    def submit(self, fn, *args):
        from concurrent.futures import Future

        future = Future()
        future.set_result(fn(*args))
        pool = self
        pool.outstanding += 1
        type(self).submitted += 1
        type(self).most_outstanding = max(type(self).most_outstanding, pool.outstanding)
        taken = future.result

        def result(timeout=None):
            pool.outstanding -= 1
            return taken(timeout)

        future.result = result
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


def test_a_parallel_spread_hands_out_a_bounded_number_of_chunks_at_a_time(gamarra, monkeypatch):
    """Every chunk used to be submitted up front and every result kept (issue 16): memory grew
    with the number of games. Now at most two chunks per worker are out at a time."""
    from game.sim.simulate import CHUNKS_IN_FLIGHT_PER_WORKER

    spread_module = importlib.import_module("game.debrief.spread")

    monkeypatch.setattr(spread_module, "ProcessPoolExecutor", _CountingPool)
    seats = ("leal", None, "oportunista", None, "reciproco")
    games = 12 * spread_module.CHUNK
    result = spread(gamarra, gamarra.default_contract, seats, games, 3, workers=2)
    assert result.games == games and not result.cancelled
    assert _CountingPool.submitted == 12
    assert _CountingPool.most_outstanding <= 2 * CHUNKS_IN_FLIGHT_PER_WORKER
    assert result == spread(gamarra, gamarra.default_contract, seats, games, 3)  # one worker


def test_a_spread_of_more_games_than_the_simulator_plays_is_refused(gamarra):
    from game.sim.simulate import MAX_GAMES

    with pytest.raises(ValueError, match="from 1 to"):
        spread(gamarra, gamarra.default_contract, ("leal",) * 5, MAX_GAMES + 1, 1)
