"""Which characters a screen can show: one rule for the level checker, the save checker and the
text fields.

A font draws letters, digits, punctuation, spaces and symbols. It cannot draw, and pygame
refuses or fails on, three kinds of character: control characters (a NUL ends the text for
SDL), half of a surrogate pair (no UTF-8 encodes it) and invisible formatting characters
(U+200B zero width space, U+200D joiner, U+FEFF, the soft hyphen U+00AD, the direction marks):
a text of nothing but those has no width, and pygame raises "Text has zero width". A line
break and a tab are kept in files (texts are wrapped on them); a one-line field takes neither.
"""

from __future__ import annotations

import unicodedata

_FILE_CONTROLS = "\n\t"


def unshowable(char: str, *, keep: str = _FILE_CONTROLS) -> bool:
    """Whether no screen can show ``char``: a control character other than those in ``keep``,
    half of a surrogate pair, an invisible formatting character, or a line or paragraph
    separator. (A character a font lacks is drawn as a box: shown, if not well.)"""
    if char in keep:
        return False
    return unicodedata.category(char) in ("Cc", "Cs", "Cf", "Zl", "Zp")


def first_unshowable(text: str, *, keep: str = _FILE_CONTROLS) -> str | None:
    """The first character of ``text`` no screen can show, or None."""
    return next((c for c in text if unshowable(c, keep=keep)), None)


def showable(text: str, *, keep: str = "") -> str:
    """``text`` as a one-line field takes it: composed (``a`` and a combining accent become
    ``á``), and without the characters no screen can show (:func:`unshowable`)."""
    clean = "".join(c for c in text if not unshowable(c, keep=keep))
    return unicodedata.normalize("NFC", clean)


def char_name(char: str) -> str:
    """``U+200B`` and, where Unicode names it, its name: for a message about ``char``."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name.lower()}" if name else f"U+{ord(char):04X}"
