"""Every breach the contract names is sanctioned as agreed (000 III): a sale por fuera, a faulty
lot traced to its maker (producer "A"), dues left unpaid; commitment decides what is excused;
El Porvenir's network cuts credit for good and rewards kept promises (004 3.3.2)."""

from __future__ import annotations

import pytest

from game.content.levels import load_level
from game.engine.horizon import lost_credit_cost
from game.engine.state import COOPERATE, DEFECT
from tests.engine.helpers import new_game


def _season(game, decisions):
    game.begin_season()
    return game.resolve(decisions)


def test_a_faulty_lot_traced_to_its_maker_is_a_breach_and_repeated_it_expels() -> None:
    level = load_level("gamarra")
    # traceability, escalating fines, expulsion at the third breach
    contract = {**level.reference_contract, "penalties": "escalating"}
    game = new_game(level, 5, contract)
    maker = game.state.firms[0]
    maker.quality, maker.quality_spread = 0.2, 0.0  # every lot it makes falls short
    reports = []
    while maker.member and game.outcome is None:
        reports.append(_season(game, {i: COOPERATE for i in game.members()}))
    faults = [r.penalties[0] for r in reports if 0 in r.penalties]
    assert [p.breach for p in faults] == ["faulty_lot"] * len(faults)
    assert [p.offence for p in faults] == list(range(1, len(faults) + 1))
    assert all(p.fine == 0 for p in faults)  # the client's claim is what it pays
    assert faults[-1].expelled and len(faults) == 3
    assert reports[-1].left == {0: "expelled"}


def test_without_traceability_a_faulty_lot_is_nobodys_breach() -> None:
    level = load_level("gamarra")
    contract = {**level.reference_contract, "traceability": "none"}
    game = new_game(level, 5, contract)
    game.state.firms[0].quality, game.state.firms[0].quality_spread = 0.2, 0.0
    for _ in range(4):
        report = _season(game, {i: COOPERATE for i in game.members()})
        if report.faulty_lots:
            assert report.faulty_cost_shared and not report.penalties
            return
    raise AssertionError("no faulty lot")


def test_unpaid_dues_are_a_breach_the_fund_always_sees() -> None:
    level = load_level("villa_el_salvador")
    game = new_game(level, 2, level.reference_contract)
    game.state.firms[3].capital = 0.5  # less than its dues
    report = _season(game, {i: COOPERATE for i in game.members()})
    assert report.penalties[3].breach == "unpaid_dues" and report.penalties[3].offence == 1
    paid = {account for account, amount, reason in report.ledger if reason == "dues" and amount < 0}
    assert 3 not in paid and len(paid) == len(game.state.firms) - 1


def _caught(contract_changes: dict[str, str]):
    level = load_level("gamarra")
    contract = {**level.reference_contract, "penalties": "escalating", **contract_changes}
    for seed in range(300):
        game = new_game(level, seed, contract)
        for _ in range(6):
            if game.outcome is not None or 0 not in game.members():
                break
            report = _season(game, {i: DEFECT if i == 0 else COOPERATE for i in game.members()})
            if 0 in report.detected and report.penalties[0].offence >= 3:
                return game, report
    raise AssertionError("never caught three times")


def test_a_lenient_commitment_excuses_every_breach_so_nobody_is_ever_expelled() -> None:
    game, report = _caught({"commitment": "lenient"})
    penalty = report.penalties[0]
    assert penalty.excused and not penalty.expelled and 0 in game.members()
    firm = game.state.firms[0]
    assert firm.offences >= 3 and firm.excused == firm.offences
    terms = game.state.terms.modifiers
    assert penalty.fine == pytest.approx(terms["fine_share"] * penalty.owed * 0.5)  # no escalation


def test_force_majeure_only_counts_every_breach() -> None:
    game, report = _caught({"commitment": "force_majeure_only"})
    assert report.penalties[0].expelled and not report.penalties[0].excused
    assert game.state.firms[0].left_reason == "expelled"


def test_under_force_majeure_nobody_can_subcontract_and_the_short_order_is_excused() -> None:
    level = load_level("el_porvenir")
    for seed in range(400):
        game = new_game(level, seed, level.reference_contract)
        setup = game.begin_season()
        if setup.order.force_majeure:
            break
    else:
        raise AssertionError("no force majeure drawn")
    report = game.resolve({i: COOPERATE for i in game.members()})
    assert all(d.subcontracted == 0 for d in report.deliveries.values())
    assert report.order_status != "cancelled_short"


def test_el_porvenirs_network_cuts_credit_for_good_and_rewards_kept_promises() -> None:
    level = load_level("el_porvenir")
    informal = level.informal_sanctions
    game = new_game(level, 0, level.default_contract)
    for _ in range(200):
        report = _season(game, {i: DEFECT if i == 0 else COOPERATE for i in game.members()})
        if 0 in report.detected or game.outcome is not None:
            break
    assert 0 in report.detected
    offender, partner = game.state.firms[0], game.state.firms[1]
    assert not offender.informal_credit and partner.informal_credit
    assert lost_credit_cost(level, offender) == informal.input_surcharge > 0
    assert lost_credit_cost(level, partner) == 0
    # the lasting cost reaches the horizon: the seasons played out alone cost it more per lot
    if game.epilogue is not None and game.epilogue.seasons:
        per_lot = [game.epilogue.earnings[f.id] / f.capacity for f in (offender, partner)]
        assert per_lot[0] < per_lot[1]


def test_a_kept_promise_earns_the_networks_reward_only_where_there_is_a_network() -> None:
    gains = {}
    for name in ("el_porvenir", "villa_el_salvador"):
        level = load_level(name)
        game = new_game(level, 1, level.reference_contract)
        before = game.state.firms[1].reputation
        report = _season(game, {i: COOPERATE for i in game.members()})
        market = level.rules.reputation.gain_delivered if report.order_status == "accepted" else 0
        gains[name] = game.state.firms[1].reputation - before - market
    assert gains["el_porvenir"] == pytest.approx(
        load_level("el_porvenir").informal_sanctions.reputation_gain
    )
    assert gains["villa_el_salvador"] == pytest.approx(0.0)
