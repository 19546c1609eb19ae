"""Every text field takes only what a screen can show, and only so much of it (issue 16).

A zero-width space, a joiner, a BOM, a soft hyphen or a direction mark typed first into the
saved-games file field sent the game to the error screen ("Text has zero width"); half a
surrogate pair did the same in the load, seating and comparison fields; 4,000 pasted characters
froze a frame for 25 s. These tests type and paste into each field of the game, headless.
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.content.levels import load_level
from game.ui.entry import PATH_LIMIT, TextField
from tests.ui.harness import frames, make_app

HOSTILE = [
    "\u200b",  # zero width space
    "\u200d",  # zero width joiner
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\ud800",  # half a surrogate pair
    "\udfff",
    "\x00",
    "\x1b",
    "\x7f",
    "\n",
    "\t",
    "\u2028",  # line separator
]


def _scene_fields(app, name: str, home: Path) -> list[TextField]:
    """Open the screen ``name`` and return its text fields."""
    from game.ui.scenes.compare import ClassComparisonScene
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.seating import SeatingScene
    from game.ui.scenes.title import TitleScene

    app.show(TitleScene(app))
    if name == "load":
        app.push(LoadScene(app))
    elif name == "seating":
        app.push(SeatingScene(app, load_level("tutorial")))
    elif name == "compare":
        app.push(ClassComparisonScene(app))
    elif name == "debrief":
        from game.ui.scenes.debrief import DebriefScene
        from tests.hardening.test_screen_soak import finished_match

        match = finished_match()
        record = match.active_game.record()
        personalities = [s.personality for s in match.seats]
        app.push(DebriefScene(app, match.level, record, personalities))
        app.scene.show_section("export")
    frames(app, 2)
    fields = [e for e in app.scene.elements if isinstance(e, pygame_gui.elements.UITextEntryLine)]
    assert fields, f"no text field on {name}"
    assert all(isinstance(f, TextField) for f in fields), [type(f) for f in fields]
    return fields


SCREENS = ["load", "seating", "compare", "debrief"]


def _failing_app(tmp_path: Path):
    app = make_app(tmp_path)
    failures: list[BaseException] = []
    original = app.fail

    def fail(error: BaseException) -> None:
        failures.append(error)
        original(error)

    app.fail = fail
    return app, failures


def _focus(app, field: TextField) -> None:
    app.manager.set_focus_set(field)
    frames(app, 1)


@pytest.mark.parametrize("screen", SCREENS)
def test_characters_no_screen_can_show_are_not_taken_by_any_field(tmp_path: Path, screen: str):
    app, failures = _failing_app(tmp_path)
    for index in range(len(_scene_fields(app, screen, tmp_path))):
        for char in HOSTILE:
            field = _scene_fields(app, screen, tmp_path)[index]
            field.set_text("")
            _focus(app, field)
            app.step([pygame.event.Event(pygame.TEXTINPUT, text=char)])
            app.step([pygame.event.Event(pygame.TEXTINPUT, text=f"a{char}b")])
            frames(app, 2)
            assert not failures, f"{screen} field {index}, {char!r}: {failures[0]!r}"
            assert field.get_text() == "ab", (screen, index, char, field.get_text())
    assert type(app.scene).__name__ != "ErrorScene"


def test_a_combining_accent_is_composed_with_its_letter(tmp_path: Path):
    app, failures = _failing_app(tmp_path)
    (field,) = _scene_fields(app, "load", tmp_path)
    _focus(app, field)
    app.step([pygame.event.Event(pygame.TEXTINPUT, text="Ana\u0301")])
    assert field.get_text() == "Aná" and not failures


@pytest.mark.parametrize("screen", SCREENS)
def test_a_huge_paste_is_cut_to_the_fields_limit_at_once(tmp_path: Path, screen, monkeypatch):
    app, failures = _failing_app(tmp_path)
    field = _scene_fields(app, screen, tmp_path)[0]
    field.set_text("")
    monkeypatch.setattr(pygame.scrap, "get_text", lambda: "x\u200b" * 50_000)
    _focus(app, field)
    start = time.perf_counter()
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_v, mod=pygame.KMOD_CTRL, unicode="")])
    frames(app, 2)
    assert time.perf_counter() - start < 2.0
    assert field.get_text() == "x" * field.length_limit
    assert field.length_limit <= PATH_LIMIT and not failures


@pytest.mark.parametrize("screen", SCREENS)
def test_a_huge_text_input_is_cut_to_the_fields_limit_at_once(tmp_path: Path, screen: str):
    """An input method (or a tool) can send a whole text in one TEXTINPUT event."""
    app, failures = _failing_app(tmp_path)
    field = _scene_fields(app, screen, tmp_path)[0]
    field.set_text("")
    _focus(app, field)
    start = time.perf_counter()
    app.step([pygame.event.Event(pygame.TEXTINPUT, text="\ud800é" * 10_000)])
    frames(app, 2)
    assert time.perf_counter() - start < 2.0
    assert field.get_text() == "é" * field.length_limit and not failures


def test_a_seat_name_is_at_most_the_name_limit(tmp_path: Path):
    from game.ui.scenes.seating import NAME_LIMIT

    app, _ = _failing_app(tmp_path)
    field = _scene_fields(app, "seating", tmp_path)[0]
    assert field.length_limit == NAME_LIMIT
    field.set_text("Ñ" * 500)
    assert field.get_text() == "Ñ" * NAME_LIMIT


def test_text_set_by_the_program_is_cleaned_too(tmp_path: Path):
    """A path kept from an earlier visit, a default folder: what a field shows is cleaned."""
    app, _ = _failing_app(tmp_path)
    (field,) = _scene_fields(app, "load", tmp_path)
    field.set_text("\u200b/tmp/\ud800partida.json\x00")
    assert field.get_text() == "/tmp/partida.json"


def test_typing_replaces_the_selection(tmp_path: Path):
    app, _ = _failing_app(tmp_path)
    (field,) = _scene_fields(app, "load", tmp_path)
    field.set_text("abcdef")
    _focus(app, field)
    field.select_range = [1, 4]
    app.step([pygame.event.Event(pygame.TEXTINPUT, text="XY\u200b")])
    assert field.get_text() == "aXYef" and field.edit_position == 3
