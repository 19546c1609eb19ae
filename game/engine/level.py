"""A level: one cluster (or the tutorial dilemma) as the engine needs it.

Built by ``game.content`` from a validated YAML file; the engine never reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from game.engine.cluster import DimensionSense
from game.engine.contract import ContractCondition
from game.engine.events import EventCard
from game.engine.population import Population
from game.engine.rules import Rules

Bilingual = dict[str, str]

NO_POPULATION = Population(
    firms=0, associated=0.0, guild_unity=0.0, guilds=0.0, state=0.0, services=0.0
)


@dataclass(frozen=True, slots=True)
class FirmTemplate:
    """What a typical firm of the cluster starts with; each firm varies around it."""

    capital: float
    capacity: float
    quality: float
    quality_spread: float
    technology: float
    reputation: float


@dataclass(frozen=True, slots=True)
class InformalSanctions:
    """Punishments and rewards the social network applies by itself (El Porvenir, 004 3.3.2:
    producers who broke faith with their neighbours never again got credit in the district).

    A firm caught in a breach loses ``credit_cut`` at once and its informal credit for good:
    from then on every lot it makes costs ``input_surcharge`` more (inputs bought cash, on worse
    terms), to the horizon. A firm that keeps its promise gains ``reputation_gain`` in the
    network on top of the market's."""

    enabled: bool
    credit_cut: float
    detection_bonus: float
    reputation_loss: float
    input_surcharge: float = 0.0
    reputation_gain: float = 0.0


@dataclass(frozen=True, slots=True)
class DilemmaRules:
    """The tutorial: a fixed payoff table, every defection visible (classic iterated PD)."""

    reward: float
    temptation: float
    sucker: float
    punishment: float
    advance_trust: float


@dataclass(frozen=True, slots=True)
class ExpectedRates:
    """What the level promises under the reference policies (tests hold the engine to it)."""

    all_cooperate_advance_min: float
    all_defect_collapse_min: float


@dataclass(frozen=True, slots=True)
class FirmCount:
    default: int
    min: int
    max: int


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    kind: Literal["cluster", "dilemma"]
    name: Bilingual
    place: Bilingual
    makes: Bilingual
    description: Bilingual
    holds_back: Bilingual
    sources: tuple[str, ...]
    difficulty: int
    firms: FirmCount
    firm_names: tuple[str, ...]
    start_phase: int
    start_trust: float
    start_dimensions: dict[str, float]
    firm_template: FirmTemplate
    firm_variation: float
    informal_sanctions: InformalSanctions
    rules: Rules
    contract: dict[str, ContractCondition]
    default_contract: dict[str, str]
    reference_contract: dict[str, str]
    no_rules_contract: dict[str, str]
    events: tuple[EventCard, ...]
    expected: ExpectedRates
    dilemma: DilemmaRules | None = None
    start_population: Population = field(default_factory=lambda: NO_POPULATION.copy())
    """The cluster's thousands of firms as the game starts (never changed: each game plays a
    copy); the tutorial's dilemma has none to speak of."""
    dimension_sense: dict[str, DimensionSense] = field(default_factory=dict)
    """Dimensions that are not simply "more is better" in this cluster (a ceiling, or not
    sought): how the phase reading takes them (game.engine.cluster.DimensionSense)."""
    path: str = ""
    deepen: tuple[str, ...] = ()
    """A phase-IV level's goal (there is no phase above IV to reach): hold the phase and bring
    these dimensions, weak in the case the study describes, up to phase IV as well. Empty for
    the other levels, whose goal is the next phase."""

    @property
    def is_dilemma(self) -> bool:
        """Whether the level is the tutorial's dilemma rather than a cluster."""
        return self.kind == "dilemma"
