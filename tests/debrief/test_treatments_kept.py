"""A game played with the facilitator's switches is analysed, replayed and spread with them."""

from __future__ import annotations

from game.ai import make_personality
from game.content.levels import load_level
from game.debrief import analyse, spread, what_if_contract
from game.engine.game import play

TREATED = {"visibility": "public", "mistake_rate": 0.2, "penalty_severity": 2.0}


def _treated_record():
    level = load_level("gamarra")
    keys = ["leal", "oportunista", "reciproco", "leal", "a_medias", "inversor"]
    deciders = [make_personality(k, f"7/ai/{i}") for i, k in enumerate(keys)]
    game = play(level, deciders, 7, level.reference_contract, treatments=TREATED)
    return level, game, game.record()


def test_the_debrief_replays_a_treated_game_exactly():
    level, game, record = _treated_record()
    assert record.treatments
    debrief = analyse(level, record)
    assert debrief.outcome.kind == game.outcome.kind
    assert len(debrief.seasons) == len(game.reports)
    real_trust = [r.trust_after for r in game.reports]
    assert debrief.series.trust[1:] == real_trust


def test_what_if_with_the_real_contract_keeps_the_treatments():
    level, game, record = _treated_record()
    again = what_if_contract(level, record, record.contract)
    assert again.series.trust[1:] == [r.trust_after for r in game.reports]


def test_the_spread_uses_the_treatments():
    level, _game, record = _treated_record()
    seats = ["leal"] * 6
    plain = spread(level, record.contract, seats, 40, 1)
    treated = spread(level, record.contract, seats, 40, 1, treatments=TREATED)
    assert plain != treated
