"""One module per screen. Each registers its own texts (Spanish first, English second)."""

from __future__ import annotations

import importlib
import pkgutil


def register_all_texts() -> None:
    """Import every screen's module, so that each one's texts are registered before any screen
    shows: a screen may show a button whose texts live in the module it opens (the pause menu's
    "Seats"), and that module is otherwise imported only when the button is pressed."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
