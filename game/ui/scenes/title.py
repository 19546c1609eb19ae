"""The title screen: new game, continue, load, settings, how to play, quit; ES/EN."""

from __future__ import annotations

import math

import pygame

from game.ui import flow, theme
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.saving import ResumeGate, restore_match
from game.ui.scene import Scene
from game.ui.text import draw_text


@register_scene("title")
class TitleScene(Scene):
    def __init__(self, ctx: SceneContext | ContextOwner) -> None:
        super().__init__(ctx)
        self.resume_gate = ResumeGate()

    def build(self) -> None:
        w, h = self.size
        column = pygame.Rect(w // 2 - 200, int(h * 0.36), 400, 54)
        latest = self.ctx.store.latest_unfinished()
        entries = [
            ("title.new", self.new_game, pygame.K_n, None, True, True),
            (
                "title.continue",
                self.continue_game,
                pygame.K_c,
                "title.continue.tip",
                False,
                latest is not None,
            ),
            ("common.saved_games", self.load, pygame.K_p, None, False, True),
            ("workshop.title", self.workshop, pygame.K_t, "title.workshop.tip", False, True),
            ("common.settings", self.settings, pygame.K_o, None, False, True),
            ("common.how_to_play", self.help, pygame.K_a, None, False, True),
            ("title.quit", self.ctx.quit, pygame.K_s, None, False, True),
        ]
        gap = 64 if h >= 800 else 58
        for i, (key, run, shortcut, tip, primary, enabled) in enumerate(entries):
            rect = column.move(0, i * gap)
            self.button(
                rect,
                self.tr(key),
                run,
                key=shortcut,
                tooltip=self.tr(tip) if tip else None,
                primary=primary,
                enabled=enabled,
            )
        self.button(
            (w - 220, 24, 196, 48),
            self.tr("common.other_language"),
            self.toggle_language,
            key=pygame.K_i,
            tooltip=self.tr("title.language.tip"),
        )

    def new_game(self) -> None:
        self.ctx.director.push("level_select")

    def continue_game(self) -> None:
        from game.persistence.saves import SaveError

        latest = self.ctx.store.latest_unfinished()
        if latest is None:
            return
        try:
            loaded = self.ctx.store.read(latest.path)
            match = restore_match(loaded)
        except SaveError as error:
            self.ctx.session.notice = (
                error.message_es if self.ctx.lang == "es" else error.message_en
            )
            self.rebuild()
            return
        except Exception as error:
            self.ctx.session.notice = self.tr("title.continue.failed", problem=str(error))
            self.rebuild()
            return
        warning = self.resume_gate.warning(
            latest.path, match, self.tr("title.continue"), self.ctx.lang
        )
        if warning is not None:
            self.ctx.session.notice = warning
            self.rebuild()
            return
        self.ctx.session.notice = None  # said and heard: the title must not repeat it later
        self.ctx.match = match
        self.ctx.session.save_slot = latest.slot
        flow.resume(self.ctx)

    def load(self) -> None:
        self.ctx.director.push("load")

    def workshop(self) -> None:
        self.ctx.director.push("workshop")

    def settings(self) -> None:
        self.ctx.director.push("settings")

    def help(self) -> None:
        self.ctx.director.push("how_to_play")

    def toggle_language(self) -> None:
        from dataclasses import replace

        language = "en" if self.ctx.lang == "es" else "es"
        problem = self.ctx.apply_settings(replace(self.ctx.settings, language=language))
        if problem:  # the language changed; say it will not be remembered
            self.ctx.session.notice = self.tr("settings.save_failed", reason=problem)

    def back(self) -> None:
        """Esc on the title screen does nothing: quitting has its own button."""

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        w, h = self.size
        draw_cluster_emblem(
            surface, pygame.Rect(w // 2 - 160, int(h * 0.05), 320, int(h * 0.16)), self.ctx.frames
        )
        sizes = self.text_sizes
        draw_text(
            surface,
            self.tr("title.name"),
            pygame.Rect(0, int(h * 0.22), w, sizes.title + 20),
            sizes.title,
            theme.INK,
            bold=True,
            align="center",
        )
        draw_text(
            surface,
            self.tr("title.tagline"),
            pygame.Rect(w // 2 - 420, int(h * 0.22) + sizes.title + 24, 840, sizes.body * 3),
            sizes.body,
            theme.MUTED,
            align="center",
        )
        if self.ctx.session.notice:
            draw_text(
                surface,
                self.ctx.session.notice,
                pygame.Rect(40, h - 80, w - 80, 60),
                sizes.small,
                theme.VERMILLION,
                align="center",
            )


def draw_cluster_emblem(surface: pygame.Surface, box: pygame.Rect, frame: int) -> None:
    """Firms as circles joined by threads of trust, gently breathing: the game's emblem."""
    cx, cy = box.center
    radius = min(box.width, box.height) * 0.42
    points = []
    for i, colour in enumerate(theme.FIRM_COLOURS[:6]):
        angle = i * math.tau / 6 + frame * 0.004
        points.append(
            ((cx + radius * math.cos(angle) * 1.6, cy + radius * math.sin(angle)), colour)
        )
    for i, (a, _) in enumerate(points):
        for b, _ in points[i + 1 :]:
            pygame.draw.aaline(surface, theme.LINE, a, b)
    for (x, y), colour in points:
        pygame.draw.circle(surface, colour, (int(x), int(y)), 14)
        pygame.draw.circle(surface, theme.CARD, (int(x), int(y)), 14, width=3)
    pygame.draw.circle(surface, theme.INK, (cx, cy), 10)
