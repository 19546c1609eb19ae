"""The contract every screen follows (Tuxemon's shape): build, handle, update, draw.

A scene is built with a :class:`~game.ui.context.SceneContext` (never the app) and reaches
other screens only by name, through ``self.ctx.director``. It builds its widgets for the
current window size and language in ``build`` and the app rebuilds it when either changes. Every action is a :class:`Action`: a button on screen and a
keyboard shortcut, shown on the button. Tab and Shift+Tab move the focus between buttons, Enter
presses the focused one (or the scene's main action) and Esc goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame
import pygame_gui

from game.i18n import tr
from game.ui import theme
from game.ui.context import ContextOwner, SceneContext, context_of
from game.ui.text import draw_text, font

# Shortcut names shown on buttons. The font has no arrow glyphs, so arrows are spelled out.
KEY_NAMES = {pygame.K_RETURN: "Enter", pygame.K_ESCAPE: "Esc", pygame.K_TAB: "Tab"}
KEY_TEXTS = {
    pygame.K_SPACE: "key.space",
    pygame.K_DELETE: "key.delete",
    pygame.K_BACKSPACE: "key.backspace",
    pygame.K_LEFT: "key.left",
    pygame.K_RIGHT: "key.right",
    pygame.K_UP: "key.up",
    pygame.K_DOWN: "key.down",
}


def expand_upwards(menu: pygame_gui.elements.UIDropDownMenu) -> None:
    """Open ``menu`` upwards (a menu near the bottom of the window would open off it)."""
    menu.expand_direction = "up"
    for state in menu.menu_states.values():
        state.expand_direction = "up"
    menu.current_state.finish()
    menu.current_state.start(should_rebuild=True)


def option_key(event: pygame.event.Event) -> str:
    """The key of the option a dropdown's change event chose (its ``#key`` object id)."""
    return (getattr(event, "selected_option_id", "") or "").lstrip("#")


def draw_menu_frame(surface: pygame.Surface, menu: pygame_gui.elements.UIDropDownMenu) -> None:
    """A frame around a closed dropdown: pygame_gui's draws almost no border."""
    frame = menu.get_abs_rect().inflate(4, 4)
    pygame.draw.rect(surface, theme.LINE, frame, width=2, border_radius=10)


@dataclass(slots=True)
class Action:
    button: pygame_gui.elements.UIButton
    run: Callable[[], None]
    key: int | None
    primary: bool


class Scene:
    """Base of every screen. Subclasses override ``build``, ``draw`` and maybe ``update``."""

    #: Whether Esc opens the pause menu (in a game) instead of going back.
    pausable = False

    def __init__(self, ctx: SceneContext | ContextOwner) -> None:
        self.ctx = context_of(ctx)
        self.actions: list[Action] = []
        self.elements: list[pygame_gui.core.UIElement] = []
        self.focus: int | None = None

    # -- life cycle ------------------------------------------------------------------------

    def enter(self) -> None:
        self.build()

    def exit(self) -> None:
        self.clear()

    @property
    def app(self) -> SceneContext:
        """The context under its old name, kept while the season screen (edited elsewhere at
        the same time) still says ``self.app``; new code says ``self.ctx``."""
        return self.ctx

    def uncovered(self) -> None:
        """The scene on top of this one has closed (``Director.pop``): build it again, as
        what it shows may have changed underneath it."""
        self.rebuild()

    def rebuild(self) -> None:
        focus = self.focus
        self.clear()
        self.build()
        self.focus = focus if focus is not None and focus < len(self.actions) else None

    def clear(self) -> None:
        for element in self.elements:
            element.kill()
        self.elements.clear()
        self.actions.clear()
        self.focus = None

    def build(self) -> None:
        """Create this scene's widgets for the current window size and language."""

    # -- helpers for subclasses --------------------------------------------------------------

    def tr(self, key: str, **values: object) -> str:
        return self.ctx.tr(key, **values)

    @property
    def size(self) -> tuple[int, int]:
        return self.ctx.size

    @property
    def text_sizes(self) -> theme.TextSizes:
        return self.ctx.text_sizes

    def add(self, element: pygame_gui.core.UIElement) -> pygame_gui.core.UIElement:
        self.elements.append(element)
        return element

    def button(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        label: str,
        run: Callable[[], None],
        *,
        key: int | None = None,
        tooltip: str | None = None,
        primary: bool = False,
        object_id: str | None = None,
        enabled: bool = True,
    ) -> pygame_gui.elements.UIButton:
        """A button with its shortcut shown on it; the same action by mouse and keyboard."""
        text = f"{label}  ({key_label(key, self.ctx.lang)})" if key is not None else label
        oid = object_id or ("#primary" if primary else None)
        button = pygame_gui.elements.UIButton(
            relative_rect=pygame.Rect(rect),
            text=text,
            manager=self.ctx.manager,
            tool_tip_text=tooltip,
            object_id=pygame_gui.core.ObjectID(object_id=oid) if oid else None,
        )
        if not enabled:
            button.disable()
        self.add(button)
        self.actions.append(Action(button, run, key, primary))
        return button

    def dropdown(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        options: list[tuple[str, str]],
        current: str,
        *,
        up: bool = False,
        row_h: int | None = None,
    ) -> pygame_gui.elements.UIDropDownMenu:
        """A dropdown of ``(label, "#key")`` options with ``current``'s selected (the first
        if none is), tall enough to show them all (``row_h`` a line: the menu's height less
        4), opening upwards when ``up``; its changes arrive as events (:func:`option_key`)."""
        rect = pygame.Rect(rect)
        chosen = next((o for o in options if o[1] == f"#{current}"), options[0])
        line = rect.height - 4 if row_h is None else row_h
        menu = pygame_gui.elements.UIDropDownMenu(
            options,
            chosen,
            rect,
            manager=self.ctx.manager,
            expansion_height_limit=line * len(options) + 12,
        )
        self.add(menu)
        if up:
            expand_upwards(menu)
        return menu

    def page_arrows(
        self,
        nav: pygame.Rect,
        page: int,
        pages: int,
        turn: Callable[[int], None],
        tooltips: tuple[str, str],
    ) -> None:
        """‹ and › at the two ends of ``nav`` (and the arrow keys), for a list shown a page at
        a time; ``turn(step)`` moves by one page back or on."""
        arrows = ((-1, "‹", nav.x, pygame.K_LEFT), (1, "›", nav.right - 56, pygame.K_RIGHT))
        for (step, arrow, x, key), tooltip in zip(arrows, tooltips, strict=True):
            self.button(
                (x, nav.y, 56, nav.height),
                arrow,
                lambda step=step: turn(step),
                key=key,
                tooltip=tooltip,
                enabled=0 <= page + step < pages,
            ).set_text(arrow)  # the arrow alone: it is its own key's sign

    # -- input -------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Route a button press or a key to an action. Returns True if the event was used."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for action in self.actions:
                if action.button is event.ui_element:
                    action.run()
                    return True
            return self.on_widget(event)
        if event.type in (
            pygame_gui.UI_TEXT_ENTRY_CHANGED,
            pygame_gui.UI_TEXT_ENTRY_FINISHED,
            pygame_gui.UI_DROP_DOWN_MENU_CHANGED,
            pygame_gui.UI_HORIZONTAL_SLIDER_MOVED,
        ):
            return self.on_widget(event)
        if event.type == pygame.KEYDOWN:
            return self.on_key(event)
        return False

    def on_widget(self, event: pygame.event.Event) -> bool:
        """Other widget events (text entry, dropdowns, sliders); override where needed."""
        return False

    def typing(self) -> bool:
        """Whether a text entry has the keyboard (then letters are text, not shortcuts)."""
        return any(
            isinstance(e, pygame_gui.elements.UITextEntryLine) and e.is_focused
            for e in self.elements
        )

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not self.typing():
            return self.press_focused_or_primary()
        if event.key == pygame.K_ESCAPE:
            self.back()
            return True
        if self.typing():
            return False
        for action in self.actions:
            if action.key == event.key and action.button.is_enabled and action.button.visible:
                action.run()
                return True
        return False

    def live_actions(self) -> list[int]:
        return [i for i, a in enumerate(self.actions) if a.button.is_enabled and a.button.visible]

    def move_focus(self, step: int) -> None:
        live = self.live_actions()
        if not live:
            return
        if self.focus not in live:
            self.focus = live[0] if step > 0 else live[-1]
            return
        position = live.index(self.focus)
        self.focus = live[(position + step) % len(live)]

    def press_focused_or_primary(self) -> bool:
        live = self.live_actions()
        if self.focus in live:
            self.actions[self.focus].run()
            return True
        for i in live:
            if self.actions[i].primary:
                self.actions[i].run()
                return True
        return False

    def back(self) -> None:
        """Esc: leave this screen (a scene inside a game opens the pause menu instead)."""
        if self.pausable:
            self.ctx.director.push("pause")
        else:
            self.ctx.director.pop()

    # -- frame -------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        """Advance animations and timers by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a widget. Reads state, never changes it."""
        surface.fill(theme.PAPER)

    def draw_focus(self, surface: pygame.Surface) -> None:
        if self.focus is not None and self.focus < len(self.actions):
            rect = self.actions[self.focus].button.get_abs_rect().inflate(8, 8)
            pygame.draw.rect(surface, theme.ORANGE, rect, width=3, border_radius=10)

    # -- shared drawing ---------------------------------------------------------------------

    def heading(
        self, surface: pygame.Surface, text: str, rect: pygame.Rect, size: int | None = None
    ) -> None:
        draw_text(surface, text, rect, size or self.text_sizes.heading, theme.INK, bold=True)


def key_label(key: int | None, lang: str = "es") -> str:
    """How a shortcut is written on a button, in the player's language."""
    if key is None:
        return ""
    if key in KEY_TEXTS:
        return tr(KEY_TEXTS[key], lang)
    return KEY_NAMES.get(key, pygame.key.name(key).upper())


def card(
    surface: pygame.Surface,
    rect: pygame.Rect,
    *,
    border: tuple[int, int, int] = theme.LINE,
    fill=theme.CARD,
    width: int = 2,
) -> None:
    """A white card with a thin border, the game's basic panel."""
    pygame.draw.rect(surface, fill, rect, border_radius=12)
    pygame.draw.rect(surface, border, rect, width=width, border_radius=12)


def titled_card(
    surface: pygame.Surface,
    box: pygame.Rect,
    title: str,
    subtitle: str,
    sizes,
    subtitle_height: int | None = None,
) -> pygame.Rect:
    """A card with a heading and a muted line under it (the option screens' frame); returns
    the card's inner column, where the rows go."""
    card(surface, box)
    inner = box.inflate(-56, 0)
    title_h = font(sizes.heading, True).get_linesize()
    title_rect = pygame.Rect(inner.x, box.y + 14, inner.width, title_h)
    draw_text(surface, title, title_rect, sizes.heading, theme.INK, bold=True)
    sub_h = subtitle_height or font(sizes.small).get_linesize()
    sub_rect = pygame.Rect(inner.x, title_rect.bottom, inner.width, sub_h)
    draw_text(surface, subtitle, sub_rect, sizes.small, theme.MUTED)
    return inner
