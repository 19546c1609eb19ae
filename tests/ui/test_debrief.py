"""The debrief screen: reached from the end of a game and from the load screen, every section
fits at 1280x720 in both languages and in large text, the spread computes in the background and
can be cancelled, the replay walks every season, and the charts export to PNG."""

from __future__ import annotations

import time
from dataclasses import replace

import pygame
import pytest

from game.debrief import analyse, export_game
from game.engine.state import COOPERATE, DEFECT
from game.i18n import catalogue
from game.play.match import Stage
from game.ui import charts, flow
from game.ui.scenes import debrief as debrief_scene
from game.ui.scenes.debrief import SECTIONS, DebriefScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.title import TitleScene
from tests.ui.harness import click, frames, make_app, press, screenshot, visible_texts
from tests.ui.test_every_screen_fits import SETTINGS, check, signed_match

SECTION_KEYS = dict(SECTIONS)


def finish(match, defect_every: int = 3) -> None:
    """Play ``match`` to its end: the people cooperate, but sell por fuera every few seasons."""
    while match.stage is not Stage.OVER:
        if match.stage is Stage.RESOLVED:
            match.next_season()
        season = match.active_game.state.season + 1
        for seat in match.humans_to_decide():
            match.decide(seat, DEFECT if season % defect_every == 0 else COOPERATE)
        match.resolve()


def finished_match(firms: int = 8, level: str = "gamarra"):
    match = signed_match(firms=firms, level=level)
    finish(match)
    return match


def open_debrief(app, match) -> DebriefScene:
    game = match.active_game
    app.show(DebriefScene(app, match.level, game.record(), [s.personality for s in match.seats]))
    frames(app, 2)
    return app.scene


@pytest.fixture(scope="module")
def played():
    return finished_match()


# -- reaching it -----------------------------------------------------------------------------


def test_the_end_screen_opens_the_debrief_by_key_and_by_click(tmp_path, played):
    app = make_app(tmp_path)
    app.match, app.save_slot = played, "end"
    flow.resume(app)
    frames(app, 2)
    assert isinstance(app.scene, EndScene)
    press(app, pygame.K_d)
    assert isinstance(app.scene, DebriefScene)
    assert app.scene.record.decisions == played.active_game.record().decisions
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, EndScene)
    click(app, "Análisis")
    assert isinstance(app.scene, DebriefScene)


def test_a_finished_save_opens_in_the_debrief_from_the_load_screen(tmp_path):
    app = make_app(tmp_path)
    match = finished_match(firms=5)
    app.match, app.save_slot = match, "terminada"
    app.autosave()
    app.match = None
    app.show(TitleScene(app))
    frames(app, 2)
    app.push(LoadScene(app))
    frames(app, 2)
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, DebriefScene)
    assert app.scene.debrief is not None
    assert app.scene.record.decisions == match.active_game.record().decisions
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, LoadScene)


# -- every section fits ----------------------------------------------------------------------


def visit_every_section(app, shots=None, tag=""):
    """Show each section (and the states worth seeing) and check nothing spills."""
    scene = app.scene
    for name, key in SECTIONS:
        press(app, key)
        assert app.scene.section == name
        check(app, f"debrief {name} {tag}")
        if shots is not None:
            screenshot(app, shots / f"debrief_{name}_{tag}.png")
        if name == "charts":
            for _ in range(len(scene.charts()) - 1):
                press(app, pygame.K_s)
                check(app, f"debrief chart {scene.chart_index} {tag}")
        elif name in ("moments", "contract", "questions", "history"):
            for _ in range(scene.page_counts.get(name, 1) - 1):
                press(app, pygame.K_s)
                check(app, f"debrief {name} page {scene.pages[name]} {tag}")
        elif name == "whatif":
            press(app, pygame.K_DOWN)
            press(app, pygame.K_DOWN)
            press(app, pygame.K_RIGHT)
            assert scene.changed is not None
            check(app, f"debrief whatif changed {tag}")
        elif name == "spread":
            press(app, pygame.K_d)
            check(app, f"debrief spread running {tag}")
            wait_for_spread(app)
            check(app, f"debrief spread done {tag}")
        elif name == "replay":
            press(app, pygame.K_s)
            check(app, f"debrief replay 2 {tag}")
        elif name == "export":
            press(app, pygame.K_e)
            check(app, f"debrief export done {tag}")


def wait_for_spread(app, seconds: float = 60.0) -> None:
    start = time.monotonic()
    while not (app.scene.run and app.scene.run.finished):
        assert time.monotonic() - start < seconds, "the spread did not finish"
        frames(app, 2)
    frames(app, 2)


@pytest.fixture
def quick_spread(monkeypatch):
    monkeypatch.setattr(debrief_scene, "SPREAD_GAMES", 12)


@pytest.mark.parametrize(("language", "text_size"), SETTINGS)
def test_every_section_fits_at_the_smallest_window(
    tmp_path, played, quick_spread, language, text_size
):
    app = make_app(tmp_path, language=language, text_size=text_size)
    scene = open_debrief(app, played)
    scene.export_dir = tmp_path / "exports"
    visit_every_section(app, tag=f"{language}-{text_size}")
    assert scene.exported, scene.export_note


def test_the_tutorial_debrief_fits_and_has_no_cluster_charts(tmp_path, quick_spread):
    match = finished_match(firms=4, level="tutorial")
    for language, text_size in SETTINGS:
        app = make_app(tmp_path / f"{language}{text_size}", language=language, text_size=text_size)
        scene = open_debrief(app, match)
        scene.export_dir = tmp_path / "exports"
        assert [c.key for c in scene.charts()] == ["trust", "capital"]
        visit_every_section(app, tag=f"tutorial {language}-{text_size}")


def test_the_language_switch_changes_every_visible_text(tmp_path, played):
    spanish_only = {es for key, es in catalogue("es").items() if es != catalogue("en")[key]}
    app = make_app(tmp_path, language="es")
    open_debrief(app, played)
    press(app, pygame.K_i)
    assert app.lang == "en"
    for name, key in SECTIONS:
        press(app, key)
        shown = visible_texts(app)
        left = [t for t in shown if t in spanish_only or t.split("  (")[0] in spanish_only]
        assert not left, (name, left)
    press(app, pygame.K_i)
    assert app.lang == "es"
    assert "Gráficos  (1)" in visible_texts(app)


# -- the charts ------------------------------------------------------------------------------


def test_the_charts_are_revealed_one_after_another(tmp_path, played):
    app = make_app(tmp_path)
    app.settings = replace(app.settings, animation_speed="normal")
    scene = open_debrief(app, played)
    assert scene.section == "charts" and scene.chart_index == 0
    assert 0 < scene.reveal.progress < 1
    frames(app, 200)
    assert scene.reveal.done
    titles = [scene.charts()[0].title]
    for _ in scene.charts()[1:]:
        press(app, pygame.K_s)
        titles.append(scene.charts()[scene.chart_index].title)
        assert scene.reveal.progress < 1  # each new chart draws itself again
        frames(app, 200)
        assert scene.reveal.done
    assert titles == [c.title for c in scene.charts()]
    assert titles[0] == "Confianza en la alianza"
    assert "Las siete dimensiones del cluster" in titles


def test_the_charts_appear_at_once_when_animations_are_off(tmp_path, played):
    app = make_app(tmp_path)  # the harness turns animations off
    scene = open_debrief(app, played)
    assert scene.reveal.done


def test_save_charts_writes_one_png_per_chart(tmp_path, played):
    debrief = analyse(played.level, played.active_game.record())
    paths = charts.save_charts(debrief, tmp_path / "png")
    assert [p.suffix for p in paths] == [".png"] * 5
    for path in paths:
        image = pygame.image.load(str(path))
        assert image.get_size() == charts.EXPORT_SIZE


def test_every_chart_has_its_axes_and_thresholds(played):
    debrief = analyse(played.level, played.active_game.record())
    built = charts.charts_for(debrief, "en")
    trust, capital, fund, associated, dims = built
    assert trust.x_label == "Season" and trust.y_label.startswith("Trust")
    start = 100 * played.level.start_population.associated
    assert [t.value for t in associated.thresholds] == [pytest.approx(start)]
    assert associated.lines[0].values[0] == pytest.approx(start)
    assert "7,000 firms" in associated.y_label
    assert [t.value for t in trust.thresholds] == [played.level.rules.trust.floor]
    assert len(capital.lines) == 8
    assert fund.thresholds[0].value == 0.0
    assert len(dims.charts) == 7
    goals = played.level.rules.phase_thresholds[played.level.start_phase + 1]
    for panel in dims.charts:
        dimension = panel.key.removeprefix("dim.")
        assert [t.value for t in panel.thresholds] == [goals[dimension]]


# -- what if, spread, replay, export ---------------------------------------------------------


def test_what_if_shows_all_cooperate_and_a_changed_contract(tmp_path, played):
    app = make_app(tmp_path)
    scene = open_debrief(app, played)
    press(app, SECTION_KEYS["whatif"])
    assert scene.cooperate is not None and scene.changed is None
    condition = "penalties"
    scene.condition_row = list(scene.menus).index(condition)
    press(app, pygame.K_RIGHT)
    assert scene.contract[condition] != played.active_game.record().contract[condition]
    assert scene.changed is not None
    shown = " ".join(visible_texts(app))
    assert "Lo que pasó" in shown and "Todos cooperan" in shown and "Con tu contrato" in shown
    press(app, pygame.K_r)  # back to the real contract
    assert scene.contract == played.active_game.record().contract and scene.changed is None


def test_the_spread_shows_progress_and_can_be_cancelled(tmp_path, played, monkeypatch):
    monkeypatch.setattr(debrief_scene, "SPREAD_GAMES", 100_000)
    app = make_app(tmp_path)
    scene = open_debrief(app, played)
    press(app, SECTION_KEYS["spread"])
    press(app, pygame.K_d)
    run = scene.run
    assert run is not None and not run.finished
    start = time.monotonic()
    while run.done == 0:
        assert time.monotonic() - start < 30
        frames(app, 1)
    # the frame loop keeps running while the games are played
    before = app.frames
    tick = time.monotonic()
    frames(app, 10)
    assert app.frames == before + 10
    assert (time.monotonic() - tick) / 10 < 0.25
    assert any("Jugando partidas" in t for t in visible_texts(app))
    press(app, pygame.K_x)
    wait_for_spread(app)
    assert run.error is None, run.error
    assert run.result.cancelled and run.result.games < 100_000
    assert any("Cancelado" in t for t in visible_texts(app))
    assert "Calcular  (D)" in [a.button.text for a in scene.actions]


def test_the_spread_finishes_with_the_rates(tmp_path, played, quick_spread):
    app = make_app(tmp_path)
    scene = open_debrief(app, played)
    press(app, SECTION_KEYS["spread"])
    press(app, pygame.K_d)
    wait_for_spread(app)
    result = scene.run.result
    assert not result.cancelled and result.games == 12
    assert sum(result.rates.values()) == pytest.approx(1.0)


def test_leaving_the_debrief_cancels_a_running_spread(tmp_path, played, monkeypatch):
    monkeypatch.setattr(debrief_scene, "SPREAD_GAMES", 100_000)
    app = make_app(tmp_path)
    app.show(EndScene(app))
    app.match = played
    scene = DebriefScene(app, played.level, played.active_game.record())
    app.push(scene)
    frames(app, 2)
    press(app, SECTION_KEYS["spread"])
    press(app, pygame.K_d)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, EndScene)
    scene.run.thread.join(timeout=30) if scene.run.thread else None
    assert scene.run.finished


def test_the_replay_steps_through_every_season_with_the_decisions_revealed(tmp_path, played):
    app = make_app(tmp_path)
    scene = open_debrief(app, played)
    press(app, SECTION_KEYS["replay"])
    record = played.active_game.record()
    seen = []
    for number, decisions in enumerate(record.decisions, start=1):
        assert scene.replay_index == number - 1
        shown = " ".join(visible_texts(app))
        assert f"Temporada {number} de {len(record.decisions)}" in shown
        for firm, decision in decisions.items():
            label = {"cooperate": "Cooperar", "defect": "Negociar por fuera"}.get(
                decision.action.value, "Invertir"
            )
            assert label in shown, (number, firm, label)
        seen.append(number)
        press(app, pygame.K_s)
    assert seen == list(range(1, len(record.decisions) + 1))
    press(app, pygame.K_LEFT)
    assert scene.replay_index == len(record.decisions) - 2


def test_export_writes_the_files_and_says_where(tmp_path, played):
    app = make_app(tmp_path)
    scene = open_debrief(app, played)
    press(app, SECTION_KEYS["export"])
    assert scene.export_entry is not None
    assert scene.export_entry.get_text() == str(app.paths.exports_dir)
    target = tmp_path / "taller"
    scene.export_entry.set_text(str(target))
    press(app, pygame.K_e)
    assert scene.exported and all(p.exists() for p in scene.exported)
    assert {p.suffix for p in scene.exported} >= {".csv", ".json", ".html", ".png"}
    assert all(p.parent == target for p in scene.exported)
    shown = " ".join(visible_texts(app))
    assert str(target) in shown
    # the screen writes the debrief it shows: the same files as the facilitator's export command
    again = export_game(
        played.level, scene.record, tmp_path / "again", personalities=scene.personalities
    )
    for path in again:
        assert (target / path.name).read_bytes() == path.read_bytes(), path.name
