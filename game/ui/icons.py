"""Icons for the three decisions and the investment targets, drawn with pygame shapes.

Shapes differ as well as colours, so the decisions are told apart without colour vision:
cooperate is two joined rings, selling por fuera an arrow leaving a box, investing a rising bar.
"""

from __future__ import annotations

import pygame

from game.ui import theme


def draw_action_icon(surface: pygame.Surface, action: str, box: pygame.Rect, colour=None) -> None:
    colour = colour or theme.ACTION_COLOURS[action]
    {"cooperate": _cooperate, "defect": _defect, "invest": _invest}[action](
        surface, pygame.Rect(box), colour
    )


def _cooperate(surface: pygame.Surface, box: pygame.Rect, colour) -> None:
    r = int(min(box.width, box.height) * 0.28)
    width = max(r // 4, 3)
    cy = box.centery
    pygame.draw.circle(surface, colour, (box.centerx - int(r * 0.6), cy), r, width)
    pygame.draw.circle(surface, colour, (box.centerx + int(r * 0.6), cy), r, width)


def _defect(surface: pygame.Surface, box: pygame.Rect, colour) -> None:
    s = int(min(box.width, box.height) * 0.6)
    width = max(s // 12, 3)
    square = pygame.Rect(0, 0, s, s)
    square.center = (box.centerx - s // 6, box.centery)
    pygame.draw.rect(surface, colour, square, width, border_radius=4)
    start = (square.centerx, square.centery)
    end = (box.centerx + s // 2 + s // 6, square.top - s // 6)
    pygame.draw.line(surface, colour, start, end, width + 1)
    head = s // 4
    pygame.draw.polygon(
        surface, colour, [end, (end[0] - head, end[1] + 2), (end[0] - 2, end[1] + head)]
    )


def _invest(surface: pygame.Surface, box: pygame.Rect, colour) -> None:
    s = int(min(box.width, box.height) * 0.62)
    base = box.centery + s // 2
    bar = max(s // 5, 4)
    left = box.centerx - s // 2
    for i, height in enumerate((0.35, 0.6, 0.95)):
        rect = pygame.Rect(
            left + i * (bar + bar // 2), base - int(s * height), bar, int(s * height)
        )
        pygame.draw.rect(surface, colour, rect, border_radius=2)


def draw_target_icon(
    surface: pygame.Surface, target: str, box: pygame.Rect, colour=theme.GREEN
) -> None:
    """Small marks for the investment targets: a star (quality), a gear (technology),
    a tag (brand), columns (institutions)."""
    box = pygame.Rect(box)
    c = box.center
    r = int(min(box.width, box.height) * 0.35)
    if target == "quality":
        import math

        points = [
            (
                c[0] + (r if i % 2 == 0 else r // 2) * math.cos(math.pi / 2 + i * math.pi / 5),
                c[1] - (r if i % 2 == 0 else r // 2) * math.sin(math.pi / 2 + i * math.pi / 5),
            )
            for i in range(10)
        ]
        pygame.draw.polygon(surface, colour, points)
    elif target == "technology":
        pygame.draw.circle(surface, colour, c, r, max(r // 3, 2))
        for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0)):
            pygame.draw.rect(
                surface, colour, pygame.Rect(c[0] + dx * r - 3, c[1] + dy * r - 3, 6, 6)
            )
    elif target == "brand":
        tag = [
            (c[0] - r, c[1] - r // 2),
            (c[0] + r // 2, c[1] - r // 2),
            (c[0] + r, c[1]),
            (c[0] + r // 2, c[1] + r // 2),
            (c[0] - r, c[1] + r // 2),
        ]
        pygame.draw.polygon(surface, colour, tag)
        pygame.draw.circle(surface, theme.CARD, (c[0] - r // 2, c[1]), max(r // 6, 2))
    else:
        pygame.draw.rect(
            surface, colour, pygame.Rect(c[0] - r, c[1] + r // 2, 2 * r, max(r // 4, 2))
        )
        pygame.draw.polygon(
            surface,
            colour,
            [(c[0] - r, c[1] - r // 2), (c[0], c[1] - r), (c[0] + r, c[1] - r // 2)],
        )
        for dx in (-2 * r // 3, 0, 2 * r // 3):
            pygame.draw.rect(surface, colour, pygame.Rect(c[0] + dx - 2, c[1] - r // 2, 4, r))
