"""The game's horizon (game.engine.horizon): a game that ends early is played out to it, the
fund is wound up, and every payoff is read against selling alone (issue 13, item 3)."""

from __future__ import annotations

import pytest

from game.content.levels import load_level
from game.engine.events import draw_event
from game.engine.game import starting_firms
from game.engine.horizon import play_alone, season_alone
from game.engine.state import COOPERATE, DEFECT
from game.engine.streams import Streams
from tests.engine.helpers import everyone, first_firm, new_game, play_policy, without_rules

CLUSTERS = ("gamarra", "el_porvenir", "villa_el_salvador")


def _collapsed_early(level_name: str):
    level = without_rules(load_level(level_name))
    for seed in range(50):
        game = play_policy(new_game(level, seed), everyone(DEFECT))
        if game.outcome.kind == "collapse" and game.state.season < level.rules.end.season_limit:
            return game
    raise AssertionError("no all-defect game collapsed early")


@pytest.mark.parametrize("name", CLUSTERS)
def test_after_a_collapse_every_firm_sells_alone_to_the_horizon(name) -> None:
    game = _collapsed_early(name)
    level, epilogue = game.level, game.epilogue
    played = game.state.season
    assert epilogue is not None and epilogue.mode == "alone"
    assert epilogue.seasons == level.rules.end.season_limit - played > 0
    events = Streams(game.seed).stream("events")
    for _ in range(played):  # the seasons the game met
        draw_event(level.events, events)
    rest = [draw_event(level.events, events) for _ in range(epilogue.seasons)]
    for firm in game.state.firms:
        alone = sum(season_alone(level, event, firm) for event in rest)
        assert epilogue.earnings[firm.id] == pytest.approx(alone)
        assert epilogue.earnings[firm.id] > 0


@pytest.mark.parametrize("name", CLUSTERS)
def test_a_payoff_runs_from_before_signing_to_the_horizon_with_the_fund_shared(name) -> None:
    game = _collapsed_early(name)
    epilogue = game.epilogue
    lost = game.level.rules.fund.lost_on_collapse if game.state.fund > 0 else 0.0
    assert sum(epilogue.fund_share) == pytest.approx(game.state.fund * (1 - lost))
    for firm, start in zip(game.state.firms, game.starting_capital, strict=True):
        expected = firm.capital + epilogue.earnings[firm.id] + epilogue.fund_share[firm.id] - start
        assert game.payoffs()[firm.id] == pytest.approx(expected)
    assert all(
        s > f.capital - sum(r.capital_change[f.id] for r in game.reports)
        for s, f in zip(game.starting_capital, game.state.firms, strict=True)
    )  # each firm paid its share of the signing


def test_after_an_advance_the_members_go_on_earning_what_they_earned_at_the_end() -> None:
    level = load_level("el_porvenir")
    for seed in range(40):
        game = play_policy(new_game(level, seed, level.reference_contract), everyone(COOPERATE))
        if game.outcome.kind == "advance" and game.epilogue.seasons > 0:
            break
    else:
        raise AssertionError("no cooperative game advanced before its horizon")
    held = game.reports[-level.rules.end.hold_seasons :]
    assert game.epilogue.mode == "alliance"
    for firm in game.state.firms:
        if firm.member:  # a firm expelled on the way (a faulty lot too many) sells alone
            # over the held seasons it sat at the table (a newcomer may have joined in them)
            results = [r.capital_change[firm.id] for r in held if firm.id in r.capital_change]
            mean = sum(results) / len(results)
            assert game.epilogue.earnings[firm.id] == pytest.approx(mean * game.epilogue.seasons)


def test_a_game_that_uses_its_whole_horizon_plays_nothing_out() -> None:
    level = load_level("villa_el_salvador")
    for seed in range(60):
        game = play_policy(new_game(level, seed), first_firm(DEFECT))
        if game.outcome.kind == "stagnation":
            assert game.epilogue.mode == "none" and game.epilogue.seasons == 0
            assert not any(game.epilogue.earnings)
            return
    raise AssertionError("no game stagnated")


def test_alone_is_the_same_firms_and_events_as_the_game() -> None:
    level = load_level("gamarra")
    game = new_game(level, 7)
    firms = starting_firms(level, game.names, 7)
    assert game.alone_payoffs() == play_alone(level, firms, 7).payoffs
    # no decision changes what selling alone would have paid
    played = play_policy(new_game(level, 7), everyone(DEFECT))
    assert played.alone_payoffs() == game.alone_payoffs()


def test_the_tutorial_has_no_horizon_to_play_out() -> None:
    level = load_level("tutorial")
    game = play_policy(new_game(level, 1), everyone(COOPERATE))
    assert game.epilogue is None
    assert game.payoffs() == tuple(
        f.capital - s for f, s in zip(game.state.firms, game.starting_capital, strict=True)
    )
    with pytest.raises(ValueError, match="no market to sell alone in"):
        game.alone_payoffs()


# -- the rules under the horizon ------------------------------------------------------------


def _first_detection(level, contract, seeds=range(300)):
    """The first game (by seed) whose firm 0, selling por fuera among cooperators in season 1,
    is caught; with that season's setup and report."""
    for seed in seeds:
        game = new_game(level, seed, contract)
        setup = game.begin_season()
        report = game.resolve({i: DEFECT if i == 0 else COOPERATE for i in game.members()})
        if 0 in report.detected:
            return game, setup, report
    raise AssertionError("never detected")


@pytest.mark.parametrize("penalties", ["fine", "escalating", "strict"])
def test_a_fine_is_a_share_of_the_order_owed_and_a_caught_defector_loses_the_season(
    penalties,
) -> None:
    level = load_level("gamarra")
    contract = {**level.reference_contract, "penalties": penalties}
    game, setup, report = _first_detection(level, contract)
    penalty, terms = report.penalties[0], game.state.terms.modifiers
    assert penalty.owed == pytest.approx(setup.order.lots_per_member * setup.order.price)
    assert penalty.fine == pytest.approx(terms["fine_share"] * penalty.owed)
    if penalties != "fine":  # the fines that escalate take the whole season's gain
        assert report.capital_change[0] < 0


def test_a_breach_with_nothing_agreed_to_sanction_it_costs_everyone_trust() -> None:
    """000 III: with no sanction agreed, one detected sale por fuera damages every bond, not
    only the bonds toward the offender."""
    level = without_rules(load_level("gamarra"))
    fined = {**level.no_rules_contract, "penalties": "fine"}
    rules = level.rules.trust
    for contract, extra in ((level.no_rules_contract, rules.loss_unsanctioned_breach), (fined, 0)):
        game, _, report = _first_detection(level, contract)
        before = level.start_trust
        trust = game.state.trust
        # a bond between two cooperators who both delivered
        bystander = trust[1][2]
        kept = before + rules.gain_per_kept_promise * (1 - before)
        dispute = rules.dispute_loss * (1 - game.state.terms.modifiers["dispute_settlement"])
        shortfall = (
            rules.suspicion_per_shortfall
            * max(report.lots_promised - report.lots_delivered, 0)
            / report.lots_promised
        )
        cancelled = rules.loss_cancelled_order if report.order_status.startswith("cancelled") else 0
        conflict = game.state.terms.modifiers["conflict_trust_loss"]
        expected = kept - dispute - shortfall - cancelled - conflict - extra
        assert bystander == pytest.approx(max(expected, 0.0))


def test_the_client_orders_more_after_a_delivery_and_less_after_a_cancellation() -> None:
    level = load_level("villa_el_salvador")
    market = level.rules.market
    game = new_game(level, 3, level.reference_contract)
    grown = []
    for _ in range(4):
        game.begin_season()
        before = game.state.client_orders
        report = game.resolve({i: COOPERATE for i in game.members()})
        if report.order_status == "accepted":
            fill = report.lots_delivered / report.lots_promised
            expected = min(before + market.client_growth * (2 * fill - 1), market.client_orders[1])
            assert game.state.client_orders == pytest.approx(expected)
            grown.append(game.state.client_orders > before)
    assert any(grown)
    game = new_game(level, 3, level.reference_contract)
    game.begin_season()
    report = game.resolve({i: DEFECT for i in game.members()})  # nothing arrives
    assert report.order_status == "cancelled_short"
    assert game.state.client_orders == pytest.approx(1.0 - market.client_loss_cancelled)
