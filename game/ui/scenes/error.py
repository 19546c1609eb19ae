"""Shown when something unexpected went wrong: what happened, what was kept, what to do."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui import flow, theme
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.scene import Scene, card
from game.ui.text import draw_text


@register_scene("error")
class ErrorScene(Scene):
    def __init__(self, ctx: SceneContext | ContextOwner, log_file: Path | None) -> None:
        super().__init__(ctx)
        self.log_file = log_file

    def build(self) -> None:
        w, h = self.size
        self.button(
            (w // 2 - 160, h // 2 + 120, 320, 56),
            self.tr("common.to_title"),
            self.to_title,
            key=pygame.K_RETURN,
            primary=True,
        )

    def to_title(self) -> None:
        flow.to_title(self.ctx)

    def back(self) -> None:
        self.to_title()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        w, h = self.size
        box = pygame.Rect(w // 2 - 420, h // 2 - 200, 840, 300)
        card(surface, box, border=theme.ORANGE, width=3)
        inner = box.inflate(-48, -40)
        self.heading(surface, self.tr("error.title"), pygame.Rect(inner.x, inner.y, inner.w, 44))
        draw_text(
            surface,
            self.tr("error.body"),
            pygame.Rect(inner.x, inner.y + 60, inner.w, 120),
            self.text_sizes.body,
        )
        if self.log_file:
            draw_text(
                surface,
                self.tr("error.log", path=str(self.log_file)),
                pygame.Rect(inner.x, inner.bottom - 50, inner.w, 50),
                self.text_sizes.small,
                theme.MUTED,
            )
