"""'Play again' seats the same table (issue 14, item 10): the level, how many firms, who is a
person, the typed names and the personalities as set (a random seat stays random); a seat made
a person keeps its firm's name."""

from __future__ import annotations

import pygame

from game.content.levels import load_level
from game.play.match import Stage
from game.ui import flow
from game.ui.scenes.end import EndScene
from game.ui.scenes.level_select import LevelSelectScene
from game.ui.scenes.seating import RANDOM, Draft, SeatingScene
from game.ui.scenes.title import TitleScene
from tests.ui.harness import frames, make_app, press
from tests.ui.test_season import finish_by_the_rules


def seated(tmp_path):
    app = make_app(tmp_path)
    app.show(TitleScene(app))
    level = load_level("gamarra")
    app.director.push("seating", level=level)
    frames(app, 2)
    scene = app.scene
    assert isinstance(scene, SeatingScene)
    scene.count = 5
    scene.drafts[1] = Draft(human=True, name="Ñandú SAC", custom=True)
    scene.drafts[2] = Draft(human=False, personality="leal")
    scene.drafts[3] = Draft(human=False)  # random
    scene.rebuild()
    return app, scene, level


def test_play_again_seats_the_same_table(tmp_path):
    app, scene, level = seated(tmp_path)
    before = [(d.human, scene.name_of(i), d.personality) for i, d in enumerate(scene.drafts[:5])]
    scene.start()
    match = app.match
    match.sign(level.reference_contract)
    finish_by_the_rules(match)
    assert match.stage is Stage.OVER
    flow.resume(app)
    frames(app, 2)
    assert isinstance(app.scene, EndScene)
    press(app, pygame.K_j)  # play again
    again = app.scene
    assert isinstance(again, SeatingScene) and again.level.id == "gamarra"
    assert again.count == 5
    after = [(d.human, again.name_of(i), d.personality) for i, d in enumerate(again.drafts[:5])]
    assert after == before
    assert again.drafts[3].personality == RANDOM  # drawn anew for the next game


def test_a_seat_made_a_person_keeps_its_firms_name(tmp_path):
    _app, scene, level = seated(tmp_path)
    assert scene.name_of(4) == level.firm_names[4]
    scene.drafts[4].human = True
    assert scene.name_of(4) == level.firm_names[4]
    assert scene.name_of(0) == level.firm_names[0]  # the first seat, a person by default


def test_play_again_after_a_loaded_game_opens_the_level_select(tmp_path):
    app = make_app(tmp_path)
    app.show(TitleScene(app))
    level = load_level("gamarra")
    from game.play.match import Match, Seat

    match = Match(level, [Seat("Uno")] + [Seat(f"F{i}", "leal") for i in range(1, 4)], 3)
    match.sign(level.reference_contract)
    finish_by_the_rules(match)
    app.match, app.save_slot = match, "loaded"
    flow.resume(app)
    frames(app, 2)
    press(app, pygame.K_j)
    assert isinstance(app.scene, LevelSelectScene)
