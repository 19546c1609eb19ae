"""How to play: five illustrated pages, from the goal to the cluster's phases.

Each page has a short text in the game's own words, a small drawing that carries the idea
(trust that climbs slowly and drops at once, detection that gets harder as the group grows, the
seven dimensions against the four phases) and the source it comes from. ← and → (or the
buttons) turn the pages; Esc closes.
"""

from __future__ import annotations

from functools import cache

import pygame

from game.content.levels import load_defaults
from game.engine.contract import CONDITIONS
from game.i18n import pick
from game.ui import theme
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.icons import draw_action_icon
from game.ui.scene import Scene, card
from game.ui.text import MIN_SIZE, draw_text, font, wrap


@cache
def condition_names() -> dict[str, dict[str, str]]:
    """The eight conditions' bilingual names, from the rules defaults every level's contract is
    built on (what the contract screen shows), in the contract's order."""
    contract = load_defaults()["contract"]
    return {c: dict(contract[c]["name"]) for c in CONDITIONS}


PAGES = ("goal", "decide", "trust", "contract", "cluster")
ACTIONS = ("cooperate", "defect", "invest")
DIMENSIONS = (
    "productive_relations",
    "technology",
    "demand",
    "institutions",
    "productivity",
    "cooperative_competition",
    "entry_of_agents",
)
ROMAN = ("I", "II", "III", "IV")
# An example trust path for the drawing: slow gains, one detected defection, slow recovery.
TRUST_PATH = (0.30, 0.36, 0.42, 0.48, 0.54, 0.60, 0.22, 0.27, 0.32, 0.37)
CAUGHT_AT = 6
DETECTION_EXAMPLE = ((3, 0.80), (5, 0.55), (8, 0.32))
DILEMMA_EXAMPLE = (("alone", 1.0), ("all_coop", 0.75), ("all_defect", 0.35))


@register_scene("how_to_play")
class HowToPlayScene(Scene):
    def __init__(self, ctx: SceneContext | ContextOwner, page: int = 0) -> None:
        super().__init__(ctx)
        self.page = page

    # -- layout ------------------------------------------------------------------------------

    def layout(self) -> tuple[pygame.Rect, int, int]:
        """The page card, the height of a button and the top of the footer.

        On a big window the card stops growing (at about 1400 x 800) and is centred, so the
        pages keep their proportions instead of spreading thin."""
        w, h = self.size
        sizes = self.text_sizes
        button_h = sizes.widget * 2 + 10
        card_w = min(w - 96, 1400)
        card_h = min(h - 48 - 20 - button_h, 800 if sizes.body < 20 else 860)
        top = (h - (card_h + 20 + button_h)) // 2
        box = pygame.Rect((w - card_w) // 2, top, card_w, card_h)
        return box, button_h, box.bottom + 20

    CLOSE_W = 220

    def build(self) -> None:
        box, button_h, footer = self.layout()
        last = self.page == len(PAGES) - 1
        self.button(
            (box.right - 28 - self.CLOSE_W, box.y + 24, self.CLOSE_W, button_h),
            self.tr("howto.close"),
            self.ctx.director.pop,
            key=pygame.K_ESCAPE,
            primary=last,
        )
        nav_w = 260
        previous = self.button(
            (box.x, footer, nav_w, button_h),
            self.tr("common.previous"),
            self.previous,
            key=pygame.K_LEFT,
            enabled=self.page > 0,
        )
        previous.set_text(f"‹  {self.tr('common.previous')}")
        following = self.button(
            (box.right - nav_w, footer, nav_w, button_h),
            self.tr("common.next"),
            self.next,
            key=pygame.K_RIGHT,
            primary=not last,
            enabled=not last,
        )
        following.set_text(f"{self.tr('common.next')}  ›")

    def previous(self) -> None:
        if self.page > 0:
            self.page -= 1
            self.rebuild()

    def next(self) -> None:
        if self.page < len(PAGES) - 1:
            self.page += 1
            self.rebuild()

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        sizes = self.text_sizes
        box, button_h, footer = self.layout()
        card(surface, box)
        inner = box.inflate(-64, -48)
        name = PAGES[self.page]
        head_w = inner.width - self.CLOSE_W - 24
        kicker = pygame.Rect(inner.x, inner.y, head_w, sizes.small + 6)
        draw_text(
            surface, self.tr("common.how_to_play"), kicker, sizes.small, theme.BLUE, bold=True
        )
        title = pygame.Rect(inner.x, kicker.bottom + 2, head_w, sizes.heading + 12)
        draw_text(
            surface,
            # keys: howto.{game.ui.scenes.how_to_play.PAGES}.title
            self.tr(f"howto.{name}.title"),
            title,
            sizes.heading,
            theme.INK,
            bold=True,
        )
        source_h = sizes.small + 8
        body = pygame.Rect(
            inner.x,
            title.bottom + 16,
            inner.width,
            inner.bottom - title.bottom - 16 - source_h - 12,
        )
        getattr(self, f"draw_{name}")(surface, body)
        draw_text(
            surface,
            # keys: howto.{game.ui.scenes.how_to_play.PAGES}.source
            self.tr(f"howto.{name}.source"),
            pygame.Rect(inner.x, inner.bottom - source_h, inner.width, source_h),
            sizes.small,
            theme.MUTED,
        )
        self.draw_indicator(surface, pygame.Rect(box.x + 280, footer, box.width - 560, button_h))

    def draw_indicator(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The arrow keys that turn the pages around the page dots and "2 / 5"."""
        sizes = self.text_sizes
        count = len(PAGES)
        step, key_w, label_w = 22, 34, 84
        group = key_w + 18 + (count - 1) * step + 24 + label_w + 10 + key_w
        x = area.centerx - group // 2
        cy = area.centery
        draw_arrow_key(surface, pygame.Rect(x, cy - 15, key_w, 30), -1)
        x += key_w + 18
        for i in range(count):
            colour = theme.BLUE if i == self.page else theme.LINE
            pygame.draw.circle(surface, colour, (x + i * step, cy), 6 if i == self.page else 5)
        x += (count - 1) * step + 24
        draw_text(
            surface,
            self.tr("howto.page", page=self.page + 1, pages=count),
            pygame.Rect(x, area.y, label_w, area.height),
            sizes.body,
            theme.INK,
            bold=True,
            align="center",
            valign="middle",
        )
        x += label_w + 10
        draw_arrow_key(surface, pygame.Rect(x, cy - 15, key_w, 30), 1)

    # page 1 ---------------------------------------------------------------------------------

    def draw_goal(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        sizes = self.text_sizes
        left = pygame.Rect(body.x, body.y, int(body.width * 0.52), body.height)
        right = pygame.Rect(left.right + 48, body.y, body.right - left.right - 48, body.height)
        ends_h = 4 * (sizes.body + 18)
        text = pygame.Rect(left.x, left.y, left.width, left.height - ends_h - 12)
        draw_text(surface, self.tr("howto.goal.text"), text, sizes.body, theme.INK)
        y = left.bottom - ends_h
        draw_text(
            surface,
            self.tr("howto.goal.ends"),
            pygame.Rect(left.x, y, left.width, sizes.body + 12),
            sizes.body,
            theme.INK,
            bold=True,
        )
        outcomes = []
        for i, (kind, colour) in enumerate(
            (("advance", theme.GREEN), ("collapse", theme.VERMILLION), ("stagnation", theme.MUTED))
        ):
            row = pygame.Rect(left.x, y + (i + 1) * (sizes.body + 18), left.width, sizes.body + 14)
            badge = pygame.Rect(row.x, row.y, row.height, row.height)
            box = pygame.Rect(badge.right + 12, row.y, row.width - badge.width - 12, row.height)
            outcomes.append((kind, colour, badge, box))
        size = common_size(
            # keys: howto.goal.{game.engine.outcome.OutcomeKind}
            [(self.tr(f"howto.goal.{k}"), box) for k, _, _, box in outcomes],
            sizes.body,
        )
        for kind, colour, badge, box in outcomes:
            draw_outcome_badge(surface, kind, badge, colour)
            # keys: howto.goal.{game.engine.outcome.OutcomeKind}
            draw_text(surface, self.tr(f"howto.goal.{kind}"), box, size, theme.INK, valign="middle")
        self.draw_consortium(
            surface, pygame.Rect(right.x, right.y, right.width, right.height * 0.58)
        )
        ladder = pygame.Rect(
            right.x, right.y + int(right.height * 0.62), right.width, int(right.height * 0.38)
        )
        self.draw_phase_ladder(surface, ladder)

    def draw_consortium(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        import math

        sizes = self.text_sizes
        draw_text(
            surface,
            self.tr("howto.goal.consortium"),
            pygame.Rect(area.x, area.y, area.width, sizes.small + 8),
            sizes.small,
            theme.MUTED,
            bold=True,
            align="center",
        )
        inner = pygame.Rect(
            area.x, area.y + sizes.small + 12, area.width, area.height - sizes.small - 12
        )
        cx, cy = inner.center
        ry = inner.height * 0.36
        rx = min(inner.width * 0.36, ry * 1.9)
        pygame.draw.ellipse(
            surface,
            theme.SHADE,
            pygame.Rect(cx - rx - 34, cy - ry - 30, 2 * rx + 68, 2 * ry + 60),
        )
        points = []
        for i in range(6):
            angle = -math.pi / 2 + i * math.tau / 6
            points.append((cx + rx * math.cos(angle), cy + ry * math.sin(angle)))
        for i, a in enumerate(points):
            for b in points[i + 1 :]:
                pygame.draw.aaline(surface, theme.LINE, a, b)
        radius = max(12, int(ry * 0.22))
        for i, (x, y) in enumerate(points):
            colour = theme.FIRM_COLOURS[i % len(theme.FIRM_COLOURS)]
            r = radius + (6 if i == 0 else 0)
            pygame.draw.circle(surface, colour, (int(x), int(y)), r)
            pygame.draw.circle(surface, theme.CARD, (int(x), int(y)), r, width=3)
            if i == 0:
                pygame.draw.circle(surface, theme.INK, (int(x), int(y)), r + 4, width=2)
                label = pygame.Rect(int(x) + r + 10, int(y) - 14, 90, 28)
                draw_text(
                    surface,
                    self.tr("howto.goal.you"),
                    label,
                    sizes.body,
                    theme.INK,
                    bold=True,
                    valign="middle",
                )

    def draw_phase_ladder(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        sizes = self.text_sizes
        draw_text(
            surface,
            self.tr("howto.goal.phases"),
            pygame.Rect(area.x, area.y, area.width, sizes.small + 8),
            sizes.small,
            theme.MUTED,
            bold=True,
            align="center",
        )
        steps = pygame.Rect(
            area.x, area.y + sizes.small + 14, area.width, area.height - sizes.small - 14
        )
        width = min(steps.width // 4, 110)
        left = steps.centerx - 2 * width
        for i, roman in enumerate(ROMAN):
            height = int(steps.height * (0.3 + 0.7 * (i + 1) / 4))
            rect = pygame.Rect(left + i * width + 3, steps.bottom - height, width - 6, height)
            current = i == 2
            pygame.draw.rect(surface, theme.BLUE if current else theme.SHADE, rect, border_radius=6)
            pygame.draw.rect(
                surface, theme.BLUE if current else theme.LINE, rect, 2, border_radius=6
            )
            draw_text(
                surface,
                roman,
                rect.inflate(-4, -4),
                sizes.heading,
                theme.CARD if current else theme.MUTED,
                bold=True,
                align="center",
                valign="middle",
            )

    # page 2 ---------------------------------------------------------------------------------

    def draw_decide(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        sizes = self.text_sizes
        intro = pygame.Rect(body.x, body.y, body.width, sizes.body + 10)
        draw_text(surface, self.tr("howto.decide.intro"), intro, sizes.body, theme.MUTED)
        top = intro.bottom + 14
        columns_h = int((body.bottom - top) * 0.6)
        gap = 24
        col_w = (body.width - 2 * gap) // 3
        columns = []
        for i, action in enumerate(ACTIONS):
            col = pygame.Rect(body.x + i * (col_w + gap), top, col_w, columns_h)
            icon = pygame.Rect(col.x + 14, col.y + 12, 56, 56)
            text = pygame.Rect(
                col.x + 18, icon.bottom + 8, col.width - 36, col.bottom - icon.bottom - 18
            )
            columns.append((action, col, icon, text))
        size = common_size(
            # keys: howto.decide.{game.ui.scenes.how_to_play.ACTIONS}
            [(self.tr(f"howto.decide.{a}"), text) for a, _, _, text in columns],
            sizes.body,
        )
        for action, col, icon, text in columns:
            colour = theme.ACTION_COLOURS[action]
            card(surface, col, border=colour, width=2)
            draw_action_icon(surface, action, icon)
            draw_text(
                surface,
                self.tr(f"action.{action}"),  # keys: action.{game.ui.scenes.how_to_play.ACTIONS}
                pygame.Rect(icon.right + 10, col.y + 12, col.right - icon.right - 24, 56),
                sizes.body + 2,
                colour,
                bold=True,
                valign="middle",
            )
            # keys: howto.decide.{game.ui.scenes.how_to_play.ACTIONS}
            draw_text(surface, self.tr(f"howto.decide.{action}"), text, size, theme.INK)
        band = pygame.Rect(
            body.x, top + columns_h + 20, body.width, body.bottom - top - columns_h - 20
        )
        pygame.draw.rect(surface, theme.PAPER, band, border_radius=10)
        text = pygame.Rect(band.x + 20, band.y + 12, int(band.width * 0.42), band.height - 24)
        draw_text(
            surface,
            self.tr("howto.dilemma.title"),
            pygame.Rect(text.x, text.y, text.width, sizes.body + 10),
            sizes.body,
            theme.INK,
            bold=True,
        )
        draw_text(
            surface,
            self.tr("howto.dilemma.text"),
            pygame.Rect(
                text.x, text.y + sizes.body + 14, text.width, text.height - sizes.body - 14
            ),
            sizes.body,
            theme.INK,
        )
        chart = pygame.Rect(
            text.right + 32, band.y + 12, band.right - text.right - 52, band.height - 24
        )
        self.draw_dilemma_chart(surface, chart)

    def draw_dilemma_chart(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        sizes = self.text_sizes
        label_h = sizes.small + 6
        draw_text(
            surface,
            self.tr("howto.dilemma.axis"),
            pygame.Rect(area.x, area.y, area.width, label_h),
            sizes.small,
            theme.MUTED,
        )
        rows = pygame.Rect(area.x, area.y + label_h + 6, area.width, area.height - label_h - 6)
        pitch = rows.height // len(DILEMMA_EXAMPLE)
        label_w = int(rows.width * 0.38)
        for i, (key, value) in enumerate(DILEMMA_EXAMPLE):
            row = pygame.Rect(rows.x, rows.y + i * pitch, rows.width, pitch)
            action = "cooperate" if key == "all_coop" else "defect"
            icon = pygame.Rect(row.x, row.centery - 14, 28, 28)
            draw_action_icon(surface, action, icon)
            draw_text(
                surface,
                # keys: howto.dilemma.{game.ui.scenes.how_to_play.DILEMMA_EXAMPLE[0]}
                self.tr(f"howto.dilemma.{key}"),
                pygame.Rect(icon.right + 6, row.y, label_w - 34, row.height),
                sizes.small,
                theme.INK,
                valign="middle",
            )
            bar_h = max(min(pitch - 10, 22), 6)
            full = row.right - (row.x + label_w) - 8
            bar = pygame.Rect(row.x + label_w, row.centery - bar_h // 2, int(full * value), bar_h)
            pygame.draw.rect(surface, theme.ACTION_COLOURS[action], bar, border_radius=4)

    # page 3 ---------------------------------------------------------------------------------

    def draw_trust(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        sizes = self.text_sizes
        left = pygame.Rect(body.x, body.y, int(body.width * 0.46), body.height)
        callout_h = 3 * (sizes.body + 8) + 16
        text = pygame.Rect(left.x, left.y, left.width, left.height - callout_h - 16)
        drawn = draw_text(surface, self.tr("howto.trust.text"), text, sizes.body, theme.INK)
        callout_y = min(drawn.bottom + 28, left.bottom - callout_h)
        callout = pygame.Rect(left.x, callout_y, left.width, callout_h)
        pygame.draw.rect(surface, theme.PAPER, callout, border_radius=10)
        pygame.draw.rect(
            surface, theme.VERMILLION, (callout.x, callout.y, 6, callout.h), border_radius=3
        )
        draw_text(
            surface,
            self.tr("howto.trust.key"),
            callout.inflate(-40, -16).move(4, 0),
            sizes.body,
            theme.INK,
            bold=True,
            valign="middle",
        )
        right = pygame.Rect(left.right + 48, body.y, body.right - left.right - 48, body.height)
        top = pygame.Rect(right.x, right.y, right.width, int(right.height * 0.56))
        bottom = pygame.Rect(right.x, top.bottom + 20, right.width, right.bottom - top.bottom - 20)
        self.draw_trust_chart(surface, top)
        self.draw_detection_chart(surface, bottom)

    def draw_trust_chart(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        sizes = self.text_sizes
        label_h = sizes.small + 6
        draw_text(
            surface,
            self.tr("common.trust"),
            pygame.Rect(area.x, area.y, area.width // 2, label_h),
            sizes.small,
            theme.MUTED,
            bold=True,
        )
        plot = pygame.Rect(
            area.x + 10, area.y + label_h + 8, area.width - 20, area.height - 2 * label_h - 16
        )
        pygame.draw.line(surface, theme.LINE, plot.bottomleft, plot.bottomright, 2)
        pygame.draw.line(surface, theme.LINE, plot.bottomleft, plot.topleft, 2)
        n = len(TRUST_PATH)
        points = [
            (plot.x + int(i * plot.width / (n - 1)), plot.bottom - int(v * plot.height))
            for i, v in enumerate(TRUST_PATH)
        ]
        pygame.draw.lines(surface, theme.BLUE, False, points[:CAUGHT_AT], 4)
        pygame.draw.lines(
            surface, theme.VERMILLION, False, points[CAUGHT_AT - 1 : CAUGHT_AT + 1], 4
        )
        pygame.draw.lines(surface, theme.BLUE, False, points[CAUGHT_AT:], 4)
        for i, p in enumerate(points):
            pygame.draw.circle(surface, theme.VERMILLION if i == CAUGHT_AT else theme.BLUE, p, 5)
        caught = points[CAUGHT_AT]
        tag = pygame.Rect(0, 0, 170, sizes.small + 8)
        tag.midright = (caught[0] - 14, caught[1])
        draw_text(
            surface,
            self.tr("howto.trust.caught"),
            tag,
            sizes.small,
            theme.VERMILLION,
            bold=True,
            align="right",
            valign="middle",
        )
        draw_text(
            surface,
            self.tr("howto.trust.seasons"),
            pygame.Rect(plot.x, plot.bottom + 6, plot.width, label_h),
            sizes.small,
            theme.MUTED,
            align="right",
        )

    def draw_detection_chart(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        sizes = self.text_sizes
        label_h = sizes.small + 6
        draw_text(
            surface,
            self.tr("howto.trust.detection"),
            pygame.Rect(area.x, area.y, area.width, label_h),
            sizes.small,
            theme.MUTED,
            bold=True,
        )
        rows = pygame.Rect(area.x, area.y + label_h + 8, area.width, area.height - label_h - 8)
        pitch = rows.height // len(DETECTION_EXAMPLE)
        label_w = max(110, int(rows.width * 0.24))
        for i, (members, chance) in enumerate(DETECTION_EXAMPLE):
            row = pygame.Rect(rows.x, rows.y + i * pitch, rows.width, pitch)
            draw_text(
                surface,
                self.tr("howto.trust.members", n=members),
                pygame.Rect(row.x, row.y, label_w - 10, row.height),
                sizes.small,
                theme.INK,
                valign="middle",
            )
            bar_h = max(min(pitch - 10, 22), 6)
            full = row.width - label_w
            track = pygame.Rect(row.x + label_w, row.centery - bar_h // 2, full, bar_h)
            pygame.draw.rect(surface, theme.SHADE, track, border_radius=4)
            pygame.draw.rect(
                surface, theme.SKY, (track.x, track.y, int(full * chance), bar_h), border_radius=4
            )

    # page 4 ---------------------------------------------------------------------------------

    def condition_name(self, condition: str) -> str:
        return pick(condition_names()[condition], self.ctx.lang)

    def draw_contract(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        sizes = self.text_sizes
        intro_h = 2 * (sizes.body + 8)
        draw_text(
            surface,
            self.tr("howto.contract.intro"),
            pygame.Rect(body.x, body.y, body.width, intro_h),
            sizes.body,
            theme.MUTED,
        )
        top = body.y + intro_h + 16
        gap = 40
        col_w = (body.width - gap) // 2
        pitch = (body.bottom - top) // 4
        cells = []
        for i, cond in enumerate(CONDITIONS):
            col, row = divmod(i, 4)
            cell = pygame.Rect(body.x + col * (col_w + gap), top + row * pitch, col_w, pitch - 10)
            disc = pygame.Rect(cell.x + 12, cell.centery - 17, 34, 34)
            text = pygame.Rect(
                disc.right + 14, cell.y + 4, cell.right - disc.right - 26, cell.height - 8
            )
            name_h = sizes.body + 6
            name = pygame.Rect(text.x, text.centery - name_h, text.width, name_h)
            line = pygame.Rect(text.x, text.centery, text.width, text.bottom - text.centery)
            cells.append((i, cond, cell, disc, name, line))
        name_size = common_size(
            [(self.condition_name(c), name) for _, c, _, _, name, _ in cells], sizes.body, True
        )
        line_size = common_size(
            # keys: howto.cond.{game.engine.contract.CONDITIONS}.text
            [(self.tr(f"howto.cond.{c}.text"), line) for _, c, _, _, _, line in cells],
            sizes.small,
        )
        for i, cond, cell, disc, name, line in cells:
            pygame.draw.rect(surface, theme.PAPER, cell, border_radius=10)
            pygame.draw.circle(surface, theme.BLUE, disc.center, 17)
            draw_text(
                surface,
                str(i + 1),
                disc,
                sizes.small,
                theme.CARD,
                bold=True,
                align="center",
                valign="middle",
            )
            draw_text(
                surface,
                self.condition_name(cond),
                name,
                name_size,
                theme.INK,
                bold=True,
                valign="bottom",
            )
            # keys: howto.cond.{game.engine.contract.CONDITIONS}.text
            draw_text(surface, self.tr(f"howto.cond.{cond}.text"), line, line_size, theme.INK)

    # page 5 ---------------------------------------------------------------------------------

    def draw_cluster(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        sizes = self.text_sizes
        left = pygame.Rect(body.x, body.y, int(body.width * 0.36), body.height)
        draw_text(surface, self.tr("howto.cluster.text"), left, sizes.body, theme.INK)
        chart = pygame.Rect(left.right + 40, body.y, body.right - left.right - 40, body.height)
        self.draw_phase_grid(surface, chart)

    def draw_phase_grid(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Cuadro 2 in miniature: each dimension's bar grows phase by phase; the last three are
        characterised only for phase IV, and the game reads them from phase III's level."""
        sizes = self.text_sizes
        note_h = sizes.small + 8
        foot_h = 2 * note_h + 6
        label_w = int(area.width * 0.34)
        head_h = sizes.small + 16
        col_w = (area.width - label_w) // 4
        grid_top = area.y + head_h
        pitch = (area.bottom - foot_h - 10 - grid_top) // len(DIMENSIONS)
        for p in range(4):
            head = pygame.Rect(area.x + label_w + p * col_w, area.y, col_w, head_h - 6)
            draw_text(
                surface,
                self.tr("howto.phase.roman", roman=ROMAN[p]),
                head,
                sizes.small,
                theme.BLUE if p == 2 else theme.MUTED,
                bold=True,
                align="center",
                valign="bottom",
            )
        labels = [
            # keys: dim.{game.ui.scenes.how_to_play.DIMENSIONS}
            (self.tr(f"dim.{dim}"), pygame.Rect(area.x + 10, 0, label_w - 16, pitch))
            for dim in DIMENSIONS
        ]
        label_size = common_size(labels, sizes.small)
        for r in range(len(DIMENSIONS)):
            row = pygame.Rect(area.x, grid_top + r * pitch, area.width, pitch)
            if r % 2 == 0:
                pygame.draw.rect(surface, theme.PAPER, row, border_radius=6)
            draw_text(
                surface,
                labels[r][0],
                pygame.Rect(row.x + 10, row.y, label_w - 16, row.height),
                label_size,
                theme.INK,
                valign="middle",
            )
            mature = r >= 4  # read from phase III on (game.engine.cluster.MATURE_DIMENSIONS)
            for p in range(4):
                cell = pygame.Rect(area.x + label_w + p * col_w, row.y, col_w, row.height)
                if mature and p < 2:
                    pygame.draw.line(
                        surface,
                        theme.LINE,
                        (cell.centerx - 8, cell.centery),
                        (cell.centerx + 8, cell.centery),
                        2,
                    )
                    continue
                level = (p + 1) / 4
                bar_w = int((col_w - 24) * level)
                bar = pygame.Rect(cell.centerx - (col_w - 24) // 2, cell.centery - 6, bar_w, 12)
                pygame.draw.rect(surface, theme.BLUE if p == 2 else theme.SKY, bar, border_radius=4)
        legend = " · ".join(
            # keys: howto.phase.{game.engine.rules.PHASES}
            self.tr("howto.phase.legend", roman=ROMAN[p], name=self.tr(f"howto.phase.{p + 1}"))
            for p in range(4)
        )
        foot = pygame.Rect(area.x, area.bottom - foot_h, area.width, note_h)
        draw_text(surface, legend, foot, sizes.small, theme.INK, align="right")
        draw_text(
            surface,
            self.tr("howto.cluster.note"),
            foot.move(0, note_h + 6),
            sizes.small,
            theme.MUTED,
            align="right",
        )


def common_size(items: list[tuple[str, pygame.Rect]], size: int, bold: bool = False) -> int:
    """The largest size up to ``size`` at which every text fits its box, so that texts side by
    side share one size instead of each shrinking on its own."""
    for candidate in range(size, MIN_SIZE - 1, -1):
        face = font(candidate, bold)
        if all(
            len(wrap(text, face, box.width)) * face.get_linesize() <= box.height
            for text, box in items
        ):
            return candidate
    return MIN_SIZE


def fitting_word_size(texts: list[str], width: int, size: int, bold: bool = False) -> int:
    """The largest size up to ``size`` at which no single word is wider than ``width``."""
    words = [w for text in texts for w in text.split()]
    for candidate in range(size, MIN_SIZE - 1, -1):
        face = font(candidate, bold)
        if all(face.size(word)[0] <= width for word in words):
            return candidate
    return MIN_SIZE


def draw_outcome_badge(
    surface: pygame.Surface, kind: str, box: pygame.Rect, colour: tuple[int, int, int]
) -> None:
    """An arrow up (advance), down (collapse) or flat (stagnation) in a circle."""
    pygame.draw.circle(surface, colour, box.center, box.width // 2)
    cx, cy = box.center
    s = box.width // 4
    white = theme.CARD
    if kind == "advance":
        pygame.draw.polygon(surface, white, [(cx, cy - s - 2), (cx - s, cy), (cx + s, cy)])
        pygame.draw.rect(surface, white, (cx - s // 3, cy, 2 * (s // 3) + 1, s + 2))
    elif kind == "collapse":
        pygame.draw.polygon(surface, white, [(cx, cy + s + 2), (cx - s, cy), (cx + s, cy)])
        pygame.draw.rect(surface, white, (cx - s // 3, cy - s - 2, 2 * (s // 3) + 1, s + 2))
    else:
        pygame.draw.rect(surface, white, (cx - s - 2, cy - 2, 2 * s + 4, 5), border_radius=2)


def draw_arrow_key(surface: pygame.Surface, key: pygame.Rect, direction: int) -> None:
    """A keyboard key with a left (−1) or right (1) arrow."""
    pygame.draw.rect(surface, theme.SHADE, key, border_radius=6)
    pygame.draw.rect(surface, theme.LINE, key, width=1, border_radius=6)
    cx, cy = key.center
    s = 6
    tip = (cx + direction * s, cy)
    pygame.draw.polygon(
        surface, theme.MUTED, [tip, (cx - direction * s, cy - s), (cx - direction * s, cy + s)]
    )
