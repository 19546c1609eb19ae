"""The season: each person's secret decision, a privacy hand-off between them, the resolution.

The turn itself (whose it is, the decision timer, when the season resolves, how far its story
is told) is a pygame-free state machine, :class:`game.play.turn.TurnMachine`; this screen draws
its phase and turns clicks and keys into its events. The board (game.ui.board) is always on the
right. On the left, by the machine's phase:

* ``HANDOFF``: "pass the computer to <name>" (only with two or more people at the screen);
  nothing private of the previous person is on screen while it shows;
* ``DECIDING``: the event, the joint order, this firm's private outside offer and the three
  decisions (two in the tutorial);
* ``LOOK``: "everyone look at the screen" before resolving (two or more people);
* ``RESOLUTION``: the season told step by step, the board's numbers moving from before to
  after; then the next season or the end (``ENDED`` opens the end screen).

In demo mode every seat is a computer: no hand-offs, and the seasons go on by themselves.

The decision timer (issue 4, set in the facilitator's options and kept with the match): each
person's turn, from the hand-off to the confirmed decision, has ``match.timer_seconds``. The
clock only runs while this screen is on top (the pause menu pauses the machine) and never in the
demo. When it runs out, the machine has ``match.decide_for_absent`` decide with the
facilitator's personality and the game moves on as after a confirmed decision, with a note that
names the firm but never says what was decided (the next person may already be looking).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import pygame

from game.engine.forecast import ChoiceForecast, Forecast, forecast
from game.engine.reports import SeasonReport
from game.engine.state import Action, Decision, InvestTarget
from game.i18n import pick
from game.play.match import MatchError
from game.play.own_result import own_result
from game.play.story import StoryStep
from game.play.turn import Pace, Phase, TurnMachine, pace_for
from game.ui import theme
from game.ui.board import (
    BoardNumbers,
    blend,
    draw_bar,
    draw_board,
    draw_check,
    draw_cross,
    draw_person,
    line_height,
    mix,
    money,
    numbers_of,
    reveal,
    scaled,
)
from game.ui.director import register_scene
from game.ui.icons import draw_action_icon, draw_target_icon
from game.ui.scene import Scene, card, key_label
from game.ui.text import draw_text, fit, font

log = logging.getLogger(__name__)


MONEY_COLUMNS = ("accepted", "cancelled", "cost", "fine")
"""The columns of what each choice would leave the firm this season."""
ACTION_KEYS = {
    Action.COOPERATE: pygame.K_c,
    Action.DEFECT: pygame.K_f,
    Action.INVEST: pygame.K_i,
}
TARGET_KEYS = {
    InvestTarget.QUALITY: pygame.K_1,
    InvestTarget.TECHNOLOGY: pygame.K_2,
    InvestTarget.BRAND: pygame.K_3,
    InvestTarget.INSTITUTIONS: pygame.K_4,
}


def play_sound(app, name: str) -> None:
    """A sound for a moment of the game; silently nothing if sound is unavailable."""
    try:
        from game.ui import sound
    except ImportError:
        return
    try:
        sound.play(app, name)
    except Exception:  # a sound must never stop the game
        log.exception("sound %s failed", name)


@dataclass(slots=True)
class Layout:
    board: pygame.Rect
    left: pygame.Rect
    margin: int
    gap: int


@register_scene("season")
class SeasonScene(Scene):
    """Draws the season's turn and turns clicks and keys into the turn machine's events.

    Whose turn it is, the decision timer, when the season resolves and how much of its story is
    told all live in :class:`TurnMachine` (``self.turn``); this scene keeps only what is the
    screen's own: the option picked but not yet confirmed, the board's numbers before and after
    for the animation, the sounds already played and what the autosave said."""

    pausable = True

    def __init__(self, app, demo: bool = False, exit_at_end: bool = False) -> None:
        super().__init__(app)
        self.demo = demo
        self.exit_at_end = exit_at_end
        self.choice: Action | None = None
        self.target: InvestTarget | None = None
        self.chosen_page: int | None = None  # the story's page turned to once it is told
        self.watched = False  # the story was seen being told, not shown all at once
        self.sounded = 0
        self.before: BoardNumbers | None = None
        self.after: BoardNumbers | None = None
        self.message: str | None = None
        self.saved = False
        self.not_saved: str | None = None  # why the last autosave failed, if it did
        self.set_aside: str | None = None  # the name a file in the save's way was kept under
        self.rects: dict[str, pygame.Rect] = {}
        self.option_rows = False
        self.target_grid = False
        self.memo: dict[tuple, object] = {}  # text layouts, measured once per build
        self.built_told = False  # whether the resolution's buttons were built for a told story
        # Last: building the machine may resolve a season at once, which calls back here.
        self.turn = TurnMachine(
            self.match,
            demo=demo,
            pace=self.pace,
            on_resolving=self.season_resolving,
            on_resolved=self.season_resolved,
        )
        if self.turn.phase is Phase.RESOLUTION and self.before is None:
            self.sounded = len(self.turn.story)  # restored from a save: told, and heard, at once

    # -- state -------------------------------------------------------------------------------

    @property
    def match(self):
        return self.app.match

    @property
    def mode(self) -> Phase:
        return self.turn.phase

    @property
    def seat(self) -> int | None:
        return self.turn.seat

    @property
    def turn_left(self) -> float | None:
        """Seconds left on this person's decision timer (None: no clock runs)."""
        return self.turn.time_left

    @property
    def timed_out(self) -> str | None:
        """The firm(s) the computer just decided for when time ran out."""
        names = [self.match.seats[seat].name for seat in self.turn.timed_out]
        return ", ".join(names) if names else None

    @property
    def story(self) -> list[StoryStep]:
        return self.turn.story

    @property
    def elapsed(self) -> float:
        return self.turn.story_elapsed

    @property
    def pace(self) -> Pace:
        return pace_for(self.app.settings.animation_speed)

    def turn_key(self) -> tuple[Phase, int | None, int]:
        return self.turn.phase, self.turn.seat, self.match.seasons_played

    def turn_moved(self, before: tuple[Phase, int | None, int]) -> bool:
        """After an event: if the turn moved, nothing of the last screen's choice stays."""
        if self.turn_key() == before:
            return False
        self.choice = self.target = None
        self.message = None
        return True

    def follow_seats(self) -> None:
        """After the facilitator changed who runs which firm (pause menu, Seats): the machine
        moves the turn on if the person on screen no longer decides."""
        before = self.turn_key()
        self.turn.seats_changed()
        self.turn_moved(before)

    def back(self) -> None:
        """Esc opens the pause menu, and every clock stops until the game is uncovered."""
        self.turn.pause()
        super().back()

    def uncovered(self) -> None:
        """Back from the pause menu: the clocks go on (at the pace the settings now say) and
        the facilitator may have handed firms over (Seats)."""
        self.turn.pace = self.pace
        self.turn.resume()
        self.follow_seats()
        super().uncovered()

    def season_resolving(self, turn: TurnMachine) -> None:
        self.before = numbers_of(turn.match)

    def season_resolved(self, turn: TurnMachine, report: SeasonReport) -> None:
        """Save the season (not in the demo), then start telling it."""
        self.saved = False
        self.not_saved = None
        self.set_aside = None
        if not self.demo:
            self.not_saved = self.app.autosave()
            self.saved = self.not_saved is None
            kept = self.app.set_aside.kept_at if self.app.set_aside is not None else None
            self.set_aside = kept.name if kept is not None else None
        self.after = numbers_of(turn.match)
        self.sounded = 0
        self.reveal_sounds(turn)

    # -- actions -----------------------------------------------------------------------------

    def show_decision(self) -> None:
        self.turn.open_private_screen()
        self.rebuild()

    def choose(self, action: Action) -> None:
        play_sound(self.app, "click")
        self.choice = action
        if action is not Action.INVEST:
            self.target = None
        self.message = None
        self.rebuild()

    def choose_target(self, target: InvestTarget) -> None:
        play_sound(self.app, "click")
        self.choice = Action.INVEST
        self.target = target
        self.message = None
        self.rebuild()

    def decision(self) -> Decision | None:
        if self.choice is None:
            return None
        if self.choice is Action.INVEST:
            return Decision(Action.INVEST, self.target) if self.target else None
        return Decision(self.choice)

    def confirm(self) -> None:
        decision = self.decision()
        if decision is None or self.seat is None:
            self.message = self.tr("season.confirm.tip")
            return
        try:
            self.turn.decide(self.seat, decision)
        except MatchError as error:
            self.message = self.tr("season.error", problem=str(error))
            self.rebuild()
            return
        self.choice = self.target = None
        self.message = None
        self.rebuild()

    def see_results(self) -> None:
        self.turn.look()
        self.rebuild()

    def carry_on(self) -> None:
        """After the resolution: the next season, or the ending."""
        self.before = self.after = None  # the next season may resolve at once and set them
        self.chosen_page, self.watched = None, False
        self.turn.carry_on()
        if self.turn.phase is Phase.ENDED:
            self.show_end()
            return
        self.choice = self.target = None
        self.message = None
        self.rebuild()

    def show_end(self) -> None:
        self.app.director.go("end", quit_after=4.0 if self.exit_at_end else None)

    # -- building ----------------------------------------------------------------------------

    def layout(self) -> Layout:
        w, h = self.size
        margin = 24 if h < 900 else 32
        gap = 14 if h < 900 else 18
        board_w = max(int(w * 0.38), 420)
        board = pygame.Rect(w - margin - board_w, margin, board_w, h - 2 * margin)
        left = pygame.Rect(margin, margin, board.left - 2 * margin + 4, h - 2 * margin)
        return Layout(board, left, margin, gap)

    @property
    def sizes(self) -> theme.TextSizes:
        return scaled(self.app, self.size[1])

    def build(self) -> None:
        self.rects = {}
        self.memo = {}
        {
            Phase.HANDOFF: self.build_handoff,
            Phase.LOOK: self.build_look,
            Phase.DECIDING: self.build_deciding,
            Phase.RESOLUTION: self.build_resolution,
        }[self.mode]()

    def _centre_card(self) -> pygame.Rect:
        left = self.layout().left
        w = min(left.width, 760)
        room = left.height - 2 * (line_height(self.sizes.small) + 20)
        h = min(room, max(400, int(left.height * 0.72)))
        box = pygame.Rect(0, 0, w, h)
        box.center = left.center
        return box

    def build_handoff(self) -> None:
        box = self._centre_card()
        self.rects["card"] = box
        name = self.match.seats[self.seat].name
        label = self.tr("season.handoff.button", name=name)
        if self.label_width(label, pygame.K_RETURN, True) + 24 > box.width - 64:
            label = self.tr("season.handoff.button_short")
        bw = min(box.width - 64, max(self.label_width(label, pygame.K_RETURN, True) + 48, 360))
        self.button(
            (box.centerx - bw // 2, box.bottom - 64 - 40, bw, 64),
            label,
            self.show_decision,
            key=pygame.K_RETURN,
            primary=True,
        )

    def build_look(self) -> None:
        box = self._centre_card()
        self.rects["card"] = box
        bw, bh = min(box.width - 64, 480), 64
        self.button(
            (box.centerx - bw // 2, box.bottom - bh - 40, bw, bh),
            self.tr("season.look.button"),
            self.see_results,
            key=pygame.K_RETURN,
            primary=True,
        )

    def button_height(self) -> int:
        s = self.sizes
        return max(48, line_height(s.body, True) + 20, int(self.size[1] * 0.062))

    def label_width(self, label: str, key: int | None, bold: bool = False) -> int:
        """Room a button needs for its label and shortcut in the widgets' font (main
        actions are bold)."""
        text = f"{label}  ({key_label(key, self.app.lang)})" if key is not None else label
        return font(self.text_sizes.widget, bold).size(text)[0] + 24

    def actions_here(self) -> list[Action]:
        if self.match.level.is_dilemma:
            return [Action.COOPERATE, Action.DEFECT]
        return [Action.COOPERATE, Action.DEFECT, Action.INVEST]

    def deciding_rects(self) -> dict[str, pygame.Rect]:
        """Where each part of the decision screen goes: measured from the texts it holds,
        squeezed proportionally on short windows, the confirm row always at the bottom.

        Options sit side by side when their labels fit, else one per row. Choosing Invertir
        shows the four targets in place of the order and offer cards (the space is sized for
        both, so nothing else moves)."""
        lay = self.layout()
        left, gap = lay.left, lay.gap
        s = self.sizes
        view = self.match.view(self.seat)
        dilemma = self.match.level.is_dilemma
        lh_s, lh_b = line_height(s.small), line_height(s.body, True)
        head = line_height(s.heading, True) + lh_s
        button_h = self.button_height()
        third = (left.w - 2 * gap) // 3

        def lines(text: str, width: int, size: int = s.small) -> int:
            return len(fit(text, pygame.Rect(0, 0, max(width, 40), 10_000), size)[1])

        rects: dict[str, pygame.Rect] = {}
        event_lines = lines(pick(view.event.text, self.app.lang), left.w - 96)
        row = lh_s + 3
        if dilemma:
            info = 24 + lh_b + 6 + lh_s + 8 + 3 * max(row, line_height(s.heading, True) + 8)
        else:
            info = self.info_height(view, third)
            tcol = (left.w - 24 - 3 * gap) // 4
            self.target_grid = any(
                # keys: target.{game.engine.state.InvestTarget}
                self.label_width(self.tr(f"target.{t.value}"), TARGET_KEYS[t]) > tcol
                for t in InvestTarget
            )
            if self.target_grid:
                targets = 20 + lh_b + 8 + 2 * 44 + 8 + lh_s + 8
            else:
                help_lines = max(
                    # keys: target.{game.engine.state.InvestTarget}.help
                    lines(self.tr(f"target.{t.value}.help"), tcol - 36)
                    for t in InvestTarget
                )
                targets = 20 + lh_b + 8 + min(help_lines, 3) * lh_s + 8 + button_h + 4
            info = max(info, targets)
        actions = self.actions_here()
        col = (left.w - gap * (len(actions) - 1)) // len(actions)
        self.option_rows = any(
            self.label_width(self.action_label(a), ACTION_KEYS[a]) > col - 24 for a in actions
        )
        icon = 48
        if self.option_rows:
            bw = max(self.label_width(self.action_label(a), ACTION_KEYS[a]) for a in actions)
            bw = min(bw, left.w // 2)
            help_w = left.w - 24 - 40 - 12 - bw - 12
            help_lines = max(lines(self.option_help(a, view), help_w) for a in actions)
            row_h = max(button_h, help_lines * lh_s) + 16
            options = len(actions) * row_h + (len(actions) - 1) * 8
        else:
            help_lines = max(lines(self.option_help(a, view), col - 34 - icon) for a in actions)
            options = 24 + max(icon, help_lines * lh_s) + 10 + button_h
        if not dilemma:  # the money table: a row per choice, its figures side by side
            self.option_rows = True
            geometry = self.money_geometry(view, left.w, button_h)
            n = len(actions)
            options = geometry["head_h"] + n * (geometry["row_h"] + geometry["help_h"])
            options += (n - 1) * 8 + 8
            least_options = geometry["head_h"] + n * geometry["row_h"] + (n - 1) * 6 + 8
            head += self.last_line_height(view, left.w)
        heights = {"event": 20 + lh_b + event_lines * lh_s, "info": info, "options": options}
        sections = ["event", "info", "options"]
        n = len(actions)
        if dilemma:
            least_options = (
                n * (button_h + 12) + (n - 1) * 8 if self.option_rows else button_h + 24 + 48
            )
        mins = {"event": lh_b + 24, "info": 150, "options": min(least_options, options)}
        space = left.height - head - button_h - gap * (len(sections) + 1)
        total = sum(heights[k] for k in sections)
        if total > space:
            excess = total - space
            for k in ("options", "event", "info"):  # the order and offer suffer last
                cut = min(max(heights[k] - mins[k], 0), excess)
                heights[k] -= cut
                excess -= cut
        else:
            extra = space - total
            grow = min(extra // 3, 64)
            heights["info"] += grow
            heights["options"] += grow
            heights["event"] += min(extra // 12, 20)
            extra -= 2 * grow + min(extra // 12, 20)
            gap += min(extra // (len(sections) + 1), gap)
        rects["head"] = pygame.Rect(left.x, left.y, left.w, head)
        y = left.y + head + gap
        for k in sections:
            rects[k] = pygame.Rect(left.x, y, left.w, heights[k])
            y += heights[k] + gap
        rects["confirm"] = pygame.Rect(left.x, left.bottom - button_h, left.w, button_h)
        # never under the confirm row, however short the window (the rows close up instead)
        rects["options"].h = min(rects["options"].h, rects["confirm"].y - 6 - rects["options"].y)
        rects["button_h"] = pygame.Rect(0, 0, 0, button_h)
        if dilemma:
            self._option_rects(rects, actions, button_h, gap)
        else:
            self._money_rects(rects, actions, self.money_geometry(view, left.w, button_h))
            self._target_rects(rects, button_h, gap)
        return rects

    # the money table ---------------------------------------------------------------------------

    def forecast(self, view) -> Forecast:
        """The engine's figures for this firm's three choices (game.engine.forecast)."""
        return self.remember(
            ("forecast", view.me.id, view.season), lambda: forecast(self.match.level, view)
        )

    def money_headers(self, view) -> tuple[str, list[str]]:
        """The table's assumption (how many others deliver) and its four column titles."""
        figures = self.forecast(view)
        others = figures.others_delivering
        if figures.fine_instalment >= 0.05:  # every figure already pays the fund its instalment
            key = "season.money.assume_one.owing" if others == 1 else "season.money.assume.owing"
        else:
            key = "season.money.assume_one" if others == 1 else "season.money.assume"
        assume = self.tr(
            key,
            n=others,
            paid=money(self.app, figures.fine_instalment),
            owed=money(self.app, view.me.fine_owed),
        )
        # keys: season.money.{game.ui.scenes.season.MONEY_COLUMNS}
        return assume, [self.tr(f"season.money.{c}") for c in MONEY_COLUMNS]

    def money_geometry(self, view, width: int, button_h: int) -> dict:
        """The money table's measures for a width: the lead (icon and button) of each row, the
        four figure columns, the header's height, a row's, and the help under each row."""

        def compute() -> dict:
            s = self.sizes
            lh = line_height(s.small)
            actions = self.actions_here()
            icon = 36
            bw = max(self.label_width(self.action_label(a), ACTION_KEYS[a]) for a in actions)
            bw = min(max(bw + 10, int(width * 0.28)), int(width * 0.38))
            lead = 12 + icon + 10 + bw + 14
            fig_w = width - lead - 12
            weights = (1.0, 1.0, 0.85, 1.15)
            cols = [int(fig_w * w / sum(weights)) for w in weights]
            assume, headers = self.money_headers(view)

            def count(text: str, w: int, bold: bool = False) -> int:
                box = pygame.Rect(0, 0, max(w, 40), 10_000)
                return len(fit(text, box, s.small, bold)[1])

            head_lines = max(count(h, c - 10, True) for h, c in zip(headers, cols, strict=True))
            head_h = max(head_lines, count(assume, lead - 12)) * line_height(s.small, True) + 6
            row_h = max(min(button_h, 44) + 10, 2 * line_height(s.small, True) + 6)
            help_w = width - 12 - icon - 10 - 12
            help_h = max(count(self.option_help(a, view), help_w) for a in actions) * lh + 6
            return {
                "icon": icon,
                "bw": bw,
                "lead": lead,
                "cols": cols,
                "head_h": head_h,
                "row_h": row_h,
                "help_h": help_h,
            }

        return self.remember(("money", width, button_h), compute)

    def _money_rects(self, rects, actions, geometry: dict) -> None:
        """A header (the assumption, the column titles) and a card per choice: its icon and
        button, its four figures, and its help below when there is room for all of it."""
        opt = rects["options"]
        head_h, row_h, help_h = geometry["head_h"], geometry["row_h"], geometry["help_h"]
        lead, icon, bw = geometry["lead"], geometry["icon"], geometry["bw"]
        n = len(actions)
        rects["opthead"] = pygame.Rect(opt.x, opt.y, opt.w, head_h)
        x = opt.x + lead
        for i, w in enumerate(geometry["cols"]):
            rects[f"opthead.{i}"] = pygame.Rect(x, opt.y, w, head_h)
            x += w
        rects["optassume"] = pygame.Rect(opt.x + 12, opt.y, lead - 24, head_h)
        top = opt.y + head_h + 4
        room = (opt.bottom - top - (n - 1) * 6) // n
        with_help = room >= row_h + help_h
        cell_h = row_h + help_h if with_help else min(row_h, room)
        step = cell_h + (8 if with_help and room >= cell_h + 8 else 6)
        for i, action in enumerate(actions):
            cell = pygame.Rect(opt.x, top + i * step, opt.w, cell_h)
            rects[f"option.{action.value}"] = cell
            band = pygame.Rect(cell.x, cell.y, cell.w, min(row_h, cell_h))
            size = min(icon, band.h - 12)
            rects[f"opticon.{action.value}"] = pygame.Rect(
                cell.x + 12, band.centery - size // 2, size, size
            )
            button = pygame.Rect(0, 0, bw, min(self.button_height(), 44, band.h - 10))
            button.midleft = (cell.x + 12 + icon + 10, band.centery)
            rects[f"optbtn.{action.value}"] = button
            x = cell.x + lead
            for j, w in enumerate(geometry["cols"]):
                rects[f"optfig.{action.value}.{j}"] = pygame.Rect(x, band.y + 6, w, band.h - 12)
                x += w
            if with_help:
                rects[f"opthelp.{action.value}"] = pygame.Rect(
                    cell.x + 12 + icon + 10, band.bottom - 4, cell.w - icon - 34, help_h
                )

    def _option_rects(self, rects, actions, button_h: int, gap: int) -> None:
        opt = rects["options"]
        if self.option_rows:
            n = len(actions)
            row_h = (opt.h - (n - 1) * 8) // n
            bw = max(self.label_width(self.action_label(a), ACTION_KEYS[a]) for a in actions)
            bw = min(bw, opt.w // 2)
            for i, action in enumerate(actions):
                cell = pygame.Rect(opt.x, opt.y + i * (row_h + 8), opt.w, row_h)
                icon = min(40, row_h - 12)
                rects[f"option.{action.value}"] = cell
                rects[f"opticon.{action.value}"] = pygame.Rect(
                    cell.x + 12, cell.centery - icon // 2, icon, icon
                )
                button = pygame.Rect(0, 0, bw, min(button_h, row_h - 10))
                button.midright = (cell.right - 10, cell.centery)
                rects[f"optbtn.{action.value}"] = button
                rects[f"opthelp.{action.value}"] = pygame.Rect(
                    cell.x + 24 + icon, cell.y + 6, button.x - cell.x - 36 - icon, row_h - 12
                )
            return
        col = (opt.w - gap * (len(actions) - 1)) // len(actions)
        for i, action in enumerate(actions):
            cell = pygame.Rect(opt.x + i * (col + gap), opt.y, col, opt.h)
            rects[f"option.{action.value}"] = cell
            button = pygame.Rect(cell.x + 12, cell.bottom - button_h - 12, cell.w - 24, button_h)
            rects[f"optbtn.{action.value}"] = button
            body = pygame.Rect(cell.x + 12, cell.y + 12, cell.w - 24, button.y - cell.y - 20)
            icon = min(body.h, 48, body.w // 4)
            rects[f"opticon.{action.value}"] = pygame.Rect(
                body.x, body.y + max((body.h - icon) // 2, 0), icon, icon
            )
            rects[f"opthelp.{action.value}"] = pygame.Rect(
                body.x + icon + 10, body.y, body.w - icon - 10, body.h
            )

    def _target_rects(self, rects, button_h: int, gap: int) -> None:
        box = rects["info"]
        s = self.sizes
        inner = box.inflate(-32, -24)
        title_h = line_height(s.body, True)
        rects["tgthead"] = pygame.Rect(inner.x, inner.y, inner.w, title_h)
        top = inner.y + title_h + 8
        targets = list(InvestTarget)
        if self.target_grid:
            cw = (inner.w - gap) // 2
            bh = min(button_h, (inner.bottom - top - line_height(s.small) - 16) // 2)
            bh = max(bh, 40)
            for i, target in enumerate(targets):
                cx = inner.x + (i % 2) * (cw + gap)
                cy = top + (i // 2) * (bh + 8)
                icon = min(32, bh)
                rects[f"tgticon.{target.value}"] = pygame.Rect(
                    cx, cy + (bh - icon) // 2, icon, icon
                )
                rects[f"tgtbtn.{target.value}"] = pygame.Rect(
                    cx + icon + 10, cy, cw - icon - 10, bh
                )
            note_top = top + 2 * (bh + 8)
            rects["tgtnote"] = pygame.Rect(inner.x, note_top, inner.w, inner.bottom - note_top)
            return
        tcol = (inner.w - 3 * gap) // 4
        for i, target in enumerate(targets):
            cell = pygame.Rect(inner.x + i * (tcol + gap), top, tcol, inner.bottom - top)
            button = pygame.Rect(cell.x, cell.bottom - button_h, cell.w, button_h)
            rects[f"tgtbtn.{target.value}"] = button
            area = pygame.Rect(cell.x, cell.y, cell.w, button.y - cell.y - 8)
            icon = min(28, max(area.h, 0))
            rects[f"tgticon.{target.value}"] = pygame.Rect(
                area.x, area.y + (area.h - icon) // 2, icon, icon
            )
            rects[f"tgthelp.{target.value}"] = pygame.Rect(
                area.x + icon + 8, area.y, area.w - icon - 8, area.h
            )

    def build_deciding(self) -> None:
        match = self.match
        view = match.view(self.seat)
        rects = self.deciding_rects()
        self.rects = rects
        can_invest = view.me.capital >= view.investment_cost
        for action in self.actions_here():
            enabled = action is not Action.INVEST or can_invest
            tip = self.tr(self.action_help_key(action)) if enabled else self.invest_refusal(view)
            button = self.button(
                rects[f"optbtn.{action.value}"],
                self.action_label(action),
                lambda a=action: self.choose(a),
                key=ACTION_KEYS[action],
                tooltip=tip,
                object_id=f"#{action.value}",
                enabled=enabled,
            )
            if self.choice is action:
                button.select()
        if not match.level.is_dilemma and self.choice is Action.INVEST:
            for target in InvestTarget:
                button = self.button(
                    rects[f"tgtbtn.{target.value}"],
                    # keys: target.{game.engine.state.InvestTarget}
                    self.tr(f"target.{target.value}"),
                    lambda t=target: self.choose_target(t),
                    key=TARGET_KEYS[target],
                    # keys: target.{game.engine.state.InvestTarget}.help
                    tooltip=self.tr(f"target.{target.value}.help"),
                    object_id="#invest",
                    enabled=can_invest,
                )
                if self.target is target:
                    button.select()
        conf = rects["confirm"]
        cw = min(
            max(self.label_width(self.tr("season.confirm"), pygame.K_RETURN, True), 280),
            conf.width // 2,
        )
        ready = self.decision() is not None
        self.button(
            (conf.right - cw, conf.y, cw, conf.height),
            self.tr("season.confirm"),
            self.confirm,
            key=pygame.K_RETURN,
            primary=True,
            enabled=ready,
            tooltip=None if ready else self.tr("season.confirm.tip"),
        )

    def option_help(self, action: Action, view) -> str:
        """The help drawn beside an option (with the cost of investing, or why not)."""
        text = self.tr(self.action_help_key(action))
        if action is Action.INVEST:
            if view.me.capital >= view.investment_cost:
                return (
                    text
                    + " "
                    + self.tr("season.invest.cost", cost=money(self.app, view.investment_cost))
                )
            return self.invest_refusal(view)
        if action is Action.DEFECT and not self.match.level.is_dilemma:
            choice = self.forecast(view).defect
            if choice.fine - choice.fine_now >= 0.05:
                now, rest = (
                    money(self.app, choice.fine_now),
                    money(self.app, choice.fine - choice.fine_now),
                )
                text += " " + self.tr("season.money.later", now=now, rest=rest)
            if choice.informal_sanction > 0:
                cut = money(self.app, choice.informal_sanction)
                text += " " + self.tr("season.money.credit", cut=cut)
        return text

    def action_label(self, action: Action) -> str:
        if action is Action.DEFECT and self.match.level.is_dilemma:
            return self.tr("season.betray")
        return self.tr(f"action.{action.value}")  # keys: action.{game.engine.state.Action}

    def action_help_key(self, action: Action) -> str:
        if self.match.level.is_dilemma:
            return (
                "season.betray.help" if action is Action.DEFECT else "season.dilemma.cooperate.help"
            )
        return f"action.{action.value}.help"  # keys: action.{game.engine.state.Action}.help

    def invest_refusal(self, view) -> str:
        return self.tr(
            "season.invest.cant",
            cost=money(self.app, view.investment_cost),
            capital=money(self.app, view.me.capital),
        )

    def build_resolution(self) -> None:
        """While the story is told, Enter shows its next step and Space all of it; once it is
        told, the button names the next screen (the next season, or the ending)."""
        lay = self.layout()
        left = lay.left
        over = self.turn.game_over
        dilemma = self.match.level.is_dilemma
        self.built_told = self.turn.story_told
        bh = self.button_height()
        if not self.built_told:
            label = self.tr("season.story.next_step")
            bw = min(max(300, self.label_width(label, pygame.K_RETURN, True)), left.width // 2)
            rect = pygame.Rect(left.right - bw, left.bottom - bh, bw, bh)
            self.rects["button"] = rect
            self.button(rect, label, self.tell_next_step, key=pygame.K_RETURN, primary=True)
            every = self.tr("season.story.all")
            aw = min(self.label_width(every, pygame.K_SPACE) + 24, left.width // 3)
            skip = pygame.Rect(rect.x - lay.gap - aw, rect.y, aw, bh)
            self.rects["skip"] = skip
            self.button(skip, every, self.tell_all, key=pygame.K_SPACE)
            return
        pages, page = self.story_pages(lay), self.shown_story_page(lay)
        label = (
            self.tr("season.to_end")
            if over
            else self.tr("season.next_round" if dilemma else "common.next_season")
        )
        run = self.carry_on
        if page < pages - 1:  # Enter reads on before it leaves a story half read
            label, run = self.tr("season.story.read_on"), lambda: self.turn_story_page(1)
        bw = min(max(340, self.label_width(label, pygame.K_RETURN, True)), int(left.width * 0.6))
        rect = pygame.Rect(left.right - bw, left.bottom - bh, bw, bh)
        self.rects["button"] = rect
        self.button(rect, label, run, key=pygame.K_RETURN, primary=True)
        if pages > 1:  # a long story, told over pages: the player may read them again
            nav = pygame.Rect(left.x, rect.y, 56 * 2 + 16, bh)
            self.rects["pages"] = nav
            tips = (self.tr("season.story.previous"), self.tr("season.story.following"))
            self.page_arrows(nav, page, pages, self.turn_story_page, tips)

    def tell_next_step(self) -> None:
        """Enter during the story: its next step now."""
        self.watched = True
        self.turn.tell_next_step()
        self.reveal_sounds(self.turn)
        if self.turn.story_told:
            self.rebuild()

    def tell_all(self) -> None:
        """Space during the story: all of it at once."""
        self.turn.tell_all()
        self.watched = False  # all of it at once: read from its first page
        self.reveal_sounds(self.turn)
        self.rebuild()

    def remember(self, key: tuple, compute):
        """A layout measured once per build (text measuring is the costly part of a frame)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    # -- time --------------------------------------------------------------------------------

    @property
    def step_seconds(self) -> float:
        return self.turn.pace.step_seconds

    def story_seconds(self) -> float:
        return self.turn.story_seconds()

    def visible_steps(self) -> int:
        return self.turn.visible_steps()

    def update(self, dt: float) -> None:
        """Time passes at the table (only while this screen is on top: the pause menu has
        paused the machine anyway); show whatever the machine moved to."""
        turn = self.turn
        turn.pace = self.pace
        before = self.turn_key()
        timed_out = turn.time_passes(dt)
        if turn.phase is Phase.ENDED:  # the demo went on past the last season
            self.show_end()
            return
        problems = [t.problem for t in timed_out if t.problem is not None]
        if problems:
            log.warning("the decision timer could not decide: %s", "; ".join(problems))
            self.message = self.tr("timer.failed", problem=problems[0])
            self.rebuild()
        elif self.turn_moved(before) or timed_out:
            self.rebuild()
        if turn.phase is Phase.RESOLUTION:
            self.watched = self.watched or not turn.story_told
            self.reveal_sounds(turn)
            if turn.story_told != self.built_told:  # the story was told: name the next screen
                self.rebuild()

    def reveal_sounds(self, turn: TurnMachine) -> None:
        """Play the sound of each step as it appears (once per kind when all appear at once).
        The ending's own sound plays on the end screen."""
        shown = turn.visible_steps()
        if shown <= self.sounded:
            return
        names = []
        for step in turn.story[self.sounded : shown]:
            name = step_sound(step)
            if name and name not in names:
                names.append(name)
        self.sounded = shown
        for name in names:
            play_sound(self.app, name)

    # -- drawing -----------------------------------------------------------------------------

    def board_numbers(self) -> BoardNumbers | None:
        if self.mode is not Phase.RESOLUTION or self.before is None or self.after is None:
            return None
        total = self.story_seconds()
        t = 1.0 if total <= 0 else self.elapsed / total
        if t >= 1.0:
            return None
        told = [
            f
            for step in self.story[: self.visible_steps()]
            for f in step.firms
            if step.kind == "detection"
        ]
        return reveal(self.before, self.after, blend(self.before, self.after, t), told)

    def highlight(self) -> tuple[int, ...]:
        """The firms the step being told is about (the story never names an unseen defector)."""
        if self.mode is not Phase.RESOLUTION or self.elapsed >= self.story_seconds():
            return ()
        shown = self.visible_steps()
        if not shown:
            return ()
        step = self.story[shown - 1]
        return step.firms

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.PAPER)
        lay = self.layout()
        viewer = self.seat if self.mode is Phase.DECIDING else None
        draw_board(
            surface,
            lay.board,
            self.app,
            self.match,
            self.highlight(),
            viewer=viewer,
            numbers=self.board_numbers(),
            hide_last=self.mode is Phase.RESOLUTION and self.elapsed < self.story_seconds(),
        )
        {
            Phase.HANDOFF: self.draw_handoff,
            Phase.LOOK: self.draw_look,
            Phase.DECIDING: self.draw_deciding,
            Phase.RESOLUTION: self.draw_resolution,
        }[self.mode](surface, lay)

    def _big_card(self, surface, title: str, body: str, note: str | None, icon=None) -> None:
        """The hand-off cards: an icon, a big title, a line of explanation, the button."""
        box = self.rects.get("card") or self._centre_card()
        s = self.sizes
        card(surface, box, border=theme.BLUE, width=3)
        inner = box.inflate(-64, -56)
        y = inner.top
        if icon is not None:
            icon(surface, pygame.Rect(inner.centerx - 36, y, 72, 72))
            y += 88
        button_top = box.bottom - 40 - 64
        body_lines = len(fit(body, pygame.Rect(0, 0, inner.w, 10_000), s.body)[1])
        body_h = body_lines * line_height(s.body)
        title_box = pygame.Rect(inner.x, y, inner.w, button_top - 28 - body_h - 16 - y)
        drawn = draw_text(
            surface,
            title,
            title_box,
            s.title,
            theme.INK,
            bold=True,
            align="center",
            valign="middle",
        )
        draw_text(
            surface,
            body,
            pygame.Rect(inner.x, drawn.bottom + 16, inner.w, body_h),
            s.body,
            theme.MUTED,
            align="center",
        )
        if note:
            draw_text(
                surface,
                note,
                pygame.Rect(box.x, box.bottom + 12, box.w, line_height(s.small) + 4),
                s.small,
                theme.MUTED,
                align="center",
            )

    def draw_handoff(self, surface, lay: Layout) -> None:
        name = self.match.seats[self.seat].name
        decided, total = self.turn.decision_count()
        note = self.tr("season.handoff.progress", done=decided + 1, total=total)
        if self.turn_left is not None:
            note += "  ·  " + self.tr("timer.left", time=clock_text(self.turn_left))
        self._big_card(
            surface,
            self.tr("season.handoff.title", name=name),
            self.tr("season.handoff.body"),
            note,
            icon=lambda surf, box: _draw_handoff_icon(surf, box),
        )
        self.draw_timed_out(surface)

    def draw_look(self, surface, lay: Layout) -> None:
        self._big_card(
            surface,
            self.tr("season.look.title"),
            self.tr("season.look.body"),
            None,
            icon=lambda surf, box: _draw_eye(surf, box),
        )
        self.draw_timed_out(surface)

    def draw_timed_out(self, surface) -> None:
        """Above the hand-off card: whose time ran out (never what was decided)."""
        if not self.timed_out:
            return
        box = self.rects.get("card") or self._centre_card()
        h = line_height(self.sizes.small) + 8
        draw_text(
            surface,
            self.tr("timer.ran_out", name=self.timed_out),
            pygame.Rect(box.x, box.y - h - 8, box.w, h),
            self.sizes.small,
            theme.INK,
            align="center",
            valign="middle",
        )

    def draw_countdown(self, surface, right: int, rect_y: int, height: int) -> int:
        """The time left, with a small clock, ending at ``right``; returns the width used."""
        if self.turn_left is None:
            return 0
        s = self.sizes
        text = self.tr("timer.left", time=clock_text(self.turn_left))
        width = font(s.body, True).size(text)[0] + 4
        r = min(height // 2 - 2, 13)
        colour = theme.ORANGE if self.turn_left <= 10 else theme.BLUE
        total = width + 2 * r + 10
        centre = (right - total + r, rect_y + height // 2)
        pygame.draw.circle(surface, colour, centre, r, width=3)
        share = max(self.turn_left, 0.0) / max(self.match.timer_seconds, 1)
        angle = math.pi / 2 - 2 * math.pi * (1.0 - share)
        hand = (
            centre[0] + int(0.65 * r * math.cos(angle)),
            centre[1] - int(0.65 * r * math.sin(angle)),
        )
        pygame.draw.line(surface, colour, centre, hand, 3)
        draw_text(
            surface,
            text,
            pygame.Rect(right - width, rect_y, width, height),
            s.body,
            colour,
            bold=True,
            align="right",
            valign="middle",
        )
        return total

    # the decision ----------------------------------------------------------------------------

    def draw_deciding(self, surface, lay: Layout) -> None:
        match = self.match
        view = match.view(self.seat)
        rects = self.rects or self.deciding_rects()
        s = self.sizes
        dilemma = match.level.is_dilemma
        head = rects["head"]
        title_h = line_height(s.heading, True)
        clock_w = self.draw_countdown(surface, head.right, head.y, title_h)
        draw_text(
            surface,
            self.tr("season.deciding.title", name=view.me.name),
            pygame.Rect(head.x, head.y, head.w - clock_w - (16 if clock_w else 0), title_h),
            s.heading,
            theme.INK,
            bold=True,
        )
        secret_h = line_height(s.small)
        draw_text(
            surface,
            self.tr("season.deciding.secret"),
            pygame.Rect(head.x, head.y + title_h, head.w, secret_h),
            s.small,
            theme.MUTED,
        )
        last = self.last_result(view)
        if last is not None:
            strip = pygame.Rect(head.x, head.y + title_h + secret_h + 4, head.w, 0)
            strip.h = head.bottom - strip.y
            lost = last.key.endswith(".lost")
            accent = theme.VERMILLION if lost else theme.BLUE
            pygame.draw.rect(surface, mix(accent, theme.CARD, 0.9), strip, border_radius=8)
            pygame.draw.rect(surface, accent, (strip.x, strip.y, 5, strip.h), border_radius=3)
            draw_text(
                surface,
                last.text(self.app.lang),
                strip.inflate(-24, -8),
                s.small,
                theme.INK,
                bold=True,
                valign="middle",
            )
        self.draw_event(surface, rects["event"], view)
        if dilemma:
            self.draw_payoffs(surface, rects["info"], view)
        elif self.choice is Action.INVEST:
            self.draw_targets(surface, rects["info"], view)
        else:
            self.draw_info(surface, rects["info"], view)
        self.draw_options(surface, rects, view)
        self.draw_status(surface, rects["confirm"])

    def last_result(self, view) -> StoryStep | None:
        """This firm's own result of the season before, for its private screen only."""
        game = self.match.active_game
        if game.level.is_dilemma or not game.reports:
            return None
        return own_result(game.reports[-1], view.me.id, last=True)

    def last_line_height(self, view, width: int) -> int:
        """Room the last season's line needs under the title (0 in the first season)."""
        last = self.last_result(view)
        if last is None:
            return 0
        s = self.sizes
        box = pygame.Rect(0, 0, width - 24, 10_000)
        lines = fit(last.text(self.app.lang), box, s.small, True)[1]
        return len(lines) * line_height(s.small, True) + 12

    def draw_event(self, surface, rect: pygame.Rect, view) -> None:
        s = self.sizes
        card(surface, rect, border=theme.ORANGE)
        inner = rect.inflate(-32, -20)
        icon = min(40, inner.h)
        draw_step_icon(
            surface,
            pygame.Rect(inner.x, inner.y + (inner.h - icon) // 2, icon, icon),
            StoryStep("event", "story.event"),
        )
        text_x = inner.x + icon + 16
        name_h = line_height(s.body, True)
        label = self.tr("season.event")
        face, _ = fit(label, pygame.Rect(0, 0, 400, name_h), s.small, True)
        label_w = face.size(label)[0] + 14
        draw_text(
            surface,
            label,
            pygame.Rect(text_x, inner.y, label_w, name_h),
            s.small,
            theme.ORANGE,
            bold=True,
            valign="middle",
        )
        draw_text(
            surface,
            pick(view.event.name, self.app.lang),
            pygame.Rect(text_x + label_w, inner.y, inner.right - text_x - label_w, name_h),
            s.body,
            theme.INK,
            bold=True,
            valign="middle",
        )
        rest = pygame.Rect(
            text_x, inner.y + name_h, inner.right - text_x, inner.bottom - inner.y - name_h
        )
        if rest.height >= 14:
            draw_text(surface, pick(view.event.text, self.app.lang), rest, s.small, theme.INK)

    def _info_card(
        self,
        surface,
        rect,
        title: str,
        rows: list[tuple[str, str]],
        size: int,
        *,
        accent=theme.LINE,
        badge: str | None = None,
        note: str | None = None,
        note_colour=theme.MUTED,
    ) -> None:
        """A titled card of label/value rows, all rows in one text size ``size``."""
        s = self.sizes
        card(surface, rect, border=accent, width=2 if accent == theme.LINE else 3)
        inner = rect.inflate(-28, -24)
        title_h = line_height(s.body, True)
        if badge:
            face, _ = fit(badge, pygame.Rect(0, 0, 400, title_h), s.small, True)
            pill = pygame.Rect(0, 0, face.size(badge)[0] + 20, face.get_linesize() + 2)
            pill.midright = (rect.right - 16, rect.top)
            pygame.draw.rect(surface, theme.VERMILLION, pill, border_radius=pill.h // 2)
            draw_text(
                surface,
                badge,
                pill,
                s.small,
                theme.CARD,
                bold=True,
                align="center",
                valign="middle",
            )
        draw_text(
            surface,
            title,
            pygame.Rect(inner.x, inner.y, inner.w, title_h),
            s.body,
            theme.INK,
            bold=True,
        )
        y = inner.y + title_h + 6
        row_h = line_height(size) + 3
        value_w = max(font(size, True).size(v)[0] for _, v in rows) + 2
        label_w = inner.w - value_w - 8
        for label, value in rows:
            if y + row_h > inner.bottom + 2:
                break
            draw_text(
                surface,
                label,
                pygame.Rect(inner.x, y, label_w, row_h),
                size,
                theme.MUTED,
                valign="middle",
            )
            draw_text(
                surface,
                value,
                pygame.Rect(inner.right - value_w, y, value_w, row_h),
                size,
                theme.INK,
                bold=True,
                align="right",
                valign="middle",
            )
            y += row_h
        if note and inner.bottom - y >= 14:
            draw_text(
                surface,
                note,
                pygame.Rect(inner.x, y + 4, inner.w, inner.bottom - y - 4),
                size,
                note_colour,
                bold=True,
            )

    def info_size(self, cards: list[tuple[pygame.Rect, list[tuple[str, str]], str | None]]) -> int:
        """One text size for the rows and notes of every info card: the largest at which each
        label and value fit side by side and the rows and the note fit the card's height."""
        s = self.sizes
        for size in range(s.small, 10, -1):
            ok = True
            for rect, rows, note in cards:
                inner = rect.inflate(-28, -24)
                note_h = 0
                if note:
                    note_lines = len(fit(note, pygame.Rect(0, 0, inner.w, 10_000), size, True)[1])
                    note_h = note_lines * line_height(size, True) + 4
                room = inner.h - line_height(s.body, True) - 6 - note_h
                if len(rows) * (line_height(size) + 3) > room:
                    ok = False
                    break
                value_w = max(font(size, True).size(v)[0] for _, v in rows) + 2
                label_w = max(font(size).size(label)[0] for label, _ in rows)
                if label_w + value_w + 8 > inner.w:
                    ok = False
                    break
            if ok:
                return size
        return 11

    def info_content(self, view) -> dict:
        """The rows and notes of the order, offer and own-firm cards."""
        order, offer, me = view.order, view.offer, view.me

        def lots(n: float) -> str:
            return self.tr("season.lots_value", lots=n)

        premium = offer.price / order.price - 1.0 if order.price > 0 else 0.0
        return {
            "order": [
                (self.tr("season.order.lots"), lots(order.lots_per_member)),
                (self.tr("common.price_per_lot"), money(self.app, order.price)),
                (self.tr("season.order.min_quality"), f"{order.min_quality:.2f}"),
                (self.tr("season.order.tolerance"), f"±{order.tolerance:.2f}"),
            ],
            "offer": [
                (self.tr("common.price_per_lot"), money(self.app, offer.price)),
                (
                    self.tr("season.offer.premium"),
                    self.tr("season.premium_value", premium=premium),
                ),
                (self.tr("season.offer.lots"), lots(offer.lots)),
            ],
            "own": [
                (self.tr("common.capital"), money(self.app, me.capital)),
                (self.tr("season.own.capacity"), lots(me.capacity)),
                (
                    self.tr("season.own.quality"),
                    self.tr("season.quality_value", q=me.quality, s=me.quality_spread),
                ),
                (self.tr("season.own.invest"), money(self.app, view.investment_cost)),
            ],
            "fm_note": self.tr(
                "season.order.fm_yes" if order.force_majeure else "season.order.fm_no"
            ),
            "detect_note": self.tr("season.offer.detection", chance=view.detection_chance),
        }

    def info_height(self, view, card_w: int) -> int:
        """Height the three info cards need at the largest size their widths allow."""
        s = self.sizes
        content = self.info_content(view)
        inner_w = card_w - 28
        size = 11
        for candidate in range(s.small, 10, -1):
            if all(
                max(font(candidate).size(label)[0] for label, _ in content[k])
                + max(font(candidate, True).size(v)[0] for _, v in content[k])
                + 10
                <= inner_w
                for k in ("order", "offer", "own")
            ):
                size = candidate
                break
        row = line_height(size) + 3

        def note(text: str) -> int:
            lines = len(fit(text, pygame.Rect(0, 0, inner_w, 10_000), size, True)[1])
            return lines * line_height(size, True) + 4

        body = max(
            len(content["order"]) * row + note(content["fm_note"]),
            len(content["offer"]) * row + note(content["detect_note"]),
            len(content["own"]) * row,
        )
        return 24 + line_height(s.body, True) + 6 + body + 2

    def draw_info(self, surface, rect: pygame.Rect, view) -> None:
        gap = self.layout().gap
        w = (rect.width - 2 * gap) // 3
        cols = [pygame.Rect(rect.x + i * (w + gap), rect.y, w, rect.h) for i in range(3)]
        order = view.order
        content = self.info_content(view)
        order_rows, offer_rows, own_rows = content["order"], content["offer"], content["own"]
        fm_note, detect_note = content["fm_note"], content["detect_note"]

        size = self.remember(
            ("info", tuple(rect)),
            lambda: self.info_size(
                [
                    (cols[0], order_rows, fm_note),
                    (cols[1], offer_rows, detect_note),
                    (cols[2], own_rows, None),
                ]
            ),
        )
        self._info_card(
            surface,
            cols[0],
            self.tr("common.joint_order"),
            order_rows,
            size,
            accent=theme.BLUE,
            note=fm_note,
            note_colour=theme.ORANGE if order.force_majeure else theme.MUTED,
        )
        self._info_card(
            surface,
            cols[1],
            self.tr("season.offer.title"),
            offer_rows,
            size,
            accent=theme.VERMILLION,
            badge=self.tr("season.offer.private"),
            note=detect_note,
            note_colour=theme.VERMILLION,
        )
        self._info_card(surface, cols[2], self.tr("season.own.title"), own_rows, size)

    def draw_payoffs(self, surface, rect: pygame.Rect, view) -> None:
        s = self.sizes
        table = self.match.level.dilemma
        card(surface, rect, border=theme.BLUE)
        inner = rect.inflate(-40, -28)
        title_h = line_height(s.body, True)
        draw_text(
            surface,
            self.tr("season.dilemma.table"),
            pygame.Rect(inner.x, inner.y, inner.w // 2, title_h),
            s.body,
            theme.INK,
            bold=True,
        )
        points = (
            self.tr("season.own.points")
            + ": "
            + self.tr("common.points_value", points=view.me.capital)
        )
        draw_text(
            surface,
            points,
            pygame.Rect(inner.centerx, inner.y, inner.w // 2, title_h),
            s.body,
            theme.INK,
            bold=True,
            align="right",
        )
        y = inner.y + title_h + 4
        note_h = line_height(s.small) + 4
        draw_text(
            surface,
            self.tr("season.dilemma.note"),
            pygame.Rect(inner.x, y, inner.w, note_h),
            s.small,
            theme.MUTED,
        )
        y += note_h + 6
        grid = pygame.Rect(inner.x, y, inner.w, inner.bottom - y)
        row_h = grid.h // 3
        first_w = int(grid.w * 0.34)
        cell_w = (grid.w - first_w) // 2
        headers = ["season.dilemma.other_cooperates", "season.dilemma.other_betrays"]
        for j, key in enumerate(headers):
            draw_text(
                surface,
                self.tr(key),
                pygame.Rect(grid.x + first_w + j * cell_w, grid.y, cell_w, row_h),
                s.small,
                theme.MUTED,
                bold=True,
                align="center",
                valign="middle",
            )
        rows = [
            ("season.dilemma.you_cooperate", Action.COOPERATE, (table.reward, table.sucker)),
            ("season.dilemma.you_betray", Action.DEFECT, (table.temptation, table.punishment)),
        ]
        for i, (key, action, values) in enumerate(rows):
            ry = grid.y + (i + 1) * row_h
            colour = theme.ACTION_COLOURS[action.value]
            icon = pygame.Rect(grid.x, ry + 4, row_h - 8, row_h - 8)
            draw_action_icon(surface, action.value, icon, colour)
            draw_text(
                surface,
                self.tr(key),
                pygame.Rect(icon.right + 8, ry, first_w - icon.w - 12, row_h),
                s.body,
                colour,
                bold=True,
                valign="middle",
            )
            for j, value in enumerate(values):
                cell = pygame.Rect(grid.x + first_w + j * cell_w + 4, ry + 3, cell_w - 8, row_h - 6)
                pygame.draw.rect(surface, mix(colour, theme.CARD, 0.86), cell, border_radius=8)
                draw_text(
                    surface,
                    f"{value:.0f}",
                    cell,
                    s.heading,
                    theme.INK,
                    bold=True,
                    align="center",
                    valign="middle",
                )

    def draw_options(self, surface, rects, view) -> None:
        if not self.match.level.is_dilemma:
            self.draw_money(surface, rects, view)
            return
        s = self.sizes
        can_invest = view.me.capital >= view.investment_cost
        actions = self.actions_here()
        size = self.remember(
            ("options",),
            lambda: common_size(
                [(self.option_help(a, view), rects[f"opthelp.{a.value}"]) for a in actions],
                s.small,
            ),
        )
        for action in actions:
            cell = rects[f"option.{action.value}"]
            colour = theme.ACTION_COLOURS[action.value]
            chosen = self.choice is action
            card(
                surface,
                cell,
                border=colour if chosen else theme.LINE,
                width=4 if chosen else 2,
                fill=mix(colour, theme.CARD, 0.9) if chosen else theme.CARD,
            )
            draw_action_icon(surface, action.value, rects[f"opticon.{action.value}"], colour)
            refused = action is Action.INVEST and not can_invest
            draw_text(
                surface,
                self.option_help(action, view),
                rects[f"opthelp.{action.value}"],
                size,
                theme.VERMILLION if refused else theme.INK,
                valign="middle",
            )

    def money_cells(self, choice: ChoiceForecast, view) -> list[list[tuple[str, tuple]]]:
        """The four figures of a choice, each one or two (text, colour) lines."""

        width = self.rects["optfig.cooperate.0"].w - 8 if "optfig.cooperate.0" in self.rects else 0
        face = font(self.sizes.small, True)

        def short(amount: float) -> str:
            """Money, without its "S/" where a column is too narrow for it."""
            text = money(self.app, amount)
            if width and face.size("+" + text)[0] > width:
                text = text.replace("S/\u00a0", "")
            return text

        def signed(amount: float) -> tuple[str, tuple]:
            if amount <= -0.05:
                return "\u2212" + short(-amount), theme.VERMILLION
            return "+" + short(amount), theme.INK

        dash = ("\u2014", theme.MUTED)
        fine = [dash]
        if choice.can_be_caught:
            chance = self.tr("season.money.chance", chance=choice.detection_chance)
            fine = [(short(choice.fine), theme.VERMILLION), (chance, theme.VERMILLION)]
        return [
            [signed(choice.if_accepted)],
            [signed(choice.if_cancelled)],
            [(short(choice.cost_per_lot), theme.INK)],
            fine,
        ]

    def draw_money(self, surface, rects, view) -> None:
        """The three choice cards as a table: each choice's money this season if the order goes
        through or is cancelled, its cost per lot, and the fine and chance of being caught
        (the engine's figures, game.engine.forecast)."""
        s = self.sizes
        can_invest = view.me.capital >= view.investment_cost
        figures = self.forecast(view)
        assume, headers = self.money_headers(view)
        draw_text(surface, assume, rects["optassume"], s.small, theme.MUTED, valign="bottom")
        for i, header in enumerate(headers):
            draw_text(
                surface,
                header,
                rects[f"opthead.{i}"].inflate(-10, 0),
                s.small,
                theme.MUTED,
                bold=True,
                align="center",
                valign="bottom",
            )
        helps = [
            (self.option_help(a, view), rects[f"opthelp.{a.value}"])
            for a in self.actions_here()
            if f"opthelp.{a.value}" in rects
        ]
        size = self.remember(("options",), lambda: common_size(helps, s.small) if helps else 0)
        for action in self.actions_here():
            cell = rects[f"option.{action.value}"]
            colour = theme.ACTION_COLOURS[action.value]
            chosen = self.choice is action
            refused = action is Action.INVEST and not can_invest
            card(
                surface,
                cell,
                border=colour if chosen else theme.LINE,
                width=4 if chosen else 2,
                fill=mix(colour, theme.CARD, 0.9) if chosen else theme.CARD,
            )
            draw_action_icon(surface, action.value, rects[f"opticon.{action.value}"], colour)
            for j, lines in enumerate(self.money_cells(figures.of(action), view)):
                box = rects[f"optfig.{action.value}.{j}"]
                lh = line_height(s.small, True)
                y = box.centery - len(lines) * lh // 2
                for text, ink in lines:
                    draw_text(
                        surface,
                        text,
                        pygame.Rect(box.x + 4, y, box.w - 8, lh),
                        s.small,
                        theme.MUTED if refused else ink,
                        bold=True,
                        align="center",
                        valign="middle",
                    )
                    y += lh
            help_rect = rects.get(f"opthelp.{action.value}")
            if help_rect is not None and size:
                draw_text(
                    surface,
                    self.option_help(action, view),
                    help_rect,
                    size,
                    theme.VERMILLION if refused else theme.MUTED,
                )

    def draw_targets(self, surface, rect: pygame.Rect, view) -> None:
        """The four investment targets, shown in place of the order and offer cards."""
        s = self.sizes
        card(surface, rect, border=theme.GREEN, width=3)
        head = self.rects["tgthead"]
        cost = self.tr(
            "season.targets.cost",
            cost=money(self.app, view.investment_cost),
            capital=money(self.app, view.me.capital),
        )
        face, _ = fit(cost, pygame.Rect(0, 0, head.w // 2, head.h), s.small)
        cost_w = min(face.size(cost)[0] + 4, head.w // 2)
        draw_text(
            surface,
            self.tr("season.targets.title"),
            pygame.Rect(head.x, head.y, head.w - cost_w - 12, head.h),
            s.body,
            theme.INK,
            bold=True,
            valign="middle",
        )
        draw_text(
            surface,
            cost,
            pygame.Rect(head.right - cost_w, head.y, cost_w, head.h),
            s.small,
            theme.MUTED,
            align="right",
            valign="middle",
        )
        helps = [
            # keys: target.{game.engine.state.InvestTarget}.help
            (self.tr(f"target.{t.value}.help"), self.rects[f"tgthelp.{t.value}"])
            for t in InvestTarget
            if f"tgthelp.{t.value}" in self.rects
        ]
        size = self.remember(
            ("targets",), lambda: common_size(helps, s.small) if helps else s.small
        )
        for target in InvestTarget:
            icon = self.rects[f"tgticon.{target.value}"]
            if icon.h >= 8:
                draw_target_icon(surface, target.value, icon, theme.GREEN)
            help_rect = self.rects.get(f"tgthelp.{target.value}")
            if help_rect is not None and help_rect.h >= 12:
                draw_text(
                    surface,
                    # keys: target.{game.engine.state.InvestTarget}.help
                    self.tr(f"target.{target.value}.help"),
                    help_rect,
                    size,
                    theme.INK,
                    valign="middle",
                )
        note = self.rects.get("tgtnote")
        if note is not None and note.h >= 14:
            text = (
                # keys: target.{game.engine.state.InvestTarget}
                f"{self.tr(f'target.{self.target.value}')}: "
                # keys: target.{game.engine.state.InvestTarget}.help
                f"{self.tr(f'target.{self.target.value}.help')}"
                if self.target is not None
                else self.tr("season.targets.pick")
            )
            draw_text(surface, text, note, s.small, theme.INK, valign="middle")

    def draw_status(self, surface, rect: pygame.Rect) -> None:
        s = self.sizes
        box = pygame.Rect(rect.x, rect.y, rect.w - min(300, rect.w // 2) - 16, rect.h)
        decision = self.decision()
        if self.message:
            draw_text(surface, self.message, box, s.small, theme.VERMILLION, valign="middle")
            return
        if self.choice is None:
            draw_text(
                surface, self.tr("season.choice.none"), box, s.body, theme.MUTED, valign="middle"
            )
            return
        colour = theme.ACTION_COLOURS[self.choice.value]
        icon = min(box.h - 8, 40)
        draw_action_icon(
            surface,
            self.choice.value,
            pygame.Rect(box.x, box.centery - icon // 2, icon, icon),
            colour,
        )
        if decision is None:
            text = self.tr("season.choice.pick_target")
        elif self.choice is Action.INVEST:
            text = self.tr(
                "season.choice.invest",
                # keys: target.{game.engine.state.InvestTarget}
                target=self.tr(f"target.{self.target.value}").lower(),
            )
        else:
            text = self.tr("season.choice.made", action=self.action_label(self.choice))
        draw_text(
            surface,
            text,
            pygame.Rect(box.x + icon + 10, box.y, box.w - icon - 10, box.h),
            s.body,
            colour,
            bold=True,
            valign="middle",
        )

    # the resolution ----------------------------------------------------------------------------

    def step_text(self, step: StoryStep) -> str:
        if step.key == "story.trust":
            return self.tr("season.story.trust", **step.values)
        return step.text(self.app.lang)

    def draw_resolution(self, surface, lay: Layout) -> None:
        s = self.sizes
        left = lay.left
        game = self.match.active_game
        n = self.match.last_report.season if self.match.last_report else game.state.season
        title_key = (
            "season.resolution.round" if game.level.is_dilemma else "season.resolution.title"
        )
        title_h = line_height(s.heading, True)
        draw_text(
            surface,
            self.tr(title_key, n=n),
            pygame.Rect(left.x, left.y, left.w, title_h),
            s.heading,
            theme.INK,
            bold=True,
        )
        button = self.rects.get("button")
        area, strip = self.story_areas(lay)
        own = self.own_line()
        if own is not None and strip is not None:  # one person: its own result ends the story
            text = own.text(self.app.lang)
            if self.turn.story_told:
                lost = own.key.endswith(".lost")
                accent = theme.VERMILLION if lost else theme.BLUE
                card(surface, strip, border=accent, width=3, fill=mix(accent, theme.CARD, 0.9))
                draw_text(
                    surface,
                    text,
                    strip.inflate(-40, -20),
                    s.body,
                    theme.INK,
                    bold=True,
                    valign="middle",
                )
        card(surface, area)
        self.draw_steps(surface, area.inflate(-32, -28))
        if button is not None:
            first = self.rects.get("skip", button)
            start = self.rects["pages"].right + lay.gap if "pages" in self.rects else left.x
            foot = pygame.Rect(start, button.y, first.x - start - lay.gap, button.h)
            note = None
            if self.demo:
                note = self.tr("season.demo")
            elif self.timed_out:
                note = self.tr("timer.ran_out", name=self.timed_out)
            elif self.saved and self.set_aside:
                note = self.tr("season.set_aside", name=self.set_aside)
            elif self.saved:
                note = self.tr("season.saved")
            elif self.not_saved:
                note = self.tr("season.not_saved", reason=self.not_saved)
            if note:
                colour = theme.VERMILLION if self.not_saved or self.set_aside else theme.MUTED
                draw_text(surface, note, foot, s.small, colour, valign="middle")

    def own_line(self) -> StoryStep | None:
        """The person's own result, at the end of the story, only when nobody else is at the
        screen (one person against the computer). With two or more people the story is
        public: each firm's line waits for its next private screen (``last_result``). Worked
        out once per build: the story's layout and every frame ask for it."""
        return self.remember(("own_line",), self._own_line)

    def _own_line(self) -> StoryStep | None:
        report = self.match.last_report
        if self.demo or report is None or self.match.level.is_dilemma:
            return None
        if self.turn.private_handoffs:
            return None
        people = [i for i, seat in enumerate(self.match.seats) if seat.is_human]
        if len(people) != 1:
            return None
        return own_result(report, people[0])

    def story_areas(self, lay: Layout) -> tuple[pygame.Rect, pygame.Rect | None]:
        """The story's card, and the strip under it for a lone person's own result (None when
        the story is public): measured the same way when the screen is built and drawn."""
        s = self.sizes
        left = lay.left
        title_h = line_height(s.heading, True)
        bottom = left.bottom - self.button_height() - lay.gap
        area = pygame.Rect(
            left.x, left.y + title_h + lay.gap, left.w, bottom - left.y - title_h - lay.gap
        )
        own = self.own_line()
        if own is None:
            return area, None
        text = own.text(self.app.lang)
        box_h = self.remember(
            ("own", area.w),
            lambda: (
                len(fit(text, pygame.Rect(0, 0, area.w - 40, 10_000), s.body, True)[1])
                * line_height(s.body, True)
                + 20
            ),
        )
        strip = pygame.Rect(area.x, area.bottom - box_h, area.w, box_h)
        area.h -= box_h + lay.gap
        return area, strip

    def step_layout(self, area: pygame.Rect) -> StoryLayout:
        """Text size, row heights, gap, icon size and pages of the story in ``area`` (sized for
        every step from the start, so nothing moves as they appear). The text is never smaller
        than :meth:`smallest_story_size`: a story that does not fit on one page at that size is
        told over several, and no step is ever left out."""
        s = self.sizes
        grow = min(max(self.size[1] / 720, 1.0), 1.35)
        icon = int((36 if len(self.story) <= 10 else 28) * grow)
        text_w = area.w - icon - 16

        def measure(size: int) -> list[int]:
            heights = []
            for step in self.story:
                bold = step_bold(step)
                _, lines = fit(self.step_text(step), pygame.Rect(0, 0, text_w, 10_000), size, bold)
                heights.append(max(len(lines) * line_height(size, bold), icon))
            return heights

        for size in (round(s.body * 1.3), round(s.body * 1.15), s.body, self.smallest_story_size()):
            heights = measure(size)
            for gap in (14, 8):
                if sum(heights) + gap * (len(heights) - 1) <= area.h:
                    if len(heights) > 1:
                        spare = area.h - sum(heights)
                        gap = max(gap, min(spare // (len(heights) - 1), 30))
                    return StoryLayout(size, heights, gap, icon, [(0, len(heights))])
        # told over pages at the smallest size, leaving room for the page line at the bottom
        room = area.h - line_height(s.small) - 8
        gap, pages, start, used = 8, [], 0, 0
        for i, h in enumerate(heights):
            if i > start and used + gap + h > room:
                pages.append((start, i))
                start, used = i, 0
            used += h + (gap if i > start else 0)
        pages.append((start, len(heights)))
        return StoryLayout(size, heights, gap, icon, pages)

    def smallest_story_size(self) -> int:
        """The story's smallest text: the small size with normal text; with large text, the
        body size normal text would have (large text never reads smaller than normal), below
        which a long story goes on over pages."""
        if self.ctx.settings.text_size == "large":
            return round(theme.TextSizes.for_setting("normal").body * self.size_factor())
        return self.sizes.small

    def size_factor(self) -> float:
        return min(max(self.size[1] / 720, 1.0), 1.35)  # as game.ui.board.scaled grows text

    def story_layout(self, lay: Layout) -> StoryLayout:
        area, _ = self.story_areas(lay)
        inner = area.inflate(-32, -28)
        return self.remember(("steps", tuple(inner)), lambda: self.step_layout(inner))

    def story_pages(self, lay: Layout) -> int:
        return len(self.story_layout(lay).pages)

    def shown_story_page(self, lay: Layout) -> int:
        return self.story_page(self.story_layout(lay), self.visible_steps())

    def story_page(self, layout: StoryLayout, shown: int) -> int:
        """The page on show: while the story is told, the one its newest step is on; once told,
        the one the player turned to, else the first (a story shown all at once is read from
        its start) or, after watching it told, the last."""
        if self.turn.story_told:
            if self.chosen_page is not None:
                return min(self.chosen_page, len(layout.pages) - 1)
            if not self.watched:
                return 0
        return next(
            (i for i, (a, b) in enumerate(layout.pages) if a <= shown - 1 < b),
            len(layout.pages) - 1,
        )

    def turn_story_page(self, step: int) -> None:
        lay = self.layout()
        current, pages = self.shown_story_page(lay), self.story_pages(lay)
        self.chosen_page = min(max(current + step, 0), pages - 1)
        self.rebuild()

    def draw_steps(self, surface, area: pygame.Rect) -> None:
        shown = self.visible_steps()
        steps = self.story[:shown]
        if not steps:
            return
        layout = self.remember(("steps", tuple(area)), lambda: self.step_layout(area))
        size, heights, gap, icon = layout.size, layout.heights, layout.gap, layout.icon
        page = self.story_page(layout, shown)
        first, last = layout.pages[page]
        if len(layout.pages) > 1:
            label = self.tr("season.story.page", page=page + 1, pages=len(layout.pages))
            line = pygame.Rect(area.x, area.bottom - line_height(self.sizes.small), area.w, 30)
            draw_text(surface, label, line, self.sizes.small, theme.MUTED, align="right")
        y = area.y
        per = self.step_seconds
        for i in range(first, min(shown, last)):
            step = self.story[i]
            h = heights[i]
            alpha = 1.0
            if per > 0:
                alpha = min(max((self.elapsed - i * per) / (per * 0.7), 0.0), 1.0)
            slide = int((1.0 - alpha) * 28)
            row = pygame.Rect(area.x + slide, y, area.w - slide, h)
            self.draw_step(surface, row, step, size, icon)
            if alpha < 1.0:
                veil = pygame.Surface((area.w + 4, h + 4), pygame.SRCALPHA)
                veil.fill((*theme.CARD, int((1.0 - alpha) * 255)))
                surface.blit(veil, (area.x - 2, y - 2))
            y += h + gap
            if i < min(shown, last) - 1:
                pygame.draw.line(
                    surface,
                    theme.SHADE,
                    (area.x + icon + 14, y - gap // 2),
                    (area.right, y - gap // 2),
                    1,
                )

    def draw_step(self, surface, row: pygame.Rect, step: StoryStep, size: int, icon: int) -> None:
        box = pygame.Rect(row.x, row.y, icon, icon)
        first_line = line_height(size, step_bold(step))
        if first_line > icon:
            box.centery = row.y + first_line // 2
        colour = draw_step_icon(surface, box, step)
        text = pygame.Rect(row.x + icon + 16, row.y, row.w - icon - 16, row.h)
        draw_text(
            surface,
            self.step_text(step),
            text,
            size,
            theme.INK if colour in (theme.INK, theme.MUTED, theme.BLUE) else colour,
            bold=step_bold(step),
            valign="middle",
        )


@dataclass(frozen=True, slots=True)
class StoryLayout:
    """How the season's story sits in its card: one text size for every step, their heights,
    the gap between them, the icons' size, and the pages (``(first, end)`` step ranges)."""

    size: int
    heights: list[int]
    gap: int
    icon: int
    pages: list[tuple[int, int]]


def clock_text(seconds: float) -> str:
    """Whole seconds left, rounded up, as m:ss."""
    whole = max(math.ceil(seconds), 0)
    return f"{whole // 60}:{whole % 60:02d}"


def common_size(items, largest: int) -> int:
    """The largest text size (down to 11) at which every (text, box) pair fits its box."""
    for size in range(largest, 10, -1):
        if all(fit(text, box, size)[0] is font(size, False) for text, box in items if box.h > 0):
            return size
    return 11


def step_bold(step: StoryStep) -> bool:
    return step.kind in ("event", "verdict", "detection")


def step_sound(step: StoryStep) -> str | None:
    if step.kind == "verdict":
        return (
            "accepted"
            if step.key == "story.verdict.accepted"
            else (None if step.key == "story.verdict.none" else "cancelled")
        )
    if step.key == "story.detected":
        return "detected"
    return None


def draw_step_icon(surface: pygame.Surface, box: pygame.Rect, step: StoryStep):
    """A mark for each kind of step (shape and colour); returns the colour used."""
    key, kind = step.key, step.kind
    disc = box.inflate(-2, -2)
    if kind == "event":
        colour = theme.ORANGE
        pygame.draw.rect(surface, colour, disc.inflate(-6, -6), width=3, border_radius=5)
        pygame.draw.line(
            surface, colour, (disc.x + 6, disc.y + 14), (disc.right - 6, disc.y + 14), 3
        )
        return theme.INK
    if key == "story.invested":
        draw_action_icon(surface, "invest", box, theme.GREEN)
        return theme.INK
    if key in ("story.delivered", "story.dilemma.cooperated"):
        draw_action_icon(surface, "cooperate", box, theme.BLUE)
        return theme.INK
    if key == "story.dilemma.defected":
        draw_action_icon(surface, "defect", box, theme.VERMILLION)
        return theme.INK
    if kind == "verdict":
        if key == "story.verdict.accepted":
            pygame.draw.circle(surface, mix(theme.GREEN, theme.CARD, 0.8), disc.center, disc.w // 2)
            draw_check(surface, disc.inflate(-10, -10), theme.GREEN, 4)
            return theme.GREEN
        if key == "story.verdict.none":
            pygame.draw.circle(surface, theme.SHADE, disc.center, disc.w // 2)
            return theme.MUTED
        pygame.draw.circle(
            surface, mix(theme.VERMILLION, theme.CARD, 0.8), disc.center, disc.w // 2
        )
        draw_cross(surface, disc.inflate(-6, -6), theme.VERMILLION, 4)
        return theme.VERMILLION
    if kind in ("faulty", "suspicion"):
        points = [
            (disc.centerx, disc.top + 2),
            (disc.right - 1, disc.bottom - 3),
            (disc.left + 1, disc.bottom - 3),
        ]
        pygame.draw.polygon(surface, theme.ORANGE, points)
        draw_text(
            surface,
            "?" if kind == "suspicion" else "!",
            pygame.Rect(disc.x, disc.y + 8, disc.w, disc.h - 10),
            16,
            theme.CARD,
            bold=True,
            align="center",
            valign="middle",
        )
        return theme.INK
    if kind == "detection":
        draw_action_icon(surface, "defect", box, theme.VERMILLION)
        return theme.VERMILLION
    if kind == "trust":
        before, after = step.values.get("before", 0.0), step.values.get("after", 0.0)
        bar = pygame.Rect(disc.x, disc.centery - 5, disc.w, 10)
        draw_bar(surface, bar, after, theme.BLUE)
        return theme.BLUE if after >= before else theme.INK
    if kind == "phase":
        up = step.values.get("delta", 0) > 0
        if up:
            draw_check(surface, disc, theme.GREEN)
            return theme.GREEN
        draw_cross(surface, disc, theme.VERMILLION)
        return theme.VERMILLION
    if kind == "membership":  # a firm applied to join: in (a member now) or kept out
        joined = bool(step.firms)
        draw_person(
            surface,
            disc.inflate(-disc.w // 5, -disc.h // 5),
            theme.BLUE if joined else theme.INK,
        )
        return theme.BLUE if joined else theme.INK
    if kind == "population":
        joined = step.values.get("delta", 0) > 0
        draw_person(
            surface,
            disc.inflate(-disc.w // 5, -disc.h // 5),
            theme.GREEN if joined else theme.VERMILLION,
        )
        return theme.INK
    if kind == "dimensions":
        up = step.values.get("delta", 0.0) >= 0
        colour = theme.GREEN if up else theme.VERMILLION
        c = disc.center
        r = disc.w // 3
        points = (
            [(c[0], c[1] - r), (c[0] + r, c[1] + r // 2), (c[0] - r, c[1] + r // 2)]
            if up
            else [(c[0], c[1] + r), (c[0] + r, c[1] - r // 2), (c[0] - r, c[1] - r // 2)]
        )
        pygame.draw.polygon(surface, colour, points)
        return theme.INK
    pygame.draw.circle(surface, theme.MUTED, disc.center, disc.w // 4)
    return theme.INK


def _draw_handoff_icon(surface: pygame.Surface, box: pygame.Rect) -> None:
    """A laptop with an arrow: pass the computer on."""
    screen = pygame.Rect(box.x + 8, box.y + 8, box.w - 16, int(box.h * 0.5))
    pygame.draw.rect(surface, theme.BLUE, screen, width=4, border_radius=6)
    base = pygame.Rect(box.x, screen.bottom + 4, box.w, 8)
    pygame.draw.rect(surface, theme.BLUE, base, border_radius=4)
    y = base.bottom + 12
    pygame.draw.line(surface, theme.ORANGE, (box.x + 12, y), (box.right - 16, y), 4)
    pygame.draw.polygon(
        surface,
        theme.ORANGE,
        [(box.right - 4, y), (box.right - 18, y - 8), (box.right - 18, y + 8)],
    )


def _draw_eye(surface: pygame.Surface, box: pygame.Rect) -> None:
    eye = pygame.Rect(box.x, box.y + box.h // 4, box.w, box.h // 2)
    pygame.draw.ellipse(surface, theme.BLUE, eye, width=4)
    pygame.draw.circle(surface, theme.BLUE, eye.center, eye.h // 3)
    pygame.draw.circle(surface, theme.CARD, eye.center, eye.h // 8)
