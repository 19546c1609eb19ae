"""What a firm may know: its own state, its own offer, and public outcomes.

Decision makers (people at the screen and computer-run firms alike) receive a :class:`FirmView`
and nothing else, so none of them can read another firm's offer or undetected decision.

A firm's view and its :class:`OwnFirm` are that firm's own copies, built fresh each season and
dropped when it ends, so they are plain slotted classes: what they share with the engine (the
public history, the offers the engine pays from, the firm's past results) is frozen. A view is
still not to be changed: every caller in a season (a personality, the season screen) gets the
same object.

From the second season on, the other firms' capital and reputation are in the public record
(``history``), as they stood at the end of each season; a view does not copy them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.contract import ContractTerms
from game.engine.events import EventCard
from game.engine.reports import OwnResult, PublicRecord
from game.engine.state import JointOrder, OutsideOffer


@dataclass(slots=True)
class OwnFirm:
    """The firm's own state as the season began (a copy of the engine's firm)."""

    id: int
    name: str
    capital: float
    capacity: float
    quality: float
    quality_spread: float
    technology: float
    reputation: float
    offences: int  # breaches sanctioned, excused ones included
    member: bool
    excused: int = 0  # of those, breaches excused (they never count toward expulsion)
    fine_owed: float = 0.0  # fines still to pay to the fund, in instalments

    @property
    def counted_offences(self) -> int:
        """The breaches that count toward a higher fine and expulsion."""
        return self.offences - self.excused


@dataclass(slots=True)
class FirmView:
    level_id: str
    is_dilemma: bool
    season: int
    season_limit: int | None  # None when the facilitator keeps the last season secret
    me: OwnFirm
    offer: OutsideOffer
    order: JointOrder
    event: EventCard
    market_price: float
    unit_cost: float
    investment_cost: float
    terms: ContractTerms
    members: tuple[int, ...]  # the current members' ids, in seating order
    my_trust: dict[int, float]
    alliance_trust: float
    detection_chance: float
    dimensions: dict[str, float]
    phase: int
    history: tuple[PublicRecord, ...]
    my_results: tuple[OwnResult, ...]
    penalty_severity: float = 1.0  # the facilitator's multiplier on the contract's fines

    @property
    def last(self) -> PublicRecord | None:
        return self.history[-1] if self.history else None
