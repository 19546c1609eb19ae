"""The cluster's seven dimensions and its phase (004, chapter 1.2.4 and Cuadro 2)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from game.engine.population import PopulationChange
from game.engine.rules import DIMENSIONS, Rules


@dataclass(frozen=True, slots=True)
class DimensionSense:
    """A dimension that is not simply "more is better" in one cluster (a level's
    ``dimension_sense``). The study says so of several cases (tests/data/study,
    ``not_more_is_better``): in Chimbote's overexploited fishery more entrants threaten the
    stock (004 3.1.2); in Bambamarca the artisanal technique is the asset, not a weakness to
    modernise away (004 3.2.2).

    ``ceiling``: up to ``at`` more is better; beyond it, every point more reads as a point less
    (a value of ``at + 10`` reads as ``at - 10``). ``not_sought``: the cluster does not seek it,
    so it counts neither for nor against the phase (it still cannot give phase IV its own
    technology)."""

    kind: Literal["ceiling", "not_sought"]
    at: float = 0.0
    source: str = ""

    def read_value(self, value: float) -> float | None:
        """The value the phase reading uses (None: left out of the reading)."""
        if self.kind == "not_sought":
            return None
        return value if value <= self.at else max(2.0 * self.at - value, 0.0)


Senses = Mapping[str, DimensionSense]
NO_SENSES: Senses = {}


def compute_phase(
    dimensions: Mapping[str, float],
    thresholds: Mapping[int, Mapping[str, float]],
    senses: Senses = NO_SENSES,
) -> int:
    """The cluster's phase, read as a whole (:func:`phase_of_profile`) from the phase each of
    its dimensions reads as (:func:`dimension_readings`)."""
    return phase_of_profile(dimension_readings(dimensions, thresholds, senses))


def describe_profile(
    dimensions: Mapping[str, float],
    thresholds: Mapping[int, Mapping[str, float]],
    senses: Senses = NO_SENSES,
) -> str:
    """Each dimension's level and the phase it reads as, core dimensions first, and the phase
    the whole profile gives: what ``check-level`` prints, in English, for a level's author."""
    from game.engine.rules import PHASE_NAMES

    readings = dimension_readings(dimensions, thresholds, senses)

    def one(d: str) -> str:
        reading = readings[d]
        if reading is None:
            return f"{d} not sought ({dimensions[d]:g})"
        ceiling = f", ceiling {senses[d].at:g}" if d in senses else ""
        return f"{d} {PHASE_NAMES[reading]} ({dimensions[d]:g}{ceiling})"

    def listed(dims: tuple[str, ...]) -> str:
        return ", ".join(one(d) for d in dims)

    phase = PHASE_NAMES[phase_of_profile(readings)]
    return (
        f"phase {phase} read as a whole; core: {listed(CORE_DIMENSIONS)}; "
        f"mature: {listed(MATURE_DIMENSIONS)}"
    )


def dimension_readings(
    dimensions: Mapping[str, float],
    thresholds: Mapping[int, Mapping[str, float]],
    senses: Senses = NO_SENSES,
) -> dict[str, int | None]:
    """The Cuadro 2 phase (1-4) each dimension's level fits: the highest phase whose minimum
    it meets, together with every lower phase's; None for a dimension the cluster does not
    seek (:class:`DimensionSense`). A phase that lists no minimum for a dimension sets none:
    Cuadro 2 describes the three mature dimensions only from phase III on, so below III's
    minimum they read as II."""
    ladder = [(phase, thresholds.get(phase, {})) for phase in (2, 3, 4)]
    readings: dict[str, int | None] = {}
    for dim in DIMENSIONS:
        value: float | None = dimensions[dim]
        if dim in senses:
            value = senses[dim].read_value(dimensions[dim])
        if value is None:
            readings[dim] = None
            continue
        reading = 1
        for phase, minimums in ladder:
            minimum = minimums.get(dim)
            if minimum is not None and value < minimum:
                break
            reading = phase
        readings[dim] = reading
    return readings


def gaps_to_phase(
    dimensions: Mapping[str, float],
    thresholds: Mapping[int, Mapping[str, float]],
    phase: int,
    senses: Senses = NO_SENSES,
) -> dict[str, float]:
    """Points each dimension still lacks to meet ``phase`` (only those that fall short, read
    as :func:`dimension_readings` reads them; a dimension not sought lacks nothing)."""
    gaps = {}
    for d, minimum in thresholds.get(phase, {}).items():
        value = senses[d].read_value(dimensions[d]) if d in senses else dimensions[d]
        if value is not None and value < minimum:
            gaps[d] = round(minimum - value, 1)
    return gaps


def clamp_dimension(value: float) -> float:
    return 0.0 if value < 0.0 else (100.0 if value > 100.0 else value)


def move_dimensions(
    dimensions: dict[str, float],
    rules: Rules,
    *,
    population: PopulationChange,
    brand_investments: int,
    members: int,
    entry_per_season: float,
    event_shift: Mapping[str, float],
) -> dict[str, float]:
    """Move the seven dimensions for one season and return the change of each.

    The dimensions follow the whole cluster's population (game.engine.population), not the
    consortium's own seasons: relations and cooperative competition grow as firms join
    associations and fall as they leave; technology, productivity, demand and the entry of
    agents grow with the joint work of the associated firms; institutions with what the guilds,
    the state and the technical services offer. Joint action is the catalyst (004 5.1), so the
    consortium moves the cluster through the example it gives, not by its own weight alone.
    """
    d = rules.dimensions
    joined = population.associated
    joint = population.joint_action
    working = max(joint, 0.0)
    delta = {dim: rules.drift[dim] + event_shift.get(dim, 0.0) for dim in DIMENSIONS}
    delta["productive_relations"] += d.relations_per_association * joined
    delta["cooperative_competition"] += d.cooperation_per_association * joined
    delta["technology"] += (
        d.technology_learning * working + d.technology_per_services * population.services
    )
    delta["demand"] += d.demand_per_joint_action * joint + (
        rules.investment.brand_demand_gain * brand_investments / max(members, 1)
    )
    delta["institutions"] += d.institutions_per_support * population.institutions
    delta["productivity"] += d.productivity_per_joint_action * working + (
        d.productivity_per_technology * max(delta["technology"], 0.0)
    )
    delta["entry_of_agents"] += entry_per_season + d.entry_per_joint_action * working
    for dim in DIMENSIONS:
        before = dimensions[dim]
        dimensions[dim] = clamp_dimension(before + delta[dim])
        delta[dim] = dimensions[dim] - before
    return delta


CORE_DIMENSIONS: tuple[str, ...] = (
    "productive_relations",
    "technology",
    "demand",
    "institutions",
)
"""The four dimensions Cuadro 2 (004 1.2.4) describes for every phase."""

MATURE_DIMENSIONS: tuple[str, ...] = (
    "productivity",
    "cooperative_competition",
    "entry_of_agents",
)
"""The three dimensions Cuadro 2 describes only for phase IV: its footnote says they exist
earlier but do not yet matter in a cluster's formative phases."""


def phase_of_profile(readings: Mapping[str, int | None]) -> int:
    """The cluster's phase from the phase each dimension reads as (1-4, None when unknown).

    The study places a case as a whole, not by its weakest dimension: it keeps Gamarra in
    phase III while calling its institutions chaotic (004 3.3.1). The rule, checked against
    the 21 cases of chapters 2 and 3 (``tests/data/study/``):

    1. the cluster is in the highest phase that most core dimensions reach; when exactly half
       reach it, productive relations decide, since the study places a cluster by how far its
       agents interact (004 5.1);
    2. phase IV also needs the cluster's own technology (innovation is that phase's strength,
       004 1.2.4) and the three mature dimensions clearly present (at least phase III's level),
       or it stays in III;
    3. below III, institutions already at the next phase together with some joint action
       (cooperative competition at II or more) lift the cluster one phase: institutions come
       first and joint action is the catalyst (004 5.1). The lift never gives phase IV.
    """
    core = [readings[d] for d in CORE_DIMENSIONS if readings.get(d) is not None]
    relations = readings.get("productive_relations") or 0
    phase = 1
    for candidate in (2, 3, 4):
        reach = sum(1 for value in core if value >= candidate)
        if 2 * reach > len(core) or (2 * reach == len(core) and relations >= candidate):
            phase = candidate
    if phase == 4:
        mature = [readings[d] for d in MATURE_DIMENSIONS if readings.get(d) is not None]
        if readings.get("technology") != 4 or any(value < 3 for value in mature):
            phase = 3
    institutions = readings.get("institutions")
    joint_action = readings.get("cooperative_competition") or 0
    if phase < 3 and institutions is not None and institutions > phase and joint_action >= 2:
        phase += 1
    return phase
