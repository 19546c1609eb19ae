"""A workshop's room without a server: groups, seats claimed by phones, clocks, the console.

A room holds N groups; each is a :class:`~game.play.match.Match` of 3 to 8 firms driven by a
:class:`~game.play.turn.TurnMachine` in :attr:`~game.play.turn.Seating.PARALLEL` (every phone
decides at once), the same machine the desktop plays on. The :class:`~game.workshop.store.Store`
is the truth: every change is written there first (or, when the engine decides it, before
anything is told to anyone) and a room opened on a database rebuilds each group by replaying
its journal, so a killed server comes back where it was.

Seats and phones:

* a phone claims a free seat with an explicit request (the server's POST; reading a page never
  claims) and gets a **seat token** signed with the room's key (HMAC-SHA256). The phone keeps it
  (a cookie), so a reload, a sleep or a new network keeps the seat. A phone that already holds
  a seat in this room cannot take a second by accident;
* a token names its group, seat and generation; releasing a seat (the console's "reassign")
  bumps the generation and the old token stops working;
* a token acts only for its own seat, and a seat's screen (:meth:`Room.seat_screen`) holds only
  what that firm may know: nobody's decision but its own, only how many have decided;
* seats nobody claimed are run by the computer when the workshop starts; a late phone may take
  one over (it decides from that season on), and a seat handed to the computer can be taken
  back by its phone.

Time is injected (:meth:`Room.time_passes`): the server calls it once a second, tests as they
please. Pausing stops every group's clock; a seat whose time runs out is decided by the
facilitator's personality (the machine's :meth:`~game.play.match.Match.decide_for_absent`).
After a season's story each person taps "go on"; the group goes on when all have (or when the
facilitator says so). A restarted server starts a new decision clock for the season that was
interrupted; nothing else is lost.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.ai.base import REGISTRY, personality_keys
from game.content.levels import load_level
from game.engine.forecast import Forecast, forecast
from game.engine.game import GameRecord
from game.engine.level import Level
from game.engine.reports import SeasonReport
from game.engine.state import Action, Decision
from game.persistence.settings import DEFAULT_TIMER_PERSONALITY, MAX_DECISION_TIMER
from game.play.match import Match, MatchError, Seat, random_personality
from game.play.own_result import own_result
from game.play.story import StoryStep
from game.play.turn import Pace, Phase, Seating, TurnMachine
from game.workshop.store import GroupRow, Store

CODE_LETTERS = "ACDEFHJKMNPRTUVWXY"
"""Letters of a room code: none that a phone's keyboard or a projector makes look alike
(no B/8, I/1, L, O/0, Q, S/5, G/6, Z/2)."""
CODE_LENGTH = 4
WORKSHOP_PACE = Pace(step_seconds=0.0, demo_pause=0.0)
"""Phones show a season's whole story at once; each person reads it at their own speed."""
MAX_GROUPS = 12
STATUSES = ("lobby", "running", "ended")
"""Where the workshop stands (the store's ``workshop.status``)."""
CONSOLE_PHASES = ("lobby", "deciding", "resolution", "ended")
"""A group's phase on the console: the lobby, then its turn machine's (a workshop's turn is
parallel: no hand-off, no looking together)."""


class RoomError(ValueError):
    """A request the room refuses; ``key`` is a catalogue key (``workshop.error.*``)."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True, slots=True)
class FinishedGame:
    """A group's game that has ended: what its debrief and its exports are made from."""

    group: int
    level: Level
    record: GameRecord
    personalities: list[str | None]


@dataclass(frozen=True, slots=True)
class SeatRef:
    group: int
    seat: int


@dataclass
class Group:
    """One consortium: its row in the store, and once started its match and turn machine."""

    id: int
    seed: int
    contract: dict[str, str]
    names: list[str]
    claimed: dict[int, int] = field(default_factory=dict)
    """Seat -> the generation of the token that holds it (seats a phone has claimed)."""
    generations: dict[int, int] = field(default_factory=dict)
    match: Match | None = None
    machine: TurnMachine | None = None
    problem: str | None = None
    """Set when rebuilding found a season that resolved otherwise than on record (the level
    file changed between runs): the console says so."""

    @property
    def started(self) -> bool:
        return self.machine is not None

    @property
    def season(self) -> int:
        """The season being decided or told (1-based); 0 before the start."""
        if self.match is None or self.match.game is None:
            return 0
        played = self.match.seasons_played
        return (
            played
            if self.machine is not None
            and self.machine.phase
            in (
                Phase.RESOLUTION,
                Phase.ENDED,
            )
            else played + 1
        )


def normalise_code(text: str) -> str:
    """What a person typed as a room code, as the room writes it (spaces and case ignored)."""
    return "".join(text.split()).upper()[:16]


def report_digest(report: SeasonReport) -> str:
    """What a season paid, in short: a rebuilt season must pay exactly the same."""
    data = {
        "season": report.season,
        "status": report.order_status,
        "capital": {str(k): round(v, 6) for k, v in sorted(report.capital_change.items())},
        "decisions": {str(k): d.to_json() for k, d in sorted(report.decisions.items())},
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


class Room:
    """A workshop's groups over a store. Build one with :meth:`create` or :meth:`open`."""

    def __init__(self, store: Store) -> None:
        row = store.workshop()
        if row is None:
            raise RoomError("workshop.error.no_workshop")
        self.store = store
        self.code = row.code
        self.pin = row.pin
        self._secret = row.secret.encode()
        self.level_name = row.level
        self.level: Level = load_level(row.level)
        self.timer_seconds = row.timer_seconds
        self.timer_personality = row.timer_personality
        self.status = row.status
        self.paused = row.paused
        self.groups: dict[int, Group] = {}
        self.listeners: list[Callable[[int | None], None]] = []
        """Called with a group's id after it changed (None: the whole room), to tell phones."""
        self._replaying = False
        for group_row in store.groups():
            self.groups[group_row.id] = self._rebuild(group_row)

    # -- making and opening a room ---------------------------------------------------------

    @classmethod
    def create(
        cls,
        store: Store,
        level_name: str,
        *,
        groups: int,
        firms: int | None = None,
        seed: int | None = None,
        timer_seconds: int = 0,
        timer_personality: str = DEFAULT_TIMER_PERSONALITY,
        contract: dict[str, str] | None = None,
        code: str | None = None,
        pin: str | None = None,
    ) -> Room:
        """A new room in an empty store: ``groups`` groups of ``firms`` firms each (the level's
        default when None), each group's seed drawn from ``seed``."""
        level = load_level(level_name)
        firms = level.firms.default if firms is None else firms
        if not level.firms.min <= firms <= level.firms.max:
            raise RoomError("workshop.error.firms", min=level.firms.min, max=level.firms.max)
        if not 1 <= groups <= MAX_GROUPS:
            raise RoomError("workshop.error.groups", max=MAX_GROUPS)
        if not 0 <= timer_seconds <= MAX_DECISION_TIMER:
            raise RoomError("workshop.error.timer", max=MAX_DECISION_TIMER)
        if timer_personality not in REGISTRY:
            raise RoomError("workshop.error.personality", name=timer_personality)
        seed = secrets.randbelow(2**31) if seed is None else seed
        names = _firm_names(level, firms)
        chosen = dict(contract or level.reference_contract)
        store.create_workshop(
            code=code or "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH)),
            pin=pin or f"{secrets.randbelow(10**6):06d}",
            secret=secrets.token_hex(32),
            level=level_name,
            seed=seed,
            timer_seconds=timer_seconds,
            timer_personality=timer_personality,
            groups=[(seed + number, chosen, names) for number in range(1, groups + 1)],
        )
        return cls(store)

    @classmethod
    def open(cls, store: Store) -> Room:
        """The room a store holds, every group rebuilt where it was."""
        return cls(store)

    def _rebuild(self, row: GroupRow) -> Group:
        group = Group(row.id, row.seed, row.contract, [s.name for s in row.seats])
        group.claimed = {s.seat: s.generation for s in row.seats if s.claimed}
        group.generations = {s.seat: s.generation for s in row.seats}
        if not row.started:
            return group
        self._begin(group, {s.seat: s.personality for s in row.seats})
        resolved = self.store.resolutions(group.id)
        self._replaying = True
        try:
            for entry in self.store.journal(group.id):
                self._replay(group, entry)
        finally:
            self._replaying = False
        assert group.match is not None
        if group.match.seasons_played not in resolved and group.match.last_report is not None:
            self._record_missing_resolution(group)
        return group

    def _record_missing_resolution(self, group: Group) -> None:
        """A season resolved in memory but the process died before its resolution was written:
        replaying its decisions resolved it again, the same way; write it now."""
        assert group.match is not None and group.match.last_report is not None
        report = group.match.last_report
        self.store.record_resolution(group.id, report.season, report_digest(report))

    def _replay(self, group: Group, entry) -> None:
        match, machine = group.match, group.machine
        assert match is not None and machine is not None
        if entry.kind == "decide":
            assert entry.seat is not None
            absent = entry.data.get("absent")
            if absent is not None:
                match.decide_for_absent(entry.seat, absent)
                machine.seats_changed()
            else:
                machine.decide(entry.seat, Decision.from_json(entry.data["decision"]))
        elif entry.kind == "replace":
            assert entry.seat is not None
            match.replace_seat(entry.seat, entry.data["personality"])
            machine.seats_changed()
        elif entry.kind == "carry_on" and machine.phase is Phase.RESOLUTION:
            machine.tell_all()
            machine.carry_on()

    def _begin(self, group: Group, personalities: dict[int, str | None]) -> None:
        seats = [Seat(name, personalities.get(i)) for i, name in enumerate(group.names)]
        match = Match(
            self.level,
            seats,
            group.seed,
            timer_seconds=self.timer_seconds,
            timer_personality=self.timer_personality,
            max_people=len(seats),
        )
        match.sign(group.contract)
        group.match = match
        group.machine = TurnMachine(
            match,
            seating=Seating.PARALLEL,
            pace=WORKSHOP_PACE,
            on_resolving=lambda _machine: self._commit_pending(group),
            on_resolved=lambda _machine, report: self._resolved(group, report),
        )
        if self.paused:
            group.machine.pause()

    # -- what the engine decided, written down ---------------------------------------------

    def _commit_pending(self, group: Group) -> None:
        """Write every decision of this season not yet on the disk (the timer's, and a person's
        just taken): called before the season resolves, so it resolves from what is written."""
        if self._replaying:
            return
        match = group.match
        assert match is not None
        season = match.seasons_played + 1
        absent = {a.seat: a.personality for a in match.absent_decisions if a.season == season}
        for seat, decision in match.pending.items():
            self.store.commit_decision(
                group.id, season, seat, decision.to_json(), absent=absent.get(seat)
            )

    def _resolved(self, group: Group, report: SeasonReport) -> None:
        digest = report_digest(report)
        if self._replaying:
            on_record = self.store.resolutions(group.id).get(report.season)
            if on_record is not None and on_record != digest:
                group.problem = f"season {report.season} resolved otherwise than on record"
            return
        self.store.record_resolution(group.id, report.season, digest)

    def _changed(self, group: int | None) -> None:
        for listener in list(self.listeners):
            listener(group)

    # -- seat tokens -----------------------------------------------------------------------

    def _sign(self, group: int, seat: int, generation: int) -> str:
        message = f"{self.code}/{group}/{seat}/{generation}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    def token_for(self, group: int, seat: int, generation: int) -> str:
        return f"{group}.{seat}.{generation}.{self._sign(group, seat, generation)}"

    def seat_of(self, token: str | None) -> SeatRef | None:
        """The seat a token holds now, or None (forged, malformed, or its seat released)."""
        if not token or len(token) > 80:
            return None
        parts = token.split(".")
        if len(parts) != 4 or not all(p.isdigit() for p in parts[:3]):
            return None
        group_id, seat, generation = (int(p) for p in parts[:3])
        if not hmac.compare_digest(parts[3], self._sign(group_id, seat, generation)):
            return None
        group = self.groups.get(group_id)
        if group is None or group.claimed.get(seat) != generation:
            return None
        return SeatRef(group_id, seat)

    def _require_seat(self, token: str | None) -> tuple[Group, int]:
        ref = self.seat_of(token)
        if ref is None:
            raise RoomError("workshop.error.no_seat")
        return self.groups[ref.group], ref.seat

    # -- phones ----------------------------------------------------------------------------

    def claim(self, group_id: int, seat: int, *, holding: str | None = None) -> str:
        """A phone takes a free seat (an explicit tap, never a page being read); its token.

        ``holding``: the token the phone already has, if any: a phone with a seat in this room
        cannot take a second one by accident."""
        if self.status == "ended":
            raise RoomError("workshop.error.ended")
        if self.seat_of(holding) is not None:
            raise RoomError("workshop.error.already_seated")
        group = self.groups.get(group_id)
        if group is None or not 0 <= seat < len(group.names):
            raise RoomError("workshop.error.unknown_seat")
        if seat in group.claimed:
            raise RoomError("workshop.error.taken")
        match = group.match
        if match is not None and match.game is not None and seat not in match.game.members():
            raise RoomError("workshop.error.not_member")
        generation = self.store.claim_seat(group_id, seat)
        if generation is None:
            raise RoomError("workshop.error.taken")
        group.claimed[seat] = generation
        if group.started:
            self._to_person(group, seat)
        elif self.status == "running":  # a group nobody had joined at the start begins now
            self._start_group(group)
        self._changed(group_id)
        return self.token_for(group_id, seat, generation)

    def _to_person(self, group: Group, seat: int) -> None:
        match, machine = group.match, group.machine
        assert match is not None and machine is not None
        if match.seats[seat].is_human or machine.phase is Phase.ENDED or machine.game_over:
            return
        try:
            match.replace_seat(seat, None)
        except MatchError:
            return
        self.store.record_replace(group.id, group.season, seat, None)
        machine.seats_changed()

    def take_back(self, token: str | None) -> None:
        """The phone's person takes back a seat the facilitator handed to the computer."""
        group, seat = self._require_seat(token)
        if group.started:
            self._to_person(group, seat)
            self._changed(group.id)

    def decide(self, token: str | None, decision: Decision) -> bool:
        """The seat's secret decision, on the disk before this returns. True if taken now,
        False if the same decision was already taken (a phone sending it twice); a different
        decision for a season already decided is refused."""
        group, seat = self._require_seat(token)
        self._require_running()
        match, machine = group.match, group.machine
        if match is None or machine is None:
            raise RoomError("workshop.error.not_started")
        season = group.season
        committed = self.store.decision(group.id, season, seat)
        if seat in match.pending or committed is not None:
            mine = committed["decision"] if committed else match.pending[seat].to_json()
            if mine == decision.to_json() and (committed is None or "absent" not in committed):
                return False
            raise RoomError("workshop.error.already_decided")
        if seat not in machine.deciding_now():
            raise RoomError("workshop.error.not_deciding")
        try:
            machine.decide(seat, decision)
        except MatchError as error:
            raise RoomError("workshop.error.refused", reason=str(error)) from error
        try:
            self._commit_pending(group)
        except Exception:
            # The disk refused: forget what only memory holds, as a restart would.
            self.groups[group.id] = self._rebuild(self._row(group.id))
            raise
        self._changed(group.id)
        return True

    def go_on(self, token: str | None) -> None:
        """The seat has read the season's story and is ready for the next season."""
        group, seat = self._require_seat(token)
        machine = group.machine
        if machine is None or machine.phase is not Phase.RESOLUTION or machine.game_over:
            return
        self.store.mark_ready(group.id, group.season, seat)
        self._carry_on_if_ready(group)
        self._changed(group.id)

    def _people(self, group: Group) -> list[int]:
        match = group.match
        if match is None or match.game is None:
            return []
        members = set(match.active_game.members())
        return [i for i, s in enumerate(match.seats) if s.is_human and i in members]

    def _carry_on_if_ready(self, group: Group) -> None:
        people = self._people(group)
        if people and set(people) <= self.store.ready(group.id, group.season):
            self._carry_on(group)

    def _carry_on(self, group: Group) -> None:
        machine = group.machine
        assert machine is not None
        if machine.phase is not Phase.RESOLUTION or machine.game_over:
            return
        self.store.record_carry_on(group.id, group.season)
        machine.tell_all()
        machine.carry_on()

    # -- the facilitator's -----------------------------------------------------------------

    def check_pin(self, pin: str | None) -> bool:
        return bool(pin) and hmac.compare_digest(str(pin)[:32].encode(), self.pin.encode())

    def start(self) -> list[int]:
        """The workshop begins: every group someone has joined starts (its empty seats run by
        the computer); a group nobody joined yet starts when its first phone does. The groups
        started."""
        if self.status != "lobby":
            raise RoomError("workshop.error.already_started")
        joined = [g for g in self.groups.values() if g.claimed]
        if not joined:
            raise RoomError("workshop.error.nobody")
        for group in joined:
            self._start_group(group)
        self.store.set_status("running")
        self.status = "running"
        self._changed(None)
        return [g.id for g in joined]

    def _start_group(self, group: Group) -> None:
        keys = personality_keys()
        personalities = {
            i: None if i in group.claimed else random_personality(group.seed, i, keys)
            for i in range(len(group.names))
        }
        self.store.start_group(group.id, personalities)
        self._begin(group, personalities)

    def pause(self) -> None:
        self._require_running(paused_too=True)
        self.store.set_paused(True)
        self.paused = True
        for group in self.groups.values():
            if group.machine is not None and group.machine.phase is not Phase.ENDED:
                group.machine.pause()
        self._changed(None)

    def resume(self) -> None:
        self._require_running(paused_too=True)
        self.store.set_paused(False)
        self.paused = False
        for group in self.groups.values():
            if group.machine is not None:
                group.machine.resume()
        self._changed(None)

    def end(self) -> None:
        """The facilitator ends the workshop: nothing more is decided; phones show the end."""
        self.store.set_status("ended")
        self.status = "ended"
        self._changed(None)

    def to_computer(self, group_id: int, seat: int) -> None:
        """Hand a stuck seat to the computer (the facilitator's timer personality). A decision
        its person took this season stands; the phone may take the seat back later."""
        group = self._group(group_id, seat)
        match, machine = group.match, group.machine
        if match is None or machine is None:
            raise RoomError("workshop.error.not_started")
        if not match.seats[seat].is_human:
            return
        try:
            match.replace_seat(seat, self.timer_personality)
        except MatchError as error:
            raise RoomError("workshop.error.refused", reason=str(error)) from error
        self.store.record_replace(group.id, group.season, seat, self.timer_personality)
        machine.seats_changed()
        if machine.phase is Phase.RESOLUTION:
            self._carry_on_if_ready(group)
        self._changed(group.id)

    def release(self, group_id: int, seat: int) -> None:
        """Free a seat for another phone (the old phone's token stops working). A person's seat
        is run by the computer until a phone takes it."""
        group = self._group(group_id, seat)
        if group.started and group.match is not None and group.match.seats[seat].is_human:
            self.to_computer(group_id, seat)
        self.store.release_seat(group_id, seat)
        group.claimed.pop(seat, None)
        group.generations[seat] = group.generations.get(seat, 0) + 1
        self._changed(group_id)

    def set_timer(self, seconds: int) -> None:
        """The time to decide from the next season on (a season being decided keeps its clock),
        kept in the store so a restarted server plays with it."""
        if not 0 <= seconds <= MAX_DECISION_TIMER:
            raise RoomError("workshop.error.timer", max=MAX_DECISION_TIMER)
        self.store.set_timer(seconds)
        self.timer_seconds = seconds
        for group in self.groups.values():
            if group.match is not None:
                group.match.timer_seconds = seconds
        self._changed(None)

    def finished_games(self) -> list[FinishedGame]:
        """The groups whose game has ended, in group order."""
        return [
            FinishedGame(
                group=group.id,
                level=self.level,
                record=group.match.active_game.record(),
                personalities=[seat.personality for seat in group.match.seats],
            )
            for group in self.groups.values()
            if group.machine is not None and group.machine.game_over and group.match is not None
        ]

    def next_season(self, group_id: int) -> None:
        """The facilitator moves a group on from its story without waiting for every phone."""
        group = self._group(group_id)
        if group.machine is not None:
            self._carry_on(group)
        self._changed(group_id)

    def time_passes(self, seconds: float) -> None:
        """``seconds`` pass for every group (the server calls this once a second). Clocks stop
        while the workshop is paused, before it starts and after it ends."""
        if self.status != "running" or self.paused:
            return
        for group in self.groups.values():
            machine = group.machine
            if machine is None:
                continue
            before = (machine.phase, machine.match.seasons_played)
            outcomes = machine.time_passes(seconds)
            if outcomes:
                self._commit_pending(group)
            if outcomes or (machine.phase, machine.match.seasons_played) != before:
                self._changed(group.id)

    # -- what each one sees ----------------------------------------------------------------

    def _group(self, group_id: int, seat: int | None = None) -> Group:
        group = self.groups.get(group_id)
        if group is None or (seat is not None and not 0 <= seat < len(group.names)):
            raise RoomError("workshop.error.unknown_seat")
        return group

    def _row(self, group_id: int) -> GroupRow:
        return next(r for r in self.store.groups() if r.id == group_id)

    def _require_running(self, *, paused_too: bool = False) -> None:
        if self.status == "ended":
            raise RoomError("workshop.error.ended")
        if self.status != "running":
            raise RoomError("workshop.error.not_started")
        if self.paused and not paused_too:
            raise RoomError("workshop.error.paused")

    def seats_overview(self) -> list[dict[str, Any]]:
        """The join page: every group's seats, taken or free (nothing private)."""
        overview = []
        for group in self.groups.values():
            seats = []
            for i, name in enumerate(group.names):
                member = True
                if group.match is not None and group.match.game is not None:
                    member = i in group.match.active_game.members()
                seats.append({"seat": i, "name": name, "free": i not in group.claimed and member})
            overview.append({"group": group.id, "seats": seats})
        return overview

    def counts(self, group: Group) -> tuple[int, int]:
        """(decided, people) this season, or (0, 0) outside a season's decisions."""
        machine = group.machine
        if machine is None or machine.phase is not Phase.DECIDING:
            return 0, 0
        return machine.decision_count()

    def seat_screen(self, token: str | None, *, light: bool = False) -> dict[str, Any]:
        """What a seat's phone shows now: only that firm's own secrets, and the public rest.

        ``screen`` names the page: ``lobby``, ``deciding``, ``decided``, ``story``,
        ``computer`` (the seat is run by the computer), ``over`` (the game ended), ``ended``
        (the facilitator ended the workshop). ``key`` changes whenever the page must change.
        ``light``: only what a live update needs (the page, the counts, the clock)."""
        group, seat = self._require_seat(token)
        match, machine = group.match, group.machine
        base: dict[str, Any] = {
            "group": group.id,
            "seat": seat,
            "name": group.names[seat],
            "paused": self.paused,
            "level": self.level,
        }
        if self.status == "ended":
            screen = "ended"
        elif match is None or machine is None:
            base["joined"] = len(group.claimed)
            base["firms"] = len(group.names)
            screen = "lobby"
        elif machine.game_over or machine.phase is Phase.ENDED:
            screen = "over"
        elif machine.phase is Phase.RESOLUTION:  # a seat run by the computer reads it too
            screen = "story"
            base["ready"] = seat in self.store.ready(group.id, group.season)
            base["computer"] = not match.seats[seat].is_human
        elif not match.seats[seat].is_human:
            screen = "computer"
        elif seat not in match.active_game.members():
            screen = "out"
        elif seat in match.pending:
            screen = "decided"
            base["decision"] = match.pending[seat]
            base["by_timer"] = any(
                a.season == group.season and a.seat == seat for a in match.absent_decisions
            )
        else:
            screen = "deciding"
        base["screen"] = screen
        base["season"] = group.season
        if match is not None and match.game is not None:
            decided, people = self.counts(group)
            base["decided"], base["people"] = decided, people
            base["time_left"] = (
                None if machine is None or machine.time_left is None else machine.time_left
            )
            if screen == "deciding" and not light:
                view = match.view(seat)
                base["view"] = view
                base["season_limit"] = view.season_limit
                base["forecast"] = _forecast_or_none(self.level, view)
                last = match.last_report
                base["last_result"] = self._own(last, seat, last=True)
            if screen in ("story", "over") and machine is not None and not light:
                base["story"] = list(machine.story)
                report = match.last_report
                base["own"] = self._own(report, seat)
            if screen == "over" or (screen == "ended" and match.active_game.outcome):
                base["outcome"] = match.active_game.outcome
        base["key"] = f"{screen}/{base['season']}/{int(self.paused)}"
        return base

    def _own(self, report: SeasonReport | None, seat: int, *, last: bool = False):
        """The firm's private result line (none in the tutorial: its story tells the points)."""
        if report is None or self.level.is_dilemma:
            return None
        return own_result(report, seat, last=last)

    def console(self) -> dict[str, Any]:
        """The facilitator's console: who joined and who decided per group (never what)."""
        groups = []
        for group in self.groups.values():
            match, machine = group.match, group.machine
            seats = []
            for i, name in enumerate(group.names):
                person = match.seats[i].is_human if match is not None else i in group.claimed
                member = True
                decided = False
                if match is not None and match.game is not None:
                    member = i in match.active_game.members()
                    decided = i in match.pending
                seats.append(
                    {
                        "seat": i,
                        "name": name,
                        "joined": i in group.claimed,
                        "person": person,
                        "member": member,
                        "decided": decided,
                    }
                )
            decided, people = self.counts(group)
            groups.append(
                {
                    "group": group.id,
                    "started": group.started,
                    "season": group.season,
                    "phase": machine.phase.value if machine is not None else "lobby",
                    "over": bool(machine is not None and machine.game_over),
                    "decided": decided,
                    "people": people,
                    "ready": len(self.store.ready(group.id, group.season))
                    if machine is not None and machine.phase is Phase.RESOLUTION
                    else 0,
                    "time_left": None if machine is None else machine.time_left,
                    "seats": seats,
                    "problem": group.problem,
                    "outcome": match.active_game.outcome
                    if match is not None and match.game is not None
                    else None,
                }
            )
        return {
            "code": self.code,
            "status": self.status,
            "paused": self.paused,
            "level": self.level,
            "timer_seconds": self.timer_seconds,
            "groups": groups,
        }


def _firm_names(level: Level, firms: int) -> list[str]:
    names = list(level.firm_names[:firms])
    while len(names) < firms:
        names.append(f"Empresa {len(names) + 1}")
    return names


def _forecast_or_none(level: Level, view) -> Forecast | None:
    try:
        return forecast(level, view)
    except ValueError:  # the tutorial pays by a points table; a non-member decides nothing
        return None


def story_text(steps: list[StoryStep], lang: str) -> list[str]:
    return [step.text(lang) for step in steps]


def decision_from_form(action: str | None, target: str | None) -> Decision:
    """A decision from a phone's form fields, checked: RoomError for anything else."""
    from game.engine.state import InvestTarget

    if action not in {a.value for a in Action}:
        raise RoomError("workshop.error.bad_choice")
    if action == Action.INVEST.value:
        if target not in {t.value for t in InvestTarget}:
            raise RoomError("workshop.error.bad_target")
        return Decision(Action.INVEST, InvestTarget(target))
    return Decision(Action(action))
