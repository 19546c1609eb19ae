"""The random streams a game's seed is split into, so that other decisions meet the same dice.

A game draws from named streams, each one generator for the whole game seeded
``"{seed}/{name}"``: the firms it starts with, the events (also those of the horizon played
out after it ends, and of the same game played with no alliance), the outside offers, the dice of each
resolution (quality noise, detection rolls, a client's claim) and, under the mistake treatment,
its mistakes. Every season draws the same count from each stream whatever the decisions, so a
"what if" replay meets the same events, offers and dice. Each stream's draws run on from season
to season, so a game asks for each stream once a season, in season order (the offers when a
season begins, the dice when it is resolved).
"""

from __future__ import annotations

import random


class Streams:
    """The named streams of one game."""

    __slots__ = ("_open", "seed")

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._open: dict[str, random.Random] = {}

    def stream(self, name: str) -> random.Random:
        """The generator of stream ``name``, positioned where the game's last draw left it."""
        rng = self._open.get(name)
        if rng is None:
            rng = self._open[name] = random.Random(f"{self.seed}/{name}")
        return rng
