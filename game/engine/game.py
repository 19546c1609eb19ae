"""A game: one level, one seed, the firms at the table and their seasons.

The pygame loop, the headless simulator, the tests and the benchmarks all drive this class the
same way: ``begin_season()``, a :class:`FirmView` for each member, one decision each,
``resolve()``; until ``outcome`` is set. One seed per game is split into named streams (events,
offers, dice: :mod:`game.engine.streams`) so that replaying with other decisions meets the same
events ("what if").
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from game.engine.cluster import compute_phase, dimension_readings
from game.engine.contract import sign_contract
from game.engine.dilemma import resolve_dilemma
from game.engine.fingerprint import level_fingerprint
from game.engine.horizon import Epilogue, alone_payoffs, play_out, season_alone
from game.engine.ledger import FUND, Ledger
from game.engine.level import Level
from game.engine.outcome import Outcome, check_cluster_end, check_dilemma_end
from game.engine.reports import Applicant, OwnResult, PublicRecord, SeasonReport
from game.engine.rules import Treatments
from game.engine.season import detection_chance, draw_dice, resolve_season, setup_season
from game.engine.state import (
    ACTION_NAMES,
    Action,
    Decision,
    Firm,
    GameState,
    OutsideOffer,
    SeasonSetup,
)
from game.engine.streams import Streams
from game.engine.trust import alliance_trust, trust_matrix
from game.engine.views import FirmView, OwnFirm

Decider = Callable[[FirmView], Decision]

MODEL = 5
"""The version of the rules a game is played under, kept in its record. Model 1 (until
2026-12-03): a game paid what it had paid when it ended, fines were sums of soles, and dice were
seeded in two ways. Model 2 (2026-12-03): a fixed horizon played out after the game ends
(collapse costs everyone), fines as a share of the order owed, clients whose orders grow, one
way of seeding. Model 3 (2026-12-03, later): the consortium moves the cluster through its population
(game.engine.population, the demonstration effect), not its dimensions directly. Model 4
(2026-12-03, evening): under open membership firms of the cluster apply and join during a game,
and every season draws its dice for every seat the table can have. Model 5 (2026-12-04): a fine
takes at most a share of what the firm holds (rules.fund.fine_instalment) and the rest in later
seasons, so one offence no longer bankrupts a small firm.
A record of another model would replay with rules its players never met, so it is refused
(:class:`OldRulesError`), never replayed."""


class OldRulesError(ValueError):
    """A record of a game played under another model of the rules (:data:`MODEL`)."""

    def __init__(self, model: object) -> None:
        super().__init__(
            f"this game was played under model {model!r} of the rules; this version plays "
            f"model {MODEL} and would replay it with rules its players never met"
        )
        self.model = model


_DEFECTED, _INVESTED = ACTION_NAMES[Action.DEFECT], ACTION_NAMES[Action.INVEST]
"""How the public record names a defection and an investment."""


def _varied(rng: random.Random, value: float, variation: float) -> float:
    """``value`` moved up or down by at most ``variation`` of itself, at random."""
    return value * (1.0 + variation * rng.uniform(-1.0, 1.0))


def seat_names(level: Level, count: int) -> list[str]:
    """The level's firm names for ``count`` computer-run seats, repeating if it has fewer."""
    return [level.firm_names[i % len(level.firm_names)] for i in range(count)]


def starting_firms(level: Level, names: Sequence[str], seed: int) -> list[Firm]:
    """The firms a game with ``seed`` starts with (their own stream of the game's seed)."""
    return make_firms(level, names, Streams(seed).stream("firms"))


def make_firms(level: Level, names: Sequence[str], rng: random.Random) -> list[Firm]:
    """Firms of the cluster differ around the level's typical firm (firm_variation)."""
    template, var = level.firm_template, level.firm_variation
    firms = []
    for i, name in enumerate(names):
        firms.append(
            Firm(
                id=i,
                name=name,
                capital=_varied(rng, template.capital, var),
                capacity=_varied(rng, template.capacity, var),
                quality=min(max(_varied(rng, template.quality, var), 0.0), 1.0),
                quality_spread=max(_varied(rng, template.quality_spread, var), 0.0),
                technology=min(max(_varied(rng, template.technology, var), 0.0), 1.0),
                reputation=template.reputation,
            )
        )
    return firms


class Game:
    def __init__(
        self,
        level: Level,
        names: Sequence[str],
        seed: int,
        contract: Mapping[str, str] | None = None,
        *,
        treatments: Treatments | Mapping[str, Any] | None = None,
    ) -> None:
        """``treatments``: the facilitator's switches (a :class:`Treatments`, or a mapping of
        the switches that differ from the level's ``rules.treatments``); ``ValueError`` for an
        unknown switch or a value out of bounds."""
        if not level.firms.min <= len(names) <= level.firms.max:
            raise ValueError(
                f"{level.id} is played by {level.firms.min} to {level.firms.max} firms, "
                f"not {len(names)}"
            )
        self.level = level
        self.seed = seed
        self.founders = tuple(names)
        """The firms that signed: the seats a record keeps (newcomers follow from the dice)."""
        self.names = tuple(names)
        """Every firm at the table so far, founders first, then newcomers in order of joining
        (a firm's id is its place here)."""
        if isinstance(treatments, Treatments):
            self.treatments = treatments
        else:
            self.treatments = level.rules.treatments.with_overrides(treatments)
        choices = dict(contract if contract is not None else level.default_contract)
        terms = sign_contract(choices, level.contract)
        firms = starting_firms(level, names, seed)
        self.starting_capital: tuple[float, ...] = tuple(f.capital for f in firms)
        """Each firm's capital before it signed: what every payoff is measured from."""
        self.state = GameState(
            seed=seed,
            firms=firms,
            trust=trust_matrix(len(firms), level.start_trust),
            fund=0.0,
            terms=terms,
            dimensions=dict(level.start_dimensions),
            phase=compute_phase(
                level.start_dimensions, level.rules.phase_thresholds, level.dimension_sense
            ),
            population=level.start_population.copy(),
        )
        self.signing = self._sign()
        self._streams = Streams(seed)
        self._event_rng = self._streams.stream("events")
        self._applicant_rng = self._streams.stream("applicants")
        self.setup: SeasonSetup | None = None
        self.reports: list[SeasonReport] = []
        self.public: list[PublicRecord] = []
        self._own: list[tuple[OwnResult, ...]] = [() for _ in firms]
        self.outcome: Outcome | None = None
        self.epilogue: Epilogue | None = None  # the rest of the horizon, once the game is over
        self._alone: tuple[float, ...] | None = None  # alone_payoffs, once asked for
        self._newcomers_as_they_started: list[Firm] = []  # as they were before selling alone
        self._seasons_below = 0
        self._shared_view: dict[str, Any] | None = None  # the views' common fields (view)
        self._trust_at_start = 0.0  # the alliance's trust when this season began
        self._season_mistakes: frozenset[int] = frozenset()  # this season's (begin_season)
        self._rolls: list[list[float]] = []  # every season's detection rolls, when asked
        self._views: dict[int, FirmView] = {}  # this season's views, built once each
        self._fingerprint: str | None = None  # the level's, for the record (made when asked)

    @classmethod
    def from_record(
        cls, level: Level, record: GameRecord, contract: Mapping[str, str] | None = None
    ) -> Game:
        """``record``'s game, not played yet: its seats, seed, treatments and dice, under its
        own contract or ``contract`` (a replay, a what-if)."""
        return cls(
            level,
            record.names,
            record.seed,
            record.contract if contract is None else contract,
            treatments=record.treatments,
        )

    def _sign(self) -> Ledger:
        """Each member pays its share of the one-off costs and its starting contribution."""
        ledger = Ledger()
        if self.level.is_dilemma:
            return ledger
        state = self.state
        share = self.state.terms.cost_once / len(state.firms)
        ledger.collect(state, state.firms, share + self.level.rules.fund.starting_fund, "signing")
        ledger.move(state, FUND, -state.terms.cost_once, "signing")
        return ledger

    @property
    def season_limit_known(self) -> bool:
        """Whether players are told the season limit (treatment ``announce_last_season``)."""
        return self.treatments.announce_last_season

    # -- the season loop -------------------------------------------------------------------

    def begin_season(self) -> SeasonSetup:
        """Draw this season's event, joint order, private offers and mistakes (idempotent:
        every stream is drawn once per season, so a ``resolve`` refused for a missing decision
        can be retried and meets the same dice)."""
        if self.outcome is not None:
            raise RuntimeError("the game is over")
        if self.setup is None:
            # the trust a season ends with is the trust the next one starts with
            reports = self.reports
            self._trust_at_start = (
                reports[-1].trust_after
                if reports
                else alliance_trust(self.state.trust, self.members())
            )
            self.setup = setup_season(
                self.level,
                self.state,
                self._event_rng,
                self._streams.stream("offers"),
                self._trust_at_start,
            )
            self._season_mistakes = self._mistakes()
        return self.setup

    def members(self) -> list[int]:
        """Ids of the current members (a fresh list the caller may keep)."""
        return [f.id for f in self.state.firms if f.member]

    def view(self, firm_id: int) -> FirmView:
        """Everything ``firm_id`` may know this season, and nothing more (built once per
        season, as the state only changes in ``resolve``: every caller this season gets the same
        view, which must not be changed)."""
        cached = self._views.get(firm_id)
        if cached is not None:
            return cached
        shared = self._shared_view or self._season_public()
        setup = self.setup
        assert setup is not None
        firm = self.state.firms[firm_id]
        trust_row = self.state.trust[firm_id]
        me = OwnFirm(
            id=firm.id,
            name=firm.name,
            capital=firm.capital,
            capacity=firm.capacity,
            quality=firm.quality,
            quality_spread=firm.quality_spread,
            technology=firm.technology,
            reputation=firm.reputation,
            offences=firm.offences,
            member=firm.member,
            excused=firm.excused,
            fine_owed=firm.fine_owed,
        )
        offer = setup.offers.get(firm_id) or OutsideOffer(price=setup.market_price, lots=0.0)
        view = self._views[firm_id] = FirmView(
            **shared,
            me=me,
            offer=offer,
            my_trust={j: trust_row[j] for j in shared["members"] if j != firm_id},
            my_results=self._own[firm_id],
        )
        return view

    def _season_public(self) -> dict[str, Any]:
        """The fields of a :class:`FirmView` that every member's view shares this season,
        built once and handed to each (the state only changes in ``resolve``, which discards
        them)."""
        if self._shared_view is None:
            setup = self.begin_season()
            state, level = self.state, self.level
            members = tuple(self.members())
            limit = level.rules.end.season_limit
            self._shared_view = {
                "level_id": level.id,
                "is_dilemma": level.is_dilemma,
                "season": setup.season,
                "season_limit": limit if self.season_limit_known else None,
                "order": setup.order,
                "event": setup.event,
                "market_price": setup.market_price,
                "unit_cost": level.rules.market.unit_cost,
                "investment_cost": setup.investment_cost,
                "terms": state.terms,
                "members": members,
                "alliance_trust": self._trust_at_start,
                "detection_chance": self.detection_chance(len(members)),
                "dimensions": dict(state.dimensions),
                "phase": state.phase,
                "history": tuple(self.public),
                "penalty_severity": self.treatments.penalty_severity,
            }
        return self._shared_view

    def detection_rolls(self, season: int) -> list[float]:
        """The detection rolls ``season`` met, one per firm, drawn again from a fresh copy of
        the game's streams (the contract review asks what another chance would have caught).
        Every season played is drawn in one pass, the first time one is asked for: a stream
        runs on from season to season."""
        if len(self._rolls) < len(self.reports):
            dice = Streams(self.seed).stream("dice")
            seats = self.level.firms.max
            self._rolls = [draw_dice(dice, seats)[1] for _ in self.reports]
        return self._rolls[season - 1]

    def detection_chance(self, members: int | None = None) -> float:
        """This season's chance of catching a defection (``members``: how many there are, when
        the caller has counted them)."""
        if self.level.is_dilemma:
            return 1.0
        count = len(self.members()) if members is None else members
        return detection_chance(self.level, self.state, count)

    def resolve(self, decisions: Mapping[int, Decision]) -> SeasonReport:
        """Resolve the season with one decision per member (extra entries are ignored)."""
        setup = self.begin_season()
        mistakes = self._season_mistakes
        if self.level.is_dilemma:
            report = resolve_dilemma(
                self.level, self.state, setup, decisions, mistakes, self._trust_at_start
            )
        else:
            report = resolve_season(
                self.level,
                self.state,
                setup,
                decisions,
                self._streams.stream("dice"),
                self.treatments,
                mistakes,
                self._trust_at_start,
            )
        self.reports.append(report)
        own, detected, change = self._own, report.detected, report.capital_change
        for firm_id, decision in report.decisions.items():
            result = OwnResult(
                season=report.season,
                decision=decision,
                capital_change=change[firm_id],
                detected=firm_id in detected,
            )
            own[firm_id] += (result,)
        self.setup = None
        self._shared_view = None
        self._views = {}
        self.outcome = self._check_end()
        if not self.level.is_dilemma:
            applicant = self._hear_applicant(report, setup.order.min_quality)
            if applicant is not None:  # a newcomer brings its pairs into the alliance's trust
                trust = alliance_trust(self.state.trust, self.members())
                report = replace(report, applicant=applicant, trust_after=trust)
                self.reports[-1] = report
        self.public.append(self._public_record(report))
        if self.outcome is not None and not self.level.is_dilemma:
            state = self.state
            self.epilogue = play_out(
                self.level,
                state.firms,
                state.fund,
                self.reports,
                self.outcome.kind,
                self._event_rng,
            )
        return report

    # -- what the game paid ----------------------------------------------------------------

    def final_capital(self) -> tuple[float, ...]:
        """Each firm's capital at the horizon: what it had when the game ended, plus the rest of
        the horizon played out and its share of the wound-up fund (the capital now, while the
        game goes on or in the tutorial, which has no horizon beyond its rounds)."""
        capital = [f.capital for f in self.state.firms]
        if self.epilogue is not None:
            capital = [c + self.epilogue.total(i) for i, c in enumerate(capital)]
        return tuple(capital)

    def payoffs(self) -> tuple[float, ...]:
        """What the game paid each firm: its capital at the horizon minus its capital before
        signing (so the signing costs and the fund count against the alliance)."""
        final = self.final_capital()
        return tuple(f - s for f, s in zip(final, self.starting_capital, strict=True))

    def alone_payoffs(self) -> tuple[float, ...]:
        """What each firm would have earned over the horizon had no alliance formed (the same
        firms and events): the yardstick the end screen and the simulator read payoffs against.
        Cluster levels only: the tutorial has no market to sell alone in."""
        if self.level.is_dilemma:
            raise ValueError(f"{self.level.id} has no market to sell alone in")
        if self._alone is None or len(self._alone) < len(self.names):  # once per newcomer
            firms = starting_firms(self.level, self.founders, self.seed)
            firms += [replace(f) for f in self._newcomers_as_they_started]
            self._alone = alone_payoffs(self.level, firms, self.seed)
        return self._alone

    # -- open membership (000 III, Términos de la membresía) ---------------------------------

    def _hear_applicant(self, report: SeasonReport, standard: float) -> Applicant | None:
        """After a season the consortium delivered, a firm of the cluster may apply; it joins
        if it meets the entry conditions (closed terms, a full table or a game over: nobody).

        The applicants' stream is drawn the same every season (a roll and a firm), whatever
        happens, so a "what if" meets the same applicants."""
        level, state = self.level, self.state
        rules = level.rules.membership
        roll = self._applicant_rng.random()
        firm = make_firms(level, ["?"], self._applicant_rng)[0]
        if (
            self.outcome is not None
            or state.terms.modifiers["admits_newcomers"] < 1.0
            or report.order_status != "accepted"
            or len(state.firms) >= level.firms.max
            or roll >= rules.apply_chance
        ):
            return None
        firm.id, firm.name = len(state.firms), self._newcomer_name()
        shortfalls = []
        if firm.capacity < rules.entry_capacity * level.firm_template.capacity:
            shortfalls.append("capacity")
        if firm.quality < standard:
            shortfalls.append("quality")
        if shortfalls:
            return Applicant(firm.name, firm.capacity, firm.quality, tuple(shortfalls), None, 0.0)
        fee = self._admit(firm)
        return Applicant(firm.name, firm.capacity, firm.quality, (), firm.id, fee)

    def _admit(self, firm: Firm) -> float:
        """Seat ``firm`` at the table: it brings what it earned alone until now, pays its way
        into the fund and starts as a near stranger to every member. Returns the fee."""
        state, level = self.state, self.level
        self.starting_capital += (firm.capital,)
        self._newcomers_as_they_started.append(replace(firm, member=False))
        events = {event.key: event for event in level.events}
        firm.capital += sum(season_alone(level, events[r.event], firm) for r in self.reports)
        fee = min(level.rules.membership.entry_fee, max(firm.capital, 0.0))
        firm.capital -= fee
        state.fund += fee
        trust = level.rules.membership.newcomer_trust
        for row in state.trust:
            row.append(trust)
        state.trust.append([trust] * len(state.firms) + [1.0])
        state.firms.append(firm)
        self.names += (firm.name,)
        self._own.append(())
        return fee

    def _newcomer_name(self) -> str:
        """The level's first firm name nobody at the table has (numbered, once all are used)."""
        taken = set(self.names)
        for name in self.level.firm_names:
            if name not in taken:
                return name
        return f"{self.level.firm_names[0]} {len(self.names) + 1}"

    def _mistakes(self) -> frozenset[int]:
        """Firms whose lot comes out faulty this season if they cooperate (the mistake
        treatment). Its own stream, one roll per firm, drawn only when the rate is above zero,
        so a game without mistakes meets exactly the dice it always did."""
        rate = self.treatments.mistake_rate
        if rate <= 0.0:
            return frozenset()
        roll = self._streams.stream("mistakes").random
        # a roll for every seat the table can have, as the dice (the tutorial's never grows)
        seats = len(self.state.firms) if self.level.is_dilemma else self.level.firms.max
        return frozenset(i for i in range(seats) if roll() < rate)

    def _check_end(self) -> Outcome | None:
        level, state = self.level, self.state
        if level.is_dilemma:
            return check_dilemma_end(level, state, self.reports[-1].trust_after)
        if state.phase > level.start_phase or self._deepened():
            state.seasons_at_next_phase += 1
        else:
            state.seasons_at_next_phase = 0
        self._seasons_below = self._seasons_below + 1 if state.phase < level.start_phase else 0
        return check_cluster_end(level, state, self._seasons_below, self.reports[-1].trust_after)

    def _deepened(self) -> bool:
        """A phase-IV level's goal met this season: the phase held and every dimension it names
        to deepen reads as phase IV too."""
        level, state = self.level, self.state
        if not level.deepen or state.phase < level.start_phase:
            return False
        readings = dimension_readings(
            state.dimensions, level.rules.phase_thresholds, level.dimension_sense
        )
        return all((readings[dim] or 0) >= 4 for dim in level.deepen)

    def _public_record(self, report: SeasonReport) -> PublicRecord:
        state = self.state
        revealed: dict[int, str] = {}
        if self.level.is_dilemma:
            revealed = {i: ACTION_NAMES[d.action] for i, d in report.decisions.items()}
            revealed.update(dict.fromkeys(report.mistakes, _DEFECTED))
        else:
            revealed = dict.fromkeys(report.seen, _DEFECTED)
        investments = {i: d.target for i, d in report.decisions.items() if d.target is not None}
        revealed.update(dict.fromkeys(investments, _INVESTED))
        fill = report.lots_delivered / report.lots_promised if report.lots_promised else 1.0
        return PublicRecord(
            season=report.season,
            event=report.event,
            order_status=report.order_status,
            fill=fill,
            quality_spread=report.quality_spread,
            detected=report.detected,
            penalties=report.penalties,
            left=report.left,
            investments=investments,
            revealed=revealed,
            alliance_trust=report.trust_after,
            dimensions=dict(state.dimensions),
            phase=report.phase,
            capital={f.id: f.capital for f in state.firms},
            reputation={f.id: f.reputation for f in state.firms},
            fund=state.fund,
        )

    # -- records and replays ---------------------------------------------------------------

    def began_on(self, fingerprint: str) -> None:
        """Record ``fingerprint`` as the level's this game began on: a game restored from a
        save whose level file has changed since keeps the old one, so that its debrief (and
        any later save) still says the early seasons were played on another version."""
        self._fingerprint = fingerprint

    def record(self) -> GameRecord:
        if self._fingerprint is None:  # hashed once per game: a save writes a record a season
            self._fingerprint = level_fingerprint(self.level)
        return GameRecord(
            level_id=self.level.id,
            seed=self.seed,
            names=self.founders,
            contract=dict(self.state.terms.choices),
            decisions=tuple(dict(r.decisions) for r in self.reports),
            treatments=self.treatments.to_json(),
            level_fingerprint=self._fingerprint,
        )


@dataclass(frozen=True, slots=True)
class GameRecord:
    """Enough to replay a game exactly: level, seed, seats, contract, treatments and every
    decision. ``treatments`` holds the facilitator's switches; a record from before they
    existed has none, which means the level's defaults (the game as it was then).
    ``level_fingerprint`` is the level's as it was played (:mod:`game.engine.fingerprint`);
    empty in records from before it existed. ``model`` is the version of the rules it was
    played under (:data:`MODEL`); a record of another is refused."""

    level_id: str
    seed: int
    names: tuple[str, ...]
    contract: dict[str, str]
    decisions: tuple[dict[int, Decision], ...]
    treatments: dict[str, Any] = field(default_factory=dict)
    level_fingerprint: str = ""
    model: int = MODEL

    def __post_init__(self) -> None:
        if self.model != MODEL:
            raise OldRulesError(self.model)

    def treatments_for(self, level: Level) -> Treatments:
        """The treatments this game was played with, on ``level``."""
        return level.rules.treatments.with_overrides(self.treatments)

    def level_changed(self, level: Level) -> bool:
        """Whether ``level`` differs from the level this game was played on, so that replaying
        it gives other numbers than its players saw (unknown for older records: False)."""
        return bool(self.level_fingerprint) and self.level_fingerprint != level_fingerprint(level)

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level_id,
            "seed": self.seed,
            "names": list(self.names),
            "contract": self.contract,
            "decisions": [
                {str(i): d.to_json() for i, d in season.items()} for season in self.decisions
            ],
            "treatments": dict(self.treatments),
            "level_fingerprint": self.level_fingerprint,
            "model": self.model,
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> GameRecord:
        """The record ``to_json`` wrote; :class:`OldRulesError` for one of another model (a
        record without ``model`` is of model 1, made before records said)."""
        model = data.get("model", 1)
        if model != MODEL:
            raise OldRulesError(model)
        return GameRecord(
            level_id=data["level"],
            seed=int(data["seed"]),
            names=tuple(data["names"]),
            contract=dict(data["contract"]),
            decisions=tuple(
                {int(i): Decision.from_json(d) for i, d in season.items()}
                for season in data["decisions"]
            ),
            treatments=dict(data.get("treatments") or {}),
            level_fingerprint=str(data.get("level_fingerprint") or ""),
        )


def replay(level: Level, record: GameRecord) -> Game:
    """Play a recorded game again, decision for decision."""
    game = Game.from_record(level, record)
    for decisions in record.decisions:
        if game.outcome is not None:
            break
        game.resolve(decisions)
    return game


def play(
    level: Level,
    deciders: Sequence[Decider],
    seed: int,
    contract: Mapping[str, str] | None = None,
    names: Sequence[str] | None = None,
    *,
    treatments: Treatments | Mapping[str, Any] | None = None,
    newcomers: Callable[[int], Decider] | None = None,
) -> Game:
    """Play a whole game with one decider per seat (computer-run firms, scripted players).

    ``newcomers`` gives the decider of a firm that joins during the game, by its id; without
    it a newcomer decides as the founder whose seat its id falls on, counting round the
    table (``deciders[id % len(deciders)]``)."""
    if names is None:
        names = seat_names(level, len(deciders))
    game = Game(level, names, seed, contract, treatments=treatments)
    seated = list(deciders)
    while game.outcome is None:
        game.begin_season()
        for firm_id in range(len(seated), len(game.names)):
            seated.append(newcomers(firm_id) if newcomers else deciders[firm_id % len(deciders)])
        game.resolve({i: seated[i](game.view(i)) for i in game.members()})
    return game
