"""The game in progress and where it is saved: what outlives any one screen.

The app owns one :class:`Session`; scenes reach it through their context
(``ctx.session``), never through the app. Kept apart from the window so that saving needs no
display, and so that a scene's access to saves is visible in its code.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.persistence.paths import AppPaths, refusal
from game.persistence.saves import SaveError, SaveStore
from game.ui.saving import save_match

if TYPE_CHECKING:
    from game.play.match import Match

log = logging.getLogger(__name__)


RANDOM = "random"
"""A computer seat whose personality is drawn when the game starts."""


@dataclass(slots=True)
class Draft:
    """One seat as it is being set up on the seating screen."""

    human: bool
    name: str = ""
    custom: bool = False  # the name was typed (else it follows the defaults)
    personality: str = RANDOM


@dataclass(frozen=True, slots=True)
class Table:
    """A seating screen's choices: the level, how many firms, and each seat as set up (who is
    a person, its name if typed, a computer seat's personality or :data:`RANDOM`)."""

    level_id: str
    count: int
    seats: tuple[Draft, ...]


@dataclass(slots=True)
class Session:
    paths: AppPaths
    store: SaveStore
    match: Match | None = None
    save_slot: str | None = None
    notice: str | None = None
    """A message for the title screen to say once (a settings file it could not read, a save
    kept aside); the title clears it when said."""
    set_aside: SaveError | None = None
    """The file the last autosave found in its slot and kept under another name (one it could
    not read, or a damaged one), to say so; None when it moved nothing."""
    last_table: Table | None = None
    """The seats of the last game set up on the seating screen, as they were set (a seat left
    to a random personality stays random): "Play again" seats the same table."""

    def autosave(self, lang: str) -> str | None:
        """Save the game in progress (after every season, and before anything risky). Returns
        why it could not be saved (a full or read-only disk), or None: the game goes on either
        way, the previous save is intact, and the next autosave tries again. A file that was
        in the slot and had to be kept aside first is in :attr:`set_aside`."""
        if self.match is None or self.match.game is None:
            return None
        self.set_aside = None
        try:
            save_match(self)
            self.set_aside = self.store.last_set_aside
        except SaveError as error:
            log.warning("autosave failed: %s", error)
            return error.reason or error.message(lang)
        except OSError as error:  # the store says SaveError; a folder's own trouble, just in case
            log.warning("autosave failed: %s", error)
            return refusal(error)
        if self.set_aside is not None:  # said on the season screen, and whole on the title's
            log.warning("autosave kept a file aside: %s", self.set_aside.message_en)
            self.notice = self.set_aside.message(lang)
        return None

    def forget_match(self) -> None:
        """Back at the title: no game in progress, and the next one gets a new slot."""
        self.match = None
        self.save_slot = None
