"""The workshop's store: what is written survives a new store on the same file, and "once"
is the database's rule (a decision, a resolution and a carry-on per group and season)."""

from __future__ import annotations

import sqlite3

import pytest

from game.workshop.store import Store, StoreError

GROUPS = [
    (11, {"monitoring": "peer"}, ["A", "B", "C"]),
    (12, {"monitoring": "peer"}, ["D", "E", "F"]),
]


def _store(path) -> Store:
    store = Store(path / "workshop.db")
    store.create_workshop(
        code="KTWX",
        pin="123456",
        secret="ab" * 32,
        level="gamarra",
        seed=10,
        timer_seconds=60,
        timer_personality="reciproco",
        groups=GROUPS,
    )
    return store


def test_the_database_is_in_wal_mode_and_syncs_fully(tmp_path):
    store = _store(tmp_path)
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_new_store_on_the_same_file_reads_what_the_first_wrote(tmp_path):
    first = _store(tmp_path)
    assert first.claim_seat(1, 2) == 0
    first.start_group(1, {0: "leal", 1: "oportunista", 2: None})
    first.commit_decision(1, 1, 2, {"action": "cooperate"})
    first.commit_decision(1, 1, 1, {"action": "defect"}, absent="reciproco")
    first.record_replace(1, 1, 0, None)
    first.record_resolution(1, 1, "digest")
    first.record_carry_on(1, 1)
    first.mark_ready(1, 1, 2)
    first.set_status("running")
    first.set_paused(True)
    # no close(): as if the process had been killed
    second = Store(tmp_path / "workshop.db")
    row = second.workshop()
    assert (row.code, row.pin, row.status, row.paused, row.timer_seconds) == (
        "KTWX",
        "123456",
        "running",
        True,
        60,
    )
    groups = second.groups()
    assert [g.id for g in groups] == [1, 2] and groups[0].started and not groups[1].started
    assert [(s.name, s.personality, s.claimed) for s in groups[0].seats] == [
        ("A", "leal", False),
        ("B", "oportunista", False),
        ("C", None, True),
    ]
    assert [(e.kind, e.season, e.seat) for e in second.journal(1)] == [
        ("decide", 1, 2),
        ("decide", 1, 1),
        ("replace", 1, 0),
        ("carry_on", 1, None),
    ]
    assert second.journal(1)[1].data == {"decision": {"action": "defect"}, "absent": "reciproco"}
    assert second.resolutions(1) == {1: "digest"} and second.ready(1, 1) == {2}
    assert second.journal(2) == []


def test_a_decision_committed_twice_is_one_decision_and_the_first_stands(tmp_path):
    store = _store(tmp_path)
    assert store.commit_decision(1, 1, 0, {"action": "cooperate"}) is True
    assert store.commit_decision(1, 1, 0, {"action": "defect"}) is False
    assert store.decision(1, 1, 0) == {"decision": {"action": "cooperate"}}
    assert [e.kind for e in store.journal(1)] == ["decide"]
    assert store.commit_decision(1, 2, 0, {"action": "defect"}) is True  # the next season


def test_a_season_resolves_once_and_a_group_carries_on_once(tmp_path):
    store = _store(tmp_path)
    assert store.record_resolution(1, 1, "first") is True
    assert store.record_resolution(1, 1, "second") is False
    assert store.resolutions(1) == {1: "first"}
    assert store.record_carry_on(1, 1) is True and store.record_carry_on(1, 1) is False
    assert [e.kind for e in store.journal(1)] == ["carry_on"]


def test_a_seat_is_claimed_once_and_releasing_it_bumps_its_generation(tmp_path):
    store = _store(tmp_path)
    assert store.claim_seat(2, 0) == 0
    assert store.claim_seat(2, 0) is None
    store.release_seat(2, 0)
    assert store.claim_seat(2, 0) == 1


def test_a_file_holds_one_workshop(tmp_path):
    _store(tmp_path)
    with pytest.raises(StoreError, match="already holds a workshop"):
        _store(tmp_path)


def test_a_database_of_another_schema_is_refused(tmp_path):
    path = tmp_path / "workshop.db"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="another version"):
        Store(path)


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    store = _store(tmp_path)
    with pytest.raises(sqlite3.IntegrityError):
        store.commit_decision(99, 1, 0, {"action": "cooperate"})  # no group 99
    assert store.journal(99) == []


def test_the_launch_settings_are_kept_with_the_workshop(tmp_path):
    store = _store(tmp_path)
    assert store.meta("port") is None
    store.set_meta("port", "8000")
    store.set_meta("port", "8001")
    assert Store(tmp_path / "workshop.db").meta("port") == "8001"
