"""What a season leaves behind: the full report (hidden state included, for replays and the
debrief) and the public record every firm may read."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.ledger import Entry
from game.engine.state import Decision, InvestTarget

ORDER_STATUSES = (
    "accepted",
    "cancelled_short",
    "cancelled_uneven",
    "cancelled_low_quality",
    "no_order",
)
CANCELLED_STATUSES = tuple(s for s in ORDER_STATUSES if s.startswith("cancelled_"))
"""The verdicts of an order that reached the client and came back."""
LEFT_REASONS = ("expelled", "bankrupt")
"""Why a firm left the table: the values of a report's ``left``."""
SHORTFALLS = ("capacity", "quality")
"""The entry conditions an applicant may fall short of (an :class:`Applicant`'s ``shortfalls``)."""
BREACHES = ("por_fuera", "faulty_lot", "unpaid_dues")
"""What a :class:`Penalty` punishes: selling por fuera, a faulty lot traced to its maker, dues
left unpaid."""


@dataclass(frozen=True, slots=True)
class Delivery:
    lots: float
    subcontracted: float
    quality: float
    faulty: bool = False  # a mistake (treatment): the client rejected the lot


@dataclass(frozen=True, slots=True)
class Penalty:
    fine: float
    offence: int  # 1 for a first offence, 2 for a repeat…
    expelled: bool
    informal_sanction: float
    owed: float  # value at the joint price of the order share the offender owed this season
    breach: str = "por_fuera"  # or "faulty_lot" (traced to its maker) or "unpaid_dues"
    excused: bool = False  # excuses accepted: it did not count toward escalation or expulsion
    unpaid: float = 0.0  # the part of ``fine`` the firm could not pay this season: it owes it


@dataclass(frozen=True, slots=True)
class Applicant:
    """A firm of the cluster that asked to join after the season (open membership, 000 III).

    ``shortfalls`` names the entry conditions it did not meet ("capacity", "quality"); it
    joined, as firm ``firm_id``, when there were none."""

    name: str
    capacity: float
    quality: float
    shortfalls: tuple[str, ...]
    firm_id: int | None
    fee: float

    @property
    def joined(self) -> bool:
        return self.firm_id is not None


@dataclass(frozen=True, slots=True)
class SeasonReport:
    """Everything that happened in one season, including what firms could not see."""

    season: int
    event: str
    decisions: dict[int, Decision]
    order_status: str
    lots_promised: float
    lots_delivered: float
    quality_spread: float
    mean_quality: float
    deliveries: dict[int, Delivery]
    faulty_lots: tuple[int, ...]
    faulty_cost_shared: bool
    detection_chance: float
    detected: tuple[int, ...]
    penalties: dict[int, Penalty]
    left: dict[int, str]  # firm -> "expelled" / "bankrupt"
    trust_before: float
    trust_after: float  # at the season's end, a newcomer who joined then counted in
    dimensions_before: dict[str, float]
    dimension_changes: dict[str, float]
    phase: int
    capital_change: dict[int, float]
    fund_change: float
    ledger: tuple[Entry, ...]
    payoffs: dict[int, float] = field(default_factory=dict)
    seen: tuple[int, ...] = ()
    """Defectors every firm knows of: the detected ones, or all of them with public visibility."""
    mistakes: tuple[int, ...] = ()
    """Cooperating firms whose lot came out faulty without anyone meaning it (in the tutorial,
    whose cooperation came out as a defection)."""
    population_before: dict[str, float] = field(default_factory=dict)
    population: dict[str, float] = field(default_factory=dict)
    """The cluster's population before and after the season (game.engine.population), empty in the
    tutorial: how many firms work in associations, and how they see the consortium."""
    applicant: Applicant | None = None
    """A firm that applied to join once the season was over (open membership only)."""


@dataclass(frozen=True, slots=True)
class PublicRecord:
    """The part of a season every firm sees: outcomes, not hidden decisions."""

    season: int
    event: str
    order_status: str
    fill: float
    quality_spread: float
    detected: tuple[int, ...]
    penalties: dict[int, Penalty]
    left: dict[int, str]
    investments: dict[int, InvestTarget]  # announced in advance, so public
    revealed: dict[int, str]  # actions everyone saw (all of them in the tutorial)
    alliance_trust: float
    dimensions: dict[str, float]
    phase: int
    capital: dict[int, float]
    reputation: dict[int, float]
    fund: float


@dataclass(frozen=True, slots=True)
class OwnResult:
    """A firm's memory of its own past seasons (the game keeps them for its later views)."""

    season: int
    decision: Decision
    capital_change: float
    detected: bool
