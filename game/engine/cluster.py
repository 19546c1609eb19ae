"""The cluster's seven dimensions and its phase (004, chapter 1.2.4 and Cuadro 2)."""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.rules import DIMENSIONS, Rules


def compute_phase(
    dimensions: Mapping[str, float], thresholds: Mapping[int, Mapping[str, float]]
) -> int:
    """The highest phase whose thresholds (and every lower phase's) the dimensions meet.

    Cuadro 2 characterises productivity, cooperative competition and the entry of new agents
    only for phase IV, so levels list those three only among phase 4's thresholds.
    """
    phase = 1
    for candidate in (2, 3, 4):
        for d, v in thresholds.get(candidate, {}).items():
            if dimensions[d] < v:
                return phase
        phase = candidate
    return phase


def gaps_to_phase(
    dimensions: Mapping[str, float], thresholds: Mapping[int, Mapping[str, float]], phase: int
) -> dict[str, float]:
    """Points each dimension still lacks to meet ``phase`` (only those that fall short)."""
    return {
        d: round(v - dimensions[d], 1)
        for d, v in thresholds.get(phase, {}).items()
        if dimensions[d] < v
    }


def clamp_dimension(value: float) -> float:
    return 0.0 if value < 0.0 else (100.0 if value > 100.0 else value)


def move_dimensions(
    dimensions: dict[str, float],
    rules: Rules,
    *,
    members: int,
    cooperators: int,
    defectors: int,
    detected: int,
    accepted: bool,
    cancelled: bool,
    investments: Mapping[str, int],
    formality: float,
    entry_per_season: float,
    event_shift: Mapping[str, float],
) -> dict[str, float]:
    """Move the seven dimensions for one season and return the change of each.

    Joint action is the catalyst (004, 5.1): relations and cooperative competition only grow
    when members deliver together, so no amount of solo investment advances the cluster.
    """
    d = rules.dimensions
    gain = rules.investment.dimension_gain
    n = max(members, 1)
    coop = cooperators / n
    defect = defectors / n
    done = 1.0 if accepted else 0.0
    delta = {dim: rules.drift[dim] + event_shift.get(dim, 0.0) for dim in DIMENSIONS}
    delta["productive_relations"] += (
        d.relations_per_cooperation * coop * (1.0 if accepted else d.relations_share_unaccepted)
        - d.relations_per_defection * defect
        - d.relations_per_detection * detected / n
    )
    delta["technology"] += (
        d.technology_learning * done * coop + gain * investments["technology"] / n
    )
    delta["demand"] += (
        d.demand_per_accepted_order * done * coop
        - d.demand_per_cancelled_order * (1.0 if cancelled else 0.0)
        + gain * investments["brand"] / n
    )
    delta["institutions"] += (
        d.institutions_per_formal_term * formality * coop + gain * investments["institutions"] / n
    )
    delta["productivity"] += (
        d.productivity_per_accepted_order * done * coop
        + d.productivity_per_technology * max(delta["technology"], 0.0)
        + gain * investments["quality"] / n
    )
    delta["cooperative_competition"] += (
        d.cooperation_per_season * coop * done - d.cooperation_per_defection * defect
    )
    delta["entry_of_agents"] += entry_per_season + d.entry_per_accepted_order * done
    for dim in DIMENSIONS:
        before = dimensions[dim]
        dimensions[dim] = clamp_dimension(before + delta[dim])
        delta[dim] = dimensions[dim] - before
    return delta
