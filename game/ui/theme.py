"""One visual theme: a colour-blind-safe palette (Okabe-Ito), Noto Sans, two text sizes.

Colours and sizes live here and in ``assets/theme.json`` (pygame_gui's widgets); screens never
invent their own. "Large" text is for projectors at the back of a classroom.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass

from game.resources import data_dir

ASSETS = data_dir("assets")
FONT_DIR = ASSETS / "fonts"
THEME_FILE = ASSETS / "theme.json"
FONT_NAME = "noto_sans"
FONT_FILES = {
    "regular": FONT_DIR / "NotoSans-Regular.ttf",
    "bold": FONT_DIR / "NotoSans-Bold.ttf",
    "italic": FONT_DIR / "NotoSans-Italic.ttf",
    "bold_italic": FONT_DIR / "NotoSans-BoldItalic.ttf",
}

# Okabe-Ito, distinguishable with every common colour-vision deficiency.
BLUE = (0, 114, 178)  # cooperate
VERMILLION = (213, 94, 0)  # sell por fuera
GREEN = (0, 158, 115)  # invest
ORANGE = (230, 159, 0)  # warning
SKY = (86, 180, 233)
YELLOW = (240, 228, 66)
PURPLE = (204, 121, 167)

PAPER = (247, 244, 238)  # background
CARD = (255, 255, 255)
INK = (31, 35, 40)
MUTED = (91, 100, 112)
LINE = (208, 212, 218)
SHADE = (236, 237, 239)

ACTION_COLOURS = {"cooperate": BLUE, "defect": VERMILLION, "invest": GREEN}
FIRM_COLOURS = (BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, (120, 94, 240), (128, 128, 128))

MIN_WINDOW = (1280, 720)


@dataclass(frozen=True, slots=True)
class TextSizes:
    small: int
    body: int
    heading: int
    title: int
    widget: int

    @staticmethod
    def for_setting(text_size: str) -> TextSizes:
        if text_size == "large":
            return TextSizes(small=19, body=23, heading=34, title=56, widget=22)
        return TextSizes(small=15, body=18, heading=28, title=48, widget=18)


DROPDOWN_ROW_PADDING = 16

WIDGET_BLOCKS = (
    "button",
    "label",
    "text_entry_line",
    "drop_down_menu",
    "tool_tip",
    "text_box",
    "horizontal_slider",
    "selection_list",
)


def readable_on(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """Ink on a light colour, the card's white on a dark one (by perceived brightness)."""
    light = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2] > 145
    return INK if light else CARD


def gui_theme(text_size: str) -> dict:
    """pygame_gui's theme: our theme file with the widget font size of the chosen text size.

    pygame_gui does not pass the defaults' font down to each kind of widget, so every block gets
    its font (and the rounded shape) explicitly.
    """
    theme = copy.deepcopy(json.loads(THEME_FILE.read_text(encoding="utf-8")))
    size = str(TextSizes.for_setting(text_size).widget)
    base_font = {"name": FONT_NAME, "size": size, "bold": "0", "italic": "0"}
    for block in WIDGET_BLOCKS:
        entry = theme.setdefault(block, {})
        entry["font"] = {**base_font, **entry.get("font", {}), "size": size}
        entry.setdefault("misc", {}).setdefault("shape", "rounded_rectangle")
        entry["misc"].setdefault("shape_corner_radius", "8")
    for block in theme.values():
        if isinstance(block, dict) and "font" in block:
            block["font"]["size"] = size
    # pygame_gui's open lists have 20 px rows, which clip our 18-22 px text.
    item_height = str(int(size) + DROPDOWN_ROW_PADDING)
    theme.setdefault("drop_down_menu.selection_list", {}).setdefault("misc", {})
    theme["drop_down_menu.selection_list"]["misc"]["list_item_height"] = item_height
    return theme
