"""Entry point: ``python main.py`` launches the game; subcommands serve facilitators and authors."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
