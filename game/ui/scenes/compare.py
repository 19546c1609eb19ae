"""Class comparison: several finished games (one per group of a class, say) on one screen.

A facilitator adds the games' files (the ``.json`` of an export, or a finished save) one by one
or every one found in a folder, and sees for each its outcome, length and contract (the eight
basic conditions of 000 section III, had or lacked at a glance), with the trust curves of all of
them overlaid on one chart, each game in its own colour and marker. A file that cannot be used
is reported in words and skipped; the others still load. The comparison can be written as a
printable HTML page (:func:`game.debrief.export_comparison`) and any game opened in its debrief.

:func:`~game.ui.gamefiles.read_game_file` (any finished game file on disk, export or save,
into what the debrief needs) is shared with the load screen, which opens such a file by its
path.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pygame
import pygame_gui

from game import debrief as api
from game.debrief.compare import compared_game
from game.engine.contract import CONDITIONS
from game.i18n import pick, tr
from game.persistence.errorlog import log_exception
from game.persistence.paths import is_dir, refusal, typed_path
from game.ui import charts as ch
from game.ui import flow, theme
from game.ui.board import line_height, scaled
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.entry import TextField
from game.ui.gamefiles import (  # noqa: F401  (MAX_GAME_FILE: the tests read it here)
    MAX_GAME_FILE,
    GameFile,
    GameFileError,
    default_export_dir,
    problem,
    read_game_file,
)
from game.ui.scene import Scene, card, key_label
from game.ui.text import draw_text, font
from game.ui.widgets import OUTCOME_COLOURS, draw_status_chip

log = logging.getLogger(__name__)


#: Where a game's row, colour and marker come from: a stable slot, kept when others are removed.
PALETTE = theme.FIRM_COLOURS


def game_files_in(folder: Path) -> list[Path]:
    """The ``.json`` files of a folder, by name (exports and saves; the rest is not looked at)."""
    try:
        return sorted(
            (p for p in folder.iterdir() if p.suffix.lower() == ".json" and p.is_file()),
            key=lambda p: p.name.casefold(),
        )
    except OSError:
        return []


@dataclass(slots=True)
class Compared:
    """One game in the comparison: its file, its place in the palette and its summary row."""

    file: GameFile
    slot: int
    summary: api.ComparedGame

    @property
    def colour(self) -> tuple[int, int, int]:
        return PALETTE[self.slot % len(PALETTE)]

    @property
    def marker(self) -> str:
        return ch.MARKERS[(self.slot + self.slot // len(PALETTE)) % len(ch.MARKERS)]


@register_scene("compare")
class ClassComparisonScene(Scene):
    """The class comparison: a list of games with their contracts, and one trust chart."""

    def __init__(
        self, ctx: SceneContext | ContextOwner, paths: list[Path | str] | None = None
    ) -> None:
        super().__init__(ctx)
        self.games: list[Compared] = []
        self.selected = 0
        self.hover: int | None = None
        self.per_page = 1
        self.source_text = str(default_export_dir(self.ctx))
        self.out_text = str(default_export_dir(self.ctx))
        self.source_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.out_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.notice: tuple[str, tuple[int, int, int]] | None = None
        self.problems: list[str] = []  # the last add's skipped files, in the current language
        self.exported: Path | None = None
        for path in paths or ():
            self.add_path(Path(path), announce=False)

    # -- data ---------------------------------------------------------------------------------

    @property
    def sizes(self) -> theme.TextSizes:
        return scaled(self.ctx, self.size[1])

    def current(self) -> Compared | None:
        return self.games[self.selected] if self.games else None

    @property
    def page(self) -> int:
        return self.selected // self.per_page

    @property
    def pages(self) -> int:
        return max((len(self.games) + self.per_page - 1) // self.per_page, 1)

    def comparison(self) -> api.Comparison:
        return api.Comparison([g.summary for g in self.games], list(self.problems))

    def chart(self) -> ch.Chart:
        """The trust curves, the chosen game's thicker and on top."""
        ordered = [g for g in self.games if g is not self.current()]
        if self.current() is not None:
            ordered.append(self.current())
        lines = tuple(
            ch.Line(
                g.summary.label,
                tuple(g.summary.trust),
                g.colour,
                g.marker,
                6 if g is self.current() else 3,
            )
            for g in ordered
        )
        floors = {g.file.debrief.series.trust_floor for g in self.games}
        thresholds = ()
        if len(floors) == 1:
            floor = floors.pop()
            thresholds = (ch.Threshold(floor, tr("chart.trust.floor", self.ctx.lang, value=floor)),)
        return ch.Chart(
            key="compare_trust",
            title=self.tr("compare.chart.title"),
            x_label=self.tr("chart.season"),
            y_label=self.tr("chart.trust.axis"),
            lines=lines,
            thresholds=thresholds,
            y_range=(0.0, 1.0),
            y_format="{:.1f}",
            legend=False,
        )

    # -- layout -------------------------------------------------------------------------------

    def button_w(self, label: str, key: int | None, bold: bool = False) -> int:
        text = f"{label}  ({key_label(key, self.ctx.lang)})" if key is not None else label
        return font(self.text_sizes.widget, bold).size(text)[0] + 36

    def layout(self) -> dict:
        w, h = self.size
        s = self.sizes
        margin = 20 if h < 900 else 32
        gap = 10 if h < 900 else 16
        button_h = self.text_sizes.widget + 26
        title_h = line_height(s.heading, True)
        header = pygame.Rect(margin, margin, w - 2 * margin, title_h + line_height(s.small) + 2)
        # the row that adds games: label, path, Add, Default folder
        source = pygame.Rect(margin, header.bottom + gap, w - 2 * margin, button_h)
        label_w = min(font(s.small, True).size(self.source_label())[0] + 12, 240)
        add_w = self.button_w(self.tr("compare.add"), pygame.K_a, True)
        default_w = self.button_w(self.tr("common.default_folder"), pygame.K_f)
        source_label = pygame.Rect(source.x, source.y, label_w, button_h)
        default = pygame.Rect(source.right - default_w, source.y, default_w, button_h)
        add = pygame.Rect(default.x - 10 - add_w, source.y, add_w, button_h)
        source_entry = pygame.Rect(
            source_label.right + 6, source.y, add.x - 10 - source_label.right - 6, button_h
        )
        # the footer: Back, then where the summary goes and Export
        footer = pygame.Rect(margin, h - margin - button_h, w - 2 * margin, button_h)
        back_w = self.button_w(self.tr("common.back"), pygame.K_ESCAPE)
        export_w = self.button_w(self.tr("compare.export"), pygame.K_e)
        back = pygame.Rect(footer.x, footer.y, back_w, button_h)
        export = pygame.Rect(footer.right - export_w, footer.y, export_w, button_h)
        out_label_w = min(font(s.small, True).size(self.out_label())[0] + 12, 260)
        out_label = pygame.Rect(back.right + 24, footer.y, out_label_w, button_h)
        out_entry = pygame.Rect(
            out_label.right + 6, footer.y, export.x - 10 - out_label.right - 6, button_h
        )
        notice_h = 2 * line_height(s.small)
        notice = pygame.Rect(margin, footer.y - gap - notice_h, w - 2 * margin, notice_h)
        content = pygame.Rect(
            margin,
            source.bottom + gap + 4,
            w - 2 * margin,
            notice.y - gap - source.bottom - gap - 4,
        )
        list_w = max(int(content.w * 0.63), 760)
        listing = pygame.Rect(content.x, content.y, list_w, content.h)
        chart = pygame.Rect(
            listing.right + gap, content.y, content.right - listing.right - gap, content.h
        )
        # inside the list card
        inner = listing.inflate(-28, -24)
        head = pygame.Rect(inner.x, inner.y, inner.w, line_height(s.small, True) + 6)
        actions = pygame.Rect(inner.x, inner.bottom - button_h, inner.w, button_h)
        key_h = 2 * line_height(s.small) + 4
        key = pygame.Rect(inner.x, actions.y - 8 - key_h, inner.w, key_h)
        rows = pygame.Rect(inner.x, head.bottom + 4, inner.w, key.y - 8 - head.bottom - 4)
        row_h = line_height(s.body, True) + line_height(s.small) + 14
        return {
            "header": header,
            "title_h": title_h,
            "source_label": source_label,
            "source_entry": source_entry,
            "add": add,
            "default": default,
            "footer": footer,
            "back": back,
            "export": export,
            "out_label": out_label,
            "out_entry": out_entry,
            "notice": notice,
            "listing": listing,
            "chart": chart,
            "head": head,
            "rows": rows,
            "key": key,
            "actions": actions,
            "row_h": row_h,
            "button_h": button_h,
        }

    def source_label(self) -> str:
        return f"{self.tr('compare.source')}  (P)"

    def out_label(self) -> str:
        return f"{self.tr('compare.out')}  (G)"

    def columns(self, row: pygame.Rect) -> dict[str, pygame.Rect]:
        """Where each part of a row goes: marker, texts, outcome chip, the eight conditions."""
        s = self.sizes
        chip_w = (
            max(
                # keys: debrief.short.{game.engine.outcome.OutcomeKind}
                font(s.small, True).size(self.tr(f"debrief.short.{k}"))[0]
                for k in ("advance", "collapse", "stagnation")
            )
            + 44
        )
        cell = max(min((row.h - 24), 24), 16)
        cells_w = 8 * cell + 7 * 4
        cells = pygame.Rect(row.right - 14 - cells_w, row.centery - cell // 2, cells_w, cell)
        chip = pygame.Rect(cells.x - 16 - chip_w, row.centery - 16, chip_w, 32)
        marker = pygame.Rect(row.x + 14, row.y, 28, row.h)
        text = pygame.Rect(
            marker.right + 10, row.y + 7, chip.x - 12 - marker.right - 10, row.h - 14
        )
        return {"marker": marker, "text": text, "chip": chip, "cells": cells, "cell": cell}

    # -- widgets ------------------------------------------------------------------------------

    def build(self) -> None:
        lay = self.layout()
        self.per_page = max((lay["rows"].height + 6) // (lay["row_h"] + 6), 1)
        self.selected = min(self.selected, max(len(self.games) - 1, 0))
        self.source_entry = self.entry(lay["source_entry"], self.source_text)
        self.out_entry = self.entry(lay["out_entry"], self.out_text)
        self.button(lay["back"], self.tr("common.back"), self.back, key=pygame.K_ESCAPE)
        # Enter adds while the list is empty, then opens the chosen game's debrief
        self.button(
            lay["add"],
            self.tr("compare.add"),
            self.add_from_entry,
            key=pygame.K_a,
            primary=not self.games,
        )
        self.button(
            lay["default"], self.tr("common.default_folder"), self.default_folder, key=pygame.K_f
        )
        self.button(
            lay["export"],
            self.tr("compare.export"),
            self.export,
            key=pygame.K_e,
            enabled=bool(self.games),
        )
        actions = lay["actions"]
        open_w = self.button_w(self.tr("compare.open"), pygame.K_RETURN, True)
        remove_w = self.button_w(self.tr("compare.remove"), pygame.K_DELETE)
        self.button(
            (actions.x, actions.y, open_w, actions.h),
            self.tr("compare.open"),
            self.open_selected,
            key=pygame.K_RETURN,
            primary=bool(self.games),
            enabled=bool(self.games),
        )
        self.button(
            (actions.x + open_w + 12, actions.y, remove_w, actions.h),
            self.tr("compare.remove"),
            self.remove_selected,
            key=pygame.K_DELETE,
            enabled=bool(self.games),
        )
        if self.pages > 1:
            self.page_arrows(
                pygame.Rect(actions.right - 120, actions.y, 120, actions.h),
                self.page,
                self.pages,
                self.turn_page,
                (self.tr("common.previous_page"), self.tr("common.next_page")),
            )

    def entry(self, rect: pygame.Rect, text: str) -> pygame_gui.elements.UITextEntryLine:
        entry = TextField(rect, self.ctx.manager)
        entry.set_text(text)
        self.add(entry)
        return entry

    # -- actions ------------------------------------------------------------------------------

    def read_entries(self) -> None:
        if self.source_entry is not None:
            self.source_text = self.source_entry.get_text()
        if self.out_entry is not None:
            self.out_text = self.out_entry.get_text()

    def unfocus_entries(self) -> None:
        for entry in (self.source_entry, self.out_entry):
            if entry is not None and entry.is_focused:
                entry.unfocus()
        self.ctx.manager.set_focus_set(None)

    def focus_entry(self, entry: pygame_gui.elements.UITextEntryLine | None) -> None:
        if entry is None:
            return
        self.focus = None
        self.ctx.manager.set_focus_set(entry)
        entry.edit_position = len(entry.get_text())

    def add_from_entry(self) -> None:
        self.read_entries()
        text = self.source_text.strip()
        self.unfocus_entries()
        if not text:
            self.notice = (
                problem("compare.problem.empty_path").message(self.ctx.lang),
                theme.VERMILLION,
            )
            self.problems = []
            self.rebuild()
            return
        try:
            path = typed_path(text)
        except OSError:  # ~someone unknown here: reading it says there is no such file
            path = Path(text)
        self.add_path(path)
        self.rebuild()

    def add_path(self, path: Path, *, announce: bool = True) -> None:
        """Add a file, or every game file in a folder; report what was skipped and why."""
        lang = self.ctx.lang
        folder = is_dir(path)
        files = game_files_in(path) if folder else [path]
        known = {self.key(g.file.path) for g in self.games}
        added = already = 0
        problems: list[str] = []
        for file in files:
            if self.key(file) in known:
                already += 1
                continue
            try:
                game = read_game_file(file, self.ctx.store)
            except GameFileError as error:
                problems.append(error.message(lang))
                continue
            except Exception as error:  # never a crash: log it and say so
                log_exception(self.ctx.paths, error, f"adding {file} to a comparison")
                problems.append(
                    problem(
                        "compare.problem.replay",
                        name=file.name,
                        detail=str(error) or type(error).__name__,
                    ).message(lang)
                )
                continue
            self.append(game)
            known.add(self.key(file))
            added += 1
        self.problems = problems
        self.exported = None
        if not announce:
            return
        parts = []
        if folder and not files:
            parts.append(self.tr("compare.none_found", folder=str(path)))
        if added:
            parts.append(
                self.tr("compare.added_one") if added == 1 else self.tr("compare.added", n=added)
            )
        if already:
            parts.append(self.tr("compare.already", n=already))
        if problems:
            listed = "; ".join(problems)
            parts.append(
                self.tr("compare.skipped_one", problems=listed)
                if len(problems) == 1
                else self.tr("compare.skipped", n=len(problems), problems=listed)
            )
        colour = theme.VERMILLION if problems or not added else theme.GREEN
        self.notice = (" ".join(parts), colour) if parts else None
        if added:
            self.selected = len(self.games) - 1

    @staticmethod
    def key(path: Path) -> str:
        try:
            return str(Path(path).resolve())
        except (OSError, RuntimeError):  # RuntimeError: a symbolic link that loops
            return str(path)

    def append(self, game: GameFile) -> None:
        used = {g.slot for g in self.games}
        slot = next(i for i in range(len(self.games) + 1) if i not in used)
        label = game.label
        labels = {g.summary.label for g in self.games}
        n = 2
        while label in labels:
            label = f"{game.label} ({n})"
            n += 1
        summary = compared_game(game.debrief, label, str(game.path))
        self.games.append(Compared(game, slot, summary))

    def default_folder(self) -> None:
        self.read_entries()
        self.source_text = str(default_export_dir(self.ctx))
        self.rebuild()

    def remove_selected(self) -> None:
        game = self.current()
        if game is None:
            return
        self.games.remove(game)
        self.selected = min(self.selected, max(len(self.games) - 1, 0))
        self.notice = (self.tr("compare.removed", name=game.summary.label), theme.MUTED)
        self.problems = []
        self.exported = None
        self.read_entries()
        self.rebuild()

    def open_selected(self) -> None:
        game = self.current()
        if game is None:
            return
        self.read_entries()
        f = game.file
        self.ctx.director.push(
            "debrief", level=f.level, record=f.record, personalities=f.personalities
        )

    def export(self) -> None:
        self.read_entries()
        self.unfocus_entries()
        if not self.games:
            return
        text = self.out_text.strip() or str(default_export_dir(self.ctx))
        folder = Path(text)
        try:
            folder = typed_path(text)
            folder.mkdir(parents=True, exist_ok=True)
            path = api.export_comparison(self.comparison(), folder)
        except Exception as error:
            log_exception(self.ctx.paths, error, f"exporting a comparison to {folder}")
            reason = refusal(error)
            self.notice = (
                self.tr("compare.export_failed", folder=str(folder), problem=reason),
                theme.VERMILLION,
            )
            self.exported = None
        else:
            self.exported = Path(path)
            self.notice = (self.tr("compare.exported", path=str(path)), theme.GREEN)
        self.rebuild()

    def select(self, index: int) -> None:
        if not self.games:
            return
        index = max(0, min(index, len(self.games) - 1))
        if index == self.selected:
            return
        page = self.page
        self.selected = index
        if self.page != page:
            self.read_entries()
            self.rebuild()

    def turn_page(self, step: int) -> None:
        page = max(0, min(self.page + step, self.pages - 1))
        self.select(page * self.per_page)

    def back(self) -> None:
        self.read_entries()
        if len(self.ctx.director.stack) > 1:
            self.ctx.director.pop()
        else:
            flow.to_title(self.ctx)

    # -- input --------------------------------------------------------------------------------

    def on_key(self, event: pygame.event.Event) -> bool:
        if not self.typing():
            if event.key == pygame.K_UP:
                self.select(self.selected - 1)
                return True
            if event.key == pygame.K_DOWN:
                self.select(self.selected + 1)
                return True
            if event.key == pygame.K_BACKSPACE and self.games:  # keyboards without Supr
                self.remove_selected()
                return True
            if event.key == pygame.K_p:
                self.focus_entry(self.source_entry)
                return True
            if event.key == pygame.K_g:
                self.focus_entry(self.out_entry)
                return True
        return super().on_key(event)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            self.hover = self.row_at(event.pos)
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            index = self.row_at(event.pos)
            if index is not None:
                self.select(index)
                return True
        return super().handle_event(event)

    def on_widget(self, event: pygame.event.Event) -> bool:
        element = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and element in (
            self.source_entry,
            self.out_entry,
        ):
            self.read_entries()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if element is self.source_entry:
                self.add_from_entry()
                return True
            if element is self.out_entry:
                self.export()
                return True
        return False

    def visible_rows(self) -> list[tuple[int, pygame.Rect]]:
        lay = self.layout()
        area, row_h = lay["rows"], lay["row_h"]
        start = self.page * self.per_page
        return [
            (index, pygame.Rect(area.x, area.y + i * (row_h + 6), area.w, row_h))
            for i, index in enumerate(range(start, min(start + self.per_page, len(self.games))))
        ]

    def row_at(self, pos) -> int | None:
        for index, rect in self.visible_rows():
            if rect.collidepoint(pos):
                return index
        return None

    # -- drawing ------------------------------------------------------------------------------

    def one_level(self) -> str | None:
        """The level's name when every game was played on the same level."""
        names = {pick(g.summary.level_name, self.ctx.lang) for g in self.games}
        return names.pop() if len(names) == 1 else None

    def subtitle(self) -> str:
        n = len(self.games)
        if n == 0:
            return self.tr("compare.subtitle_none")
        text = self.tr("compare.subtitle_one") if n == 1 else self.tr("compare.subtitle", n=n)
        level = self.one_level()
        return f"{level} · {text}" if level else text

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.PAPER)
        s = self.sizes
        lay = self.layout()
        header = lay["header"]
        title = pygame.Rect(header.x, header.y, header.w, lay["title_h"])
        draw_text(surface, self.tr("compare.title"), title, s.heading, theme.INK, bold=True)
        sub = pygame.Rect(header.x, title.bottom + 2, header.w, header.bottom - title.bottom - 2)
        draw_text(surface, self.subtitle(), sub, s.small, theme.MUTED)
        draw_text(
            surface,
            self.source_label(),
            lay["source_label"],
            s.small,
            theme.INK,
            bold=True,
            valign="middle",
        )
        draw_text(
            surface,
            self.out_label(),
            lay["out_label"],
            s.small,
            theme.INK,
            bold=True,
            valign="middle",
        )
        card(surface, lay["listing"])
        if self.games:
            self.draw_list(surface, lay)
        else:
            self.draw_empty(surface, lay)
        self.draw_chart(surface, lay["chart"])
        if self.notice is not None:
            text, colour = self.notice
            draw_text(surface, text, lay["notice"], s.small, colour, valign="bottom")
        elif self.games:
            draw_text(
                surface,
                self.tr("compare.hint"),
                lay["notice"],
                s.small,
                theme.MUTED,
                valign="bottom",
            )

    def draw_empty(self, surface: pygame.Surface, lay: dict) -> None:
        s = self.sizes
        area = lay["rows"].union(lay["key"])
        title_h = line_height(s.body, True) * 2
        draw_text(
            surface,
            self.tr("compare.empty"),
            pygame.Rect(area.x, area.y + 20, area.w, title_h),
            s.body,
            theme.INK,
            bold=True,
            align="center",
        )
        draw_text(
            surface,
            self.tr("compare.empty_hint"),
            pygame.Rect(
                area.x + 30, area.y + 28 + title_h, area.w - 60, area.bottom - area.y - 28 - title_h
            ),
            s.body,
            theme.MUTED,
            align="center",
        )

    def draw_list(self, surface: pygame.Surface, lay: dict) -> None:
        s = self.sizes
        head, rows = lay["head"], lay["rows"]
        probe = pygame.Rect(rows.x, rows.y, rows.w, lay["row_h"])
        cols = self.columns(probe)
        cells, cell = cols["cells"], cols["cell"]
        draw_text(
            surface,
            self.tr("common.game"),
            pygame.Rect(cols["text"].x, head.y, cols["text"].w, head.h),
            s.small,
            theme.MUTED,
            bold=True,
        )
        draw_text(
            surface,
            self.tr("compare.col.outcome"),
            pygame.Rect(cols["chip"].x, head.y, cols["chip"].w, head.h),
            s.small,
            theme.MUTED,
            bold=True,
            align="center",
        )
        # the conditions' numbers over their columns
        for i in range(len(CONDITIONS)):
            x = cells.x + i * (cell + 4)
            draw_text(
                surface,
                str(i + 1),
                pygame.Rect(x - 2, head.y, cell + 4, head.h),
                s.small,
                theme.MUTED,
                bold=True,
                align="center",
            )
        for index, row in self.visible_rows():
            self.draw_row(surface, index, row)
        self.draw_key(surface, lay["key"])
        if self.pages > 1:
            actions = lay["actions"]
            open_w = self.button_w(self.tr("compare.open"), pygame.K_RETURN, True)
            remove_w = self.button_w(self.tr("compare.remove"), pygame.K_DELETE)
            left = actions.x + open_w + 12 + remove_w + 12
            box = pygame.Rect(left, actions.y, actions.right - 56 - 8 - 56 - 8 - left, actions.h)
            draw_text(
                surface,
                self.tr("compare.page", page=self.page + 1, pages=self.pages),
                box,
                s.small,
                theme.INK,
                align="right",
                valign="middle",
            )

    def draw_row(self, surface: pygame.Surface, index: int, row: pygame.Rect) -> None:
        s = self.sizes
        game = self.games[index]
        summary = game.summary
        if index == self.selected:
            pygame.draw.rect(surface, theme.CARD, row, border_radius=10)
            pygame.draw.rect(surface, theme.BLUE, row, width=2, border_radius=10)
            pygame.draw.rect(
                surface, theme.BLUE, (row.x, row.y + 8, 5, row.h - 16), border_radius=3
            )
        else:
            fill = theme.PAPER if index == self.hover else theme.CARD
            pygame.draw.rect(surface, fill, row, border_radius=10)
            pygame.draw.rect(surface, theme.LINE, row, width=1, border_radius=10)
        cols = self.columns(row)
        marker = cols["marker"]
        pygame.draw.line(
            surface, game.colour, (marker.x, marker.centery), (marker.right, marker.centery), 3
        )
        ch.draw_marker(surface, game.marker, marker.center, 6, game.colour)
        text = cols["text"]
        line1_h = line_height(s.body, True)
        draw_text(
            surface,
            summary.label,
            pygame.Rect(text.x, text.y, text.w, line1_h),
            s.body,
            theme.INK,
            bold=True,
        )
        level = pick(summary.level_name, self.ctx.lang)
        length = self.tr(
            "compare.rounds" if game.file.level.is_dilemma else "common.seasons_count",
            n=summary.length,
        )
        detail = f"{level} · {length}"
        people = game.file.people
        if people and game.file.kind == "export":
            # the people if they fit: without the level when every game is on the same one
            # (the subtitle names it), then without the word "played by"
            names = ", ".join(people)
            played = self.tr("compare.people", names=names)
            candidates = [f"{detail} · {played}"]
            if self.one_level() is not None:
                candidates += [f"{length} · {played}", f"{length} · {names}"]
            detail = next((c for c in candidates if font(s.small).size(c)[0] <= text.w), detail)
        colour = theme.MUTED
        if summary.level_changed:  # said first: its figures are not what the group saw
            detail, colour = f"{self.tr('compare.level_changed')} · {detail}", theme.VERMILLION
        draw_text(
            surface,
            detail,
            pygame.Rect(text.x, text.y + line1_h, text.w, text.bottom - text.y - line1_h),
            s.small,
            colour,
        )
        outcome = summary.outcome
        draw_status_chip(
            surface,
            cols["chip"],
            # keys: debrief.short.{game.ui.widgets.OUTCOME_COLOURS}
            self.tr(f"debrief.short.{outcome}"),
            OUTCOME_COLOURS.get(outcome, theme.MUTED),
            s.small,
        )
        self.draw_cells(surface, cols["cells"], cols["cell"], game)

    def draw_cells(self, surface: pygame.Surface, cells: pygame.Rect, cell: int, game) -> None:
        if not game.file.debrief.contract_review:  # the tutorial's dilemma has no contract
            draw_text(
                surface,
                self.tr("compare.no_contract"),
                cells.inflate(0, 12),
                self.sizes.small,
                theme.MUTED,
                align="center",
                valign="middle",
            )
            return
        had = set(game.summary.had)
        for i, condition in enumerate(CONDITIONS):
            box = pygame.Rect(cells.x + i * (cell + 4), cells.y, cell, cell)
            draw_condition(surface, box, condition in had)

    def draw_key(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """What the numbers and the two marks mean (the level's own names for the conditions)."""
        s = self.sizes
        level = self.games[0].file.level
        names = []
        for i, condition in enumerate(CONDITIONS):
            spec = level.contract.get(condition)
            name = pick(spec.name, self.ctx.lang) if spec is not None else condition
            names.append(f"{i + 1}\u00a0{name}")
        lh = line_height(s.small)
        mark = lh - 6
        x = area.x
        for had, key in ((True, "compare.key_had"), (False, "compare.key_lacked")):
            draw_condition(surface, pygame.Rect(x, area.y + 3, mark, mark), had)
            label = self.tr(key)
            w = font(s.small).size(label)[0] + 4
            draw_text(surface, label, pygame.Rect(x + mark + 6, area.y, w, lh), s.small, theme.INK)
            x += mark + 6 + w + 18
        text = " · ".join(names)
        draw_text(
            surface,
            text,
            pygame.Rect(x, area.y, area.right - x, area.h),
            s.small,
            theme.MUTED,
        )

    def draw_chart(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        s = self.sizes
        card(surface, rect)
        inner = rect.inflate(-28, -24)
        if not self.games:
            draw_text(
                surface,
                self.tr("compare.chart.title"),
                pygame.Rect(inner.x, inner.y, inner.w, line_height(s.body + 2, True) * 2),
                s.body + 2,
                theme.INK,
                bold=True,
            )
            draw_text(
                surface,
                self.tr("compare.chart.empty"),
                inner.inflate(-20, -inner.h // 2),
                s.body,
                theme.MUTED,
                align="center",
                valign="middle",
            )
            return
        lh = line_height(s.small) + 6
        columns = 2 if inner.w >= 420 and len(self.games) > 3 else 1
        legend_rows = (len(self.games) + columns - 1) // columns
        legend_h = min(legend_rows, max((inner.h // 3) // lh, 1)) * lh
        plot = pygame.Rect(inner.x, inner.y, inner.w, inner.h - legend_h - 8)
        ch.draw_chart(surface, plot, self.chart(), s, framed=False)
        legend = pygame.Rect(inner.x, plot.bottom + 8, inner.w, legend_h)
        col_w = legend.w // columns
        value_w = font(s.small, True).size("0.00")[0] + 6
        for i, game in enumerate(self.games):
            col, line = i % columns, i // columns
            y = legend.y + line * lh
            if y + lh > legend.bottom + 1:
                break
            x = legend.x + col * col_w
            cy = y + lh // 2
            pygame.draw.line(surface, game.colour, (x, cy), (x + 26, cy), 3)
            ch.draw_marker(surface, game.marker, (x + 13, cy), 5, game.colour)
            bold = game is self.current()
            draw_text(
                surface,
                game.summary.label,
                pygame.Rect(x + 34, y, col_w - 34 - value_w - 10, lh),
                s.small,
                theme.INK,
                bold=bold,
                valign="middle",
            )
            draw_text(
                surface,
                f"{game.summary.final_trust:.2f}",
                pygame.Rect(x + col_w - value_w - 10, y, value_w, lh),
                s.small,
                game.colour if game.colour != theme.YELLOW else theme.INK,
                bold=True,
                align="right",
                valign="middle",
            )


def draw_condition(surface: pygame.Surface, box: pygame.Rect, had: bool) -> None:
    """A condition the contract had (a filled green square with a tick) or lacked (an empty
    square with a vermillion cross): shape and colour both carry the meaning."""
    if had:
        pygame.draw.rect(surface, theme.GREEN, box, border_radius=4)
        w = max(box.w // 8, 2)
        points = [
            (box.x + box.w * 0.22, box.y + box.h * 0.52),
            (box.x + box.w * 0.42, box.y + box.h * 0.72),
            (box.x + box.w * 0.78, box.y + box.h * 0.30),
        ]
        pygame.draw.lines(surface, theme.CARD, False, points, w)
    else:
        pygame.draw.rect(surface, theme.CARD, box, border_radius=4)
        pygame.draw.rect(surface, theme.VERMILLION, box, width=2, border_radius=4)
        inset = box.inflate(-box.w * 0.5, -box.h * 0.5)
        w = max(box.w // 10, 2)
        pygame.draw.line(surface, theme.VERMILLION, inset.topleft, inset.bottomright, w)
        pygame.draw.line(surface, theme.VERMILLION, inset.bottomleft, inset.topright, w)
