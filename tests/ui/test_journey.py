"""A person's whole way through the game, headless: title, level, seats, contract, seasons, end;
and leaving a game half-way, restarting the program and continuing it."""

from __future__ import annotations

import pygame
import pytest

from game.engine.state import Action
from game.play.match import Stage
from game.play.story import reason_text
from game.ui.scenes.contract import ContractScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.level_select import LevelSelectScene
from game.ui.scenes.season import SeasonScene
from game.ui.scenes.seating import SeatingScene
from game.ui.scenes.title import TitleScene
from tests.ui.harness import frames, make_app, press, visible_texts

LEVEL_KEYS = {"tutorial": pygame.K_1, "gamarra": pygame.K_2, "el_porvenir": pygame.K_3}
LEVEL_KEYS["villa_el_salvador"] = pygame.K_4


@pytest.fixture(autouse=True)
def fixed_seed(monkeypatch):
    """New games get seed 5, so each run of these tests plays the same games."""
    from game.ui.scenes import seating

    monkeypatch.setattr(seating, "new_seed", lambda: 5)


def open_title(home, **options):
    app = make_app(home, **options)
    app.show(TitleScene(app))
    frames(app)
    return app


def to_first_season(app, level: str) -> None:
    """New game, pick the level by its number, keep the proposed seats, sign the contract."""
    press(app, pygame.K_n)
    assert isinstance(app.scene, LevelSelectScene)
    press(app, LEVEL_KEYS[level])
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, SeatingScene)
    assert app.scene.level.id == level
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, ContractScene), type(app.scene).__name__
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, SeasonScene), type(app.scene).__name__


def scripted_key(season: int) -> int:
    """The person cooperates, but sells por fuera every third season."""
    return pygame.K_f if season % 3 == 0 else pygame.K_c


def play_season(app) -> None:
    """Hand-off, decide, confirm, watch the resolution, go on: all by keyboard."""
    played = app.match.active_game.state.season
    for _ in range(12):
        if not isinstance(app.scene, SeasonScene):
            return
        game = app.match.active_game
        if app.match.stage is Stage.DECIDING and game.state.season > played:
            return
        if app.scene.mode == "deciding":
            press(app, scripted_key(game.state.season + 1), settle=0)
        press(app, pygame.K_RETURN, settle=0)
    raise AssertionError("a season did not end")


@pytest.mark.parametrize("level", list(LEVEL_KEYS))
def test_a_whole_game_from_the_title_screen_to_the_end(tmp_path, level):
    app = open_title(tmp_path)
    to_first_season(app, level)
    match = app.match
    assert [s.is_human for s in match.seats].count(True) == 1
    for _ in range(400):
        if isinstance(app.scene, EndScene):
            break
        play_season(app)
    assert isinstance(app.scene, EndScene)
    game = match.active_game
    assert game.outcome is not None
    # the person's scripted decisions are the ones the engine recorded
    human = next(i for i, s in enumerate(match.seats) if s.is_human)
    for number, season in enumerate(game.record().decisions, start=1):
        if human in season:
            expected = Action.DEFECT if number % 3 == 0 else Action.COOPERATE
            assert season[human].action is expected, number
    # and the finished game is on disk, as the load screen will list it
    saved = [s for s in app.store.list_saves() if s.ok]
    assert len(saved) == 1 and saved[0].finished
    assert saved[0].summary["outcome"] == game.outcome.kind
    # the end screen says why, in the player's words
    shown = " ".join(visible_texts(app))
    for reason in game.outcome.reasons[:3]:
        assert reason_text(match.level, reason, "es") in shown


def test_save_and_quit_then_continue_after_a_restart(tmp_path):
    app = open_title(tmp_path)
    to_first_season(app, "villa_el_salvador")
    play_season(app)
    play_season(app)
    assert app.scene.mode == "deciding"  # one person: no hand-off screen
    press(app, pygame.K_f)  # a choice made but not confirmed is not a decision yet
    season = app.match.active_game.state.season
    capitals = [f.capital for f in app.match.active_game.state.firms]
    trust = [list(row) for row in app.match.active_game.state.trust]
    press(app, pygame.K_ESCAPE)
    assert type(app.scene).__name__ == "PauseScene"
    press(app, pygame.K_g)  # save and quit to the start
    assert isinstance(app.scene, TitleScene) and app.match is None

    restarted = open_title(tmp_path)  # a new program run over the same data directory
    press(restarted, pygame.K_c)  # continue
    assert isinstance(restarted.scene, SeasonScene)
    game = restarted.match.active_game
    assert game.state.season == season
    assert [f.capital for f in game.state.firms] == pytest.approx(capitals)
    assert [list(row) for row in game.state.trust] == trust
    assert restarted.match.stage is Stage.DECIDING
    # the continued game plays on to its end and is saved in the same slot
    for _ in range(400):
        if isinstance(restarted.scene, EndScene):
            break
        play_season(restarted)
    saves = restarted.store.list_saves()
    assert len(saves) == 1 and saves[0].finished
