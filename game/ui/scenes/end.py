"""The end of a game: how it ended and why, each firm's final figures, the final board.

Decisions are not revealed here (that is the debrief's job); only what was public: capital,
trust, the cluster's phase and dimensions. In a cluster level each firm's figures are taken at
the game's horizon (the seasons left after an early end are played out, :mod:`game.engine.horizon`)
and set against what it would have earned alone, so a collapse shows what it cost. The finished
game is already saved as finished.
"""

from __future__ import annotations

import pygame

from game.i18n import pick
from game.play.story import reason_text
from game.ui import flow, theme
from game.ui.board import draw_board, line_height, mix, money, scaled
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.scene import Scene, card, key_label
from game.ui.text import draw_text, fit, font

OUTCOME_COLOURS = {
    "advance": theme.GREEN,
    "collapse": theme.VERMILLION,
    "stagnation": theme.ORANGE,
}


@register_scene("end")
class EndScene(Scene):
    pausable = False

    def __init__(self, ctx: SceneContext | ContextOwner, quit_after: float | None = None) -> None:
        super().__init__(ctx)
        self.quit_after = quit_after
        self.time = 0.0

    def enter(self) -> None:
        super().enter()
        outcome = self.ctx.match.active_game.outcome if self.ctx.match else None
        if outcome is not None and outcome.kind in ("advance", "collapse"):
            self.ctx.sound(outcome.kind)

    @property
    def sizes(self) -> theme.TextSizes:
        return scaled(self.ctx, self.size[1])

    def layout(self) -> tuple[pygame.Rect, pygame.Rect, int]:
        w, h = self.size
        margin = 24 if h < 900 else 32
        gap = 14 if h < 900 else 18
        board_w = max(int(w * 0.38), 420)
        board = pygame.Rect(w - margin - board_w, margin, board_w, h - 2 * margin)
        left = pygame.Rect(margin, margin, board.left - 2 * margin + 4, h - 2 * margin)
        return board, left, gap

    def build(self) -> None:
        _, left, gap = self.layout()
        bh = 56
        entries = [
            ("end.debrief", self.open_debrief, pygame.K_RETURN, True),
            ("end.again", self.play_again, pygame.K_j, False),
            ("common.to_title", self.to_title, pygame.K_ESCAPE, False),  # Esc: back()
        ]
        # each button as wide as its label, the spare width shared out evenly
        needs = [
            font(self.text_sizes.widget, primary).size(
                f"{self.tr(k)}  ({key_label(key, self.ctx.lang)})"
            )[0]
            + 28
            for k, _, key, primary in entries
        ]
        spare = max(left.width - gap * (len(entries) - 1) - sum(needs), 0) // len(entries)
        x = left.x
        for (text, run, key, primary), need in zip(entries, needs, strict=True):
            width = need + spare
            self.button(
                (x, left.bottom - bh, width, bh), self.tr(text), run, key=key, primary=primary
            )
            x += width + gap

    def open_debrief(self) -> None:
        if self.ctx.match is not None and self.ctx.match.game is not None:
            flow.open_debrief(self.ctx, self.ctx.match)

    def to_title(self) -> None:
        flow.to_title(self.ctx)

    def play_again(self) -> None:
        flow.play_again(self.ctx)

    def back(self) -> None:
        self.to_title()

    def on_key(self, event: pygame.event.Event) -> bool:
        """Enter opens the debrief (its button); D, the key it had before, still does."""
        if event.key == pygame.K_d:
            self.open_debrief()
            return True
        return super().on_key(event)

    def update(self, dt: float) -> None:
        self.time += dt
        if self.quit_after is not None and self.time >= self.quit_after:
            self.quit_after = None
            self.ctx.quit()

    # -- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.PAPER)
        match = self.ctx.match
        if match is None or match.game is None:
            return
        board, left, gap = self.layout()
        draw_board(surface, board, self.ctx, match)
        game = match.active_game
        outcome = game.outcome
        s = self.sizes
        dilemma = game.level.is_dilemma
        kind = outcome.kind if outcome else "stagnation"
        colour = OUTCOME_COLOURS[kind]
        # banner
        title_h = line_height(s.title, True)
        banner = pygame.Rect(left.x, left.y, left.w, title_h + line_height(s.body) + 40)
        card(surface, banner, border=colour, width=3, fill=mix(colour, theme.CARD, 0.9))
        icon = pygame.Rect(banner.x + 20, banner.centery - 32, 64, 64)
        draw_outcome_icon(surface, icon, kind, colour)
        text_x = icon.right + 20
        # keys: end.dilemma.{game.engine.outcome.OutcomeKind}
        # keys: outcome.{game.engine.outcome.OutcomeKind}
        title = self.tr(f"end.dilemma.{kind}" if dilemma else f"outcome.{kind}")
        draw_text(
            surface,
            title,
            pygame.Rect(text_x, banner.y + 14, banner.right - text_x - 20, title_h),
            s.title,
            theme.INK,
            bold=True,
        )
        seasons = outcome.season if outcome else game.state.season
        played = self.tr(
            "end.played_rounds"
            if dilemma
            else ("end.played.one" if seasons == 1 else "end.played"),
            level=pick(game.level.name, self.ctx.lang),
            seasons=seasons,
        )
        draw_text(
            surface,
            played,
            pygame.Rect(
                text_x, banner.y + 14 + title_h, banner.right - text_x - 20, line_height(s.body)
            ),
            s.body,
            theme.MUTED,
        )
        y = banner.bottom + gap
        bottom = left.bottom - 56 - gap
        tiles_h = line_height(s.small) + line_height(s.heading, True) + 20
        firms_need = (
            line_height(s.body, True)
            + 8
            + (len(game.state.firms) + 1) * (line_height(s.small) + 4)
            + line_height(s.small) * (1 if dilemma else 3)
            + 28
        )
        texts = (
            [reason_text(game.level, r, self.ctx.lang) for r in outcome.reasons] if outcome else []
        )
        width = left.w - 36 - 20
        lines = sum(len(fit(t, pygame.Rect(0, 0, width, 10_000), s.body)[1]) for t in texts)
        if len(texts) > 4:  # many reasons go in two columns
            lines = (lines + 1) // 2 + 1
        reasons_need = line_height(s.body, True) + 6 + lines * (line_height(s.body) + 2) + 30
        if bottom - y - tiles_h - firms_need - reasons_need - 2 * gap >= 0:
            self.draw_tiles(surface, pygame.Rect(left.x, y, left.w, tiles_h), game, gap)
            y += tiles_h + gap
        # the firms' figures come before the reasons, whose text shrinks to fit
        firms_h = max(bottom - y - gap - reasons_need, min(firms_need, int((bottom - y) * 0.7)))
        reasons = pygame.Rect(left.x, y, left.w, bottom - y - firms_h - gap)
        self.draw_reasons(surface, reasons, game, colour)
        self.draw_firms(surface, pygame.Rect(left.x, reasons.bottom + gap, left.w, firms_h), game)

    def draw_tiles(self, surface, rect: pygame.Rect, game, gap: int) -> None:
        """Three figures at a glance: final trust, phase (or the group's points), seasons."""
        s = self.sizes
        from game.engine.rules import PHASE_NAMES
        from game.engine.trust import alliance_trust

        state = game.state
        level = game.level
        trust = alliance_trust(state.trust, game.members())
        seasons = game.outcome.season if game.outcome else state.season
        limit = level.rules.end.season_limit
        if level.is_dilemma:
            middle = (
                self.tr("end.tile.points"),
                f"{sum(f.capital for f in state.firms):.0f}",
                theme.INK,
            )
            count_label = self.tr("common.rounds")
        else:
            middle = (
                self.tr("end.tile.phase"),
                self.tr("end.tile.phase_value", roman=PHASE_NAMES.get(state.phase, "?")),
                theme.GREEN if state.phase > level.start_phase else theme.INK,
            )
            count_label = self.tr("common.seasons")
        tiles = [
            (self.tr("common.final_trust"), f"{trust:.2f}", theme.BLUE),
            middle,
            (count_label, self.tr("end.tile.count", n=seasons, limit=limit), theme.INK),
        ]
        w = (rect.w - 2 * gap) // 3
        label_h = line_height(s.small)
        for i, (label, value, colour) in enumerate(tiles):
            tile = pygame.Rect(rect.x + i * (w + gap), rect.y, w, rect.h)
            card(surface, tile)
            inner = tile.inflate(-28, -16)
            draw_text(
                surface,
                label,
                pygame.Rect(inner.x, inner.y, inner.w, label_h),
                s.small,
                theme.MUTED,
                bold=True,
            )
            draw_text(
                surface,
                value,
                pygame.Rect(inner.x, inner.y + label_h, inner.w, inner.h - label_h),
                s.heading,
                colour,
                bold=True,
                valign="middle",
            )

    def draw_reasons(self, surface, rect: pygame.Rect, game, colour) -> None:
        s = self.sizes
        card(surface, rect)
        inner = rect.inflate(-36, -24)
        head = line_height(s.body, True)
        draw_text(
            surface,
            self.tr("end.why"),
            pygame.Rect(inner.x, inner.y, inner.w, head),
            s.body,
            theme.INK,
            bold=True,
        )
        outcome = game.outcome
        if outcome is None:
            return
        texts = [reason_text(game.level, r, self.ctx.lang) for r in outcome.reasons]
        area = pygame.Rect(inner.x, inner.y + head + 6, inner.w, inner.bottom - inner.y - head - 6)
        if not texts or area.h < 14:
            return
        # the first reason across the card; many more go in two columns
        for size in (s.body, s.small, 13, 11):
            lh = line_height(size)
            first_h = len(fit(texts[0], pygame.Rect(0, 0, area.w - 20, 10_000), size)[1]) * lh
            rest = texts[1:]
            columns = 2 if len(rest) > 3 else 1
            col_w = (area.w - 20 * columns - 16 * (columns - 1)) // columns
            heights = [
                len(fit(t, pygame.Rect(0, 0, col_w, 10_000), size)[1]) * lh + 4 for t in rest
            ]
            per_column = (len(rest) + columns - 1) // columns if rest else 0
            rest_h = max(
                (sum(heights[c * per_column : (c + 1) * per_column]) for c in range(columns)),
                default=0,
            )
            if first_h + 6 + rest_h <= area.h or size == 11:
                break
        y = area.y
        self._bullet(surface, texts[0], pygame.Rect(area.x, y, area.w, first_h), size, colour)
        y += first_h + 6
        for c in range(columns):
            cy = y
            x = area.x + c * (col_w + 20 + 16)
            for text, h in list(zip(rest, heights, strict=True))[
                c * per_column : (c + 1) * per_column
            ]:
                if cy + h > area.bottom + 4:
                    break
                self._bullet(surface, text, pygame.Rect(x, cy, col_w + 20, h - 4), size, colour)
                cy += h

    def _bullet(self, surface, text: str, box: pygame.Rect, size: int, colour) -> None:
        if box.h < 11:
            return
        lh = line_height(size)
        pygame.draw.circle(surface, colour, (box.x + 6, box.y + lh // 2), 5)
        draw_text(
            surface,
            text,
            pygame.Rect(box.x + 20, box.y, box.w - 20, max(box.h, lh)),
            size,
            theme.INK,
        )

    def draw_firms(self, surface, rect: pygame.Rect, game) -> None:
        s = self.sizes
        card(surface, rect)
        inner = rect.inflate(-36, -24)
        dilemma = game.level.is_dilemma
        head = line_height(s.body, True)
        draw_text(
            surface,
            self.tr("end.firms"),
            pygame.Rect(inner.x, inner.y, inner.w, head),
            s.body,
            theme.INK,
            bold=True,
        )
        y = inner.y + head + 8
        note_h = line_height(s.small)
        n = len(game.state.firms)
        notes = [self.tr("end.debrief_note")]
        if not dilemma:
            notes.insert(0, self.horizon_note(game))
        wrap = pygame.Rect(0, 0, inner.w, 10_000)
        note_lines = [len(fit(note, wrap, s.small)[1]) for note in notes]
        rows_bottom = inner.bottom - sum(note_lines) * note_h - 4
        # the rows come first: short of room, the notes go, the debrief's first
        while notes and (rows_bottom - y) // (n + 1) < line_height(s.small) + 4:
            notes, note_lines = notes[:-1], note_lines[:-1]
            rows_bottom = inner.bottom - sum(note_lines) * note_h - 4
        # the largest text whose rows all fit, down to 11 px
        room = max((rows_bottom - y) // (n + 1), 12)
        sizes = (s.body, s.small, 13, 11)
        row_size = next((size for size in sizes if line_height(size) + 2 <= room), 11)
        row_h = min(line_height(row_size) + 6, room)
        column_w = int(inner.w * (0.24 if dilemma else 0.19))
        columns = 2 if dilemma else 3
        name_w = inner.w - columns * column_w - 8 * columns
        column_x = [inner.right - (columns - i) * column_w for i in range(columns)]
        labels = (
            ["common.points", "end.change"] if dilemma else ["end.final", "end.earned", "end.alone"]
        )
        headers = [(self.tr(k), x, column_w) for k, x in zip(labels, column_x, strict=True)]
        for label, x, w in headers:
            draw_text(
                surface,
                label,
                pygame.Rect(x, y, w, row_h),
                s.small,
                theme.MUTED,
                bold=True,
                align="right",
                valign="middle",
            )
        y += row_h
        if dilemma:
            changes = [0.0] * n
            for report in game.reports:
                for firm_id, amount in report.capital_change.items():
                    changes[firm_id] += amount
        else:
            final, earned, alone = game.final_capital(), game.payoffs(), game.alone_payoffs()
        for firm in game.state.firms:
            if y + row_h > rows_bottom + 1:
                break
            colour = theme.FIRM_COLOURS[firm.id % len(theme.FIRM_COLOURS)]
            pygame.draw.rect(
                surface, colour, pygame.Rect(inner.x, y + 3, 5, row_h - 6), border_radius=2
            )
            name = firm.name
            if not firm.member:
                # keys: firm.{game.engine.reports.LEFT_REASONS}
                status = self.tr(f"firm.{firm.left_reason or 'expelled'}")
                name = f"{name} ({status})"
            draw_text(
                surface,
                name,
                pygame.Rect(inner.x + 14, y, name_w - 14, row_h),
                row_size,
                theme.MUTED if not firm.member else theme.INK,
                valign="middle",
            )
            if dilemma:
                change = changes[firm.id]
                cells = [
                    (self.tr("common.points_value", points=firm.capital), theme.INK),
                    (f"{change:+.0f}", theme.GREEN if change >= 0 else theme.VERMILLION),
                ]
            else:
                mine, yardstick = earned[firm.id], alone[firm.id]
                cells = [
                    (money(self.ctx, final[firm.id]), theme.INK),
                    (self.signed(mine), theme.GREEN if mine >= yardstick else theme.VERMILLION),
                    (self.signed(yardstick), theme.MUTED),
                ]
            for (text, text_colour), x in zip(cells, column_x, strict=True):
                draw_text(
                    surface,
                    text,
                    pygame.Rect(x, y, column_w, row_h),
                    row_size,
                    text_colour,
                    bold=True,
                    align="right",
                    valign="middle",
                )
            y += row_h
        note_y = rows_bottom + 4
        for note, lines in zip(notes, note_lines, strict=True):
            box = pygame.Rect(inner.x, note_y, inner.w, lines * note_h)
            draw_text(surface, note, box, s.small, theme.MUTED)
            note_y += lines * note_h

    def signed(self, amount: float) -> str:
        sign = "+" if amount >= 0 else "−"
        return self.tr("end.change_value", sign=sign, amount=money(self.ctx, abs(amount)))

    def horizon_note(self, game) -> str:
        """What happened between the game's end and its horizon, in one sentence."""
        epilogue, outcome = game.epilogue, game.outcome
        if epilogue is None or outcome is None or epilogue.mode == "none":
            return self.tr("end.horizon.none")
        one = ".one" if epilogue.seasons == 1 else ""
        return self.tr(
            # keys: end.horizon.alone end.horizon.alone.one end.horizon.alliance
            # keys: end.horizon.alliance.one
            f"end.horizon.{epilogue.mode}{one}",
            season=outcome.season,
            left=epilogue.seasons,
            limit=game.level.rules.end.season_limit,
        )


def draw_outcome_icon(surface: pygame.Surface, box: pygame.Rect, kind: str, colour) -> None:
    c = box.center
    r = box.w // 2
    pygame.draw.circle(surface, theme.CARD, c, r)
    pygame.draw.circle(surface, colour, c, r, 4)
    if kind == "advance":
        pygame.draw.polygon(
            surface,
            colour,
            [(c[0], c[1] - r + 12), (c[0] + r - 16, c[1] + 2), (c[0] - r + 16, c[1] + 2)],
        )
        pygame.draw.rect(surface, colour, pygame.Rect(c[0] - 6, c[1], 12, r - 12))
    elif kind == "collapse":
        pygame.draw.polygon(
            surface,
            colour,
            [(c[0], c[1] + r - 12), (c[0] + r - 16, c[1] - 2), (c[0] - r + 16, c[1] - 2)],
        )
        pygame.draw.rect(surface, colour, pygame.Rect(c[0] - 6, c[1] - r + 12, 12, r - 12))
    else:
        pygame.draw.line(surface, colour, (c[0] - r + 14, c[1]), (c[0] + r - 14, c[1]), 8)
