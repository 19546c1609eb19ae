"""The consortium's contract: the eight basic conditions of the alliance (000, section III).

The eight conditions are listed on the left with what is chosen so far; the one in focus is
shown in full on the right: its question, its options (with the computer-run firms' preferences
next to them), what the chosen option means in play and what it costs. The group starts from the
cluster's habit (the level's default contract) and signs when it agrees.
"""

from __future__ import annotations

import pygame

from game.engine.contract import CONDITIONS, ContractCondition, ContractOption
from game.i18n import pick
from game.play.match import MatchError
from game.ui import flow, theme
from game.ui.board import draw_badge
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.scene import Scene, card
from game.ui.text import draw_text, font, wrap

MARGIN = 40
GAP = 20
MAX_WIDTH = 1500
NUMBER_KEYS = {
    **{pygame.K_1 + i: i for i in range(8)},
    **{pygame.K_KP1 + i: i for i in range(8)},
}


def line_height(size: int, bold: bool = False) -> int:
    return font(size, bold).get_linesize()


def text_height(text: str, width: int, size: int, bold: bool = False) -> int:
    face = font(size, bold)
    return len(wrap(text, face, max(width, 1))) * face.get_linesize()


def fitting_size(text: str, width: int, largest: int, bold: bool = True) -> int:
    """The largest size (from ``largest`` down to 11) at which ``text`` fits on one line in
    ``width``: tiny boxes such as badges get a size that needs no wrapping at all."""
    for size in range(largest, 10, -1):
        if font(size, bold).size(text)[0] <= width:
            return size
    return 11


def initials(name: str) -> str:
    """Two letters for a firm's badge: "Textil Huallaga" → "TH", "Hilos del Norte" → "HN"."""
    words = [w for w in name.replace("&", " ").split() if w[:1].isalnum()]
    capitals = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    chosen = (capitals or words)[:2]
    return "".join(w[0].upper() for w in chosen) or "?"


@register_scene("contract")
class ContractScene(Scene):
    pausable = True

    def __init__(self, ctx: SceneContext | ContextOwner) -> None:
        super().__init__(ctx)
        match = self.ctx.match
        assert match is not None
        self.level = match.level
        self.conditions: list[ContractCondition] = [self.level.contract[c] for c in CONDITIONS]
        self.choices: dict[str, str] = dict(self.level.default_contract)
        self.preferences = match.ai_contract_preferences()
        self.current = 0
        self.problem: str | None = None
        self.option_buttons: dict[str, object] = {}
        self.row_rects: list[pygame.Rect] = []
        self.detail = pygame.Rect(0, 0, 0, 0)
        self.option_rows: list[tuple[str, pygame.Rect]] = []
        self.footer = pygame.Rect(0, 0, 0, 0)
        self.hovered: int | None = None
        self.left = MARGIN
        self.width = 0
        self.title_width = 0
        self.title_h = 0
        self.y0 = 20
        self.two_line_rows = True
        self.plan: dict = {}
        self.sign_button = None

    # -- money -----------------------------------------------------------------------------

    def money(self, amount: float) -> str:
        return self.tr("money", amount=amount)

    def cost_text(self, option: ContractOption) -> str:
        once, season = option.cost_once, option.cost_per_season
        if once and season:
            return self.tr("contract.cost.both", once=self.money(once), season=self.money(season))
        if once:
            return self.tr("contract.cost.once", money=self.money(once))
        if season:
            return self.tr("contract.cost.season", money=self.money(season))
        return self.tr("contract.free")

    def totals(self) -> tuple[float, float]:
        once = season = 0.0
        for condition in self.conditions:
            option = condition.options[self.choices[condition.key]]
            once += option.cost_once
            season += option.cost_per_season
        return once, season

    def preferring(self, condition: str, option: str) -> list[int]:
        """Seats of the computer-run firms that would pick ``option`` for ``condition``."""
        return [
            seat for seat, wanted in self.preferences.items() if wanted.get(condition) == option
        ]

    # -- building --------------------------------------------------------------------------

    def build(self) -> None:
        w, h = self.size
        sizes = self.text_sizes
        self.option_buttons = {}
        self.width = min(w - 2 * MARGIN, MAX_WIDTH)
        self.left = (w - self.width) // 2
        right = self.left + self.width
        wh = sizes.widget + 22

        # the title line: two quick contracts on its right; the subtitle below, full width
        quick = []
        x = right
        for key, run, shortcut, tip in (
            ("common.sound_contract", self.sound, pygame.K_s, "contract.sound.tip"),
            ("contract.custom", self.customary, pygame.K_c, "contract.custom.tip"),
        ):
            width = font(sizes.widget).size(self.tr(key) + "  (X)")[0] + 40
            x -= width
            quick.append((x, width, key, run, shortcut, tip))
            x -= 12
        self.title_width = x - 12 - self.left
        self.title_h = max(line_height(sizes.heading, True), wh)

        # vertical: header, the eight rows (no taller than they need), hint, footer; on a
        # tall window the whole page is centred
        footer_h = line_height(sizes.body, True) + line_height(sizes.small) + 30
        footer_h = max(footer_h, max(48, sizes.widget + 28) + 20)
        hint_h = line_height(sizes.small) + 16
        header_h = self.title_h + 2 + self.subtitle_height() + 12
        count = len(self.conditions)
        room = h - 20 - 16 - footer_h - hint_h - header_h
        two_lines = line_height(sizes.body, True) + line_height(sizes.small) + 8
        pitch = min((room + 6) // count, two_lines + 8 + 22)
        slack = room - (count * pitch - 6)
        self.y0 = 20 + slack // 2
        top = self.y0 + header_h
        bottom = top + count * pitch - 6
        self.footer = pygame.Rect(self.left, bottom + hint_h, self.width, footer_h)
        sign_w = font(sizes.widget, True).size(self.tr("contract.sign") + "  (Enter)")[0] + 56
        sign_h = max(48, sizes.widget + 28)
        sign_rect = pygame.Rect(
            self.footer.right - 16 - sign_w, self.footer.centery - sign_h // 2, sign_w, sign_h
        )
        quick = [
            (pygame.Rect(qx, self.y0, qw, wh), key, run, shortcut, tip)
            for qx, qw, key, run, shortcut, tip in quick
        ]

        # the body: the eight conditions on the left, the one in focus on the right
        self.two_line_rows = pitch - 6 >= two_lines
        list_w = int(self.width * (0.42 if self.two_line_rows else 0.47))
        self.row_rects = [
            pygame.Rect(self.left, top + i * pitch, list_w, pitch - 6) for i in range(count)
        ]
        self.detail = pygame.Rect(
            self.left + list_w + GAP, top, self.width - list_w - GAP, bottom - top
        )
        self.plan = self.plan_detail()

        # buttons in Tab order: the options, the quick contracts, the signature
        self.build_options()
        for rect, key, run, shortcut, tip in reversed(quick):
            self.button(rect, self.tr(key), run, key=shortcut, tooltip=self.tr(tip))
        self.sign_button = self.button(
            sign_rect,
            self.tr("contract.sign"),
            self.sign,
            key=pygame.K_RETURN,
            tooltip=self.tr("contract.sign.tip"),
            primary=True,
        )

    def header_bottom(self) -> int:
        return self.y0 + self.title_h + 2 + self.subtitle_height()

    def subtitle(self) -> str:
        match = self.ctx.match
        return self.tr(
            "contract.subtitle",
            level=pick(self.level.name, self.ctx.lang),
            firms=len(match.seats) if match else 0,
        )

    def subtitle_height(self) -> int:
        return text_height(self.subtitle(), self.width, self.text_sizes.small)

    def plan_detail(self) -> dict:
        """Sizes for the card of the condition in focus: the roomiest that fits every condition
        (so nothing jumps when the focus moves), compacting step by step on small windows."""
        sizes = self.text_sizes
        lang = self.ctx.lang
        pad = 22
        inner_w = self.detail.w - 2 * pad
        s, b, hd = sizes.small, sizes.body, sizes.heading
        line_w = line_height(sizes.widget)
        most_options = max(len(c.options) for c in self.conditions)
        consequences = [
            pick(o.consequence, lang) for c in self.conditions for o in c.options.values()
        ]
        configs = [  # caption, name, question, option height, gap, label, consequence, source
            (True, hd, b, sizes.widget + 20, 8, True, b, s),
            (False, hd, b, sizes.widget + 16, 6, True, b, s),
            (False, b + 4, b, sizes.widget + 12, 6, False, b, s),
            (False, b + 2, s, line_w + 10, 5, False, s, max(s - 2, 12)),
            (False, b, s, line_w + 6, 4, False, max(s - 2, 12), max(s - 3, 12)),
        ]
        height = self.detail.h - 2 * (pad - 4)
        plan: dict = {}
        for caption, name, question, option_h, gap, label, consequence, source in configs:
            plan = {
                "pad": pad,
                "caption": line_height(s, True) if caption else 0,
                "name_size": name,
                "name": max(
                    text_height(pick(c.name, lang), inner_w, name, True) for c in self.conditions
                ),
                "question_size": question,
                "question": max(
                    text_height(pick(c.question, lang), inner_w, question) for c in self.conditions
                ),
                "option_h": option_h,
                "gap": gap,
                "label": line_height(s, True) if label else 0,
                "consequence_size": consequence,
                "consequence": max(text_height(t, inner_w - 28, consequence) for t in consequences),
                "cost": line_height(consequence, True),
                "source_size": source,
                "source": max(
                    text_height(
                        self.tr("common.source", source=o.source or c.source), inner_w, source
                    )
                    for c in self.conditions
                    for o in c.options.values()
                ),
            }
            plan["meaning"] = plan["label"] + plan["consequence"] + 4 + plan["cost"] + 20
            needed = (
                plan["caption"]
                + plan["name"]
                + 4
                + plan["question"]
                + 12
                + most_options * (option_h + gap)
                - gap
                + 12
                + plan["meaning"]
                + 8
                + plan["source"]
            )
            if needed <= height:
                break
        return plan

    def detail_layout(self) -> dict:
        """Where each part of the condition in focus goes (shared by build and draw)."""
        plan = self.plan
        inner = self.detail.inflate(-2 * plan["pad"], -2 * (plan["pad"] - 4))
        y = inner.y
        caption = pygame.Rect(inner.x, y, inner.w, plan["caption"])
        y = caption.bottom
        name = pygame.Rect(inner.x, y, inner.w, plan["name"])
        y = name.bottom + 4
        question = pygame.Rect(inner.x, y, inner.w, plan["question"])
        y = question.bottom + 12
        source = pygame.Rect(inner.x, inner.bottom - plan["source"], inner.w, plan["source"])
        count = len(self.conditions[self.current].options)
        options_top = y
        y += count * (plan["option_h"] + plan["gap"]) - plan["gap"] + 12
        meaning = pygame.Rect(inner.x, y, inner.w, plan["meaning"])
        return {
            "inner": inner,
            "caption": caption,
            "name": name,
            "question": question,
            "options_top": options_top,
            "meaning": meaning,
            "source": source,
        }

    def build_options(self) -> None:
        sizes = self.text_sizes
        condition = self.conditions[self.current]
        layout = self.detail_layout()
        inner: pygame.Rect = layout["inner"]
        radio = line_height(sizes.body) // 2 + 8
        # as wide as the longest option of any condition, so the buttons line up everywhere
        label_w = max(
            font(sizes.widget).size(pick(o.name, self.ctx.lang))[0] + 40
            for c in self.conditions
            for o in c.options.values()
        )
        width = min(max(label_w, 200), inner.w - radio)
        self.option_rows = []
        y = layout["options_top"]
        for key, option in condition.options.items():
            rect = pygame.Rect(inner.x + radio, y, width, self.plan["option_h"])
            button = self.button(
                rect,
                pick(option.name, self.ctx.lang),
                lambda k=key: self.choose(k),
                tooltip=self.option_tip(condition, key, option),
                object_id="#toggle",
            )
            if self.choices[condition.key] == key:
                button.select()
            self.option_buttons[key] = button
            self.option_rows.append((key, rect))
            y += self.plan["option_h"] + self.plan["gap"]

    def option_tip(self, condition: ContractCondition, key: str, option: ContractOption) -> str:
        lang = self.ctx.lang
        parts = [pick(option.consequence, lang), self.cost_text(option) + "."]
        names = [self.ctx.match.seats[s].name for s in self.preferring(condition.key, key)]
        if names:
            parts.append(self.tr("contract.prefer.names", names=", ".join(names)))
        return " ".join(parts)

    def badge_radius(self) -> int:
        return max(line_height(self.text_sizes.small, True) // 2 + 2, 12)

    # -- actions ---------------------------------------------------------------------------

    def focus_condition(self, index: int) -> None:
        if 0 <= index < len(self.conditions) and index != self.current:
            self.current = index
            self.rebuild()
            self.focus = None

    def choose(self, option: str) -> None:
        condition = self.conditions[self.current]
        if option in condition.options and self.choices[condition.key] != option:
            self.choices[condition.key] = option
            self.problem = None
            self.rebuild()

    def step_option(self, step: int) -> None:
        condition = self.conditions[self.current]
        keys = list(condition.options)
        position = keys.index(self.choices[condition.key])
        self.choose(keys[(position + step) % len(keys)])

    def use(self, contract: dict[str, str]) -> None:
        self.choices = {c: contract[c] for c in CONDITIONS}
        self.problem = None
        self.rebuild()

    def sound(self) -> None:
        self.use(self.level.reference_contract)

    def customary(self) -> None:
        self.use(self.level.default_contract)

    def sign(self) -> None:
        match = self.ctx.match
        if match is None:
            return
        try:
            match.sign(dict(self.choices))
        except MatchError as error:
            self.problem = self.tr("contract.sign_failed", detail=str(error))
            return
        self.ctx.autosave()  # a refusing disk: the game goes on, each season's autosave says so
        flow.resume(self.ctx)

    # -- input -----------------------------------------------------------------------------

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in NUMBER_KEYS and NUMBER_KEYS[event.key] < len(self.conditions):
            self.focus_condition(NUMBER_KEYS[event.key])
            return True
        if event.key == pygame.K_UP:
            self.focus_condition(max(self.current - 1, 0))
            return True
        if event.key == pygame.K_DOWN:
            self.focus_condition(min(self.current + 1, len(self.conditions) - 1))
            return True
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.step_option(-1 if event.key == pygame.K_LEFT else 1)
            return True
        return super().on_key(event)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            self.hovered = self.row_at(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            index = self.row_at(event.pos)
            if index is not None:
                self.focus_condition(index)
                return True
        return super().handle_event(event)

    def row_at(self, pos: tuple[int, int]) -> int | None:
        for i, rect in enumerate(self.row_rects):
            if rect.collidepoint(pos):
                return i
        return None

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        sizes = self.text_sizes
        draw_text(
            surface,
            self.tr("contract.title"),
            pygame.Rect(self.left, self.y0, self.title_width, self.title_h),
            sizes.heading,
            theme.INK,
            bold=True,
            valign="middle",
        )
        draw_text(
            surface,
            self.subtitle(),
            pygame.Rect(self.left, self.y0 + self.title_h + 2, self.width, self.subtitle_height()),
            sizes.small,
            theme.MUTED,
        )
        for i, rect in enumerate(self.row_rects):
            self.draw_row(surface, i, rect)
        self.draw_detail(surface)
        hint_y = self.footer.top - 6 - line_height(sizes.small)
        draw_text(
            surface,
            self.problem or self.tr("contract.hint"),
            pygame.Rect(self.left, hint_y, self.width, line_height(sizes.small)),
            sizes.small,
            theme.VERMILLION if self.problem else theme.MUTED,
            bold=bool(self.problem),
        )
        self.draw_footer(surface)

    def draw_row(self, surface: pygame.Surface, i: int, rect: pygame.Rect) -> None:
        """One condition of the list: its number, name and chosen option; with room, also what
        the option costs and how many computer-run firms agree with it."""
        sizes = self.text_sizes
        lang = self.ctx.lang
        condition = self.conditions[i]
        option = condition.options[self.choices[condition.key]]
        current = i == self.current
        if current:
            card(surface, rect, border=theme.BLUE, width=3)
            pygame.draw.rect(
                surface,
                theme.BLUE,
                pygame.Rect(rect.x, rect.y + 8, 5, rect.h - 16),
                border_radius=3,
            )
        else:
            card(surface, rect, border=theme.MUTED if i == self.hovered else theme.LINE, width=1)
        inner = rect.inflate(-28, -8)
        cap = min(inner.h - 4, line_height(sizes.small, True) + 10)
        cap_rect = pygame.Rect(inner.x, inner.y + (inner.h - cap) // 2, cap, cap)
        pygame.draw.rect(surface, theme.BLUE if current else theme.SHADE, cap_rect, border_radius=6)
        number = str(i + 1)
        draw_text(
            surface,
            number,
            cap_rect,
            fitting_size(number, cap_rect.w, sizes.small),
            theme.CARD if current else theme.MUTED,
            bold=True,
            align="center",
            valign="middle",
        )
        x = cap_rect.right + 14
        width = inner.right - x
        name = pick(condition.name, lang)
        chosen = pick(option.name, lang)
        if not self.two_line_rows:
            name_size, chosen_size, name_w = self.one_line_sizes(width)
            draw_text(
                surface,
                name,
                pygame.Rect(x, inner.y, name_w, inner.h),
                name_size,
                theme.INK,
                bold=True,
                valign="middle",
            )
            draw_text(
                surface,
                chosen,
                pygame.Rect(x + name_w + 12, inner.y, width - name_w - 12, inner.h),
                chosen_size,
                theme.BLUE,
                align="right",
                valign="middle",
            )
            return
        first = line_height(sizes.body, True)
        second = inner.h - first
        cost = self.cost_text(option)
        name_w = font(sizes.body, True).size(name)[0] + 4
        cost_w = min(font(sizes.small).size(cost)[0] + 4, max(width - name_w - 12, width // 3))
        draw_text(
            surface,
            name,
            pygame.Rect(x, inner.y, width - cost_w - 12, first),
            sizes.body,
            theme.INK,
            bold=True,
            valign="middle",
        )
        draw_text(
            surface,
            cost,
            pygame.Rect(inner.right - cost_w, inner.y, cost_w, first),
            sizes.small,
            theme.MUTED,
            align="right",
            valign="middle",
        )
        agree_text = ""
        if self.preferences:
            agree = len(self.preferring(condition.key, option.key))
            agree_text = self.tr("contract.agree", agree=agree, total=len(self.preferences))
        agree_w = min(font(sizes.small).size(agree_text)[0] + 4, width // 2) if agree_text else 0
        draw_text(
            surface,
            chosen,
            pygame.Rect(x, inner.y + first, width - agree_w - 12, second),
            sizes.body,
            theme.BLUE,
            valign="middle",
        )
        if agree_text:
            draw_text(
                surface,
                agree_text,
                pygame.Rect(inner.right - agree_w, inner.y + first, agree_w, second),
                sizes.small,
                theme.MUTED,
                align="right",
                valign="middle",
            )

    def one_line_sizes(self, width: int) -> tuple[int, int, int]:
        """For rows of one line: one size for every name and one for every option (so the list
        reads evenly), and the width the names take."""
        sizes = self.text_sizes
        lang = self.ctx.lang
        names = [pick(c.name, lang) for c in self.conditions]
        options = [pick(o.name, lang) for c in self.conditions for o in c.options.values()]
        size = 12
        for size in range(sizes.body, 11, -1):
            name_w = max(font(size, True).size(n)[0] for n in names) + 4
            chosen_w = max(font(size).size(o)[0] for o in options) + 4
            if name_w + 12 + chosen_w <= width:
                break
        name_size = chosen_size = size
        name_w = max(font(size, True).size(n)[0] for n in names) + 4
        return name_size, chosen_size, name_w

    def draw_detail(self, surface: pygame.Surface) -> None:
        sizes = self.text_sizes
        lang = self.ctx.lang
        plan = self.plan
        condition = self.conditions[self.current]
        chosen = condition.options[self.choices[condition.key]]
        card(surface, self.detail, border=theme.BLUE, width=3)
        layout = self.detail_layout()
        if plan["caption"]:
            draw_text(
                surface,
                self.tr(
                    "contract.condition_of", number=self.current + 1, total=len(self.conditions)
                ),
                layout["caption"],
                sizes.small,
                theme.MUTED,
                bold=True,
            )
        draw_text(
            surface,
            pick(condition.name, lang),
            layout["name"],
            plan["name_size"],
            theme.INK,
            bold=True,
        )
        draw_text(
            surface,
            pick(condition.question, lang),
            layout["question"],
            plan["question_size"],
            theme.INK,
        )
        for key, rect in self.option_rows:
            self.draw_option_marks(surface, condition, key, rect)
        meaning: pygame.Rect = layout["meaning"].copy()
        said_h = text_height(
            pick(chosen.consequence, lang), meaning.w - 28, plan["consequence_size"]
        )
        meaning.h = min(meaning.h, plan["label"] + said_h + 4 + plan["cost"] + 20)
        pygame.draw.rect(surface, theme.PAPER, meaning, border_radius=10)
        box = meaning.inflate(-28, -20)
        y = box.y
        if plan["label"]:
            draw_text(
                surface,
                self.tr("contract.chosen") + " · " + pick(chosen.name, lang),
                pygame.Rect(box.x, y, box.w, plan["label"]),
                sizes.small,
                theme.BLUE,
                bold=True,
            )
            y += plan["label"]
        said = draw_text(
            surface,
            pick(chosen.consequence, lang),
            pygame.Rect(box.x, y, box.w, plan["consequence"]),
            plan["consequence_size"],
            theme.INK,
        )
        draw_text(
            surface,
            self.cost_text(chosen),
            pygame.Rect(box.x, max(said.bottom, y) + 4, box.w, plan["cost"]),
            plan["consequence_size"],
            theme.INK,
            bold=True,
        )
        self.draw_legend(surface, condition, meaning.bottom + 6, layout["source"].top - 4)
        draw_text(
            surface,
            self.tr("common.source", source=chosen.source or condition.source),
            layout["source"],
            plan["source_size"],
            theme.MUTED,
        )

    def draw_option_marks(
        self, surface: pygame.Surface, condition: ContractCondition, key: str, rect: pygame.Rect
    ) -> None:
        """A radio mark before the option (filled when chosen: shape, not only colour) and the
        computer-run firms that prefer it after."""
        sizes = self.text_sizes
        r = max(line_height(sizes.body) // 4, 6)
        centre = (rect.x - r - 10, rect.centery)
        chosen = self.choices[condition.key] == key
        pygame.draw.circle(surface, theme.BLUE if chosen else theme.MUTED, centre, r, width=2)
        if chosen:
            pygame.draw.circle(surface, theme.BLUE, centre, max(r - 4, 2))
        seats = self.preferring(condition.key, key)
        if not seats:
            return
        badge = self.badge_radius()
        step = 2 * badge + 4
        x = rect.right + 12
        right = self.detail.right - 24
        count = len(seats)
        text = self.preference_words(condition, count, x, step, right)
        fits = max((right - x) // step, 0)
        shown = seats if count <= fits else seats[: max(fits - 1, 0)]
        for seat in shown:
            colour = theme.FIRM_COLOURS[seat % len(theme.FIRM_COLOURS)]
            letters = initials(self.ctx.match.seats[seat].name)
            size = fitting_size(letters, 2 * badge - 4, max(sizes.small - 3, 11))
            draw_badge(surface, (x + badge, rect.centery), badge, colour, letters, size, inset=2)
            x += step
        if len(shown) < count and right - x >= step:
            more = pygame.Rect(x, rect.centery - badge, 2 * badge, 2 * badge)
            pygame.draw.circle(surface, theme.SHADE, more.center, badge)
            extra = f"+{count - len(shown)}"
            draw_text(
                surface,
                extra,
                more.inflate(-4, 0),
                fitting_size(extra, more.w - 4, max(sizes.small - 3, 11)),
                theme.INK,
                bold=True,
                align="center",
                valign="middle",
            )
        elif text:
            draw_text(
                surface,
                text,
                pygame.Rect(x + 6, rect.y, right - x - 6, rect.h),
                sizes.small,
                theme.MUTED,
                valign="middle",
            )

    def draw_legend(
        self, surface: pygame.Surface, condition: ContractCondition, top: int, bottom: int
    ) -> None:
        """When the badges stand without words, say once what they are."""
        if not self.preferences or not self.option_rows:
            return
        x = self.option_rows[0][1].right + 12
        step = 2 * self.badge_radius() + 4
        if self.preference_words(condition, 1, x, step, self.detail.right - 24):
            return
        sizes = self.text_sizes
        box = pygame.Rect(
            self.detail.x + self.plan["pad"],
            top,
            self.detail.w - 2 * self.plan["pad"],
            bottom - top,
        )
        legend = self.tr("contract.legend")
        for size in (sizes.small, max(sizes.small - 2, 12)):
            if box.h >= text_height(legend, box.w, size):
                draw_text(surface, legend, box, size, theme.MUTED, valign="bottom")
                return

    def preference_words(
        self, condition: ContractCondition, count: int, x: int, step: int, right: int
    ) -> str:
        """ "2 computadoras prefieren esto", or the short "la prefieren" for every option of the
        condition when one of them has no room for the long words (or nothing at all)."""
        face = font(self.text_sizes.small)
        counts = [len(self.preferring(condition.key, k)) for k in condition.options]
        for form in ("", ".short"):

            def words(n: int, form: str = form) -> str:
                key = "contract.prefer.one" if n == 1 else "contract.prefer.many"
                # keys: contract.prefer.one contract.prefer.one.short contract.prefer.many
                # keys: contract.prefer.many.short
                return self.tr(key + form, count=n)

            if all(x + n * step + 6 + face.size(words(n))[0] + 4 <= right for n in counts if n):
                return words(count)
        return ""

    def draw_footer(self, surface: pygame.Surface) -> None:
        sizes = self.text_sizes
        box = self.footer
        card(surface, box)
        once, season = self.totals()
        sign = self.sign_button.rect
        inner = pygame.Rect(box.x + 24, box.y + 12, sign.left - 24 - box.x - 24, box.h - 24)
        line = line_height(sizes.body, True)
        first = self.tr("contract.total.once", money=self.money(once))
        second = self.tr("contract.total.season", money=self.money(season))
        first_w = min(font(sizes.body, True).size(first)[0] + 4, inner.w // 2)
        draw_text(
            surface,
            first,
            pygame.Rect(inner.x, inner.y, first_w, line),
            sizes.body,
            theme.INK,
            bold=True,
        )
        draw_text(
            surface,
            second,
            pygame.Rect(inner.x + first_w + 32, inner.y, inner.w - first_w - 32, line),
            sizes.body,
            theme.INK,
            bold=True,
        )
        draw_text(
            surface,
            self.tr("contract.total.note"),
            pygame.Rect(inner.x, inner.y + line + 2, inner.w, inner.h - line - 2),
            sizes.small,
            theme.MUTED,
        )
