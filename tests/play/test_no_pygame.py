"""game.play is the table without a screen: the workshop's server drives it with no window, so
no module under it may import pygame (or pygame_gui), directly or through what it imports."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    import game.play
    names = ["game.play"] + [
        m.name for m in pkgutil.walk_packages(game.play.__path__, "game.play.")
    ]
    for name in names:
        importlib.import_module(name)
    print(",".join(names))
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("pygame", "pygame_gui"))
    if loaded:
        sys.exit("imported: " + ", ".join(loaded))
    """
)


def test_the_module_tree_game_play_imports_no_pygame():
    # A fresh interpreter: this test session has loaded pygame for the screens' tests.
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    imported = done.stdout.strip().split(",")
    assert "game.play.turn" in imported and "game.play.match" in imported
