"""The facilitator's session controls on screen (issue 4): options set before a game, the hidden
last season, the decision timer, handing a seat to the computer and back, and the treatments in
the debrief. Driven headless through the real app, as a person would."""

from __future__ import annotations

import pygame

from game.content.levels import load_level
from game.engine.state import DEFECT
from game.i18n import tr
from game.persistence.settings import load_settings
from game.play.match import Match, Seat, Stage
from game.ui import flow
from game.ui.scenes.contract import ContractScene
from game.ui.scenes.debrief import open_debrief
from game.ui.scenes.facilitator import FacilitatorScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.season import SeasonScene
from game.ui.scenes.seating import SeatingScene
from game.ui.scenes.seats import SeatsScene
from game.ui.scenes.title import TitleScene
from tests.ui.harness import click, frames, make_app, press, visible_texts

ACTION_WORDS = ("Cooperar", "Negociar por fuera", "Invertir", "Tu decisión")


def seated(tmp_path, level="gamarra"):
    app = make_app(tmp_path)
    app.show(SeatingScene(app, load_level(level)))
    frames(app)
    return app


def table(tmp_path, people=2, firms=5, timer=30, personality="oportunista", **options):
    """A signed match on the season screen: ``people`` people first, then loyal computers."""
    app = make_app(tmp_path)
    lv = load_level("gamarra")
    seats = [
        Seat(f"Persona {i + 1}" if i < people else lv.firm_names[i], None if i < people else "leal")
        for i in range(firms)
    ]
    match = Match(lv, seats, 5, timer_seconds=timer, timer_personality=personality, **options)
    match.sign(lv.reference_contract)
    app.match, app.save_slot = match, "controles"
    flow.resume(app)
    frames(app)
    return app


def season(app) -> SeasonScene:
    assert isinstance(app.scene, SeasonScene), type(app.scene).__name__
    return app.scene


def joined(app) -> str:
    return " | ".join(visible_texts(app))


# -- the facilitator's options ------------------------------------------------------------------


def test_the_facilitators_options_go_into_the_match_and_are_remembered(tmp_path):
    app = seated(tmp_path)
    click(app, "Opciones del facilitador")
    assert isinstance(app.scene, FacilitatorScene)
    for label in ("Todo es público", "10 %", "Duras", "Se anuncia", "60 s"):
        click(app, label)
    press(app, pygame.K_p)  # the next personality after the default (reciproco)
    press(app, pygame.K_RETURN)  # done
    assert isinstance(app.scene, SeatingScene)
    assert "60 s por decisión" in joined(app)
    press(app, pygame.K_RETURN)  # start
    assert isinstance(app.scene, ContractScene)
    match = app.match
    assert match.treatments.visibility == "public"
    assert match.treatments.mistake_rate == 0.1
    assert match.treatments.penalty_severity == 2.0
    assert match.treatments.announce_last_season is True
    assert (match.timer_seconds, match.timer_personality) == (60, "rencoroso")
    saved, warning = load_settings(app.paths)
    assert warning is None
    assert (saved.decision_timer_seconds, saved.timer_personality) == (60, "rencoroso")
    assert (saved.defection_visibility, saved.mistake_rate, saved.penalty_severity) == (
        "public",
        0.1,
        2.0,
    )
    assert saved.reveal_season_limit is True


def test_the_options_keys_cycle_and_as_in_the_study_resets_them(tmp_path):
    app = seated(tmp_path)
    press(app, pygame.K_o)
    press(app, pygame.K_t)
    press(app, pygame.K_v)
    assert app.settings.decision_timer_seconds == 30
    assert app.settings.defection_visibility == "public"
    press(app, pygame.K_d)
    s = app.settings
    assert (s.decision_timer_seconds, s.defection_visibility, s.reveal_season_limit) == (
        0,
        "detected",
        False,
    )


def test_by_default_players_are_not_told_which_season_is_the_last(tmp_path):
    app = seated(tmp_path)
    press(app, pygame.K_RETURN)
    match = app.match
    assert match.season_limit_known is False
    match.sign(match.level.reference_contract)
    flow.resume(app)
    frames(app)
    texts = visible_texts(app)
    assert "Temporada 1" in texts
    assert not any("de 14" in t or "Temporada 1 de" in t for t in texts), texts


def test_an_announced_last_season_shows_on_the_board(tmp_path):
    app = table(tmp_path, people=1, timer=0, treatments={"announce_last_season": True})
    assert "Temporada 1 de 14" in visible_texts(app)


# -- the decision timer ---------------------------------------------------------------------------


def test_when_time_runs_out_the_personality_decides_and_the_next_person_comes_unseen(tmp_path):
    app = table(tmp_path, people=2, timer=30, personality="oportunista")
    match = app.match
    scene = season(app)
    assert (scene.mode, scene.seat) == ("handoff", 0)
    press(app, pygame.K_RETURN)  # the first person opens the decision, then walks away
    assert scene.mode == "deciding"
    assert "Tiempo: 0:30" in joined(app)
    press(app, pygame.K_f)  # a choice not confirmed is not a decision
    frames(app, 14, dt=2.0)
    assert 0 not in match.pending
    frames(app, 2, dt=2.0)
    assert 0 in match.pending
    assert [(a.seat, a.personality) for a in match.absent_decisions] == [(0, "oportunista")]
    assert match.seats[0].is_human  # the seat stays a person's
    assert (scene.mode, scene.seat) == ("handoff", 1)
    text = joined(app)
    assert tr("timer.ran_out", "es", name="Persona 1") in text
    assert not any(word in text for word in ACTION_WORDS), text
    assert "Tiempo: 0:2" in text and scene.turn_left > 25  # the next person's clock is new


def test_the_clock_stops_while_the_game_is_paused(tmp_path):
    app = table(tmp_path, people=2, timer=30)
    match = app.match
    press(app, pygame.K_RETURN)
    frames(app, 10, dt=1.0)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, PauseScene)
    frames(app, 60, dt=1.0)
    assert not match.pending
    press(app, pygame.K_r)
    scene = season(app)
    assert scene.mode == "deciding" and scene.seat == 0
    assert 15 < scene.turn_left < 21


def test_the_pause_menu_pauses_the_turn_machine_and_resuming_resumes_it(tmp_path):
    app = table(tmp_path, people=2, timer=30)
    turn = season(app).turn
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, PauseScene) and turn.paused
    press(app, pygame.K_r)
    assert season(app).turn is turn and not turn.paused


def test_a_lone_player_timed_out_sees_the_season_resolved_with_a_neutral_note(tmp_path):
    app = table(tmp_path, people=1, timer=30)
    scene = season(app)
    assert scene.mode == "deciding"
    frames(app, 31, dt=1.0)
    assert scene.mode == "resolution"
    assert app.match.last_report is not None
    assert tr("timer.ran_out", "es", name="Persona 1") in joined(app)


def test_there_is_no_clock_without_a_timer_or_in_the_demo(tmp_path):
    app = table(tmp_path, people=2, timer=0)
    frames(app, 10, dt=30.0)
    assert season(app).turn_left is None and not app.match.pending
    assert "Tiempo:" not in joined(app)
    demo = table(tmp_path / "demo", people=0, firms=4, timer=30)
    demo.show(SeasonScene(demo, demo=True))
    frames(demo, 2)
    assert season(demo).turn_left is None


def test_the_timer_survives_save_and_continue(tmp_path):
    app = table(tmp_path, people=2, timer=30, personality="a_medias")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_ESCAPE)
    click(app, "Guardar y salir")
    assert isinstance(app.scene, TitleScene)
    again = make_app(tmp_path)
    again.show(TitleScene(again))
    frames(again)
    press(again, pygame.K_c)
    match = again.match
    assert (match.timer_seconds, match.timer_personality) == (30, "a_medias")
    scene = season(again)
    assert scene.turn_left > 29  # a new clock for the turn that was interrupted
    frames(again, 31, dt=1.0)
    assert [(a.seat, a.personality) for a in match.absent_decisions] == [(0, "a_medias")]
    assert (scene.mode, scene.seat) == ("handoff", 1)


# -- seats ----------------------------------------------------------------------------------------


def open_seats(app) -> SeatsScene:
    press(app, pygame.K_ESCAPE)
    click(app, "Asientos")
    assert isinstance(app.scene, SeatsScene)
    return app.scene


def kind_button(app, seat: int, label: str):
    """The Person/Computer button of ``seat``'s row (rows list members' buttons in order)."""
    found = [a.button for a in app.scene.actions if a.button.text == label]
    rows = [i for i in range(len(app.match.seats)) if i in app.scene.members()]
    return found[rows.index(seat)]


def back_to_the_game(app) -> SeasonScene:
    press(app, pygame.K_RETURN)  # seats -> pause
    press(app, pygame.K_r)  # pause -> the game
    return season(app)


def test_a_person_whose_turn_it_is_can_be_handed_to_the_computer_and_back(tmp_path):
    app = table(tmp_path, people=2, timer=0, personality="reciproco")
    match = app.match
    assert season(app).seat == 0
    open_seats(app)
    click(app, kind_button(app, 0, "Computadora"))
    assert match.seats[0].personality == "reciproco"
    assert "Ahora la computadora maneja «Persona 1»" in joined(app)
    scene = back_to_the_game(app)
    assert (scene.mode, scene.seat) == ("handoff", 1)  # the turn moved on
    open_seats(app)
    click(app, kind_button(app, 0, "Persona"))
    assert match.seats[0].is_human
    scene = back_to_the_game(app)
    assert (scene.mode, scene.seat) == ("handoff", 1)  # the person now deciding goes on
    press(app, pygame.K_RETURN)
    press(app, pygame.K_c)
    press(app, pygame.K_RETURN)
    assert (scene.mode, scene.seat) == ("handoff", 0)  # then the one handed back decides
    press(app, pygame.K_RETURN)
    press(app, pygame.K_c)
    press(app, pygame.K_RETURN)
    assert scene.mode == "look"
    press(app, pygame.K_RETURN)
    assert scene.mode == "resolution"
    assert [(c.seat, c.personality) for c in match.seat_changes] == [(0, "reciproco"), (0, None)]


def test_a_computer_seat_handed_to_a_person_waits_for_their_decision(tmp_path):
    app = table(tmp_path, people=1, firms=4, timer=0)
    match = app.match
    open_seats(app)
    menu = app.scene.menus[2]
    assert menu.selected_option[1] == "#hidden"  # a computer firm's personality stays secret
    click(app, kind_button(app, 2, "Persona"))
    scene = back_to_the_game(app)
    assert match.humans_to_decide() == [0, 2]
    assert scene.seat == 0
    press(app, pygame.K_c)
    press(app, pygame.K_RETURN)
    assert (scene.mode, scene.seat) == ("handoff", 2)  # two people now: a private hand-off


def test_the_seats_never_give_away_a_computer_firms_personality(tmp_path):
    """Issue 14 item 6: who is human or computer shows, a computer firm's personality only in
    the debrief, or once the facilitator picks one here."""
    from game.ai.base import REGISTRY
    from game.i18n import pick

    app = table(tmp_path, people=1, firms=4, timer=0)
    match = app.match
    open_seats(app)
    texts = joined(app)
    for seat in match.seats[1:]:
        assert pick(REGISTRY[seat.personality].description, "es") not in texts
    assert "Se revela en el análisis" in texts
    app.scene.set_computer(3, "oportunista")
    frames(app)
    assert app.scene.menus[3].selected_option[1] == "#oportunista"
    assert pick(REGISTRY["oportunista"].description, "es") in joined(app)


def test_at_most_six_people_and_expelled_firms_cannot_change(tmp_path):
    app = table(tmp_path, people=6, firms=8, timer=0)
    match = app.match
    match.active_game.state.firms[7].member = False  # as if expelled
    seats = open_seats(app)
    assert 7 not in seats.menus
    assert len([a for a in seats.actions if a.button.text == "Persona"]) == 7
    click(app, kind_button(app, 6, "Persona"))
    assert not match.seats[6].is_human
    assert "el máximo en una pantalla" in joined(app)
    assert "Expulsada del consorcio" in joined(app)


def test_the_pause_menu_offers_no_seats_before_the_contract_is_signed(tmp_path):
    app = seated(tmp_path)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, PauseScene)
    assert not any("Asientos" in a.button.text for a in app.scene.actions)


# -- the debrief ----------------------------------------------------------------------------------


def test_the_debrief_shows_the_games_treatments(tmp_path):
    app = table(
        tmp_path,
        people=1,
        timer=0,
        treatments={"visibility": "public", "penalty_severity": 2.0, "announce_last_season": False},
    )
    match = app.match
    while match.stage is not Stage.OVER:
        if match.stage is Stage.RESOLVED:
            match.next_season()
        for seat in match.humans_to_decide():
            match.decide(seat, DEFECT)
        match.resolve()
    open_debrief(app, match)
    frames(app)
    press(app, pygame.K_3)
    text = joined(app)
    assert "Opciones del facilitador" in text
    assert "Toda traición es pública" in text
    assert "× 2" in text
    assert "Solo el facilitador sabe cuál es la última" in text


def test_a_save_from_before_the_timer_loads_without_one(tmp_path):
    app = table(tmp_path, people=1, timer=45, personality="leal")
    data = app.match.to_json()
    assert (data["timer_seconds"], data["timer_personality"]) == (45, "leal")
    del data["timer_seconds"], data["timer_personality"]
    restored = Match.from_json(data, app.match.level)
    assert restored.timer_seconds == 0
    assert restored.timer_personality == "reciproco"
