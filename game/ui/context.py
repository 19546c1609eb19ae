"""What a scene is given: a small typed context, not the whole app.

A scene needs the player's language and texts, the window's size and text sizes, the widget
manager, the settings (and a way to change them), sound, the game in progress
(:class:`~game.ui.session.Session`) and the :class:`~game.ui.director.Director` to move to
another screen. :class:`SceneContext` gives exactly that. It reads the window through
:class:`Host`, so a resize or a new text size is seen at once; the app is the only host, but no
scene can reach the rest of it (its loop, its error handling, its scene stack).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from game.i18n import tr
from game.ui import sound, theme

if TYPE_CHECKING:
    import pygame
    import pygame_gui

    from game.persistence.paths import AppPaths
    from game.persistence.saves import SaveError, SaveStore
    from game.persistence.settings import Settings
    from game.play.match import Match
    from game.ui.director import Director
    from game.ui.session import Session

log = logging.getLogger(__name__)


class Host(Protocol):
    """The window's side of the context (the app): what changes while a scene is shown."""

    @property
    def settings(self) -> Settings: ...
    @property
    def screen(self) -> pygame.Surface: ...
    @property
    def manager(self) -> pygame_gui.UIManager: ...
    @property
    def frames(self) -> int: ...
    def apply_settings(self, settings: Settings) -> str | None: ...
    def quit(self) -> None: ...


class SceneContext:
    """The one object every scene is built with (``Scene(ctx)``)."""

    __slots__ = ("_host", "director", "session")

    def __init__(self, host: Host, director: Director, session: Session) -> None:
        self._host = host
        self.director = director
        self.session = session

    # -- language and texts ----------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self._host.settings.language

    def tr(self, key: str, **values: object) -> str:
        return tr(key, self.lang, **values)

    # -- window and widgets ----------------------------------------------------------------

    @property
    def size(self) -> tuple[int, int]:
        return self._host.screen.get_size()

    @property
    def text_sizes(self) -> theme.TextSizes:
        return theme.TextSizes.for_setting(self._host.settings.text_size)

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self._host.manager

    @property
    def frames(self) -> int:
        """Frames drawn so far: a clock for small animations that must not change state."""
        return self._host.frames

    # -- settings and sound ------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self._host.settings

    def apply_settings(self, settings: Settings) -> str | None:
        """Use and remember new settings; why they could not be kept, or None."""
        return self._host.apply_settings(settings)

    def sound(self, name: str) -> None:
        """A cue for a moment of the game; silently nothing if sound is unavailable."""
        try:
            sound.play(self, name)
        except Exception:  # a sound must never stop the game
            log.exception("sound %s failed", name)

    def quit(self) -> None:
        self._host.quit()

    # -- the game in progress (shortcuts to the session, used on most screens) ---------------

    @property
    def match(self) -> Match | None:
        return self.session.match

    @match.setter
    def match(self, match: Match | None) -> None:
        self.session.match = match

    @property
    def paths(self) -> AppPaths:
        return self.session.paths

    @property
    def store(self) -> SaveStore:
        return self.session.store

    @property
    def set_aside(self) -> SaveError | None:
        return self.session.set_aside

    def autosave(self) -> str | None:
        return self.session.autosave(self.lang)


class ContextOwner(Protocol):
    """Something that holds a context (the app): tests and the launcher build scenes from
    the app, and a scene keeps only its context."""

    @property
    def context(self) -> SceneContext: ...


def context_of(owner: SceneContext | ContextOwner) -> SceneContext:
    """``owner`` if it is a context, else the context it holds."""
    return owner if isinstance(owner, SceneContext) else owner.context
