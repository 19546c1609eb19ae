"""What each decision would pay this season, from what the deciding firm may know.

The decision screen shows, for each of the three choices, the money it would bring this season
if the joint order goes through and if it is cancelled, what a lot costs to make, the fine if
the firm is caught selling por fuera and the chance of being caught (issue 14, "the money is
legible"). Those figures are worked out here, from the firm's :class:`FirmView` and its level,
with the same arithmetic :func:`game.engine.season.resolve_season` applies, so a screen never
re-derives a rule. The tests hold the two together: for the decision a firm took and the outcome
that happened, the forecast equals what the season paid it.

Three things a forecast cannot know, by design:

* **The others' decisions.** The price por fuera falls when other members also sell outside,
  and a cooperator's unit cost depends on how many buy inputs together. A forecast assumes a
  number of other members deliver (all of them unless told otherwise), and says so.
* **The season's dice.** Whether a lot comes out below the minimum quality (and a client's claim
  for it), which lot a claim falls on, whose lot comes out faulty by mistake. Those claims are
  left out; a lot faulty by mistake is paid as in a cancelled order (sold off as salvage).
* **This season's investments in the institutions**, announced with the decisions: they raise
  the detection chance of the season they are made in, after the views were handed out. The
  chance shown is the one the season started with.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.contract import fine_due, fine_taken
from game.engine.level import Level
from game.engine.state import Action
from game.engine.views import FirmView


@dataclass(frozen=True, slots=True)
class ChoiceForecast:
    """What one decision pays this season (capital change, dues and the event's money in)."""

    action: Action
    if_accepted: float
    """The firm's capital change if the joint order is accepted (and the firm is not caught)."""
    if_cancelled: float
    """... if the client cancels the order (for a cooperator, its lots are sold off as salvage)."""
    cost_per_lot: float
    """What each lot this choice makes costs the firm (inputs, coordination, subcontracting)."""
    lots: float
    """Lots the choice sells: to the joint order, por fuera, or in the local market."""
    fine: float = 0.0
    """The contract's fine if the firm is caught (0: this choice breaches nothing)."""
    fine_now: float = 0.0
    """Of that fine, what the fund would take this season; the rest is owed (instalments)."""
    informal_sanction: float = 0.0
    """What the district's network takes at once from a firm caught (El Porvenir), else 0."""
    detection_chance: float = 0.0
    """The chance of being caught (0 for a choice nobody is caught at)."""

    @property
    def can_be_caught(self) -> bool:
        return self.action is Action.DEFECT

    @property
    def sanction(self) -> float:
        """Everything being caught costs this season: the part of the fine taken now and the
        network's credit cut."""
        return self.fine_now + self.informal_sanction

    def earnings(self, accepted: bool, caught: bool = False) -> float:
        """The capital change for an order accepted or not, caught or not."""
        earned = self.if_accepted if accepted else self.if_cancelled
        return earned - self.sanction if caught and self.can_be_caught else earned


@dataclass(frozen=True, slots=True)
class Forecast:
    """The three choices' figures for one firm and season."""

    cooperate: ChoiceForecast
    defect: ChoiceForecast
    invest: ChoiceForecast
    others_delivering: int
    """How many of the other members the figures assume deliver their share."""
    dues: float
    """Dues and the firm's share of the contract's costs, in every figure (0 if it cannot pay)."""
    fine_instalment: float = 0.0
    """What the fund takes this season of fines the firm still owes, in every figure."""

    def of(self, action: Action) -> ChoiceForecast:
        return {
            Action.COOPERATE: self.cooperate,
            Action.DEFECT: self.defect,
            Action.INVEST: self.invest,
        }[action]


def has_informal_credit(level: Level, view: FirmView) -> bool:
    """Whether the district's network still gives the firm credit: it cuts it for good at the
    first breach sanctioned that is not unpaid dues (004 3.3.2), which the public record holds."""
    if not level.informal_sanctions.enabled:
        return False
    me = view.me.id
    return not any(
        me in record.penalties and record.penalties[me].breach != "unpaid_dues"
        for record in view.history
    )


def forecast(level: Level, view: FirmView, others_delivering: int | None = None) -> Forecast:
    """What each choice pays ``view``'s firm this season, assuming ``others_delivering`` other
    members deliver their share of the order (every other member when None).

    ``ValueError`` for the tutorial, which has a points table instead of money, and for a firm
    that is no longer a member (it does not decide)."""
    if view.is_dilemma:
        raise ValueError(f"{level.id} pays by a points table, not by orders")
    if not view.me.member or view.me.id not in view.members:
        raise ValueError(f"firm {view.me.id} is not a member: it has nothing to decide")
    others = len(view.members) - 1
    delivering = others if others_delivering is None else others_delivering
    if not 0 <= delivering <= others:
        raise ValueError(f"{delivering} other members cannot deliver: there are {others}")

    market, rules = level.rules.market, level.rules
    me, order, terms = view.me, view.order, view.terms.modifiers
    effect = view.event.every_effect
    capacity = me.capacity * terms["capacity"] * effect["capacity"]
    credit = has_informal_credit(level, view)
    no_credit = (
        level.informal_sanctions.input_surcharge
        if level.informal_sanctions.enabled and not credit
        else 0.0
    )
    margin = view.market_price - market.unit_cost - no_credit  # a lot sold alone

    # paid by every member first: dues and its share of the contract's running costs
    dues = rules.fund.dues_per_season + view.terms.cost_per_season / max(len(view.members), 1)
    paid = dues if me.capital >= dues else 0.0
    instalment_share = rules.fund.fine_instalment
    instalment = fine_taken(instalment_share, me.fine_owed, me.capital - paid, me.capital - paid)
    common = -paid - instalment + effect["capital"]  # and the event's money, to every member

    # cooperate: deliver the share, subcontracting beyond capacity (not under force majeure)
    n_coop = delivering + 1
    joint_buyers = max(min(n_coop, market.scale_limit) - 1, 0)
    unit_cost = market.unit_cost * (1.0 - market.scale_discount_per_member * joint_buyers)
    unit_cost += market.diseconomy_per_member * max(n_coop - market.scale_limit, 0)
    unit_cost += (
        rules.trust.coordination_cost_at_zero_trust
        * (1.0 - view.alliance_trust)
        * terms["coordination_cost"]
    )
    share = order.lots_per_member
    own = min(share, capacity)
    lots = own if order.force_majeure else share
    sub = lots - own
    joint_cost = lots * (unit_cost + no_credit) + sub * market.subcontract_cost
    spare = max(capacity - own, 0.0) * margin
    bonus = effect["joint_bonus"] if view.alliance_trust >= effect["bonus_min_trust"] else 0.0
    base = common - joint_cost + spare + bonus
    cooperate = ChoiceForecast(
        action=Action.COOPERATE,
        if_accepted=base + lots * order.price,
        if_cancelled=base + lots * view.market_price * market.salvage_share,
        cost_per_lot=joint_cost / lots if lots > 0 else unit_cost + no_credit,
        lots=lots,
    )

    # sell por fuera: the premium holds only as far as the others still deliver to the client
    offer = view.offer
    anchor = delivering / max(len(view.members) - 1, 1)
    price = view.market_price + (offer.price - view.market_price) * anchor
    outside = offer.lots * (price - market.unit_cost - no_credit)
    outside += max(capacity - offer.lots, 0.0) * margin
    owed = order.lots_per_member * order.price
    fine = fine_due(terms, me.counted_offences + 1, owed) * view.penalty_severity
    informal = level.informal_sanctions
    credit_cut = informal.credit_cut if informal.enabled and credit else 0.0
    # what the firm holds when the fine is taken: after its sales and the network's credit cut,
    # before the event's money
    held_when_fined = me.capital + common - effect["capital"] + outside - credit_cut
    defect = ChoiceForecast(
        action=Action.DEFECT,
        if_accepted=common + outside,
        if_cancelled=common + outside,
        cost_per_lot=market.unit_cost + no_credit,
        lots=offer.lots,
        fine=fine,
        fine_now=fine_taken(instalment_share, fine, held_when_fined, me.capital),
        informal_sanction=credit_cut,
        detection_chance=view.detection_chance,
    )

    # invest: pay now, and sell what capacity the investment leaves free in the local market
    free = capacity * (1.0 - rules.investment.capacity_used)
    invested = common - view.investment_cost + free * margin
    invest = ChoiceForecast(
        action=Action.INVEST,
        if_accepted=invested,
        if_cancelled=invested,
        cost_per_lot=market.unit_cost + no_credit,
        lots=free,
    )
    return Forecast(
        cooperate,
        defect,
        invest,
        others_delivering=delivering,
        dues=paid,
        fine_instalment=instalment,
    )
