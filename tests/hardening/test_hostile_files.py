"""The corpus of hostile game files (issue 16): one save or export per kind of defect, in
``tests/data/hostile/``, each refused with one clear line naming the file and the field, by
every door a file comes in by: the save store, the ``export`` and ``compare`` commands, and the
saved-games screen's file field. No traceback, no error screen, no replay of a bad file.

``valid_save.json`` and ``valid_export.json`` are the files the others were made from, a
finished tutorial game: they open, so each defect file is refused for its own defect alone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.content.records import MAX_SEASONS, save_problems
from game.debrief.export import ExportError, read_export
from game.persistence.paths import AppPaths
from game.persistence.saves import SaveError, SaveStore
from game.ui.saving import restore_match

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"

SAVES = {  # file: the field its message must name
    "save_seed_infinity.json": "game.seed",
    "save_seed_1e400.json": "game.seed",
    "save_record_seed_fraction.json": "game.record.seed",
    "save_record_seed_huge.json": "game.record.seed",
    "save_decision_text.json": "game.record.decisions[0].0",
    "save_decision_list.json": "game.record.decisions[2].1",
    "save_decision_unknown_action.json": "game.record.decisions[0].0.action",
    "save_decision_target_without_investment.json": "game.record.decisions[1].2.target",
    "save_investment_without_target.json": "game.record.decisions[1].2.target",
    "save_decision_unknown_seat.json": "game.record.decisions[3].9",
    "save_decisions_not_a_list.json": "game.record.decisions",
    "save_too_many_seasons.json": "game.record.decisions",
    "save_more_seasons_than_the_level.json": "game.record.decisions",
    "save_fewer_firms_than_the_level.json": "game.record.names",
    "save_names_not_text.json": "game.record.names[0]",
    "save_name_invisible.json": "game.record.names[0]",
    "save_seat_name_surrogate.json": "game.seats[1].name",
    "save_name_nul.json": "game.start_seats[2].name",
    "save_unknown_personality.json": "game.seats[1].personality",
    "save_contract_not_an_object.json": "game.record.contract",
    "save_treatment_out_of_bounds.json": "game.record.treatments.mistake_rate",
    "save_treatment_wrong_type.json": "game.treatments.announce_last_season",
    "save_unknown_stage.json": "game.stage",
    "save_unknown_field.json": "game.record.sead",
    "save_record_missing_decisions.json": "game.record.decisions",
    "save_record_not_an_object.json": "game.record",
    "save_summary_season_infinite.json": "summary.season",
    "save_level_path_not_text.json": "game.level_path",
    "save_timer_negative.json": "game.timer_seconds",
    "save_pending_wrong_shape.json": "game.pending.0",
    "save_seat_change_unknown_seat.json": "game.seat_changes[0].seat",
}
EXPORTS = {
    "export_seed_infinity.json": "record.seed",
    "export_decision_list.json": "record.decisions[0].0",
    "export_unknown_personality.json": "personalities[0]",
    "export_too_many_seasons.json": "record.decisions",
    "export_more_seasons_than_the_level.json": "record.decisions",
    "export_name_invisible.json": "record.names[3]",
}
VALID = ("valid_save.json", "valid_export.json")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ASOCIATIVIDAD_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copyfile(HOSTILE / name, target)
    return target


def _store(home: Path) -> SaveStore:
    return SaveStore(AppPaths(home / "data", home / "config"), check=save_problems)


def _refusal(path: Path, home: Path) -> SaveError:
    with pytest.raises(SaveError) as caught:
        restore_match(_store(home).read(path, quarantine=False))
    return caught.value


def test_every_fixture_is_one_of_the_corpus():
    """A fixture added to the folder must say which field it breaks."""
    assert sorted(p.name for p in HOSTILE.glob("*.json")) == sorted([*SAVES, *EXPORTS, *VALID])


def test_the_files_they_were_made_from_open(tmp_path, home):
    match = restore_match(_store(home).read(_copy("valid_save.json", tmp_path)))
    assert match.game is not None and match.game.outcome is not None
    assert read_export(_copy("valid_export.json", tmp_path)).record == match.game.record()


@pytest.mark.parametrize("name", list(SAVES))
def test_a_hostile_save_is_refused_naming_the_file_and_the_field(tmp_path, home, name):
    path = _copy(name, tmp_path)
    error = _refusal(path, home)
    assert error.kind == "invalid", error
    for message in (error.message_en, error.message_es):
        assert str(path) in message and SAVES[name] in message, message
        assert "\n" not in message and "Traceback" not in message
    assert "holds invalid data" in error.message_en
    assert "tiene datos no válidos" in error.message_es


@pytest.mark.parametrize("name", list(SAVES))
def test_export_of_a_hostile_save_prints_one_line_and_no_traceback(tmp_path, home, name, capsys):
    path = _copy(name, tmp_path)
    assert main(["export", str(path), "--out", str(tmp_path / "out"), "--no-charts"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("export: error: ") and "\n" not in err, err
    assert str(path) in err and SAVES[name] in err, err
    assert not (tmp_path / "out").exists()  # nothing written for a file that is refused


@pytest.mark.parametrize("name", list(EXPORTS))
def test_a_hostile_export_is_refused_naming_the_file_and_the_field(tmp_path, home, name, capsys):
    path = _copy(name, tmp_path)
    with pytest.raises(ExportError) as caught:
        read_export(path)
    for lang in ("en", "es"):
        message = caught.value.message(lang)
        assert message.startswith(f"{path}: ") and EXPORTS[name] in message, message
        assert "\n" not in message
    assert main(["compare", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and EXPORTS[name] in err, err


def test_the_listing_marks_a_hostile_save_damaged_and_opening_keeps_it_aside(home):
    store = _store(home)
    store.folder.mkdir(parents=True)
    for name in ("valid_save.json", "save_seed_infinity.json", "save_unknown_stage.json"):
        shutil.copyfile(HOSTILE / name, store.folder / name.replace("_", "-"))
    listed = {i.slot: i for i in store.list_saves()}
    assert listed["valid-save"].ok
    assert (
        not listed["save-seed-infinity"].ok and "game.seed" in listed["save-seed-infinity"].problem
    )
    with pytest.raises(SaveError) as caught:
        store.read("save-unknown-stage")
    assert caught.value.kept_at is not None and caught.value.kept_at.exists()
    raw = (HOSTILE / "save_unknown_stage.json").read_bytes()
    assert caught.value.kept_at.read_bytes() == raw  # kept byte for byte


def test_two_hundred_thousand_seasons_are_refused_before_any_is_replayed(
    tmp_path, home, monkeypatch
):
    """Such a save froze the screen for 15 s before it was refused: the count comes first."""
    from game.engine.game import Game

    doc = json.loads((HOSTILE / "valid_save.json").read_text(encoding="utf-8"))
    doc["game"]["record"]["decisions"] = [{"0": {"action": "defect"}}] * 200_000
    path = tmp_path / "largo.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    def no_replay(*args, **kwargs):
        raise AssertionError("a season of the file was replayed")

    monkeypatch.setattr(Game, "resolve", no_replay)
    error = _refusal(path, home)  # no_replay fails the test if any season were played
    assert f"holds 200000 seasons; it may hold 0 to {MAX_SEASONS}" in error.message_en


@pytest.mark.slow
def test_the_saved_games_screen_says_why_each_hostile_file_cannot_open(tmp_path):
    """Every file of the corpus typed into the saved games' file field: a message on the
    screen naming the field, never the error screen."""
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.title import TitleScene
    from tests.ui.harness import frames, make_app

    app = make_app(tmp_path / "home")
    failures: list[BaseException] = []
    app.fail = failures.append
    app.show(TitleScene(app))
    for name, field in {**SAVES, **EXPORTS}.items():
        app.push(LoadScene(app))
        frames(app, 1)
        scene = app.scene
        scene.file_entry.set_text(str(_copy(name, tmp_path)))
        scene.open_file()
        frames(app, 1)
        assert not failures, (name, failures)
        assert isinstance(app.scene, LoadScene), (name, type(app.scene).__name__)
        notice = app.scene.notice[0]
        assert field in notice and "\n" not in notice, (name, notice)
        app.go_back()
    app.push(LoadScene(app))
    app.scene.file_entry.set_text(str(_copy("valid_save.json", tmp_path)))
    app.scene.open_file()
    frames(app, 1)
    assert type(app.scene).__name__ == "DebriefScene" and not failures
