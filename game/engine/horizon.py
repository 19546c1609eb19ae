"""The game's horizon: what a firm earns alone, and the seasons left after an alliance ends.

A game covers a fixed horizon (``rules.end.season_limit`` rounds, each a year of campaigns).
An alliance may end before it: it collapses, or it moves the cluster to its next phase. Its
members do not stop working then. After a collapse each goes back to selling alone in the
local market for the rest of the horizon (000 IV: alone a MYPE has no scale, no bargaining
power, thin margins), so a collapse costs everyone, the defectors included; after an advance
the alliance goes on earning what it earned while it held the new phase. Those seasons are
played out at once, with the game's own event stream running on, so that they meet the events
the game would have met, and are counted in every payoff.

The same arithmetic gives what each firm would have earned had no alliance formed
(:func:`play_alone`): the yardstick every payoff is read against.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from game.engine.cluster import compute_phase, move_dimensions
from game.engine.events import EventCard, draw_event
from game.engine.level import Level
from game.engine.outcome import Outcome, OutcomeKind, Reason, phase_fell
from game.engine.population import NO_CHANGE
from game.engine.reports import SeasonReport
from game.engine.state import Firm
from game.engine.streams import Streams

EpilogueMode = Literal["none", "alone", "alliance"]


def season_alone(level: Level, event: EventCard, firm: Firm) -> float:
    """What ``firm`` earns in one season selling alone in the local market: its whole capacity
    at the market price (both as this season's event leaves them), at its own unit cost (more,
    without the district's informal credit), with none of the consortium's economies."""
    market, effect = level.rules.market, event.every_effect
    margin = market.market_price * effect["market_price"] - market.unit_cost
    return firm.capacity * effect["capacity"] * (margin - lost_credit_cost(level, firm))


def lost_credit_cost(level: Level, firm: Firm) -> float:
    """What each lot costs ``firm`` more since the district's network cut its informal credit
    (004 3.3.2: for good); nothing where there is no such network or the firm kept it."""
    informal = level.informal_sanctions
    return informal.input_surcharge if informal.enabled and not firm.informal_credit else 0.0


@dataclass(frozen=True, slots=True)
class AloneGame:
    """The horizon played with no alliance: what each firm earned selling alone, and how the
    cluster ended up without the players' joint action (``outcome``: "collapse" when it fell
    back a phase and stayed there, "advance" when drift and events alone lifted it)."""

    outcome: Outcome
    payoffs: tuple[float, ...]
    dimensions: dict[str, float]


def play_alone(level: Level, firms: Sequence[Firm], seed: int) -> AloneGame:
    """The game with ``seed`` had no alliance formed: every firm sells alone all the horizon,
    and the cluster moves only by its drift and the events (the ones that game meets)."""
    rng = Streams(seed).stream("events")
    end, thresholds, start = level.rules.end, level.rules.phase_thresholds, level.start_phase
    dimensions = dict(level.start_dimensions)
    totals = [0.0] * len(firms)
    outcome: Outcome | None = None
    below = above = 0
    for season in range(1, end.season_limit + 1):
        event = draw_event(level.events, rng)
        for firm in firms:
            totals[firm.id] += season_alone(level, event, firm)
        if outcome is not None:
            continue
        move_dimensions(
            dimensions,
            level.rules,
            population=NO_CHANGE,
            brand_investments=0,
            members=0,
            entry_per_season=0.0,
            event_shift=event.dimensions,
        )
        phase = compute_phase(dimensions, thresholds, level.dimension_sense)
        below = below + 1 if phase < start else 0
        above = above + 1 if phase > start else 0
        if below >= end.hold_seasons:
            fell = phase_fell(level, dimensions, phase)
            outcome = Outcome(kind="collapse", season=season, reasons=(fell,))
        elif above >= end.hold_seasons:
            reached = Reason(code="phase_reached", values={"phase": start + 1})
            outcome = Outcome(kind="advance", season=season, reasons=(reached,))
    if outcome is None:
        limit = Reason(code="season_limit", values={"limit": end.season_limit})
        outcome = Outcome(kind="stagnation", season=end.season_limit, reasons=(limit,))
    return AloneGame(outcome=outcome, payoffs=tuple(totals), dimensions=dimensions)


def alone_payoffs(level: Level, firms: Sequence[Firm], seed: int) -> tuple[float, ...]:
    """What each of ``firms`` (as they start a game with ``seed``) would earn over the whole
    horizon if no alliance formed: every season alone, meeting the events that game meets."""
    return play_alone(level, firms, seed).payoffs


@dataclass(frozen=True, slots=True)
class Epilogue:
    """The horizon after the game ended, played out at once.

    ``mode``: "alone" after a collapse (every firm sells alone), "alliance" after an advance
    (members go on earning their mean result of the seasons that held the new phase; firms
    that left sell alone), "none" when the game used its whole horizon. ``earnings`` is each
    firm's total over those seasons; ``fund_share`` what each firm gets (or owes, if negative)
    when the common fund is wound up at the horizon: the firms still members share it, or every
    firm when none is left."""

    mode: EpilogueMode
    seasons: int
    earnings: tuple[float, ...]
    fund_share: tuple[float, ...]

    def total(self, firm_id: int) -> float:
        return self.earnings[firm_id] + self.fund_share[firm_id]


def play_out(
    level: Level,
    firms: Sequence[Firm],
    fund: float,
    reports: Sequence[SeasonReport],
    ending: OutcomeKind,
    events: random.Random,
) -> Epilogue:
    """The seasons between the game's last one and the horizon, after a game that ended in
    ``ending`` (``events``: the game's event stream, positioned after its last season)."""
    played = len(reports)
    seasons = max(level.rules.end.season_limit - played, 0)
    mode: EpilogueMode = (
        "none" if seasons == 0 else ("alliance" if ending == "advance" else "alone")
    )
    earnings = [0.0] * len(firms)
    if mode == "alliance":
        held = reports[-level.rules.end.hold_seasons :]
        for firm in firms:
            if firm.member:  # over the held seasons it was at the table (a newcomer: fewer)
                results = [r.capital_change[firm.id] for r in held if firm.id in r.capital_change]
                earnings[firm.id] = sum(results) / len(results) * seasons if results else 0.0
    for _ in range(seasons):
        event = draw_event(level.events, events)
        for firm in firms:
            if mode == "alone" or not firm.member:
                earnings[firm.id] += season_alone(level, event, firm)
    if ending == "collapse" and fund > 0.0:  # the break-up's claims and disputes come first
        fund *= 1.0 - level.rules.fund.lost_on_collapse
    return Epilogue(
        mode=mode,
        seasons=seasons,
        earnings=tuple(earnings),
        fund_share=_wind_up(firms, fund),
    )


def _wind_up(firms: Sequence[Firm], fund: float) -> tuple[float, ...]:
    """The common fund shared out at the horizon among the firms still members (every firm, if
    none is left): a surplus comes back to them (half of it lost first after a collapse, by
    ``rules.fund.lost_on_collapse``), a debt is theirs to pay."""
    sharing = [f.id for f in firms if f.member] or [f.id for f in firms]
    share = fund / len(sharing)
    return tuple(share if f.id in sharing else 0.0 for f in firms)
