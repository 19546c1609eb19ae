"""One season of a cluster level: setting it up and resolving the secret decisions.

Randomness comes from generators the :class:`~game.engine.game.Game` derives from its seed. Every
draw is made for every firm in a fixed order, whatever the decisions, so that replaying a game
with other decisions ("what if") meets the same events, offers and dice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from math import fsum

from game.engine.cluster import compute_phase, move_dimensions
from game.engine.contract import fine_due, fine_taken
from game.engine.events import draw_event
from game.engine.horizon import lost_credit_cost, season_alone
from game.engine.ledger import FUND, Ledger
from game.engine.level import Level
from game.engine.population import move_population, visible_result
from game.engine.reports import Delivery, Penalty, SeasonReport
from game.engine.rules import Treatments
from game.engine.state import (
    COOPERATING,
    DEFECTING,
    Decision,
    Firm,
    GameState,
    InvestTarget,
    JointOrder,
    OutsideOffer,
    SeasonSetup,
    members_decisions,
)
from game.engine.trust import alliance_trust, update_trust


def detection_chance(level: Level, state: GameState, members: int) -> float:
    """Chance that a defection is detected this season, computed from public facts only.

    Monitoring gets harder as the group grows (Távara, 004 4.2) and easier with traceability,
    professional leadership, the institutions built and, where a level has one, a dense social
    network (El Porvenir, 004 3.3.2).
    """
    rules = level.rules.detection
    size = max(members, 2)
    chance = rules.two_firm_chance * (2.0 / size) ** rules.size_elasticity
    chance += rules.institutions_weight * state.dimensions["institutions"] / 100.0
    chance += state.terms.modifiers["detection"] + state.institutions_bonus
    if level.informal_sanctions.enabled:
        chance += level.informal_sanctions.detection_bonus
    return min(max(chance, 0.0), rules.max_chance)


def setup_season(
    level: Level,
    state: GameState,
    event_rng: random.Random,
    offer_rng: random.Random,
    trust: float | None = None,
) -> SeasonSetup:
    """Draw the event and set the joint order and each firm's private outside offer.

    ``trust`` is the alliance's trust now, when the caller has it already."""
    event = draw_event(level.events, event_rng)
    effect = event.every_effect
    market = level.rules.market
    terms = state.terms.modifiers
    members = [f for f in state.firms if f.member]
    capacity_factor = terms["capacity"] * effect["capacity"]
    if trust is None:
        trust = alliance_trust(state.trust, [f.id for f in members])
    trust_rules = level.rules.trust
    trust_factor = trust_rules.volume_at_zero_trust + (1 - trust_rules.volume_at_zero_trust) * trust
    mean_capacity = fsum([f.capacity for f in members]) / len(members) if members else 0.0
    lots = (
        mean_capacity
        * capacity_factor
        * market.order_fill
        * effect["order_volume"]
        * terms["order_volume"]
        * trust_factor
        * state.client_orders
    )
    price = market.joint_price * (1.0 + state.brand_bonus) * effect["joint_price"]
    quality = level.rules.quality
    tolerance = quality.tolerance + effect["tolerance"]
    order = JointOrder(
        lots_per_member=lots,
        price=price,
        min_quality=_unit(quality.min_quality + effect["min_quality"]),
        tolerance=0.0 if tolerance < 0.0 else tolerance,
        force_majeure=event.flag("force_majeure"),
    )
    low, high = market.outside_premium
    event_premium = effect["outside_premium"]
    by_reputation = market.reputation_premium
    # a draw for every seat the table can have, member or not, so the dice never shift
    premiums = [offer_rng.uniform(low, high) for _ in range(level.firms.max)]
    offers = {}
    for firm in state.firms:
        premium = premiums[firm.id] + event_premium
        if firm.member:
            weight = 1.0 - by_reputation + by_reputation * firm.reputation
            firm_lots = firm.capacity * capacity_factor
            offers[firm.id] = OutsideOffer(
                price=price * (1.0 + (0.0 if premium < 0.0 else premium) * weight),
                lots=firm_lots if firm_lots < lots else lots,
            )
    return SeasonSetup(
        season=state.season + 1,
        event=event,
        order=order,
        offers=offers,
        market_price=market.market_price * effect["market_price"],
        capacity_factor=capacity_factor,
        investment_cost=level.rules.investment.cost * effect["investment_cost"],
    )


_TARGETS: tuple[str, ...] = tuple(t.value for t in InvestTarget)


@dataclass(slots=True)
class _Season:
    """Working data of one resolution, passed between the steps below."""

    level: Level
    state: GameState
    setup: SeasonSetup
    decisions: dict[int, Decision]
    rng: random.Random
    ledger: Ledger
    members: list[Firm]
    cooperators: list[Firm]
    defectors: list[Firm]
    investors: list[Firm]
    trust_before: float
    treatments: Treatments
    mistakes: frozenset[int]  # cooperators whose lot comes out faulty by accident
    delivered: float = 0.0  # lots the client received (set by _deliver)
    unpaid: tuple[int, ...] = ()  # members who could not pay their dues (set by _pay_dues...)
    started_with: dict[int, float] = field(default_factory=dict)  # capital as the season began


def draw_dice(rng: random.Random, firms: int) -> tuple[list[float], list[float], float]:
    """A resolution's dice, all drawn up front and for every seat the table can have
    (``firms``: the level's most), member or not, so that decisions and newcomers never shift
    them: quality noise per firm, a detection roll per firm, and one roll for a client's
    claim."""
    noise = [rng.gauss(0.0, 1.0) for _ in range(firms)]
    rolls = [rng.random() for _ in range(firms)]
    return noise, rolls, rng.random()


def resolve_season(
    level: Level,
    state: GameState,
    setup: SeasonSetup,
    decisions: dict[int, Decision],
    rng: random.Random,
    treatments: Treatments,
    mistakes: frozenset[int] = frozenset(),
    trust_before: float | None = None,
) -> SeasonReport:
    """Apply every member's decision and return the full report of the season.

    ``mistakes`` are the firms whose lot would come out faulty if they cooperated (drawn by the
    game from its own stream, so that with no mistakes the dice are the same as ever).
    ``trust_before`` is the alliance's trust at the start of the season, when the caller has it.
    """
    firms = state.firms
    members = [f for f in firms if f.member]
    chosen = members_decisions(members, decisions)
    capital_before = [f.capital for f in firms]
    fund_before = state.fund
    cooperators: list[Firm] = []
    defectors: list[Firm] = []
    investors: list[Firm] = []
    for firm in members:
        action = chosen[firm.id].action
        if action is COOPERATING:
            cooperators.append(firm)
        elif action is DEFECTING:
            defectors.append(firm)
        else:
            investors.append(firm)
    if trust_before is None:
        trust_before = alliance_trust(state.trust, [f.id for f in members])
    if mistakes:
        mistakes = frozenset(f.id for f in cooperators if f.id in mistakes)
    season = _Season(
        level=level,
        state=state,
        setup=setup,
        decisions=chosen,
        rng=rng,
        ledger=Ledger(),
        started_with={f.id: c for f, c in zip(firms, capital_before, strict=True)},
        members=members,
        cooperators=cooperators,
        defectors=defectors,
        investors=investors,
        trust_before=trust_before,
        treatments=treatments,
        mistakes=mistakes,
    )
    quality_noise, detection_rolls, claim_roll = draw_dice(rng, level.firms.max)

    _pay_dues_and_contract_costs(season)
    investments = _invest(season)
    deliveries, promised, status, spread, mean_quality = _deliver(season, quality_noise)
    faulty, shared = _settle_joint_order(season, deliveries, promised, status, claim_roll)
    _sell_por_fuera(season)
    _outsiders_sell_alone(season)
    chance = detection_chance(level, state, len(members))
    traced = [] if shared else faulty
    detected, penalties = _detect_and_punish(season, chance, detection_rolls, deliveries, traced)
    public = treatments.visibility == "public"  # every defection is seen by all
    seen = [f.id for f in season.defectors] if public else list(detected)
    _apply_event_money(season)
    trust_after = _update_trust(season, deliveries, detected, seen, promised, status)
    _update_reputation(season, status, deliveries)
    _update_client(season, status, promised)
    dims_before = dict(state.dimensions)
    population_before = state.population.to_json()
    terms = state.terms.modifiers
    result = visible_result(
        level.rules.population,
        members=len(members),
        cooperators=len(season.cooperators),
        defectors=len(season.defectors),
        detected=len(detected),
        accepted=status == "accepted",
        cancelled=status.startswith("cancelled"),
    )
    moved = move_population(
        state.population,
        level.rules.population,
        start_associated=level.start_population.associated,
        result=result,
        acting_members=len(season.cooperators),
        institution_investments=investments["institutions"],
        formality=terms["formality"],
    )
    changes = move_dimensions(
        state.dimensions,
        level.rules,
        population=moved,
        brand_investments=investments["brand"],
        members=len(members),
        entry_per_season=terms["entry_per_season"],
        event_shift=setup.event.dimensions,
    )
    left = _remove_expelled_and_bankrupt(season, penalties)
    if left:  # the trust among those who remain
        trust_after = alliance_trust(state.trust, [f.id for f in firms if f.member])
    state.phase = compute_phase(
        state.dimensions, level.rules.phase_thresholds, level.dimension_sense
    )
    state.season = setup.season
    return SeasonReport(
        season=setup.season,
        event=setup.event.key,
        decisions=season.decisions,
        order_status=status,
        lots_promised=promised,
        lots_delivered=season.delivered,
        quality_spread=spread,
        mean_quality=mean_quality,
        deliveries=deliveries,
        faulty_lots=tuple(faulty),
        faulty_cost_shared=shared,
        detection_chance=chance,
        detected=tuple(detected),
        penalties=penalties,
        left=left,
        trust_before=season.trust_before,
        trust_after=trust_after,
        dimensions_before=dims_before,
        dimension_changes=changes,
        phase=state.phase,
        capital_change={f.id: f.capital - c for f, c in zip(firms, capital_before, strict=True)},
        fund_change=state.fund - fund_before,
        ledger=tuple(season.ledger.entries),
        seen=tuple(seen),
        mistakes=tuple(sorted(season.mistakes)),
        population_before=population_before,
        population=state.population.to_json(),
    )


def _pay_dues_and_contract_costs(season: _Season) -> None:
    """Members pay their dues plus their share of the contract's running costs; one whose
    capital cannot cover them pays nothing, a breach of the contract (000 III)."""
    state, ledger = season.state, season.ledger
    share = state.terms.cost_per_season / max(len(season.members), 1)
    dues = season.level.rules.fund.dues_per_season + share
    payers = [f for f in season.members if f.capital >= dues]
    season.unpaid = tuple(f.id for f in season.members if f.capital < dues)
    ledger.collect(state, payers, dues, "dues")
    ledger.move(state, FUND, -state.terms.cost_per_season, "contract_costs")
    _collect_fines_owed(season)


def _collect_fines_owed(season: _Season) -> None:
    """Each member still owing a fine pays its instalment, after its dues."""
    state, share = season.state, season.level.rules.fund.fine_instalment
    for firm in season.members:
        if firm.fine_owed > 0.0:
            paid = fine_taken(share, firm.fine_owed, firm.capital, firm.capital)
            season.ledger.transfer(state, firm.id, FUND, paid, "fine")
            firm.fine_owed -= paid


def _invest(season: _Season) -> dict[str, int]:
    """Investors pay now; own goods improve the firm, common goods the whole cluster."""
    counts = dict.fromkeys(_TARGETS, 0)
    if not season.investors:
        return counts
    rules = season.level.rules.investment
    state, setup, move = season.state, season.setup, season.ledger.move
    unit_margin = setup.market_price - season.level.rules.market.unit_cost
    for firm in season.investors:
        target = season.decisions[firm.id].target
        assert target is not None
        counts[target.value] += 1
        move(state, firm.id, -setup.investment_cost, "investment")
        spare = firm.capacity * setup.capacity_factor * (1.0 - rules.capacity_used)
        no_credit = lost_credit_cost(season.level, firm)
        move(state, firm.id, spare * (unit_margin - no_credit), "market_sale")
        if target is InvestTarget.QUALITY:
            firm.quality = min(firm.quality + rules.quality_gain, 1.0)
            firm.quality_spread = max(firm.quality_spread - rules.spread_cut, 0.0)
        elif target is InvestTarget.TECHNOLOGY:
            firm.technology = min(firm.technology + rules.technology_gain, 1.0)
            firm.capacity *= 1.0 + rules.capacity_gain
        elif target is InvestTarget.BRAND:
            state.brand_bonus += rules.brand_price_gain
        else:
            state.institutions_bonus += rules.institutions_detection_gain
    return counts


def _deliver(
    season: _Season, noise: list[float]
) -> tuple[dict[int, Delivery], float, str, float, float]:
    """Cooperators deliver their share (subcontracting beyond capacity); the client judges.

    An order is cancelled when too little arrives (unless a force majeure excuses it), when the
    lots are too uneven (the first Gamarra polo-shirt consortium, 000 VI.2), or when their mean
    quality falls short. A lot that came out faulty by mistake (a treatment) is rejected: it
    counts as missing, its maker sells it off as salvage and earns no trust for it.
    """
    setup, market = season.setup, season.level.rules.market
    order = setup.order
    share = order.lots_per_member
    promised = share * (len(season.cooperators) + len(season.defectors))
    capacity_factor, subcontract_spread = setup.capacity_factor, market.subcontract_spread
    mistakes = season.mistakes
    deliveries: dict[int, Delivery] = {}
    delivered = 0  # as sum() gave it: an int 0 when nothing arrives
    qualities: list[float] = []
    for firm in season.cooperators:
        own = min(share, firm.capacity * capacity_factor)
        # a force majeure (El Niño) also closes the workshops one would subcontract to
        lots = own if order.force_majeure else share
        sub = lots - own
        share_sub = sub / lots if lots > 0 else 0.0
        spread = firm.quality_spread + share_sub * subcontract_spread
        quality = _unit(firm.quality + noise[firm.id] * spread)
        faulty = firm.id in mistakes
        deliveries[firm.id] = Delivery(lots=lots, subcontracted=sub, quality=quality, faulty=faulty)
        if not faulty:
            delivered += lots
            qualities.append(quality)
    season.delivered = delivered
    mean_quality, spread = _mean_and_spread(qualities)
    if promised <= 0.0:
        status = "no_order"
    elif delivered <= 0.0 or (delivered / promised < market.min_fill and not order.force_majeure):
        status = "cancelled_short"
    elif spread > order.tolerance:
        status = "cancelled_uneven"
    elif mean_quality < order.min_quality:
        status = "cancelled_low_quality"
    else:
        status = "accepted"
    return deliveries, promised, status, spread, mean_quality


def _unit(value: float) -> float:
    """``value`` clamped to [0, 1] (what ``min(max(value, 0.0), 1.0)`` gives, NaN included)."""
    return 0.0 if value < 0.0 else (1.0 if value > 1.0 else value)


def _mean_and_spread(values: list[float]) -> tuple[float, float]:
    """Mean and population standard deviation of the delivered lots' qualities, in plain
    floating point (``statistics.pstdev`` rounds exactly and can differ in the last bit, which
    would change the games already played)."""
    if not values:
        return 0.0, 0.0
    mean = sum(values) / len(values)
    variance = sum([(v - mean) ** 2 for v in values]) / len(values)
    return mean, variance**0.5


def _settle_joint_order(
    season: _Season,
    deliveries: dict[int, Delivery],
    promised: float,
    status: str,
    claim_roll: float,
) -> tuple[list[int], bool]:
    """Pay for the joint order: scale economies, coordination, claims and cancellations.

    Returns the firms whose lots were faulty and whether their cost was shared by all members
    (no traceability) instead of charged to the maker (000 III, producer "A").
    """
    state, setup, move = season.state, season.setup, season.ledger.move
    market, order = season.level.rules.market, setup.order
    cooperators = season.cooperators
    n_coop = len(cooperators)
    joint_buyers = max(min(n_coop, market.scale_limit) - 1, 0)
    unit_cost = market.unit_cost * (1.0 - market.scale_discount_per_member * joint_buyers)
    unit_cost += market.diseconomy_per_member * max(n_coop - market.scale_limit, 0)
    unit_cost += (
        season.level.rules.trust.coordination_cost_at_zero_trust
        * (1.0 - season.trust_before)
        * state.terms.modifiers["coordination_cost"]
    )
    accepted = status == "accepted"
    price, market_price, capacity_factor = order.price, setup.market_price, setup.capacity_factor
    subcontract_cost, salvage_share = market.subcontract_cost, market.salvage_share
    margin = market_price - market.unit_cost
    for firm in cooperators:
        delivery = deliveries[firm.id]
        lots, sub = delivery.lots, delivery.subcontracted
        capacity = firm.capacity * capacity_factor
        no_credit = lost_credit_cost(season.level, firm)
        cost = lots * (unit_cost + no_credit) + sub * subcontract_cost
        move(state, firm.id, -cost, "joint_costs")
        if accepted and not delivery.faulty:
            move(state, firm.id, lots * price, "joint_sale")
        else:
            move(state, firm.id, lots * market_price * salvage_share, "salvage")
        spare = capacity - (lots - sub)
        move(state, firm.id, (0.0 if spare < 0.0 else spare) * (margin - no_credit), "market_sale")
    if status.startswith("cancelled"):
        penalty = market.cancellation_penalty * order.price * promised
        move(state, FUND, -penalty, "cancellation_penalty")
        return [], False
    if not accepted:
        return [], False
    faulty = [
        f.id
        for f in cooperators
        if deliveries[f.id].quality < order.min_quality and not deliveries[f.id].faulty
    ]
    if setup.event.flag("quality_claim") and cooperators:
        claimed = cooperators[int(claim_roll * n_coop)].id
        if claimed not in faulty and not deliveries[claimed].faulty:
            faulty.append(claimed)
    shared = not state.terms.has_traceability
    for maker in faulty:
        claim = market.faulty_claim * order.price * deliveries[maker].lots
        if shared:
            for member in season.members:
                move(state, member.id, -claim / len(season.members), "faulty_claim")
        else:
            move(state, maker, -claim, "faulty_claim")
    return faulty, shared and bool(faulty)


def _sell_por_fuera(season: _Season) -> None:
    """Defectors sell their share of the order privately, and the rest of their capacity alone.

    The outside buyer wants what the consortium would have delivered (often it is the
    consortium's own client). Its premium exists only while the consortium's price stands: when
    other members also sell por fuera they undercut each other and the price falls toward the
    market price.
    """
    if not season.defectors:
        return
    state, setup, move = season.state, season.setup, season.ledger.move
    unit_cost, market_price = season.level.rules.market.unit_cost, setup.market_price
    others = max(len(season.members) - 1, 1)
    anchor = len(season.cooperators) / others
    margin = market_price - unit_cost
    for firm in season.defectors:
        offer = setup.offers[firm.id]
        price = market_price + (offer.price - market_price) * anchor
        no_credit = lost_credit_cost(season.level, firm)
        move(state, firm.id, offer.lots * (price - unit_cost - no_credit), "outside_sale")
        spare = firm.capacity * setup.capacity_factor - offer.lots
        move(state, firm.id, (0.0 if spare < 0.0 else spare) * (margin - no_credit), "market_sale")


def _outsiders_sell_alone(season: _Season) -> None:
    """Firms that left (expelled or bankrupt) go on working alone at the market price, without
    the consortium's economies or its contract."""
    state, event = season.state, season.setup.event
    for firm in state.firms:
        if not firm.member:
            earned = season_alone(season.level, event, firm)
            season.ledger.move(state, firm.id, earned, "market_sale")


def _detect_and_punish(
    season: _Season,
    chance: float,
    rolls: list[float],
    deliveries: dict[int, Delivery],
    traced: list[int],
) -> tuple[list[int], dict[int, Penalty]]:
    """Catch defectors with the season's detection chance and sanction every breach the
    contract can see (000 III): a sale por fuera that was detected, a faulty lot traced to its
    maker (producer "A"), dues left unpaid. Returns the detected defectors and the penalties."""
    detected = [f.id for f in season.defectors if rolls[f.id] < chance]
    min_quality = season.setup.order.min_quality
    breaches = dict.fromkeys(detected, "por_fuera")
    for maker in traced:  # lots below the minimum, not a client's claim that fell on a good one
        if deliveries[maker].quality < min_quality:
            breaches.setdefault(maker, "faulty_lot")
    for firm_id in season.unpaid:
        breaches.setdefault(firm_id, "unpaid_dues")
    sanctioned = season.state.terms.sanctions_breaches
    penalties = {
        firm_id: _sanction(season, season.state.firms[firm_id], breach)
        for firm_id, breach in breaches.items()
        if breach == "por_fuera" or sanctioned
    }
    return detected, penalties


def _sanction(season: _Season, firm: Firm, breach: str) -> Penalty:
    """What one breach costs its maker. A sale por fuera pays the contract's fine (at once as
    far as the firm can, the rest in instalments: :func:`fine_taken`); a faulty lot
    has already paid the client's claim and unpaid dues have nothing to pay with, so those two
    only count as offences. With excuses accepted (lenient commitment) a breach never counts
    toward escalation or expulsion. The district's network, where there is one, cuts the
    offender's informal credit for good (004 3.3.2), before the fine is taken, so the fine's
    limit keeps a small firm working even then."""
    state, terms, ledger = season.state, season.state.terms.modifiers, season.ledger
    order = season.setup.order
    owed = order.lots_per_member * order.price
    excused = state.terms.excuses_accepted
    firm.offences += 1
    firm.excused += int(excused)
    counted = firm.offences - firm.excused  # the breaches that escalate the fine and expel
    informal = season.level.informal_sanctions
    sanction = 0.0
    if informal.enabled and breach != "unpaid_dues" and firm.informal_credit:
        sanction = informal.credit_cut
        ledger.move(state, firm.id, -sanction, "informal_sanction")
        firm.reputation = max(firm.reputation - informal.reputation_loss, 0.0)
        firm.informal_credit = False
    fine = unpaid = 0.0
    if breach == "por_fuera":
        step = counted + 1 if excused else counted
        fine = fine_due(terms, step, owed) * season.treatments.penalty_severity
        share = season.level.rules.fund.fine_instalment
        paid = fine_taken(share, fine, firm.capital, season.started_with[firm.id])
        ledger.transfer(state, firm.id, FUND, paid, "fine")
        unpaid = fine - paid
        firm.fine_owed += unpaid
    firm.reputation = max(firm.reputation - season.level.rules.reputation.loss_detected, 0.0)
    expel_after = int(terms["expel_after"])
    return Penalty(
        fine=fine,
        offence=firm.offences,
        expelled=not excused and expel_after > 0 and counted >= expel_after,
        informal_sanction=sanction,
        owed=owed,
        breach=breach,
        excused=excused,
        unpaid=unpaid,
    )


def _apply_event_money(season: _Season) -> None:
    state, event, move = season.state, season.setup.event, season.ledger.move
    windfall = event.effect("capital")
    if windfall:
        for firm in season.members:
            move(state, firm.id, windfall, "event")
    bonus = event.effect("joint_bonus")
    if bonus and season.trust_before >= event.effect("bonus_min_trust"):
        for firm in season.cooperators:
            move(state, firm.id, bonus, "joint_bonus")


def _update_trust(
    season: _Season,
    deliveries: dict[int, Delivery],
    detected: list[int],
    seen: list[int],
    promised: float,
    status: str,
) -> float:
    """Kept promises, the defections every firm knows of (``seen``) and suspicion; returns the
    alliance's trust after them, among this season's members.

    A dispute (over a fine) needs a formal detection; public visibility alone starts none."""
    rules, terms = season.level.rules.trust, season.state.terms.modifiers
    delivered = season.delivered
    missing = 0.0
    if promised > 0 and not season.setup.order.force_majeure:
        missing = max(promised - delivered, 0.0) / promised
    cancelled = status.startswith("cancelled")
    loss = rules.suspicion_per_shortfall * missing + terms["conflict_trust_loss"]
    if cancelled:
        loss += rules.loss_cancelled_order
    if cancelled or detected:
        loss += rules.dispute_loss * (1.0 - terms["dispute_settlement"])
    if detected and not _breach_sanctioned(season):
        loss += rules.loss_unsanctioned_breach
    return update_trust(
        season.state.trust,
        [f.id for f in season.members],
        {i for i, d in deliveries.items() if not d.faulty},
        set(seen),
        loss,
        rules,
    )


def _update_client(season: _Season, status: str, promised: float) -> None:
    """The client comes back with a larger order after one delivered well, a smaller one after
    a cancellation (000 IV)."""
    market, state = season.level.rules.market, season.state
    low, high = market.client_orders
    if status == "accepted":
        fill = season.delivered / promised
        grown = state.client_orders + market.client_growth * (2.0 * fill - 1.0)
        state.client_orders = min(max(grown, low), high)
    elif status.startswith("cancelled"):
        state.client_orders = max(state.client_orders - market.client_loss_cancelled, low)


def _breach_sanctioned(season: _Season) -> bool:
    """Whether the members agreed something that answers a breach: a fine or expulsion in the
    contract, or a social network's informal sanctions (El Porvenir). Without either, 000 III says one sale
    por fuera is enough to destroy the agreement."""
    return season.state.terms.sanctions_breaches or season.level.informal_sanctions.enabled


def _update_reputation(season: _Season, status: str, deliveries: dict[int, Delivery]) -> None:
    """An accepted order raises its makers' reputation in the market; where the district has
    a social network, every kept promise also earns the network's informal reward."""
    gain = season.level.rules.reputation.gain_delivered if status == "accepted" else 0.0
    informal = season.level.informal_sanctions
    reward = informal.reputation_gain if informal.enabled else 0.0
    for firm in season.cooperators:
        kept = not deliveries[firm.id].faulty
        firm.reputation = min(firm.reputation + gain + (reward if kept else 0.0), 1.0)


def _remove_expelled_and_bankrupt(season: _Season, penalties: dict[int, Penalty]) -> dict[int, str]:
    left: dict[int, str] = {}
    for firm in season.members:
        if firm.id in penalties and penalties[firm.id].expelled:
            left[firm.id] = "expelled"
        elif firm.capital < 0.0:
            left[firm.id] = "bankrupt"
    for firm_id, reason in left.items():
        firm = season.state.firms[firm_id]
        firm.member = False
        firm.left_reason = reason
    return left
