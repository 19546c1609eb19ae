"""Where the game's data folders (``levels/``, ``assets/``) are, however the game was installed.

From a checkout (``main.py``, or ``pip install -e .``) they sit beside the ``game`` package, at
the top of the repository where authors edit them. ``pip install .`` copies them, through the
wheel's data files, to ``<prefix>/share/asociatividad/``, so the ``asociatividad`` command finds
its levels and fonts without a checkout. The checkout wins when both exist: an author's edits are
what a game run from the checkout must read.
"""

from __future__ import annotations

import sys
from pathlib import Path

INSTALLED_NAME = "asociatividad"
"""The folder under ``<prefix>/share`` the wheel's data files go to (pyproject's data-files)."""

_CHECKOUT = Path(__file__).resolve().parents[1]


def data_dir(name: str, *, checkout: Path = _CHECKOUT, prefix: Path | None = None) -> Path:
    """The folder ``name`` (``"levels"`` or ``"assets"``): the checkout's, else the installed one.

    When neither exists the checkout's path is returned, so the error a player sees names the
    place a checkout would have it.
    """
    in_checkout = checkout / name
    if in_checkout.is_dir():
        return in_checkout
    installed = Path(prefix if prefix is not None else sys.prefix) / "share" / INSTALLED_NAME / name
    return installed if installed.is_dir() else in_checkout
