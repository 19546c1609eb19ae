"""``python -m game`` does what ``python main.py`` does (how the game's window starts a workshop
server in a process of its own)."""

import sys

from game.cli import main

sys.exit(main())
