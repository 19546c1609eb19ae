"""A one-line text field that takes only what the screen can show, and only so much of it.

pygame_gui's ``UITextEntryLine`` takes any character a keyboard, an input method or the
clipboard gives it. Some break the screen: a zero-width space, a joiner, a BOM, a soft hyphen or
a direction mark typed first makes a text of no width, which pygame refuses to draw ("Text has
zero width"); half a surrogate pair cannot be encoded at all; a control character is no text.
And it inserts a pasted or composed text one character at a time, relaying out the whole line
each time, so 4,000 pasted characters froze a frame for 25 s (issue 16).

:class:`TextField` filters what comes in (:func:`game.content.characters.showable`, and the
characters its font has no glyph for), cuts it to the field's limit, and inserts it in one step.
Every text field of the game is one.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core.utility import clipboard_paste

from game.content.characters import showable

PATH_LIMIT = 1024
"""Characters in a field that takes a file or folder path: more than any real path a person
types (Windows' own limit is 260), few enough that the field lays it out in a moment."""


class TextField(pygame_gui.elements.UITextEntryLine):
    """A ``UITextEntryLine`` that never holds a character no screen can show, nor more than
    ``limit`` characters, whether typed, composed, pasted or set by the program."""

    def __init__(
        self,
        relative_rect: pygame.Rect,
        manager: pygame_gui.UIManager,
        *,
        limit: int = PATH_LIMIT,
        **kwargs,
    ) -> None:
        super().__init__(relative_rect, manager=manager, **kwargs)
        self.set_text_length_limit(limit)

    # -- what comes in -----------------------------------------------------------------------

    def clean(self, text: object) -> str:
        """``text`` as this field takes it: only what a screen can show and this field's font
        can draw (anything else, a None from an empty clipboard say, is nothing)."""
        if not isinstance(text, str):
            return ""
        text = showable(text)
        if text and self.font is not None:
            metrics = self.font.get_metrics(text)
            text = "".join(c for c, m in zip(text, metrics, strict=False) if m is not None)
        return text

    def set_text(self, text: str | None) -> None:
        """Set the text, cleaned and cut to the limit (pygame_gui would refuse a text too long,
        with a warning, and keep the old one)."""
        if text is None:
            super().set_text(None)
            return
        clean = self.clean(text)
        if self.length_limit is not None:
            clean = clean[: self.length_limit]
        super().set_text(clean)

    def insert(self, text: str) -> bool:
        """Put ``text`` where the cursor is (over the selection, if any) in one step; what does
        not fit in the limit is dropped. Returns whether anything changed."""
        clean = self.clean(text)
        low, high = sorted(self.select_range)
        if high > len(self.text):
            low = high = 0
        if low == high:
            low = high = min(self.edit_position, len(self.text))
        if self.length_limit is not None:
            clean = clean[: max(self.length_limit - (len(self.text) - (high - low)), 0)]
        if not clean:
            return False
        new = self.text[:low] + clean + self.text[high:]
        super().set_text(new)
        self.select_range = [0, 0]
        self.edit_position = low + len(clean)
        if self.drawable_shape is not None and self.drawable_shape.text_box_layout is not None:
            self.drawable_shape.text_box_layout.set_cursor_position(self.edit_position)
            self.drawable_shape.apply_active_text_changes()
        self.cursor_has_moved_recently = True
        return True

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT and self.is_enabled and self.is_focused:
            mods = pygame.key.get_mods()
            if event.text == "v" and mods & (pygame.KMOD_CTRL | pygame.KMOD_META):
                return super().process_event(event)  # pygame_gui's paste, which comes here
            before = self.text
            used = self.insert(getattr(event, "text", ""))
            if self.text != before:
                self._post_text_event(pygame_gui.UI_TEXT_ENTRY_CHANGED)
            return used or bool(getattr(event, "text", ""))  # a swallowed character is used
        return super().process_event(event)

    def _do_paste(self) -> None:
        """Ctrl+V: the clipboard's text, cleaned and cut, in one step."""
        if not self.ui_manager.paste_text_enabled or not self.paste_text_enabled:
            return
        try:
            pasted = clipboard_paste()
        except pygame.error:  # no clipboard on this system (a headless run, say)
            return
        if isinstance(pasted, bytes):
            pasted = pasted.decode("utf-8", "replace")
        self.insert(pasted)
