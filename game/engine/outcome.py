"""How a game ends, and why: advance, collapse or stagnation (GAME_DESIGN, "The cluster")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from game.engine.cluster import gaps_to_phase
from game.engine.level import Level
from game.engine.state import GameState
from game.engine.trust import alliance_trust

OutcomeKind = Literal["advance", "collapse", "stagnation"]
ReasonCode = Literal[
    "too_few_members",
    "trust_below_floor",
    "fund_bankrupt",
    "phase_deepened",
    "phase_reached",
    "season_limit",
    "season_limit_deepen",
    "dimension_short",
    "phase_not_held",
    "phase_fell",
    "trust_built",
    "rounds_played",
]


@dataclass(frozen=True, slots=True)
class Reason:
    """One cause of the ending; ``code`` picks the sentence, ``values`` fill it in."""

    code: ReasonCode
    values: dict[str, float | int | str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: OutcomeKind
    season: int
    reasons: tuple[Reason, ...]


def check_cluster_end(
    level: Level, state: GameState, seasons_below: int, trust: float | None = None
) -> Outcome | None:
    """The ending after a season of a cluster level, or None if the game goes on
    (``trust``: the alliance's trust now, when the caller has it)."""
    end = level.rules.end
    members = [f.id for f in state.firms if f.member]
    if trust is None:
        trust = alliance_trust(state.trust, members)
    collapse: list[Reason] = []
    if len(members) < end.min_members:
        collapse.append(
            Reason(code="too_few_members", values={"members": len(members), "min": end.min_members})
        )
    elif trust < level.rules.trust.floor:
        collapse.append(
            Reason(
                code="trust_below_floor",
                values={"trust": round(trust, 2), "floor": level.rules.trust.floor},
            )
        )
    if state.fund < 0.0:
        collapse.append(Reason(code="fund_bankrupt", values={"fund": round(state.fund, 1)}))
    if seasons_below >= end.hold_seasons:
        collapse.append(phase_fell(level, state.dimensions, state.phase))
    if collapse:
        return Outcome(kind="collapse", season=state.season, reasons=tuple(collapse))
    target = level.start_phase + 1
    if state.seasons_at_next_phase >= end.hold_seasons:
        if level.deepen:  # a phase-IV level: held and deepened
            values = {"phase": level.start_phase, "dimensions": ", ".join(level.deepen)}
            reached = Reason(code="phase_deepened", values=values)
        else:
            reached = Reason(code="phase_reached", values={"phase": target})
        return Outcome(kind="advance", season=state.season, reasons=(reached,))
    if state.season >= end.season_limit:
        if level.deepen:  # what the phase-IV goal still lacks
            at_iv = gaps_to_phase(
                state.dimensions, level.rules.phase_thresholds, 4, level.dimension_sense
            )
            gaps = {d: g for d, g in at_iv.items() if d in level.deepen}
        else:
            gaps = gaps_to_phase(
                state.dimensions, level.rules.phase_thresholds, target, level.dimension_sense
            )
        limit = "season_limit_deepen" if level.deepen else "season_limit"
        reasons = [Reason(code=limit, values={"limit": end.season_limit})]
        reasons += [
            Reason(code="dimension_short", values={"dimension": d, "gap": g})
            for d, g in gaps.items()
        ]
        if not gaps:  # the phase was reached at the very end, but not held long enough
            held = {"held": state.seasons_at_next_phase, "hold": end.hold_seasons}
            reasons.append(Reason(code="phase_not_held", values=held))
        return Outcome(kind="stagnation", season=state.season, reasons=tuple(reasons))
    return None


def phase_fell(level: Level, dimensions: dict[str, float], phase: int) -> Reason:
    """The cluster fell back to ``phase``, and what each dimension lacks of the level's
    starting phase."""
    gaps = gaps_to_phase(
        dimensions, level.rules.phase_thresholds, level.start_phase, level.dimension_sense
    )
    return Reason(
        code="phase_fell", values={"phase": phase, **{f"gap_{d}": g for d, g in gaps.items()}}
    )


def check_dilemma_end(level: Level, state: GameState, trust: float | None = None) -> Outcome | None:
    """The tutorial always plays every round (as the classic game does), then judges trust
    (``trust``: the alliance's trust now, when the caller has it)."""
    if state.season < level.rules.end.season_limit:
        return None
    if trust is None:
        trust = alliance_trust(state.trust, [f.id for f in state.members()])
    return dilemma_outcome(level, state.season, trust)


def dilemma_outcome(level: Level, season: int, trust: float) -> Outcome:
    """How a tutorial game that has played its last round ends, from the trust it left."""
    assert level.dilemma is not None
    values = {"trust": round(trust, 2)}
    if trust >= level.dilemma.advance_trust:
        return Outcome(
            kind="advance", season=season, reasons=(Reason(code="trust_built", values=values),)
        )
    if trust <= level.rules.trust.floor:
        below = {**values, "floor": level.rules.trust.floor}
        reason = Reason(code="trust_below_floor", values=below)
        return Outcome(kind="collapse", season=season, reasons=(reason,))
    rounds = {**values, "rounds": level.rules.end.season_limit}
    reason = Reason(code="rounds_played", values=rounds)
    return Outcome(kind="stagnation", season=season, reasons=(reason,))
