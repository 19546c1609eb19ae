"""The app itself: keyboard focus, language switch, errors that never reach the player."""

from __future__ import annotations

import pygame

from game.persistence.paths import AppPaths
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.scenes.error import ErrorScene
from game.ui.scenes.title import TitleScene
from tests.ui.harness import button_with, buttons, click, frames, make_app, press, visible_texts


def _title(tmp_path, **kwargs) -> App:
    app = make_app(tmp_path, **kwargs)
    app.show(TitleScene(app))
    frames(app)
    return app


def test_tab_moves_the_focus_and_enter_presses_the_focused_button(tmp_path):
    app = _title(tmp_path)
    quit_button = button_with(app, "Salir")
    while app.scene.focus is None or app.scene.actions[app.scene.focus].button is not quit_button:
        press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    assert app.running is False


def test_shift_tab_goes_backwards(tmp_path):
    app = _title(tmp_path)
    press(app, pygame.K_TAB)
    first = app.scene.focus
    press(app, pygame.K_TAB)
    press(app, pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert app.scene.focus == first


def test_a_disabled_button_cannot_be_reached_by_its_shortcut(tmp_path):
    app = _title(tmp_path)  # no saved game: "Continuar" is disabled
    assert not button_with(app, "Continuar").is_enabled
    press(app, pygame.K_c)
    assert isinstance(app.scene, TitleScene)


def test_switching_language_changes_every_visible_text(tmp_path):
    app = _title(tmp_path, language="es")
    spanish = set(visible_texts(app))
    click(app, "English")
    english = set(visible_texts(app))
    assert app.settings.language == "en"
    unchanged = spanish & english - {"Asociatividad"}
    assert not unchanged, unchanged
    # and it is remembered for the next launch
    again = App(AppPaths(tmp_path / "data", tmp_path / "config"))
    assert again.settings.language == "en"


class _Broken(Scene):
    def update(self, dt: float) -> None:
        raise RuntimeError("a bug deep inside a screen")


def test_an_unexpected_error_is_logged_and_shown_as_a_message(tmp_path):
    app = make_app(tmp_path)
    app.show(_Broken(app))
    frames(app, 1)
    assert isinstance(app.scene, ErrorScene)
    log = app.paths.log_file.read_text(encoding="utf-8")
    assert "a bug deep inside a screen" in log and "Traceback" in log
    texts = " ".join(visible_texts(app))
    assert "Algo salió mal" in texts and "Traceback" not in texts
    click(app, "Volver al inicio")
    assert isinstance(app.scene, TitleScene)


def test_every_title_button_shows_its_shortcut(tmp_path):
    app = _title(tmp_path)
    for button in buttons(app):
        assert button.text.endswith(")"), button.text
