"""The menu screens: settings, how to play, saved games; and the little sounds."""

from __future__ import annotations

import json

import pygame
import pygame_gui
import pytest

from game.content.levels import load_level
from game.persistence.paths import AppPaths
from game.play.match import Match, Seat
from game.ui import flow, sound
from game.ui.app import App
from game.ui.scenes.how_to_play import PAGES, HowToPlayScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.title import TitleScene
from game.ui.text import TextAudit, font
from tests.ui.harness import button_with, click, frames, make_app, press, visible_texts


def _open(app: App, scene_class, *args) -> App:
    """The title screen with ``scene_class`` pushed over it, as a player would open it."""
    app.show(TitleScene(app))
    frames(app)
    app.push(scene_class(app, *args))
    frames(app)
    return app


def _save_a_match(app: App, slot: str = "test") -> None:
    level = load_level("gamarra")
    match = Match(level, [Seat("Ana"), Seat("Beto", "leal"), Seat("Carla", "reciproco")], seed=1)
    match.sign(level.reference_contract)
    app.match = match
    app.save_slot = slot
    app.autosave()
    app.match = None
    app.save_slot = None


def _corrupt_save(app: App, name: str = "rota.json"):
    path = app.paths.saves_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ esto no es una partida", encoding="utf-8")
    return path


def _buttons_fit(app: App) -> list[str]:
    """Labels wider than their button (pygame_gui would clip them silently)."""
    size = app.text_sizes.widget
    too_wide = []
    for action in app.scene.actions:
        button = action.button
        face = font(size, bold=action.primary)
        if face.size(button.text)[0] > button.rect.width - 12:
            too_wide.append(button.text)
    return too_wide


# -- settings -------------------------------------------------------------------------------


def test_settings_language_and_text_size_are_applied_and_remembered(tmp_path):
    app = _open(make_app(tmp_path), SettingsScene)
    click(app, "English")
    assert app.settings.language == "en"
    assert "Settings" in visible_texts(app)
    click(app, "Large (projector)")
    assert app.settings.text_size == "large"
    assert isinstance(app.scene, SettingsScene)
    assert app.text_sizes.body > 18

    again = App(AppPaths(tmp_path / "data", tmp_path / "config"))
    assert again.settings.language == "en"
    assert again.settings.text_size == "large"


def _unwritable_settings(monkeypatch) -> None:
    """Saving the settings fails, as on a read-only or full disk."""

    def refuse(paths, settings):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("game.ui.app.save_settings", refuse)


def test_a_setting_that_cannot_be_saved_still_holds_and_says_so(tmp_path, monkeypatch):
    app = _open(make_app(tmp_path), SettingsScene)
    _unwritable_settings(monkeypatch)
    click(app, "English")
    assert app.settings.language == "en" and isinstance(app.scene, SettingsScene)
    assert "Permission denied" in app.scene.message
    frames(app)
    assert not app.paths.log_file.exists()


def test_the_title_switches_language_even_if_the_settings_cannot_be_saved(tmp_path, monkeypatch):
    app = make_app(tmp_path, language="es")
    app.show(TitleScene(app))
    frames(app)
    _unwritable_settings(monkeypatch)
    press(app, pygame.K_i)
    frames(app)
    assert app.settings.language == "en" and isinstance(app.scene, TitleScene)
    assert "could not be saved for next time" in " ".join(visible_texts(app))
    assert not app.paths.log_file.exists()  # no error screen for a settings file


def test_the_debriefs_language_key_says_when_the_settings_cannot_be_saved(tmp_path, monkeypatch):
    from tests.ui.test_debrief import finished_match, open_debrief

    app = make_app(tmp_path, language="es")
    debrief = open_debrief(app, finished_match(firms=6))
    _unwritable_settings(monkeypatch)
    press(app, pygame.K_i)
    frames(app)
    assert app.settings.language == "en" and app.scene is debrief
    assert "could not be saved for next time: Permission denied" in " ".join(visible_texts(app))
    monkeypatch.undo()  # the disk takes the settings again: the warning goes with the next change
    press(app, pygame.K_i)
    frames(app)
    assert app.settings.language == "es" and debrief.settings_problem is None
    assert not any("no se pudo guardar" in text for text in visible_texts(app))
    assert not app.paths.log_file.exists()


def test_the_selected_toggle_shows_the_current_value(tmp_path):
    app = _open(make_app(tmp_path, language="es"), SettingsScene)
    assert button_with(app, "Español").is_selected
    assert not button_with(app, "English").is_selected
    click(app, "English")
    assert button_with(app, "English").is_selected
    assert not button_with(app, "Español").is_selected


def test_each_setting_has_a_key(tmp_path):
    app = _open(make_app(tmp_path), SettingsScene)
    start = app.settings
    press(app, pygame.K_i)
    assert app.settings.language == "en"
    press(app, pygame.K_p)
    assert app.settings.fullscreen != start.fullscreen
    press(app, pygame.K_p)
    assert app.settings.fullscreen == start.fullscreen
    press(app, pygame.K_a)
    assert app.settings.animation_speed != start.animation_speed
    press(app, pygame.K_MINUS)
    assert app.settings.volume == pytest.approx(start.volume - 0.1)
    press(app, pygame.K_s)
    assert app.settings.sound is (not start.sound)
    press(app, pygame.K_t)
    assert app.settings.text_size == "large"
    press(app, pygame.K_v)
    assert tuple(app.settings.window_size) == (1366, 768)
    assert app.screen.get_size() == (1366, 768)


def test_window_size_dropdown_and_volume_slider(tmp_path):
    app = _open(make_app(tmp_path), SettingsScene)
    menu = app.scene.size_menu
    click(app, menu.current_state.selected_option_button)
    options = menu.current_state.options_selection_list.item_list_container.elements
    click(app, next(o for o in options if o.text.startswith("1600")), settle=3)
    assert tuple(app.settings.window_size) == (1600, 900)
    assert app.screen.get_size() == (1600, 900)

    slider = app.scene.volume_slider
    app.step(
        [pygame.event.Event(pygame_gui.UI_HORIZONTAL_SLIDER_MOVED, value=30, ui_element=slider)]
    )
    frames(app, 2)
    assert app.settings.volume == pytest.approx(0.3)
    saved = json.loads(app.paths.settings_file.read_text(encoding="utf-8"))
    assert saved["volume"] == pytest.approx(0.3)
    assert saved["window_size"] == [1600, 900]


def test_done_and_escape_go_back(tmp_path):
    app = _open(make_app(tmp_path), SettingsScene)
    click(app, "Listo")
    assert isinstance(app.scene, TitleScene)
    app.push(SettingsScene(app))
    frames(app)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TitleScene)


# -- how to play ----------------------------------------------------------------------------


def test_how_to_play_pages_turn_with_keys_and_buttons(tmp_path):
    app = _open(make_app(tmp_path), HowToPlayScene)
    scene = app.scene
    assert scene.page == 0
    assert "1 / 5" in visible_texts(app)
    press(app, pygame.K_LEFT)  # nothing before the first page
    assert scene.page == 0
    press(app, pygame.K_RIGHT)
    assert scene.page == 1
    assert "2 / 5" in visible_texts(app)
    click(app, "Siguiente")
    assert scene.page == 2
    click(app, "Anterior")
    assert scene.page == 1
    for _ in range(10):
        press(app, pygame.K_RIGHT)
    assert scene.page == len(PAGES) - 1
    assert not button_with(app, "Siguiente").is_enabled
    press(app, pygame.K_RETURN)  # on the last page Enter closes
    assert isinstance(app.scene, TitleScene)


def test_how_to_play_closes_with_escape_and_cites_its_sources(tmp_path):
    app = _open(make_app(tmp_path), HowToPlayScene)
    texts = []
    for _ in PAGES:
        texts += visible_texts(app)
        press(app, pygame.K_RIGHT)
    assert any("000, sección III" in t for t in texts)
    assert any("Cuadro 2" in t for t in texts)
    click(app, "Cerrar")
    assert isinstance(app.scene, TitleScene)


# -- saved games ----------------------------------------------------------------------------


def test_load_lists_a_good_save_and_a_damaged_one(tmp_path):
    app = make_app(tmp_path)
    _save_a_match(app)
    _corrupt_save(app)
    _open(app, LoadScene)
    saves = app.scene.saves
    assert len(saves) == 2
    assert sorted(s.ok for s in saves) == [False, True]
    texts = " ".join(visible_texts(app))
    assert "Gamarra" in texts and "Ana, Beto, Carla" in texts
    assert "En curso" in texts and "Dañada" in texts
    assert "dañada" in texts  # the problem, in Spanish


def test_opening_a_damaged_save_shows_why_and_keeps_the_file(tmp_path):
    app = make_app(tmp_path)
    _save_a_match(app)
    bad = _corrupt_save(app)
    _open(app, LoadScene)
    scene = app.scene
    while scene.current().ok:
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, LoadScene)
    assert app.match is None
    assert not bad.exists()
    kept = list(bad.parent.glob("rota.corrupt-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8").startswith("{ esto")
    texts = " ".join(visible_texts(app))
    assert "dañada" in texts and str(kept[0]) in texts
    assert [s.ok for s in scene.saves] == [True]  # the list was refreshed


def test_opening_a_good_save_restores_the_match(tmp_path, monkeypatch):
    resumed = []
    monkeypatch.setattr(flow, "resume", lambda app: resumed.append(app.match))
    app = make_app(tmp_path)
    _save_a_match(app, slot="test")
    _open(app, LoadScene)
    click(app, "Abrir")
    assert resumed and resumed[0] is app.match
    assert app.match.level.id == "gamarra"
    assert app.save_slot == "test"


def test_rows_can_be_chosen_with_the_mouse(tmp_path):
    app = make_app(tmp_path)
    _save_a_match(app, slot="uno")
    _save_a_match(app, slot="dos")
    _open(app, LoadScene)
    scene = app.scene
    index, rect = scene.visible_rows()[1]
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1)])
    app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=rect.center, button=1)])
    assert scene.selected == index == 1


def test_delete_asks_for_confirmation(tmp_path):
    app = make_app(tmp_path)
    _save_a_match(app, slot="test")
    path = app.store.path_for("test")
    _open(app, LoadScene)
    press(app, pygame.K_DELETE)
    assert path.exists()
    assert app.scene.confirming == path
    assert "No se puede deshacer" in " ".join(visible_texts(app))
    press(app, pygame.K_ESCAPE)  # cancels, does not leave
    assert isinstance(app.scene, LoadScene) and app.scene.confirming is None
    assert path.exists()
    click(app, "Borrar")
    assert path.exists()
    click(app, "Sí, borrar")
    assert not path.exists()
    assert app.scene.saves == []
    assert "Todavía no hay partidas guardadas" in visible_texts(app)


def test_delete_by_keyboard_needs_a_second_press(tmp_path):
    app = make_app(tmp_path)
    _save_a_match(app, slot="test")
    path = app.store.path_for("test")
    _open(app, LoadScene)
    press(app, pygame.K_DELETE)
    assert path.exists()
    press(app, pygame.K_DELETE)
    assert not path.exists()


def test_many_saves_are_shown_a_page_at_a_time(tmp_path):
    app = make_app(tmp_path)
    _save_a_match(app, slot="base")
    loaded = app.store.read("base")
    for i in range(12):
        app.store.write(f"copia-{i:02d}", loaded.game, loaded.summary, False)
    _open(app, LoadScene)
    scene = app.scene
    assert scene.pages > 1
    assert len(scene.visible_rows()) == scene.per_page
    press(app, pygame.K_RIGHT)
    assert scene.page == 1 and scene.selected == scene.per_page
    press(app, pygame.K_UP)
    assert scene.page == 0


def test_empty_load_screen_is_friendly(tmp_path):
    app = _open(make_app(tmp_path), LoadScene)
    assert "Todavía no hay partidas guardadas" in visible_texts(app)
    press(app, pygame.K_RETURN)  # nothing to open: Enter goes back
    assert isinstance(app.scene, TitleScene)


# -- sound ----------------------------------------------------------------------------------


def test_sound_never_raises(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    for name in (*sound.NAMES, "no-such-sound"):
        sound.play(app, name)
    assert sound.NAMES == ("click", "accepted", "cancelled", "detected", "advance", "collapse")

    def broken(*args, **kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setattr(sound, "_cache", {})
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", broken)
    monkeypatch.setattr(sound, "_mixer_failed", False)
    sound.play(app, "click")  # no mixer: silently nothing


def test_sound_respects_the_settings(tmp_path, monkeypatch):
    from dataclasses import replace

    played = []
    app = make_app(tmp_path)
    monkeypatch.setattr(sound, "_sound", lambda name: played.append(name))
    app.settings = replace(app.settings, sound=False)
    sound.play(app, "click")
    app.settings = replace(app.settings, sound=True, volume=0.0)
    sound.play(app, "click")
    assert played == []


def test_sounds_are_short_and_within_range():
    for name in sound.NAMES:
        wave = sound.wave(name, 22050)
        assert 0 < len(wave) < 22050 * 1.5
        assert abs(wave).max() <= 1.0


# -- no text overflow -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, text_size", [("es", "normal"), ("en", "normal"), ("es", "large"), ("en", "large")]
)
def test_menu_texts_fit_their_boxes(tmp_path, language, text_size):
    app = make_app(tmp_path, language=language, text_size=text_size)
    _save_a_match(app)
    _corrupt_save(app)
    screens = []

    def look(name):
        TextAudit.start()
        frames(app, 1)
        over = TextAudit.overflowing()
        TextAudit.stop()
        screens.append((name, [r.text for r in over], _buttons_fit(app)))

    _open(app, SettingsScene)
    look("settings")
    app.go_back()
    app.push(HowToPlayScene(app))
    frames(app)
    for page in range(len(PAGES)):
        look(f"how to play {page + 1}")
        press(app, pygame.K_RIGHT)
    app.go_back()
    app.push(LoadScene(app))
    frames(app)
    look("load")
    press(app, pygame.K_DELETE)
    look("load, confirming")
    press(app, pygame.K_ESCAPE)
    while app.scene.current().ok:
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    look("load, after a damaged save")
    bad = [(name, texts, labels) for name, texts, labels in screens if texts or labels]
    assert not bad, bad
