"""The season screen: privacy between people, keyboard play, whole games to the end screen,
autosave, the demo, and no text overflowing in Spanish, English and large text."""

from __future__ import annotations

import pygame
import pytest

from game.content.levels import load_level
from game.engine.state import Action, InvestTarget
from game.i18n import tr
from game.play.match import Match, Seat, Stage
from game.ui import flow
from game.ui.board import money
from game.ui.scenes.end import EndScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.season import SeasonScene
from game.ui.text import TextAudit, font
from tests.ui.harness import (
    button_with,
    buttons,
    click,
    frames,
    make_app,
    press,
    visible_texts,
)

LEVELS = ("tutorial", "gamarra", "el_porvenir", "villa_el_salvador")


def start(tmp_path, level="gamarra", people=1, firms=None, seed=1, **app_options):
    """A signed match on the season screen, as after the contract."""
    app = make_app(tmp_path, **app_options)
    lv = load_level(level)
    count = firms or lv.firms.default
    seats = [Seat(lv.firm_names[i], None if i < people else "leal") for i in range(count)]
    match = Match(lv, seats, seed)
    match.sign(lv.reference_contract)
    app.match = match
    app.save_slot = "t"
    flow.resume(app)
    frames(app)
    return app


def scene(app) -> SeasonScene:
    assert isinstance(app.scene, SeasonScene), type(app.scene).__name__
    return app.scene


def play_to_the_end(app, keys=(pygame.K_c,), limit=200) -> None:
    """Answer every screen with the keyboard until the end screen shows."""
    for _ in range(limit):
        if isinstance(app.scene, EndScene):
            return
        mode = scene(app).mode
        if mode == "deciding":
            for key in keys:
                press(app, key, settle=0)
        press(app, pygame.K_RETURN, settle=0)
    raise AssertionError("the game did not reach its end")


def finish_by_the_rules(match: Match) -> None:
    """Play the rest of the game without the screen: every person sells por fuera."""
    from game.engine.state import DEFECT

    while match.stage is not Stage.OVER:
        if match.stage is Stage.RESOLVED:
            match.next_season()
        for seat in match.humans_to_decide():
            match.decide(seat, DEFECT)
        match.resolve()


def money_texts(app, amount: float) -> set[str]:
    return {money(app, amount), tr("money", app.lang, amount=amount)}


# -- privacy ----------------------------------------------------------------------------------


def test_the_hand_off_hides_the_previous_persons_decision_and_offer(tmp_path):
    app = start(tmp_path, people=2, firms=6)
    match = app.match
    first, second = (s.name for s in match.seats[:2])
    texts = " ".join(visible_texts(app))
    assert f"Pasa la computadora a {first}" in texts
    assert button_with(app, f"Soy {first}")

    press(app, pygame.K_RETURN)
    assert scene(app).mode == "deciding"
    offer = match.view(0).offer.price
    seen = " ".join(visible_texts(app))
    assert any(m in seen for m in money_texts(app, offer))  # the person sees it...

    press(app, pygame.K_f)
    press(app, pygame.K_RETURN)
    assert match.pending[0].action is Action.DEFECT
    assert scene(app).mode == "handoff"
    texts = visible_texts(app)
    joined = " ".join(texts)
    assert f"Pasa la computadora a {second}" in joined
    defect_label = tr("action.defect", "es")
    assert not [t for t in texts if defect_label.casefold() in t.casefold()]
    assert not [t for t in texts if any(m in t for m in money_texts(app, offer))]
    assert "Tu confianza" not in joined and "Confías" not in joined


def test_two_people_end_the_season_looking_at_the_screen_together(tmp_path):
    app = start(tmp_path, people=2, firms=6)
    for _ in range(2):
        press(app, pygame.K_RETURN)  # "I am …"
        press(app, pygame.K_c)
        press(app, pygame.K_RETURN)  # confirm
    assert scene(app).mode == "look"
    assert "Todos decidieron" in " ".join(visible_texts(app))
    press(app, pygame.K_RETURN)
    assert scene(app).mode == "resolution"
    assert app.match.stage is Stage.RESOLVED


def test_the_resolution_never_singles_out_an_undetected_defector(tmp_path):
    import dataclasses

    for seed in range(1, 30):
        app = start(tmp_path / str(seed), firms=6, seed=seed)
        app.settings = dataclasses.replace(app.settings, animation_speed="normal")
        press(app, pygame.K_f)
        press(app, pygame.K_RETURN, settle=0)
        report = app.match.last_report
        if 0 in report.detected:
            continue  # caught: it is public now; try another seed
        public = set(report.detected) | set(report.left) | set(report.faulty_lots)
        public |= {i for i, d in report.decisions.items() if d.action is Action.INVEST}
        season = scene(app)
        while season.elapsed < season.story_seconds():
            assert set(season.highlight()) <= public, season.story[season.visible_steps() - 1]
            frames(app, 1, dt=0.3)
        name = app.match.seats[0].name
        assert all(name not in step.text("es") for step in season.story)
        return
    pytest.skip("every seed caught the defector")


# -- keyboard and mouse -----------------------------------------------------------------------


def test_keyboard_alone_decides_and_confirms(tmp_path):
    app = start(tmp_path)
    assert scene(app).mode == "deciding"  # one person: no hand-off
    press(app, pygame.K_RETURN)  # nothing chosen yet: nothing happens
    assert app.match.stage is Stage.DECIDING
    press(app, pygame.K_f)
    assert scene(app).choice is Action.DEFECT
    press(app, pygame.K_c)
    assert scene(app).choice is Action.COOPERATE
    press(app, pygame.K_RETURN)
    assert app.match.stage is Stage.RESOLVED
    assert app.match.active_game.reports[-1].decisions[0].action is Action.COOPERATE


def test_invest_asks_for_a_target_and_the_keys_pick_it(tmp_path):
    app = start(tmp_path)
    press(app, pygame.K_i)
    assert scene(app).choice is Action.INVEST
    assert button_with(app, "Marca colectiva")
    press(app, pygame.K_RETURN)  # no target yet: cannot confirm
    assert app.match.stage is Stage.DECIDING
    press(app, pygame.K_3)
    assert scene(app).target is InvestTarget.BRAND
    press(app, pygame.K_RETURN)
    decision = app.match.active_game.reports[-1].decisions[0]
    assert decision.action is Action.INVEST and decision.target is InvestTarget.BRAND


def test_the_mouse_does_the_same(tmp_path):
    app = start(tmp_path)
    click(app, "Invertir")
    click(app, "Instituciones")
    click(app, "Confirmar")
    decision = app.match.active_game.reports[-1].decisions[0]
    assert decision.target is InvestTarget.INSTITUTIONS
    click(app, "Siguiente temporada")
    assert app.match.stage is Stage.DECIDING and scene(app).mode == "deciding"


def test_esc_opens_the_pause_menu(tmp_path):
    app = start(tmp_path)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, PauseScene)
    press(app, pygame.K_r)
    assert scene(app).mode == "deciding"


def test_the_tutorial_has_two_choices_and_shows_the_points_table(tmp_path):
    app = start(tmp_path, level="tutorial")
    texts = " ".join(visible_texts(app))
    assert "Tabla de puntos" in texts and "Traicionar" in texts
    press(app, pygame.K_i)  # no investing in the tutorial
    assert scene(app).choice is None


# -- whole games, saving ------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_a_whole_game_is_played_through_the_screen_to_the_end(tmp_path, level):
    app = start(tmp_path, level=level, people=2 if level == "gamarra" else 1)
    play_to_the_end(app)
    game = app.match.active_game
    assert game.outcome is not None
    saved = app.store.read("t")
    assert saved.finished and saved.summary["outcome"] == game.outcome.kind
    texts = " ".join(visible_texts(app))
    assert "Volver al inicio" in texts
    press(app, pygame.K_RETURN)  # the end screen's main action: the debrief
    assert type(app.scene).__name__ == "DebriefScene"


def test_esc_on_the_end_screen_goes_back_to_the_title(tmp_path):
    app = start(tmp_path, level="tutorial")
    finish_by_the_rules(app.match)
    flow.resume(app)
    frames(app)
    assert "Volver al inicio  (Esc)" in [b.text for b in buttons(app)]
    press(app, pygame.K_ESCAPE)
    assert type(app.scene).__name__ == "TitleScene" and app.match is None


def test_play_again_opens_the_level_choice_over_a_fresh_title(tmp_path):
    app = start(tmp_path, level="tutorial")
    finish_by_the_rules(app.match)
    flow.resume(app)
    frames(app)
    press(app, pygame.K_j)
    names = [type(s).__name__ for s in app.scenes]
    assert names[0] == "TitleScene" and app.match is None
    assert names[-1] in ("LevelSelectScene", "TitleScene")


def test_every_season_is_saved_and_restores_where_it_was(tmp_path):
    from game.ui.saving import restore_match

    app = start(tmp_path, people=1)
    press(app, pygame.K_c)
    press(app, pygame.K_RETURN)
    game = app.match.active_game
    restored = restore_match(app.store.read("t"))
    assert restored.stage is Stage.RESOLVED
    assert restored.active_game.state.season == game.state.season == 1
    assert [f.capital for f in restored.active_game.state.firms] == pytest.approx(
        [f.capital for f in game.state.firms]
    )
    # and the screen picks up a restored match at its resolution
    app.match = restored
    flow.resume(app)
    frames(app)
    assert scene(app).mode == "resolution"
    press(app, pygame.K_RETURN)
    assert app.match.stage is Stage.DECIDING


def test_the_demo_plays_a_whole_game_by_itself_and_can_quit(tmp_path):
    from game.ui.launch import demo_match

    app = make_app(tmp_path)
    app.match = demo_match("gamarra", 1)
    app.show(SeasonScene(app, demo=True, exit_at_end=True))
    for _ in range(2000):
        frames(app, 1, dt=0.25)
        if isinstance(app.scene, EndScene):
            break
    assert isinstance(app.scene, EndScene)
    assert app.match.active_game.outcome is not None
    assert not app.store.list_saves()  # a demo leaves no saved game behind
    frames(app, 30, dt=0.25)
    assert app.running is False


# -- nothing overflows -------------------------------------------------------------------------


def audit(app, where: str) -> None:
    TextAudit.start()
    frames(app, 1)
    records = TextAudit.stop()
    overflowing = [(r.text, r.box, r.drawn) for r in records if r in TextAudit.overflowing()]
    assert not overflowing, (where, overflowing)
    missing = [r.text for r in records if "⟨" in r.text]
    assert not missing, (where, missing)
    for action in app.scene.actions:
        button = action.button
        if not button.visible:
            continue
        face = font(app.text_sizes.widget, action.primary)
        width = face.size(button.text)[0]
        assert width <= button.relative_rect.width - 8, (where, button.text, width)


@pytest.mark.parametrize(
    ("language", "text_size"), [("es", "normal"), ("en", "normal"), ("es", "large")]
)
def test_no_text_overflows_on_the_season_and_end_screens(tmp_path, language, text_size):
    app = start(tmp_path, people=2, firms=8, language=language, text_size=text_size)
    audit(app, "handoff")
    press(app, pygame.K_RETURN)
    audit(app, "deciding")
    press(app, pygame.K_i)
    press(app, pygame.K_2)
    audit(app, "invest")
    press(app, pygame.K_f)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_c)
    press(app, pygame.K_RETURN)
    audit(app, "look")
    press(app, pygame.K_RETURN)
    audit(app, "resolution")
    finish_by_the_rules(app.match)
    flow.resume(app)
    audit(app, "end")


def test_no_text_overflows_in_the_tutorial(tmp_path):
    app = start(tmp_path, level="tutorial", firms=8, text_size="large")
    audit(app, "tutorial deciding")
    press(app, pygame.K_f)
    press(app, pygame.K_RETURN)
    audit(app, "tutorial resolution")
