"""The nine behaviours GAME_DESIGN.md says must hold, against the shipped levels."""

from __future__ import annotations

import itertools
from dataclasses import replace
from statistics import fmean

import pytest

from game.content.levels import load_level
from game.engine.cluster import compute_phase, move_dimensions
from game.engine.game import replay
from game.engine.population import NO_CHANGE
from game.engine.rules import DIMENSIONS
from game.engine.season import detection_chance
from game.engine.state import COOPERATE, DEFECT, InvestTarget, invest
from game.engine.trust import trust_matrix, update_trust
from tests.conftest import CLUSTER_LEVELS
from tests.engine.helpers import everyone, first_firm, new_game, one_season_payoffs, play_policy

SEEDS = range(40)


# 1. One season without rules or trust is a real social dilemma --------------------------------


@pytest.mark.parametrize("name", CLUSTER_LEVELS)
def test_defecting_pays_the_defector_more_than_cooperating_in_one_season(name):
    level = load_level(name)
    n = level.firms.default
    for seed in SEEDS:
        all_cooperate = one_season_payoffs(
            level, seed, dict.fromkeys(range(n), COOPERATE), trust=0.0
        )
        lone_defector = one_season_payoffs(
            level, seed, {0: DEFECT, **dict.fromkeys(range(1, n), COOPERATE)}, trust=0.0
        )
        assert lone_defector[0] > all_cooperate[0], f"seed {seed}"


@pytest.mark.parametrize("name", CLUSTER_LEVELS)
def test_everyone_cooperating_pays_each_more_than_everyone_defecting(name):
    level = load_level(name)
    n = level.firms.default
    cooperate, defect = [], []
    for seed in SEEDS:
        cooperate.append(
            one_season_payoffs(level, seed, dict.fromkeys(range(n), COOPERATE), trust=0.0)
        )
        defect.append(one_season_payoffs(level, seed, dict.fromkeys(range(n), DEFECT), trust=0.0))
    for firm in range(n):
        assert fmean(c[firm] for c in cooperate) > fmean(d[firm] for d in defect)


# 2. Over a full game the levels keep the rates they promise ------------------------------------

RATE_GAMES = 250


@pytest.mark.parametrize("name", (*CLUSTER_LEVELS, "tutorial"))
def test_all_cooperate_with_the_reference_contract_advances_as_the_level_promises(name):
    level = load_level(name)
    advanced = sum(
        play_policy(
            new_game(level, seed, level.reference_contract), everyone(COOPERATE)
        ).outcome.kind
        == "advance"
        for seed in range(RATE_GAMES)
    )
    assert advanced / RATE_GAMES >= level.expected.all_cooperate_advance_min


@pytest.mark.parametrize("name", (*CLUSTER_LEVELS, "tutorial"))
def test_all_defect_collapses_as_the_level_promises(name):
    level = load_level(name)
    collapsed = sum(
        play_policy(new_game(level, seed, level.reference_contract), everyone(DEFECT)).outcome.kind
        == "collapse"
        for seed in range(RATE_GAMES)
    )
    assert collapsed / RATE_GAMES >= level.expected.all_defect_collapse_min


# 3. Detection falls with group size and rises with traceability and leadership -----------------


@pytest.mark.parametrize("name", CLUSTER_LEVELS)
def test_detection_falls_as_the_group_grows(name):
    level = load_level(name)
    state = new_game(level, 1).state
    chances = [detection_chance(level, state, size) for size in range(2, 9)]
    assert all(a > b for a, b in itertools.pairwise(chances))


@pytest.mark.parametrize("name", CLUSTER_LEVELS)
def test_traceability_and_professional_leadership_raise_detection(name):
    level = load_level(name)
    base = dict(level.no_rules_contract)

    def chance(**choices: str) -> float:
        return detection_chance(level, new_game(level, 1, {**base, **choices}).state, 6)

    plain = chance()
    assert chance(traceability="system") > plain
    assert chance(leadership="professional") > plain
    assert chance(leadership="rotating") < plain
    assert chance(traceability="system", leadership="professional") > chance(traceability="system")


# 4. With penalties that bite, repeated defection pays less than cooperation --------------------


@pytest.mark.parametrize("name", CLUSTER_LEVELS)
def test_repeated_defection_pays_less_than_cooperation_when_penalties_bite(name):
    level = load_level(name)

    def mean_gain(policy) -> float:
        gains = []
        for seed in range(60):
            game = new_game(level, seed, level.reference_contract)
            start = game.state.firms[0].capital
            play_policy(game, policy)
            gains.append(game.state.firms[0].capital - start)
        return fmean(gains)

    assert mean_gain(first_firm(DEFECT)) < mean_gain(first_firm(COOPERATE))


# 5. Trust: one detected defection costs more than one cooperative season earns -----------------


@pytest.mark.parametrize("name", (*CLUSTER_LEVELS, "tutorial"))
def test_one_detection_costs_more_trust_than_one_season_of_cooperation_earns(name):
    rules = load_level(name).rules.trust
    for start in (0.1, 0.3, 0.5, 0.7, 0.9, 1.0):
        gained = trust_matrix(2, start)
        update_trust(
            gained, [0, 1], delivered={1}, detected=set(), across_the_board_loss=0.0, rules=rules
        )
        lost = trust_matrix(2, start)
        update_trust(
            lost, [0, 1], delivered=set(), detected={1}, across_the_board_loss=0.0, rules=rules
        )
        assert start - lost[0][1] > gained[0][1] - start


def test_undetected_shortfall_lowers_trust_across_the_board():
    level = load_level("gamarra")
    lucky = None
    for seed in range(200):
        game = new_game(level, seed, level.no_rules_contract)
        game.begin_season()
        report = game.resolve({i: DEFECT if i == 0 else COOPERATE for i in game.members()})
        if not report.detected:
            lucky = game
            break
    assert lucky is not None
    trust = lucky.state.trust
    # Two cooperators who both delivered still trust each other less than kept promises alone give.
    rules = level.rules.trust
    only_gain = level.start_trust + rules.gain_per_kept_promise * (1 - level.start_trust)
    assert trust[1][2] < only_gain


# 6. Uneven quality beyond the tolerance cancels the joint order --------------------------------


@pytest.mark.parametrize("name", CLUSTER_LEVELS)
def test_uneven_lots_cancel_the_joint_order(name):
    level = load_level(name)
    game = new_game(level, 3, level.reference_contract)
    for firm in game.state.firms:
        firm.quality = 0.95 if firm.id % 2 else 0.5
        firm.quality_spread = 0.0
    game.begin_season()
    report = game.resolve(dict.fromkeys(game.members(), COOPERATE))
    assert report.order_status == "cancelled_uneven"
    assert (
        report.quality_spread
        > game.reports[0].quality_spread - 1e-9
        > level.rules.quality.tolerance - 1
    )


@pytest.mark.parametrize("name", CLUSTER_LEVELS)
def test_even_lots_of_good_quality_are_accepted(name):
    level = load_level(name)
    game = new_game(level, 3, level.reference_contract)
    for firm in game.state.firms:
        firm.quality, firm.quality_spread = 0.8, 0.0
    setup = game.begin_season()
    report = game.resolve(dict.fromkeys(game.members(), COOPERATE))
    assert report.quality_spread == pytest.approx(0.0)
    assert report.order_status == "accepted" or setup.order.min_quality > 0.8


# 7. The three levels play differently, as the study describes ----------------------------------


def _caught_seed(name: str) -> int:
    """The first seed in which firm 0, alone selling por fuera, is caught in season one."""
    level = load_level(name)
    for seed in range(200):
        game = new_game(level, seed, level.no_rules_contract)
        game.begin_season()
        report = game.resolve({i: DEFECT if i == 0 else COOPERATE for i in game.members()})
        if 0 in report.detected:
            return seed
    raise AssertionError("no detection in 200 seeds")


def _caught_defector(name: str):
    level = load_level(name)
    game = new_game(level, _caught_seed(name), level.no_rules_contract)
    game.begin_season()
    return game.resolve({i: DEFECT if i == 0 else COOPERATE for i in game.members()})


def test_informal_sanctions_punish_defectors_in_el_porvenir_and_not_in_gamarra():
    porvenir = _caught_defector("el_porvenir")
    gamarra = _caught_defector("gamarra")
    assert porvenir.penalties[0].informal_sanction > 0
    assert gamarra.penalties[0].informal_sanction == 0
    assert any(reason == "informal_sanction" for _, _, reason in porvenir.ledger)


def test_the_informal_credit_cut_is_what_a_caught_defector_loses_in_el_porvenir():
    level = load_level("el_porvenir")
    seed = _caught_seed("el_porvenir")
    no_cut = replace(level, informal_sanctions=replace(level.informal_sanctions, credit_cut=0.0))
    decisions = {i: DEFECT if i == 0 else COOPERATE for i in range(level.firms.default)}
    with_cut = new_game(level, seed, level.no_rules_contract)
    without = new_game(no_cut, seed, level.no_rules_contract)
    for game in (with_cut, without):
        game.begin_season()
    a, b = with_cut.resolve(decisions), without.resolve(decisions)
    assert 0 in a.detected and 0 in b.detected
    assert b.capital_change[0] - a.capital_change[0] == pytest.approx(
        level.informal_sanctions.credit_cut
    )


def test_the_social_network_makes_detection_likelier_in_el_porvenir():
    porvenir, gamarra = load_level("el_porvenir"), load_level("gamarra")
    state = new_game(porvenir, 1, porvenir.no_rules_contract).state
    state.dimensions = dict(gamarra.start_dimensions)
    other = new_game(gamarra, 1, gamarra.no_rules_contract).state
    assert detection_chance(porvenir, state, 6) > detection_chance(gamarra, other, 6)


def _seasons_without_joint_action(name: str) -> int:
    """The cluster's phase when no consortium gives it an example for a whole game (no
    events): only its drift moves it."""
    level = load_level(name)
    dims = dict(level.start_dimensions)
    for _ in range(level.rules.end.season_limit):
        move_dimensions(
            dims,
            level.rules,
            population=NO_CHANGE,
            brand_investments=0,
            members=0,
            entry_per_season=0.0,
            event_shift={},
        )
    return compute_phase(dims, level.rules.phase_thresholds)


def test_el_porvenir_declines_when_nothing_is_done():
    assert _seasons_without_joint_action("el_porvenir") < 3


@pytest.mark.parametrize("name", ["gamarra", "villa_el_salvador"])
def test_the_other_clusters_hold_their_phase_when_nothing_is_done(name):
    assert _seasons_without_joint_action(name) == 3


def test_selling_por_fuera_tempts_more_in_gamarra_than_in_el_porvenir():
    def mean_premium(name: str) -> float:
        level = load_level(name)
        premiums = []
        for seed in range(30):
            game = new_game(level, seed)
            setup = game.begin_season()
            premiums += [o.price / setup.order.price - 1 for o in setup.offers.values()]
        return fmean(premiums)

    assert mean_premium("gamarra") > mean_premium("el_porvenir")


def test_uneven_quality_sinks_more_orders_in_gamarra_than_in_el_porvenir():
    def cancelled_uneven(name: str) -> int:
        level = load_level(name)
        total = 0
        for seed in range(60):
            game = play_policy(new_game(level, seed, level.reference_contract), everyone(COOPERATE))
            total += sum(r.order_status == "cancelled_uneven" for r in game.reports)
        return total

    assert cancelled_uneven("gamarra") > cancelled_uneven("el_porvenir")


# 8. Same level, seed and decisions: the same game ----------------------------------------------


def _mixed(firm: int, season: int):
    if (firm + season) % 3 == 0:
        return DEFECT
    if (firm * season) % 5 == 1:
        return invest(InvestTarget.QUALITY)
    return COOPERATE


@pytest.mark.parametrize("name", (*CLUSTER_LEVELS, "tutorial"))
def test_same_seed_and_decisions_give_the_same_game(name):
    level = load_level(name)
    policy = (
        _mixed if name != "tutorial" else (lambda f, s: DEFECT if (f + s) % 3 == 0 else COOPERATE)
    )
    first = play_policy(new_game(level, 11), policy)
    second = play_policy(new_game(level, 11), policy)
    assert first.reports == second.reports
    assert replay(level, first.record()).reports == first.reports


def test_a_different_seed_gives_a_different_game():
    level = load_level("gamarra")
    a = play_policy(new_game(level, 1), _mixed)
    b = play_policy(new_game(level, 2), _mixed)
    assert a.reports != b.reports


def test_what_if_meets_the_same_events_with_other_decisions():
    level = load_level("el_porvenir")
    real = play_policy(new_game(level, 5, level.reference_contract), _mixed)
    cooperative = new_game(level, 5, level.reference_contract)
    for report in real.reports:
        if cooperative.outcome is not None:
            break
        setup = cooperative.begin_season()
        assert setup.event.key == report.event
        cooperative.resolve(dict.fromkeys(cooperative.members(), COOPERATE))


# 9. The starting phase computed from each level's dimensions is the study's --------------------


@pytest.mark.parametrize("name", CLUSTER_LEVELS)
def test_the_computed_starting_phase_is_the_one_the_study_gives(name):
    level = load_level(name)
    assert (
        compute_phase(level.start_dimensions, level.rules.phase_thresholds)
        == level.start_phase
        == 3
    )
    assert new_game(level, 0).state.phase == 3


def test_the_phase_is_read_as_a_whole_not_from_the_weakest_dimension():
    """Gamarra's institutions read as phase I ("institutional chaos") and its demand as II, yet
    the cluster is phase III (004 3.3.1); losing one more core dimension would make it II."""
    from game.engine.cluster import dimension_readings

    level = load_level("gamarra")
    thresholds = level.rules.phase_thresholds
    readings = dimension_readings(level.start_dimensions, thresholds)
    assert readings["institutions"] == 1 and readings["demand"] == 2
    assert compute_phase(level.start_dimensions, thresholds) == 3
    weaker = {**level.start_dimensions, "technology": thresholds[3]["technology"] - 1}
    assert set(weaker) == set(DIMENSIONS)
    assert compute_phase(weaker, thresholds) == 2
