"""Seats, from the pause menu (issue 4): hand a person's firm to the computer mid-game, and back.

One row per firm: who runs it now (a person at the screen or the computer) and, for the
computer, with which personality. Every change goes to :meth:`Match.replace_seat` at once and is
kept in the save; a decision the firm's person already took this season stands. Expelled firms
are listed but can't be changed, and at most six people play at one screen. The season screen
underneath moves the turn on when it comes back (``SeasonScene.follow_seats``).
"""

from __future__ import annotations

import pygame
import pygame_gui

from game.ai.base import REGISTRY, personality_keys
from game.i18n import pick
from game.play.match import MAX_HUMANS, MatchError
from game.ui import theme
from game.ui.board import draw_badge
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.scene import Scene, draw_menu_frame, option_key, titled_card
from game.ui.text import draw_text, font, wrap

HIDDEN = "hidden"
"""The dropdown's first option for a computer firm whose personality is still a secret."""


@register_scene("seats")
class SeatsScene(Scene):
    def __init__(self, ctx: SceneContext | ContextOwner) -> None:
        super().__init__(ctx)
        self.rows: list[pygame.Rect] = []
        self.menus: dict[int, pygame_gui.elements.UIDropDownMenu] = {}
        self.card_rect = pygame.Rect(0, 0, 0, 0)
        self.columns: dict[str, int] = {}
        self.message: str | None = None
        self.problem = False
        self.subtitle_h = 0  # the subtitle's lines, measured in build
        self.message_rect = pygame.Rect(0, 0, 0, 0)  # beside the button, set in build
        # seats handed to the computer on this visit: their personality is the facilitator's
        # own choice; every other computer firm's stays a secret until the debrief (issue 14)
        self.chosen_here: set[int] = set()

    @property
    def match(self):
        return self.ctx.match

    def members(self) -> set[int]:
        game = self.match.game
        return set(game.members()) if game is not None else set(range(len(self.match.seats)))

    def people(self) -> int:
        return sum(s.is_human for s in self.match.seats)

    def personality_name(self, key: str | None) -> str:
        return pick(REGISTRY[key].name, self.ctx.lang) if key in REGISTRY else "?"

    # -- layout ------------------------------------------------------------------------------

    def build(self) -> None:
        w, h = self.size
        sizes = self.text_sizes
        wh = sizes.widget + 22
        button_h = max(52, sizes.widget + 30)
        card_w = min(1200, w - 64)
        top = 20
        face = font(sizes.small)
        title_h = font(sizes.heading, True).get_linesize()
        sub_h = len(wrap(self.tr("seats.subtitle"), face, card_w - 56)) * face.get_linesize()
        self.subtitle_h = sub_h + 6
        header = title_h + sub_h + 26
        footer = button_h + 30 + font(sizes.body, True).get_linesize()
        seats = self.match.seats
        pitch = min(wh + 22, (h - 2 * top - header - footer) // len(seats))
        pitch = max(pitch, wh + 4)
        card_h = header + pitch * len(seats) + footer
        self.card_rect = pygame.Rect((w - card_w) // 2, max((h - card_h) // 2, top), card_w, card_h)
        inner = self.card_rect.inflate(-56, 0)
        widget = font(sizes.widget)
        seg_w = max(widget.size(self.tr(k))[0] for k in ("seating.person", "seating.computer")) + 34
        options = [(self.personality_name(k), f"#{k}") for k in personality_keys()]
        hidden = (self.tr("seats.hidden"), f"#{HIDDEN}")
        menu_w = max(widget.size(text)[0] for text, _ in [*options, hidden]) + wh + 40
        badge = font(sizes.body, True).get_linesize() + 8
        name_w = int(inner.w * 0.24)
        x_name = inner.x + badge + 14
        x_kind = x_name + name_w + 12
        x_menu = x_kind + 2 * seg_w + 6 + 20
        x_desc = x_menu + menu_w + 16
        self.columns = {
            "badge": inner.x,
            "badge_w": badge,
            "name": x_name,
            "name_w": name_w,
            "kind": x_kind,
            "menu": x_menu,
            "desc": x_desc,
            "right": inner.right,
        }
        y = self.card_rect.y + header
        self.rows, self.menus = [], {}
        members = self.members()
        middle = y + pitch * len(seats) // 2
        for i, seat in enumerate(seats):
            row = pygame.Rect(inner.x, y, inner.w, pitch)
            self.rows.append(row)
            y += pitch
            if i not in members:
                continue
            top_y = row.y + (pitch - wh) // 2
            person = self.button(
                (x_kind, top_y, seg_w, wh),
                self.tr("seating.person"),
                lambda i=i: self.set_person(i),
                object_id="#toggle",
            )
            computer = self.button(
                (x_kind + seg_w + 6, top_y, seg_w, wh),
                self.tr("seating.computer"),
                lambda i=i: self.set_computer(i),
                object_id="#toggle",
            )
            (person if seat.is_human else computer).select()
            if not seat.is_human:
                rect = (x_menu, top_y, menu_w, wh)
                up = row.centery > middle
                if i in self.chosen_here:
                    self.menus[i] = self.dropdown(rect, options, seat.personality, up=up)
                else:
                    self.menus[i] = self.dropdown(rect, [hidden, *options], HIDDEN, up=up)
        footer_y = self.card_rect.bottom - 20 - button_h
        done = self.tr("seats.done")
        done_w = max(240, font(sizes.widget, True).size(done + "  (Enter)")[0] + 48)
        self.message_rect = pygame.Rect(
            inner.x, footer_y, inner.right - done_w - inner.x - 24, button_h
        )
        self.button(
            (inner.right - done_w, footer_y, done_w, button_h),
            done,
            self.ctx.director.pop,
            key=pygame.K_RETURN,
            primary=True,
        )

    # -- changes -----------------------------------------------------------------------------

    def set_person(self, seat: int) -> None:
        current = self.match.seats[seat]
        if current.is_human:
            return
        if self.people() >= MAX_HUMANS:
            self.say(self.tr("seats.too_many", max=MAX_HUMANS), problem=True)
            return
        if self.replace(seat, None):
            self.say(self.tr("seats.to_person", name=current.name))

    def set_computer(self, seat: int, personality: str | None = None) -> None:
        current = self.match.seats[seat]
        key = personality or current.personality or self.match.timer_personality
        if current.personality == key:
            return
        secret = personality is None and current.personality is not None
        if self.replace(seat, key):
            if not secret:  # the facilitator's own pick (or the timer's), so nothing to hide
                self.chosen_here.add(seat)
            self.say(
                self.tr(
                    "seats.to_computer", name=current.name, personality=self.personality_name(key)
                )
            )

    def replace(self, seat: int, personality: str | None) -> bool:
        try:
            self.match.replace_seat(seat, personality)
        except MatchError as error:
            self.say(self.tr("seats.failed", problem=str(error)), problem=True)
            return False
        return True

    def say(self, text: str, *, problem: bool = False) -> None:
        self.message, self.problem = text, problem
        self.rebuild()

    def on_widget(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for seat, menu in self.menus.items():
                if menu is event.ui_element:
                    key = option_key(event)
                    if key in REGISTRY:
                        self.set_computer(seat, key)
                    return True
        return False

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        sizes = self.text_sizes
        titled_card(
            surface,
            self.card_rect,
            self.tr("common.seats"),
            self.tr("seats.subtitle"),
            sizes,
            subtitle_height=self.subtitle_h,
        )
        members = self.members()
        c = self.columns
        for i, row in enumerate(self.rows):
            self.draw_row(surface, i, row, i in members, c)
        if self.message:
            draw_text(
                surface,
                self.message,
                self.message_rect,
                sizes.body if self.problem else sizes.small,
                theme.VERMILLION if self.problem else theme.INK,
                bold=self.problem,
                valign="middle",
            )

    def draw_row(self, surface, i: int, row: pygame.Rect, member: bool, c: dict) -> None:
        sizes = self.text_sizes
        seat = self.match.seats[i]
        if i % 2 == 0:
            pygame.draw.rect(surface, theme.SHADE, row.inflate(16, -4), border_radius=10)
        radius = c["badge_w"] // 2
        centre = (c["badge"] + radius, row.centery)
        colour = theme.FIRM_COLOURS[i % len(theme.FIRM_COLOURS)]
        if not member:
            colour = theme.LINE
        draw_badge(surface, centre, radius, colour, str(i + 1), sizes.body)
        draw_text(
            surface,
            seat.name,
            pygame.Rect(c["name"], row.y, c["name_w"], row.h),
            sizes.body,
            theme.INK if member else theme.MUTED,
            bold=True,
            valign="middle",
        )
        if not member:
            text, x = self.tr("seats.expelled"), c["kind"]
        elif seat.is_human:
            text, x = self.tr("seats.person.note"), c["menu"]
        elif i in self.chosen_here:
            text, x = pick(REGISTRY[seat.personality].description, self.ctx.lang), c["desc"]
        else:
            text, x = self.tr("seats.hidden.note"), c["desc"]
        draw_text(
            surface,
            text,
            pygame.Rect(x, row.y + 2, c["right"] - x, row.h - 4),
            sizes.small,
            theme.MUTED,
            valign="middle",
        )
        menu = self.menus.get(i)
        if menu is not None:
            draw_menu_frame(surface, menu)
