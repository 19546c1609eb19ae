"""The three screens that set up a game: level select, seating, the consortium's contract."""

from __future__ import annotations

import importlib.util

import pygame
import pytest

from game.ai.base import REGISTRY
from game.content.levels import load_level
from game.engine.contract import CONDITIONS
from game.play.match import Match, Seat, Stage
from game.ui.scenes.contract import ContractScene
from game.ui.scenes.level_select import LevelSelectScene
from game.ui.scenes.seating import SeatingScene
from game.ui.scenes.title import TitleScene
from game.ui.text import TextAudit, font
from tests.ui.harness import (
    button_with,
    buttons,
    click,
    frames,
    make_app,
    press,
    screenshot,
    type_text,
    visible_texts,
)

NAME = "Ñañez & Cía. Peñaloza"


def _title(tmp_path, **kwargs):
    app = make_app(tmp_path, **kwargs)
    app.show(TitleScene(app))
    frames(app)
    return app


def _seating(tmp_path, level="gamarra", **kwargs):
    app = make_app(tmp_path, **kwargs)
    app.show(SeatingScene(app, load_level(level)))
    frames(app)
    return app


def _contract(tmp_path, level="gamarra", **kwargs):
    app = make_app(tmp_path, **kwargs)
    lv = load_level(level)
    personalities = ["leal", "oportunista", "reciproco", "rencoroso", "a_medias"]
    seats = [Seat(NAME)] + [Seat(lv.firm_names[i], personalities[i - 1]) for i in range(1, 6)]
    app.match = Match(lv, seats, 7)
    app.show(ContractScene(app))
    frames(app)
    return app


def _replace_name(app, seat: int, text: str) -> None:
    click(app, app.scene.name_entries[seat])
    press(app, pygame.K_a, mod=pygame.KMOD_CTRL)
    type_text(app, text)


def _pick_from_dropdown(app, seat: int, label: str) -> None:
    menu = app.scene.menus[seat]
    click(app, menu)
    options = menu.current_state.options_selection_list.item_list
    target = next(o["button_element"] for o in options if o["text"] == label)
    click(app, target, settle=4)  # button → selection list → dropdown → scene: a frame each


# -- the whole way, as a person would go -------------------------------------------------------


def test_from_the_title_to_a_signed_contract(tmp_path):
    app = _title(tmp_path)
    click(app, "Nuevo juego")
    scene = app.scene
    assert isinstance(scene, LevelSelectScene)
    assert [lv.id for lv in scene.levels] == [
        "tutorial",
        "gamarra",
        "el_porvenir",
        "villa_el_salvador",
    ]
    texts = " ".join(visible_texts(app))
    assert "Tutorial: el dilema" in texts and "Lo que lo frena" in texts

    # Gamarra by keyboard: one step right, then Enter
    press(app, pygame.K_RIGHT)
    assert scene.selected == 1
    press(app, pygame.K_RETURN)
    seating = app.scene
    assert isinstance(seating, SeatingScene) and seating.level.id == "gamarra"
    assert seating.count == 6

    # one firm more, two fewer
    click(app, button_with(app, "+"))
    assert app.scene.count == 7
    click(app, button_with(app, "−"))
    click(app, button_with(app, "−"))
    assert app.scene.count == 5 and len(app.scene.name_entries) == 5

    # the second seat becomes a person with a name full of accents
    click(app, app.scene.kind_buttons[1][0])
    assert app.scene.drafts[1].human
    assert app.scene.name_entries[1].get_text() == "Textil Huallaga"  # a person keeps the firm
    _replace_name(app, 1, NAME)
    assert app.scene.name_of(1) == NAME

    # the third seat gets a grudger from the dropdown; its description shows
    _pick_from_dropdown(app, 2, "Rencoroso")
    assert app.scene.drafts[2].personality == "rencoroso"
    assert REGISTRY["rencoroso"].description["es"] in visible_texts(app)

    press(app, pygame.K_RETURN)
    contract = app.scene
    assert isinstance(contract, ContractScene)
    match = app.match
    assert [s.name for s in match.seats][:2] == ["Confecciones Rosita", NAME]
    assert match.seats[0].is_human and match.seats[1].is_human
    assert match.seats[2].personality == "rencoroso"
    for seat in match.seats[2:]:
        assert seat.personality in REGISTRY and not REGISTRY[seat.personality].reference
    assert 1 <= match.seed < 10**9

    # the contract starts from the cluster's habit
    level = match.level
    assert contract.choices == level.default_contract
    before = contract.totals()
    # by click: precise goals
    click(app, button_with(app, "Metas con números"))
    assert app.scene.choices["goals"] == "precise"
    once, season = app.scene.totals()
    assert once == before[0] + level.contract["goals"].options["precise"].cost_once
    # by keyboard: condition 6 (penalties), one option to the right
    press(app, pygame.K_6)
    assert app.scene.current == CONDITIONS.index("penalties")
    press(app, pygame.K_RIGHT)
    penalties = list(level.contract["penalties"].options)
    expected_penalty = penalties[(penalties.index(level.default_contract["penalties"]) + 1) % 4]
    assert app.scene.choices["penalties"] == expected_penalty
    # condition 7 (traceability): to the left wraps round to the system, which costs
    press(app, pygame.K_7)
    press(app, pygame.K_LEFT)
    assert app.scene.choices["traceability"] == "system"
    assert app.scene.totals()[1] > season
    assert "Al firmar: " + app.tr("money", amount=app.scene.totals()[0]) in visible_texts(app)

    chosen = dict(app.scene.choices)
    expected = dict(level.default_contract)
    expected.update(goals="precise", penalties=expected_penalty, traceability="system")
    assert chosen == expected
    press(app, pygame.K_RETURN)
    assert match.stage is Stage.DECIDING
    assert match.game.record().contract == expected
    assert app.store.latest_unfinished() is not None  # saved right after signing
    if importlib.util.find_spec("game.ui.scenes.season") is not None:
        assert type(app.scene).__name__ == "SeasonScene"


# -- level select --------------------------------------------------------------------------


def test_levels_are_chosen_by_number_and_click_and_esc_goes_back(tmp_path):
    app = _title(tmp_path)
    press(app, pygame.K_n)
    scene = app.scene
    press(app, pygame.K_4)
    assert scene.selected == 3
    press(app, pygame.K_LEFT)
    assert scene.selected == 2
    pos = scene.card_rects[0].center
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)])
    app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    assert scene.selected == 0
    click(app, "Elegir")
    assert isinstance(app.scene, SeatingScene) and app.scene.level.id == "tutorial"
    assert app.scene.level.firms.min == 2
    press(app, pygame.K_ESCAPE)
    assert app.scene is scene
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TitleScene)


# -- seating -------------------------------------------------------------------------------


def test_two_firms_with_the_same_name_do_not_start(tmp_path):
    app = _seating(tmp_path)
    click(app, app.scene.kind_buttons[1][0])
    _replace_name(app, 1, "confecciones rosita ")  # seat 1's, whatever the case and spaces
    press(app, pygame.K_RETURN)  # leaves the field
    click(app, "Empezar")
    assert isinstance(app.scene, SeatingScene) and app.match is None
    texts = " ".join(visible_texts(app))
    assert "Dos empresas se llaman" in texts
    assert app.scene.problem_rows == {0, 1}
    # fixing the name clears the message, and then the game starts
    _replace_name(app, 1, "Rosa")
    assert app.scene.problem is None
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, ContractScene)


def test_people_are_between_one_and_six_and_names_are_not_empty(tmp_path):
    app = _seating(tmp_path)
    click(app, app.scene.kind_buttons[0][1])  # nobody left at the screen
    click(app, "Empezar")
    assert "al menos una persona" in " ".join(visible_texts(app))
    for seat in range(6):
        click(app, app.scene.kind_buttons[seat][0])
    click(app, button_with(app, "+"))
    click(app, app.scene.kind_buttons[6][0])  # seven people
    click(app, "Empezar")
    assert "como máximo 6" in " ".join(visible_texts(app))
    click(app, app.scene.kind_buttons[6][1])
    _replace_name(app, 2, "   ")
    click(app, "Empezar")
    assert "fila 3" in " ".join(visible_texts(app))
    assert app.match is None


def test_tab_reaches_the_names_and_the_arrows_change_a_personality(tmp_path):
    app = _seating(tmp_path, level="villa_el_salvador")
    scene = app.scene
    for _ in range(len(scene.order) + 1):
        press(app, pygame.K_TAB)
        if scene.focused_entry() == 1:
            break
    assert scene.focused_entry() == 1
    type_text(app, " SAC")
    assert scene.name_of(1).endswith(" SAC")
    press(app, pygame.K_ESCAPE)  # Esc while typing leaves the field, not the screen
    assert app.scene is scene and scene.focused_entry() is None
    click(app, scene.name_entries[1])
    press(app, pygame.K_TAB)  # the personality of the same seat
    assert scene.menu_focus == 1 and scene.focused_entry() is None
    press(app, pygame.K_DOWN)
    assert scene.drafts[1].personality == "leal"
    press(app, pygame.K_UP)
    press(app, pygame.K_UP)
    assert scene.drafts[1].personality == "alternador"


# -- contract ------------------------------------------------------------------------------


def test_quick_contracts_and_computer_preferences(tmp_path):
    app = _contract(tmp_path)
    level = app.match.level
    click(app, "Contrato sólido")
    assert app.scene.choices == level.reference_contract
    click(app, "Como se acostumbra")
    assert app.scene.choices == level.default_contract
    # a click on a row of the list puts that condition in focus
    rect = app.scene.row_rects[5]
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1)])
    frames(app)
    assert app.scene.current == 5
    preferences = app.match.ai_contract_preferences()
    wanted = preferences[2]["penalties"]  # the opportunist's wish
    tip = app.scene.option_buttons[wanted].tool_tip_text
    assert app.match.seats[2].name in tip
    press(app, pygame.K_ESCAPE)
    assert type(app.scene).__name__ == "PauseScene"


def test_the_tutorial_contract_can_be_signed(tmp_path):
    app = make_app(tmp_path)
    lv = load_level("tutorial")
    app.match = Match(lv, [Seat("Ana"), Seat("Beto", "leal")], 3)
    app.show(ContractScene(app))
    frames(app)
    press(app, pygame.K_RETURN)
    assert app.match.stage is Stage.DECIDING


# -- how they look ---------------------------------------------------------------------------


def _labels_fit(app) -> list[str]:
    """Button labels wider than their buttons (pygame_gui would clip them)."""
    size = app.text_sizes.widget
    too_wide = []
    for button in buttons(app):
        bold = any("#primary" in str(i) for i in button.object_ids or [])
        if font(size, bold).size(button.text)[0] + 16 > button.rect.w:
            too_wide.append(button.text)
    return too_wide


SCREENS = {
    "levels": lambda app: app.show(LevelSelectScene(app)),
    "seating": lambda app: (
        app.show(SeatingScene(app, load_level("gamarra"))),
        app.scene.change_count(+2),
    ),
}


@pytest.mark.parametrize(
    ("language", "text_size"),
    [("es", "normal"), ("en", "normal"), ("es", "large"), ("en", "large")],
)
def test_no_text_overflows_at_the_smallest_window(tmp_path, language, text_size):
    shots = tmp_path / "shots"
    shots.mkdir()
    for name, show in SCREENS.items():
        app = make_app(tmp_path / name, language=language, text_size=text_size)
        show(app)
        frames(app)
        TextAudit.start()
        frames(app, 1)
        assert not TextAudit.overflowing(), (name, TextAudit.overflowing())
        TextAudit.stop()
        assert not _labels_fit(app), (name, _labels_fit(app))
        screenshot(app, shots / f"{name}.png")
    for level in ("gamarra", "tutorial"):
        app = _contract(
            tmp_path / f"contract-{level}", level, language=language, text_size=text_size
        )
        for condition in range(len(CONDITIONS)):
            app.scene.focus_condition(condition)
            TextAudit.start()
            frames(app, 1)
            assert not TextAudit.overflowing(), (level, condition, TextAudit.overflowing())
            TextAudit.stop()
            assert not _labels_fit(app), (level, condition, _labels_fit(app))
        screenshot(app, shots / f"contract-{level}.png")
