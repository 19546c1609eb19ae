"""The pygame application: one window, one UI manager, a director of scenes, one loop.

The loop is ``process events → update(dt) → draw``. ``step`` runs one frame and is what the
headless tests call; ``run`` calls it at 60 frames per second. Any unexpected error inside a
frame is logged to the user data folder, the game in progress is saved, and the player sees a
plain message instead of a traceback.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.content.records import save_problems
from game.i18n import tr
from game.persistence.atomic import discard_stale_temp_files
from game.persistence.errorlog import log_exception
from game.persistence.paths import AppPaths, default_paths, refusal
from game.persistence.saves import SaveError, SaveStore
from game.persistence.settings import Settings, SettingsNotSaved, load_settings, save_settings
from game.ui import theme
from game.ui.context import SceneContext
from game.ui.director import Director, load_scenes
from game.ui.session import Session
from game.ui.text import font

if TYPE_CHECKING:
    from game.play.match import Match
    from game.ui.scene import Scene

WINDOW_TITLE = "Asociatividad"
# pygame_gui's font registry outlives a UI manager; a second manager (a new text size, or the
# tests' many apps) re-registers the same fonts and warns about it. Nothing is wrong.
warnings.filterwarnings("ignore", message="Trying to pre-load font id")
FRAME_RATE = 60
log = logging.getLogger(__name__)


class NoWindow(Exception):
    """The system would not open a window (no display, no video driver): pygame's own error is
    the cause. Raised where the window is opened, so that the launch can say so in words."""


class App:
    """The window and its loop. Scenes never see it: they get :attr:`context`, and move
    between one another through :attr:`director`."""

    def __init__(
        self,
        paths: AppPaths | None = None,
        *,
        settings: Settings | None = None,
        size: tuple[int, int] | None = None,
    ) -> None:
        pygame.init()
        load_scenes()  # every scene registers its name before any shows
        paths = paths or default_paths()
        warning = None
        if settings is None:
            settings, warning = load_settings(paths)
        self.settings = settings
        self.session = Session(paths, SaveStore(paths, check=save_problems), notice=warning)
        self._discard_stale_temp_files()
        self.screen = self._open_window(size or tuple(settings.window_size))
        self.manager = self._make_manager()
        self.clock = pygame.time.Clock()
        self.director = Director()
        self.context = SceneContext(self, self.director, self.session)
        self.director.context = self.context
        self.running = True
        self.frames = 0

    # -- the session, as the tests and the launcher reach it -------------------------------

    @property
    def paths(self) -> AppPaths:
        return self.session.paths

    @property
    def store(self) -> SaveStore:
        return self.session.store

    @property
    def match(self) -> Match | None:
        return self.session.match

    @match.setter
    def match(self, match: Match | None) -> None:
        self.session.match = match

    @property
    def save_slot(self) -> str | None:
        return self.session.save_slot

    @save_slot.setter
    def save_slot(self, slot: str | None) -> None:
        self.session.save_slot = slot

    @property
    def notice(self) -> str | None:
        return self.session.notice

    @notice.setter
    def notice(self, notice: str | None) -> None:
        self.session.notice = notice

    @property
    def set_aside(self) -> SaveError | None:
        return self.session.set_aside

    def _discard_stale_temp_files(self) -> None:
        """Remove what killed writes left in the saves and settings folders (the atomic
        writer's own temporary files, more than an hour old); a problem here stops nothing."""
        try:
            removed = self.store.discard_stale_temp_files()
            removed += discard_stale_temp_files(self.paths.settings_file.parent)
        except Exception as error:  # cleaning up is never a reason not to start
            log_exception(self.paths, error, "removing stale temporary files")
            return
        if removed:
            log.info("removed %d stale temporary files: %s", len(removed), removed)

    # -- window and widgets ----------------------------------------------------------------

    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        size = (max(size[0], theme.MIN_WINDOW[0]), max(size[1], theme.MIN_WINDOW[1]))
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
        try:
            screen = pygame.display.set_mode((0, 0) if self.settings.fullscreen else size, flags)
        except pygame.error as error:
            raise NoWindow(str(error) or "pygame.display.set_mode failed") from error
        pygame.display.set_caption(WINDOW_TITLE)
        return screen

    def _make_manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(
            self.screen.get_size(),
            theme.gui_theme(self.settings.text_size),
            enable_live_theme_updates=False,
        )
        files = {k: str(v) for k, v in theme.FONT_FILES.items()}
        manager.add_font_paths(
            theme.FONT_NAME, files["regular"], files["bold"], files["italic"], files["bold_italic"]
        )
        sizes = {self.text_sizes.widget, 14}
        manager.preload_fonts(
            [
                {"name": theme.FONT_NAME, "point_size": s, "style": st}
                for s in sizes
                for st in ("regular", "bold")
            ]
        )
        return manager

    @property
    def text_sizes(self) -> theme.TextSizes:
        return theme.TextSizes.for_setting(self.settings.text_size)

    def tr(self, key: str, **values: object) -> str:
        return tr(key, self.settings.language, **values)

    @property
    def lang(self) -> str:
        return self.settings.language

    # -- scenes: the director's stack, for the loop and the tests ---------------------------

    @property
    def scenes(self) -> list[Scene]:
        return self.director.stack

    @property
    def scene(self) -> Scene | None:
        return self.director.top

    def show(self, scene: Scene) -> None:
        """Replace the whole stack with ``scene`` (moving to a new part of the game)."""
        self.director.show(scene)

    def push(self, scene: Scene) -> None:
        """Open ``scene`` over the current one (menus, settings, help)."""
        self.director.overlay(scene)

    def go_back(self) -> None:
        """Close the top scene and return to the one below (the title stays)."""
        self.director.pop()

    def open_pause_menu(self) -> None:
        self.director.push("pause")

    def quit(self) -> None:
        self.running = False

    # -- settings --------------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> str | None:
        """Use and remember new settings, rebuilding what they change. Returns why they could
        not be kept for the next time (a read-only or full disk), or None: the change holds
        for this session either way, and a settings file is no reason for the error screen."""
        old = self.settings
        self.settings = settings
        problem = None
        try:
            save_settings(self.paths, settings)
        except SettingsNotSaved as error:  # a file it cannot read, which it will not replace
            problem = error.message(settings.language)
            log.warning("settings not saved: %s", error.en)
        except OSError as error:
            problem = refusal(error)
            log.warning("settings not saved: %s", problem)
        if (settings.fullscreen, tuple(settings.window_size)) != (
            old.fullscreen,
            tuple(old.window_size),
        ):
            self.screen = self._open_window(tuple(settings.window_size))
            self.manager.set_window_resolution(self.screen.get_size())
        if settings.text_size != old.text_size:
            for scene in self.scenes:
                scene.clear()
            self.manager = self._make_manager()
            font.cache_clear()
        if self.scene is not None:
            self.scene.rebuild()
        return problem

    def resized(self, size: tuple[int, int]) -> None:
        size = (max(size[0], theme.MIN_WINDOW[0]), max(size[1], theme.MIN_WINDOW[1]))
        if size != self.screen.get_size():
            self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.manager.set_window_resolution(self.screen.get_size())
        if self.scene is not None:
            self.scene.rebuild()

    # -- saving ----------------------------------------------------------------------------

    def autosave(self) -> str | None:
        """Save the game in progress (after every season, and before anything risky). Returns
        why it could not be saved (a full or read-only disk), or None: the game goes on either
        way, the previous save is intact, and the next autosave tries again. A file that was in
        the slot and had to be kept aside first is in :attr:`set_aside`."""
        return self.session.autosave(self.lang)

    # -- the loop --------------------------------------------------------------------------

    def step(
        self, events: Iterable[pygame.event.Event] | None = None, dt: float = 1 / FRAME_RATE
    ) -> None:
        """One frame: handle events, advance by ``dt`` seconds, draw. Never raises."""
        try:
            for event in list(events or ()) + pygame.event.get():
                self._handle(event)
            self.manager.update(dt)
            if self.scene is not None:
                self.scene.update(dt)
            self._draw()
            self.frames += 1
        except Exception as error:  # the player must never see a traceback
            self.fail(error)

    def _handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.autosave()
            self.quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self.resized((event.w, event.h))
            return
        consumed = self.manager.process_events(event)
        if self.scene is not None and not consumed:
            self.scene.handle_event(event)

    def _draw(self) -> None:
        if self.scene is not None:
            self.scene.draw(self.screen)
        self.manager.draw_ui(self.screen)
        if self.scene is not None:
            self.scene.draw_focus(self.screen)

    def run(self) -> int:
        while self.running:
            dt = self.clock.tick(FRAME_RATE) / 1000.0
            self.step(dt=dt)
            pygame.display.flip()
        pygame.quit()
        return 0

    def fail(self, error: BaseException) -> None:
        """Log, save what can be saved, and show a message the player can act on."""
        log_file = log_exception(self.paths, error, f"scene {type(self.scene).__name__}")
        try:
            self.autosave()
        except Exception as second:
            log_exception(self.paths, second, "autosave after an error")
        try:
            self.director.go("error", log_file=log_file)
        except Exception as third:
            log_exception(self.paths, third, "showing the error screen")
            self.quit()
