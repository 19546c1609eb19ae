"""The workshop's one source of truth: an embedded SQLite database on the laptop.

What is written here is what happened; everything in memory (the matches, the turn machines)
is rebuilt from it. So the server can be killed at any moment and started again: every group
comes back where it was (:meth:`game.workshop.room.Room.open`).

What the tables hold:

* ``workshop``: one row, the room (its code, the console's PIN, the key that signs seat tokens,
  the level, the decision timer and its personality, whether it runs, is paused or ended);
* ``groups`` and ``seats``: each group a match of 3 to 8 firms (seed, contract, names), each
  seat claimed by a phone or not, and the personality that runs it if nobody took it;
* ``journal``: what changed a group's match, in order: a decision (a person's, or one the timer
  personality took), a seat handed to the computer or back, a season carried on after its story;
* ``resolutions``: each season resolved, once, with a digest of what it paid;
* ``ready``: who has read a season's story and wants to go on.

Every write is its own transaction, committed (``synchronous=FULL``: on the disk) before the
method returns, so a phone is told "received" only for a decision that is on the disk. The
database says "once": a decision is unique per group, season and seat; a resolution and a carry
on per group and season. Writing either twice is one write, and the caller is told which it was.

SQLite is the default store; a shared database server (a university hosting many rooms) can
take its place later behind the same methods: nothing outside this module writes SQL.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS workshop (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL,
    pin TEXT NOT NULL,
    secret TEXT NOT NULL,
    level TEXT NOT NULL,
    seed INTEGER NOT NULL,
    timer_seconds INTEGER NOT NULL,
    timer_personality TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('lobby', 'running', 'ended')),
    paused INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS groups (
    id INTEGER PRIMARY KEY,
    seed INTEGER NOT NULL,
    contract TEXT NOT NULL,
    started INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS seats (
    group_id INTEGER NOT NULL REFERENCES groups (id),
    seat INTEGER NOT NULL,
    name TEXT NOT NULL,
    personality TEXT,
    claimed INTEGER NOT NULL DEFAULT 0,
    generation INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, seat)
);
CREATE TABLE IF NOT EXISTS journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id INTEGER NOT NULL REFERENCES groups (id),
    season INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('decide', 'replace', 'carry_on')),
    seat INTEGER,
    data TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS one_decision
    ON journal (group_id, season, seat) WHERE kind = 'decide';
CREATE UNIQUE INDEX IF NOT EXISTS one_carry_on
    ON journal (group_id, season) WHERE kind = 'carry_on';
CREATE TABLE IF NOT EXISTS resolutions (
    group_id INTEGER NOT NULL REFERENCES groups (id),
    season INTEGER NOT NULL,
    digest TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (group_id, season)
);
CREATE TABLE IF NOT EXISTS ready (
    group_id INTEGER NOT NULL REFERENCES groups (id),
    season INTEGER NOT NULL,
    seat INTEGER NOT NULL,
    PRIMARY KEY (group_id, season, seat)
);
"""


class StoreError(RuntimeError):
    """The database cannot be used (another version's, or not a workshop's)."""


@dataclass(frozen=True, slots=True)
class WorkshopRow:
    code: str
    pin: str
    secret: str
    level: str
    seed: int
    timer_seconds: int
    timer_personality: str
    status: str
    paused: bool


@dataclass(frozen=True, slots=True)
class SeatRow:
    seat: int
    name: str
    personality: str | None
    """Who runs the seat from the start: None for a person (a phone claimed it before the
    start), else the personality that runs an empty seat."""
    claimed: bool
    generation: int
    """Bumped each time the seat is released, so the token of the phone it had stops working."""


@dataclass(frozen=True, slots=True)
class GroupRow:
    id: int
    seed: int
    contract: dict[str, str]
    started: bool
    seats: tuple[SeatRow, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a group's journal."""

    seq: int
    season: int
    kind: str
    seat: int | None
    data: dict[str, Any]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Store:
    """One workshop's database file. Safe to share between threads (one lock, one connection)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{self.path}: the database would not use write-ahead logging")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)  # IF NOT EXISTS throughout: reopening changes nothing
        with self._write() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif row[0] != str(SCHEMA_VERSION):
                raise StoreError(
                    f"{self.path} was written by another version of the game (schema {row[0]})"
                )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed (and on the disk) when the block ends, or rolled back."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _read(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- the workshop ----------------------------------------------------------------------

    def create_workshop(
        self,
        *,
        code: str,
        pin: str,
        secret: str,
        level: str,
        seed: int,
        timer_seconds: int,
        timer_personality: str,
        groups: Sequence[tuple[int, Mapping[str, str], Sequence[str]]],
    ) -> None:
        """The room and its groups, each ``(seed, contract, firm names)``, in one transaction."""
        with self._write() as db:
            if db.execute("SELECT 1 FROM workshop").fetchone():
                raise StoreError(f"{self.path} already holds a workshop")
            db.execute(
                "INSERT INTO workshop VALUES (1, ?, ?, ?, ?, ?, ?, ?, 'lobby', 0, ?)",
                (code, pin, secret, level, seed, timer_seconds, timer_personality, _now()),
            )
            for number, (group_seed, contract, names) in enumerate(groups, start=1):
                db.execute(
                    "INSERT INTO groups VALUES (?, ?, ?, 0)",
                    (number, group_seed, json.dumps(dict(contract), sort_keys=True)),
                )
                db.executemany(
                    "INSERT INTO seats (group_id, seat, name) VALUES (?, ?, ?)",
                    [(number, seat, name) for seat, name in enumerate(names)],
                )

    def workshop(self) -> WorkshopRow | None:
        rows = self._read("SELECT * FROM workshop")
        if not rows:
            return None
        r = rows[0]
        return WorkshopRow(
            r["code"],
            r["pin"],
            r["secret"],
            r["level"],
            r["seed"],
            r["timer_seconds"],
            r["timer_personality"],
            r["status"],
            bool(r["paused"]),
        )

    def meta(self, key: str) -> str | None:
        """A setting of the launch kept with the workshop (say, the port the phones know)."""
        rows = self._read("SELECT value FROM meta WHERE key = ?", (f"launch.{key}",))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (f"launch.{key}", value),
            )

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (before the file is moved aside)."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def set_status(self, status: str) -> None:
        with self._write() as db:
            db.execute("UPDATE workshop SET status = ?", (status,))

    def set_paused(self, paused: bool) -> None:
        with self._write() as db:
            db.execute("UPDATE workshop SET paused = ?", (int(paused),))

    def set_timer(self, seconds: int) -> None:
        with self._write() as db:
            db.execute("UPDATE workshop SET timer_seconds = ?", (seconds,))

    # -- groups and seats ------------------------------------------------------------------

    def groups(self) -> list[GroupRow]:
        seats: dict[int, list[SeatRow]] = {}
        for r in self._read("SELECT * FROM seats ORDER BY group_id, seat"):
            seats.setdefault(r["group_id"], []).append(
                SeatRow(r["seat"], r["name"], r["personality"], bool(r["claimed"]), r["generation"])
            )
        return [
            GroupRow(
                r["id"],
                r["seed"],
                json.loads(r["contract"]),
                bool(r["started"]),
                tuple(seats.get(r["id"], ())),
            )
            for r in self._read("SELECT * FROM groups ORDER BY id")
        ]

    def claim_seat(self, group: int, seat: int) -> int | None:
        """Mark a free seat claimed; its generation (for the token), or None if it was taken."""
        with self._write() as db:
            done = db.execute(
                "UPDATE seats SET claimed = 1 WHERE group_id = ? AND seat = ? AND claimed = 0",
                (group, seat),
            )
            if done.rowcount != 1:
                return None
            row = db.execute(
                "SELECT generation FROM seats WHERE group_id = ? AND seat = ?", (group, seat)
            ).fetchone()
            return int(row[0])

    def release_seat(self, group: int, seat: int) -> None:
        """Free a seat for another phone: the token of the one that had it stops working."""
        with self._write() as db:
            db.execute(
                "UPDATE seats SET claimed = 0, generation = generation + 1 "
                "WHERE group_id = ? AND seat = ?",
                (group, seat),
            )

    def start_group(self, group: int, personalities: Mapping[int, str | None]) -> None:
        """The group's match begins: who runs each seat from the start (None: a person)."""
        with self._write() as db:
            db.executemany(
                "UPDATE seats SET personality = ? WHERE group_id = ? AND seat = ?",
                [(p, group, seat) for seat, p in personalities.items()],
            )
            db.execute("UPDATE groups SET started = 1 WHERE id = ?", (group,))

    # -- what happens in a group -----------------------------------------------------------

    def commit_decision(
        self,
        group: int,
        season: int,
        seat: int,
        decision: Mapping[str, str],
        *,
        absent: str | None = None,
    ) -> bool:
        """A seat's secret decision for a season (``absent``: the personality that took it when
        the seat's time ran out). True if written now, False if that seat had already decided
        that season (the first decision stands)."""
        data: dict[str, Any] = {"decision": dict(decision)}
        if absent is not None:
            data["absent"] = absent
        with self._write() as db:
            done = db.execute(
                "INSERT OR IGNORE INTO journal (group_id, season, kind, seat, data, at) "
                "VALUES (?, ?, 'decide', ?, ?, ?)",
                (group, season, seat, json.dumps(data, sort_keys=True), _now()),
            )
            return done.rowcount == 1

    def decision(self, group: int, season: int, seat: int) -> dict[str, Any] | None:
        rows = self._read(
            "SELECT data FROM journal WHERE group_id = ? AND season = ? AND seat = ? "
            "AND kind = 'decide'",
            (group, season, seat),
        )
        return json.loads(rows[0][0]) if rows else None

    def record_replace(self, group: int, season: int, seat: int, personality: str | None) -> None:
        """``seat`` handed to ``personality`` (None: back to a person) during ``season``."""
        with self._write() as db:
            db.execute(
                "INSERT INTO journal (group_id, season, kind, seat, data, at) "
                "VALUES (?, ?, 'replace', ?, ?, ?)",
                (group, season, seat, json.dumps({"personality": personality}), _now()),
            )

    def record_carry_on(self, group: int, season: int) -> bool:
        """The group goes on from ``season``'s story to the next; False if it already had."""
        with self._write() as db:
            done = db.execute(
                "INSERT OR IGNORE INTO journal (group_id, season, kind, seat, data, at) "
                "VALUES (?, ?, 'carry_on', NULL, '{}', ?)",
                (group, season, _now()),
            )
            return done.rowcount == 1

    def journal(self, group: int) -> list[Entry]:
        return [
            Entry(r["seq"], r["season"], r["kind"], r["seat"], json.loads(r["data"]))
            for r in self._read(
                "SELECT seq, season, kind, seat, data FROM journal WHERE group_id = ? ORDER BY seq",
                (group,),
            )
        ]

    def record_resolution(self, group: int, season: int, digest: str) -> bool:
        """``season`` resolved; True the first time, False if it was already on record."""
        with self._write() as db:
            done = db.execute(
                "INSERT OR IGNORE INTO resolutions VALUES (?, ?, ?, ?)",
                (group, season, digest, _now()),
            )
            return done.rowcount == 1

    def resolutions(self, group: int) -> dict[int, str]:
        return {
            r["season"]: r["digest"]
            for r in self._read(
                "SELECT season, digest FROM resolutions WHERE group_id = ?", (group,)
            )
        }

    def mark_ready(self, group: int, season: int, seat: int) -> None:
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO ready VALUES (?, ?, ?)", (group, season, seat))

    def ready(self, group: int, season: int) -> set[int]:
        return {
            r[0]
            for r in self._read(
                "SELECT seat FROM ready WHERE group_id = ? AND season = ?", (group, season)
            )
        }
