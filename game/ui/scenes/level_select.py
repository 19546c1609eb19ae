"""Choosing a level: one card per cluster (the tutorial first) with what the study says of it."""

from __future__ import annotations

import pygame

from game.content.levels import load_level, shipped_level_names
from game.engine.level import Level
from game.i18n import pick
from game.ui import theme
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.scene import Scene, card
from game.ui.text import draw_text, font, wrap

DIFFICULTIES = (1, 2, 3, 4, 5)
"""A level's difficulty, shown as that many of five dots and a word."""
MARGIN = 32
GAP = 16
PAD = 16
DOUBLE_CLICK_MS = 450


def text_height(text: str, width: int, size: int, bold: bool = False) -> int:
    """Height ``text`` needs when wrapped to ``width`` at ``size`` (no shrinking)."""
    if not text:
        return 0
    face = font(size, bold)
    return len(wrap(text, face, width)) * face.get_linesize()


def line_height(size: int, bold: bool = False) -> int:
    return font(size, bold).get_linesize()


def draw_dots(surface: pygame.Surface, value: int, total: int, x: int, cy: int, radius: int) -> int:
    """Filled and hollow dots (shape, not only colour); returns the x after the last one."""
    for i in range(total):
        centre = (x + radius + i * (2 * radius + 5), cy)
        if i < value:
            pygame.draw.circle(surface, theme.INK, centre, radius)
        else:
            pygame.draw.circle(surface, theme.MUTED, centre, radius, width=2)
    return x + total * (2 * radius + 5)


def draw_keycap(surface: pygame.Surface, label: str, rect: pygame.Rect, size: int) -> None:
    pygame.draw.rect(surface, theme.SHADE, rect, border_radius=6)
    pygame.draw.rect(surface, theme.LINE, rect, width=1, border_radius=6)
    draw_text(surface, label, rect, size, theme.MUTED, bold=True, align="center", valign="middle")


@register_scene("level_select")
class LevelSelectScene(Scene):
    def __init__(self, ctx: SceneContext | ContextOwner) -> None:
        super().__init__(ctx)
        self.levels: list[Level] | None = None
        self.broken: list[str] = []
        self.selected = 0
        self.hovered: int | None = None
        self.card_rects: list[pygame.Rect] = []
        self.show_description = False
        self.blocks: dict[str, int] = {}
        self.header_y = 24
        self._last_click: tuple[int, int] = (-1, -(10**6))

    # -- building --------------------------------------------------------------------------

    def load_levels(self) -> list[Level]:
        if self.levels is None:
            self.levels = []
            for name in shipped_level_names():
                try:
                    self.levels.append(load_level(name))
                except Exception:  # a broken level file must not stop the others
                    self.broken.append(name)
        return self.levels

    def build(self) -> None:
        levels = self.load_levels()
        w, h = self.size
        sizes = self.text_sizes
        button_h = max(52, sizes.widget + 30)
        footer_y = h - MARGIN // 2 - button_h - 8
        top = self.header_height()
        count = max(len(levels), 1)
        card_w = (w - 2 * MARGIN - (count - 1) * GAP) // count
        band = footer_y - 20 - top
        needed = self.plan_cards(card_w - 2 * PAD, band - 2 * PAD)
        # On a big window the cards take the height their text needs, centred in the band.
        card_h = min(band, needed + 2 * PAD + 24)
        self.header_y = 24 + (band - card_h) // 2
        top += (band - card_h) // 2
        self.card_rects = [
            pygame.Rect(MARGIN + i * (card_w + GAP), top, card_w, card_h) for i in range(count)
        ]
        self.selected = min(self.selected, max(len(levels) - 1, 0))

        back_w = max(200, font(sizes.widget).size(self.tr("common.back") + "  (Esc)")[0] + 48)
        self.button(
            (MARGIN, footer_y, back_w, button_h),
            self.tr("common.back"),
            self.ctx.director.pop,
            key=pygame.K_ESCAPE,
        )
        choose_w = max(
            240, font(sizes.widget, True).size(self.tr("level_select.choose") + "  (Enter)")[0] + 56
        )
        self.button(
            (w - MARGIN - choose_w, footer_y, choose_w, button_h),
            self.tr("level_select.choose"),
            self.choose,
            key=pygame.K_RETURN,
            tooltip=self.tr("level_select.choose.tip"),
            primary=True,
            enabled=bool(levels),
        )

    def header_height(self) -> int:
        sizes = self.text_sizes
        return 24 + line_height(sizes.heading, True) + 4 + self.subtitle_height() + 16

    def subtitle_height(self) -> int:
        width = self.size[0] - 2 * MARGIN
        return text_height(self.tr("level_select.subtitle"), width, self.text_sizes.small)

    def plan_cards(self, inner_w: int, inner_h: int) -> int:
        """Sizes and heights of each block, the same across cards so their rows line up.

        Tries the roomiest layout first and compacts step by step (smaller name, citations and
        facts) until "what holds it back" fits whole; the description is added only when there
        is room for it too. Returns the height the text needs.
        """
        sizes = self.text_sizes
        lang = self.ctx.lang
        levels = self.levels or []

        def most(texts, width, size, bold=False):
            return max((text_height(t, width, size, bold) for t in texts), default=0)

        names = [pick(lv.name, lang) for lv in levels]
        name_w = inner_w - self.keycap_size() - 8
        s, b = sizes.small, sizes.body
        name_fit = self.one_line_size(names, name_w, sizes.heading, b)
        name_least = self.one_line_size(names, name_w, s + 2, 13)
        configs = [  # name, facts, what holds it back, citations, place, labels, inline citations
            (name_fit, b, b, s, s, s, False),
            (name_fit, b, s, s, s, s, False),
            (name_fit, b, s, s - 2, s, s, False),
            (name_fit, s + 1, s, s - 2, s - 2, s, True),
            (name_fit, s, s - 2, s - 3, s - 3, s - 2, True),
            (min(name_fit, b), s - 1, s - 3, s - 4, s - 4, s - 3, True),
            (name_least, s - 2, s - 4, s - 5, s - 4, s - 4, True),
        ]
        plan: dict[str, int] = {}
        fixed = holds = 0
        for config in configs:
            name_size, fact, holds_size, source_size, place_size, label_size, inline = (
                max(v, 13) if isinstance(v, int) and not isinstance(v, bool) else v for v in config
            )
            plan = {
                "name_size": name_size,
                "fact_size": fact,
                "holds_size": holds_size,
                "source_size": source_size,
                "place_size": place_size,
                "label_size": label_size,
                "inline_sources": int(inline),
                "name": most(names, name_w, name_size, True),
                "place": most([pick(lv.place, lang) for lv in levels], inner_w, place_size),
                "makes": most([pick(lv.makes, lang) for lv in levels], inner_w, fact, True),
                "firms": line_height(fact),
                "difficulty": line_height(fact),
                "label": line_height(label_size, True),
                "source_label": 0 if inline else line_height(source_size, True),
                "sources": most(
                    [self.sources_text(lv, bool(inline)) for lv in levels], inner_w, source_size
                ),
            }
            fixed = (
                plan["name"]
                + plan["place"]
                + 14
                + plan["makes"]
                + plan["firms"]
                + plan["difficulty"]
                + 14
                + plan["label"]
                + 12
                + plan["source_label"]
                + plan["sources"]
            )
            holds = most([pick(lv.holds_back, lang) for lv in levels], inner_w, holds_size)
            if fixed + holds <= inner_h:
                break
        room = inner_h - fixed
        descriptions = [pick(lv.description, lang) for lv in levels]
        plan["description_size"] = plan["holds_size"]
        description = most(descriptions, inner_w, plan["holds_size"])
        if room < holds + description + 14:
            plan["description_size"] = sizes.small
            description = most(descriptions, inner_w, sizes.small)
        self.show_description = room >= holds + description + 14
        plan["description"] = description if self.show_description else 0
        plan["holds"] = max(room - (description + 14 if self.show_description else 0), 0)
        self.blocks = plan
        return fixed + holds + (description + 14 if self.show_description else 0)

    @staticmethod
    def one_line_size(texts: list[str], width: int, largest: int, smallest: int) -> int:
        """The largest bold size from ``largest`` down to ``smallest`` that keeps every text on
        one line (``smallest`` if none does)."""
        for size in range(largest, smallest - 1, -1):
            if all(font(size, True).size(t)[0] <= width for t in texts):
                return size
        return smallest

    def sources_text(self, level: Level, inline: bool) -> str:
        sources = "; ".join(level.sources)
        return f"{self.tr('level_select.sources')}: {sources}" if inline else sources

    def keycap_size(self) -> int:
        return line_height(self.text_sizes.small, True) + 10

    # -- actions ---------------------------------------------------------------------------

    def select(self, index: int) -> None:
        if self.levels and 0 <= index < len(self.levels):
            self.selected = index

    def choose(self) -> None:
        if not self.levels:
            return
        self.ctx.director.push("seating", level=self.levels[self.selected])

    def on_key(self, event: pygame.event.Event) -> bool:
        count = len(self.levels or [])
        if event.key == pygame.K_LEFT and count:
            self.select(max(self.selected - 1, 0))
            return True
        if event.key == pygame.K_RIGHT and count:
            self.select(min(self.selected + 1, count - 1))
            return True
        number = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3}
        number.update({pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2, pygame.K_KP4: 3})
        for extra in range(4, min(count, 9)):
            number[pygame.K_1 + extra] = extra
        if event.key in number and number[event.key] < count:
            self.select(number[event.key])
            return True
        return super().on_key(event)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            self.hovered = self.card_at(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            index = self.card_at(event.pos)
            if index is not None:
                now = pygame.time.get_ticks()
                double = (
                    self._last_click[0] == index and now - self._last_click[1] < DOUBLE_CLICK_MS
                )
                self._last_click = (index, now)
                self.select(index)
                if double:
                    self.choose()
                return True
        return super().handle_event(event)

    def card_at(self, pos: tuple[int, int]) -> int | None:
        for i, rect in enumerate(self.card_rects[: len(self.levels or [])]):
            if rect.collidepoint(pos):
                return i
        return None

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        w, h = self.size
        sizes = self.text_sizes
        heading_h = line_height(sizes.heading, True)
        self.heading(
            surface,
            self.tr("level_select.title"),
            pygame.Rect(MARGIN, self.header_y, w - 2 * MARGIN, heading_h),
        )
        draw_text(
            surface,
            self.tr("level_select.subtitle"),
            pygame.Rect(
                MARGIN, self.header_y + heading_h + 4, w - 2 * MARGIN, self.subtitle_height()
            ),
            sizes.small,
            theme.MUTED,
        )
        for i, level in enumerate(self.levels or []):
            self.draw_card(surface, i, level, self.card_rects[i])
        footer_top = self.actions[0].button.rect.top if self.actions else h - 80
        notes = [self.tr("level_select.hint", count=len(self.levels or []))]
        broken = "level_select.broken" if self.levels else "level_select.broken_all"
        notes += [self.tr(broken, name=name) for name in self.broken]
        left = self.actions[0].button.rect.right + 24 if self.actions else MARGIN
        right = self.actions[-1].button.rect.left - 24 if self.actions else w - MARGIN
        draw_text(
            surface,
            "\n".join(notes),
            pygame.Rect(
                left,
                footer_top,
                max(right - left, 10),
                self.actions[0].button.rect.h if self.actions else 50,
            ),
            sizes.small,
            theme.VERMILLION if self.broken else theme.MUTED,
            align="center",
            valign="middle",
        )

    def draw_card(
        self, surface: pygame.Surface, index: int, level: Level, rect: pygame.Rect
    ) -> None:
        sizes = self.text_sizes
        lang = self.ctx.lang
        plan = self.blocks
        selected = index == self.selected
        if selected:
            card(surface, rect, border=theme.BLUE, width=4)
        else:
            card(surface, rect, border=theme.MUTED if index == self.hovered else theme.LINE)
        inner = rect.inflate(-2 * PAD, -2 * PAD)
        x, y, width = inner.x, inner.y, inner.w

        cap = self.keycap_size()
        draw_keycap(
            surface, str(index + 1), pygame.Rect(inner.right - cap, y, cap, cap), sizes.small
        )
        draw_text(
            surface,
            pick(level.name, lang),
            pygame.Rect(x, y, width - cap - 8, plan["name"]),
            plan["name_size"],
            theme.BLUE if selected else theme.INK,
            bold=True,
        )
        y += plan["name"]
        draw_text(
            surface,
            pick(level.place, lang),
            pygame.Rect(x, y, width, plan["place"]),
            plan["place_size"],
            theme.MUTED,
        )
        y += plan["place"] + 6
        pygame.draw.line(surface, theme.LINE, (x, y), (inner.right, y), 1)
        y += 8
        fact = plan["fact_size"]
        draw_text(
            surface,
            pick(level.makes, lang),
            pygame.Rect(x, y, width, plan["makes"]),
            fact,
            theme.INK,
            bold=True,
        )
        y += plan["makes"]
        firms = level.firms
        draw_text(
            surface,
            self.tr("level_select.firms", count=firms.default, min=firms.min, max=firms.max),
            pygame.Rect(x, y, width, plan["firms"]),
            fact,
        )
        y += plan["firms"]
        self.draw_difficulty(
            surface, level.difficulty, pygame.Rect(x, y, width, plan["difficulty"]), fact
        )
        y += plan["difficulty"] + 6
        pygame.draw.line(surface, theme.LINE, (x, y), (inner.right, y), 1)
        y += 8
        if self.show_description:
            draw_text(
                surface,
                pick(level.description, lang),
                pygame.Rect(x, y, width, plan["description"]),
                plan["description_size"],
                theme.INK,
            )
            y += plan["description"] + 14
        draw_text(
            surface,
            self.tr("level_select.holds_back"),
            pygame.Rect(x, y, width, plan["label"]),
            plan["label_size"],
            theme.VERMILLION,
            bold=True,
        )
        y += plan["label"]
        draw_text(
            surface,
            pick(level.holds_back, lang),
            pygame.Rect(x, y, width, plan["holds"]),
            plan["holds_size"],
        )
        bottom = inner.bottom - plan["sources"]
        draw_text(
            surface,
            self.sources_text(level, bool(plan["inline_sources"])),
            pygame.Rect(x, bottom, width, plan["sources"]),
            plan["source_size"],
            theme.MUTED,
        )
        if not plan["inline_sources"]:
            draw_text(
                surface,
                self.tr("level_select.sources"),
                pygame.Rect(x, bottom - plan["source_label"], width, plan["source_label"]),
                plan["source_size"],
                theme.MUTED,
                bold=True,
            )

    def draw_difficulty(
        self, surface: pygame.Surface, difficulty: int, box: pygame.Rect, size: int
    ) -> None:
        """Five dots (filled up to the level's difficulty) and a word, after the label "Dificultad"
        when the card is wide enough for all three."""
        value = max(1, min(5, difficulty))
        label = self.tr("level_select.difficulty")
        radius = max(size // 3, 4)
        dots_w = 5 * (2 * radius + 5)
        words = [
            # keys: level_select.difficulty.{game.ui.scenes.level_select.DIFFICULTIES}
            self.tr(f"level_select.difficulty.{max(1, min(5, lv.difficulty))}")
            for lv in self.levels or []
        ]
        word_w = max((font(size, True).size(wd)[0] for wd in words), default=0)
        label_w = font(size).size(label)[0] + 8
        x = box.x
        if label_w + dots_w + 4 + word_w <= box.w:
            draw_text(
                surface,
                label,
                pygame.Rect(x, box.y, label_w, box.h),
                size,
                theme.MUTED,
                valign="middle",
            )
            x += label_w
        after = draw_dots(surface, value, 5, x, box.centery, radius)
        draw_text(
            surface,
            # keys: level_select.difficulty.{game.ui.scenes.level_select.DIFFICULTIES}
            self.tr(f"level_select.difficulty.{value}"),
            pygame.Rect(after + 4, box.y, max(box.right - after - 4, 10), box.h),
            size,
            theme.INK,
            bold=True,
            valign="middle",
        )
