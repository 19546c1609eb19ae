"""A record played again through the engine, with a snapshot after signing and after every
season: what the debrief's analysis, its moments, its contract review and its questions all
read. Apart from :mod:`game.debrief.analysis` so that those modules need not import the
analysis that gathers them (no import cycle).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from game.engine.game import Game, GameRecord
from game.engine.level import Level
from game.engine.reports import SeasonReport
from game.engine.rules import DIMENSIONS
from game.engine.state import Decision, SeasonSetup

Decide = Callable[[Game], Mapping[int, Decision] | None]
"""Decisions for the season ``game`` is about to resolve, or None to stop there."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The state after signing (index 0) or after a season: what the curves are made of."""

    trust: tuple[tuple[float, ...], ...]
    fund: float
    capital: tuple[float, ...]
    members: tuple[int, ...]
    dimensions: dict[str, float]
    phase: int
    associated: float  # the share of the cluster's firms working in associations

    @staticmethod
    def of(game: Game) -> Snapshot:
        state = game.state
        return Snapshot(
            trust=tuple(tuple(row) for row in state.trust),
            fund=state.fund,
            capital=tuple(f.capital for f in state.firms),
            members=tuple(game.members()),
            dimensions=dict(state.dimensions),
            phase=state.phase,
            associated=state.population.associated,
        )


@dataclass(slots=True)
class Played:
    """A game played through the engine, with what the debrief needs of every season."""

    game: Game
    setups: list[SeasonSetup] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)

    @property
    def reports(self) -> list[SeasonReport]:
        return self.game.reports


def play_through(
    level: Level,
    record: GameRecord,
    decide: Decide,
    contract: Mapping[str, str] | None = None,
) -> Played:
    """Play ``record``'s game again with ``decide`` choosing each season's decisions, keeping
    snapshots: its seats, seed and treatments, so that a what-if
    meets the real game's draws, under its own contract or ``contract``."""
    game = Game.from_record(level, record, contract)
    played = Played(game, snapshots=[Snapshot.of(game)])
    while game.outcome is None:
        setup = game.begin_season()
        decisions = decide(game)
        if decisions is None:
            break
        game.resolve(decisions)
        played.setups.append(setup)
        played.snapshots.append(Snapshot.of(game))
    return played


def replay_record(level: Level, record: GameRecord) -> Played:
    """The recorded game again, as :func:`game.engine.game.replay` plays it."""
    decisions = record.decisions

    def decide(game: Game) -> Mapping[int, Decision] | None:
        season = game.state.season
        if season >= len(decisions):
            return None
        if any(firm not in decisions[season] for firm in game.members()):
            # a record replayed on a level file changed since: the game went otherwise and a
            # member the players never had (a newcomer, a firm not expelled) has no decision
            return None
        return decisions[season]

    return play_through(level, record, decide)


def next_phase_thresholds(level: Level, target: int) -> dict[str, float]:
    """What each dimension must reach to be in ``target``: every phase up to it must be met
    (004 Cuadro 2 characterises some dimensions only for the later phases)."""
    needed: dict[str, float] = {}
    for phase in range(2, target + 1):
        for dim, value in level.rules.phase_thresholds.get(phase, {}).items():
            needed[dim] = max(needed.get(dim, 0.0), value)
    return {d: needed[d] for d in DIMENSIONS if d in needed}
