"""A game at the table: seats (people and computer-run firms), the contract, the turn order.

The screens drive a :class:`Match`; tests and the demo mode drive it the same way. It knows the
order of things (contract, then each person's secret decision, then the resolution) but nothing
of pygame, and it can be saved and restored mid-season.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from game.ai import make_personality
from game.ai.base import Personality
from game.engine.contract import CONDITIONS
from game.engine.game import Game
from game.engine.level import Level
from game.engine.reports import SeasonReport
from game.engine.state import Action, Decision
from game.engine.views import FirmView

MAX_HUMANS = 6
MATCH_FORMAT = 1


class MatchError(ValueError):
    """A request the rules don't allow (shown to the player, never a crash)."""


@dataclass(frozen=True, slots=True)
class Seat:
    name: str
    personality: str | None = None  # None: a person at the screen

    @property
    def is_human(self) -> bool:
        return self.personality is None


class Stage(StrEnum):
    CONTRACT = "contract"
    DECIDING = "deciding"
    RESOLVED = "resolved"
    OVER = "over"


def random_personality(seed: int, seat: int, keys: Sequence[str]) -> str:
    """A random personality for a seat, reproducible from the game's seed."""
    return random.Random(f"{seed}/seat/{seat}").choice(sorted(keys))


class Match:
    def __init__(
        self,
        level: Level,
        seats: Sequence[Seat],
        seed: int,
        *,
        season_limit_known: bool = True,
    ) -> None:
        _check_seats(level, seats)
        self.level = level
        self.seats = tuple(seats)
        self.seed = seed
        self.season_limit_known = season_limit_known
        self.ai: dict[int, Personality] = {
            i: make_personality(s.personality, random.Random(f"{seed}/ai/{i}"))
            for i, s in enumerate(seats)
            if s.personality is not None
        }
        self.game: Game | None = None
        self.stage = Stage.CONTRACT
        self.pending: dict[int, Decision] = {}
        self.last_report: SeasonReport | None = None

    # -- the contract ----------------------------------------------------------------------

    def ai_contract_preferences(self) -> dict[int, dict[str, str]]:
        """What each computer-run firm would sign, said before the group agrees."""
        preferences = {}
        for i, ai in self.ai.items():
            wanted = ai.preferred_contract(self.level)
            preferences[i] = {
                c: wanted[c]
                if wanted.get(c) in self.level.contract[c].options
                else self.level.reference_contract[c]
                for c in CONDITIONS
            }
        return preferences

    def sign(self, choices: Mapping[str, str]) -> None:
        if self.stage is not Stage.CONTRACT:
            raise MatchError("the contract is already signed")
        missing = [c for c in CONDITIONS if c not in choices]
        if missing:
            raise MatchError(f"the contract still lacks: {', '.join(missing)}")
        try:
            self.game = Game(
                self.level,
                [s.name for s in self.seats],
                self.seed,
                choices,
                season_limit_known=self.season_limit_known,
            )
        except ValueError as error:
            raise MatchError(str(error)) from error
        self.stage = Stage.DECIDING
        self.game.begin_season()

    # -- a season --------------------------------------------------------------------------

    @property
    def active_game(self) -> Game:
        if self.game is None:
            raise MatchError("the contract is not signed yet")
        return self.game

    def humans_to_decide(self) -> list[int]:
        """People who still have to decide this season, in seating order."""
        if self.stage is not Stage.DECIDING:
            return []
        members = set(self.active_game.members())
        return [
            i
            for i, s in enumerate(self.seats)
            if s.is_human and i in members and i not in self.pending
        ]

    def next_human(self) -> int | None:
        waiting = self.humans_to_decide()
        return waiting[0] if waiting else None

    def view(self, seat: int) -> FirmView:
        return self.active_game.view(seat)

    def decide(self, seat: int, decision: Decision) -> None:
        if self.stage is not Stage.DECIDING:
            raise MatchError("no decision is being taken now")
        if not self.seats[seat].is_human:
            raise MatchError(f"{self.seats[seat].name} is run by the computer")
        if seat not in self.active_game.members():
            raise MatchError(f"{self.seats[seat].name} is no longer a member")
        if self.level.is_dilemma and decision.action is Action.INVEST:
            raise MatchError("the tutorial has only two choices")
        self.pending[seat] = decision

    def ready_to_resolve(self) -> bool:
        return self.stage is Stage.DECIDING and not self.humans_to_decide()

    def resolve(self) -> SeasonReport:
        """The computer-run firms decide, then the engine resolves the season."""
        if not self.ready_to_resolve():
            raise MatchError("someone still has to decide")
        game = self.active_game
        decisions = dict(self.pending)
        for seat in game.members():
            if seat in self.ai:
                decisions[seat] = self.ai[seat].decide(game.view(seat))
        report = game.resolve(decisions)
        self.pending = {}
        self.last_report = report
        self.stage = Stage.OVER if game.outcome is not None else Stage.RESOLVED
        return report

    def next_season(self) -> None:
        if self.stage is not Stage.RESOLVED:
            raise MatchError("the season is not over")
        self.stage = Stage.DECIDING
        self.active_game.begin_season()

    # -- saving ----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        record = self.game.record().to_json() if self.game else None
        return {
            "format": MATCH_FORMAT,
            "level": self.level.id,
            "level_path": self.level.path,
            "seed": self.seed,
            "season_limit_known": self.season_limit_known,
            "seats": [{"name": s.name, "personality": s.personality} for s in self.seats],
            "record": record,
            "pending": {str(i): d.to_json() for i, d in self.pending.items()},
            "stage": self.stage.value,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], level: Level) -> Match:
        """Rebuild a saved match exactly: the computer-run firms re-decide each past season
        (so their memories and dice are where they were) while the recorded decisions are used."""
        seats = [Seat(s["name"], s["personality"]) for s in data["seats"]]
        match = cls(
            level, seats, int(data["seed"]), season_limit_known=bool(data["season_limit_known"])
        )
        record = data.get("record")
        if record is None:
            return match
        match.sign(record["contract"])
        game = match.active_game
        for season in record["decisions"]:
            decisions = {int(i): Decision.from_json(d) for i, d in season.items()}
            for seat in game.members():
                if seat in match.ai:
                    match.ai[seat].decide(game.view(seat))
            match.last_report = game.resolve(decisions)
            if game.outcome is None:
                game.begin_season()
        match.stage = Stage(data["stage"])
        if game.outcome is not None:
            match.stage = Stage.OVER
        match.pending = {int(i): Decision.from_json(d) for i, d in data.get("pending", {}).items()}
        return match


def _check_seats(level: Level, seats: Sequence[Seat]) -> None:
    if not level.firms.min <= len(seats) <= level.firms.max:
        raise MatchError(f"{level.id} is played by {level.firms.min} to {level.firms.max} firms")
    humans = sum(s.is_human for s in seats)
    if humans > MAX_HUMANS:
        raise MatchError(f"at most {MAX_HUMANS} people can play on one screen")
    names = [s.name.strip() for s in seats]
    if any(not n for n in names):
        raise MatchError("every firm needs a name")
    if len({n.casefold() for n in names}) != len(names):
        raise MatchError("two firms have the same name")
