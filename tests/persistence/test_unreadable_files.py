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

from game.persistence import saves, settings
from game.persistence.paths import HOME_ENV, AppPaths, default_paths
from game.persistence.saves import SaveError, SaveStore, make_summary
from game.persistence.settings import Settings, load_settings, save_settings


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


# --- settings ------------------------------------------------------------------------------------

OLD_SETTINGS = b'{"version": 1, "language": "en", "volume": 0.25}\n'


def _write_settings(paths: AppPaths, data: bytes) -> None:
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_bytes(data)


def test_unreadable_settings_are_kept_aside_when_read_and_the_warning_says_where(paths, unreadable):
    _write_settings(paths, OLD_SETTINGS)
    unreadable.deny(paths.settings_file)

    loaded, warning = load_settings(paths)

    assert loaded == Settings()
    (kept,) = paths.config_dir.glob("settings.unreadable-*.json")
    assert warning == warning.es  # Spanish first, the default language
    assert "No se pudieron leer los ajustes (Permission denied)" in warning.es
    assert "The settings could not be read (Permission denied)" in warning.en
    assert str(kept) in warning.es and str(kept) in warning.en
    save_settings(paths, Settings(volume=0.9))  # the next save writes a new file
    assert load_settings(paths) == (Settings(volume=0.9), None)
    unreadable.allow(kept)
    assert kept.read_bytes() == OLD_SETTINGS


def test_settings_that_became_unreadable_are_not_written_over(paths, unreadable):
    _write_settings(paths, OLD_SETTINGS)
    assert load_settings(paths)[0].language == "en"
    unreadable.deny(paths.settings_file)  # since the game started

    with pytest.raises(OSError) as info:
        save_settings(paths, Settings(volume=0.9))

    err = info.value
    assert isinstance(err, settings.SettingsNotSaved)
    assert str(paths.settings_file) in err.es and str(paths.settings_file) in err.en
    assert "Permission denied" in err.es and "no se escribió encima" in err.es
    assert "not written over" in err.en
    assert err.message("es") == err.es and err.message("en") == err.en
    unreadable.allow(paths.settings_file)
    assert paths.settings_file.read_bytes() == OLD_SETTINGS
    assert [p.name for p in paths.config_dir.iterdir()] == ["settings.json"]


def test_unreadable_settings_that_cannot_be_kept_aside_are_never_written_over(
    paths, unreadable, monkeypatch
):
    _write_settings(paths, OLD_SETTINGS)
    unreadable.deny(paths.settings_file)
    _refuse_moving(monkeypatch, settings)

    loaded, warning = load_settings(paths)

    assert loaded == Settings()
    assert "no se pudo apartar" in warning.es and "could not be moved aside" in warning.en
    with pytest.raises(settings.SettingsNotSaved):
        save_settings(paths, Settings(volume=0.9))
    unreadable.allow(paths.settings_file)
    assert paths.settings_file.read_bytes() == OLD_SETTINGS
