"""Many games with the same contract and firms: how often it advances, collapses, stagnates.

The games are played by :func:`game.sim.simulate.run_game`, the simulator's own player, and
seeded as the simulator seeds them (game ``k`` uses seed ``seed + k``; the personality in seat
``i`` draws from ``random.Random(f"{seed + k}/ai/{i}")``). A seat given as None (a person at the
screen, whose way of playing no one knows) is filled each game by a personality drawn as the
simulator draws seats: from the non-reference personalities, with
``random.Random(f"{seed}/seating/{k}")``.

Meant to run in a background thread while a screen shows a progress bar: ``progress(done,
total)`` is called from that thread (keep it to storing the two numbers), and setting ``cancel``
stops the run soon after, with the games finished so far summed up and ``cancelled=True``.

Memory does not grow with the number of games, as in the simulator
(:func:`game.sim.pool.play_chunks_in_order`, which both use): each game is added to running sums
(:class:`~game.sim.simulate.Totals`) in seed order and dropped, and a parallel run hands its
workers at most :data:`~game.sim.simulate.CHUNKS_IN_FLIGHT_PER_WORKER` chunks each at a time.
The number of games and of workers is bounded as the simulator's is.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from game.debrief.model import SpreadResult
from game.engine.level import Level
from game.sim.pool import play_chunks_in_order
from game.sim.simulate import (
    CHUNKS_IN_FLIGHT_PER_WORKER,
    MAX_GAMES,
    OUTCOMES,
    GameResult,
    Totals,
    drawable_personalities,
    max_workers,
    run_game,
)

POLL_SECONDS = 0.1
"""How often a parallel run looks at ``cancel`` while its workers play."""
CHUNK = 25
"""Games per task handed to a worker process: small, so progress and cancel stay quick."""


Terms = tuple[dict[str, str], dict[str, Any]]
"""The contract and the treatments every game of a spread is played with."""


def seats_for(personalities: Sequence[str | None], seed: int, k: int) -> tuple[str, ...]:
    """The personalities at the table in game ``k``: None seats drawn as the simulator does."""
    keys = drawable_personalities()
    rng = random.Random(f"{seed}/seating/{k}")
    return tuple(p if p is not None else rng.choice(keys) for p in personalities)


def _play(
    level: Level, terms: Terms, personalities: Sequence[str | None], seed: int, k: int
) -> GameResult:
    contract, treatments = terms
    seats = seats_for(personalities, seed, k)
    return run_game(level, seed + k, seats, contract, treatments=treatments)


_worker_level: Level | None = None


def _init_worker(level: Level) -> None:
    global _worker_level
    _worker_level = level


def _run_chunk(
    terms: Terms, personalities: list[str | None], seed: int, start: int, stop: int
) -> list[GameResult]:
    assert _worker_level is not None, "worker not initialised"
    return [_play(_worker_level, terms, personalities, seed, k) for k in range(start, stop)]


def spread(
    level: Level,
    contract: Mapping[str, str],
    personalities: Sequence[str | None],
    games: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
    *,
    cancel: threading.Event | None = None,
    treatments: Mapping[str, Any] | None = None,
) -> SpreadResult:
    """Play ``games`` games of ``level`` with ``contract`` and these seats, and sum them up.

    Raises ``ValueError`` for fewer than one game or more than the simulator's
    :data:`~game.sim.simulate.MAX_GAMES`, a seat count the level does not allow, or an unknown
    personality (before anything is played). ``workers`` is at most the machine's
    (:func:`~game.sim.simulate.max_workers`). ``treatments`` are the facilitator's switches of
    the game being discussed (the same for every game of the spread).
    """
    _check(level, personalities, games)
    terms: Terms = (dict(contract), dict(treatments or {}))
    seats = list(personalities)
    totals = Totals()
    workers = max(1, min(workers, max_workers()))
    if workers == 1 or games < 2 * CHUNK:
        _sequential(level, terms, seats, games, seed, progress, cancel, totals)
    else:
        _parallel(level, terms, seats, games, seed, progress, cancel, workers, totals)
    return _summary(level, terms[0], seats, seed, games, totals)


def _check(level: Level, personalities: Sequence[str | None], games: int) -> None:
    from game.ai import REGISTRY

    if not 1 <= games <= MAX_GAMES:
        raise ValueError(f"the number of games must be from 1 to {MAX_GAMES:,}, not {games}")
    if not level.firms.min <= len(personalities) <= level.firms.max:
        raise ValueError(
            f"{level.id} is played by {level.firms.min} to {level.firms.max} firms, "
            f"not {len(personalities)}"
        )
    unknown = [p for p in personalities if p is not None and p not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown personality: {', '.join(unknown)}")


def _sequential(level, terms, seats, games, seed, progress, cancel, totals: Totals) -> None:
    for k in range(games):
        if cancel is not None and cancel.is_set():
            break
        totals.add(_play(level, terms, seats, seed, k))
        if progress is not None:
            progress(k + 1, games)


def _parallel(level, terms, seats, games, seed, progress, cancel, workers, totals) -> None:
    """The chunks in ``workers`` processes (:func:`game.sim.pool.play_chunks_in_order`): a
    cancelled run keeps the games of the chunks added so far."""
    chunks = ((s, min(s + CHUNK, games)) for s in range(0, games, CHUNK))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(level,))
    try:
        play_chunks_in_order(
            lambda start, stop: pool.submit(_run_chunk, terms, seats, seed, start, stop),
            chunks,
            workers * CHUNKS_IN_FLIGHT_PER_WORKER,
            totals.add_all,
            None if progress is None else (lambda done: progress(done, games)),
            cancel=cancel,
            poll_seconds=POLL_SECONDS,
        )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _summary(
    level: Level,
    terms: dict[str, str],
    seats: list[str | None],
    seed: int,
    requested: int,
    totals: Totals,
) -> SpreadResult:
    """The running sums, added in seed order, so the figures do not depend on the number of
    workers."""
    n = totals.games
    rates = {kind: (totals.kinds[kind] / n if n else 0.0) for kind in OUTCOMES}
    return SpreadResult(
        level_id=level.id,
        contract=terms,
        personalities=tuple(seats),
        seed=seed,
        games=n,
        requested=requested,
        rates=rates,
        mean_length=totals.length / n if n else 0.0,
        mean_final_trust=totals.final_trust / n if n else 0.0,
        cancelled=n < requested,
    )
