"""Test-wide setup: headless SDL before anything imports pygame, and shared level fixtures."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

CLUSTER_LEVELS = ("gamarra", "el_porvenir", "villa_el_salvador")
