"""Driving the real app headless: make one, click buttons, press keys, type, look.

Tests feed the same events a person produces (mouse clicks on a widget's centre, key presses,
text input) and let the app run frames, so they exercise the real event path.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from game.persistence.paths import AppPaths
from game.persistence.settings import Settings
from game.ui.app import App


def make_app(
    home: Path, *, language: str = "es", text_size: str = "normal", size=(1280, 720)
) -> App:
    paths = AppPaths(data_dir=home / "data", config_dir=home / "config")
    settings = Settings(
        language=language, text_size=text_size, window_size=size, animation_speed="off"
    )
    return App(paths, settings=settings, size=size)


def frames(app: App, count: int = 2, dt: float = 1 / 60) -> None:
    for _ in range(count):
        app.step(dt=dt)


def buttons(app: App) -> list[pygame_gui.elements.UIButton]:
    scene = app.scene
    return [a.button for a in scene.actions] if scene else []


def button_with(app: App, words: str) -> pygame_gui.elements.UIButton:
    """The visible button whose label contains ``words`` (case-insensitive)."""
    found = [b for b in buttons(app) if words.casefold() in b.text.casefold() and b.visible]
    if not found:
        labels = [b.text for b in buttons(app)]
        raise AssertionError(f"no button with {words!r} on {type(app.scene).__name__}: {labels}")
    return found[0]


def click(app: App, target: pygame_gui.elements.UIButton | str, settle: int = 2) -> None:
    """Press and release the left mouse button over a widget, as a person would."""
    button = button_with(app, target) if isinstance(target, str) else target
    pos = button.get_abs_rect().center
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)])
    app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    frames(app, settle)


def press(app: App, key: int, mod: int = 0, settle: int = 2) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)])
    app.step([pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)])
    frames(app, settle)


def type_text(app: App, text: str) -> None:
    for char in text:
        app.step([pygame.event.Event(pygame.TEXTINPUT, text=char)])
    frames(app, 1)


def screenshot(app: App, path: Path) -> Path:
    frames(app, 1)
    pygame.image.save(app.screen, str(path))
    return path


def visible_texts(app: App) -> list[str]:
    """Every text on screen: widget labels and everything the scene drew with draw_text."""
    from game.ui.text import TextAudit

    TextAudit.start()
    frames(app, 1)
    drawn = [r.text for r in TextAudit.stop()]
    widgets = [e.text for e in app.scene.elements if getattr(e, "text", None)] if app.scene else []
    return drawn + widgets
