"""Every screen, in Spanish, in English and in large text at the smallest window (1280x720):
no text is drawn outside its box, no button label is wider than its button, no widget sticks
out of the window, and no text key is missing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pygame
import pygame_gui
import pytest

from game.content.levels import load_level
from game.engine.state import DEFECT
from game.play.match import Match, Seat, Stage
from game.ui import flow
from game.ui.app import App
from game.ui.text import TextAudit, font
from tests.ui.harness import frames, make_app, press

SETTINGS = [("es", "normal"), ("en", "normal"), ("es", "large"), ("en", "large")]
PERSONALITIES = [
    "leal",
    "oportunista",
    "reciproco",
    "rencoroso",
    "a_medias",
    "inversor",
    "aprendiz",
]


def check(app: App, where: str) -> None:
    TextAudit.start()
    frames(app, 1)
    records = TextAudit.stop()
    spilled = [
        (r.text, tuple(r.box), tuple(r.drawn)) for r in records if r in TextAudit.overflowing()
    ]
    assert not spilled, (where, spilled)
    missing = [r.text for r in records if "⟨" in r.text]
    assert not missing, (where, missing)
    window = app.screen.get_rect()
    for element in app.manager.get_sprite_group().sprites():
        if not element.visible or isinstance(element, pygame_gui.core.UIContainer):
            continue
        rect = element.get_abs_rect()
        if isinstance(element, pygame_gui.elements.UITooltip):
            continue
        assert window.contains(rect), (where, type(element).__name__, tuple(rect))
        text = getattr(element, "text", None)
        if isinstance(element, pygame_gui.elements.UIButton) and text:
            assert "⟨" not in text, (where, text)
            bold = "#primary" in element.get_object_ids()
            width = font(app.text_sizes.widget, bold).size(text)[0]
            assert width <= rect.width - 8, (where, text, width, rect.width)


def signed_match(firms: int = 8, people: int = 2, level: str = "gamarra") -> Match:
    lv = load_level(level)
    seats = [Seat("Ñañez & Cía. Peñaloza"), Seat("Persona dos")][:people]
    seats += [
        Seat(lv.firm_names[i % len(lv.firm_names)] + f" {i}", PERSONALITIES[i % 7])
        for i in range(people, firms)
    ]
    match = Match(lv, seats, seed=3)
    match.sign(lv.reference_contract)
    return match


def screens(app: App) -> Iterator[str]:
    """Visit every screen, yielding its name while it is shown."""
    from game.ui.scenes.contract import ContractScene
    from game.ui.scenes.error import ErrorScene
    from game.ui.scenes.how_to_play import PAGES, HowToPlayScene
    from game.ui.scenes.level_select import LevelSelectScene
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.pause import PauseScene
    from game.ui.scenes.seating import SeatingScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.title import TitleScene

    def show(scene_factory: Callable[[], object]) -> None:
        app.show(scene_factory())
        frames(app, 2)

    show(lambda: TitleScene(app))
    yield "title"
    show(lambda: LevelSelectScene(app))
    yield "level select"
    for level in ("tutorial", "gamarra", "villa_el_salvador"):
        show(lambda level=level: SeatingScene(app, load_level(level)))
        yield f"seating {level}"
    from game.ui.scenes.facilitator import FacilitatorScene
    from game.ui.scenes.seats import SeatsScene

    show(lambda: FacilitatorScene(app))
    yield "facilitator options"
    for level in ("tutorial", "gamarra"):
        lv = load_level(level)
        seats = [Seat("Ñañez & Cía. Peñaloza")] + [
            Seat(f"{lv.firm_names[i]}", PERSONALITIES[i]) for i in range(1, 6)
        ]
        app.match = Match(lv, seats, 7)
        show(lambda: ContractScene(app))
        yield f"contract {level}"
    app.match, app.save_slot = signed_match(), "fit"
    flow.resume(app)
    frames(app, 2)
    yield "season hand-off"
    press(app, pygame.K_RETURN)
    yield "season deciding"
    press(app, pygame.K_i)
    yield "season invest"
    app.push(PauseScene(app))
    frames(app, 2)
    yield "pause"
    app.push(SeatsScene(app))
    frames(app, 2)
    yield "seats"
    app.go_back()
    frames(app, 2)
    app.push(SettingsScene(app))
    frames(app, 2)
    yield "settings"
    from game.ui.scenes.workshop import WorkshopScene

    app.push(WorkshopScene(app))
    frames(app, 2)
    yield "classroom workshop"
    for page in range(len(PAGES)):
        app.show(HowToPlayScene(app, page))
        frames(app, 2)
        yield f"how to play {page + 1}"
    app.save_slot = "fit"
    app.autosave()
    (app.paths.saves_dir / "rota.json").write_text("{ no es json", encoding="utf-8")
    show(lambda: LoadScene(app))
    yield "load"
    match = app.match
    while match.stage is not Stage.OVER:
        if match.stage is Stage.RESOLVED:
            match.next_season()
        for seat in match.humans_to_decide():
            match.decide(seat, DEFECT)
        match.resolve()
    flow.resume(app)
    frames(app, 2)
    yield "end"
    from game.debrief import export_game
    from game.ui.scenes.compare import ClassComparisonScene

    seats = [s.personality for s in match.seats]
    export_game(match.level, match.active_game.record(), app.paths.exports_dir, personalities=seats)
    show(lambda: ClassComparisonScene(app, [app.paths.exports_dir]))
    yield "class comparison"
    timed = signed_match()
    timed.timer_seconds = 30
    app.match, app.save_slot = timed, "fit-timer"
    flow.resume(app)
    press(app, pygame.K_RETURN)
    yield "season deciding with the timer"
    frames(app, 31, dt=1.0)
    yield "season timed out"
    show(lambda: ErrorScene(app, app.paths.data_dir / "errores.log"))
    yield "error"


@pytest.mark.parametrize(("language", "text_size"), SETTINGS)
def test_every_screen_fits_at_the_smallest_window(tmp_path, language, text_size):
    app = make_app(tmp_path, language=language, text_size=text_size, size=(1280, 720))
    seen = []
    for where in screens(app):
        check(app, f"{where} [{language}, {text_size}]")
        seen.append(where)
    assert len(seen) >= 18


def test_the_resolution_fits_with_eight_firms(tmp_path):
    for language, text_size in SETTINGS:
        app = make_app(tmp_path / f"{language}{text_size}", language=language, text_size=text_size)
        app.match, app.save_slot = signed_match(), "fit"
        flow.resume(app)
        frames(app, 2)
        for _ in range(2):  # two people: hand-off, decide, confirm
            press(app, pygame.K_RETURN)
            press(app, pygame.K_c)
            press(app, pygame.K_RETURN)
        check(app, f"look together [{language}, {text_size}]")
        press(app, pygame.K_RETURN)
        check(app, f"resolution [{language}, {text_size}]")


def test_the_layout_adapts_when_the_window_is_resized(tmp_path):
    """Larger windows give the board and the cards more room; nothing is stretched or spills,
    and a window smaller than 1280x720 is held at that minimum."""
    app = make_app(tmp_path)
    app.match, app.save_slot = signed_match(firms=6, people=1), "fit"
    flow.resume(app)
    frames(app, 2)
    widths = {}
    for size in [(1280, 720), (1600, 900), (1920, 1080), (1000, 600)]:
        app.step([pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])])
        frames(app, 2)
        expected = (max(size[0], 1280), max(size[1], 720))
        assert app.screen.get_size() == expected
        check(app, f"season at {size}")
        widths[size] = max(a.button.get_abs_rect().width for a in app.scene.actions)
    assert widths[(1920, 1080)] > widths[(1280, 720)]
    assert widths[(1000, 600)] == widths[(1280, 720)]


@pytest.mark.parametrize(
    ("language", "text_size", "size"),
    [("es", "large", (1600, 900)), ("en", "normal", (1920, 1080)), ("es", "normal", (1366, 768))],
)
def test_every_screen_fits_in_larger_windows(tmp_path, language, text_size, size):
    """The layouts adapt to the window instead of stretching; from 1280x720 up, at the common
    laptop and projector sizes, still nothing spills."""
    app = make_app(tmp_path, language=language, text_size=text_size, size=size)
    assert app.screen.get_size() == size
    for where in screens(app):
        check(app, f"{where} [{language}, {text_size}, {size}]")
