"""How a game ends, and why: advance, collapse or stagnation (GAME_DESIGN, "The cluster")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from game.engine.cluster import gaps_to_phase
from game.engine.level import Level
from game.engine.state import GameState
from game.engine.trust import alliance_trust

OutcomeKind = Literal["advance", "collapse", "stagnation"]


@dataclass(frozen=True, slots=True)
class Reason:
    """One cause of the ending; ``code`` picks the sentence, ``values`` fill it in."""

    code: str
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
            Reason("too_few_members", {"members": len(members), "min": end.min_members})
        )
    elif trust < level.rules.trust.floor:
        collapse.append(
            Reason(
                "trust_below_floor", {"trust": round(trust, 2), "floor": level.rules.trust.floor}
            )
        )
    if state.fund < 0.0:
        collapse.append(Reason("fund_bankrupt", {"fund": round(state.fund, 1)}))
    if seasons_below >= end.hold_seasons:
        gaps = gaps_to_phase(state.dimensions, level.rules.phase_thresholds, level.start_phase)
        collapse.append(
            Reason("phase_fell", {"phase": state.phase, **{f"gap_{d}": g for d, g in gaps.items()}})
        )
    if collapse:
        return Outcome("collapse", state.season, tuple(collapse))
    target = level.start_phase + 1
    if state.seasons_at_next_phase >= end.hold_seasons:
        return Outcome("advance", state.season, (Reason("phase_reached", {"phase": target}),))
    if state.season >= end.season_limit:
        gaps = gaps_to_phase(state.dimensions, level.rules.phase_thresholds, target)
        reasons = [Reason("season_limit", {"limit": end.season_limit})]
        reasons += [Reason("dimension_short", {"dimension": d, "gap": g}) for d, g in gaps.items()]
        if not gaps:  # the phase was reached at the very end, but not held long enough
            held = {"held": state.seasons_at_next_phase, "hold": end.hold_seasons}
            reasons.append(Reason("phase_not_held", held))
        return Outcome("stagnation", state.season, tuple(reasons))
    return None


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
        return Outcome("advance", season, (Reason("trust_built", values),))
    if trust <= level.rules.trust.floor:
        below = {**values, "floor": level.rules.trust.floor}
        return Outcome("collapse", season, (Reason("trust_below_floor", below),))
    rounds = {**values, "rounds": level.rules.end.season_limit}
    return Outcome("stagnation", season, (Reason("rounds_played", rounds),))
