"""Invariants over random levels, contracts, seeds and decisions (hypothesis)."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.levels import load_level, shipped_level_names
from game.engine.contract import CONDITIONS
from game.engine.game import Game, GameRecord, replay
from game.engine.ledger import FUND
from game.engine.state import COOPERATE, DEFECT, Decision, InvestTarget, invest
from tests.hardening.invariants import check_season

LEVELS = {name: load_level(name) for name in shipped_level_names()}
CLUSTER_CHOICES = [COOPERATE, DEFECT] + [invest(t) for t in InvestTarget]


@st.composite
def games(draw):
    """A random game set-up and a decision function drawn from hypothesis' data."""
    name = draw(st.sampled_from(sorted(LEVELS)))
    level = LEVELS[name]
    firms = draw(st.integers(level.firms.min, level.firms.max))
    seed = draw(st.integers(0, 2**32))
    contract = {c: draw(st.sampled_from(sorted(level.contract[c].options))) for c in CONDITIONS}
    options = [COOPERATE, DEFECT] if level.is_dilemma else CLUSTER_CHOICES
    plan = draw(
        st.lists(
            st.lists(st.sampled_from(options), min_size=8, max_size=8), min_size=1, max_size=20
        )
    )
    return level, firms, seed, contract, plan


def _play(level, firms: int, seed: int, contract, plan) -> Game:
    game = Game(level, level.firm_names[:firms], seed, contract)
    season = 0
    while game.outcome is None:
        game.begin_season()
        row = plan[season % len(plan)]
        game.resolve({i: row[i] for i in game.members()})
        season += 1
        check_season(game)  # the invariants the engine soak holds every game to
    return game


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_invariants_hold_every_season(setup):
    level, firms, seed, contract, plan = setup
    game = _play(level, firms, seed, contract, plan)
    assert game.outcome is not None
    assert game.outcome.season == len(game.reports)


@settings(max_examples=60, deadline=None)
@given(games())
def test_replaying_a_recorded_game_reproduces_it_exactly(setup):
    level, firms, seed, contract, plan = setup
    game = _play(level, firms, seed, contract, plan)
    record = GameRecord.from_json(json.loads(json.dumps(game.record().to_json())))
    again = replay(level, record)
    assert again.reports == game.reports
    assert again.outcome == game.outcome
    assert [f.capital for f in again.state.firms] == [f.capital for f in game.state.firms]


@settings(max_examples=40, deadline=None)
@given(games())
def test_signing_moves_money_only_between_members_and_the_fund(setup):
    level, firms, seed, contract, _ = setup
    game = Game(level, level.firm_names[:firms], seed, contract)
    entries = game.signing.entries
    paid_in = -sum(amount for account, amount, _ in entries if account != FUND)
    fund = sum(amount for account, amount, _ in entries if account == FUND)
    assert math.isclose(
        paid_in - game.state.terms.cost_once * (not level.is_dilemma), fund, abs_tol=1e-6
    )
    assert math.isclose(game.state.fund, fund, abs_tol=1e-6)


def test_decisions_reject_an_investment_without_a_target():
    from game.engine.state import Action

    try:
        Decision(Action.INVEST)
    except ValueError:
        return
    raise AssertionError("an investment without a target was accepted")


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(min_value=1, max_value=8),
    start=st.floats(min_value=0.0, max_value=1.0),
    loss=st.floats(min_value=0.0, max_value=0.3),
    data=st.data(),
)
def test_the_trust_update_returns_exactly_the_alliances_new_trust(size, start, loss, data):
    from game.engine.trust import alliance_trust, trust_matrix, update_trust

    rules = load_level("gamarra").rules.trust
    trust = trust_matrix(size, start)
    members = data.draw(st.lists(st.sampled_from(range(size)), unique=True))
    kept = data.draw(st.sets(st.sampled_from(range(size))))
    caught = data.draw(st.sets(st.sampled_from(range(size))))
    after = update_trust(trust, members, kept, caught, loss, rules)
    assert after.hex() == alliance_trust(trust, members).hex()
