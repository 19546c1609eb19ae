"""Settings: language, window, animation, sound and text size, applied and saved at once.

A centred card with a label column and a control column. Each choice is a row of toggle buttons
(the current one selected), a dropdown (window size) or a slider (volume). Every row also has a
key that moves to its next value, shown as a key cap beside the row's label, and every button is
reachable with Tab and Enter.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pygame
import pygame_gui

from game.ui import sound, theme
from game.ui.context import ContextOwner, SceneContext
from game.ui.director import register_scene
from game.ui.scene import Scene, card, draw_menu_frame
from game.ui.text import draw_text
from game.ui.widgets import draw_key_cap

WINDOW_SIZES = ((1280, 720), (1366, 768), (1600, 900), (1920, 1080))
ANIMATION_SPEEDS = ("normal", "fast", "off")
VOLUME_STEP = 0.1


def size_label(size: tuple[int, int]) -> str:
    return f"{size[0]} × {size[1]}"


@register_scene("settings")
class SettingsScene(Scene):
    def __init__(self, ctx: SceneContext | ContextOwner) -> None:
        super().__init__(ctx)
        self.rows: list[tuple[str, str, pygame.Rect]] = []  # (label, key cap, rect)
        self.card_rect = pygame.Rect(0, 0, 0, 0)
        self.size_menu: pygame_gui.elements.UIDropDownMenu | None = None
        self.volume_slider: pygame_gui.elements.UIHorizontalSlider | None = None
        self.volume_rect = pygame.Rect(0, 0, 0, 0)
        self.pending_volume: float | None = None
        self.message: str | None = None
        self.cycles: dict[int, Callable[[], None]] = {}

    # -- layout ------------------------------------------------------------------------------

    def build(self) -> None:
        w, h = self.size
        sizes = self.text_sizes
        s = self.ctx.settings
        self.rows = []
        self.pending_volume = None
        control_h = sizes.widget * 2 + 6
        pitch = min(control_h + 16, (h - 300) // 7)
        pitch = max(pitch, control_h + 6)
        card_w = min(1000, w - 160)
        header = sizes.heading + sizes.small + 56
        footer = control_h + 60
        card_h = header + 7 * pitch + footer
        self.card_rect = pygame.Rect((w - card_w) // 2, max((h - card_h) // 2, 16), card_w, card_h)
        inner = self.card_rect.inflate(-80, 0)
        label_w = int(inner.width * 0.36)
        cx = inner.x + label_w + 24
        cw = inner.right - cx
        y = self.card_rect.y + header

        def row(label_key: str, cap: str, key: int | None, cycle: Callable[[], None] | None):
            rect = pygame.Rect(inner.x, y, label_w, pitch)
            self.rows.append((self.tr(label_key), cap, rect))
            if key is not None and cycle is not None:
                self.cycles[key] = cycle
            return pygame.Rect(cx, y + (pitch - control_h) // 2, cw, control_h)

        self.cycles = {}
        # language
        area = row("settings.language", "I", pygame.K_i, self.next_language)
        self.toggles(
            area,
            [("settings.lang.es", "es"), ("settings.lang.en", "en")],
            s.language,
            lambda v: self.change(language=v),
            columns=3,
        )
        y += pitch
        # window size
        area = row("settings.window", "V", pygame.K_v, self.next_window_size)
        options = [size_label(z) for z in WINDOW_SIZES]
        current = size_label(tuple(s.window_size))
        if current not in options:
            options.insert(0, current)
        self.size_menu = self.add(
            pygame_gui.elements.UIDropDownMenu(
                options,
                current,
                pygame.Rect(area.x, area.y, min(area.width, 300), area.height),
                manager=self.ctx.manager,
                expansion_height_limit=control_h * 5,
            )
        )
        y += pitch
        # full screen
        area = row("settings.fullscreen", "P", pygame.K_p, self.toggle_fullscreen)
        self.toggles(
            area,
            [("settings.yes", True), ("settings.no", False)],
            s.fullscreen,
            lambda v: self.change(fullscreen=v),
            columns=3,
        )
        y += pitch
        # animation speed
        area = row("settings.animation", "A", pygame.K_a, self.next_animation)
        self.toggles(
            area,
            # keys: settings.anim.{game.ui.scenes.settings.ANIMATION_SPEEDS}
            [(f"settings.anim.{v}", v) for v in ANIMATION_SPEEDS],
            s.animation_speed,
            lambda v: self.change(animation_speed=v),
            columns=3,
        )
        y += pitch
        # sound
        area = row("settings.sound", "S", pygame.K_s, self.toggle_sound)
        self.toggles(
            area,
            [("settings.yes", True), ("settings.no", False)],
            s.sound,
            self.set_sound,
            columns=3,
        )
        y += pitch
        # volume
        area = row("settings.volume", "− +", None, None)
        slider_w = min(area.width - 110, 420)
        self.volume_slider = self.add(
            pygame_gui.elements.UIHorizontalSlider(
                pygame.Rect(area.x, area.y + 4, slider_w, area.height - 8),
                round(s.volume * 100),
                (0, 100),
                manager=self.ctx.manager,
                click_increment=10,
            )
        )
        if not s.sound:
            self.volume_slider.disable()
        self.volume_rect = pygame.Rect(area.x + slider_w + 16, area.y, 100, area.height)
        y += pitch
        # text size
        area = row("settings.text_size", "T", pygame.K_t, self.toggle_text_size)
        self.toggles(
            area,
            [("settings.text.normal", "normal"), ("settings.text.large", "large")],
            s.text_size,
            lambda v: self.change(text_size=v),
            columns=2,
            tips={"large": self.tr("settings.text.large.tip")},
        )
        y += pitch
        # done
        done_w = 260
        self.button(
            self.done_rect(done_w, control_h),
            self.tr("settings.done"),
            self.ctx.director.pop,
            key=pygame.K_RETURN,
            primary=True,
        )

    def done_rect(self, width: int, height: int) -> pygame.Rect:
        box = self.card_rect
        return pygame.Rect(box.right - 40 - width, box.bottom - 28 - height - 4, width, height + 4)

    def toggles(
        self,
        area: pygame.Rect,
        options: list[tuple[str, object]],
        current: object,
        choose: Callable[[object], None],
        *,
        columns: int,
        tips: dict | None = None,
    ) -> None:
        """A row of toggle buttons, the current value selected."""
        gap = 12
        width = (area.width - gap * (columns - 1)) // columns
        for i, (label_key, value) in enumerate(options):
            rect = pygame.Rect(area.x + i * (width + gap), area.y, width, area.height)
            button = self.button(
                rect,
                self.tr(label_key),
                lambda v=value: choose(v),
                object_id="#toggle",
                tooltip=(tips or {}).get(value),
            )
            if value == current:
                button.select()

    # -- changing settings -------------------------------------------------------------------

    def change(self, **values) -> None:
        new = dataclasses.replace(self.ctx.settings, **values)
        if new == self.ctx.settings:
            return
        problem = self.ctx.apply_settings(new)  # a failed save keeps it for this session
        self.message = self.tr("settings.save_failed", reason=problem) if problem else None
        sound.play(self.ctx, "click")

    def set_sound(self, on: bool) -> None:
        self.change(sound=on)

    def next_language(self) -> None:
        self.change(language="en" if self.ctx.settings.language == "es" else "es")

    def next_window_size(self) -> None:
        current = tuple(self.ctx.settings.window_size)
        index = WINDOW_SIZES.index(current) + 1 if current in WINDOW_SIZES else 0
        self.change(window_size=WINDOW_SIZES[index % len(WINDOW_SIZES)])

    def toggle_fullscreen(self) -> None:
        self.change(fullscreen=not self.ctx.settings.fullscreen)

    def next_animation(self) -> None:
        i = ANIMATION_SPEEDS.index(self.ctx.settings.animation_speed)
        self.change(animation_speed=ANIMATION_SPEEDS[(i + 1) % len(ANIMATION_SPEEDS)])

    def toggle_sound(self) -> None:
        self.change(sound=not self.ctx.settings.sound)

    def toggle_text_size(self) -> None:
        self.change(text_size="large" if self.ctx.settings.text_size == "normal" else "normal")

    def step_volume(self, step: float) -> None:
        if not self.ctx.settings.sound:
            return
        volume = round(min(max(self.ctx.settings.volume + step, 0.0), 1.0), 2)
        self.change(volume=volume)

    # -- input -------------------------------------------------------------------------------

    def on_widget(self, event: pygame.event.Event) -> bool:
        if (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and event.ui_element is self.size_menu
        ):
            try:
                width, height = (int(p) for p in event.text.split("×"))
            except ValueError:
                return True
            self.change(window_size=(width, height))
            return True
        if (
            event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED
            and event.ui_element is self.volume_slider
        ):
            # Applying rebuilds the screen, which would drop the slider mid-drag: wait until
            # the mouse lets go (see update).
            self.pending_volume = round(float(event.value) / 100.0, 2)
            return True
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.step_volume(-VOLUME_STEP)
            return True
        if event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.step_volume(VOLUME_STEP)
            return True
        if event.key in self.cycles and not self.typing():
            self.cycles[event.key]()
            return True
        return super().on_key(event)

    def update(self, dt: float) -> None:
        slider = self.volume_slider
        if self.pending_volume is None or slider is None:
            return
        held = slider.sliding_button is not None and slider.sliding_button.held
        held = held or any(
            b is not None and b.held for b in (slider.left_button, slider.right_button)
        )
        if not held:
            volume, self.pending_volume = self.pending_volume, None
            self.change(volume=volume)

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        sizes = self.text_sizes
        box = self.card_rect
        card(surface, box)
        inner = box.inflate(-80, 0)
        draw_text(
            surface,
            self.tr("common.settings"),
            pygame.Rect(inner.x, box.y + 28, inner.width, sizes.heading + 12),
            sizes.heading,
            theme.INK,
            bold=True,
        )
        draw_text(
            surface,
            self.tr("settings.subtitle"),
            pygame.Rect(inner.x, box.y + 32 + sizes.heading + 8, inner.width, sizes.small + 10),
            sizes.small,
            theme.MUTED,
        )
        if self.size_menu is not None:
            draw_menu_frame(surface, self.size_menu)
        for i, (label, cap, rect) in enumerate(self.rows):
            if i:
                pygame.draw.line(surface, theme.SHADE, (inner.x, rect.y), (inner.right, rect.y), 1)
            cap_w = draw_key_cap(surface, cap, rect, sizes.small, measure=True)
            text_box = pygame.Rect(rect.x, rect.y, rect.width - cap_w - 12, rect.height)
            draw_text(surface, label, text_box, sizes.body, theme.INK, bold=True, valign="middle")
            draw_key_cap(surface, cap, rect, sizes.small)
        volume = self.ctx.settings.volume if self.pending_volume is None else self.pending_volume
        draw_text(
            surface,
            self.tr("settings.volume_value", value=round(volume * 100)),
            self.volume_rect,
            sizes.body,
            theme.INK if self.ctx.settings.sound else theme.MUTED,
            valign="middle",
        )
        done = self.done_rect(260, sizes.widget * 2 + 6)
        foot = pygame.Rect(inner.x, done.y - 8, done.x - inner.x - 32, done.height + 16)
        if self.message:
            draw_text(surface, self.message, foot, sizes.small, theme.VERMILLION, valign="middle")
        else:
            draw_text(
                surface,
                self.tr("settings.keys_hint"),
                foot,
                sizes.small,
                theme.MUTED,
                valign="middle",
            )
