"""Esc during a game: resume, save and quit to the title, settings, how to play."""

from __future__ import annotations

import pygame

from game.ui import flow, theme
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.scene import Scene, card
from game.ui.text import draw_text


@register_scene("pause")
class PauseScene(Scene):
    def __init__(self, ctx: SceneContext | ContextOwner) -> None:
        super().__init__(ctx)
        self.not_saved: str | None = None
        """Why "save and quit" could not save: a second press quits without saving."""

    def build(self) -> None:
        w, h = self.size
        entries = [
            (self.tr("pause.resume"), self.ctx.director.pop, pygame.K_r, True),
            (self.tr("pause.save_quit"), self.save_and_quit, pygame.K_g, False),
        ]
        if self.can_change_seats():
            entries.append((self.tr("common.seats"), self.seats, pygame.K_s, False))
        entries += [
            (self.tr("common.settings"), self.settings, pygame.K_o, False),
            (self.tr("common.how_to_play"), self.help, pygame.K_a, False),
        ]
        pitch = 62 if len(entries) > 4 else 66
        x, y = w // 2 - 210, h // 2 - 150 if len(entries) > 4 else h // 2 - 130
        for i, (label, run, key, primary) in enumerate(entries):
            self.button((x, y + i * pitch, 420, pitch - 10), label, run, key=key, primary=primary)

    def can_change_seats(self) -> bool:
        """Seats can be handed over once the contract is signed, in a game with people."""
        below = self.ctx.director.below(self)
        match = self.ctx.match
        return (
            match is not None
            and match.game is not None
            and match.game.outcome is None
            and not getattr(below, "demo", False)
        )

    def seats(self) -> None:
        self.ctx.director.push("seats")

    def save_and_quit(self) -> None:
        if self.not_saved is None:
            self.not_saved = self.ctx.autosave()
            if self.not_saved is not None:
                return  # stay: the person decides whether to quit without saving
        flow.to_title(self.ctx)

    def settings(self) -> None:
        self.ctx.director.push("settings")

    def help(self) -> None:
        self.ctx.director.push("how_to_play")

    def back(self) -> None:
        self.ctx.director.pop()

    def draw(self, surface: pygame.Surface) -> None:
        below = self.ctx.director.below(self)
        if below is not None:
            below.draw(surface)
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((31, 35, 40, 150))
        surface.blit(veil, (0, 0))
        w, h = self.size
        box = pygame.Rect(w // 2 - 260, h // 2 - 230, 520, 470)
        card(surface, box)
        self.heading(
            surface, self.tr("pause.title"), pygame.Rect(box.x + 30, box.y + 24, box.w - 60, 44)
        )
        if self.not_saved is None:
            note, colour = self.tr("pause.saved_note"), theme.MUTED
        else:
            note, colour = self.tr("pause.not_saved", reason=self.not_saved), theme.VERMILLION
        draw_text(
            surface,
            note,
            pygame.Rect(box.x + 30, box.bottom - 60, box.w - 60, 44),
            self.text_sizes.small,
            colour,
            align="center",
        )
