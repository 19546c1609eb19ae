"""Open membership (000 III, Términos de la membresía): who may join a consortium during a game.

Each test sets the membership rules so that the case it is about happens at once (every
delivered season brings an applicant, or the conditions keep every one out), then reads what
the engine did with it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.content.levels import load_level
from game.engine.game import GameRecord, replay
from game.engine.level import Level
from game.engine.state import COOPERATE, InvestTarget, invest
from tests.engine.helpers import everyone, new_game, play_policy

GAMARRA = load_level("gamarra")
OPEN = GAMARRA.reference_contract
CLOSED = {**OPEN, "membership": "closed"}


def _with(level: Level, **membership) -> Level:
    rules = replace(level.rules, membership=replace(level.rules.membership, **membership))
    return replace(level, rules=rules)


EVERYONE_APPLIES = _with(GAMARRA, apply_chance=1.0, entry_capacity=0.0)


def _first_join(level: Level, contract, seeds=range(1, 40)):
    """The first game (by seed) of five cooperating founders in which a firm joined."""
    for seed in seeds:
        game = play_policy(new_game(level, seed, contract, firms=5), everyone(COOPERATE))
        joined = [r for r in game.reports if r.applicant and r.applicant.joined]
        if joined:
            return game, joined[0]
    raise AssertionError("nobody joined in any game")


def test_under_closed_terms_nobody_ever_applies() -> None:
    for seed in range(1, 30):
        game = play_policy(new_game(EVERYONE_APPLIES, seed, CLOSED, firms=5), everyone(COOPERATE))
        assert all(r.applicant is None for r in game.reports)
        assert len(game.names) == 5


def test_a_newcomer_joins_after_a_delivered_season_and_decides_from_the_next() -> None:
    game, report = _first_join(EVERYONE_APPLIES, OPEN)
    assert report.order_status == "accepted"  # the consortium's example drew it in
    newcomer = report.applicant.firm_id
    assert newcomer == 5 and game.names[newcomer] == report.applicant.name
    assert game.names[newcomer] not in game.founders
    assert newcomer not in report.decisions  # it was not at the table that season
    following = game.reports[report.season]  # the next season's report
    assert newcomer in following.decisions


def test_a_newcomer_pays_its_fee_into_the_fund_and_starts_as_a_near_stranger() -> None:
    level = EVERYONE_APPLIES
    game = new_game(level, 3, OPEN, firms=5)
    while True:
        assert game.outcome is None
        game.begin_season()
        fund_at_start = game.state.fund
        report = game.resolve(dict.fromkeys(game.members(), COOPERATE))
        if report.applicant and report.applicant.joined:
            break
    newcomer = report.applicant.firm_id
    assert report.applicant.fee == pytest.approx(level.rules.membership.entry_fee)
    fee = report.applicant.fee
    assert game.state.fund == pytest.approx(fund_at_start + report.fund_change + fee)
    trust = level.rules.membership.newcomer_trust
    for member in game.members():
        if member != newcomer:
            assert game.state.trust[member][newcomer] == trust
            assert game.state.trust[newcomer][member] == trust
    assert len(game.state.trust) == len(game.state.firms) == 6


def test_the_entry_conditions_keep_out_an_applicant_that_brings_too_little() -> None:
    strict = _with(GAMARRA, apply_chance=1.0, entry_capacity=2.0)  # twice a typical workshop
    game = play_policy(new_game(strict, 1, OPEN, firms=5), everyone(COOPERATE))
    applied = [r.applicant for r in game.reports if r.applicant]
    assert applied and all(not a.joined and "capacity" in a.shortfalls for a in applied)
    assert len(game.names) == 5


def test_the_table_never_grows_past_the_levels_most_firms() -> None:
    full = GAMARRA.firms.max
    for seed in range(1, 10):
        game = play_policy(new_game(EVERYONE_APPLIES, seed, OPEN, firms=full), everyone(COOPERATE))
        assert all(r.applicant is None for r in game.reports)
    game, _ = _first_join(EVERYONE_APPLIES, OPEN)
    assert len(game.names) <= full


def test_a_newcomer_is_measured_over_the_whole_horizon_like_the_founders() -> None:
    """Before it joined it sold alone, so its payoff and its yardstick cover the same seasons
    as everyone's: what it earned alone until then counts in both."""
    game, report = _first_join(EVERYONE_APPLIES, OPEN)
    newcomer = report.applicant.firm_id
    assert len(game.payoffs()) == len(game.alone_payoffs()) == len(game.names)
    assert game.alone_payoffs()[newcomer] > 0.0


def test_a_game_with_newcomers_replays_from_its_record_exactly() -> None:
    game, _ = _first_join(EVERYONE_APPLIES, OPEN)
    record = GameRecord.from_json(game.record().to_json())
    assert record.names == game.founders
    again = replay(EVERYONE_APPLIES, record)
    assert again.names == game.names
    assert again.reports == game.reports
    assert again.payoffs() == game.payoffs()


def test_the_same_applicants_come_whatever_the_decisions_in_between() -> None:
    """The applicants' stream is drawn the same every season, so a "what if" that changes a
    decision meets the same applicants in the seasons both games hear one."""
    first, _ = _first_join(EVERYONE_APPLIES, OPEN)
    invest_first = lambda firm, season: invest(InvestTarget.QUALITY) if season == 1 else COOPERATE  # noqa: E731
    other = play_policy(new_game(EVERYONE_APPLIES, first.seed, OPEN, firms=5), invest_first)
    assert other.reports[0].decisions != first.reports[0].decisions
    both = [
        (a.applicant, b.applicant)
        for a, b in zip(first.reports, other.reports, strict=False)
        if a.applicant and b.applicant
    ]
    assert both
    for mine, theirs in both:
        assert (mine.capacity, mine.quality) == (theirs.capacity, theirs.quality)
