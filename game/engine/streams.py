"""The random streams a game's seed is split into, so that other decisions meet the same dice.

A game draws from named streams: the firms it starts with, the events, each season's outside
offers, the dice of each resolution (quality noise, detection rolls, a client's claim) and,
under the mistake treatment, its mistakes. Every season draws the same count from each stream
whatever the decisions, so a "what if" replay meets the same events, offers and dice.

How the offers, dice and mistakes are seeded has two schemes, and a game's record says which:

- ``PER_SEASON`` (1): a new generator each season, seeded ``"{seed}/{name}/{season}"``. Every
  game recorded before 2026-12-01 (a record without ``random_streams``) was played this way,
  and replays this way.
- ``PER_GAME`` (2, new games): one generator per stream for the whole game, seeded
  ``"{seed}/{name}"``. Seeding a Mersenne Twister costs about 6 µs, and the per-season scheme
  seeded two every season: a tenth of a whole game's time, for no better dice.

The firms and the events have always had one generator per game.
"""

from __future__ import annotations

import random

PER_SEASON = 1
PER_GAME = 2
SCHEMES = (PER_SEASON, PER_GAME)
CURRENT = PER_GAME


def check_scheme(scheme: object) -> None:
    """``ValueError`` for a scheme this game does not know (a damaged file, or a newer game's)."""
    if type(scheme) is not int or scheme not in SCHEMES:
        known = ", ".join(str(s) for s in SCHEMES)
        raise ValueError(f"unknown random-stream scheme {scheme!r} (known: {known})")


class Streams:
    """The per-season streams of one game, under one scheme.

    Under ``PER_GAME`` a stream's draws run on from season to season, so each season must ask
    for each stream at most once, in season order (the game does: the offers when a season
    begins, the dice when it is resolved)."""

    __slots__ = ("_open", "scheme", "seed")

    def __init__(self, seed: int, scheme: int = CURRENT) -> None:
        check_scheme(scheme)
        self.seed = seed
        self.scheme = scheme
        self._open: dict[str, random.Random] = {}

    def for_season(self, name: str, season: int) -> random.Random:
        """The generator stream ``name`` draws from in ``season``."""
        if self.scheme == PER_SEASON:
            return random.Random(f"{self.seed}/{name}/{season}")
        rng = self._open.get(name)
        if rng is None:
            rng = self._open[name] = random.Random(f"{self.seed}/{name}")
        return rng
