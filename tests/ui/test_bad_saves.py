"""Saves the game cannot read, on screen (issue 16): one bad file never locks the title or the
saved-games list; a save or a settings file the game cannot read is kept aside, and said so,
never written over."""

from __future__ import annotations

from dataclasses import replace

import pygame
import pytest

from game.persistence.paths import AppPaths
from game.persistence.settings import Settings, load_settings, save_settings
from game.ui.app import App
from game.ui.scenes.load import LoadScene
from game.ui.scenes.season import SeasonScene
from game.ui.scenes.title import TitleScene
from tests.persistence.test_one_bad_save import long_integer_save
from tests.persistence.unreadable import Unreadable
from tests.ui.harness import button_with, click, frames, make_app, press, visible_texts
from tests.ui.test_season import scene, start


def test_a_save_with_a_huge_integer_does_not_lock_the_title_or_the_list(tmp_path):
    app = start(tmp_path, people=1)
    app.autosave()  # a game in progress, saved as slot "t"
    bad = app.paths.saves_dir / "enorme.json"
    content = long_integer_save()
    bad.write_bytes(content)

    app.show(TitleScene(app))
    frames(app)

    assert isinstance(app.scene, TitleScene)
    assert button_with(app, "Continuar").is_enabled
    click(app, "Partidas guardadas")
    assert isinstance(app.scene, LoadScene)
    assert sorted(info.slot for info in app.scene.saves) == ["enorme", "t"]
    texts = " ".join(visible_texts(app))
    assert "Dañada" in texts and "enorme.json" in texts and "número demasiado largo" in texts
    assert bad.read_bytes() == content
    press(app, pygame.K_ESCAPE)
    click(app, "Continuar")  # the good game still opens
    assert isinstance(app.scene, SeasonScene)
    assert not app.paths.log_file.exists()


def test_unreadable_settings_are_kept_aside_at_start_and_the_title_says_where(
    tmp_path, monkeypatch
):
    unreadable = Unreadable(monkeypatch)
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    paths.config_dir.mkdir(parents=True)
    old = b'{"version": 1, "language": "en", "volume": 0.25}\n'
    paths.settings_file.write_bytes(old)
    unreadable.deny(paths.settings_file)

    app = App(paths)
    app.show(TitleScene(app))
    frames(app)

    (kept,) = paths.config_dir.glob("settings.unreadable-*.json")
    assert f"el archivo se conservó como {kept}" in " ".join(visible_texts(app))
    click(app, "English")  # a setting changed and saved: a new file, the old one kept
    assert load_settings(paths)[0].language == "en"
    unreadable.allow(kept)
    assert kept.read_bytes() == old


def test_a_setting_is_not_saved_over_a_file_that_became_unreadable(tmp_path, monkeypatch):
    unreadable = Unreadable(monkeypatch)
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    save_settings(paths, Settings(volume=0.25))
    old = paths.settings_file.read_bytes()
    app = App(paths)
    unreadable.deny(paths.settings_file)

    problem = app.apply_settings(replace(app.settings, volume=0.9))

    assert app.settings.volume == 0.9  # it holds for this session
    assert problem is not None and str(paths.settings_file) in problem
    assert "no se escribió encima" in problem  # in the player's language, Spanish here
    unreadable.allow(paths.settings_file)
    assert paths.settings_file.read_bytes() == old


def test_a_season_saved_over_an_unreadable_save_keeps_it_and_says_so(tmp_path, monkeypatch):
    unreadable = Unreadable(monkeypatch)
    app = start(tmp_path, people=1)
    app.autosave()
    path = app.store.path_for(app.save_slot)
    old = path.read_bytes()
    unreadable.deny(path)

    press(app, pygame.K_c)
    press(app, pygame.K_RETURN)  # the season is played and saved

    assert scene(app).mode == "resolution"
    (kept,) = app.paths.saves_dir.glob("t.unreadable-*.json")
    texts = " ".join(visible_texts(app))
    assert "La partida se guardó" in texts and kept.name in texts
    assert "No se pudo guardar" not in texts
    assert app.store.read(app.save_slot).game == app.match.to_json()
    unreadable.allow(kept)
    assert kept.read_bytes() == old
    app.show(TitleScene(app))  # said again, whole, on the title screen
    frames(app)
    assert str(kept) in " ".join(visible_texts(app))
    assert not app.paths.log_file.exists()


def test_a_file_with_a_huge_integer_opened_by_path_is_not_a_game_and_no_bug(tmp_path):
    from game.ui.scenes.compare import GameFileError, read_game_file

    app = make_app(tmp_path)
    odd = tmp_path / "enorme.json"
    odd.write_bytes(long_integer_save())
    with pytest.raises(GameFileError) as info:
        read_game_file(odd, app.store)
    assert "enorme.json: no es una partida de este juego" in info.value.message("es")
    assert "enorme.json: not a game of this game" in info.value.message("en")
