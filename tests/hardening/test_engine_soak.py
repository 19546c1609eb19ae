"""Engine soak: many whole games with random levels, seats, personalities, contracts and seeds,
every invariant checked after every season (trust in [0, 1], every sol in the ledger, nothing
NaN or infinite), on both cores.

The full 100,000 games of issue 5 run in CI (about 75 s on the project's 2-core machine). A
quicker look, by hand::

    HARDENING_SOAK_GAMES=5000 .venv/bin/python -m pytest -q tests/hardening/test_engine_soak.py

Game ``k`` is reproducible on its own: ``soak_game(k)`` replays it.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import time
import traceback
from concurrent.futures import ProcessPoolExecutor

import pytest

from game.content.levels import load_level, shipped_level_names
from tests.hardening.invariants import random_game

SOAK_GAMES = int(os.environ.get("HARDENING_SOAK_GAMES", "100000"))
WORKERS = 2
CHUNKS = 200

_LEVELS: list = []


def _levels() -> list:
    if not _LEVELS:
        _LEVELS.extend(load_level(name) for name in shipped_level_names())
    return _LEVELS


def soak_game(k: int):
    """Game ``k`` of the soak: its level, seats, personalities, contract and seed."""
    rng = random.Random(f"soak/{k}")
    return random_game(rng.choice(_levels()), rng)


def _play_chunk(start: int, stop: int) -> tuple[int, int, list[str]]:
    seasons, failures = 0, []
    for k in range(start, stop):
        try:
            seasons += len(soak_game(k).reports)
        except Exception:
            if len(failures) < 5:
                failures.append(f"game {k}:\n{traceback.format_exc()}")
    return stop - start, seasons, failures


@pytest.mark.slow
def test_engine_soak_keeps_every_invariant_in_every_season():
    edges = [SOAK_GAMES * i // CHUNKS for i in range(CHUNKS + 1)]
    played = seasons = 0
    failures: list[str] = []
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as pool:
        for games, n, bad in pool.map(_play_chunk, edges[:-1], edges[1:]):
            played, seasons, failures = played + games, seasons + n, failures + bad
    elapsed = time.perf_counter() - started
    print(f"soak: {played} games, {seasons} seasons in {elapsed:.1f} s on {WORKERS} processes")
    assert not failures, "\n".join(failures[:5])
    assert played == SOAK_GAMES


def test_a_soak_game_is_reproducible_from_its_number():
    first, again = soak_game(12), soak_game(12)
    assert first.reports == again.reports and first.outcome == again.outcome
