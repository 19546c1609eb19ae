"""Saved games: pick one to continue (or to review, if it is finished), or delete one.

The saves are rows in a card, newest first, a page at a time. A row is chosen with a click or
with ↑/↓; Enter opens it, Supr asks before deleting (a second Supr, or the confirm button,
deletes). A damaged save is listed with its problem; opening it moves the file aside (kept, never
deleted) and says where, and the list is refreshed. Nothing here can crash the game.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import pygame
import pygame_gui

from game.i18n import pick
from game.persistence.errorlog import log_exception
from game.persistence.paths import refusal
from game.persistence.saves import SaveError, SaveInfo
from game.ui import flow, theme
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.entry import TextField
from game.ui.gamefiles import GameFileError, read_game_file
from game.ui.saving import ResumeGate, restore_match
from game.ui.scene import Scene, card
from game.ui.text import draw_text, font
from game.ui.widgets import draw_status_chip

log = logging.getLogger(__name__)


MAX_NAMES = 4


@register_scene("load")
class LoadScene(Scene):
    def __init__(self, ctx: SceneContext | ContextOwner) -> None:
        super().__init__(ctx)
        self.saves: list[SaveInfo] = []
        self.selected = 0
        self.hover: int | None = None
        self.confirming: Path | None = None  # the save waiting for a second "delete"
        self.resume_gate = ResumeGate()
        self.notice: tuple[str, tuple[int, int, int]] | None = None
        self.per_page = 1
        self.file_text = ""
        self.file_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.refresh()

    # -- the list ----------------------------------------------------------------------------

    def refresh(self, keep: Path | None = None) -> None:
        """Read the saves folder again, keeping the selection on ``keep`` if it is still there."""
        try:
            self.saves = self.ctx.store.list_saves()
        except Exception as error:  # listing should never fail, but the screen must not
            log_exception(self.ctx.paths, error, "listing the saves")
            self.saves = []
        paths = [info.path for info in self.saves]
        if keep in paths:
            self.selected = paths.index(keep)
        self.selected = min(self.selected, max(len(self.saves) - 1, 0))

    def current(self) -> SaveInfo | None:
        return self.saves[self.selected] if self.saves else None

    @property
    def page(self) -> int:
        return self.selected // self.per_page

    @property
    def pages(self) -> int:
        return max((len(self.saves) + self.per_page - 1) // self.per_page, 1)

    # -- layout ------------------------------------------------------------------------------

    def layout(self) -> dict[str, pygame.Rect | int]:
        w, h = self.size
        sizes = self.text_sizes
        button_h = sizes.widget * 2 + 10
        card_w = min(1120, w - 160)
        card_h = min(h - 64, 860)
        box = pygame.Rect((w - card_w) // 2, (h - card_h) // 2, card_w, card_h)
        inner = box.inflate(-64, -56)
        title = pygame.Rect(inner.x, inner.y, inner.width, max(sizes.heading + 12, 44))
        subtitle = pygame.Rect(inner.x, title.bottom + 2, inner.width, sizes.small + 8)
        footer = pygame.Rect(inner.x, inner.bottom - button_h, inner.width, button_h)
        file_row = pygame.Rect(inner.x, footer.y - 12 - button_h, inner.width, button_h)
        notice_h = 2 * font(sizes.small).get_linesize() + 4
        notice = pygame.Rect(inner.x, file_row.y - 12 - notice_h, inner.width, notice_h)
        top = subtitle.bottom + 16
        rows = pygame.Rect(inner.x, top, inner.width, notice.y - 14 - top)
        nav = pygame.Rect(inner.right - 300, title.y, 300, title.height)
        return {
            "box": box,
            "inner": inner,
            "title": title,
            "subtitle": subtitle,
            "rows": rows,
            "nav": nav,
            "notice": notice,
            "file_row": file_row,
            "footer": footer,
            "button_h": button_h,
            "row_h": font(sizes.body, True).get_linesize() + font(sizes.small).get_linesize() + 26,
        }

    def build(self) -> None:
        lay = self.layout()
        footer, button_h = lay["footer"], lay["button_h"]
        self.per_page = max((lay["rows"].height + 8) // (lay["row_h"] + 8), 1)
        self.button(
            (footer.x, footer.y, 220, button_h),
            self.tr("common.cancel") if self.confirming else self.tr("common.back"),
            self.back,
            key=pygame.K_ESCAPE,
            primary=not self.saves,
        )
        if self.saves:
            self.build_save_buttons(lay)
        # for any finished game on disk, and for a class's games side by side
        self.build_file_row(lay)
        compare_label = self.tr("load.compare")
        compare_w = font(self.text_sizes.widget).size(f"{compare_label}  (C)")[0] + 36
        self.button(
            (footer.x + 220 + 16, footer.y, compare_w, button_h),
            compare_label,
            self.compare,
            key=pygame.K_c,
        )

    def build_save_buttons(self, lay) -> None:
        """Open or delete the chosen save, and turn the pages of the list."""
        footer, button_h = lay["footer"], lay["button_h"]
        right = footer.right
        if self.confirming is not None:
            self.button(
                (right - 260, footer.y, 260, button_h),
                self.tr("load.confirm"),
                self.confirm_delete,
                key=pygame.K_DELETE,
            )
        else:
            self.button(
                (right - 240, footer.y, 240, button_h),
                self.tr("load.open"),
                self.open_selected,
                key=pygame.K_RETURN,
                primary=True,
            )
            self.button(
                (right - 240 - 16 - 220, footer.y, 220, button_h),
                self.tr("load.delete"),
                self.ask_delete,
                key=pygame.K_DELETE,
            )
        if self.pages > 1:
            self.page_arrows(
                lay["nav"],
                self.page,
                self.pages,
                self.turn_page,
                (self.tr("common.previous_page"), self.tr("common.next_page")),
            )

    def file_row(self, lay) -> dict[str, pygame.Rect]:
        row = lay["file_row"]
        sizes = self.text_sizes
        label_w = min(font(sizes.small, True).size(self.tr("load.file_label"))[0] + 16, 240)
        button_w = font(sizes.widget).size(f"{self.tr('load.open_file')}  (A)")[0] + 36
        button = pygame.Rect(row.right - button_w, row.y, button_w, row.height)
        label = pygame.Rect(row.x, row.y, label_w, row.height)
        entry = pygame.Rect(label.right, row.y, button.x - 12 - label.right, row.height)
        return {"label": label, "entry": entry, "button": button}

    def build_file_row(self, lay) -> None:
        """Any finished game on disk (a save or an export, anywhere) opens in its debrief."""
        parts = self.file_row(lay)
        entry = TextField(parts["entry"], self.ctx.manager)
        entry.set_text(self.file_text)
        self.add(entry)
        self.file_entry = entry
        self.button(parts["button"], self.tr("load.open_file"), self.open_file, key=pygame.K_a)

    # -- actions -----------------------------------------------------------------------------

    def compare(self) -> None:
        self.read_file_entry()
        self.ctx.director.push("compare")

    def read_file_entry(self) -> None:
        if self.file_entry is not None:
            self.file_text = self.file_entry.get_text()

    def open_file(self) -> None:
        """Open the file typed in the entry in the debrief; say why not if it can't be."""
        self.read_file_entry()
        text = self.file_text.strip()
        if not text:  # nothing typed yet: the keyboard goes to the entry
            if self.file_entry is not None:
                self.focus = None
                self.ctx.manager.set_focus_set(self.file_entry)
            self.notice = (self.tr("load.type_path"), theme.MUTED)
            return
        if self.file_entry is not None and self.file_entry.is_focused:
            self.file_entry.unfocus()
            self.ctx.manager.set_focus_set(None)
        try:
            game = read_game_file(Path(text), self.ctx.store)
        except GameFileError as error:
            self.notice = (error.message(self.ctx.lang), theme.VERMILLION)
            self.rebuild()
            return
        except Exception as error:  # never a crash
            log_exception(self.ctx.paths, error, f"opening the file {text}")
            self.notice = (self.tr("load.open_failed", problem=str(error)), theme.VERMILLION)
            self.rebuild()
            return
        self.notice = None
        self.ctx.director.push(
            "debrief", level=game.level, record=game.record, personalities=game.personalities
        )

    def select(self, index: int) -> None:
        if not self.saves:
            return
        index = max(0, min(index, len(self.saves) - 1))
        if index == self.selected:
            return
        page = self.page
        self.selected = index
        if self.confirming is not None:
            self.confirming = None
            self.notice = None
            self.rebuild()
        elif self.page != page:
            self.rebuild()

    def turn_page(self, step: int) -> None:
        page = max(0, min(self.page + step, self.pages - 1))
        self.select(page * self.per_page)

    def open_selected(self) -> None:
        info = self.current()
        if info is None:
            return
        try:
            loaded = self.ctx.store.read(info.path)
            match = restore_match(loaded)
        except SaveError as error:
            message = error.message(self.ctx.lang).replace(str(info.path), info.path.name)
            if error.kept_at is not None and str(error.kept_at) not in message:
                message += " " + self.tr("load.kept_at", path=str(error.kept_at))
            self.notice = (message, theme.VERMILLION)
            self.confirming = None
            self.refresh(keep=info.path)
            self.rebuild()
            return
        except Exception as error:  # a level that no longer exists, data the game can't use
            log_exception(self.ctx.paths, error, f"opening the save {info.path}")
            self.notice = (self.tr("load.open_failed", problem=str(error)), theme.VERMILLION)
            self.rebuild()
            return
        warning = self.resume_gate.warning(info.path, match, self.tr("load.open"), self.ctx.lang)
        if warning is not None:
            self.notice = (warning, theme.VERMILLION)
            self.rebuild()
            return
        if match.game is not None and match.game.outcome is not None:
            # a finished game opens in its debrief, over this list (Esc comes back here)
            flow.open_debrief(self.ctx, match)
            return
        self.ctx.match = match
        self.ctx.session.save_slot = info.slot
        flow.resume(self.ctx)

    def ask_delete(self) -> None:
        info = self.current()
        if info is None:
            return
        self.confirming = info.path
        self.notice = (
            self.tr("load.confirm_question", name=self.row_name(info)),
            theme.VERMILLION,
        )
        self.rebuild()

    def confirm_delete(self) -> None:
        info = self.current()
        if info is None or self.confirming != info.path:
            self.confirming = None
            self.rebuild()
            return
        name = self.row_name(info)
        try:
            self.ctx.store.delete(info.slot)
        except OSError as error:
            self.notice = (
                self.tr("load.delete_failed", reason=refusal(error)),
                theme.VERMILLION,
            )
        else:
            self.notice = (self.tr("load.deleted", name=name), theme.MUTED)
        self.confirming = None
        self.refresh()
        self.rebuild()

    def back(self) -> None:
        if self.confirming is not None:
            self.confirming = None
            self.notice = None
            self.rebuild()
            return
        self.ctx.director.pop()

    # -- input -------------------------------------------------------------------------------

    def on_key(self, event: pygame.event.Event) -> bool:
        if self.typing():
            return super().on_key(event)
        if event.key == pygame.K_UP:
            self.select(self.selected - 1)
            return True
        if event.key == pygame.K_DOWN:
            self.select(self.selected + 1)
            return True
        if event.key == pygame.K_BACKSPACE and self.saves:  # keyboards without a Supr key
            if self.confirming is not None:
                self.confirm_delete()
            else:
                self.ask_delete()
            return True
        return super().on_key(event)

    def on_widget(self, event: pygame.event.Event) -> bool:
        element = getattr(event, "ui_element", None)
        if element is None or element is not self.file_entry:
            return False
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            self.read_file_entry()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.open_file()
            return True
        return False

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

    def visible_rows(self) -> list[tuple[int, pygame.Rect]]:
        """(index in the list, rectangle) of each row on the current page."""
        lay = self.layout()
        area, row_h = lay["rows"], lay["row_h"]
        start = self.page * self.per_page
        return [
            (index, pygame.Rect(area.x, area.y + i * (row_h + 8), area.width, row_h))
            for i, index in enumerate(range(start, min(start + self.per_page, len(self.saves))))
        ]

    def row_at(self, pos) -> int | None:
        for index, rect in self.visible_rows():
            if rect.collidepoint(pos):
                return index
        return None

    # -- texts for a row ---------------------------------------------------------------------

    def row_name(self, info: SaveInfo) -> str:
        name = info.summary.get("level_name") if info.ok else None
        if isinstance(name, dict):
            text = pick(name, self.ctx.lang)
            text = text if isinstance(text, str) else ""  # a damaged summary
        elif isinstance(name, str):
            text = name
        else:
            text = ""
        if not info.ok:
            return info.path.name
        return text or self.tr("load.unknown_level")

    def row_detail(self, info: SaveInfo) -> str:
        summary = info.summary
        parts = []
        season = summary.get("season")
        if isinstance(season, int):
            if info.finished:
                parts.append(self.tr("common.seasons_count", n=season))
            else:
                parts.append(self.tr("load.season", n=season + 1))
        outcome = summary.get("outcome")
        if info.finished and outcome in ("advance", "collapse", "stagnation"):
            parts[-1:] = (
                # keys: load.outcome.{game.engine.outcome.OutcomeKind}
                [f"{parts[-1]}, {self.tr(f'load.outcome.{outcome}')}"]
                if parts
                # keys: load.outcome.{game.engine.outcome.OutcomeKind}
                else [self.tr(f"load.outcome.{outcome}")]
            )
        names = summary.get("names")
        names = [str(n) for n in names if n] if isinstance(names, list) else []
        if names:
            shown = ", ".join(names[:MAX_NAMES])
            if len(names) > MAX_NAMES:
                shown += " " + self.tr("load.more_names", n=len(names) - MAX_NAMES)
            parts.append(shown)
        return " · ".join(parts)

    def row_problem(self, info: SaveInfo) -> str:
        text = info.error.message(self.ctx.lang) if info.error is not None else info.problem or ""
        return text.replace(str(info.path), info.path.name)

    def when(self, moment: datetime) -> str:
        try:
            local = moment.astimezone()
        except (ValueError, OSError, OverflowError):
            local = moment
        return local.strftime("%d/%m/%Y  %H:%M" if self.ctx.lang == "es" else "%Y-%m-%d  %H:%M")

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        sizes = self.text_sizes
        lay = self.layout()
        card(surface, lay["box"])
        draw_text(
            surface,
            self.tr("common.saved_games"),
            lay["title"],
            sizes.heading,
            theme.INK,
            bold=True,
        )
        if self.saves:
            count = (
                self.tr("load.count_one")
                if len(self.saves) == 1
                else self.tr("load.count", n=len(self.saves))
            )
            draw_text(surface, count, lay["subtitle"], sizes.small, theme.MUTED)
            self.draw_rows(surface)
            if self.pages > 1:
                draw_text(
                    surface,
                    self.tr("load.page", page=self.page + 1, pages=self.pages),
                    lay["nav"].inflate(-2 * 64, 0),
                    sizes.body,
                    theme.INK,
                    align="center",
                    valign="middle",
                )
        else:
            self.draw_empty(surface, lay["rows"])
        draw_text(
            surface,
            self.tr("load.file_label"),
            self.file_row(lay)["label"],
            sizes.small,
            theme.INK,
            bold=True,
            valign="middle",
        )
        if self.notice is not None:
            text, colour = self.notice
            draw_text(surface, text, lay["notice"], sizes.small, colour, valign="bottom")
        elif self.saves:
            draw_text(
                surface,
                self.tr("load.hint"),
                lay["notice"],
                sizes.small,
                theme.MUTED,
                valign="bottom",
            )

    def draw_rows(self, surface: pygame.Surface) -> None:
        sizes = self.text_sizes
        for index, row in self.visible_rows():
            info = self.saves[index]
            if index == self.selected:
                mark = theme.VERMILLION if self.confirming == info.path else theme.BLUE
                pygame.draw.rect(surface, theme.CARD, row, border_radius=10)
                pygame.draw.rect(surface, mark, row, width=2, border_radius=10)
                pygame.draw.rect(
                    surface, mark, (row.x, row.y + 8, 6, row.height - 16), border_radius=3
                )
            else:
                fill = theme.PAPER if index == self.hover else theme.CARD
                pygame.draw.rect(surface, fill, row, border_radius=10)
                pygame.draw.rect(surface, theme.LINE, row, width=1, border_radius=10)
            chip_w, date_w = 150, 190
            text_x = row.x + 24
            text_w = row.width - 24 - chip_w - date_w - 56
            line1 = pygame.Rect(text_x, row.y + 12, text_w, font(sizes.body, True).get_linesize())
            line2 = pygame.Rect(text_x, line1.bottom + 2, text_w, row.bottom - line1.bottom - 8)
            draw_text(surface, self.row_name(info), line1, sizes.body, theme.INK, bold=True)
            if info.ok:
                draw_text(surface, self.row_detail(info), line2, sizes.small, theme.MUTED)
            else:
                draw_text(surface, self.row_problem(info), line2, sizes.small, theme.VERMILLION)
            date = pygame.Rect(line1.right + 20, row.y, date_w, row.height)
            draw_text(
                surface,
                self.when(info.saved_at),
                date,
                sizes.small,
                theme.MUTED,
                align="right",
                valign="middle",
            )
            chip = pygame.Rect(row.right - 16 - chip_w, row.centery - 16, chip_w, 32)
            if not info.ok:
                label, colour = self.tr("load.damaged"), theme.VERMILLION
            elif info.finished:
                label, colour = self.tr("load.finished"), theme.GREEN
            else:
                label, colour = self.tr("load.in_progress"), theme.BLUE
            draw_status_chip(surface, chip, label, colour, sizes.small)

    def draw_empty(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        sizes = self.text_sizes
        folder = pygame.Rect(0, 0, 120, 90)
        folder.midbottom = (area.centerx, area.centery - 20)
        tab = pygame.Rect(folder.x, folder.y - 14, 50, 20)
        pygame.draw.rect(surface, theme.LINE, tab, border_radius=6)
        pygame.draw.rect(surface, theme.SHADE, folder, border_radius=10)
        pygame.draw.rect(surface, theme.LINE, folder, width=2, border_radius=10)
        draw_text(
            surface,
            self.tr("load.empty"),
            pygame.Rect(area.x, area.centery, area.width, sizes.heading + 12),
            sizes.heading,
            theme.INK,
            bold=True,
            align="center",
        )
        draw_text(
            surface,
            self.tr("load.empty_hint"),
            pygame.Rect(
                area.centerx - 330, area.centery + sizes.heading + 20, 660, 3 * (sizes.body + 8)
            ),
            sizes.body,
            theme.MUTED,
            align="center",
        )
