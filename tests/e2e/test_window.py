"""The real game in a real window (Xvfb), played with the mouse and the keyboard through
xdotool: a whole tutorial game with a break in the middle (save and quit, start the program
again, continue), then what the game recorded on disk is checked."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest

from game.engine.state import Action
from game.persistence.paths import AppPaths
from game.persistence.saves import SaveStore
from game.persistence.settings import Settings, save_settings
from tests.e2e.conftest import ROOT, WM_CLASS, Display

NAME = "Año Peñaloza"  # xdotool types a capital Ñ as ñ under Xvfb, so no capital Ñ here
ROUNDS = 10  # the tutorial always plays all its rounds
WINDOW = (1280, 720)


def paths_of(display: Display) -> AppPaths:
    return AppPaths(data_dir=display.home / "data", config_dir=display.home / "config")


def where_is(scene_name: str, label: str) -> tuple[int, int]:
    """Centre of a button, from the same layout built headless at the window's size."""
    from tests.ui.harness import button_with, frames, make_app

    app = make_app(Path("/tmp") / f"e2e-layout-{time.monotonic_ns()}", size=WINDOW)
    if scene_name == "title":
        from game.ui.scenes.title import TitleScene

        app.show(TitleScene(app))
    frames(app, 2)
    centre = button_with(app, label).get_abs_rect().center
    pygame.display.quit()
    return centre


def name_field_centre() -> tuple[int, int]:
    from game.content.levels import load_level
    from game.ui.scenes.seating import SeatingScene
    from tests.ui.harness import frames, make_app

    app = make_app(Path("/tmp") / f"e2e-layout-{time.monotonic_ns()}", size=WINDOW)
    app.show(SeatingScene(app, load_level("tutorial")))
    frames(app, 2)
    return app.scene.name_entries[0].get_abs_rect().center


class Player:
    """A person at the keyboard and mouse of one running copy of the game."""

    def __init__(self, display: Display) -> None:
        self.display = display
        log = (display.home / "game.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py")],
            env=display.env(),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        found = display.xdotool(
            "search", "--sync", "--onlyvisible", "--class", f"^{WM_CLASS}$", timeout=30
        )
        assert found, "the game window did not appear"
        self.window = found.splitlines()[0]
        display.xdotool("windowfocus", "--sync", self.window)
        time.sleep(0.5)

    def keys(self, *names: str, pause: float = 0.25) -> None:
        for name in names:
            self.display.xdotool("key", "--window", self.window, name)
            time.sleep(pause)

    def click(self, x: int, y: int) -> None:
        self.display.xdotool("mousemove", "--window", self.window, str(x), str(y))
        time.sleep(0.2)
        self.display.xdotool("click", "1")
        time.sleep(0.4)

    def type(self, text: str) -> None:
        self.display.xdotool("type", "--delay", "120", text)
        time.sleep(0.3)

    def wait_to_exit(self, timeout: float = 20) -> int:
        return self.process.wait(timeout=timeout)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def saved_rounds(display: Display) -> int:
    store = SaveStore(paths_of(display))
    infos = [i for i in store.list_saves() if i.ok]
    return int(infos[0].summary.get("season", 0)) if infos else 0


def saved_finished(display: Display) -> bool:
    infos = [i for i in SaveStore(paths_of(display)).list_saves() if i.ok]
    return bool(infos) and infos[0].finished


def wait_for_round(display: Display, number: int, timeout: float = 15) -> None:
    """The game saves itself after every round: wait for that, as a person waits to see it."""
    deadline = time.monotonic() + timeout
    while saved_rounds(display) < number:
        if time.monotonic() > deadline:
            raise AssertionError(f"round {number} was never saved")
        time.sleep(0.1)


def leave_the_story(player: Player) -> None:
    """After the round is told, on to the next one (or the end), as a reader does: a long
    story is told over pages (the arrow keys turn them), and Enter leaves from its last page.
    On a story of one page the arrows do nothing."""
    player.keys("Right", "Right", "Return")


def decision_key(number: int) -> str:
    return "f" if number == 4 else "c"  # betray once, in the fourth round


def play_rounds(player: Player, first: int, last: int) -> None:
    for number in range(first, last + 1):
        player.keys(decision_key(number), "Return")  # choose, confirm
        wait_for_round(player.display, number)
        leave_the_story(player)


def test_a_tutorial_game_with_a_break_in_the_middle(display):
    save_settings(
        paths_of(display),
        Settings(language="es", window_size=WINDOW, animation_speed="off", sound=False),
    )
    new_game = where_is("title", "Nuevo juego")
    name_field = name_field_centre()

    player = Player(display)
    try:
        player.click(*new_game)  # the mouse on "Nuevo juego"
        player.keys("1", "Return")  # the tutorial, the first card
        player.click(*name_field)
        player.keys("ctrl+a")
        player.type(NAME)
        player.keys("Return", "Return")  # leave the name field, then start
        player.keys("Return")  # sign the proposed contract
        play_rounds(player, 1, 4)
        player.keys("Escape", "g")  # pause menu: save and quit to the start
        player.keys("s")  # quit the program from the title screen
        assert player.wait_to_exit() == 0
    finally:
        player.close()
    assert saved_rounds(display) == 4

    again = Player(display)  # the program started again, as the next morning
    try:
        again.keys("c")  # continue
        play_rounds(again, 5, ROUNDS)
        again.keys("Escape", "s")  # from the end back to the start, then quit
        assert again.wait_to_exit() == 0
    finally:
        again.close()

    store = SaveStore(paths_of(display))
    (info,) = [i for i in store.list_saves() if i.ok]
    assert info.finished
    saved = store.read(info.path)
    seats = saved.game["seats"]
    assert seats[0] == {"name": NAME, "personality": None}
    from game.content.levels import load_level
    from game.ui.saving import restore_match

    match = restore_match(saved)
    assert match.level.id == "tutorial" == load_level("tutorial").id
    decisions = match.active_game.record().decisions
    assert len(decisions) == ROUNDS
    expected = [Action.DEFECT if n == 4 else Action.COOPERATE for n in range(1, ROUNDS + 1)]
    assert [season[0].action for season in decisions] == expected
    assert match.active_game.outcome is not None
    assert not (paths_of(display).log_dir).exists() or not any(paths_of(display).log_dir.iterdir())


@pytest.mark.parametrize(
    ("level", "key"), [("gamarra", "2"), ("el_porvenir", "3"), ("villa_el_salvador", "4")]
)
def test_a_whole_cluster_game_by_keyboard(display, level, key):
    """New game by keyboard, the proposed seats and contract, then one season after another
    (cooperating, selling por fuera every third season) until the game ends."""
    save_settings(
        paths_of(display),
        Settings(language="en", window_size=WINDOW, animation_speed="off", sound=False),
    )
    player = Player(display)
    try:
        player.keys("n", key, "Return", "Return", "Return")  # level, seats, contract
        number = 0
        while not saved_finished(display):
            number += 1
            assert number <= 30, "the game never ended"
            player.keys("f" if number % 3 == 0 else "c", "Return")
            wait_for_round(player.display, number)
            leave_the_story(player)
        player.keys("Escape", "s")  # from the end back to the start, then quit
        assert player.wait_to_exit() == 0
    finally:
        player.close()
    (info,) = [i for i in SaveStore(paths_of(display)).list_saves() if i.ok]
    assert info.finished and info.summary["level"] == level
    assert info.summary["season"] == number


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-v"]))
