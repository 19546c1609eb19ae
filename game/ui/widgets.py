"""Small drawings shared by several screens (a status chip, a key cap, the outcome colours).

They live here, not in the screen that needed them first, so that no screen imports another.
"""

from __future__ import annotations

import pygame

from game.ui import theme
from game.ui.text import draw_text, font

OUTCOME_COLOURS = {
    "advance": theme.GREEN,
    "collapse": theme.VERMILLION,
    "stagnation": theme.ORANGE,
    "unfinished": theme.MUTED,
}


def draw_status_chip(
    surface: pygame.Surface, rect: pygame.Rect, label: str, colour, size: int
) -> None:
    """A rounded tag with a word and a dot, in the status colour (the word carries the meaning)."""
    pygame.draw.rect(surface, theme.CARD, rect, border_radius=rect.height // 2)
    pygame.draw.rect(surface, colour, rect, width=2, border_radius=rect.height // 2)
    pygame.draw.circle(surface, colour, (rect.x + 16, rect.centery), 5)
    draw_text(
        surface,
        label,
        pygame.Rect(rect.x + 26, rect.y, rect.width - 34, rect.height),
        size,
        colour,
        bold=True,
        align="center",
        valign="middle",
    )


def draw_key_cap(
    surface: pygame.Surface, cap: str, row: pygame.Rect, size: int, *, measure: bool = False
) -> int:
    """A small key drawn at the right end of ``row``; returns its width."""
    face = font(size, True)
    width = max(face.size(cap)[0] + 18, size + 16)
    if measure:
        return width
    height = size + 14
    rect = pygame.Rect(row.right - width, row.centery - height // 2, width, height)
    pygame.draw.rect(surface, theme.SHADE, rect, border_radius=6)
    pygame.draw.rect(surface, theme.LINE, rect, width=1, border_radius=6)
    pygame.draw.line(
        surface, theme.LINE, (rect.x + 4, rect.bottom - 2), (rect.right - 4, rect.bottom - 2), 2
    )
    draw_text(
        surface,
        cap,
        rect.inflate(-6, -4),
        size,
        theme.MUTED,
        bold=True,
        align="center",
        valign="middle",
    )
    return width
