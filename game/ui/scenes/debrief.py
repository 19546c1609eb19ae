"""The debrief: what happened in a finished game and why, where the learning happens.

Reached from the end screen and, for any finished game, from the load screen. Nine sections,
each a button on the left with its number key: the charts (revealed one after another, so a
facilitator can talk over each), the key moments, the contract under review, the cluster's
history, "what if" (everyone cooperating, or a contract the player changes, side by side with
what happened), the spread over many games (computed in a background thread with a progress
bar, cancellable), the replay season by season with every decision revealed, questions for the
group, and the export.

Everything shown comes from :mod:`game.debrief` (pure Python); this module only lays it out.
Long lists are split into pages that fit the window, so no text is ever cut or overflows.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game import debrief as api
from game.engine.contract import CONDITIONS
from game.engine.rules import PHASE_NAMES
from game.i18n import pick
from game.persistence.errorlog import log_exception
from game.persistence.paths import refusal, typed_path
from game.ui import charts as ch
from game.ui import flow, theme
from game.ui.board import draw_check, draw_cross, line_height, mix, money, scaled
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.entry import TextField
from game.ui.flow import open_debrief  # noqa: F401  (where the tests and old callers find it)
from game.ui.gamefiles import default_export_dir
from game.ui.scene import Scene, card, option_key
from game.ui.text import draw_text, fit, font
from game.ui.widgets import OUTCOME_COLOURS

log = logging.getLogger(__name__)


SECTIONS = (
    ("charts", pygame.K_1),
    ("moments", pygame.K_2),
    ("contract", pygame.K_3),
    ("history", pygame.K_4),
    ("whatif", pygame.K_5),
    ("spread", pygame.K_6),
    ("replay", pygame.K_7),
    ("questions", pygame.K_8),
    ("export", pygame.K_9),
)
MOMENT_COLOURS = {
    "event_hit": theme.SKY,
    "order_cancelled": theme.VERMILLION,
    "faulty_shared": theme.ORANGE,
    "faulty_traced": theme.BLUE,
    "defection_detected": theme.VERMILLION,
    "defection_unseen": theme.PURPLE,
    "penalty": theme.ORANGE,
    "expulsion": theme.VERMILLION,
    "bankruptcy": theme.VERMILLION,
    "phase_change": theme.GREEN,
    "ending": theme.INK,
}
SPREAD_GAMES = 500
NEXT_KEY, PREV_KEY = pygame.K_s, pygame.K_a


@dataclass(slots=True)
class SpreadRun:
    """A spread computing in a background thread; the frame loop only reads it."""

    total: int
    done: int = 0
    result: Any = None
    error: str | None = None
    finished: bool = False
    cancel: threading.Event | None = None
    thread: threading.Thread | None = None


@register_scene("debrief")
class DebriefScene(Scene):
    pausable = False

    def __init__(
        self,
        ctx: SceneContext | ContextOwner,
        level,
        record,
        personalities: Sequence[str | None] | None = None,
        *,
        section: str = "charts",
    ) -> None:
        super().__init__(ctx)
        self.level = level
        self.record = record
        self.personalities = tuple(personalities) if personalities is not None else None
        self.section = section
        self.problem: str | None = None
        self.debrief = None
        try:
            self.debrief = api.analyse(level, record, personalities=self.personalities)
        except Exception as error:  # the screen must show something, never crash
            log_exception(self.ctx.paths, error, "preparing the debrief")
            self.problem = str(error) or type(error).__name__
        # charts
        self.chart_index = 0
        self.reveal = ch.Reveal.for_speed(self.ctx.settings.animation_speed)
        self._charts: dict[str, list[ch.AnyChart]] = {}
        # pages of the text sections
        self.pages: dict[str, int] = {}
        self.page_counts: dict[str, int] = {}
        # replay
        self.replay_index = 0
        # what if
        self.contract = dict(record.contract)
        self.condition_row = 0
        self.menus: dict[str, pygame_gui.elements.UIDropDownMenu] = {}
        self.cooperate = None
        self.changed = None
        self.whatif_error: str | None = None
        self._whatif_done = False
        # spread
        self.spread_mine = False
        self.run: SpreadRun | None = None
        # export
        self.export_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.export_dir = default_export_dir(self.ctx)
        self.export_note: tuple[str, tuple[int, int, int]] | None = None
        self.settings_problem: str | None = None  # why the language chosen here was not saved
        self.exported: list[Path] = []
        self.memo: dict[tuple, Any] = {}

    # -- data ---------------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self.ctx.lang

    @property
    def dilemma(self) -> bool:
        return bool(self.level.is_dilemma)

    def charts(self) -> list[ch.AnyChart]:
        if self.debrief is None:
            return []
        if self.lang not in self._charts:
            self._charts[self.lang] = ch.charts_for(self.debrief, self.lang)
        return self._charts[self.lang]

    def seasons(self) -> list:
        return list(self.debrief.seasons) if self.debrief is not None else []

    def outcome_kind(self, debrief=None) -> str:
        d = debrief or self.debrief
        return d.outcome.kind if d is not None else "unfinished"

    # -- layout -------------------------------------------------------------------------------

    @property
    def sizes(self) -> theme.TextSizes:
        return scaled(self.ctx, self.size[1])

    def layout(self) -> dict[str, Any]:
        w, h = self.size
        s = self.sizes
        margin = 20 if h < 900 else 32
        gap = 14 if h < 900 else 20
        header_h = line_height(s.heading, True) + line_height(s.small) + 4
        header_h += line_height(s.small) * len(self.warnings())
        tab_h = self.text_sizes.widget + 22
        button_h = self.text_sizes.widget + 26
        widest = max(
            font(self.text_sizes.widget).size(self.tab_label(name, key))[0]
            for name, key in SECTIONS
        )
        side_w = min(max(widest + 36, 210), 320)
        side = pygame.Rect(margin, margin + header_h + gap, side_w, h - 2 * margin - header_h - gap)
        content = pygame.Rect(side.right + gap, side.y, w - margin - side.right - gap, side.height)
        lang_w = (
            font(self.text_sizes.widget).size(self.tr("common.other_language") + "  (I)")[0] + 32
        )
        header = pygame.Rect(margin, margin, w - 2 * margin - lang_w - gap, header_h)
        lang = pygame.Rect(w - margin - lang_w, margin, lang_w, min(header_h, button_h))
        return {
            "margin": margin,
            "gap": gap,
            "header": header,
            "lang": lang,
            "side": side,
            "content": content,
            "tab_h": tab_h,
            "button_h": button_h,
        }

    def tab_label(self, name: str, key: int) -> str:
        # keys: debrief.tab.{game.ui.scenes.debrief.SECTIONS[0]}
        return f"{self.tr(f'debrief.tab.{name}')}  ({pygame.key.name(key).upper()})"

    def body_rect(self) -> pygame.Rect:
        """The content card's inside, above the row of the section's own buttons."""
        lay = self.layout()
        inner = lay["content"].inflate(-32, -24)
        if self.has_footer():
            inner.h -= lay["button_h"] + lay["gap"]
        return inner

    def footer_rect(self) -> pygame.Rect:
        lay = self.layout()
        inner = lay["content"].inflate(-32, -24)
        return pygame.Rect(inner.x, inner.bottom - lay["button_h"], inner.w, lay["button_h"])

    def has_footer(self) -> bool:
        if self.debrief is None:
            return False
        if self.section in ("charts", "replay", "spread", "whatif", "export"):
            return True
        return self.page_counts.get(self.section, 1) > 1

    # -- widgets ------------------------------------------------------------------------------

    def build(self) -> None:
        self.memo = {}
        self.menus = {}
        self.export_entry = None
        lay = self.layout()
        side, tab_h, gap = lay["side"], lay["tab_h"], 6
        for i, (name, key) in enumerate(SECTIONS):
            button = self.button(
                (side.x, side.y + i * (tab_h + gap), side.w, tab_h),
                # keys: debrief.tab.{game.ui.scenes.debrief.SECTIONS[0]}
                self.tr(f"debrief.tab.{name}"),
                lambda n=name: self.show_section(n),
                key=key,
                object_id="#toggle",
                enabled=self.debrief is not None,
            )
            if name == self.section:
                button.select()
        self.button(
            (side.x, side.bottom - lay["button_h"], side.w, lay["button_h"]),
            self.tr("common.back"),
            self.back,
            key=pygame.K_ESCAPE,
        )
        self.button(
            lay["lang"], self.tr("common.other_language"), self.toggle_language, key=pygame.K_i
        )
        if self.debrief is None:
            return
        self.measure_pages()
        build = getattr(self, f"build_{self.section}", None)
        if build is not None:
            build()

    def nav_buttons(
        self,
        prev_label: str,
        next_label: str,
        prev: Callable[[], None],
        nxt: Callable[[], None],
        can_prev: bool,
        can_next: bool,
        *,
        primary_next: bool = True,
    ) -> None:
        foot = self.footer_rect()
        w = min(
            max(
                font(self.text_sizes.widget, True).size(f"{next_label}  (S)")[0],
                font(self.text_sizes.widget).size(f"{prev_label}  (A)")[0],
            )
            + 36,
            foot.w // 2 - 8,
        )
        self.button((foot.x, foot.y, w, foot.h), prev_label, prev, key=PREV_KEY, enabled=can_prev)
        self.button(
            (foot.right - w, foot.y, w, foot.h),
            next_label,
            nxt,
            key=NEXT_KEY,
            primary=primary_next,
            enabled=can_next,
        )

    def build_charts(self) -> None:
        n = len(self.charts())
        self.nav_buttons(
            self.tr("debrief.charts.prev"),
            self.tr("debrief.charts.next"),
            lambda: self.turn_chart(-1),
            lambda: self.turn_chart(1),
            self.chart_index > 0,
            self.chart_index < n - 1,
        )

    def build_pages(self) -> None:
        if self.page_counts.get(self.section, 1) <= 1:
            return
        page = self.pages.get(self.section, 0)
        self.nav_buttons(
            self.tr("common.previous"),
            self.tr("common.next"),
            lambda: self.turn_page(-1),
            lambda: self.turn_page(1),
            page > 0,
            page < self.page_counts[self.section] - 1,
        )

    build_moments = build_pages
    build_contract = build_pages
    build_history = build_pages
    build_questions = build_pages

    def build_replay(self) -> None:
        n = len(self.seasons())
        self.nav_buttons(
            self.tr("debrief.replay.prev_round" if self.dilemma else "debrief.replay.prev"),
            self.tr("debrief.replay.next_round" if self.dilemma else "debrief.replay.next"),
            lambda: self.step_replay(-1),
            lambda: self.step_replay(1),
            self.replay_index > 0,
            self.replay_index < n - 1,
        )

    def whatif_layout(self) -> dict[str, Any]:
        body = self.body_rect()
        s = self.sizes
        title_h = line_height(s.body, True) + 8
        widest = max(
            font(self.text_sizes.widget).size(pick(o.name, self.lang))[0]
            for c in CONDITIONS
            for o in self.level.contract[c].options.values()
        )
        menu_w = widest + 76  # the open button and pygame_gui's padding
        editor_w = min(max(int(body.w * 0.5), menu_w + 170), int(body.w * 0.6))
        editor = pygame.Rect(body.x, body.y + title_h, editor_w, body.h - title_h)
        right = pygame.Rect(
            editor.right + 20, body.y + title_h, body.right - editor.right - 20, editor.h
        )
        note_h = 2 * line_height(s.small)
        row_h = max(self.text_sizes.widget + 20, (editor.h - note_h - 8) // len(CONDITIONS))
        row_h = min(row_h, self.text_sizes.widget + 28)
        return {
            "title": pygame.Rect(body.x, body.y, body.w, title_h),
            "editor": editor,
            "right": right,
            "note": pygame.Rect(editor.x, editor.y, editor.w, note_h),
            "rows_top": editor.y + note_h + 8,
            "row_h": row_h,
            "label_w": max(editor.w - menu_w - 8, 120),
        }

    def build_whatif(self) -> None:
        self.ensure_whatif()
        lay = self.whatif_layout()
        editor = lay["editor"]
        menu_h = min(self.text_sizes.widget + 18, lay["row_h"] - 4)
        x = editor.x + lay["label_w"] + 8
        for i, condition in enumerate(CONDITIONS):
            options = self.level.contract[condition].options
            labels = [(pick(o.name, self.lang), f"#{k}") for k, o in options.items()]
            y = lay["rows_top"] + i * lay["row_h"] + (lay["row_h"] - menu_h) // 2
            up = y + (menu_h + 2) * (len(labels) + 1) > self.size[1] - 8
            rect = (x, y, editor.right - x, menu_h)
            self.menus[condition] = self.dropdown(
                rect, labels, self.contract[condition], up=up, row_h=menu_h + 2
            )
        foot = self.footer_rect()
        labels = [
            self.tr("common.real_contract") + "  (R)",
            self.tr("common.sound_contract") + "  (L)",
        ]
        w = max(font(self.text_sizes.widget).size(t)[0] for t in labels) + 36
        self.button(
            (foot.x, foot.y, w, foot.h),
            self.tr("common.real_contract"),
            self.reset_contract,
            key=pygame.K_r,
            enabled=self.contract != dict(self.record.contract),
        )
        self.button(
            (foot.x + w + 12, foot.y, w, foot.h),
            self.tr("common.sound_contract"),
            self.sound_contract,
            key=pygame.K_l,
            enabled=self.contract != dict(self.level.reference_contract),
        )

    def build_spread(self) -> None:
        foot = self.footer_rect()
        running = self.run is not None and not self.run.finished
        labels = [
            (self.tr("common.real_contract"), pygame.K_r),
            (self.tr("debrief.spread.my_contract"), pygame.K_m),
        ]
        x = foot.x
        for i, (label, key) in enumerate(labels):
            w = font(self.text_sizes.widget).size(f"{label}  (M)")[0] + 36
            button = self.button(
                (x, foot.y, w, foot.h),
                label,
                lambda mine=bool(i): self.choose_spread_contract(mine),
                key=key,
                object_id="#toggle",
                enabled=not running,
            )
            if self.spread_mine == bool(i):
                button.select()
            x += w + 10
        if running:
            label = self.tr("common.cancel")
            w = font(self.text_sizes.widget).size(f"{label}  (X)")[0] + 36
            self.button(
                (foot.right - w, foot.y, w, foot.h), label, self.cancel_spread, key=pygame.K_x
            )
        else:
            label = self.tr("debrief.spread.run")
            w = font(self.text_sizes.widget, True).size(f"{label}  (D)")[0] + 36
            self.button(
                (foot.right - w, foot.y, w, foot.h),
                label,
                self.start_spread,
                key=pygame.K_d,
                primary=True,
            )

    def export_layout(self) -> dict[str, pygame.Rect]:
        body = self.body_rect()
        s = self.sizes
        title_h = line_height(s.heading, True) + 6
        explain_h = len(
            fit(self.tr("debrief.export.explain"), pygame.Rect(0, 0, body.w, 10_000), s.body)[1]
        ) * line_height(s.body)
        explain = pygame.Rect(body.x, body.y + title_h, body.w, explain_h + 4)
        label_h = line_height(s.small, True)
        entry_h = self.text_sizes.widget + 20
        label = pygame.Rect(body.x, explain.bottom + 14, body.w, label_h)
        entry = pygame.Rect(body.x, label.bottom + 4, body.w, entry_h)
        notes = pygame.Rect(body.x, entry.bottom + 14, body.w, body.bottom - entry.bottom - 14)
        return {
            "title": pygame.Rect(body.x, body.y, body.w, title_h),
            "explain": explain,
            "label": label,
            "entry": entry,
            "notes": notes,
        }

    def build_export(self) -> None:
        lay = self.export_layout()
        entry = TextField(lay["entry"], self.ctx.manager)
        entry.set_text(str(self.export_dir))
        self.add(entry)
        self.export_entry = entry
        foot = self.footer_rect()
        label = self.tr("common.default_folder")
        w = font(self.text_sizes.widget).size(f"{label}  (F)")[0] + 36
        self.button((foot.x, foot.y, w, foot.h), label, self.default_folder, key=pygame.K_f)
        label = self.tr("debrief.export.run")
        w = font(self.text_sizes.widget, True).size(f"{label}  (E)")[0] + 36
        self.button(
            (foot.right - w, foot.y, w, foot.h), label, self.export, key=pygame.K_e, primary=True
        )

    # -- actions ------------------------------------------------------------------------------

    def show_section(self, name: str) -> None:
        if name == self.section:
            return
        self.read_export_entry()
        self.section = name
        if name == "charts":
            self.reveal.restart()
        self.rebuild()
        self.focus = None

    def toggle_language(self) -> None:
        self.read_export_entry()
        language = "en" if self.lang == "es" else "es"
        problem = self.ctx.apply_settings(replace(self.ctx.settings, language=language))
        if problem != self.settings_problem:  # the language changed either way; say if it
            self.settings_problem = problem  # will not be remembered (the header grows a line)
            self.rebuild()

    def turn_chart(self, step: int) -> None:
        index = max(0, min(self.chart_index + step, len(self.charts()) - 1))
        if index != self.chart_index:
            self.chart_index = index
            self.reveal = ch.Reveal.for_speed(self.ctx.settings.animation_speed)
            self.refresh_nav(index > 0, index < len(self.charts()) - 1)

    def turn_page(self, step: int) -> None:
        count = self.page_counts.get(self.section, 1)
        page = max(0, min(self.pages.get(self.section, 0) + step, count - 1))
        if page != self.pages.get(self.section, 0):
            self.pages[self.section] = page
            self.refresh_nav(page > 0, page < count - 1)

    def step_replay(self, step: int) -> None:
        index = max(0, min(self.replay_index + step, len(self.seasons()) - 1))
        if index != self.replay_index:
            self.replay_index = index
            self.refresh_nav(index > 0, index < len(self.seasons()) - 1)

    def refresh_nav(self, can_prev: bool, can_next: bool) -> None:
        """Turning a page only changes which of "previous" and "next" can be pressed (rebuilding
        every widget would cost a frame)."""
        for action in self.actions:
            if action.key in (PREV_KEY, NEXT_KEY):
                wanted = can_prev if action.key == PREV_KEY else can_next
                if wanted and not action.button.is_enabled:
                    action.button.enable()
                elif not wanted and action.button.is_enabled:
                    action.button.disable()

    def ensure_whatif(self) -> None:
        if self._whatif_done:
            return
        self._whatif_done = True
        try:
            self.cooperate = api.what_if_all_cooperate(self.level, self.record)
        except Exception as error:
            log_exception(self.ctx.paths, error, "what if everyone cooperates")
            self.whatif_error = str(error) or type(error).__name__
        self.recompute_contract()

    def recompute_contract(self) -> None:
        if self.contract == dict(self.record.contract):
            self.changed = None
            return
        try:
            self.changed = api.what_if_contract(
                self.level, self.record, self.contract, personalities=self.personalities
            )
        except Exception as error:
            log_exception(self.ctx.paths, error, "what if with another contract")
            self.changed = None
            self.whatif_error = str(error) or type(error).__name__

    def set_option(self, condition: str, option: str) -> None:
        if self.contract.get(condition) == option:
            return
        self.contract[condition] = option
        self.recompute_contract()
        self.rebuild()

    def cycle_option(self, step: int) -> None:
        condition = CONDITIONS[self.condition_row]
        keys = list(self.level.contract[condition].options)
        index = keys.index(self.contract[condition]) if self.contract[condition] in keys else 0
        self.set_option(condition, keys[(index + step) % len(keys)])

    def reset_contract(self) -> None:
        self.contract = dict(self.record.contract)
        self.recompute_contract()
        self.rebuild()

    def sound_contract(self) -> None:
        self.contract = dict(self.level.reference_contract)
        self.recompute_contract()
        self.rebuild()

    def choose_spread_contract(self, mine: bool) -> None:
        if mine != self.spread_mine:
            self.spread_mine = mine
            self.rebuild()

    def spread_personalities(self) -> tuple[str | None, ...]:
        if self.personalities is not None:
            return self.personalities
        known = getattr(self.debrief, "personalities", None)
        return tuple(known) if known else tuple(None for _ in self.record.names)

    def start_spread(self) -> None:
        if self.run is not None and not self.run.finished:
            return
        contract = dict(self.contract if self.spread_mine else self.record.contract)
        run = SpreadRun(total=SPREAD_GAMES, cancel=threading.Event())
        level, personalities, seed = self.level, self.spread_personalities(), self.record.seed
        treatments = dict(self.record.treatments)

        def progress(done: int, total: int) -> None:
            run.done, run.total = done, total

        def work() -> None:
            try:
                run.result = api.spread(
                    level,
                    contract,
                    personalities,
                    run.total,
                    seed + 1,
                    progress,
                    cancel=run.cancel,
                    treatments=treatments,
                )
            except Exception as error:  # shown on screen; the frame loop never sees it
                log.exception("spread failed")
                run.error = str(error) or type(error).__name__
            finally:
                run.finished = True

        run.thread = threading.Thread(target=work, name="debrief-spread", daemon=True)
        self.run = run
        run.thread.start()
        self.rebuild()

    def cancel_spread(self) -> None:
        if self.run is not None and self.run.cancel is not None:
            self.run.cancel.set()

    def read_export_entry(self) -> None:
        if self.export_entry is not None:
            text = self.export_entry.get_text().strip()
            if text:
                self.export_dir = Path(text)  # as typed: export() expands a ~

    def default_folder(self) -> None:
        self.export_dir = default_export_dir(self.ctx)
        self.rebuild()

    def export(self) -> None:
        self.read_export_entry()
        folder = self.export_dir
        lang = self.lang
        try:
            folder = typed_path(str(folder))
            paths = api.write_debrief(
                self.debrief,
                folder,
                charts=lambda debrief, out: ch.save_charts(debrief, out, lang),
            )
        except Exception as error:
            # A folder the system refuses (read-only, a name too long) is the player's to fix,
            # said on screen; anything else is a fault of the game, and logged as well.
            if not isinstance(error, OSError):
                log_exception(self.ctx.paths, error, f"exporting to {folder}")
            self.exported = []
            self.export_note = (
                self.tr("debrief.export.failed", problem=refusal(error, with_file=True)),
                theme.VERMILLION,
            )
        else:
            self.exported = [Path(p) for p in paths]
            self.export_note = (
                self.tr("debrief.export.done", n=len(paths), folder=str(folder)),
                theme.GREEN,
            )
        self.rebuild()

    def back(self) -> None:
        self.cancel_spread()
        if len(self.ctx.director.stack) > 1:
            self.ctx.director.pop()
        else:
            flow.to_title(self.ctx)

    def exit(self) -> None:
        self.cancel_spread()
        super().exit()

    # -- input --------------------------------------------------------------------------------

    def on_key(self, event: pygame.event.Event) -> bool:
        if not self.typing() and self.debrief is not None:
            if event.key in (pygame.K_RIGHT, pygame.K_LEFT):
                step = 1 if event.key == pygame.K_RIGHT else -1
                if self.section == "charts":
                    self.turn_chart(step)
                elif self.section == "replay":
                    self.step_replay(step)
                elif self.section == "whatif":
                    self.cycle_option(step)
                else:
                    self.turn_page(step)
                return True
            if self.section == "whatif" and event.key in (pygame.K_UP, pygame.K_DOWN):
                step = 1 if event.key == pygame.K_DOWN else -1
                self.condition_row = (self.condition_row + step) % len(CONDITIONS)
                return True
            if event.key == pygame.K_SPACE and self.section == "charts":
                self.reveal.finish() if not self.reveal.done else self.reveal.restart()
                return True
        return super().on_key(event)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if (
            event.type == pygame.MOUSEBUTTONDOWN
            and event.button == 1
            and self.section == "charts"
            and self.body_rect().collidepoint(event.pos)
        ):
            self.reveal.finish()
            return True
        return super().handle_event(event)

    def on_widget(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for i, (condition, menu) in enumerate(self.menus.items()):
                if menu is event.ui_element:
                    option = option_key(event)
                    if option in self.level.contract[condition].options:
                        self.condition_row = i
                        self.set_option(condition, option)
                    return True
        if (
            event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
            and event.ui_element is self.export_entry
        ):
            self.export()
            return True
        return False

    # -- time ---------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        if self.section == "charts":
            self.reveal.update(dt)
        run = self.run
        if run is not None and run.finished and run.thread is not None:
            run.thread = None  # seen: rebuild once so "Compute" replaces "Cancel"
            if self.section == "spread":
                self.rebuild()

    # -- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.PAPER)
        lay = self.layout()
        s = self.sizes
        header = lay["header"]
        title_h = line_height(s.heading, True)
        draw_text(
            surface,
            self.tr("debrief.title"),
            pygame.Rect(header.x, header.y, header.w, title_h),
            s.heading,
            theme.INK,
            bold=True,
        )
        draw_text(
            surface,
            self.subtitle(),
            pygame.Rect(header.x, header.y + title_h + 2, header.w, line_height(s.small)),
            s.small,
            theme.MUTED,
        )
        y = header.y + title_h + 2
        for warning in self.warnings():
            y += line_height(s.small)
            draw_text(
                surface,
                warning,
                pygame.Rect(header.x, y, header.w, line_height(s.small)),
                s.small,
                theme.VERMILLION,
            )
        content = lay["content"]
        card(surface, content)
        if self.debrief is None:
            draw_text(
                surface,
                self.tr("debrief.unavailable", problem=self.problem or "?"),
                content.inflate(-48, -48),
                s.body,
                theme.VERMILLION,
            )
            return
        getattr(self, f"draw_{self.section}")(surface, self.body_rect())

    def warnings(self) -> list[str]:
        """The header's red lines: the level file changed since the game, the settings could
        not be saved."""
        warnings = [self.tr("debrief.level_changed")] if self.level_changed else []
        if self.settings_problem:
            warnings.append(self.tr("settings.save_failed", reason=self.settings_problem))
        return warnings

    @property
    def level_changed(self) -> bool:
        """The game was played on an earlier version of its level file (see the warning)."""
        return self.debrief is not None and self.debrief.level_changed

    def subtitle(self) -> str:
        d = self.debrief
        kind = self.outcome_kind()
        seasons = d.outcome.season if d is not None else len(self.record.decisions)
        return self.tr(
            "debrief.subtitle_rounds" if self.dilemma else "debrief.subtitle",
            level=pick(self.level.name, self.lang),
            # keys: debrief.short.{game.ui.widgets.OUTCOME_COLOURS}
            outcome=self.tr(f"debrief.short.{kind}"),
            seasons=seasons,
            seed=self.record.seed,
        )

    # charts

    def draw_charts(self, surface, body: pygame.Rect) -> None:
        charts = self.charts()
        if not charts:
            return
        chart = charts[self.chart_index]
        ch.draw_chart(surface, body, chart, self.sizes, self.reveal.progress, framed=False)
        foot = self.footer_rect()
        text = self.tr("debrief.charts.count", n=self.chart_index + 1, total=len(charts))
        box = self.between_buttons(foot)
        draw_text(surface, text, box, self.sizes.body, theme.MUTED, align="center", valign="middle")

    def between_buttons(self, foot: pygame.Rect) -> pygame.Rect:
        """The free space in the footer between its left and right buttons."""
        left, right = foot.x, foot.right
        for action in self.actions:
            rect = action.button.get_abs_rect()
            if rect.y >= foot.y - 1 and rect.bottom <= foot.bottom + 1:
                if rect.centerx < foot.centerx:
                    left = max(left, rect.right + 12)
                else:
                    right = min(right, rect.x - 12)
        return pygame.Rect(left, foot.y, max(right - left, 0), foot.h)

    # pages: generic measured lists

    def section_title(self, surface, body: pygame.Rect, text: str) -> int:
        h = line_height(self.sizes.body + 2, True)
        draw_text(
            surface,
            text,
            pygame.Rect(body.x, body.y, body.w, h),
            self.sizes.body + 2,
            theme.INK,
            bold=True,
        )
        return body.y + h + 10

    def items(
        self, section: str
    ) -> list[tuple[Callable[[pygame.Rect], int], Callable[[Any, pygame.Rect], None]]]:
        """A section's items as (height for a width, draw into a rect), made once per build:
        the frame loop only paints them."""
        key = ("items", section)
        if key not in self.memo:
            self.memo[key] = self.make_items(section)
        return self.memo[key]

    def make_items(
        self, section: str
    ) -> list[tuple[Callable[[pygame.Rect], int], Callable[[Any, pygame.Rect], None]]]:
        d = self.debrief
        if section == "moments":
            return [self.moment_item(m) for m in d.moments]
        if section == "contract":
            return [self.treatments_item()] + [self.condition_item(r) for r in d.contract_review]
        if section == "history":
            return self.history_items()
        if section == "questions":
            return [self.question_item(i, q) for i, q in enumerate(d.questions)]
        return []

    def page_area(self, section: str, with_footer: bool) -> pygame.Rect:
        lay = self.layout()
        inner = lay["content"].inflate(-32, -24)
        if with_footer:
            inner.h -= lay["button_h"] + lay["gap"]
        top = inner.y + line_height(self.sizes.body + 2, True) + 10
        return pygame.Rect(inner.x, top, inner.w, inner.bottom - top)

    def paginate(self, section: str, area: pygame.Rect) -> list[list[int]]:
        heights = [height(area) for height, _ in self.items(section)]
        pages: list[list[int]] = [[]]
        used = 0
        for i, h in enumerate(heights):
            if pages[-1] and used + h > area.h:
                pages.append([])
                used = 0
            pages[-1].append(i)
            used += h + 10
        return pages

    def measure_pages(self) -> None:
        for section in ("moments", "contract", "history", "questions"):
            if section != self.section:
                continue
            pages = self.paginate(section, self.page_area(section, False))
            if len(pages) > 1:
                pages = self.paginate(section, self.page_area(section, True))
            self.page_counts[section] = len(pages)
            self.memo[("pages", section)] = pages
            self.pages[section] = min(self.pages.get(section, 0), len(pages) - 1)

    def draw_paged(self, surface, body: pygame.Rect, title: str) -> None:
        y = self.section_title(surface, body, title)
        area = pygame.Rect(body.x, y, body.w, body.bottom - y)
        pages = self.memo.get(("pages", self.section)) or [[]]
        page = self.pages.get(self.section, 0)
        items = self.items(self.section)
        for i in pages[min(page, len(pages) - 1)]:
            height, paint = items[i]
            h = height(area)
            paint(surface, pygame.Rect(area.x, y, area.w, h))
            y += h + 10
        if len(pages) > 1:
            draw_text(
                surface,
                self.tr("debrief.page", n=page + 1, total=len(pages)),
                self.between_buttons(self.footer_rect()),
                self.sizes.body,
                theme.MUTED,
                align="center",
                valign="middle",
            )

    def text_height(self, text: str, width: int, size: int, bold: bool = False) -> int:
        key = ("h", text, width, size, bold)
        if key not in self.memo:
            face, lines = fit(text, pygame.Rect(0, 0, width, 100_000), size, bold)
            self.memo[key] = len(lines) * face.get_linesize()
        return self.memo[key]

    # moments

    def moment_item(self, moment):
        s = self.sizes
        text = pick(moment.text, self.lang)
        tag_w = font(s.body, True).size("T88")[0] + 24

        def height(area: pygame.Rect) -> int:
            return (
                line_height(s.small, True)
                + self.text_height(text, area.w - tag_w - 34, s.body)
                + 16
            )

        def paint(surface, rect: pygame.Rect) -> None:
            colour = MOMENT_COLOURS.get(moment.kind, theme.MUTED)
            pygame.draw.rect(surface, mix(colour, theme.CARD, 0.88), rect, border_radius=10)
            pygame.draw.rect(surface, colour, (rect.x, rect.y, 6, rect.h), border_radius=3)
            tag = pygame.Rect(rect.x + 16, rect.y + 8, tag_w - 8, line_height(s.body, True) + 4)
            pygame.draw.rect(surface, colour, tag, border_radius=tag.h // 2)
            key = "debrief.moments.tag_round" if self.dilemma else "debrief.moments.tag"
            draw_text(
                surface,
                self.tr(key, n=moment.season),
                tag,
                s.body,
                theme.CARD if colour not in (theme.YELLOW, theme.SKY, theme.ORANGE) else theme.INK,
                bold=True,
                align="center",
                valign="middle",
            )
            x = rect.x + 16 + tag_w + 10
            kind_h = line_height(s.small, True)
            draw_text(
                surface,
                # keys: debrief.kind.{game.debrief.model.MOMENT_KINDS}
                self.tr(f"debrief.kind.{moment.kind}"),
                pygame.Rect(x, rect.y + 6, rect.right - x - 12, kind_h),
                s.small,
                theme.MUTED,
                bold=True,
            )
            draw_text(
                surface,
                text,
                pygame.Rect(x, rect.y + 6 + kind_h, rect.right - x - 12, rect.h - kind_h - 10),
                s.body,
                theme.INK,
            )

        return height, paint

    def draw_moments(self, surface, body: pygame.Rect) -> None:
        if not self.debrief.moments:
            y = self.section_title(surface, body, self.tr("debrief.moments.title"))
            draw_text(
                surface,
                self.tr("debrief.moments.none"),
                pygame.Rect(body.x, y, body.w, body.bottom - y),
                self.sizes.body,
                theme.MUTED,
            )
            return
        self.draw_paged(surface, body, self.tr("debrief.moments.title"))

    # contract

    def condition_item(self, review):
        s = self.sizes
        chip_w = (
            max(
                font(s.small, True).size(self.tr("debrief.contract.had"))[0],
                font(s.small, True).size(self.tr("debrief.contract.lacked"))[0],
            )
            + 40
        )
        effect = pick(review.effect, self.lang)
        chosen = self.tr(
            "debrief.contract.chosen",
            chosen=pick(review.chosen_name, self.lang),
            sound=pick(review.sound_name, self.lang),
        )
        source = self.tr("common.source", source=review.source) if review.source else ""

        def height(area: pygame.Rect) -> int:
            w = area.w - chip_w - 40
            return (
                line_height(s.body, True)
                + self.text_height(chosen, w, s.small)
                + self.text_height(effect + (" " + source if source else ""), w, s.small)
                + 18
            )

        def paint(surface, rect: pygame.Rect) -> None:
            colour = theme.GREEN if review.had else theme.VERMILLION
            pygame.draw.rect(surface, mix(colour, theme.CARD, 0.92), rect, border_radius=10)
            chip = pygame.Rect(rect.x + 12, rect.y + 10, chip_w, line_height(s.small, True) + 8)
            pygame.draw.rect(surface, theme.CARD, chip, border_radius=chip.h // 2)
            pygame.draw.rect(surface, colour, chip, width=2, border_radius=chip.h // 2)
            mark = pygame.Rect(chip.x + 6, chip.centery - 9, 18, 18)
            (draw_check if review.had else draw_cross)(surface, mark, colour, 3)
            draw_text(
                surface,
                self.tr("debrief.contract.had" if review.had else "debrief.contract.lacked"),
                pygame.Rect(chip.x + 26, chip.y, chip.w - 30, chip.h),
                s.small,
                colour,
                bold=True,
                align="center",
                valign="middle",
            )
            x = chip.right + 16
            w = rect.right - x - 12
            y = rect.y + 6
            h = line_height(s.body, True)
            draw_text(
                surface,
                pick(review.name, self.lang),
                pygame.Rect(x, y, w, h),
                s.body,
                theme.INK,
                bold=True,
            )
            y += h
            h = self.text_height(chosen, rect.w - chip_w - 40, s.small)
            draw_text(surface, chosen, pygame.Rect(x, y, w, h), s.small, theme.MUTED)
            y += h
            text = effect + (" " + source if source else "")
            h = self.text_height(text, rect.w - chip_w - 40, s.small)
            draw_text(surface, text, pygame.Rect(x, y, w, h), s.small, theme.INK)

        return height, paint

    def treatments_item(self):
        """The facilitator's switches this game was played with (issue 4), above the contract."""
        from game.i18n.treatments import describe_treatments

        s = self.sizes
        switches = self.debrief.treatments()
        text = "  ·  ".join(
            f"{name}: {value}" for name, value in describe_treatments(switches, self.lang)
        )
        title = self.tr("common.facilitator_options")

        def height(area: pygame.Rect) -> int:
            return line_height(s.body, True) + self.text_height(text, area.w - 24, s.small) + 14

        def paint(surface, rect: pygame.Rect) -> None:
            pygame.draw.rect(surface, mix(theme.BLUE, theme.CARD, 0.92), rect, border_radius=10)
            h = line_height(s.body, True)
            draw_text(
                surface,
                title,
                pygame.Rect(rect.x + 12, rect.y + 6, rect.w - 24, h),
                s.body,
                theme.INK,
                bold=True,
            )
            draw_text(
                surface,
                text,
                pygame.Rect(rect.x + 12, rect.y + 6 + h, rect.w - 24, rect.h - h - 10),
                s.small,
                theme.INK,
            )

        return height, paint

    def draw_contract(self, surface, body: pygame.Rect) -> None:
        had = sum(1 for r in self.debrief.contract_review if r.had)
        title = (
            self.tr("debrief.contract.title") + " · " + self.tr("debrief.contract.score", had=had)
        )
        self.draw_paged(surface, body, title)

    # history

    def history_items(self):
        s = self.sizes
        note = self.debrief.history
        blocks = [
            (self.tr("debrief.history.game"), pick(note.text, self.lang), theme.BLUE),
            (
                self.tr("debrief.history.study"),
                pick(note.study, self.lang)
                + ("\n" + self.tr("common.source", source=note.source) if note.source else ""),
                theme.GREEN,
            ),
        ]
        items = []
        for heading, text, colour in blocks:

            def height(area, text=text) -> int:
                return line_height(s.body, True) + self.text_height(text, area.w - 40, s.body) + 20

            def paint(surface, rect, heading=heading, text=text, colour=colour) -> None:
                pygame.draw.rect(surface, mix(colour, theme.CARD, 0.9), rect, border_radius=10)
                pygame.draw.rect(surface, colour, (rect.x, rect.y, 6, rect.h), border_radius=3)
                h = line_height(s.body, True)
                draw_text(
                    surface,
                    heading,
                    pygame.Rect(rect.x + 24, rect.y + 8, rect.w - 40, h),
                    s.body,
                    theme.INK,
                    bold=True,
                )
                draw_text(
                    surface,
                    text,
                    pygame.Rect(rect.x + 24, rect.y + 8 + h, rect.w - 40, rect.h - h - 12),
                    s.body,
                    theme.INK,
                )

            items.append((height, paint))
        return items

    def draw_history(self, surface, body: pygame.Rect) -> None:
        self.draw_paged(surface, body, pick(self.level.name, self.lang))

    # questions

    def question_item(self, index: int, question):
        s = self.sizes
        text = pick(question, self.lang)
        badge = line_height(s.body, True) + 10

        def height(area: pygame.Rect) -> int:
            return max(self.text_height(text, area.w - badge - 24, s.body + 2), badge) + 8

        def paint(surface, rect: pygame.Rect) -> None:
            circle = pygame.Rect(rect.x, rect.y, badge, badge)
            pygame.draw.circle(surface, theme.BLUE, circle.center, badge // 2)
            draw_text(
                surface,
                str(index + 1),
                circle,
                s.body,
                theme.CARD,
                bold=True,
                align="center",
                valign="middle",
            )
            draw_text(
                surface,
                text,
                pygame.Rect(rect.x + badge + 16, rect.y + 2, rect.w - badge - 24, rect.h - 2),
                s.body + 2,
                theme.INK,
            )

        return height, paint

    def draw_questions(self, surface, body: pygame.Rect) -> None:
        self.draw_paged(surface, body, self.tr("debrief.questions.title"))

    # what if

    def draw_whatif(self, surface, body: pygame.Rect) -> None:
        s = self.sizes
        lay = self.whatif_layout()
        draw_text(
            surface, self.tr("debrief.whatif.title"), lay["title"], s.body, theme.INK, bold=True
        )
        draw_text(surface, self.tr("debrief.whatif.editor"), lay["note"], s.small, theme.MUTED)
        for i, condition in enumerate(CONDITIONS):
            row = pygame.Rect(
                lay["editor"].x, lay["rows_top"] + i * lay["row_h"], lay["editor"].w, lay["row_h"]
            )
            changed = self.contract[condition] != self.record.contract[condition]
            if i == self.condition_row:
                pygame.draw.rect(
                    surface, mix(theme.BLUE, theme.CARD, 0.88), row.inflate(8, 0), border_radius=8
                )
            if changed:
                pygame.draw.rect(
                    surface, theme.ORANGE, (row.x - 4, row.y + 4, 5, row.h - 8), border_radius=2
                )
            draw_text(
                surface,
                pick(self.level.contract[condition].name, self.lang),
                pygame.Rect(row.x + 6, row.y, lay["label_w"] - 6, row.h),
                s.small,
                theme.INK,
                bold=changed,
                valign="middle",
            )
        right = lay["right"]
        cases = [
            (self.tr("common.what_happened"), self.debrief, theme.BLUE, "circle"),
            (self.tr("debrief.whatif.cooperate"), self.cooperate, theme.GREEN, "triangle"),
            (self.tr("debrief.whatif.contract"), self.changed, theme.VERMILLION, "square"),
        ]
        table_h = self.draw_comparison(surface, right, cases)
        chart_rect = pygame.Rect(
            right.x, right.y + table_h + 12, right.w, right.bottom - right.y - table_h - 12
        )
        if chart_rect.h < 170:
            return
        lines = []
        for label, d, colour, marker in cases:
            if d is not None:
                lines.append(ch.Line(label, ch._values(d.series.trust), colour, marker, 3))
        chart = ch.Chart(
            "whatif",
            self.tr("debrief.whatif.chart"),
            self.tr("chart.round" if self.dilemma else "chart.season"),
            "",
            tuple(lines),
            (),
            "",
            0,
            (0.0, 1.0),
            "{:.1f}",
            legend=False,
        )
        ch.draw_chart(surface, chart_rect, chart, replace(s, body=s.small + 1), framed=False)

    def short_money(self, amount: float) -> str:
        text = self.tr("debrief.money_short", amount=abs(amount)).replace(" ", "\u00a0")
        return ("−" if amount < 0 else "") + text

    def draw_comparison_cards(self, surface, rect: pygame.Rect, cases, rows) -> int:
        """The narrow form of the comparison: one card per game, its figures in a sentence."""
        s = self.sizes
        size = s.small
        y = rect.y
        for label, d, colour, _marker in cases:
            if d is None:
                text = self.tr("debrief.whatif.same_contract")
            else:
                text = " · ".join(f"{self.tr(key)}: {value(d)}" for key, value in rows)
            head = line_height(size, True)
            h = head + self.text_height(text, rect.w - 20, size) + 10
            box = pygame.Rect(rect.x, y, rect.w, h)
            pygame.draw.rect(surface, mix(colour, theme.CARD, 0.9), box, border_radius=8)
            pygame.draw.rect(surface, colour, (box.x, box.y, 5, box.h), border_radius=2)
            draw_text(
                surface,
                label,
                pygame.Rect(box.x + 14, box.y + 4, box.w - 20, head),
                size,
                theme.INK,
                bold=True,
            )
            draw_text(
                surface,
                text,
                pygame.Rect(box.x + 14, box.y + 4 + head, box.w - 20, h - head - 6),
                size,
                theme.INK,
            )
            y += h + 8
        if self.whatif_error:
            text = self.tr("debrief.whatif.failed", problem=self.whatif_error)
            h = self.text_height(text, rect.w, size)
            draw_text(surface, text, pygame.Rect(rect.x, y, rect.w, h), size, theme.VERMILLION)
            y += h + 6
        return y - rect.y

    def draw_comparison(self, surface, rect: pygame.Rect, cases) -> int:
        """The three games side by side, a row per figure; returns the height used."""
        s = self.sizes
        size = s.small
        lh = line_height(size)
        dilemma = self.dilemma
        rows = [
            # keys: debrief.short.{game.ui.widgets.OUTCOME_COLOURS}
            ("debrief.whatif.outcome", lambda d: self.tr(f"debrief.short.{d.outcome.kind}")),
            (
                "common.rounds" if dilemma else "common.seasons",
                lambda d: str(d.outcome.season),
            ),
            (
                "common.final_trust",
                lambda d: f"{d.series.trust[-1]:.2f}" if d.series.trust else "–",
            ),
            (
                "debrief.whatif.points" if dilemma else "debrief.whatif.capital",
                lambda d: (
                    f"{total_capital(d):.0f}" if dilemma else self.short_money(total_capital(d))
                ),
            ),
        ]
        if not dilemma:
            rows.append(
                (
                    "common.fund",
                    lambda d: self.short_money(d.series.fund[-1]) if d.series.fund else "–",
                )
            )
            rows.append(
                (
                    "debrief.whatif.phase",
                    lambda d: PHASE_NAMES.get(d.series.phase[-1], "?") if d.series.phase else "–",
                )
            )
        label_w = int(rect.w * 0.28)
        col_w = (rect.w - label_w) // 3
        widest = max(
            # keys: debrief.short.{game.ui.widgets.OUTCOME_COLOURS}
            font(size, True).size(self.tr(f"debrief.short.{d.outcome.kind}"))[0]
            for _, d, _, _ in cases
            if d is not None
        )
        if widest > col_w - 10 or font(size, True).size(self.tr(rows[3][0]))[0] > label_w - 10:
            return self.draw_comparison_cards(surface, rect, cases, rows)
        head_h = max(self.text_height(label, col_w - 8, size, True) for label, *_ in cases)
        head_h = min(head_h, 3 * line_height(size, True))
        y = rect.y
        for i, (label, _d, colour, _marker) in enumerate(cases):
            x = rect.x + label_w + i * col_w
            pygame.draw.rect(surface, colour, (x + 4, y, col_w - 8, 4))
            draw_text(
                surface,
                label,
                pygame.Rect(x + 4, y + 6, col_w - 8, head_h),
                size,
                colour if colour != theme.GREEN else theme.INK,
                bold=True,
                align="center",
            )
        y += head_h + 10
        row_h = lh + 6
        for r, (key, value) in enumerate(rows):
            if r % 2 == 0:
                pygame.draw.rect(surface, theme.PAPER, (rect.x, y, rect.w, row_h), border_radius=6)
            draw_text(
                surface,
                self.tr(key),
                pygame.Rect(rect.x + 6, y, label_w - 8, row_h),
                size,
                theme.MUTED,
                bold=True,
                valign="middle",
            )
            for i, (_label, d, _colour, _m) in enumerate(cases):
                x = rect.x + label_w + i * col_w
                text = "–" if d is None else value(d)
                bold = r == 0 and d is not None
                text_colour = OUTCOME_COLOURS.get(d.outcome.kind, theme.INK) if bold else theme.INK
                draw_text(
                    surface,
                    text,
                    pygame.Rect(x + 4, y, col_w - 8, row_h),
                    size,
                    text_colour,
                    bold=bold,
                    align="center",
                    valign="middle",
                )
            y += row_h
        note = None
        if self.whatif_error:
            note = (self.tr("debrief.whatif.failed", problem=self.whatif_error), theme.VERMILLION)
        elif self.changed is None:
            note = (self.tr("debrief.whatif.same_contract"), theme.MUTED)
        if note is not None:
            h = self.text_height(note[0], rect.w, size)
            draw_text(surface, note[0], pygame.Rect(rect.x, y + 6, rect.w, h), size, note[1])
            y += h + 6
        return y - rect.y

    # spread

    def draw_spread(self, surface, body: pygame.Rect) -> None:
        s = self.sizes
        y = self.section_title(surface, body, self.tr("debrief.spread.title", games=SPREAD_GAMES))
        explain = self.tr("debrief.spread.explain")
        h = self.text_height(explain, body.w, s.small)
        draw_text(surface, explain, pygame.Rect(body.x, y, body.w, h), s.small, theme.MUTED)
        y += h + 8
        which = self.tr(
            "debrief.spread.with_mine" if self.spread_mine else "debrief.spread.with_real"
        )
        h = line_height(s.body, True)
        draw_text(surface, which, pygame.Rect(body.x, y, body.w, h), s.body, theme.INK, bold=True)
        y += h + 12
        run = self.run
        bar = pygame.Rect(body.x, y, body.w, max(line_height(s.body, True) + 12, 34))
        if run is None:
            draw_text(
                surface,
                self.tr("debrief.spread.idle"),
                pygame.Rect(body.x, y, body.w, 2 * line_height(s.body)),
                s.body,
                theme.MUTED,
            )
        elif not run.finished:
            share = run.done / run.total if run.total else 0.0
            pygame.draw.rect(surface, theme.SHADE, bar, border_radius=8)
            pygame.draw.rect(
                surface, theme.BLUE, (bar.x, bar.y, int(bar.w * share), bar.h), border_radius=8
            )
            pygame.draw.rect(surface, theme.LINE, bar, width=2, border_radius=8)
            label = self.tr("debrief.spread.running", done=run.done, total=run.total)
            inside = pygame.Rect(bar.x + 12, bar.y, bar.w - 24, bar.h)
            pygame.draw.rect(
                surface,
                theme.CARD,
                (
                    inside.centerx - font(s.body, True).size(label)[0] // 2 - 8,
                    bar.y + 4,
                    font(s.body, True).size(label)[0] + 16,
                    bar.h - 8,
                ),
                border_radius=6,
            )
            draw_text(
                surface,
                label,
                inside,
                s.body,
                theme.INK,
                bold=True,
                align="center",
                valign="middle",
            )
        elif run.error:
            draw_text(
                surface,
                self.tr("debrief.whatif.failed", problem=run.error),
                pygame.Rect(body.x, y, body.w, 2 * line_height(s.body)),
                s.body,
                theme.VERMILLION,
            )
        elif run.result is not None:
            self.draw_spread_result(
                surface, pygame.Rect(body.x, y, body.w, body.bottom - y), run.result
            )

    def draw_spread_result(self, surface, rect: pygame.Rect, result) -> None:
        s = self.sizes
        kinds = ("advance", "stagnation", "collapse")
        rates = {k: float(result.rates.get(k, 0.0)) for k in kinds}
        total = sum(rates.values()) or 1.0
        bar = pygame.Rect(rect.x, rect.y, rect.w, max(line_height(s.body, True) + 16, 40))
        x = bar.x
        for k in kinds:
            w = round(bar.w * rates[k] / total)
            if w <= 0:
                continue
            seg = pygame.Rect(x, bar.y, w, bar.h)
            pygame.draw.rect(surface, OUTCOME_COLOURS[k], seg)
            label = self.tr("debrief.spread.rate", share=100 * rates[k] / total)
            if font(s.body, True).size(label)[0] + 8 <= seg.w:
                draw_text(
                    surface,
                    label,
                    seg,
                    s.body,
                    theme.CARD if k != "stagnation" else theme.INK,
                    bold=True,
                    align="center",
                    valign="middle",
                )
            x += w
        pygame.draw.rect(surface, theme.INK, bar, width=2)
        y = bar.bottom + 14
        col_w = rect.w // 3
        lh = line_height(s.body, True)
        for i, k in enumerate(kinds):
            cell = pygame.Rect(rect.x + i * col_w, y, col_w - 10, lh + line_height(s.heading, True))
            pygame.draw.rect(surface, OUTCOME_COLOURS[k], (cell.x, cell.y + 4, 14, 14))
            draw_text(
                surface,
                # keys: debrief.short.{game.ui.widgets.OUTCOME_COLOURS}
                self.tr(f"debrief.short.{k}"),
                pygame.Rect(cell.x + 22, cell.y, cell.w - 22, lh),
                s.body,
                theme.INK,
                bold=True,
            )
            draw_text(
                surface,
                self.tr("debrief.spread.rate", share=100 * rates[k] / total),
                pygame.Rect(cell.x + 22, cell.y + lh, cell.w - 22, line_height(s.heading, True)),
                s.heading,
                OUTCOME_COLOURS[k] if k != "stagnation" else theme.INK,
                bold=True,
            )
        y += lh + line_height(s.heading, True) + 12
        lines = []
        if result.cancelled:
            lines.append(
                (self.tr("debrief.spread.cancelled", games=result.games), theme.VERMILLION)
            )
        lines.append(
            (
                self.tr(
                    "debrief.spread.done",
                    games=result.games,
                    length=result.mean_length,
                    trust=result.mean_final_trust,
                ),
                theme.INK,
            )
        )
        lines.append(
            (
                self.tr(
                    "debrief.spread.this_game",
                    # keys: debrief.short.{game.ui.widgets.OUTCOME_COLOURS}
                    outcome=self.tr(f"debrief.short.{self.outcome_kind()}"),
                ),
                theme.MUTED,
            )
        )
        for text, colour in lines:
            h = self.text_height(text, rect.w, s.body)
            if y + h > rect.bottom:
                break
            draw_text(surface, text, pygame.Rect(rect.x, y, rect.w, h), s.body, colour)
            y += h + 6

    # replay

    def draw_replay(self, surface, body: pygame.Rect) -> None:
        seasons = self.seasons()
        if not seasons:
            return
        row = seasons[self.replay_index]
        s = self.sizes
        total = len(seasons)
        if self.dilemma:
            title = self.tr("debrief.replay.round", n=row.season, total=total)
        else:
            title = self.tr(
                "debrief.replay.season",
                n=row.season,
                total=total,
                event=pick(row.event_name, self.lang),
            )
        y = self.section_title(surface, body, title)
        before = (
            self.debrief.series.trust[row.season - 1]
            if row.season - 1 < len(self.debrief.series.trust)
            else row.trust
        )
        summary = self.tr(
            "debrief.replay.summary",
            status=pick(row.status_text, self.lang),
            before=before,
            after=row.trust,
            chance=100 * row.detection_chance,
        )
        h = self.text_height(summary, body.w, s.small)
        draw_text(surface, summary, pygame.Rect(body.x, y, body.w, h), s.small, theme.MUTED)
        y += h + 8
        story = [pick(t, self.lang) for t in row.story]
        # the table of firms takes what it needs; the story gets the rest
        n = len(row.firms)
        size = s.small
        row_h = line_height(size) + 8
        table_h = (n + 1) * row_h
        room = body.bottom - y
        if table_h > room:
            row_h = max(room // (n + 1), line_height(11) + 2)
            size = (
                s.small
                if row_h >= line_height(s.small) + 2
                else 13
                if row_h >= line_height(13) + 2
                else 11
            )
            table_h = (n + 1) * row_h
        self.draw_firm_table(surface, pygame.Rect(body.x, y, body.w, table_h), row, row_h, size)
        y += table_h + 10
        if story and body.bottom - y > line_height(s.small, True) + line_height(s.small):
            h = line_height(s.small, True)
            draw_text(
                surface,
                self.tr("common.what_happened"),
                pygame.Rect(body.x, y, body.w, h),
                s.small,
                theme.INK,
                bold=True,
            )
            y += h
            self.draw_story(surface, pygame.Rect(body.x, y, body.w, body.bottom - y), story)
        draw_text(
            surface,
            self.tr(
                "debrief.replay.round" if self.dilemma else "debrief.page_season",
                n=self.replay_index + 1,
                total=total,
            ),
            self.between_buttons(self.footer_rect()),
            s.body,
            theme.MUTED,
            align="center",
            valign="middle",
        )

    def draw_story(self, surface, area: pygame.Rect, story: list[str]) -> None:
        """The season told step by step, in one or two columns, as large as fits."""
        s = self.sizes
        for size in (s.small, 13, 11):
            for columns in (1, 2):
                col_w = (area.w - 24 * (columns - 1)) // columns
                per = (len(story) + columns - 1) // columns
                heights = [self.text_height(t, col_w - 14, size) for t in story]
                tallest = max(
                    (sum(heights[c * per : (c + 1) * per]) for c in range(columns)), default=0
                )
                if tallest <= area.h:
                    break
            if tallest <= area.h:
                break
        for i, (text, h) in enumerate(zip(story, heights, strict=True)):
            c, r = divmod(i, per)
            x = area.x + c * (col_w + 24)
            y = area.y + sum(heights[c * per : c * per + r])
            if y + h > area.bottom + 1:
                continue
            pygame.draw.circle(surface, theme.MUTED, (x + 4, y + line_height(size) // 2), 3)
            draw_text(surface, text, pygame.Rect(x + 14, y, col_w - 14, h), size, theme.INK)

    def draw_firm_table(self, surface, rect: pygame.Rect, row, row_h: int, size: int) -> None:
        dilemma = self.dilemma
        columns = [
            ("debrief.replay.firm", 0.27, "left"),
            ("debrief.replay.decision", 0.25, "left"),
            ("debrief.replay.detected", 0.12, "center"),
            ("debrief.replay.penalty", 0.11, "right"),
            ("common.points" if dilemma else "common.capital", 0.14, "right"),
            ("common.trust", 0.11, "right"),
        ]
        xs = []
        x = rect.x
        for _, share, _ in columns:
            w = int(rect.w * share)
            xs.append((x, w))
            x += w
        for (key, _, align), (cx, cw) in zip(columns, xs, strict=True):
            draw_text(
                surface,
                self.tr(key),
                pygame.Rect(cx + 4, rect.y, cw - 8, row_h),
                size,
                theme.MUTED,
                bold=True,
                align=align,
                valign="middle",
            )
        y = rect.y + row_h
        for i, firm in enumerate(row.firms):
            line = pygame.Rect(rect.x, y, rect.w, row_h)
            if i % 2 == 0:
                pygame.draw.rect(surface, theme.PAPER, line, border_radius=6)
            colour = theme.FIRM_COLOURS[firm.firm % len(theme.FIRM_COLOURS)]
            ch.draw_marker(
                surface,
                ch.MARKERS[firm.firm % len(ch.MARKERS)],
                (rect.x + 10, line.centery),
                5,
                colour,
            )
            cells = self.firm_cells(firm)
            for j, ((text, tint, bold), (cx, cw)) in enumerate(zip(cells, xs, strict=True)):
                left = 22 if j == 0 else 4
                if j == 1 and firm.decision in theme.ACTION_COLOURS:
                    pygame.draw.rect(
                        surface,
                        theme.ACTION_COLOURS[firm.decision],
                        (cx + 2, line.y + 4, 6, row_h - 8),
                        border_radius=2,
                    )
                    left = 14
                draw_text(
                    surface,
                    text,
                    pygame.Rect(cx + left, y, cw - left - 4, row_h),
                    size,
                    tint,
                    bold=bold,
                    align=columns[j][2],
                    valign="middle",
                )
            y += row_h

    def firm_cells(self, firm) -> list[tuple[str, tuple[int, int, int], bool]]:
        if firm.decision is None:
            decision = (self.tr("debrief.replay.out"), theme.MUTED, False)
        else:
            text = self.tr(f"action.{firm.decision}")  # keys: action.{game.engine.state.Action}
            if firm.target:
                # keys: target.{game.engine.state.InvestTarget}
                text = f"{text}: {self.tr(f'target.{firm.target}')}"
            if firm.left:
                text = self.tr("debrief.replay.left", decision=text)
            decision = (text, theme.ACTION_COLOURS.get(firm.decision, theme.INK), True)
        if firm.decision == "defect":
            detected = (
                self.tr("debrief.replay.yes" if firm.detected else "debrief.replay.no"),
                theme.VERMILLION if firm.detected else theme.PURPLE,
                True,
            )
        else:
            detected = ("–", theme.MUTED, False)
        fine = firm.penalty + firm.informal_sanction
        penalty = (
            money(self.ctx, fine) if fine > 0 else "–",
            theme.VERMILLION if fine > 0 else theme.MUTED,
            False,
        )
        if self.dilemma:
            capital = (f"{firm.capital:.0f}", theme.INK, False)
        else:
            capital = (money(self.ctx, firm.capital), theme.INK, False)
        return [
            (firm.name, theme.INK if firm.member else theme.MUTED, False),
            decision,
            detected,
            penalty,
            capital,
            (f"{firm.trust:.2f}", theme.INK, False),
        ]

    # export

    def draw_export(self, surface, body: pygame.Rect) -> None:
        s = self.sizes
        lay = self.export_layout()
        draw_text(
            surface, self.tr("debrief.export.title"), lay["title"], s.heading, theme.INK, bold=True
        )
        draw_text(surface, self.tr("debrief.export.explain"), lay["explain"], s.body, theme.INK)
        draw_text(
            surface, self.tr("debrief.export.folder"), lay["label"], s.small, theme.MUTED, bold=True
        )
        notes = lay["notes"]
        y = notes.y
        if self.export_note is not None:
            text, colour = self.export_note
            h = self.text_height(text, notes.w, s.body, True)
            draw_text(surface, text, pygame.Rect(notes.x, y, notes.w, h), s.body, colour, bold=True)
            y += h + 6
        lh = line_height(s.small)
        for path in self.exported:
            if y + lh > notes.bottom:
                break
            draw_text(
                surface,
                "·  " + path.name,
                pygame.Rect(notes.x + 8, y, notes.w - 8, lh),
                s.small,
                theme.INK,
            )
            y += lh


def total_capital(debrief) -> float:
    capital = debrief.series.capital
    values = capital.values() if isinstance(capital, dict) else capital
    return sum(v[-1] for v in values if v and v[-1] is not None)
