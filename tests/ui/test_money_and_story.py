"""The money on the decision screen, each firm's own result line, and the story told step by
step (issue 14, items 1 and 3), driven headless as a person would."""

from __future__ import annotations

import dataclasses

import pygame
import pytest

from game.engine.forecast import forecast
from game.engine.state import Action
from game.play.own_result import own_result
from game.play.turn import Phase
from game.ui import theme
from game.ui.board import money
from tests.ui.harness import buttons, frames, press, visible_texts
from tests.ui.test_season import audit, start


def shown(app) -> str:
    return " ".join(visible_texts(app))


@pytest.mark.parametrize(("language", "text_size"), [("es", "normal"), ("en", "large")])
def test_the_three_choice_cards_show_the_engines_money(tmp_path, language, text_size):
    app = start(tmp_path, language=language, text_size=text_size)
    scene = app.scene
    view = app.match.view(scene.seat)
    figures = forecast(app.match.level, view)
    texts = shown(app)
    for choice in (figures.cooperate, figures.defect, figures.invest):
        amount = money(app, abs(choice.if_accepted)).replace("S/\u00a0", "")
        assert amount in texts
    assert money(app, figures.defect.fine).replace("S/\u00a0", "") in texts
    chance = app.tr("season.money.chance", chance=figures.defect.detection_chance)
    assert chance in texts
    for column in ("accepted", "cancelled", "cost", "fine"):
        assert app.tr(f"season.money.{column}") in texts
    audit(app, f"money table [{language}, {text_size}]")


def test_with_two_people_the_result_waits_for_the_firms_next_private_screen(tmp_path):
    app = start(tmp_path, people=2)
    for _ in range(2):  # hand-off, decide, confirm
        press(app, pygame.K_RETURN)
        press(app, pygame.K_c)
        press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)  # everyone looks: the public story
    report = app.match.last_report
    lines = [own_result(report, seat).text("es") for seat in (0, 1)]
    public = shown(app)
    assert not any(line in public for line in lines)
    assert not any("Tu resultado" in text for text in visible_texts(app))
    press(app, pygame.K_RETURN)  # next season: the hand-off shows nothing private
    assert not any(own_result(report, s, last=True).text("es") in shown(app) for s in (0, 1))
    press(app, pygame.K_RETURN)  # the first person's private screen
    assert app.scene.seat == 0
    private = shown(app)
    assert own_result(report, 0, last=True).text("es") in private
    assert own_result(report, 1, last=True).text("es") not in private


def test_one_person_reads_its_result_at_the_end_of_the_story(tmp_path):
    app = start(tmp_path, people=1)
    press(app, pygame.K_f)
    press(app, pygame.K_RETURN)
    line = own_result(app.match.last_report, 0).text("es")
    assert line in shown(app)


def leave_story(app, limit: int = 6) -> None:
    """Enter through the story's pages until the next screen shows."""
    for _ in range(limit):
        if app.scene.mode is not Phase.RESOLUTION:
            return
        press(app, pygame.K_RETURN)
    raise AssertionError("the story never led on")


def labels(app) -> list[str]:
    """The buttons' labels, but the story's page arrows."""
    return [b.text for b in buttons(app) if b.text not in ("‹", "›")]


def telling(tmp_path, **options):
    app = start(tmp_path, people=1, **options)
    app.settings = dataclasses.replace(app.settings, animation_speed="normal")
    press(app, pygame.K_c)
    press(app, pygame.K_RETURN, settle=0)
    frames(app, 1, dt=0.01)
    return app


def test_enter_during_the_story_shows_the_next_step(tmp_path):
    app = telling(tmp_path)
    turn = app.scene.turn
    assert not turn.story_told
    labels = [b.text for b in buttons(app)]
    assert "Siguiente paso  (Enter)" in labels and "Ver todo  (Espacio)" in labels
    assert not any("Siguiente temporada" in label for label in labels)
    before = turn.visible_steps()
    press(app, pygame.K_RETURN, settle=0)
    assert turn.visible_steps() == before + 1
    assert app.match.seasons_played == 1 and app.scene.mode == "resolution"


def test_space_skips_to_the_end_of_the_story_and_then_the_button_names_the_next_season(
    tmp_path,
):
    app = telling(tmp_path)
    press(app, pygame.K_SPACE, settle=0)
    assert app.scene.turn.story_told
    pages = app.scene.story_pages(app.scene.layout())
    for _ in range(pages - 1):  # all at once: read from its first page, Enter reads on
        assert labels(app) == ["Seguir leyendo  (Enter)"]
        press(app, pygame.K_RETURN)
    assert labels(app) == ["Siguiente temporada  (Enter)"]
    press(app, pygame.K_RETURN)
    assert app.scene.mode in ("deciding", "handoff")
    assert app.match.active_game.state.season == 1


def test_enter_to_the_last_step_then_names_the_next_screen(tmp_path):
    app = telling(tmp_path)
    for _ in range(len(app.scene.turn.story) + 1):
        if app.scene.turn.story_told:
            break
        press(app, pygame.K_RETURN, settle=0)
    assert app.scene.turn.story_told
    assert labels(app) == ["Siguiente temporada  (Enter)"]  # read to its last page


def test_the_story_told_by_itself_also_names_the_next_screen(tmp_path):
    app = telling(tmp_path)
    frames(app, 60, dt=0.5)
    assert labels(app) == ["Siguiente temporada  (Enter)"]  # watched to its last page


def caught_in_season_one(tmp_path, language):
    """A one-person Gamarra game whose firm sold por fuera in season 1 and was caught with a
    fine bigger than it could pay at once (model 5: the rest is owed); now deciding season 2.
    Also returns what the defect option said in season 1, and the forecast it said it from."""
    for seed in range(1, 40):
        app = start(tmp_path / str(seed), people=1, seed=seed, language=language)
        before = forecast(app.match.level, app.match.view(0)).defect
        help_text = app.scene.option_help(Action.DEFECT, app.match.view(0))
        press(app, pygame.K_f)
        press(app, pygame.K_RETURN)
        penalty = app.match.last_report.penalties.get(0)
        if penalty is not None and penalty.unpaid > 1:
            leave_story(app)  # to the next season's private screen
            return app, help_text, before
    raise AssertionError("no seed caught the firm with a fine it could not pay at once")


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_fine_owed_is_said_before_and_after(tmp_path, language):
    app, help_before, before = caught_in_season_one(tmp_path, language)
    now, rest = money(app, before.fine_now), money(app, before.fine - before.fine_now)
    assert app.tr("season.money.later", now=now, rest=rest) in help_before
    view = app.match.view(0)
    figures = forecast(app.match.level, view)
    assert view.me.fine_owed > 0 and figures.fine_instalment > 0
    assume, _ = app.scene.money_headers(view)
    assert money(app, figures.fine_instalment) in assume
    assert money(app, view.me.fine_owed) in assume
    assert assume in shown(app)
    audit(app, f"money table, owing [{language}]")


def long_story(tmp_path, text_size, pages: int):
    """A one-person El Porvenir game played (by the keyboard) until a season whose story,
    shown all at once (animations off), takes ``pages`` pages at ``text_size``."""
    from game.ui.scenes.end import EndScene

    for seed in range(1, 6):
        app = start(tmp_path / f"{text_size}{seed}", level="el_porvenir", people=1, seed=seed,
                    language="en", text_size=text_size)  # fmt: skip
        for season in range(14):
            press(app, pygame.K_f if season % 3 == 2 else pygame.K_c)
            press(app, pygame.K_RETURN)
            if isinstance(app.scene, EndScene):
                break
            assert app.scene.turn.story_told
            if app.scene.story_pages(app.scene.layout()) == pages:
                return app
            leave_story(app)
            if isinstance(app.scene, EndScene):
                break
    raise AssertionError(f"no season's story took {pages} page(s)")


def drawn_steps(app) -> set[int]:
    texts = set(visible_texts(app))
    return {i for i, step in enumerate(app.scene.story) if app.scene.step_text(step) in texts}


def test_a_long_story_in_large_text_is_told_over_pages_and_no_step_is_dropped(tmp_path):
    app = long_story(tmp_path, "large", pages=2)
    scene = app.scene
    pages = scene.story_pages(scene.layout())
    assert pages >= 2
    seen: list[set[int]] = []
    for page in range(pages):
        if page:
            press(app, pygame.K_RIGHT)
        seen.append(drawn_steps(app))
        audit(app, f"story page {page + 1}")
        assert f"Page {page + 1} of {pages}" in " ".join(visible_texts(app))
    assert set().union(*seen) == set(range(len(scene.story)))  # every step, once
    assert sum(len(s) for s in seen) == len(scene.story)
    area, _ = scene.story_areas(scene.layout())
    inner = area.inflate(-32, -28)
    normal_body = theme.TextSizes.for_setting("normal").body
    assert scene.step_layout(inner).size >= normal_body  # pages, never smaller than normal
    press(app, pygame.K_LEFT)
    assert drawn_steps(app) == seen[-2]
    press(app, pygame.K_RETURN)  # Enter reads on to the last page, then leads on
    assert drawn_steps(app) == seen[-1]
    press(app, pygame.K_RETURN)
    assert scene.mode is not Phase.RESOLUTION


def test_a_story_that_fits_has_one_page_and_no_arrows(tmp_path):
    app = long_story(tmp_path, "normal", pages=1)
    scene = app.scene
    assert scene.story_pages(scene.layout()) == 1
    assert drawn_steps(app) == set(range(len(scene.story)))
    assert "pages" not in scene.rects
