"""A level file edited after a game was played: exports and saves notice it and say so.

A save or an export keeps the decisions and names the level; reopening it replays the game on
the level as it is now. These tests edit a copy of a shipped level between playing and
reopening, and check that the fingerprint tells the two versions apart, that texts alone do not
count, and that the debrief, the printed summary, the comparison and resuming a save all warn.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pygame
import pytest

from game import debrief as api
from game.ai import make_personality
from game.content.levels import LEVELS_DIR, load_level
from game.debrief.html import render_comparison, render_game
from game.engine.fingerprint import level_fingerprint
from game.engine.game import GameRecord, play
from game.engine.state import COOPERATE
from game.play.match import Match, Seat
from game.ui.saving import save_match
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.season import SeasonScene
from game.ui.scenes.title import TitleScene
from tests.ui.harness import frames, make_app, press, visible_texts

MIX = ("leal", "oportunista", "reciproco", "rencoroso", "a_medias", "inversor")


def copy_of(level_id: str, folder: Path) -> Path:
    path = folder / f"{level_id}.yaml"
    shutil.copy(LEVELS_DIR / f"{level_id}.yaml", path)
    return path


def nudge_start_trust(path: Path) -> None:
    """Edit the level file as a facilitator might: the starting trust one hundredth higher."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"\n  trust: (0\.\d+)", text)
    assert match is not None, f"no starting trust in {path.name}"
    raised = f"{float(match.group(1)) + 0.01:.2f}"
    path.write_text(text[: match.start(1)] + raised + text[match.end(1) :], encoding="utf-8")


def played(level: str | Path, seed: int = 3) -> GameRecord:
    """The record of a game of ``level`` (a shipped level's name or a file) by six personalities."""
    level = load_level(level)
    deciders = [make_personality(k, f"{seed}/{i}") for i, k in enumerate(MIX)]
    return play(level, deciders, seed, level.reference_contract).record()


# -- the fingerprint ------------------------------------------------------------------------


def test_the_fingerprint_follows_the_numbers_and_ignores_the_texts():
    level = load_level("gamarra")
    assert level_fingerprint(level) == level_fingerprint(load_level("gamarra"))
    assert level_fingerprint(level) != level_fingerprint(load_level("el_porvenir"))
    richer = dataclasses.replace(level, start_trust=level.start_trust + 0.01)
    assert level_fingerprint(richer) != level_fingerprint(level)
    event = dataclasses.replace(level.events[0], weight=level.events[0].weight + 1.0)
    assert level_fingerprint(dataclasses.replace(level, events=(event, *level.events[1:]))) != (
        level_fingerprint(level)
    )
    reworded = dataclasses.replace(
        level,
        description={"es": "Otra descripción.", "en": "Another description."},
        path="/somewhere/else.yaml",
    )
    assert level_fingerprint(reworded) == level_fingerprint(level)


def test_a_record_carries_its_level_and_survives_json():
    level = load_level("villa_el_salvador")
    record = played("villa_el_salvador", seed=2)
    assert record.level_fingerprint == level_fingerprint(level)
    assert GameRecord.from_json(record.to_json()) == record
    assert not record.level_changed(level)
    older = dataclasses.replace(record, level_fingerprint="")  # a record from before
    assert not older.level_changed(dataclasses.replace(level, start_trust=0.9))


# -- exports --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_an_export_reopened_after_its_level_changed_says_so(tmp_path, suffix):
    level_path = copy_of("el_porvenir", tmp_path)
    record = played(level_path)
    files = api.export_game(load_level(level_path), record, tmp_path / "out")
    export = next(p for p in files if p.suffix == suffix)

    unchanged = api.read_export(export)
    assert not api.analyse(unchanged.level, unchanged.record).level_changed

    nudge_start_trust(level_path)
    reopened = api.read_export(export)
    debrief = api.analyse(reopened.level, reopened.record)
    assert debrief.level_changed
    assert debrief.record.level_fingerprint == record.level_fingerprint  # the record keeps it
    page = render_game(debrief, "both")
    assert "El archivo del nivel cambió" in page and "The level file has changed" in page
    assert "El archivo del nivel cambió" not in render_game(
        api.analyse(unchanged.level, unchanged.record), "both"
    )
    comparison = api.compare([export])
    assert comparison.games[0].level_changed
    assert "The level file has changed" in render_comparison(comparison, "en")


def test_only_a_text_edit_raises_no_warning(tmp_path):
    level_path = copy_of("gamarra", tmp_path)
    record = played(level_path)
    files = api.export_game(load_level(level_path), record, tmp_path / "out")
    text = level_path.read_text(encoding="utf-8")
    level_path.write_text(text + "\n# a facilitator's note at the end\n", encoding="utf-8")
    reopened = api.read_export(next(p for p in files if p.suffix == ".json"))
    assert not api.analyse(reopened.level, reopened.record).level_changed


def test_the_debrief_screen_shows_the_warning(tmp_path):
    level_path = copy_of("gamarra", tmp_path)
    record = played(level_path)
    changed = dataclasses.replace(load_level(level_path), start_trust=0.05)
    warning = "The level file has changed since this game was played"
    app = make_app(tmp_path / "home", language="en")
    app.show(DebriefScene(app, changed, record))
    frames(app)
    assert app.scene.level_changed
    assert any(warning in text for text in visible_texts(app))
    app.show(DebriefScene(app, load_level(level_path), record))
    frames(app)
    assert not app.scene.level_changed
    assert not any(warning in text for text in visible_texts(app))


# -- saves ----------------------------------------------------------------------------------


def write_save(home: Path, level_path: Path) -> None:
    app = make_app(home)
    level = load_level(level_path)
    seats = [Seat("Ana")] + [Seat(f"Firma {i}", k) for i, k in enumerate(MIX[1:5], start=1)]
    match = Match(level, seats, seed=4)
    match.sign(level.reference_contract)
    match.decide(0, COOPERATE)
    match.resolve()
    match.next_season()
    app.match = match
    save_match(app)


def test_continuing_a_save_whose_level_changed_asks_first(tmp_path):
    level_path = copy_of("gamarra", tmp_path)
    write_save(tmp_path / "home", level_path)
    nudge_start_trust(level_path)

    app = make_app(tmp_path / "home", language="en")
    app.show(TitleScene(app))
    frames(app)
    press(app, pygame.K_c)  # continue
    assert isinstance(app.scene, TitleScene) and app.match is None
    assert "has changed since this game was saved" in (app.notice or "")
    press(app, pygame.K_c)  # again: the player has been told
    assert isinstance(app.scene, SeasonScene)
    assert app.match.level_changed
    assert app.notice is None  # back at the title later, the warning is not shown again
    # saved again, the game still says it began on the earlier version
    save_match(app)
    again = app.store.read(app.store.list_saves()[0].path)
    assert GameRecord.from_json(again.game["record"]).level_changed(load_level(level_path))


def test_continuing_a_save_whose_level_is_unchanged_asks_nothing(tmp_path):
    level_path = copy_of("gamarra", tmp_path)
    write_save(tmp_path / "home", level_path)
    app = make_app(tmp_path / "home")
    app.show(TitleScene(app))
    frames(app)
    press(app, pygame.K_c)
    assert isinstance(app.scene, SeasonScene)
    assert not app.match.level_changed


def test_opening_such_a_save_from_the_list_asks_first(tmp_path):
    level_path = copy_of("el_porvenir", tmp_path)
    write_save(tmp_path / "home", level_path)
    nudge_start_trust(level_path)
    app = make_app(tmp_path / "home")
    app.show(LoadScene(app))
    frames(app)
    press(app, pygame.K_RETURN)  # open
    assert isinstance(app.scene, LoadScene)
    assert "cambió desde que se guardó" in app.scene.notice[0]
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, SeasonScene)
