"""A disk that refuses to save (full, or read-only) never stops the game or shows the error
screen: the season screen says the game could not be saved and plays on, closing the window
still closes it, and "save and quit" asks before quitting without saving."""

from __future__ import annotations

import errno

import pygame
import pytest

from game.ui.scenes.pause import PauseScene
from game.ui.scenes.title import TitleScene
from tests.ui.harness import frames, press, visible_texts
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
