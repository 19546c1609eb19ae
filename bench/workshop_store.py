"""The workshop's store and room on this machine (run by hand, never as a test):

- what committing one phone's decision costs (SQLite WAL, synchronous FULL: one fsync each);
- how long a killed server takes to rebuild a room from its database, by seasons played.

    python bench/workshop_store.py [--groups 5] [--firms 6] [--seasons 8]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.engine.state import COOPERATE, DEFECT
from game.workshop.room import Room
from game.workshop.store import Store


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--groups", type=int, default=5)
    parser.add_argument("--firms", type=int, default=6)
    parser.add_argument("--seasons", type=int, default=8)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    room = Room.create(
        Store(folder / "w.db"), "gamarra", groups=args.groups, firms=args.firms, seed=1
    )
    tokens = {
        (g, s): room.claim(g, s) for g in range(1, args.groups + 1) for s in range(args.firms)
    }
    room.start()
    decide_ms: list[float] = []
    played = 0
    for season in range(args.seasons):
        for (_g, s), token in tokens.items():
            if room.seat_screen(token, light=True)["screen"] != "deciding":
                continue
            began = time.perf_counter()
            room.decide(token, DEFECT if (s + season) % 3 == 0 else COOPERATE)
            decide_ms.append((time.perf_counter() - began) * 1000)
        for group in range(1, args.groups + 1):
            room.next_season(group)
        played = season + 1
    decide_ms.sort()
    p99 = decide_ms[min(len(decide_ms) - 1, int(len(decide_ms) * 0.99))]
    print(
        f"{len(decide_ms)} decisions: committed in median {statistics.median(decide_ms):.1f} ms, "
        f"p99 {p99:.1f} ms (a season's resolution included when it was the last)"
    )
    runs = []
    for _ in range(3):
        began = time.perf_counter()
        again = Room.open(Store(folder / "w.db"))
        runs.append(time.perf_counter() - began)
    seasons = [g.match.seasons_played for g in again.groups.values()]
    print(
        f"rebuilt {args.groups} groups x {args.firms} phones after {played} rounds "
        f"(seasons played {seasons}) in best {min(runs) * 1000:.0f} ms of 3"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
