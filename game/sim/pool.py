"""The one way the game plays many games in worker processes: the simulator's runs and the
debrief's spread both hand their chunks of games to :func:`play_chunks_in_order`.

Results come back in any order and are added in the order the chunks were made (seed order),
so a summary never depends on the number of workers. At most ``limit`` chunks are in the
workers' hands or waiting to be added at a time, so memory does not grow with the number of
games.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import TypeVar

Result = TypeVar("Result")

Submit = Callable[[int, int], Future]
"""Hands games ``start .. stop-1`` to a worker; returns the future of their results."""


def play_chunks_in_order(
    submit: Submit,
    chunks: Iterable[tuple[int, int]],
    limit: int,
    add: Callable[[Sequence[Result]], None],
    progress: Callable[[int], None] | None = None,
    *,
    cancel: threading.Event | None = None,
    poll_seconds: float | None = None,
) -> None:
    """Submit ``chunks`` (ranges of games), at most ``limit`` at a time, and ``add`` each
    chunk's results once every chunk before it was added. ``progress(done)`` is told the games
    finished so far, after each wait that finished some. With ``cancel`` set, it stops at the
    next look (every ``poll_seconds``), keeping what was added."""
    numbered = enumerate(chunks)
    running: dict[Future, int] = {}
    finished: dict[int, Sequence[Result]] = {}
    next_to_add = done = 0

    def submit_more() -> None:
        while len(running) + len(finished) < limit:
            item = next(numbered, None)
            if item is None:
                return
            index, (start, stop) = item
            running[submit(start, stop)] = index

    submit_more()
    while running:
        if cancel is not None and cancel.is_set():
            return
        ready, _ = wait(running, timeout=poll_seconds, return_when=FIRST_COMPLETED)
        for future in ready:
            chunk = future.result()
            finished[running.pop(future)] = chunk
            done += len(chunk)
        while next_to_add in finished:
            add(finished.pop(next_to_add))
            next_to_add += 1
        if ready and progress is not None:
            progress(done)
        submit_more()
