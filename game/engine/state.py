"""The game's mutable state and the small value types a season passes around."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from game.engine.contract import ContractTerms
from game.engine.events import EventCard
from game.engine.population import Population


class Action(StrEnum):
    """The three secret decisions of a season."""

    COOPERATE = "cooperate"
    DEFECT = "defect"  # negotiate "por fuera"
    INVEST = "invest"


ACTION_NAMES: dict[Action, str] = {action: action.value for action in Action}
"""How the public record names each action ("cooperate", "defect", "invest"): the words a
record, a save and an export write, whatever the enum is called in the code."""

COOPERATING, DEFECTING, INVESTING = Action.COOPERATE, Action.DEFECT, Action.INVEST
"""The actions themselves (not decisions): what a firm did, as the season's loops and the
personalities' memories compare it, kept apart from the :data:`COOPERATE` and :data:`DEFECT`
decisions a firm hands in."""


class InvestTarget(StrEnum):
    """What an investment builds: two own goods and two common goods."""

    QUALITY = "quality"
    TECHNOLOGY = "technology"
    BRAND = "brand"  # common good: the collective brand raises the joint price for all
    INSTITUTIONS = "institutions"  # common good: guild, traceability, arbitration, CITE


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    target: InvestTarget | None = None

    def __post_init__(self) -> None:
        if (self.action is Action.INVEST) != (self.target is not None):
            raise ValueError("an investment needs a target, and only an investment has one")

    def to_json(self) -> dict[str, str]:
        data = {"action": self.action.value}
        if self.target is not None:
            data["target"] = self.target.value
        return data

    @staticmethod
    def from_json(data: dict[str, str]) -> Decision:
        target = data.get("target")
        return Decision(
            action=Action(data["action"]), target=InvestTarget(target) if target else None
        )


COOPERATE = Decision(Action.COOPERATE)
DEFECT = Decision(Action.DEFECT)
_INVESTMENTS = {target: Decision(action=Action.INVEST, target=target) for target in InvestTarget}
"""One decision per investment target, made once: decisions are values."""


def invest(target: InvestTarget | str) -> Decision:
    return _INVESTMENTS[InvestTarget(target)]


@dataclass(slots=True)
class Firm:
    id: int
    name: str
    capital: float
    capacity: float
    quality: float
    quality_spread: float
    technology: float
    reputation: float
    member: bool = True
    left_reason: str | None = None  # "expelled" or "bankrupt"
    offences: int = 0  # breaches sanctioned (a detected sale por fuera, a traced faulty lot...)
    excused: int = 0  # of those, breaches excused under a lenient commitment
    informal_credit: bool = True
    fine_owed: float = 0.0  # fines not yet paid: the fund takes them in instalments


def members_decisions(
    members: list[Firm], decisions: Mapping[int, Decision]
) -> dict[int, Decision]:
    """Each member's decision, in seating order (extra entries are ignored); ``ValueError``
    naming the members without one, before anything is drawn or paid."""
    try:
        return {f.id: decisions[f.id] for f in members}
    except KeyError:
        missing = [f.id for f in members if f.id not in decisions]
        raise ValueError(f"no decision for firm(s) {missing}") from None


@dataclass(frozen=True, slots=True)
class JointOrder:
    """The consortium's order this season, as every member sees it."""

    lots_per_member: float
    price: float
    min_quality: float
    tolerance: float
    force_majeure: bool


@dataclass(frozen=True, slots=True)
class OutsideOffer:
    """A private offer to buy a firm's share of the order "por fuera". Only that firm sees it.

    ``price`` is what the buyer offers while the consortium's price stands; if other members
    also sell por fuera the realised price falls toward the market price.
    """

    price: float
    lots: float


@dataclass(frozen=True, slots=True)
class SeasonSetup:
    season: int  # 1-based
    event: EventCard
    order: JointOrder
    offers: dict[int, OutsideOffer]
    market_price: float
    capacity_factor: float
    investment_cost: float


@dataclass(slots=True)
class GameState:
    seed: int
    firms: list[Firm]
    trust: list[list[float]]  # trust[i][j]: how much firm i trusts firm j
    fund: float
    terms: ContractTerms
    dimensions: dict[str, float]
    phase: int
    population: Population  # the cluster's thousands of firms around the consortium
    season: int = 0  # seasons completed
    brand_bonus: float = 0.0  # joint price rise built by brand investments
    institutions_bonus: float = 0.0  # detection built by institution investments
    seasons_at_next_phase: int = 0
    client_orders: float = 1.0  # the client's orders, as a multiple of its first one
    contract_signed: bool = False
    extra: dict[str, float] = field(default_factory=dict)

    def members(self) -> list[Firm]:
        return [f for f in self.firms if f.member]
