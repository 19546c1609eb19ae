"""Saves: what is written reads back the same; what is damaged is reported and kept, never lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.persistence import saves
from game.persistence.paths import HOME_ENV, AppPaths, default_paths
from game.persistence.saves import (
    SAVE_FORMAT,
    SAVE_VERSION,
    SaveError,
    SaveStore,
    autosave_slot,
    finished_slot,
    make_summary,
    sanitize_slot,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def paths(tmp_path, monkeypatch) -> AppPaths:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    return default_paths()


class Clock:
    """A clock the test moves by hand, so 'newest first' does not depend on timing."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def store(paths) -> SaveStore:
    return SaveStore(paths, clock=Clock())


def _summary(season: int = 3, outcome: str | None = None) -> dict:
    return make_summary(
        "gamarra", {"es": "Gamarra", "en": "Gamarra"}, season, ["Ana", "Beto"], outcome
    )


GAME = {
    "record": {
        "level": "gamarra",
        "seed": 7,
        "names": ["Ana", "Beto", "Carmen"],
        "contract": {"reparto": "proporcional"},
        "decisions": [{"0": {"action": "cooperate"}, "1": {"action": "defect"}}],
    },
    "ui": {"scene": "season", "seat": 0},
}


# --- paths ---------------------------------------------------------------------------------------


def test_home_variable_puts_data_and_config_under_it(tmp_path, monkeypatch):
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    paths = default_paths()
    assert paths.data_dir == tmp_path / "data"
    assert paths.config_dir == tmp_path / "config"
    assert paths.saves_dir == tmp_path / "data" / "saves"
    assert paths.settings_file == tmp_path / "config" / "settings.json"
    assert paths.log_file == tmp_path / "data" / "logs" / "errors.log"
    assert paths.exports_dir == tmp_path / "data" / "exports"


def test_without_home_variable_the_platform_user_folders_are_used(monkeypatch):
    import platformdirs

    monkeypatch.delenv(HOME_ENV, raising=False)
    paths = default_paths()
    assert paths.data_dir == Path(platformdirs.user_data_dir("asociatividad", appauthor=False))
    assert paths.config_dir == Path(platformdirs.user_config_dir("asociatividad", appauthor=False))


def test_asking_for_paths_creates_no_folder(paths, tmp_path):
    SaveStore(paths).list_saves()
    assert list(tmp_path.iterdir()) == []


# --- writing and reading -------------------------------------------------------------------------


def test_written_save_reads_back_equal(store):
    path = store.write(autosave_slot(), GAME, _summary(), finished=False)
    assert path == store.folder / "autosave.json"
    loaded = store.read("autosave")
    assert loaded.game == GAME
    assert loaded.summary == _summary()
    assert loaded.finished is False
    assert loaded.version == SAVE_VERSION
    assert loaded.slot == "autosave"
    assert loaded.saved_at.tzinfo is not None


def test_save_file_is_versioned_json_with_header(store):
    path = store.write("autosave", GAME, _summary(), finished=True)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == SAVE_FORMAT
    assert doc["version"] == SAVE_VERSION
    assert doc["finished"] is True
    assert datetime.fromisoformat(doc["saved_at"]).utcoffset() == timedelta(0)
    assert set(doc) == {"format", "version", "saved_at", "finished", "summary", "game"}


def test_read_accepts_a_path_as_well_as_a_slot(store):
    path = store.write("mi-partida", GAME, _summary(), finished=False)
    assert store.read(path).game == GAME


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(game=st.dictionaries(st.text(max_size=10), json_values, max_size=6))
def test_every_json_game_dict_reads_back_equal(store, game):
    store.write("autosave", game, {"season": 1}, finished=False)
    assert store.read("autosave").game == game


def test_a_game_that_is_not_json_is_refused_before_touching_disk(store):
    store.write("autosave", GAME, _summary(), finished=False)
    with pytest.raises(TypeError):
        store.write("autosave", {"bad": object()}, _summary(), finished=False)
    with pytest.raises(ValueError):
        store.write("autosave", {"bad": float("nan")}, _summary(), finished=False)
    assert store.read("autosave").game == GAME


def test_slot_names_are_sanitised():
    assert sanitize_slot("autosave") == "autosave"
    assert sanitize_slot("Campaña de Ana/../x") == "Campana_de_Ana_x"
    assert sanitize_slot("CON") == "CON_"
    with pytest.raises(ValueError):
        sanitize_slot("../..")


def test_a_slot_name_cannot_escape_the_saves_folder(store):
    path = store.write("../../evil", GAME, _summary(), finished=False)
    assert path.parent == store.folder


def test_finished_slots_are_timestamped_and_never_collide(store):
    assert finished_slot(datetime(2025, 3, 1, 12, 0, 5, tzinfo=UTC)) == "finished-20250301T120005Z"
    store = SaveStore(store.paths, clock=lambda: datetime(2025, 3, 1, 12, 0, 5, tzinfo=UTC))
    first = store.finished_slot()
    store.write(first, GAME, _summary(), finished=True)
    second = store.finished_slot()
    assert first == "finished-20250301T120005Z"
    assert second == "finished-20250301T120005Z-2"


def test_delete_removes_the_slot(store):
    store.write("autosave", GAME, _summary(), finished=False)
    assert store.delete("autosave") is True
    assert store.delete("autosave") is False
    assert store.list_saves() == []


def test_missing_slot_is_a_save_error_and_nothing_is_created(store):
    with pytest.raises(SaveError) as info:
        store.read("nada")
    assert info.value.kind == "missing"
    assert info.value.kept_at is None
    assert not store.folder.exists()


# --- damaged files -------------------------------------------------------------------------------


def _valid_bytes(store) -> bytes:
    return store.write("sample", GAME, _summary(), finished=False).read_bytes()


def _bad_files(store) -> dict[str, bytes]:
    good = _valid_bytes(store)
    future = json.loads(good)
    future["version"] = SAVE_VERSION + 1
    return {
        "truncated": good[: len(good) // 2],
        "garbage": bytes(range(256)) * 4,
        "empty": b"",
        "wrong_format": json.dumps({"format": "something-else", "version": 1}).encode(),
        "future": json.dumps(future).encode(),
    }


EXPECTED_KIND = {
    "truncated": "damaged",
    "garbage": "damaged",
    "empty": "empty",
    "wrong_format": "wrong_format",
    "future": "too_new",
}


@pytest.mark.parametrize("case", list(EXPECTED_KIND))
def test_bad_save_is_reported_and_moved_aside_with_its_bytes(store, case):
    content = _bad_files(store)[case]
    path = store.folder / "autosave.json"
    path.write_bytes(content)
    with pytest.raises(SaveError) as info:
        store.read("autosave")
    err = info.value
    assert err.kind == EXPECTED_KIND[case]
    assert err.message_en and err.message_es and err.message_en != err.message_es
    assert not path.exists()
    assert err.kept_at is not None and err.kept_at.parent == path.parent
    assert err.kept_at.read_bytes() == content
    tag = "too-new" if case == "future" else "corrupt"
    assert err.kept_at.name.startswith(f"autosave.{tag}-") and err.kept_at.suffix == ".json"
    assert str(err.kept_at) in err.message_en and str(err.kept_at) in err.message_es


def test_each_kind_of_damage_has_its_own_message(store):
    messages = {}
    for case, content in _bad_files(store).items():
        path = store.folder / f"{case}.json"
        path.write_bytes(content)
        with pytest.raises(SaveError) as info:
            store.read(case)
        # Compare the messages without the file names, which differ anyway.
        messages[case] = (
            info.value.message_en.replace(str(path), "P").split(" The file was kept")[0],
            info.value.message_es.replace(str(path), "P").split(" El archivo se conservó")[0],
        )
    en = [m[0] for m in messages.values()]
    es = [m[1] for m in messages.values()]
    assert len(set(en)) == len(en)
    assert len(set(es)) == len(es)
    assert "cut off" in messages["truncated"][0]
    newer = SAVE_VERSION + 1  # what _bad_files writes for a future save
    assert f"newer version of the game (version {newer})" in messages["future"][0]
    assert f"más nueva del juego (versión {newer})" in messages["future"][1]


def test_moving_aside_never_overwrites_an_earlier_kept_file(store):
    path = store.folder / "autosave.json"
    store.folder.mkdir(parents=True)
    kept = []
    # The same second each time: the kept names must still differ.
    store = SaveStore(store.paths, clock=lambda: datetime(2025, 3, 1, 12, 0, tzinfo=UTC))
    for content in (b"first damage", b"second damage", b"{"):
        path.write_bytes(content)
        with pytest.raises(SaveError) as info:
            store.read("autosave")
        kept.append(info.value.kept_at)
    assert len(set(kept)) == 3
    assert [k.read_bytes() for k in kept] == [b"first damage", b"second damage", b"{"]


def test_read_without_quarantine_leaves_the_file_where_it_is(store):
    path = store.folder / "autosave.json"
    store.folder.mkdir(parents=True)
    path.write_bytes(b"{not json")
    with pytest.raises(SaveError) as info:
        store.read("autosave", quarantine=False)
    assert info.value.kept_at is None
    assert path.read_bytes() == b"{not json"


@pytest.mark.parametrize(
    ("doc", "kind"),
    [
        (
            {"format": SAVE_FORMAT, "version": SAVE_VERSION, "finished": False, "summary": {}},
            "incomplete",
        ),
        ({"format": SAVE_FORMAT, "saved_at": "x", "finished": 1, "summary": {}}, "incomplete"),
        (
            {
                "format": SAVE_FORMAT,
                "version": SAVE_VERSION,
                "saved_at": "yesterday",
                "finished": False,
                "summary": {},
                "game": {},
            },
            "invalid",
        ),
        ([1, 2, 3], "wrong_format"),
    ],
)
def test_incomplete_or_invalid_saves_are_reported_and_kept(store, doc, kind):
    path = store.folder / "autosave.json"
    store.folder.mkdir(parents=True)
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SaveError) as info:
        store.read("autosave")
    assert info.value.kind == kind
    assert info.value.kept_at.exists()


def test_writing_over_a_damaged_save_keeps_the_damaged_one(store):
    path = store.folder / "autosave.json"
    store.folder.mkdir(parents=True)
    path.write_bytes(b'{"format": "asociatividad-save", "vers')
    store.write("autosave", GAME, _summary(), finished=False)
    assert store.read("autosave").game == GAME
    kept = list(store.folder.glob("autosave.corrupt-*.json"))
    assert [k.read_bytes() for k in kept] == [b'{"format": "asociatividad-save", "vers']


def test_writing_over_a_save_from_a_newer_game_keeps_it(store):
    path = store.write("autosave", GAME, _summary(), finished=False)
    doc = json.loads(path.read_bytes())
    doc["version"] = SAVE_VERSION + 5
    path.write_text(json.dumps(doc), encoding="utf-8")
    store.write("autosave", {"new": True}, _summary(), finished=False)
    (kept,) = store.folder.glob("autosave.too-new-*.json")
    assert json.loads(kept.read_bytes())["version"] == SAVE_VERSION + 5


# --- upgrading -----------------------------------------------------------------------------------


def test_an_older_save_is_upgraded_when_read(store, monkeypatch):
    path = store.write("autosave", {"seats": ["Ana"]}, _summary(), finished=False)
    old_bytes = path.read_bytes()
    written = saves.SAVE_VERSION

    def to_next(doc):
        doc = dict(doc, version=written + 1)
        doc["game"] = {"players": doc["game"].pop("seats"), "upgraded": True}
        return doc

    monkeypatch.setattr(saves, "SAVE_VERSION", written + 1)
    monkeypatch.setitem(saves.UPGRADERS, written, to_next)
    loaded = store.read("autosave")
    assert loaded.game == {"players": ["Ana"], "upgraded": True}
    assert loaded.version == written and loaded.upgraded
    assert path.read_bytes() == old_bytes  # the file changes only when the game next writes it


def test_an_older_save_without_an_upgrader_is_reported_and_kept(store, monkeypatch):
    path = store.write("autosave", GAME, _summary(), finished=False)
    monkeypatch.setattr(saves, "SAVE_VERSION", saves.SAVE_VERSION + 1)
    with pytest.raises(SaveError) as info:
        store.read("autosave")
    assert info.value.kind == "upgrade_failed"
    assert not path.exists() and info.value.kept_at.exists()


def test_an_upgrader_that_fails_is_reported(store, monkeypatch):
    store.write("autosave", GAME, _summary(), finished=False)

    def broken(doc):
        raise KeyError("seats")

    monkeypatch.setitem(saves.UPGRADERS, saves.SAVE_VERSION, broken)
    monkeypatch.setattr(saves, "SAVE_VERSION", saves.SAVE_VERSION + 1)
    with pytest.raises(SaveError) as info:
        store.read("autosave", quarantine=False)
    assert info.value.kind == "upgrade_failed"
    assert "KeyError" in info.value.message_en


# --- listing -------------------------------------------------------------------------------------


def test_list_saves_is_newest_first(store):
    store.write("a", GAME, _summary(1), finished=False)
    store.write("b", GAME, _summary(2), finished=True)
    store.write("c", GAME, _summary(3), finished=False)
    infos = store.list_saves()
    assert [i.slot for i in infos] == ["c", "b", "a"]
    assert all(i.ok and i.problem is None for i in infos)
    assert infos[1].finished and infos[1].summary == _summary(2)


def test_list_saves_shows_a_corrupt_file_without_moving_it(store):
    store.write("good", GAME, _summary(), finished=False)
    bad = store.folder / "bad.json"
    bad.write_bytes(b"\x00\xff garbage")
    before = sorted(p.name for p in store.folder.iterdir())
    infos = {i.slot: i for i in store.list_saves()}
    assert sorted(p.name for p in store.folder.iterdir()) == before
    assert bad.read_bytes() == b"\x00\xff garbage"
    assert infos["good"].ok
    assert not infos["bad"].ok
    assert infos["bad"].problem and "damaged" in infos["bad"].problem
    assert infos["bad"].error.message_es


def test_list_saves_ignores_temp_files_and_files_kept_aside(store):
    store.write("good", GAME, _summary(), finished=False)
    (store.folder / ".good.json.abc123.tmp").write_bytes(b'{"half')
    (store.folder / "old.corrupt-20250101T000000Z.json").write_bytes(b"junk")
    (store.folder / "notes.txt").write_text("hello")
    assert [i.slot for i in store.list_saves()] == ["good"]


def test_list_saves_of_a_missing_folder_is_empty(store):
    assert store.list_saves() == []
    assert store.latest_unfinished() is None


def test_latest_unfinished_picks_the_newest_game_in_progress(store):
    store.write("older", GAME, _summary(1), finished=False)
    store.write("newer", GAME, _summary(2), finished=False)
    store.write(store.finished_slot(), GAME, _summary(9, "prosperity"), finished=True)
    (store.folder / "broken.json").write_bytes(b"{")  # newest file of all, but unreadable
    latest = store.latest_unfinished()
    assert latest is not None and latest.slot == "newer"
    assert latest.summary["season"] == 2


def test_stale_temp_files_can_be_discarded(store):
    store.write("good", GAME, _summary(), finished=False)
    stale = store.folder / ".good.json.old.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    fresh = store.folder / ".good.json.new.tmp"
    fresh.write_bytes(b"half")
    store = SaveStore(store.paths, clock=lambda: datetime.now(UTC))
    assert store.discard_stale_temp_files() == [stale]
    assert fresh.exists() and not stale.exists()


# --- a write killed halfway ----------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys
    from game.persistence import SaveStore, default_paths

    store = SaveStore(default_paths())
    store.write("autosave", {"which": "first"}, {"season": 1}, finished=False)
    print("ready", flush=True)
    store.write("autosave", {"which": "second", "blob": "x" * 120_000_000}, {}, finished=False)
    print("done", flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_write_killed_halfway_leaves_the_previous_save_intact(paths, tmp_path):
    env = dict(os.environ, **{HOME_ENV: str(tmp_path)})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        folder = paths.saves_dir
        deadline = time.monotonic() + 60
        temp = None
        while temp is None and time.monotonic() < deadline and child.poll() is None:
            temp = next(
                (p for p in folder.glob("*.tmp") if p.exists() and p.stat().st_size > 0), None
            )
            if temp is None:
                time.sleep(0.001)
        assert temp is not None, "the child never started writing the large save"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    store = SaveStore(paths)
    assert store.read("autosave").game == {"which": "first"}
    assert [p.name for p in folder.glob("*.json")] == ["autosave.json"]
    assert [i.slot for i in store.list_saves()] == ["autosave"]
    assert temp.exists()  # the half-written temp file is left, named as such, and ignored


def test_a_write_the_disk_refuses_is_a_save_error_in_both_languages(paths, tmp_path):
    paths.data_dir.mkdir(parents=True)
    paths.saves_dir.write_text("a file where the saves folder should be")
    with pytest.raises(SaveError) as info:
        SaveStore(paths).write("autosave", GAME, _summary(), finished=False)
    assert info.value.kind == "write_failed"
    assert "could not be saved" in info.value.message_en
    assert "No se pudo guardar" in info.value.message_es
