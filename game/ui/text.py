"""Drawing text that always fits its box: wrap at word boundaries, shrink if it must.

Every call is recorded while an audit is active, so a test can render every screen in both
languages and in large text and prove that no text is drawn outside its box.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import ClassVar

import pygame

from game.content.characters import showable
from game.ui.theme import FONT_FILES, INK

MIN_SIZE = 11


@functools.cache
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    style = (
        "bold_italic" if bold and italic else "bold" if bold else "italic" if italic else "regular"
    )
    return pygame.font.Font(str(FONT_FILES[style]), size)


@dataclass(frozen=True, slots=True)
class DrawnText:
    text: str
    box: pygame.Rect
    drawn: pygame.Rect


class TextAudit:
    """Collects every drawn text while active (a test switches it on)."""

    active: ClassVar[bool] = False
    records: ClassVar[list[DrawnText]] = []

    @classmethod
    def start(cls) -> None:
        cls.active, cls.records = True, []

    @classmethod
    def stop(cls) -> list[DrawnText]:
        cls.active = False
        return cls.records

    @classmethod
    def overflowing(cls) -> list[DrawnText]:
        return [r for r in cls.records if r.drawn.width and not r.box.contains(r.drawn)]


def wrap(text: str, face: pygame.font.Font, width: int) -> list[str]:
    """Lines no wider than ``width`` (a single over-long word is cut, never spilled)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if face.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            if face.size(word)[0] > width:
                word = _shorten(word, face, width)
            line = word
        lines.append(line)
    return lines


def _shorten(word: str, face: pygame.font.Font, width: int) -> str:
    """The longest start of ``word`` that fits with an ellipsis (or bare, when even that won't)."""
    for cut in range(len(word) - 1, 0, -1):
        if face.size(word[:cut] + "…")[0] <= width:
            return word[:cut] + "…"
    for cut in range(len(word) - 1, 0, -1):
        if face.size(word[:cut])[0] <= width:
            return word[:cut]
    return ""


def fit(
    text: str, box: pygame.Rect, size: int, bold: bool = False
) -> tuple[pygame.font.Font, list[str]]:
    """The largest font up to ``size`` whose wrapped lines fit in ``box``."""
    for candidate in range(size, MIN_SIZE - 1, -1):
        face = font(candidate, bold)
        lines = wrap(text, face, box.width)
        if len(lines) * face.get_linesize() <= box.height:
            return face, lines
    face = font(MIN_SIZE, bold)
    lines = wrap(text, face, box.width)
    keep = max(box.height // face.get_linesize(), 1)
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = lines[-1].rstrip(". ") + "…"
        while face.size(lines[-1])[0] > box.width and len(lines[-1]) > 1:
            lines[-1] = lines[-1][:-2] + "…"
    return face, lines


def draw_text(
    surface: pygame.Surface,
    text: str,
    box: pygame.Rect,
    size: int,
    colour: tuple[int, int, int] = INK,
    *,
    bold: bool = False,
    align: str = "left",
    valign: str = "top",
) -> pygame.Rect:
    """Draw ``text`` inside ``box`` and return the rectangle it actually covers."""
    box = pygame.Rect(box)
    if not text or box.width <= 0 or box.height <= 0:
        return pygame.Rect(box.topleft, (0, 0))
    images, covered = _laid_out(text, box.size, size, tuple(colour), bold, align, valign)
    surface.fblits([(image, (box.x + dx, box.y + dy)) for image, (dx, dy) in images])
    drawn = covered.move(box.topleft)
    if TextAudit.active:
        TextAudit.records.append(DrawnText(text, box, drawn))
    return drawn


@functools.lru_cache(maxsize=4096)
def _laid_out(
    text: str,
    box_size: tuple[int, int],
    size: int,
    colour: tuple[int, ...],
    bold: bool,
    align: str,
    valign: str,
) -> tuple[list[tuple[pygame.Surface, tuple[int, int]]], pygame.Rect]:
    """Rendered lines and their offsets in a box of this size. Screens redraw the same texts
    every frame, so fitting and rendering happen once per text and box (kept in a cache).
    Characters no screen can show (:mod:`game.content.characters`) are left out, so a text
    from a file or a field never breaks the screen that draws it."""
    width, height = box_size
    text = showable(text, keep="\n\t")  # a name from a file may hold what no font can draw
    if not text:
        return [], pygame.Rect(0, 0, 0, 0)
    face, lines = fit(text, pygame.Rect(0, 0, width, height), size, bold)
    line_h = face.get_linesize()
    y = 0
    if valign == "middle":
        y = max((height - len(lines) * line_h) // 2, 0)
    elif valign == "bottom":
        y = height - len(lines) * line_h
    images = []
    covered = pygame.Rect(0, y, 0, 0)
    for line in lines:
        try:
            image = face.render(line, True, colour)
        except pygame.error:  # "Text has zero width": a line of nothing a font can draw
            y += line_h
            continue
        x = 0
        if align == "center":
            x = width // 2 - image.get_width() // 2
        elif align == "right":
            x = width - image.get_width()
        rect = image.get_rect(topleft=(x, y))
        covered = rect if covered.width == 0 else covered.union(rect)
        images.append((image, (x, y)))
        y += line_h
    return images, covered
