"""A season's turn at the table, as a state machine without pygame.

A :class:`Match` knows the rules' order (contract, secret decisions, resolution) but not how
people take their turns. This machine does: whose turn it is, who still has to decide, the
decision timer, when the season resolves and how far its story has been told. The desktop's
season screen only draws the machine's state and turns clicks and keys into its events; the
workshop mode (issue 15) drives the same machine from phones, so both play the same turns.

Two ways of sitting at the table (:class:`Seating`):

* ``HOT_SEAT``: one screen passed from person to person in seating order. With two or more
  people the screen says whom to pass it to (``HANDOFF``) before each private screen, and asks
  everyone to look (``LOOK``) once all have decided, so nobody sees another's secret.
* ``PARALLEL``: every person has a device of their own and all decide at once; there is no
  hand-off, and the season resolves when the last decision arrives.

Time is injected (:meth:`TurnMachine.time_passes`), never read from a clock, so a test or a
server decides what a second is. Pausing stops every clock, the story's included. When a
person's time runs out, the facilitator's timer personality decides for them through
:meth:`Match.decide_for_absent`; the decision stays secret.

The match is the truth and the save: the machine can be rebuilt from a restored match at any
point of a season (a new clock starts for the turn that was interrupted).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from game.engine.reports import SeasonReport
from game.engine.state import Decision
from game.play.match import Match, MatchError, Stage
from game.play.story import StoryStep, season_story


class Phase(StrEnum):
    """Where a season's turn stands; the values are the season screen's old mode names."""

    HANDOFF = "handoff"
    """Hot-seat: pass the screen to :attr:`TurnMachine.seat`; nothing private is shown."""
    DECIDING = "deciding"
    """Private screens are open: one seat's (hot-seat) or every waiting seat's (parallel)."""
    LOOK = "look"
    """Hot-seat, two or more people: everyone has decided; all look at the screen together."""
    RESOLUTION = "resolution"
    """The season has resolved and its story is being told."""
    ENDED = "ended"
    """The game is over and its last story is behind: the end screen's turn."""


class Seating(StrEnum):
    """How people sit at the table: it decides whether there are hand-offs at all."""

    HOT_SEAT = "hot_seat"
    """One screen passed from person to person, in seating order."""
    PARALLEL = "parallel"
    """A device each (the workshop's phones): every person decides at once."""


class TurnError(MatchError):
    """An event the turn's phase does not allow: a stale click, or a phone's late message.

    A :class:`MatchError`, so a screen that shows the rules' refusals shows this one too."""


@dataclass(frozen=True, slots=True)
class Pace:
    """How fast the season's story is told; the screens pick it from the animation setting."""

    step_seconds: float = 0.9
    """Seconds between two steps of the story (0: all at once)."""
    demo_pause: float = 2.5
    """In the demo, seconds the whole story stays up before the next season starts itself."""


PACES = {
    "normal": Pace(0.9, 2.5),
    "fast": Pace(0.3, 1.2),
    "off": Pace(0.0, 0.6),
}


def pace_for(animation_speed: str) -> Pace:
    """The pace of an animation setting (the normal one for a name it does not know)."""
    return PACES.get(animation_speed, PACES["normal"])


@dataclass(frozen=True, slots=True)
class TimedOut:
    """A seat whose time ran out. ``problem`` says why the personality could not decide for
    it (the seat then still waits, with its clock stopped); None when it decided."""

    seat: int
    problem: str | None = None


TOLD = math.inf
"""The story's elapsed time once it is told at once (restored from a save, or skipped)."""


class TurnMachine:
    """One table's turns, season after season, over a signed :class:`Match`.

    ``on_resolving`` is called just before the season resolves and ``on_resolved`` just after,
    with the report, whatever event caused it (a decision, the timer, a seat handed over, the
    demo): a screen takes the board's numbers before and after, and a server saves and tells
    its phones. Both get the machine, so one handler can serve many tables. A season where
    nobody is left to decide resolves as the machine is built (before the constructor returns).
    """

    def __init__(
        self,
        match: Match,
        *,
        seating: Seating = Seating.HOT_SEAT,
        demo: bool = False,
        pace: Pace | None = None,
        on_resolving: Callable[[TurnMachine], None] | None = None,
        on_resolved: Callable[[TurnMachine, SeasonReport], None] | None = None,
    ) -> None:
        if match.stage is Stage.CONTRACT:
            raise TurnError("the contract is not signed yet")
        self.match = match
        self.seating = seating
        self.demo = demo
        """Every firm is run by the computer: no hand-offs, no timer, seasons go on alone."""
        self.pace = pace or Pace()
        self.on_resolving = on_resolving
        self.on_resolved = on_resolved
        self.phase = Phase.DECIDING
        self.seat: int | None = None
        """Hot-seat: the person whose turn it is (None in LOOK, RESOLUTION and in parallel)."""
        self.time_left: float | None = None
        """Seconds left on the running decision clock; None when no clock runs."""
        self.paused = False
        self.story: list[StoryStep] = []
        self.story_elapsed = 0.0
        self.timed_out: tuple[int, ...] = ()
        """The seats the computer last decided for when their time ran out, said on screen
        until the next private screen opens or the next season starts (never what it chose)."""
        self._clock_for: tuple[int, int | None] | None = None
        self._follow_match()

    # -- what the table looks like ---------------------------------------------------------

    @property
    def people(self) -> int:
        return sum(seat.is_human for seat in self.match.seats)

    @property
    def private_handoffs(self) -> bool:
        """Whether the screen must be passed on privately between people."""
        return self.seating is Seating.HOT_SEAT and self.people >= 2 and not self.demo

    @property
    def timer_on(self) -> bool:
        return not self.demo and self.match.timer_seconds > 0

    @property
    def game_over(self) -> bool:
        return self.match.stage is Stage.OVER

    def waiting(self) -> list[int]:
        """People who still have to decide this season, in seating order."""
        return self.match.humans_to_decide()

    def deciding_now(self) -> list[int]:
        """The seats whose private screen is open now (and only they may decide)."""
        if self.phase is not Phase.DECIDING:
            return []
        if self.seating is Seating.PARALLEL:
            return self.waiting()
        return [self.seat] if self.seat is not None else []

    def decision_count(self) -> tuple[int, int]:
        """(decided, in all) among this season's people: "decision 2 of 3", "4 of 5 ready"."""
        members = set(self.match.active_game.members())
        people = [i for i, s in enumerate(self.match.seats) if s.is_human and i in members]
        return len(people) - len(self.waiting()), len(people)

    # -- the story -------------------------------------------------------------------------

    def story_seconds(self) -> float:
        return len(self.story) * self.pace.step_seconds

    def visible_steps(self) -> int:
        """How many of the story's steps are told by now."""
        per = self.pace.step_seconds
        if per <= 0 or self.story_elapsed >= self.story_seconds():
            return len(self.story)
        return min(len(self.story), int(self.story_elapsed / per) + 1)

    @property
    def story_told(self) -> bool:
        return self.story_elapsed >= self.story_seconds()

    # -- events ----------------------------------------------------------------------------

    def open_private_screen(self) -> None:
        """Hot-seat: the person named on the hand-off has the screen; show their decision."""
        self._require(Phase.HANDOFF, "open a private screen")
        self.phase = Phase.DECIDING
        self.timed_out = ()

    def decide(self, seat: int, decision: Decision) -> None:
        """``seat`` confirms its secret decision; the turn moves on, or the season resolves.

        A refusal of the rules (a MatchError: say, investing in the tutorial) leaves the turn
        where it was, so the person can choose again."""
        self._require(Phase.DECIDING, "decide")
        if seat not in self.deciding_now():
            raise TurnError(self._not_deciding(seat))
        self.match.decide(seat, decision)
        self._follow_match()

    def look(self) -> None:
        """Hot-seat: everyone is looking at the screen; resolve the season and tell it."""
        self._require(Phase.LOOK, "look at the results")
        self._resolve()

    def time_passes(self, seconds: float) -> list[TimedOut]:
        """``seconds`` pass at the table: the decision clock runs down (a seat whose time runs
        out is decided for) or the story goes on (the demo then starts the next season itself).
        Nothing moves while paused or once the game has ended. Returns the seats timed out."""
        if seconds < 0:
            raise ValueError("time does not run backwards")
        if self.paused or self.phase is Phase.ENDED:
            return []
        if self.phase in (Phase.HANDOFF, Phase.DECIDING) and self.time_left is not None:
            self.time_left -= seconds
            return self._time_out() if self.time_left <= 0 else []
        if self.phase is Phase.RESOLUTION:
            self.story_elapsed += seconds
            if self.demo and self.story_elapsed >= self.story_seconds() + self.pace.demo_pause:
                self.carry_on()
        return []

    def pause(self) -> None:
        """Stop every clock (the pause menu, or the facilitator's console). Pausing twice is
        one pause."""
        self._refuse_if_ended("pause")
        self.paused = True

    def resume(self) -> None:
        """Start the clocks again where they stopped (resuming a running table does nothing)."""
        self.paused = False

    def tell_next_step(self) -> None:
        """Show the story's next step now instead of waiting for it."""
        self._require(Phase.RESOLUTION, "tell the story")
        per = self.pace.step_seconds
        shown = self.visible_steps()
        if per <= 0 or shown + 1 >= len(self.story):
            self.story_elapsed = TOLD
        else:  # a hair past the step's start, so rounding never holds it back
            self.story_elapsed = (shown + 1e-6) * per

    def tell_all(self) -> None:
        """Skip to the end of the story: every step at once."""
        self._require(Phase.RESOLUTION, "tell the story")
        self.story_elapsed = TOLD

    def carry_on(self) -> None:
        """After the story: the next season's first turn, or the end of the game."""
        self._require(Phase.RESOLUTION, "go on to the next season")
        self.story = []
        self.story_elapsed = 0.0
        self.timed_out = ()
        if self.game_over:
            self.phase = Phase.ENDED
            return
        self.match.next_season()
        self._follow_match()

    def seats_changed(self) -> None:
        """The facilitator handed firms to the computer or back (:meth:`Match.replace_seat`).

        The person on the screen goes on if they still have to decide. Otherwise the turn moves
        to whoever now waits, always through a hand-off (never on the last person's screen), or
        the season resolves if nobody is left."""
        if self.match.stage is not Stage.DECIDING:
            return
        if self.phase not in (Phase.HANDOFF, Phase.DECIDING, Phase.LOOK):
            return
        waiting = self.waiting()
        if self.phase is Phase.LOOK and not waiting:
            return
        hot_seat = self.seating is Seating.HOT_SEAT
        if hot_seat and self.phase is not Phase.LOOK and self.seat in waiting:
            return
        before = self.seat
        self._follow_match()
        if hot_seat and self.phase is Phase.DECIDING and self.seat != before:
            self.phase = Phase.HANDOFF

    # -- inside ----------------------------------------------------------------------------

    def _follow_match(self) -> None:
        """Take the phase the match's stage and pending decisions call for."""
        if self.match.stage in (Stage.RESOLVED, Stage.OVER):
            if self.phase is not Phase.RESOLUTION:  # restored: the story is told at once
                self.phase = Phase.RESOLUTION
                self.story = self._story(self.match.last_report)
                self.story_elapsed = TOLD
                self.seat = self.time_left = None
            return
        waiting = self.waiting()
        if self.seating is Seating.PARALLEL:
            if waiting:
                self.phase = Phase.DECIDING
                self._start_clock(None)
            else:
                self._resolve()
            return
        if waiting:
            self.seat = waiting[0]
            self._start_clock(self.seat)
            self.phase = Phase.HANDOFF if self.private_handoffs else Phase.DECIDING
        elif self.private_handoffs:
            self.phase = Phase.LOOK
            self.seat = self.time_left = None
        else:
            self._resolve()

    def _start_clock(self, seat: int | None) -> None:
        """A new clock for a new turn (one seat's, or the whole season's in parallel); the same
        turn going on keeps its clock."""
        key = (self.match.seasons_played, seat)
        if key != self._clock_for:
            self._clock_for = key
            self.time_left = float(self.match.timer_seconds) if self.timer_on else None

    def _time_out(self) -> list[TimedOut]:
        """The clock ran out: the facilitator's personality decides, unseen, for each seat on
        a private screen or a hand-off."""
        self.time_left = None
        seats = [self.seat] if self.seating is Seating.HOT_SEAT else self.waiting()
        outcomes = [self._decide_for_absent(seat) for seat in seats if seat is not None]
        decided = tuple(o.seat for o in outcomes if o.problem is None)
        if decided:
            self.timed_out = decided
            self._follow_match()
        return outcomes

    def _decide_for_absent(self, seat: int) -> TimedOut:
        try:
            self.match.decide_for_absent(seat, self.match.timer_personality)
        except MatchError as error:
            return TimedOut(seat, str(error))
        return TimedOut(seat)

    def _resolve(self) -> None:
        """The season resolves, once, from what was decided."""
        if self.on_resolving is not None:
            self.on_resolving(self)
        report = self.match.resolve()
        self.story = self._story(report)
        self.story_elapsed = 0.0
        self.seat = self.time_left = None
        self.phase = Phase.RESOLUTION
        if self.on_resolved is not None:
            self.on_resolved(self, report)

    def _story(self, report: SeasonReport | None) -> list[StoryStep]:
        if report is None:
            return []
        return season_story(self.match.level, report, list(self.match.active_game.names))

    def _require(self, phase: Phase, doing: str) -> None:
        if self.phase is not phase:
            raise TurnError(f"cannot {doing} during {self.phase.value}: only during {phase.value}")

    def _refuse_if_ended(self, doing: str) -> None:
        if self.phase is Phase.ENDED:
            raise TurnError(f"cannot {doing}: the game has ended")

    def _not_deciding(self, seat: int) -> str:
        if not 0 <= seat < len(self.match.seats):
            return f"there is no seat {seat}"
        name = self.match.seats[seat].name
        if seat in self.match.pending:
            return f"{name} has already decided"
        if self.seating is Seating.HOT_SEAT and self.seat is not None:
            return f"it is {self.match.seats[self.seat].name}'s turn, not {name}'s"
        return f"{name} has no decision to take now"
