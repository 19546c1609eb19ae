"""Seating the players: how many firms, which are people at the screen and which the computer
runs (and with what personality), and every firm's name."""

from __future__ import annotations

import random
from dataclasses import replace

import pygame
import pygame_gui

from game.ai.base import REGISTRY, personality_keys
from game.engine.level import Level
from game.i18n import pick
from game.play.match import MAX_HUMANS, Match, MatchError, Seat, random_personality
from game.ui import flow, theme
from game.ui.board import draw_badge
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.entry import TextField
from game.ui.options import match_options, summary
from game.ui.scene import Scene, card, option_key
from game.ui.session import RANDOM, Draft, Table
from game.ui.text import draw_text, font, wrap

MARGIN = 40
MAX_WIDTH = 1400
NAME_LIMIT = 32


def line_height(size: int, bold: bool = False) -> int:
    return font(size, bold).get_linesize()


def new_seed() -> int:
    """Every new game gets its own seed (saved with it, so it can be replayed exactly)."""
    return random.SystemRandom().randrange(1, 10**9)


@register_scene("seating")
class SeatingScene(Scene):
    def __init__(
        self, ctx: SceneContext | ContextOwner, level: Level, table: Table | None = None
    ) -> None:
        """``table``: the seats of the last game (Play again), when it was of this level."""
        super().__init__(ctx)
        self.level = level
        self.count = max(level.firms.min, min(level.firms.default, level.firms.max))
        self.drafts = [Draft(human=(i == 0)) for i in range(level.firms.max)]
        if table is not None and table.level_id == level.id:
            self.count = min(max(table.count, level.firms.min), level.firms.max)
            for i, seat in enumerate(table.seats[: level.firms.max]):
                self.drafts[i] = replace(seat)  # a copy: this screen edits its drafts
        self.problem: str | None = None
        self.problem_rows: set[int] = set()
        self.options_summary = ""
        self.kind_buttons: list[tuple[pygame_gui.elements.UIButton, ...]] = []
        self.name_entries: list[pygame_gui.elements.UITextEntryLine] = []
        self.menus: dict[int, pygame_gui.elements.UIDropDownMenu] = {}
        self.order: list[
            tuple[str, int]
        ] = []  # Tab order: ("action", i), ("entry", seat), ("menu", seat)
        self.menu_focus: int | None = None
        self.rows: list[pygame.Rect] = []
        self.columns: dict[str, int] = {}
        self.count_box = pygame.Rect(0, 0, 0, 0)
        self.rows_top = 0
        self.message_box = pygame.Rect(0, 0, 0, 0)
        self.hint_box = pygame.Rect(0, 0, 0, 0)
        self.left, self.width, self.top = MARGIN, 0, 24

    # -- names -----------------------------------------------------------------------------

    def seats_in_play(self) -> list[Draft]:
        return self.drafts[: self.count]

    def default_name(self, index: int) -> str:
        """The seat's firm, whoever runs it: making a seat a person keeps its firm's name."""
        names = self.level.firm_names
        return names[index] if index < len(names) else f"{index + 1}"

    def name_of(self, index: int) -> str:
        draft = self.drafts[index]
        return draft.name if draft.custom else self.default_name(index)

    def personality_options(self) -> list[tuple[str, str]]:
        lang = self.ctx.lang
        options = [(self.tr("seating.random"), f"#{RANDOM}")]
        options += [(pick(REGISTRY[k].name, lang), f"#{k}") for k in personality_keys()]
        return options

    def personality_label(self, key: str) -> str:
        if key == RANDOM or key not in REGISTRY:
            return self.tr("seating.random")
        return pick(REGISTRY[key].name, self.ctx.lang)

    def personality_description(self, key: str) -> str:
        if key == RANDOM or key not in REGISTRY:
            return self.tr("seating.random.description")
        return pick(REGISTRY[key].description, self.ctx.lang)

    # -- building --------------------------------------------------------------------------

    def build(self) -> None:
        w, h = self.size
        sizes = self.text_sizes
        wh = sizes.widget + 22
        self.kind_buttons, self.name_entries, self.menus, self.order = [], [], {}, []

        # a centred column no wider than MAX_WIDTH, centred vertically for the most rows
        self.width = min(w - 2 * MARGIN, MAX_WIDTH)
        self.left = (w - self.width) // 2
        button_h = max(52, sizes.widget + 30)
        footer_y = h - 24 - button_h
        message_h = line_height(sizes.body, True)
        header_h = (
            line_height(sizes.heading, True)
            + 4
            + self.subtitle_height()
            + 16
            + wh
            + 18
            + line_height(sizes.small, True)
            + 6
        )
        most = header_h + self.level.firms.max * (wh + 26) + 18 + message_h
        self.top = 24 + max(0, (footer_y - 24 - most) // 2)

        # header and the firm count
        y = self.top + line_height(sizes.heading, True) + 4
        y += self.subtitle_height() + 16
        label_w = font(sizes.body, True).size(self.tr("seating.firms"))[0] + 16
        step_w = max(72, font(sizes.widget).size("+  (+)")[0] + 28)
        x = self.left + label_w
        self.button(
            (x, y, step_w, wh),
            "−",
            lambda: self.change_count(-1),
            key=pygame.K_MINUS,
            tooltip=self.tr("seating.fewer"),
            enabled=self.count > self.level.firms.min,
        )
        self.order.append(("action", len(self.actions) - 1))
        self.count_box = pygame.Rect(x + step_w + 8, y, 56, wh)
        self.button(
            (self.count_box.right + 8, y, step_w, wh),
            "+",
            lambda: self.change_count(+1),
            key=pygame.K_PLUS,
            tooltip=self.tr("seating.more"),
            enabled=self.count < self.level.firms.max,
        )
        self.order.append(("action", len(self.actions) - 1))
        y += wh + 18

        # columns
        seg_w = max(
            font(sizes.widget).size(self.tr(k))[0] for k in ("seating.person", "seating.computer")
        )
        seg_w += 34
        options = self.personality_options()
        menu_w = max(font(sizes.widget).size(text)[0] for text, _ in options) + wh + 40
        badge = line_height(sizes.body, True) + 8
        x_kind = self.left + badge + 14
        x_name = x_kind + 2 * seg_w + 6 + 20
        right = self.left + self.width
        rest = right - x_name
        name_w = max(220, min(340, int(rest * 0.34)))
        x_menu = x_name + name_w + 20
        x_desc = x_menu + menu_w + 16
        self.columns = {
            "badge": self.left,
            "kind": x_kind,
            "name": x_name,
            "menu": x_menu,
            "desc": x_desc,
            "right": right,
            "badge_w": badge,
            "seg_w": seg_w,
            "name_w": name_w,
            "menu_w": menu_w,
        }
        y += line_height(sizes.small, True) + 6
        self.rows_top = y

        # rows, then the message line
        rows_bottom = footer_y - message_h - 18
        pitch = min(wh + 26, (rows_bottom - y) // max(self.count, 1))
        pitch = max(pitch, wh + 4)
        self.message_box = pygame.Rect(self.left, y + self.count * pitch + 8, self.width, message_h)
        self.rows = []
        for i in range(self.count):
            row = pygame.Rect(self.left, y + i * pitch, self.width, pitch)
            self.rows.append(row)
            self.build_row(i, row, wh, options, expand_up=row.centery > (y + rows_bottom) // 2)

        back_w = max(180, font(sizes.widget).size(self.tr("common.back") + "  (Esc)")[0] + 48)
        self.button(
            (MARGIN, footer_y, back_w, button_h),
            self.tr("common.back"),
            self.ctx.director.pop,
            key=pygame.K_ESCAPE,
        )
        self.order.append(("action", len(self.actions) - 1))
        self.options_summary = summary(self.ctx)  # built here: the frame loop only draws it
        options_label = self.tr("common.facilitator_options")
        options_w = font(sizes.widget).size(options_label + "  (O)")[0] + 40
        self.button(
            (MARGIN + back_w + 16, footer_y, options_w, button_h),
            options_label,
            lambda: self.ctx.director.push("facilitator"),
            key=pygame.K_o,
            tooltip=self.tr("facilitator.open.tip"),
        )
        self.order.append(("action", len(self.actions) - 1))
        back_w += 16 + options_w
        start_w = max(
            220, font(sizes.widget, True).size(self.tr("common.start") + "  (Enter)")[0] + 56
        )
        self.button(
            (w - MARGIN - start_w, footer_y, start_w, button_h),
            self.tr("common.start"),
            self.start,
            key=pygame.K_RETURN,
            tooltip=self.tr("seating.start.tip"),
            primary=True,
        )
        self.order.append(("action", len(self.actions) - 1))
        self.hint_box = pygame.Rect(
            MARGIN + back_w + 24, footer_y, w - 2 * MARGIN - back_w - start_w - 48, button_h
        )
        if self.menu_focus is not None and self.menu_focus not in self.menus:
            self.menu_focus = None

    def build_row(
        self, i: int, row: pygame.Rect, wh: int, options: list[tuple[str, str]], expand_up: bool
    ) -> None:
        c = self.columns
        draft = self.drafts[i]
        top = row.y + (row.h - wh) // 2
        person = self.button(
            (c["kind"], top, c["seg_w"], wh),
            self.tr("seating.person"),
            lambda i=i: self.set_kind(i, True),
            tooltip=self.tr("seating.person.tip"),
            object_id="#toggle",
        )
        self.order.append(("action", len(self.actions) - 1))
        computer = self.button(
            (c["kind"] + c["seg_w"] + 6, top, c["seg_w"], wh),
            self.tr("seating.computer"),
            lambda i=i: self.set_kind(i, False),
            tooltip=self.tr("seating.computer.tip"),
            object_id="#toggle",
        )
        self.order.append(("action", len(self.actions) - 1))
        (person if draft.human else computer).select()
        self.kind_buttons.append((person, computer))

        entry = TextField(
            pygame.Rect(c["name"], top, c["name_w"], wh), self.ctx.manager, limit=NAME_LIMIT
        )
        entry.set_text(self.name_of(i)[:NAME_LIMIT])
        self.add(entry)
        self.name_entries.append(entry)
        self.order.append(("entry", i))

        if not draft.human:
            rect = (c["menu"], top, c["menu_w"], wh)
            self.menus[i] = self.dropdown(rect, options, draft.personality, up=expand_up)
            self.order.append(("menu", i))

    def subtitle_height(self) -> int:
        width = min(self.size[0] - 2 * MARGIN, MAX_WIDTH)
        face = font(self.text_sizes.small)
        return len(wrap(self.subtitle(), face, width)) * face.get_linesize()

    def subtitle(self) -> str:
        firms = self.level.firms
        return self.tr(
            "seating.subtitle",
            level=pick(self.level.name, self.ctx.lang),
            min=firms.min,
            max=firms.max,
            people=MAX_HUMANS,
        )

    # -- changes ---------------------------------------------------------------------------

    def change_count(self, step: int) -> None:
        firms = self.level.firms
        new = max(firms.min, min(firms.max, self.count + step))
        if new != self.count:
            self.count = new
            self.changed(rebuild=True)

    def set_kind(self, index: int, human: bool) -> None:
        draft = self.drafts[index]
        if draft.human != human:
            draft.human = human
            draft.custom = False  # a new kind of seat takes its kind's default name
            draft.name = ""
            self.changed(rebuild=True)

    def cycle_personality(self, index: int, step: int) -> None:
        keys = [RANDOM, *personality_keys()]
        draft = self.drafts[index]
        position = keys.index(draft.personality) if draft.personality in keys else 0
        draft.personality = keys[(position + step) % len(keys)]
        self.changed(rebuild=True)

    def changed(self, *, rebuild: bool = False) -> None:
        if self.problem is not None:
            self.problem, self.problem_rows = self.validate()
        if rebuild:
            self.rebuild()

    def on_widget(self, event: pygame.event.Event) -> bool:
        element = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and element in self.name_entries:
            index = self.name_entries.index(element)
            self.drafts[index].name = element.get_text()
            self.drafts[index].custom = True
            self.changed()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and element in self.name_entries:
            element.unfocus()
            self.ctx.manager.set_focus_set(None)
            return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for index, menu in self.menus.items():
                if menu is element:
                    key = option_key(event)
                    self.drafts[index].personality = key if key in REGISTRY else RANDOM
                    self.menu_focus = index
                    self.focus = None
                    self.changed()
                    return True
        return False

    # -- validating and starting -----------------------------------------------------------

    def validate(self) -> tuple[str | None, set[int]]:
        """The first problem a person can fix, in their language, and the rows involved."""
        seats = self.seats_in_play()
        people = [i for i, d in enumerate(seats) if d.human]
        if not people:
            return self.tr("seating.error.no_person"), set()
        if len(people) > MAX_HUMANS:
            return (
                self.tr("seating.error.too_many_people", count=len(people), max=MAX_HUMANS),
                set(people),
            )
        names = [self.name_of(i).strip() for i in range(len(seats))]
        for i, name in enumerate(names):
            if not name:
                return self.tr("seating.error.empty_name", row=i + 1), {i}
        seen: dict[str, int] = {}
        for i, name in enumerate(names):
            key = name.casefold()
            if key in seen:
                same = {j for j, n in enumerate(names) if n.casefold() == key}
                return self.tr("seating.error.same_name", name=name), same
            seen[key] = i
        return None, set()

    def start(self) -> None:
        problem, rows = self.validate()
        if problem is not None:
            self.problem, self.problem_rows = problem, rows
            self.rebuild()
            return
        self.ctx.session.last_table = Table(
            self.level.id,
            self.count,
            tuple(replace(d) for d in self.drafts[: self.count]),
        )
        seed = new_seed()
        keys = personality_keys()
        seats = []
        for i, draft in enumerate(self.seats_in_play()):
            name = self.name_of(i).strip()
            if draft.human:
                seats.append(Seat(name))
            else:
                personality = draft.personality
                if personality not in REGISTRY:
                    personality = random_personality(seed, i, keys)
                seats.append(Seat(name, personality))
        try:
            match = Match(self.level, seats, seed, **match_options(self.ctx.settings))
        except MatchError as error:
            self.problem = self.tr("seating.error.rules", detail=str(error))
            self.problem_rows = set()
            self.rebuild()
            return
        flow.start_match(self.ctx, match)

    # -- keyboard --------------------------------------------------------------------------

    def focused_entry(self) -> int | None:
        for i, entry in enumerate(self.name_entries):
            if entry.is_focused:
                return i
        return None

    def current_position(self) -> int | None:
        entry = self.focused_entry()
        for position, (kind, index) in enumerate(self.order):
            if kind == "entry" and index == entry:
                return position
            if kind == "menu" and entry is None and index == self.menu_focus:
                return position
            if (
                kind == "action"
                and entry is None
                and self.menu_focus is None
                and index == self.focus
            ):
                return position
        return None

    def move_focus(self, step: int) -> None:
        live = [
            item
            for item in self.order
            if item[0] != "action"
            or (self.actions[item[1]].button.is_enabled and self.actions[item[1]].button.visible)
        ]
        if not live:
            return
        current = self.current_position()
        here = self.order[current] if current is not None else None
        if here in live:
            target = live[(live.index(here) + step) % len(live)]
        else:
            target = live[0] if step > 0 else live[-1]
        self.focus_item(target)

    def focus_item(self, item: tuple[str, int]) -> None:
        kind, index = item
        manager = self.ctx.manager
        self.focus = None
        self.menu_focus = None
        if kind == "entry":
            manager.set_focus_set(self.name_entries[index])
            return
        manager.set_focus_set(None)
        if kind == "menu":
            self.menu_focus = index
        else:
            self.focus = index

    def on_key(self, event: pygame.event.Event) -> bool:
        typing = self.focused_entry() is not None
        if event.key == pygame.K_ESCAPE and typing:
            self.ctx.manager.set_focus_set(None)
            return True
        if not typing and self.menu_focus is not None and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.cycle_personality(self.menu_focus, -1 if event.key == pygame.K_UP else 1)
            return True
        if not typing and event.key in (pygame.K_KP_MINUS, pygame.K_KP_PLUS, pygame.K_EQUALS):
            self.change_count(-1 if event.key == pygame.K_KP_MINUS else 1)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not typing:
            if self.focus is not None:
                return self.press_focused_or_primary()
            self.start()
            return True
        return super().on_key(event)

    def draw_focus(self, surface: pygame.Surface) -> None:
        super().draw_focus(surface)
        entry = self.focused_entry()
        if entry is not None:
            rect = self.name_entries[entry].get_abs_rect().inflate(8, 8)
            pygame.draw.rect(surface, theme.ORANGE, rect, width=3, border_radius=10)
        if self.menu_focus is not None and self.menu_focus in self.menus:
            rect = self.menus[self.menu_focus].get_abs_rect().inflate(8, 8)
            pygame.draw.rect(surface, theme.ORANGE, rect, width=3, border_radius=10)
        for row in self.problem_rows:
            if row < len(self.name_entries):
                rect = self.name_entries[row].get_abs_rect().inflate(4, 4)
                pygame.draw.rect(surface, theme.VERMILLION, rect, width=3, border_radius=9)

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        sizes = self.text_sizes
        heading_h = line_height(sizes.heading, True)
        self.heading(
            surface,
            self.tr("seating.title"),
            pygame.Rect(self.left, self.top, self.width, heading_h),
        )
        draw_text(
            surface,
            self.subtitle(),
            pygame.Rect(self.left, self.top + heading_h + 4, self.width, self.subtitle_height()),
            sizes.small,
            theme.MUTED,
        )
        box = self.count_box
        draw_text(
            surface,
            self.tr("seating.firms"),
            pygame.Rect(self.left, box.y, box.x - self.left, box.h),
            sizes.body,
            theme.INK,
            bold=True,
            valign="middle",
        )
        card(surface, box, border=theme.LINE)
        draw_text(
            surface,
            str(self.count),
            box,
            sizes.heading,
            theme.INK,
            bold=True,
            align="center",
            valign="middle",
        )
        people = sum(d.human for d in self.seats_in_play())
        computers = self.count - people
        summary = self.tr(
            "seating.summary",
            people=self.tr("seating.people.one")
            if people == 1
            else self.tr("seating.people.many", count=people),
            computers=self.tr("seating.computers.one")
            if computers == 1
            else self.tr("seating.computers.many", count=computers),
        )
        plus = self.actions[1].button.rect if len(self.actions) > 1 else box
        draw_text(
            surface,
            summary,
            pygame.Rect(plus.right + 24, box.y, self.left + self.width - plus.right - 24, box.h),
            sizes.body,
            theme.MUTED,
            valign="middle",
        )
        c = self.columns
        label_y = self.rows_top - line_height(sizes.small, True) - 6
        label_h = line_height(sizes.small, True)
        for key, x, right in (
            ("seating.column.who", c["kind"], c["name"] - 12),
            ("seating.column.name", c["name"], c["menu"] - 12),
            ("seating.column.personality", c["menu"], c["right"]),
        ):
            draw_text(
                surface,
                self.tr(key),
                pygame.Rect(x, label_y, right - x, label_h),
                sizes.small,
                theme.MUTED,
                bold=True,
            )
        for i, row in enumerate(self.rows):
            self.draw_row(surface, i, row)
        if self.problem:
            self.draw_problem(surface)
        if not self.problem:  # the facilitator's options for this game, where a problem would be
            draw_text(
                surface,
                self.options_summary,
                self.message_box,
                sizes.small,
                theme.MUTED,
                valign="middle",
            )
        draw_text(
            surface,
            self.tr("seating.hint"),
            self.hint_box,
            sizes.small,
            theme.MUTED,
            align="center",
            valign="middle",
        )

    def draw_row(self, surface: pygame.Surface, i: int, row: pygame.Rect) -> None:
        sizes = self.text_sizes
        c = self.columns
        if i % 2 == 0:
            pygame.draw.rect(surface, theme.SHADE, row.inflate(16, 0), border_radius=10)
        radius = c["badge_w"] // 2
        centre = (c["badge"] + radius, row.centery)
        colour = theme.FIRM_COLOURS[i % len(theme.FIRM_COLOURS)]
        draw_badge(surface, centre, radius, colour, str(i + 1), sizes.body)
        draft = self.drafts[i]
        if draft.human:
            text, x = self.tr("seating.person.note"), c["menu"]
        else:
            text, x = self.personality_description(draft.personality), c["desc"]
        box = pygame.Rect(x, row.y + 2, c["right"] - x, row.h - 4)
        draw_text(surface, text, box, sizes.small, theme.MUTED, valign="middle")

    def draw_problem(self, surface: pygame.Surface) -> None:
        box = self.message_box
        size = self.text_sizes.body
        mark = line_height(size, True)
        triangle = [
            (box.x + mark // 2, box.y + 3),
            (box.x + 2, box.y + mark - 4),
            (box.x + mark - 2, box.y + mark - 4),
        ]
        pygame.draw.polygon(surface, theme.VERMILLION, triangle)
        draw_text(
            surface,
            "!",
            pygame.Rect(box.x, box.y + 4, mark, mark - 8),
            max(size - 6, 11),
            theme.CARD,
            bold=True,
            align="center",
            valign="middle",
        )
        draw_text(
            surface,
            self.problem or "",
            pygame.Rect(box.x + mark + 10, box.y, box.w - mark - 10, box.h),
            size,
            theme.VERMILLION,
            bold=True,
        )
