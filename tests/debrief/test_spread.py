"""The spread of outcomes over many games: the simulator's games, cancellable, worker-proof."""

from __future__ import annotations

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
