"""A file the game cannot read is never written over (issue 16, data loss).

A save or a settings file with no read permission used to be reported ("Permission denied")
and then replaced by the next write under its name, with no copy kept. Now the write first
keeps it under another name in the same folder and says so; where it cannot be kept, the write
is refused and the file left as it was. Each test makes its own unreadable file.
"""

from __future__ import annotations

import errno
from datetime import UTC, datetime, timedelta

import pytest

from game.persistence import saves
from game.persistence.paths import HOME_ENV, AppPaths, default_paths
from game.persistence.saves import SaveError, SaveStore, make_summary


@pytest.fixture
def paths(tmp_path, monkeypatch) -> AppPaths:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    return default_paths()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def store(paths) -> SaveStore:
    return SaveStore(paths, clock=Clock())


SUMMARY = make_summary("gamarra", {"es": "Gamarra", "en": "Gamarra"}, 3, ["Ana", "Beto"])
OLD_GAME = {"record": {"level": "gamarra", "seed": 7}, "ui": {"scene": "season"}}
NEW_GAME = {"record": {"level": "tutorial", "seed": 99}, "ui": {"scene": "season"}}


def _refuse_moving(monkeypatch, module) -> None:
    def refuse(path, tag, when=None):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(module, "move_aside", refuse)


# --- saves ---------------------------------------------------------------------------------------


def test_writing_over_an_unreadable_save_keeps_it_aside_and_says_so(store, unreadable):
    path = store.write("clase", OLD_GAME, SUMMARY, finished=False)
    old = path.read_bytes()
    unreadable.deny(path)
    unreadable.check(path)
    (listed,) = store.list_saves()
    assert not listed.ok and listed.error.kind == "unreadable"  # reported, as before

    written = store.write("clase", NEW_GAME, SUMMARY, finished=False)

    assert written == path
    assert store.read("clase").game == NEW_GAME
    (kept,) = store.folder.glob("clase.unreadable-*.json")
    note = store.last_set_aside
    assert note is not None and note.kept_at == kept and note.path == path
    # said in both languages, naming the file and where it was kept
    for message in (note.message_es, note.message_en):
        assert str(path) in message and str(kept) in message
        assert "Permission denied" in message
    assert "no se pudo leer" in note.message_es.lower()
    assert "could not be read" in note.message_en
    unreadable.allow(kept)
    assert kept.read_bytes() == old  # the old game, byte for byte
    assert [i.slot for i in store.list_saves()] == ["clase"]  # the kept file is not a slot


def test_an_unreadable_save_that_cannot_be_kept_aside_is_not_written_over(
    store, unreadable, monkeypatch
):
    path = store.write("clase", OLD_GAME, SUMMARY, finished=False)
    old = path.read_bytes()
    unreadable.deny(path)
    _refuse_moving(monkeypatch, saves)

    with pytest.raises(SaveError) as info:
        store.write("clase", NEW_GAME, SUMMARY, finished=False)

    err = info.value
    assert err.kind == "write_failed"
    assert str(path) in err.message_es and str(path) in err.message_en
    assert "no se escribió encima" in err.message_es
    assert "not written over" in err.message_en
    unreadable.allow(path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in store.folder.iterdir()) == ["clase.json"]  # no temp file left


def test_a_write_that_moves_nothing_aside_says_nothing(store):
    store.write("clase", OLD_GAME, SUMMARY, finished=False)
    store.write("clase", NEW_GAME, SUMMARY, finished=False)
    assert store.last_set_aside is None


def test_a_damaged_save_moved_aside_by_a_write_is_said_too(store):
    path = store.folder / "clase.json"
    store.folder.mkdir(parents=True)
    path.write_bytes(b'{"format": "asociatividad-save", "vers')
    store.write("clase", NEW_GAME, SUMMARY, finished=False)
    (kept,) = store.folder.glob("clase.corrupt-*.json")
    note = store.last_set_aside
    assert note is not None and note.kept_at == kept
    assert str(kept) in note.message_es and str(kept) in note.message_en


def test_reading_an_unreadable_save_leaves_it_where_it_is(store, unreadable):
    path = store.write("clase", OLD_GAME, SUMMARY, finished=False)
    unreadable.deny(path)
    with pytest.raises(SaveError) as info:
        store.read("clase")
    assert info.value.kind == "unreadable" and info.value.kept_at is None
    assert sorted(p.name for p in store.folder.iterdir()) == ["clase.json"]
