"""One save the game cannot read never stops the others (issue 16, a file the game trusts too
much).

A save holding an integer of more than 4,300 digits made ``json.loads`` raise a plain
``ValueError`` (Python's limit on converting long digit strings), which nothing caught: the
saved-games list raised, the title screen could not be built, every later autosave to that slot
failed and the file was never set aside. Any error reading one save now marks that save damaged,
in both languages and naming the file; the list still lists the others.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from game.persistence import saves
from game.persistence.paths import HOME_ENV, AppPaths, default_paths
from game.persistence.saves import (
    MAX_SAVE_BYTES,
    SAVE_FORMAT,
    SAVE_VERSION,
    SaveError,
    SaveStore,
    make_summary,
)


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
GAME = {"record": {"level": "gamarra", "seed": 7}, "ui": {"scene": "season"}}


def long_integer_save(digits: int = 5000) -> bytes:
    """A save, well formed in every other way, whose game holds a whole number of ``digits``."""
    head = {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "saved_at": "2025-03-01T12:30:00+00:00",
        "finished": False,
        "summary": SUMMARY,
        "game": {"record": {"level": "gamarra", "seed": 0}},
    }
    text = json.dumps(head).replace('"seed": 0', '"seed": ' + "9" * digits)
    return text.encode("utf-8")


def _two_good_saves(store) -> None:
    store.write("lunes", GAME, SUMMARY, finished=False)
    store.write("martes", GAME, SUMMARY, finished=True)


def test_the_fixture_is_what_python_refuses():
    with pytest.raises(ValueError, match="4300"):
        json.loads(long_integer_save())


def test_a_save_with_a_huge_integer_is_listed_as_damaged_beside_the_others(store):
    _two_good_saves(store)
    bad = store.folder / "enorme.json"
    content = long_integer_save()
    bad.write_bytes(content)

    infos = {i.slot: i for i in store.list_saves()}

    assert sorted(infos) == ["enorme", "lunes", "martes"]
    assert infos["lunes"].ok and infos["martes"].ok
    info = infos["enorme"]
    assert not info.ok and info.error.kind == "damaged"
    assert str(bad) in info.problem and str(bad) in info.error.message_es
    assert "number too long" in info.error.message_en
    assert "número demasiado largo" in info.error.message_es
    assert bad.read_bytes() == content  # listing moves nothing
    assert store.latest_unfinished().slot == "lunes"  # the title's "continue" still works


def test_opening_a_save_with_a_huge_integer_sets_it_aside_byte_for_byte(store):
    bad = store.folder / "enorme.json"
    store.folder.mkdir(parents=True)
    content = long_integer_save()
    bad.write_bytes(content)

    with pytest.raises(SaveError) as info:
        store.read("enorme")

    err = info.value
    assert err.kind == "damaged" and err.kept_at is not None
    assert not bad.exists() and err.kept_at.read_bytes() == content
    assert err.kept_at.name.startswith("enorme.corrupt-")
    assert str(err.kept_at) in err.message_es and str(err.kept_at) in err.message_en


def test_autosaving_over_a_save_with_a_huge_integer_keeps_it_and_saves(store):
    bad = store.folder / "autosave.json"
    store.folder.mkdir(parents=True)
    content = long_integer_save()
    bad.write_bytes(content)

    store.write("autosave", GAME, SUMMARY, finished=False)

    assert store.read("autosave").game == GAME
    (kept,) = store.folder.glob("autosave.corrupt-*.json")
    assert kept.read_bytes() == content


def test_a_save_too_large_to_be_one_is_refused_by_its_size(store, monkeypatch):
    _two_good_saves(store)
    bad = store.folder / "gigante.json"
    with bad.open("wb") as handle:  # sparse: no time or disk spent
        handle.truncate(MAX_SAVE_BYTES + 1)

    real_parse = saves._parse

    def parse(path, raw, check=None):
        assert path != bad, "the huge file was read and parsed"
        return real_parse(path, raw, check)

    monkeypatch.setattr(saves, "_parse", parse)
    infos = {i.slot: i for i in store.list_saves()}

    assert infos["lunes"].ok and infos["martes"].ok
    info = infos["gigante"]
    assert not info.ok and info.error.kind == "too_large"
    assert str(bad) in info.error.message_es and str(bad) in info.error.message_en
    assert "demasiado grande" in info.error.message_es and "too large" in info.error.message_en
    with pytest.raises(SaveError) as raised:
        store.read("gigante")
    assert raised.value.kept_at is not None and raised.value.kept_at.stat().st_size == (
        MAX_SAVE_BYTES + 1
    )


@pytest.mark.parametrize(
    "error",
    [
        RecursionError("deep"),
        MemoryError(),
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"),
        OSError(5, "Input/output error"),
        KeyError("x"),
        OverflowError("big"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_any_error_reading_one_save_marks_that_save_damaged_and_no_other(store, monkeypatch, error):
    _two_good_saves(store)
    odd = store.folder / "rara.json"
    odd.write_bytes(store.path_for("lunes").read_bytes())
    real_parse = saves._parse

    def parse(path, raw, check=None):
        if path == odd:
            raise error
        return real_parse(path, raw, check)

    monkeypatch.setattr(saves, "_parse", parse)

    infos = {i.slot: i for i in store.list_saves()}

    assert infos["lunes"].ok and infos["martes"].ok
    info = infos["rara"]
    assert not info.ok and info.error.kind == "damaged"
    assert str(odd) in info.error.message_es and str(odd) in info.error.message_en
    with pytest.raises(SaveError) as raised:
        store.read("rara")
    assert raised.value.kind == "damaged" and raised.value.kept_at.exists()
