"""Esc during a game: resume, save and quit to the title, settings, how to play."""

from __future__ import annotations

import pygame

from game.i18n import register
from game.ui import flow, theme
from game.ui.scene import Scene, card
from game.ui.text import draw_text

register(
    {
        "pause.title": {"es": "Pausa", "en": "Paused"},
        "pause.resume": {"es": "Seguir jugando", "en": "Resume"},
        "pause.save_quit": {"es": "Guardar y salir al inicio", "en": "Save and quit to the start"},
        "pause.saved_note": {
            "es": "La partida se guarda sola después de cada temporada.",
            "en": "The game saves itself after every season.",
        },
    }
)


class PauseScene(Scene):
    def build(self) -> None:
        w, h = self.size
        x, y = w // 2 - 210, h // 2 - 130
        self.button(
            (x, y, 420, 54), self.tr("pause.resume"), self.app.go_back, key=pygame.K_r, primary=True
        )
        self.button(
            (x, y + 66, 420, 54), self.tr("pause.save_quit"), self.save_and_quit, key=pygame.K_g
        )
        self.button((x, y + 132, 420, 54), self.tr("title.settings"), self.settings, key=pygame.K_o)
        self.button((x, y + 198, 420, 54), self.tr("title.help"), self.help, key=pygame.K_a)

    def save_and_quit(self) -> None:
        self.app.autosave()
        flow.to_title(self.app)

    def settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def help(self) -> None:
        from game.ui.scenes.how_to_play import HowToPlayScene

        self.app.push(HowToPlayScene(self.app))

    def back(self) -> None:
        self.app.go_back()

    def draw(self, surface: pygame.Surface) -> None:
        below = self.app.scenes[-2] if len(self.app.scenes) > 1 else None
        if below is not None:
            below.draw(surface)
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((31, 35, 40, 150))
        surface.blit(veil, (0, 0))
        w, h = self.size
        box = pygame.Rect(w // 2 - 260, h // 2 - 230, 520, 470)
        card(surface, box)
        self.heading(
            surface, self.tr("pause.title"), pygame.Rect(box.x + 30, box.y + 24, box.w - 60, 44)
        )
        draw_text(
            surface,
            self.tr("pause.saved_note"),
            pygame.Rect(box.x + 30, box.bottom - 60, box.w - 60, 44),
            self.text_sizes.small,
            theme.MUTED,
            align="center",
        )
