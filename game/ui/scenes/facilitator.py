"""The facilitator's options for the next game (issue 4): the treatment switches and the
decision timer, set from the seating screen before the game starts.

Each option is a row: its name and one plain line of explanation (with its source, where there
is one) on the left, a row of toggle buttons on the right, the current value selected. A key
beside each name moves it to its next value. Every change is kept in the settings at once, so
the next game offers the same choices; the seating screen reads them when it builds the match
(:func:`match_options`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui

from game.ai.base import REGISTRY, personality_keys
from game.engine.rules import VISIBILITIES
from game.i18n import pick
from game.persistence.settings import Settings
from game.ui import theme
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.options import number, timer_personality
from game.ui.scene import Scene, draw_menu_frame, option_key, titled_card
from game.ui.text import draw_text, font
from game.ui.widgets import draw_key_cap

MISTAKE_RATES = (0.0, 0.05, 0.1, 0.2)
PENALTIES = ((0.5, "mild"), (1.0, "signed"), (2.0, "harsh"))
ROWS = ("visibility", "mistakes", "penalty", "last", "timer", "personality")
"""The switches, in the order shown; each explained by ``facilitator.<row>.help``."""
NAMED_ROWS = tuple(row for row in ROWS if row != "penalty")
"""Rows named ``facilitator.<row>``; the penalty's is the debrief's name for it."""
TIMERS = (0, 30, 60, 90, 120)
STUDY = {
    name: getattr(Settings(), name)
    for name in (
        "defection_visibility",
        "mistake_rate",
        "penalty_severity",
        "reveal_season_limit",
        "decision_timer_seconds",
    )
}
"""The game as the study describes it, and the last season kept secret (issue 4)."""


@dataclass(slots=True)
class Row:
    name: str  # text key prefix: facilitator.<name> (its help, its options)
    cap: str
    key: int
    options: list[tuple[str, Any]]  # (label, value)
    current: Any
    choose: Callable[[Any], None]
    title_key: str = ""  # the switch's name where the debrief already names it

    @property
    def title(self) -> str:
        # keys: facilitator.{game.ui.scenes.facilitator.NAMED_ROWS}
        return self.title_key or f"facilitator.{self.name}"


@register_scene("facilitator")
class FacilitatorScene(Scene):
    def __init__(self, ctx: SceneContext | ContextOwner) -> None:
        super().__init__(ctx)
        self.rows: list[tuple[Row, pygame.Rect]] = []
        self.card_rect = pygame.Rect(0, 0, 0, 0)
        self.menu: pygame_gui.elements.UIDropDownMenu | None = None
        self.menu_row = pygame.Rect(0, 0, 0, 0)
        self.message: str | None = None
        self.foot_rect = pygame.Rect(0, 0, 0, 0)  # between the buttons: a hint or a problem

    # -- the options -------------------------------------------------------------------------

    def option_rows(self) -> list[Row]:
        s, lang = self.ctx.settings, self.ctx.lang

        def setter(field: str) -> Callable[[Any], None]:
            return lambda value: self.change(**{field: value})

        return [
            Row(
                "visibility",
                "V",
                pygame.K_v,
                # keys: facilitator.visibility.{game.engine.rules.VISIBILITIES}
                [(self.tr(f"facilitator.visibility.{v}"), v) for v in VISIBILITIES],
                s.defection_visibility,
                setter("defection_visibility"),
            ),
            Row(
                "mistakes",
                "E",
                pygame.K_e,
                [
                    (
                        self.tr("facilitator.mistakes.none")
                        if rate == 0
                        else self.tr("facilitator.percent", n=number(rate * 100, lang)),
                        rate,
                    )
                    for rate in MISTAKE_RATES
                ],
                s.mistake_rate,
                setter("mistake_rate"),
            ),
            Row(
                "penalty",
                "M",
                pygame.K_m,
                # keys: facilitator.penalty.{game.ui.scenes.facilitator.PENALTIES[1]}
                [(self.tr(f"facilitator.penalty.{name}"), value) for value, name in PENALTIES],
                s.penalty_severity,
                setter("penalty_severity"),
                title_key="treatment.penalty_severity",
            ),
            Row(
                "last",
                "U",
                pygame.K_u,
                [
                    (self.tr("facilitator.last.hidden"), False),
                    (self.tr("facilitator.last.told"), True),
                ],
                s.reveal_season_limit,
                setter("reveal_season_limit"),
            ),
            Row(
                "timer",
                "T",
                pygame.K_t,
                [
                    (
                        self.tr("facilitator.timer.off")
                        if n == 0
                        else self.tr("facilitator.seconds", n=n),
                        n,
                    )
                    for n in TIMERS
                ],
                s.decision_timer_seconds,
                setter("decision_timer_seconds"),
            ),
            Row(
                "personality",
                "P",
                pygame.K_p,
                [(pick(REGISTRY[k].name, lang), k) for k in personality_keys()],
                timer_personality(s),
                setter("timer_personality"),
            ),
        ]

    # -- layout ------------------------------------------------------------------------------

    def build(self) -> None:
        w, h = self.size
        sizes = self.text_sizes
        control_h = sizes.widget + 22
        button_h = max(52, sizes.widget + 30)
        card_w = min(1180, w - 64)
        top = 20
        header = font(sizes.heading, True).get_linesize() + font(sizes.small).get_linesize() + 28
        footer = button_h + 36
        rows = self.option_rows()
        pitch = (h - 2 * top - header - footer) // len(rows)
        pitch = min(pitch, 112)
        card_h = header + pitch * len(rows) + footer
        self.card_rect = pygame.Rect((w - card_w) // 2, max((h - card_h) // 2, top), card_w, card_h)
        inner = self.card_rect.inflate(-56, 0)
        label_w = int(inner.width * 0.46)
        cx = inner.x + label_w + 24
        cw = inner.right - cx
        y = self.card_rect.y + header
        self.rows = []
        self.menu = None
        for row in rows:
            rect = pygame.Rect(inner.x, y, label_w, pitch)
            self.rows.append((row, rect))
            area = pygame.Rect(cx, y + (pitch - control_h) // 2, cw, control_h)
            if row.name == "personality":
                self.build_menu(row, area)
            else:
                self.toggles(row, area)
            y += pitch
        footer_y = self.card_rect.bottom - 24 - button_h
        back_label = self.tr("common.back")
        back_w = font(sizes.widget).size(back_label + "  (Esc)")[0] + 40
        self.button(
            (inner.x, footer_y, back_w, button_h),
            back_label,
            self.ctx.director.pop,
            key=pygame.K_ESCAPE,
        )
        defaults_label = self.tr("facilitator.defaults")
        defaults_w = font(sizes.widget).size(defaults_label + "  (D)")[0] + 40
        self.button(
            (inner.x + back_w + 16, footer_y, defaults_w, button_h),
            defaults_label,
            self.study_values,
            key=pygame.K_d,
            tooltip=self.tr("facilitator.defaults.tip"),
        )
        done_label = self.tr("settings.done")
        done_w = max(200, font(sizes.widget, True).size(done_label + "  (Enter)")[0] + 48)
        defaults_right = inner.x + back_w + 16 + defaults_w
        done_x = inner.right - done_w
        self.foot_rect = pygame.Rect(
            defaults_right + 20, footer_y, done_x - defaults_right - 40, button_h
        )
        self.button(
            (inner.right - done_w, footer_y, done_w, button_h),
            done_label,
            self.ctx.director.pop,
            key=pygame.K_RETURN,
            primary=True,
        )

    def toggles(self, row: Row, area: pygame.Rect) -> None:
        gap = 8
        face = font(self.text_sizes.widget)
        widths = [face.size(label)[0] + 28 for label, _ in row.options]
        spare = area.width - sum(widths) - gap * (len(widths) - 1)
        if spare > 0:  # share the room out evenly, up to a comfortable width
            widths = [w + min(spare // len(widths), 60) for w in widths]
        x = area.x
        for (label, value), width in zip(row.options, widths, strict=True):
            button = self.button(
                (x, area.y, width, area.height),
                label,
                lambda v=value, row=row: row.choose(v),
                object_id="#toggle",
            )
            if same(value, row.current):
                button.select()
            x += width + gap

    def build_menu(self, row: Row, area: pygame.Rect) -> None:
        options = [(label, f"#{value}") for label, value in row.options]
        face = font(self.text_sizes.widget)
        menu_w = min(max(face.size(text)[0] for text, _ in options) + area.height + 40, area.w)
        rect = (area.x, area.y, menu_w, area.height)
        self.menu = self.dropdown(rect, options, row.current, up=True)
        self.menu_row = pygame.Rect(
            area.x + menu_w + 16, area.y, area.right - area.x - menu_w - 16, area.h
        )

    # -- changing ----------------------------------------------------------------------------

    def change(self, **values) -> None:
        new = dataclasses.replace(self.ctx.settings, **values)
        if new == self.ctx.settings:
            return
        problem = self.ctx.apply_settings(new)  # not saved: it still holds for this session
        self.message = self.tr("facilitator.save_failed", reason=problem) if problem else None

    def cycle(self, row: Row, step: int = 1) -> None:
        values = [value for _, value in row.options]
        index = next((i for i, v in enumerate(values) if same(v, row.current)), -1)
        row.choose(values[(index + step) % len(values)])

    def study_values(self) -> None:
        self.change(**STUDY)

    def on_widget(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.menu:
            key = option_key(event)
            if key in REGISTRY:
                self.change(timer_personality=key)
            return True
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        for row, _ in self.rows:
            if event.key == row.key:
                self.cycle(row, -1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
        return super().on_key(event)

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        sizes = self.text_sizes
        box = self.card_rect
        inner = titled_card(
            surface,
            box,
            self.tr("common.facilitator_options"),
            self.tr("facilitator.subtitle"),
            sizes,
        )
        timer_on = self.ctx.settings.decision_timer_seconds > 0
        for i, (row, rect) in enumerate(self.rows):
            if i:
                pygame.draw.line(surface, theme.SHADE, (inner.x, rect.y), (inner.right, rect.y), 1)
            cap_w = draw_key_cap(surface, row.cap, rect, sizes.small, measure=True)
            label_h = font(sizes.body, True).get_linesize()
            help_h = font(sizes.small).get_linesize() * 2
            block = label_h + help_h
            y = rect.y + max((rect.h - block) // 2, 2)
            draw_text(
                surface,
                self.tr(row.title),
                pygame.Rect(rect.x, y, rect.width - cap_w - 12, label_h),
                sizes.body,
                theme.INK,
                bold=True,
            )
            draw_key_cap(surface, row.cap, pygame.Rect(rect.x, y, rect.w, label_h), sizes.small)
            draw_text(
                surface,
                # keys: facilitator.{game.ui.scenes.facilitator.ROWS}.help
                self.tr(f"facilitator.{row.name}.help"),
                pygame.Rect(
                    rect.x, y + label_h, rect.width, min(help_h, rect.bottom - y - label_h)
                ),
                sizes.small,
                theme.MUTED,
            )
        if self.menu is not None:
            draw_menu_frame(surface, self.menu)
            key = timer_personality(self.ctx.settings)
            text = (
                pick(REGISTRY[key].description, self.ctx.lang)
                if timer_on
                else self.tr("facilitator.personality.unused")
            )
            draw_text(
                surface,
                text,
                self.menu_row.inflate(0, 20),
                sizes.small,
                theme.MUTED,
                valign="middle",
            )
        if self.actions:
            foot = self.foot_rect
            if self.message:
                draw_text(
                    surface, self.message, foot, sizes.small, theme.VERMILLION, valign="middle"
                )
            else:
                draw_text(
                    surface,
                    self.tr("facilitator.hint"),
                    foot,
                    sizes.small,
                    theme.MUTED,
                    align="center",
                    valign="middle",
                )


def same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) < 1e-9
    return a == b
