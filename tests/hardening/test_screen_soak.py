"""Screen soak: random input (clicks anywhere and on widgets, keys with modifiers, text with
accents and emoji, mouse wheel, window resizes) fed headless to every scene, 20,000 events in
all. The app never fails: the frame loop catches any error, logs it and shows the error screen,
so the test hooks that path and also checks that no error log was written.

Each scene's events come from its own seeded generator; a failure prints the scene, the seed,
the traceback and the events that led to it, so it can be replayed.
"""

from __future__ import annotations

import random
import traceback
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.content.levels import load_level
from game.engine.state import DEFECT
from game.play.match import Match, Seat, Stage
from game.ui import flow
from game.ui.app import App
from tests.ui.harness import buttons, frames, make_app
from tests.ui.test_every_screen_fits import PERSONALITIES
from tests.ui.test_every_screen_fits import signed_match as signed_fit_match

TOTAL_EVENTS = 20_000
KEYS = (
    [getattr(pygame, f"K_{c}") for c in "abcdefghijklmnopqrstuvwxyz0123456789"]
    + [pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_SPACE]
    + [pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP]
    + [pygame.K_DOWN, pygame.K_HOME, pygame.K_END, pygame.K_PAGEUP, pygame.K_PAGEDOWN]
    + [pygame.K_PLUS, pygame.K_MINUS, pygame.K_KP_PLUS, pygame.K_KP_MINUS, pygame.K_F1]
    + [pygame.K_F11, pygame.K_QUESTION, pygame.K_COMMA, pygame.K_PERIOD]
)
# Enter, Escape, Tab and the scenes' own letters move through the game: make them common.
FREQUENT = [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_c, pygame.K_f, pygame.K_i]
MODS = [0, 0, 0, 0, pygame.KMOD_LSHIFT, pygame.KMOD_LCTRL, pygame.KMOD_LALT]
TEXTS = ["a", "Ñ", "ñandú", "¿sí?", "🐍", "x" * 200, " ", "Año 2026", "é", "\u200b", "中文"]
SIZES = [(1280, 720), (1000, 600), (1600, 900), (1920, 1080), (1366, 768), (1280, 1024)]


def signed_match(level: str = "gamarra", people: int = 2, firms: int = 6) -> Match:
    return signed_fit_match(firms=firms, people=people, level=level)


def finished_match(level: str = "tutorial", firms: int = 4) -> Match:
    match = signed_match(level, people=1, firms=firms)
    while match.stage is not Stage.OVER:
        if match.stage is Stage.RESOLVED:
            match.next_season()
        for seat in match.humans_to_decide():
            match.decide(seat, DEFECT)
        match.resolve()
    return match


def _title(app: App) -> None:
    from game.ui.scenes.title import TitleScene

    app.show(TitleScene(app))


def _level_select(app: App) -> None:
    from game.ui.scenes.level_select import LevelSelectScene

    app.show(LevelSelectScene(app))


def _seating(app: App) -> None:
    from game.ui.scenes.seating import SeatingScene

    app.show(SeatingScene(app, load_level("gamarra")))


def _contract(app: App) -> None:
    from game.ui.scenes.contract import ContractScene

    lv = load_level("el_porvenir")
    seats = [Seat("Ana")] + [Seat(lv.firm_names[i], PERSONALITIES[i]) for i in range(1, 6)]
    app.match, app.save_slot = Match(lv, seats, 7), "soak"
    app.show(ContractScene(app))


def _season(app: App) -> None:
    app.match, app.save_slot = signed_match("villa_el_salvador", people=2, firms=8), "soak"
    flow.resume(app)


def _season_tutorial(app: App) -> None:
    app.match, app.save_slot = signed_match("tutorial", people=1, firms=4), "soak"
    flow.resume(app)


def _end(app: App) -> None:
    app.match, app.save_slot = finished_match(), "soak"
    flow.resume(app)


def _pause(app: App) -> None:
    from game.ui.scenes.pause import PauseScene

    _season(app)
    app.push(PauseScene(app))


def _settings(app: App) -> None:
    from game.ui.scenes.settings import SettingsScene

    _title(app)
    app.push(SettingsScene(app))


def _how_to_play(app: App) -> None:
    from game.ui.scenes.how_to_play import HowToPlayScene

    _title(app)
    app.push(HowToPlayScene(app, 0))


def _load(app: App) -> None:
    from game.ui.scenes.load import LoadScene

    app.match, app.save_slot = signed_match(), "soak"
    app.autosave()
    app.match, app.save_slot = finished_match(), "soak-finished"
    app.autosave()
    app.match = app.save_slot = None
    (app.paths.saves_dir / "rota.json").write_text("{ no es json", encoding="utf-8")
    (app.paths.saves_dir / "vacia.json").write_bytes(b"")
    _title(app)
    app.push(LoadScene(app))


def _error(app: App) -> None:
    from game.ui.scenes.error import ErrorScene

    app.show(ErrorScene(app, app.paths.data_dir / "logs" / "errors-elsewhere.log"))


def _facilitator(app: App) -> None:
    from game.ui.scenes.facilitator import FacilitatorScene

    _title(app)
    app.push(FacilitatorScene(app))


def _seats(app: App) -> None:
    from game.ui.scenes.seats import SeatsScene

    _season(app)
    app.push(SeatsScene(app))


def _debrief(app: App) -> None:
    from game.ui.scenes.debrief import DebriefScene

    match = finished_match("gamarra", firms=6)
    record = match.active_game.record()
    _title(app)
    app.push(DebriefScene(app, match.level, record, [s.personality for s in match.seats]))


def _comparison(app: App) -> None:
    from game.debrief import export_game
    from game.ui.scenes.compare import ClassComparisonScene

    folder = app.paths.data_dir / "clase"
    for group, (level, firms) in enumerate((("gamarra", 5), ("gamarra", 6), ("el_porvenir", 5))):
        match = finished_match(level, firms)
        personalities = [s.personality for s in match.seats]
        record = match.active_game.record()
        export_game(match.level, record, folder, name=f"grupo-{group}", personalities=personalities)
    (folder / "rota.json").write_text("{ no es una partida", encoding="utf-8")
    _title(app)
    app.push(ClassComparisonScene(app, sorted(folder.glob("*.json"))))


class _FakeWorkshopServer:
    """Stands in for the phones' server (a real one is a process of its own, on the LAN): it
    is ready at once, or refuses, or stops by itself, as the dice of the soak say."""

    def __init__(self, options, folder: Path, *, db=None) -> None:
        from game.ui.workshop_server import Announcement

        self.stopped = False
        self.fate = random.Random(repr(options)).choice(["serve", "serve", "refuse"])
        self.announcement = Announcement(
            address="http://192.0.2.7:8000",
            join="http://192.0.2.7:8000/r/ABCD",
            code="ABCD",
            console="http://192.0.2.7:8000/console",
            pin="123456",
            database=str(folder / "taller.db"),
            resumed=bool(options.new),
        )

    @classmethod
    def start(cls, options, folder: Path, *, db=None):
        return cls(options, folder, db=db)

    def running(self) -> bool:
        return not self.stopped and self.fate == "serve"

    def ready(self):
        return self.announcement if self.running() else None

    def failure(self, lang: str = "es"):
        return None if self.running() else "¿Ñandú? \u200b the port is taken"

    def stop(self) -> None:
        self.stopped = True


def _workshop(app: App) -> None:
    from game.ui.scenes.workshop import WorkshopScene

    _title(app)
    app.push(WorkshopScene(app, open_page=lambda url: None))


SCENES: dict[str, Callable[[App], None]] = {
    "title": _title,
    "level select": _level_select,
    "seating": _seating,
    "contract": _contract,
    "season": _season,
    "season tutorial": _season_tutorial,
    "end": _end,
    "pause": _pause,
    "settings": _settings,
    "how to play": _how_to_play,
    "load": _load,
    "error": _error,
    "facilitator": _facilitator,
    "seats": _seats,
    "debrief": _debrief,
    "comparison": _comparison,
    "workshop": _workshop,
}
PER_SCENE = TOTAL_EVENTS // len(SCENES)


def random_events(app: App, rng: random.Random) -> list[pygame.event.Event]:
    """One person's next gesture (one to three events)."""
    w, h = app.screen.get_size()
    roll = rng.random()
    if roll < 0.38:  # a click: on a widget half of the time, anywhere otherwise
        targets = [b for b in buttons(app) if b.visible]
        if targets and rng.random() < 0.5:
            rect = rng.choice(targets).get_abs_rect()
            pos = (rng.randint(rect.left, rect.right - 1), rng.randint(rect.top, rect.bottom - 1))
        else:
            pos = (rng.randrange(w), rng.randrange(h))
        button = rng.choice([1, 1, 1, 1, 3])
        return [
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button),
        ]
    if roll < 0.75:
        key = rng.choice(FREQUENT) if rng.random() < 0.4 else rng.choice(KEYS)
        mod = rng.choice(MODS)
        char = chr(key) if 32 <= key < 127 and not mod & pygame.KMOD_CTRL else ""
        return [
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=char, scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=char, scancode=0),
        ]
    if roll < 0.85:
        return [pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXTS))]
    if roll < 0.93:
        pos = (rng.randrange(w), rng.randrange(h))
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))]
    if roll < 0.98:
        y = rng.choice([-3, -1, 1, 3])
        return [
            pygame.event.Event(
                pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0, precise_y=float(y)
            )
        ]
    size = rng.choice(SIZES)
    return [pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])]


def describe(event: pygame.event.Event) -> str:
    return f"{pygame.event.event_name(event.type)} {event.dict}"


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SCENES))
def test_random_input_never_breaks_a_scene(tmp_path: Path, name: str, monkeypatch):
    from game.ui.scenes import workshop

    monkeypatch.setattr(workshop, "WorkshopServer", _FakeWorkshopServer)  # no process, no LAN
    monkeypatch.setattr(workshop.webbrowser, "open", lambda url: None)
    app = make_app(tmp_path)
    failures: list[str] = []
    recent: list[str] = []
    original_fail = app.fail

    def fail(error: BaseException) -> None:
        trace = "".join(traceback.format_exception(error))
        failures.append(f"{type(app.scene).__name__}: {trace}\nlast events:\n" + "\n".join(recent))
        original_fail(error)

    app.fail = fail  # the frame loop's error path, which would show the error screen
    SCENES[name](app)
    frames(app, 2)
    rng = random.Random(f"screen-soak/{name}")
    sent, visited = 0, set()
    while sent < PER_SCENE and not failures:
        # A few gestures per frame, as a hurried person makes (and fewer frames to draw).
        events = [e for _ in range(rng.randint(1, 4)) for e in random_events(app, rng)]
        recent = (recent + [describe(e) for e in events] + ["-- frame"])[-60:]
        app.step(events, dt=rng.choice([1 / 60, 1 / 60, 0.25, 1.0]))
        sent += len(events)
        visited.add(type(app.scene).__name__)
        if not app.running:  # a quit button or Esc on the title: start the scene again
            app.running = True
            recent.append("-- the app quit; the scene was shown again")
            SCENES[name](app)
    print(f"{name}: {sent} events, scenes reached: {sorted(visited)}")
    assert not failures, f"scene {name!r}, seed 'screen-soak/{name}':\n{failures[0]}"
    assert not app.paths.log_file.exists(), app.paths.log_file.read_text(encoding="utf-8")
    assert type(app.scene).__name__ != "ErrorScene" or name == "error"
