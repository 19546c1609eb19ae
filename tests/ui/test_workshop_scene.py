"""The classroom workshop from the title screen (issue 15): choosing, opening the phones'
server, showing how to join, the console, closing it. The server is a real process on
loopback; the screen is driven with the keys a facilitator presses."""

from __future__ import annotations

import time
import urllib.request

import pygame
import pytest

from game.ui.scenes.title import TitleScene
from game.ui.scenes.workshop import WorkshopScene
from tests.ui.harness import frames, make_app, press, visible_texts
from tests.ui.test_every_screen_fits import check


def serving(app, seconds: float = 60):
    """Let frames run until the screen shows a ready server (or it gives up)."""
    scene = app.scene
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and scene.server is not None:
        frames(app, 1)
        if scene.serving is not None:
            frames(app, 1)
            return scene.serving
        time.sleep(0.05)
    return None


@pytest.fixture
def opened(tmp_path):
    apps = []

    def open_it(language="es", text_size="normal", home=None):
        app = make_app(home or tmp_path, language=language, text_size=text_size)
        app.show(TitleScene(app))
        frames(app, 2)
        press(app, pygame.K_t)
        assert isinstance(app.scene, WorkshopScene)
        app.scene.host = "127.0.0.1"
        pages = []
        app.scene.open_page = pages.append
        apps.append(app)
        return app, pages

    yield open_it
    for app in apps:
        if isinstance(app.scene, WorkshopScene):
            app.scene.close_server()


@pytest.mark.parametrize(("language", "text_size"), [("es", "normal"), ("en", "large")])
def test_the_facilitator_opens_a_workshop_and_the_screen_shows_how_to_join(
    opened, language, text_size
):
    app, pages = opened(language, text_size)
    scene = app.scene
    press(app, pygame.K_n)  # the next level: El Porvenir after Gamarra
    press(app, pygame.K_g)  # groups: 4 -> 5
    assert (scene.choices.level, scene.choices.groups) == ("el_porvenir", 5)
    assert scene.choices.firms == 6  # El Porvenir's usual table
    press(app, pygame.K_RETURN)
    found = serving(app)
    assert found is not None, scene.problem
    shown = " ".join(visible_texts(app))
    assert found.code in shown and found.address in shown
    assert found.pin not in shown  # the projector may be showing this screen
    press(app, pygame.K_p)
    assert found.pin in " ".join(visible_texts(app))
    with urllib.request.urlopen(found.join, timeout=5) as page:  # where the QR code leads
        assert page.status == 200
    side = scene._qr[1]
    assert scene._qr[0] == found.join and side >= 200  # big enough to scan from a seat
    check(app, f"workshop serving [{language}, {text_size}]")
    press(app, pygame.K_k)
    assert pages == [found.console]
    server = scene.server
    press(app, pygame.K_ESCAPE)  # close the workshop: the server stops, the choices return
    assert not server.running() and scene.server is None
    assert app.scene is scene and scene.choices.level == "el_porvenir"
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TitleScene)


def test_leaving_the_game_on_the_workshop_screen_stops_the_server(opened):
    app, _ = opened()
    press(app, pygame.K_RETURN)
    assert serving(app) is not None
    server = app.scene.server
    app.scene.exit()
    assert not server.running()


def test_a_workshop_that_cannot_open_says_why_in_the_players_language(opened, tmp_path):
    app, _ = opened("en", home=tmp_path / "one")
    press(app, pygame.K_RETURN)  # Gamarra
    assert serving(app) is not None
    press(app, pygame.K_ESCAPE)  # closed, not ended: the database holds a Gamarra workshop
    assert app.scene is not None and app.scene.server is None
    press(app, pygame.K_n)  # El Porvenir, resume: the saved workshop is of another level
    press(app, pygame.K_RETURN)
    assert serving(app, 30) is None
    frames(app, 2)
    scene = app.scene
    assert scene.problem is not None and "gamarra" in scene.problem
    assert any("could not be opened" in text for text in visible_texts(app))
    press(app, pygame.K_r)  # start another: the old one is kept aside
    press(app, pygame.K_RETURN)
    assert serving(app) is not None
