"""A disk or a file that refuses (full, read-only, a folder the system will not look into, a
path it will not take, a damaged file) never stops the game or shows the error screen: the
screen says what went wrong and the game goes on. The season screen says the game could not
be saved, closing the window still closes it, "save and quit" asks before quitting without
saving, and the class comparison and the debrief's export say what they could not do."""

from __future__ import annotations

import errno
import json
import pathlib
from pathlib import Path

import pygame
import pytest

from game.ui.scenes.load import LoadScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.title import TitleScene
from tests.ui.harness import click, frames, make_app, press, type_text, visible_texts
from tests.ui.test_compare import open_comparison
from tests.ui.test_debrief import SECTION_KEYS, finished_match, open_debrief
from tests.ui.test_season import scene, start


@pytest.fixture
def full_disk(monkeypatch):
    def refuse(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("game.persistence.saves.atomic_write_bytes", refuse)


def test_a_season_that_cannot_be_saved_says_so_and_the_game_goes_on(tmp_path, full_disk):
    app = start(tmp_path, people=1)
    press(app, pygame.K_c)
    press(app, pygame.K_RETURN)
    assert scene(app).mode == "resolution"
    texts = " ".join(visible_texts(app))
    assert "No se pudo guardar la partida (No space left on device)" in texts
    press(app, pygame.K_RETURN)
    assert scene(app).mode in ("deciding", "hand-off") and app.match.active_game.state.season == 1
    assert not app.paths.log_file.exists()


def test_closing_the_window_closes_it_even_if_the_game_cannot_be_saved(tmp_path, full_disk):
    app = start(tmp_path, people=1)
    app.step([pygame.event.Event(pygame.QUIT)])
    assert not app.running
    assert not app.paths.log_file.exists()


def test_save_and_quit_asks_before_quitting_without_saving(tmp_path, full_disk):
    app = start(tmp_path, people=1)
    app.push(PauseScene(app))
    frames(app)
    press(app, pygame.K_g)
    assert isinstance(app.scene, PauseScene)
    assert "Pulsa otra vez para salir sin guardar" in " ".join(visible_texts(app))
    press(app, pygame.K_g)
    assert isinstance(app.scene, TitleScene)
    assert not app.paths.log_file.exists()


@pytest.fixture
def unsearchable_saves(monkeypatch):
    """The saves folder lists its files but will not let them be looked at (a folder with read
    but no search permission), as the system would answer a player who is not root."""
    real_stat = pathlib.Path.stat
    refused: list[Path] = []

    def stat(self, *args, **kwargs):
        if refused and Path(self).parent == refused[0]:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "stat", stat)
    return refused


def test_a_saves_folder_that_cannot_be_searched_does_not_stop_the_game(
    tmp_path, unsearchable_saves
):
    app = start(tmp_path, people=1)
    app.autosave()  # one save there already
    unsearchable_saves.append(app.paths.saves_dir)
    press(app, pygame.K_c)
    press(app, pygame.K_RETURN)
    assert scene(app).mode == "resolution"
    app.show(TitleScene(app))  # the title lists the saves
    frames(app)
    assert isinstance(app.scene, TitleScene)
    assert not app.paths.log_file.exists()


def _type_into(app, entry, text: str) -> None:
    click(app, entry)
    press(app, pygame.K_a, mod=pygame.KMOD_CTRL)
    type_text(app, text)


@pytest.mark.parametrize(
    "typed", ["/tmp/" + "a" * 300, "~nosuchuser/clase", "loop"], ids=["too long", "user", "loop"]
)
def test_the_comparison_reports_a_path_it_cannot_take(tmp_path, typed, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if typed == "loop":
        (tmp_path / "loop").symlink_to(tmp_path / "loop")
    app = make_app(tmp_path)
    comparison = open_comparison(app)
    _type_into(app, comparison.source_entry, typed)
    press(app, pygame.K_RETURN)
    assert type(app.scene).__name__ == "ClassComparisonScene"
    assert comparison.notice is not None and not comparison.games
    assert not app.paths.log_file.exists()


def test_an_export_to_an_unknown_users_folder_is_refused_and_makes_no_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(tmp_path)
    debrief = open_debrief(app, finished_match(firms=5))
    press(app, SECTION_KEYS["export"])
    _type_into(app, debrief.export_entry, "~nosuchuser/taller")
    press(app, pygame.K_RETURN)
    assert type(app.scene).__name__ == "DebriefScene"
    assert "No se pudo exportar" in debrief.export_note[0]
    assert not (tmp_path / "~nosuchuser").exists()


@pytest.mark.parametrize(
    "summary",
    [{"names": 5}, {"level_name": {"es": 5}}, {"season": "x", "outcome": {}}],
    ids=["names", "level name", "season"],
)
def test_a_save_with_a_damaged_summary_still_lists(tmp_path, summary):
    app = make_app(tmp_path)
    path = app.store.write("rara", {"fresh": True}, {"level_name": "Gamarra"}, False)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["summary"].update(summary)
    path.write_text(json.dumps(doc), encoding="utf-8")
    app.show(TitleScene(app))
    frames(app)
    app.push(LoadScene(app))
    frames(app)
    assert isinstance(app.scene, LoadScene) and len(app.scene.saves) == 1
    assert not app.paths.log_file.exists()


def test_files_nested_too_deep_are_damaged_files_not_crashes(tmp_path):
    deep = ("[" * 100_000).encode()
    (tmp_path / "config").mkdir(parents=True)
    (tmp_path / "config" / "settings.json").write_bytes(deep)
    app = make_app(tmp_path)  # the settings fall back to the defaults, and say so
    (app.paths.saves_dir).mkdir(parents=True, exist_ok=True)
    (app.paths.saves_dir / "honda.json").write_bytes(deep)
    app.show(TitleScene(app))
    frames(app)
    assert isinstance(app.scene, TitleScene)
    (info,) = app.store.list_saves()
    assert not info.ok and "nested too deep" in info.error.message_en


def test_a_huge_file_is_refused_without_being_read(tmp_path):
    from game.ui.scenes.compare import MAX_GAME_FILE, GameFileError, read_game_file

    big = tmp_path / "enorme.json"
    with big.open("wb") as handle:  # sparse: no time or disk spent
        handle.truncate(MAX_GAME_FILE + 1)
    app = make_app(tmp_path)
    with pytest.raises(GameFileError) as info:
        read_game_file(big, app.store)
    assert "no es una partida de este juego" in info.value.message("es")
