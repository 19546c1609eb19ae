"""A game at the table: seats (people and computer-run firms), the contract, the turn order.

The screens drive a :class:`Match`; tests and the demo mode drive it the same way. It knows the
order of things (contract, then each person's secret decision, then the resolution) but nothing
of pygame, and it can be saved and restored mid-season.

Session controls for a facilitator (issue 4): :meth:`Match.replace_seat` hands a seat to a
computer-run personality mid-game and back, and :meth:`Match.decide_for_absent` lets a
personality take one season's decision for a person who is away (the decision timer). Both are
kept in the save, so a restored match goes on exactly as the original would have.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from game.ai import make_personality, newcomer_personality
from game.ai.base import REGISTRY, Personality
from game.engine.contract import CONDITIONS
from game.engine.game import Game, GameRecord
from game.engine.level import Level
from game.engine.reports import SeasonReport
from game.engine.rules import Treatments
from game.engine.state import Action, Decision
from game.engine.views import FirmView
from game.persistence.settings import DEFAULT_TIMER_PERSONALITY, MAX_DECISION_TIMER

MAX_HUMANS = 6
"""People at one screen (hot-seat). A table where each person has a device of their own (the
workshop's phones, issue 15) passes ``max_people`` to :class:`Match`: every firm may be a person."""


def timer_personality_or_default(key: str | None) -> str:
    """``key`` if it names a personality, else the default (a settings file or a save from
    another version may name one that no longer exists)."""
    return key if key in REGISTRY else DEFAULT_TIMER_PERSONALITY


MATCH_FORMAT = 2
"""2 added treatments, seat changes and decisions taken for absent players; 1 still loads."""


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


@dataclass(frozen=True, slots=True)
class SeatChange:
    """A seat handed to a personality (or back to a person, ``personality`` None) after
    ``season`` seasons were played."""

    season: int
    seat: int
    personality: str | None


@dataclass(frozen=True, slots=True)
class AbsentDecision:
    """A season's decision a personality took for a person who was away (the decision timer)."""

    season: int
    seat: int
    personality: str


class Match:
    def __init__(
        self,
        level: Level,
        seats: Sequence[Seat],
        seed: int,
        *,
        treatments: Treatments | Mapping[str, Any] | None = None,
        season_limit_known: bool | None = None,
        timer_seconds: int = 0,
        timer_personality: str = DEFAULT_TIMER_PERSONALITY,
        max_people: int = MAX_HUMANS,
    ) -> None:
        """``treatments``: the facilitator's switches (see :class:`Treatments`), a mapping of
        those that differ from the level's defaults; ``season_limit_known`` is the older name of
        ``announce_last_season`` and, when given, sets it. ``timer_seconds`` is the decision
        timer (0: none) and ``timer_personality`` decides for a person whose time runs out
        (:meth:`decide_for_absent`); the screens run the clock, the match only keeps the choice.
        ``max_people``: how many seats may be people's (one screen seats :data:`MAX_HUMANS`; a
        device each, as many as the level has firms). It is not saved: the desktop's saves are
        one screen's, and the workshop rebuilds its tables from its own journal."""
        if isinstance(max_people, bool) or not isinstance(max_people, int) or max_people < 0:
            raise MatchError("the number of people is a whole number from 0")
        self.max_people = max_people
        _check_seats(level, seats, max_people)
        if isinstance(timer_seconds, bool) or not isinstance(timer_seconds, int):
            raise MatchError("the decision timer is a whole number of seconds")
        if not 0 <= timer_seconds <= MAX_DECISION_TIMER:
            raise MatchError(f"the decision timer is from 0 to {MAX_DECISION_TIMER} seconds")
        if timer_personality not in REGISTRY:
            raise MatchError(f"unknown personality '{timer_personality}' for the decision timer")
        self.timer_seconds = timer_seconds
        self.timer_personality = timer_personality
        self.level = level
        self.seats = tuple(seats)
        self.start_seats = tuple(seats)
        self.seed = seed
        try:
            if isinstance(treatments, Treatments):
                chosen = treatments
            else:
                chosen = level.rules.treatments.with_overrides(treatments)
            if season_limit_known is not None:
                chosen = chosen.with_overrides({"announce_last_season": bool(season_limit_known)})
        except ValueError as error:
            raise MatchError(str(error)) from error
        self.treatments: Treatments = chosen
        self.ai: dict[int, Personality] = {
            i: make_personality(s.personality, f"{seed}/ai/{i}")
            for i, s in enumerate(seats)
            if s.personality is not None
        }
        self.game: Game | None = None
        self.stage = Stage.CONTRACT
        self.pending: dict[int, Decision] = {}
        self.last_report: SeasonReport | None = None
        self.seat_changes: list[SeatChange] = []
        self.absent_decisions: list[AbsentDecision] = []
        self._kept: dict[int, list[int]] = {}
        """Season -> seats handed to a personality after their person had already decided:
        the person's decision stood that season (needed to restore the personalities)."""
        self.level_changed = False
        """Restored from a save whose level file has changed since: the seasons already
        played were replayed on the level as it is now (the screen warns before going on)."""

    @property
    def season_limit_known(self) -> bool:
        """Whether players are told the season limit (treatment ``announce_last_season``)."""
        return self.treatments.announce_last_season

    @property
    def seasons_played(self) -> int:
        return self.game.state.season if self.game is not None else 0

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
                treatments=self.treatments,
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

    # -- session controls (the facilitator's) ----------------------------------------------

    def replace_seat(self, seat: int, personality: str | None) -> None:
        """Hand ``seat`` to a computer-run ``personality`` mid-game, or back to a person (None).

        Nobody else's secret decision is touched. A decision the seat's person already took
        this season stands (the personality takes over from the next season); a seat handed back
        to a person waits for that person's decision this season. The new personality starts
        with no memory of its own: it decides from the firm's view, history included.
        """
        if not 0 <= seat < len(self.seats):
            raise MatchError(f"there is no seat {seat}")
        if self.stage is Stage.OVER:
            raise MatchError("the game is over")
        current = self.seats[seat]
        if current.personality == personality:
            return
        ai: Personality | None = None
        if personality is None:
            if sum(s.is_human for s in self.seats) >= self.max_people:
                raise MatchError(_too_many(self.max_people))
        else:
            # Its own stream, numbered by the change, so a restored save draws the same dice.
            stream = f"{self.seed}/ai/{seat}/change/{len(self.seat_changes)}"
            try:
                ai = make_personality(personality, stream)
            except KeyError as error:
                raise MatchError(str(error.args[0])) from error
        self.ai.pop(seat, None)
        if ai is not None:
            self.ai[seat] = ai
        seats = list(self.seats)
        seats[seat] = Seat(current.name, personality)
        self.seats = tuple(seats)
        self.seat_changes.append(SeatChange(self.seasons_played, seat, personality))

    def decide_for_absent(self, seat: int, personality: str) -> Decision:
        """The decision timer ran out: ``personality`` decides this season for the person at
        ``seat``, from that firm's view alone (a fresh personality, with no memory of its own).

        The decision is secret like any other; it is returned for the caller's records, not to
        be shown. The seat stays a person's seat."""
        if self.stage is not Stage.DECIDING:
            raise MatchError("no decision is being taken now")
        if not 0 <= seat < len(self.seats) or not self.seats[seat].is_human:
            raise MatchError(f"seat {seat} is not a person's seat")
        if seat not in self.active_game.members():
            raise MatchError(f"{self.seats[seat].name} is no longer a member")
        if seat in self.pending:
            raise MatchError(f"{self.seats[seat].name} has already decided")
        season = self.seasons_played + 1
        try:
            ai = make_personality(personality, f"{self.seed}/absent/{season}/{seat}")
        except KeyError as error:
            raise MatchError(str(error.args[0])) from error
        decision = ai.decide(self.active_game.view(seat))
        if self.level.is_dilemma and decision.action is Action.INVEST:
            decision = Decision(Action.COOPERATE)
        self.pending[seat] = decision
        self.absent_decisions.append(AbsentDecision(season, seat, personality))
        return decision

    def ready_to_resolve(self) -> bool:
        return self.stage is Stage.DECIDING and not self.humans_to_decide()

    def resolve(self) -> SeasonReport:
        """The computer-run firms decide, then the engine resolves the season."""
        if not self.ready_to_resolve():
            raise MatchError("someone still has to decide")
        game = self.active_game
        decisions = dict(self.pending)
        kept = []
        for seat in game.members():
            if seat in self.ai:
                if seat in self.pending:  # handed over after its person had decided
                    kept.append(seat)
                    continue
                decisions[seat] = self.ai[seat].decide(game.view(seat))
        if kept:
            self._kept[game.state.season + 1] = kept
        report = game.resolve(decisions)
        self._seat_newcomers()
        self.pending = {}
        self.last_report = report
        self.stage = Stage.OVER if game.outcome is not None else Stage.RESOLVED
        return report

    def _seat_newcomers(self) -> None:
        """A firm that joined the consortium (open membership) takes a seat of its own, run by
        the computer: a personality drawn from the game's seed, like the table's when every
        founder is the same one (:func:`game.ai.newcomer_personality`)."""
        game = self.active_game
        table = [s.personality for s in self.start_seats]
        seats = list(self.seats)
        for firm_id in range(len(seats), len(game.names)):
            key = newcomer_personality(table, self.seed, firm_id)
            seats.append(Seat(game.names[firm_id], key))
            self.ai[firm_id] = make_personality(key, f"{self.seed}/ai/{firm_id}")
        self.seats = tuple(seats)

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
            "treatments": self.treatments.to_json(),
            "timer_seconds": self.timer_seconds,
            "timer_personality": self.timer_personality,
            "seats": [{"name": s.name, "personality": s.personality} for s in self.seats],
            "start_seats": [
                {"name": s.name, "personality": s.personality} for s in self.start_seats
            ],
            "seat_changes": [
                {"season": c.season, "seat": c.seat, "personality": c.personality}
                for c in self.seat_changes
            ],
            "kept": {str(season): seats for season, seats in self._kept.items()},
            "absent": [
                {"season": a.season, "seat": a.seat, "personality": a.personality}
                for a in self.absent_decisions
            ],
            "record": record,
            "pending": {str(i): d.to_json() for i, d in self.pending.items()},
            "stage": self.stage.value,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], level: Level) -> Match:
        """Rebuild a saved match exactly: the computer-run firms re-decide each past season
        (so their memories and dice are where they were) while the recorded decisions are used."""
        start = data.get("start_seats") or data["seats"]  # format 1 had no seat changes
        seats = [Seat(s["name"], s["personality"]) for s in start]
        treatments = data.get("treatments")
        if treatments is None:  # format 1: only whether the season limit was shown
            treatments = {"announce_last_season": bool(data.get("season_limit_known", True))}
        timer = data.get("timer_seconds", 0)  # older saves had no decision timer
        match = cls(
            level,
            seats,
            int(data["seed"]),
            treatments=treatments,
            timer_seconds=timer if isinstance(timer, int) and not isinstance(timer, bool) else 0,
            timer_personality=timer_personality_or_default(data.get("timer_personality")),
        )
        changes = [
            SeatChange(int(c["season"]), int(c["seat"]), c["personality"])
            for c in data.get("seat_changes", [])
        ]
        match._kept = {int(k): [int(i) for i in v] for k, v in data.get("kept", {}).items()}
        match.absent_decisions = [
            AbsentDecision(int(a["season"]), int(a["seat"]), a["personality"])
            for a in data.get("absent", [])
        ]

        def changes_after(played: int) -> None:
            for change in changes:
                if change.season == played:
                    match.replace_seat(change.seat, change.personality)

        changes_after(0)
        record = data.get("record")
        if record is None:
            return match
        saved = GameRecord.from_json(record)
        match.level_changed = saved.level_changed(level)
        match.sign(saved.contract)
        game = match.active_game
        if saved.level_fingerprint:  # the level it began on: the same, unless the file changed
            game.began_on(saved.level_fingerprint)
        for decisions in saved.decisions:
            if game.state.season > 0:
                changes_after(game.state.season)
            kept = match._kept.get(game.state.season + 1, [])
            for seat in game.members():
                if seat in match.ai and seat not in kept:
                    match.ai[seat].decide(game.view(seat))
            match.last_report = game.resolve(decisions)
            match._seat_newcomers()
            if game.outcome is None:
                game.begin_season()
        if game.state.season > 0 and game.outcome is None:
            changes_after(game.state.season)
        match.stage = Stage(data["stage"])
        if game.outcome is not None:
            match.stage = Stage.OVER
        match.pending = {int(i): Decision.from_json(d) for i, d in data.get("pending", {}).items()}
        return match


def _too_many(max_people: int) -> str:
    if max_people == MAX_HUMANS:
        return f"at most {MAX_HUMANS} people can play on one screen"
    return f"at most {max_people} people can play at this table"


def _check_seats(level: Level, seats: Sequence[Seat], max_people: int = MAX_HUMANS) -> None:
    if not level.firms.min <= len(seats) <= level.firms.max:
        raise MatchError(f"{level.id} is played by {level.firms.min} to {level.firms.max} firms")
    humans = sum(s.is_human for s in seats)
    if humans > max_people:
        raise MatchError(_too_many(max_people))
    names = [s.name.strip() for s in seats]
    if any(not n for n in names):
        raise MatchError("every firm needs a name")
    if len({n.casefold() for n in names}) != len(names):
        raise MatchError("two firms have the same name")
