"""The numbers the engine plays by, as typed, bounded dataclasses.

Why dataclasses with metadata: every number lives in data (``levels/rules_defaults.yaml`` and
each level's ``rules:`` overrides), yet the engine wants typed attribute access. Each field
carries its bounds and a one-line meaning, so the level checker and ``levels/README.md`` are
derived from this single definition instead of repeating it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

DIMENSIONS: tuple[str, ...] = (
    "productive_relations",
    "technology",
    "demand",
    "institutions",
    "productivity",
    "cooperative_competition",
    "entry_of_agents",
)
"""The seven dimensions of Cuadro 2 (004, chapter 1.2.4), each on a 0-100 scale."""

PHASES: tuple[int, ...] = (1, 2, 3, 4)
PHASE_NAMES: dict[int, str] = {1: "I", 2: "II", 3: "III", 4: "IV"}


MONEY_MAX = 100_000.0
"""The largest sum of money (S/ mil) a rules field may hold, a hundred million soles: far beyond
any MYPE, and small enough that every sum a game adds up stays a finite number."""


def param(low: float | None, high: float | None, doc: str, *, integer: bool = False) -> Any:
    """A required rules field with bounds and a meaning (read by the checker and the docs)."""
    return field(metadata={"low": low, "high": high, "doc": doc, "integer": integer})


def choice(options: tuple[str, ...], doc: str) -> Any:
    """A required rules field that names one of ``options`` (checked and documented as such)."""
    return field(
        metadata={"low": None, "high": None, "doc": doc, "integer": False, "choices": options}
    )


def flag(doc: str) -> Any:
    """A required rules field that is true or false."""
    return field(metadata={"low": None, "high": None, "doc": doc, "integer": False, "flag": True})


def check_field(f: Any, value: Any) -> Any:
    """``value`` checked against one field's metadata; raises ``ValueError`` saying why.

    For values set outside a level file (a facilitator's treatment switches), which the level
    checker never sees."""
    meta = f.metadata
    if "choices" in meta:
        if value not in meta["choices"]:
            raise ValueError(f"{f.name} must be one of {', '.join(meta['choices'])}, not {value!r}")
        return value
    if "flag" in meta:
        if not isinstance(value, bool):
            raise ValueError(f"{f.name} must be true or false, not {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValueError(f"{f.name} must be a number, not {value!r}")
    low, high = meta["low"], meta["high"]
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{f.name} must lie between {low} and {high}, not {value}")
    return int(value) if meta["integer"] else float(value)


@dataclass(frozen=True, slots=True)
class TrustRules:
    gain_per_kept_promise: float = param(
        0, 1, "share of the remaining distance to full trust gained toward a firm that delivered"
    )
    loss_detected: float = param(0, 1, "share of trust lost toward a firm caught selling por fuera")
    suspicion_per_shortfall: float = param(
        0,
        1,
        "trust lost by everyone toward everyone, times the share of the order left undelivered",
    )
    loss_cancelled_order: float = param(0, 1, "trust lost by everyone when the client cancels")
    dispute_loss: float = param(
        0, 1, "extra trust lost in a season with a dispute, unless arbitration settles it"
    )
    loss_unsanctioned_breach: float = param(
        0,
        1,
        "trust lost by everyone toward everyone when a breach is detected and nothing was "
        "agreed to sanction it (no fines, no informal sanctions)",
    )
    floor: float = param(0, 1, "alliance trust below which the alliance dissolves")
    volume_at_zero_trust: float = param(
        0, 1, "share of the possible joint order the client still places when trust is zero"
    )
    coordination_cost_at_zero_trust: float = param(
        0, MONEY_MAX, "extra cost per lot of coordinating the consortium when trust is zero"
    )


@dataclass(frozen=True, slots=True)
class DetectionRules:
    two_firm_chance: float = param(0, 1, "chance of detecting a defection in a group of two")
    size_elasticity: float = param(
        0, 5, "how fast detection falls with group size: chance x (2/n)^elasticity"
    )
    institutions_weight: float = param(
        0, 1, "detection added at institutions = 100 (scaled by the institutions dimension)"
    )
    max_chance: float = param(0, 1, "ceiling on the detection chance")


@dataclass(frozen=True, slots=True)
class MarketRules:
    joint_price: float = param(0, MONEY_MAX, "price per lot the consortium's client pays")
    market_price: float = param(
        0, MONEY_MAX, "price per lot a firm gets selling alone on the market"
    )
    unit_cost: float = param(0, MONEY_MAX, "cost of inputs per lot for a firm buying alone")
    scale_discount_per_member: float = param(
        0, 1, "input cost saved per cooperating member through joint purchasing"
    )
    scale_limit: int = param(
        1, 50, "members beyond which joint purchasing saves no more", integer=True
    )
    diseconomy_per_member: float = param(
        0, MONEY_MAX, "coordination cost per lot added for each cooperating member beyond the limit"
    )
    outside_premium: tuple[float, float] = param(
        0, 5, "range of the premium over the joint price in a private outside offer"
    )
    order_fill: float = param(0, 5, "joint order volume as a share of the members' capacity")
    min_fill: float = param(0, 1, "share of the order the client must receive or it cancels")
    subcontract_cost: float = param(
        0, MONEY_MAX, "extra cost per lot subcontracted beyond capacity"
    )
    subcontract_spread: float = param(0, 1, "extra quality spread of a lot that was subcontracted")
    salvage_share: float = param(0, 1, "share of the market price recovered for a cancelled lot")
    cancellation_penalty: float = param(
        0, 1, "share of the order's value the consortium owes the client when it cancels"
    )
    faulty_claim: float = param(0, 5, "claim per faulty lot, as a share of the joint price")
    reputation_premium: float = param(
        0, 1, "how much of the outside premium depends on the firm's reputation"
    )
    client_growth: float = param(
        0,
        1,
        "how much the client's next order grows after one delivered in full (times "
        "2 x fill - 1: an order barely filled adds nothing)",
    )
    client_loss_cancelled: float = param(
        0, 1, "how much the client's next order shrinks after a cancellation"
    )
    client_orders: tuple[float, float] = param(
        0, 5, "range the client's orders move in, as a multiple of the first order"
    )


@dataclass(frozen=True, slots=True)
class QualityRules:
    min_quality: float = param(0, 1, "minimum quality of a lot in the joint order")
    tolerance: float = param(
        0, 1, "largest spread (standard deviation) of lot qualities the client accepts"
    )


@dataclass(frozen=True, slots=True)
class ReputationRules:
    gain_delivered: float = param(0, 1, "reputation gained by delivering an accepted order")
    loss_detected: float = param(0, 1, "reputation lost when caught selling por fuera")


@dataclass(frozen=True, slots=True)
class InvestmentRules:
    cost: float = param(0, MONEY_MAX, "capital spent by a firm that invests for one season")
    capacity_used: float = param(
        0, 1, "share of its capacity an investing firm devotes to the upgrade that season"
    )
    quality_gain: float = param(0, 1, "quality gained by investing in quality")
    spread_cut: float = param(0, 1, "quality spread removed by investing in quality")
    technology_gain: float = param(0, 1, "firm technology gained by investing in technology")
    capacity_gain: float = param(0, 1, "share of capacity gained by investing in technology")
    brand_price_gain: float = param(0, 1, "joint price rise for all from one brand investment")
    institutions_detection_gain: float = param(
        0, 1, "detection added for all by one investment in the institutions"
    )
    brand_demand_gain: float = param(
        0, 100, "points of the cluster's demand one brand investment gains, over the group size"
    )


@dataclass(frozen=True, slots=True)
class PopulationRules:
    """How the cluster's population moves (game.engine.population): the demonstration effect
    (004 4.5, 000 conclusions), the guilds (004 4.7) and the institutions (004 5.1)."""

    example_memory: float = param(
        0, 1, "weight of this season's visible result in how the cluster sees the consortium"
    )
    visibility: float = param(
        0, 1, "share of the cluster's firms that see the consortium's work for themselves"
    )
    copy_rate: float = param(
        0, 20, "firms that join associations per season, per firm that sees a full success"
    )
    defection_weight: float = param(
        0,
        8,
        "kept promises whose example one sale por fuera spoils (the cluster's buyers take part "
        "in it, so the market knows)",
    )
    put_off_rate: float = param(
        0, 1, "share of associated firms that give up per season after a full failure"
    )
    unity_per_association: float = param(
        0, 10, "guild unity gained (or lost) per share of the cluster that joins (or leaves)"
    )
    guilds_per_association: float = param(
        0, 10, "strength the guilds gain per share of the cluster that joins associations"
    )
    guilds_per_investment: float = param(
        0, 1, "strength the guilds gain from one member's investment in the institutions"
    )
    services_per_investment: float = param(
        0, 1, "technical services (CITE-like) gained from one investment in the institutions"
    )
    guilds_per_formal_term: float = param(
        0, 1, "strength the guilds gain per formal contract term of a consortium seen to succeed"
    )


@dataclass(frozen=True, slots=True)
class DimensionRules:
    """How the seven dimensions move with the cluster's population each season (points on the
    0-100 scale; "the whole cluster" means a change of 1.0 in its associated share)."""

    relations_per_association: float = param(
        0, 500, "productive relations gained if the whole cluster joined associations"
    )
    cooperation_per_association: float = param(
        0, 500, "cooperative competition gained if the whole cluster joined associations"
    )
    technology_learning: float = param(
        0, 500, "technology learned a season if the whole cluster worked jointly"
    )
    technology_per_services: float = param(
        0, 500, "technology gained per unit of technical services gained"
    )
    demand_per_joint_action: float = param(
        0, 500, "demand gained a season if the whole cluster worked jointly (lost if it left)"
    )
    institutions_per_support: float = param(
        0, 500, "institutions gained per unit of institutional support (guilds, state, services)"
    )
    productivity_per_joint_action: float = param(
        0, 500, "productivity gained a season if the whole cluster worked jointly"
    )
    productivity_per_technology: float = param(
        0, 10, "productivity gained per point of technology gained"
    )
    entry_per_joint_action: float = param(
        0, 500, "entry of new agents a season if the whole cluster worked jointly"
    )


@dataclass(frozen=True, slots=True)
class MembershipRules:
    """Who may join the consortium during a game when its membership is open with conditions
    (000 III, Términos de la membresía): firms of the cluster apply when they see it deliver,
    and the entry conditions, defined precisely in advance, say which of them may join."""

    apply_chance: float = param(
        0,
        1,
        "chance that a firm of the cluster applies after a season in which the consortium "
        "delivered its order (the demonstration effect, 004 chapter 4); at most one a season",
    )
    entry_capacity: float = param(
        0,
        2,
        "the entry condition on what an applicant brings: its capacity at least this share of "
        "the level's typical firm's (000 III: a set number of boats, hectares or kilograms)",
    )
    entry_fee: float = param(
        0,
        MONEY_MAX,
        "what a newcomer pays into the common fund on joining: its share of what the founders "
        "paid at signing",
    )
    newcomer_trust: float = param(
        0, 1, "the trust between a newcomer and each member when it joins (they barely know it)"
    )


@dataclass(frozen=True, slots=True)
class EndRules:
    season_limit: int = param(
        1,
        200,
        "the game's horizon in seasons (each a year of campaigns): it ends in stagnation there, "
        "and a game that ends sooner is played out to it",
        integer=True,
    )
    min_members: int = param(2, 8, "members below which the alliance dissolves", integer=True)
    hold_seasons: int = param(
        1, 20, "seasons the next phase's thresholds must hold to count as an advance", integer=True
    )


@dataclass(frozen=True, slots=True)
class FundRules:
    dues_per_season: float = param(0, MONEY_MAX, "each member's contribution to the common fund")
    starting_fund: float = param(0, MONEY_MAX, "what each member pays into the fund when signing")
    lost_on_collapse: float = param(
        0,
        1,
        "share of the common fund a collapse consumes (the abandoned order's claims, the "
        "disputes of dissolving) before the rest is shared out",
    )
    fine_instalment: float = param(
        0,
        1,
        "share of what a fined member began the season with that its fine may take, beyond all "
        "it earned that season; the rest is owed, not a bankruptcy, and the fund takes this "
        "share of what the member holds at the start of each later season until it is paid",
    )


VISIBILITIES: tuple[str, ...] = ("detected", "public")
"""How visible a defection is: ``detected`` (only the defections the consortium detects are
known, the engine's base behaviour) or ``public`` (every defection is seen by all)."""


@dataclass(frozen=True, slots=True)
class Treatments:
    """Switches a facilitator sets before a game (issue 4) and the debrief shows.

    The level gives the defaults (``rules.treatments``); a game may override them one by one
    (:meth:`with_overrides`), and the game's record keeps them so replays and saves do too.
    """

    visibility: str = choice(
        VISIBILITIES,
        "detected: each firm learns only of the defections the consortium detects; "
        "public: every defection is seen by all (trust and what every firm sees)",
    )
    mistake_rate: float = param(
        0,
        0.5,
        "share of a cooperating firm's lots that come out faulty without anyone meaning it "
        "(the client rejects them); 0 = no mistakes",
    )
    penalty_severity: float = param(0, 5, "multiplies the contract's fines (1 = as signed)")
    announce_last_season: bool = flag(
        "true: players see the season limit; false: only the facilitator knows the last season"
    )

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def with_overrides(self, overrides: Mapping[str, Any] | None) -> Treatments:
        """These treatments with some switches changed; raises ``ValueError`` for an unknown
        switch or a value out of its bounds."""
        if not overrides:
            return self
        known = {f.name: f for f in fields(self)}
        values = self.to_json()
        for name, value in overrides.items():
            if name not in known:
                raise ValueError(f"unknown treatment '{name}' (known: {', '.join(known)})")
            values[name] = check_field(known[name], value)
        return Treatments(**values)


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything numeric a cluster level plays by (defaults merged with the level's overrides)."""

    trust: TrustRules
    detection: DetectionRules
    market: MarketRules
    quality: QualityRules
    reputation: ReputationRules
    investment: InvestmentRules
    population: PopulationRules
    dimensions: DimensionRules
    membership: MembershipRules
    end: EndRules
    fund: FundRules
    treatments: Treatments
    phase_thresholds: dict[int, dict[str, float]]
    """Minimum of each dimension to be in phase 2, 3 and 4 (Cuadro 2)."""
    drift: dict[str, float]
    """Points each dimension moves by itself each season (El Porvenir's decline)."""


RULE_SECTIONS: dict[str, type] = {
    "trust": TrustRules,
    "detection": DetectionRules,
    "market": MarketRules,
    "quality": QualityRules,
    "reputation": ReputationRules,
    "investment": InvestmentRules,
    "population": PopulationRules,
    "dimensions": DimensionRules,
    "membership": MembershipRules,
    "end": EndRules,
    "fund": FundRules,
    "treatments": Treatments,
}


def section_from_dict(cls: type, values: dict[str, Any]) -> Any:
    """Build one rules section from an already validated mapping."""
    kwargs = {}
    for f in fields(cls):
        value = values[f.name]
        kwargs[f.name] = tuple(value) if isinstance(value, list) else value
    return cls(**kwargs)


def rules_from_dict(values: dict[str, Any]) -> Rules:
    """Build :class:`Rules` from a validated, merged mapping (see ``game.content``)."""
    sections = {name: section_from_dict(cls, values[name]) for name, cls in RULE_SECTIONS.items()}
    thresholds = {int(k): dict(v) for k, v in values["phase_thresholds"].items()}
    drift = {d: float(values.get("drift", {}).get(d, 0.0)) for d in DIMENSIONS}
    return Rules(**sections, phase_thresholds=thresholds, drift=drift)
