"""The classroom workshop, opened from the title screen (issue 15): the facilitator chooses the
level and how the class is split, and the window starts the phones' server and shows, big
enough for a projector, what a phone needs to join: a QR code, the address and the room code.
The console's address and PIN are on this screen only (the laptop's).

The server runs in a process of its own (:mod:`game.ui.workshop_server`); leaving this screen
closes it, and the workshop stays in its database, to be resumed when it is opened again with
the same level.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, replace

import pygame
import segno

from game.content.levels import load_level, shipped_level_names
from game.content.problems import LevelError
from game.i18n import pick
from game.ui import theme
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.scene import Scene, titled_card
from game.ui.text import draw_text, fit, font
from game.ui.widgets import draw_key_cap
from game.ui.workshop_server import Announcement, WorkshopOptions, WorkshopServer

GROUP_CHOICES = (1, 2, 3, 4, 5, 6, 8, 10, 12)
"""How many groups can play at once (the server allows up to 12)."""
FIRM_CHOICES = (3, 4, 5, 6, 7, 8)
TIMER_CHOICES = (0, 60, 90, 120, 180)
"""Seconds for each decision (0: no limit); the console can change it during the workshop."""


@dataclass(frozen=True, slots=True)
class Choices:
    level: str = "gamarra"
    groups: int = 4
    firms: int = 5
    timer: int = 0
    new: bool = False


@register_scene("workshop")
class WorkshopScene(Scene):
    """Setting up, then serving (while :attr:`server` runs)."""

    def __init__(
        self,
        ctx: SceneContext | ContextOwner,
        *,
        host: str | None = None,
        open_page: Callable[[str], object] = webbrowser.open,
    ) -> None:
        super().__init__(ctx)
        self.levels = [n for n in shipped_level_names() if self._level_name(n)]
        first = "gamarra" if "gamarra" in self.levels else self.levels[0]
        self.choices = Choices(level=first, firms=self._level_firms(first))
        self.host = host  # None: the LAN address (tests serve on loopback)
        self.open_page = open_page
        self.server: WorkshopServer | None = None
        self.problem: str | None = None
        self.pin_shown = False  # this screen is often the projector's: the PIN is asked for
        self.rows: list[tuple[str, str, pygame.Rect]] = []
        self.cycles: dict[int, Callable[[], None]] = {}
        self._qr: tuple[str, int, pygame.Surface] | None = None

    # -- state -------------------------------------------------------------------------------

    @property
    def serving(self) -> Announcement | None:
        return self.server.ready() if self.server is not None else None

    def exit(self) -> None:
        self.close_server()
        super().exit()

    def close_server(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def open_workshop(self) -> None:
        c = self.choices
        options = WorkshopOptions(c.level, c.groups, c.firms, c.timer, new=c.new, host=self.host)
        folder = self.ctx.paths.data_dir / "workshops"
        self.problem = None
        self.server = WorkshopServer.start(options, folder, db=folder / "taller.db")
        self.rebuild()

    def close_workshop(self) -> None:
        self.close_server()
        self.rebuild()

    def choose(self, **values: object) -> None:
        if "level" in values and values["level"] != self.choices.level:
            values.setdefault("firms", self._level_firms(str(values["level"])))
        self.choices = replace(self.choices, **values)
        self.rebuild()

    def cycle(self, field: str, options: tuple) -> Callable[[], None]:
        def step() -> None:
            current = getattr(self.choices, field)
            index = options.index(current) + 1 if current in options else 0
            self.choose(**{field: options[index % len(options)]})

        return step

    def update(self, dt: float) -> None:
        if self.server is None:
            return
        was_built_for = getattr(self, "_built_serving", False)
        if self.serving is not None and not was_built_for:
            self.rebuild()
        elif not self.server.running():
            self.problem = self.server.failure(self.ctx.lang)
            self.server = None
            self.rebuild()

    # -- layout ------------------------------------------------------------------------------

    def build(self) -> None:
        w, h = self.size
        self.card_rect = pygame.Rect(40, 24, w - 80, h - 48)
        self.rows, self.cycles = [], {}
        self._built_serving = self.serving is not None
        if self._built_serving:
            self.build_serving()
        elif self.server is None:
            self.build_setup()
        else:  # starting: only the way back
            self.footer_button(self.tr("common.back"), self.close_workshop, pygame.K_ESCAPE, 0)

    def footer_button(self, label: str, run, key: int, slot: int, *, primary=False) -> None:
        s = self.text_sizes
        height = s.widget * 2 + 10
        width = min(340, (self.card_rect.width - 96) // 3)
        x = self.card_rect.right - 28 - (slot + 1) * width - slot * 16
        rect = pygame.Rect(x, self.card_rect.bottom - 24 - height, width, height)
        self.button(rect, label, run, key=key, primary=primary)

    def build_setup(self) -> None:
        s = self.text_sizes
        inner = self.card_rect.inflate(-56, 0)
        subtitle_h = self._subtitle_height(inner.width)
        control_h = s.widget * 2 + 6
        top = self.card_rect.y + 14 + s.heading + 16 + subtitle_h + 12
        bottom = self.card_rect.bottom - 24 - (s.widget * 2 + 10) - 16
        pitch = max(min((bottom - top) // 5, control_h + 22), control_h + 6)
        label_w = int(inner.width * 0.27)
        area_x = inner.x + label_w + 20
        area_w = inner.right - area_x
        c = self.choices
        rows = [
            ("workshop.level", "N", "level", tuple(self.levels)),
            ("workshop.groups", "G", "groups", GROUP_CHOICES),
            ("workshop.firms", "E", "firms", FIRM_CHOICES),
            ("workshop.timer", "T", "timer", TIMER_CHOICES),
            ("workshop.saved", "R", "new", (False, True)),
        ]
        for i, (label, cap, field, options) in enumerate(rows):
            y = top + i * pitch
            self.rows.append((self.tr(label), cap, pygame.Rect(inner.x, y, label_w, pitch)))
            self.cycles[getattr(pygame, f"K_{cap.lower()}")] = self.cycle(field, options)
            area = pygame.Rect(area_x, y + (pitch - control_h) // 2, area_w, control_h)
            self.toggles(area, field, options, getattr(c, field))
        self.footer_button(
            self.tr("workshop.open"), self.open_workshop, pygame.K_RETURN, 0, primary=True
        )
        self.footer_button(self.tr("common.back"), self.ctx.director.pop, pygame.K_ESCAPE, 1)

    def toggles(self, area: pygame.Rect, field: str, options: tuple, current: object) -> None:
        """A row of toggle buttons, each as wide as its label needs and the room shared out
        evenly beyond that (a level's name is longer than a number)."""
        gap = 8
        labels = [self.option_label(field, value) for value in options]
        face = font(self.text_sizes.widget, False)
        needs = [face.size(label)[0] + 24 for label in labels]
        spare = max(area.width - gap * (len(options) - 1) - sum(needs), 0) // len(options)
        x = area.x
        for value, label, need in zip(options, labels, needs, strict=True):
            rect = pygame.Rect(x, area.y, need + spare, area.height)
            x = rect.right + gap
            tip = self.tr("workshop.saved.tip") if field == "new" else None
            button = self.button(
                rect,
                label,
                lambda v=value: self.choose(**{field: v}),
                object_id="#toggle",
                tooltip=tip,
            )
            if value == current:
                button.select()

    def option_label(self, field: str, value: object) -> str:
        if field == "level":
            return self._level_name(str(value))
        if field == "timer":
            return (
                self.tr("workshop.timer.off")
                if value == 0
                else self.tr("workshop.timer.seconds", n=value)
            )
        if field == "new":
            return self.tr("workshop.saved.new" if value else "workshop.saved.resume")
        return str(value)

    def build_serving(self) -> None:
        self.footer_button(self.tr("workshop.close"), self.close_workshop, pygame.K_ESCAPE, 0)
        self.footer_button(
            self.tr("workshop.console.open"), self.open_console, pygame.K_k, 1, primary=True
        )
        pin = "workshop.pin.hide" if self.pin_shown else "workshop.pin.show"
        self.footer_button(self.tr(pin), self.toggle_pin, pygame.K_p, 2)

    def toggle_pin(self) -> None:
        self.pin_shown = not self.pin_shown
        self.rebuild()

    def open_console(self) -> None:
        found = self.serving
        if found is not None:
            self.open_page(found.console)

    def back(self) -> None:
        """Esc: close the workshop while one is open or opening, else leave the screen."""
        if self.server is not None:
            self.close_workshop()
        else:
            self.ctx.director.pop()

    def on_key(self, event: pygame.event.Event) -> bool:
        if self.server is None and event.key in self.cycles and not self.typing():
            self.cycles[event.key]()
            return True
        return super().on_key(event)

    # -- drawing -----------------------------------------------------------------------------

    def _level_firms(self, name: str) -> int:
        """The level's usual table, within what a phone table allows."""
        try:
            default = load_level(name).firms.default
        except LevelError:
            default = Choices.firms
        return min(max(default, FIRM_CHOICES[0]), FIRM_CHOICES[-1])

    def _level_name(self, name: str) -> str:
        try:
            return pick(load_level(name).name, self.ctx.lang)
        except LevelError:
            return ""

    def _subtitle_height(self, width: int) -> int:
        s = self.text_sizes
        lines = len(fit(self.tr("workshop.subtitle"), pygame.Rect(0, 0, width, 10_000), s.small)[1])
        return lines * (s.small + 8)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        s = self.text_sizes
        inner = titled_card(
            surface,
            self.card_rect,
            self.tr("workshop.title"),
            self.tr("workshop.subtitle"),
            s,
            subtitle_height=self._subtitle_height(self.card_rect.width - 56),
        )
        found = self.serving
        if found is not None:
            self.draw_serving(surface, inner, found)
            return
        if self.server is not None:
            box = pygame.Rect(inner.x, self.card_rect.centery - 40, inner.width, 80)
            draw_text(
                surface, self.tr("workshop.starting"), box, s.heading, theme.MUTED, align="center"
            )
            return
        for i, (label, cap, rect) in enumerate(self.rows):
            if i:
                pygame.draw.line(surface, theme.SHADE, (inner.x, rect.y), (inner.right, rect.y), 1)
            cap_w = draw_key_cap(surface, cap, rect, s.small, measure=True)
            text_box = pygame.Rect(rect.x, rect.y, rect.width - cap_w - 12, rect.height)
            draw_text(surface, label, text_box, s.body, theme.INK, bold=True, valign="middle")
            draw_key_cap(surface, cap, rect, s.small)
        if self.problem:
            foot = self.footer_note_rect()
            draw_text(
                surface,
                self.tr("workshop.failed", problem=self.problem),
                foot,
                s.small,
                theme.VERMILLION,
                valign="middle",
            )

    def footer_note_rect(self) -> pygame.Rect:
        s = self.text_sizes
        height = s.widget * 2 + 10
        width = min(340, (self.card_rect.width - 96) // 3)
        right = self.card_rect.right - 28 - 2 * width - 16 - 24
        top = self.card_rect.bottom - 24 - height - 8
        return pygame.Rect(
            self.card_rect.x + 28, top, max(right - self.card_rect.x - 28, 80), height + 16
        )

    def draw_serving(
        self, surface: pygame.Surface, inner: pygame.Rect, found: Announcement
    ) -> None:
        s = self.text_sizes
        top = self.card_rect.y + 14 + s.heading + 16 + self._subtitle_height(inner.width) + 8
        footer_top = self.card_rect.bottom - 24 - (s.widget * 2 + 10) - 12
        side = max(min(footer_top - top, inner.width // 2 - 20), 120)
        qr_rect = pygame.Rect(inner.x, top, side, side)
        surface.blit(self.qr_surface(found.join, side), qr_rect)
        x = qr_rect.right + 36
        column = pygame.Rect(x, top, inner.right - x, footer_top - top)
        y = column.y
        for text, size, colour, bold in (
            (self.tr("workshop.join"), s.body, theme.MUTED, True),
            (found.address, s.heading, theme.INK, True),
            (self.tr("workshop.join.how"), s.small, theme.MUTED, False),
            (self.tr("workshop.landing.code"), s.body, theme.MUTED, True),
        ):
            drawn = draw_text(
                surface, text, pygame.Rect(column.x, y, column.w, size * 3), size, colour, bold=bold
            )
            y = drawn.bottom + 10
        code_size = min(s.heading * 3, 96)
        drawn = draw_text(
            surface,
            found.code,
            pygame.Rect(column.x, y, column.w, code_size + 24),
            code_size,
            theme.BLUE,
            bold=True,
        )
        y = drawn.bottom + 18
        pin = found.pin if self.pin_shown else self.tr("workshop.pin.hidden")
        notes = [self.tr("workshop.console", address=found.console, pin=pin)]
        if found.resumed:
            notes.append(self.tr("workshop.resumed"))
        notes.append(self.tr("workshop.close.note"))
        for note in notes:
            drawn = draw_text(
                surface,
                note,
                pygame.Rect(column.x, y, column.w, column.bottom - y),
                s.small,
                theme.INK,
            )
            y = drawn.bottom + 8

    def qr_surface(self, url: str, side: int) -> pygame.Surface:
        """The QR code of ``url`` drawn square by square (sharp at any size), kept for reuse."""
        if self._qr is not None and self._qr[:2] == (url, side):
            return self._qr[2]
        matrix = segno.make(url, error="m").matrix
        modules = len(matrix) + 8  # the code and its quiet zone of four modules each side
        unit = max(side // modules, 1)
        picture = pygame.Surface((side, side))
        picture.fill((255, 255, 255))
        offset = (side - unit * modules) // 2 + 4 * unit
        for row, line in enumerate(matrix):
            for col, dark in enumerate(line):
                if dark:
                    square = (offset + col * unit, offset + row * unit, unit, unit)
                    picture.fill((0, 0, 0), square)
        self._qr = (url, side, picture)
        return picture
