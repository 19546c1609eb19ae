"""The facilitator's treatment switches (issue 4): visibility, mistakes, penalty severity and
whether the last season is announced."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from game.content.levels import load_level
from game.engine.game import Game, GameRecord, replay
from game.engine.state import COOPERATE, DEFECT
from tests.engine.helpers import everyone, first_firm, new_game, play_policy

GAMARRA = load_level("gamarra")
TUTORIAL = load_level("tutorial")


def _with_detection(level, chance: float):
    """The level with a fixed detection chance (0 = never caught, 1 = always)."""
    detection = replace(
        level.rules.detection,
        two_firm_chance=chance,
        size_elasticity=0.0,
        institutions_weight=0.0,
        max_chance=chance,
    )
    informal = replace(level.informal_sanctions, enabled=False)
    return replace(
        level, rules=replace(level.rules, detection=detection), informal_sanctions=informal
    )


def _game(level, treatments=None, seed=3, contract=None) -> Game:
    count = level.firms.default
    contract = contract or level.reference_contract
    return Game(level, level.firm_names[:count], seed, contract, treatments=treatments)


# -- defaults and records ---------------------------------------------------------------------


def test_a_game_takes_the_level_defaults_from_the_rules_file():
    game = _game(GAMARRA)
    assert game.treatments == GAMARRA.rules.treatments
    assert game.treatments.visibility == "detected"
    assert game.treatments.mistake_rate == 0.0
    assert game.treatments.penalty_severity == 1.0
    assert game.treatments.announce_last_season is False  # issue 4: not told unless said


def test_treatments_are_kept_in_the_record_and_replayed():
    chosen = {"visibility": "public", "mistake_rate": 0.2, "penalty_severity": 2.0}
    game = play_policy(_game(GAMARRA, chosen), first_firm(DEFECT))
    record = GameRecord.from_json(json.loads(json.dumps(game.record().to_json())))
    assert record.treatments["visibility"] == "public"
    assert record.treatments_for(GAMARRA) == game.treatments
    again = replay(GAMARRA, record)
    assert again.reports == game.reports


def test_an_old_record_without_treatments_loads_with_the_defaults():
    game = play_policy(_game(GAMARRA), first_firm(DEFECT))
    data = game.record().to_json()
    del data["treatments"]
    record = GameRecord.from_json(data)
    assert record.treatments == {}
    assert record.treatments_for(GAMARRA) == GAMARRA.rules.treatments
    assert replay(GAMARRA, record).reports == game.reports


@pytest.mark.parametrize(
    "bad",
    [
        {"visibility": "everyone"},
        {"mistake_rate": 0.9},
        {"mistake_rate": -0.1},
        {"penalty_severity": "2"},
        {"announce_last_season": 1},
        {"colour": "blue"},
    ],
)
def test_a_treatment_out_of_its_bounds_is_refused(bad):
    with pytest.raises(ValueError):
        _game(GAMARRA, bad)


# -- visibility ---------------------------------------------------------------------------------


def _one_season(level, treatments, decisions):
    game = _game(level, treatments)
    game.begin_season()
    before = [row[:] for row in game.state.trust]
    report = game.resolve(decisions)
    return game, report, before


def test_with_public_visibility_every_defection_is_seen_by_all():
    level = _with_detection(GAMARRA, 0.0)  # the consortium never detects anyone
    decisions = {i: DEFECT if i == 0 else COOPERATE for i in range(level.firms.default)}
    hidden, hidden_report, _ = _one_season(level, {"visibility": "detected"}, decisions)
    public, public_report, before = _one_season(level, {"visibility": "public"}, decisions)

    assert hidden_report.detected == public_report.detected == ()
    assert hidden_report.seen == () and public_report.seen == (0,)
    loss = level.rules.trust.loss_detected
    for i in range(1, level.firms.default):
        # everyone's trust toward the defector falls as if it had been caught...
        assert public.state.trust[i][0] < hidden.state.trust[i][0] - loss / 2
        assert public.state.trust[i][0] < before[i][0]
        # ...and every firm's view of the season names it
        assert public.view(i).last.revealed == {0: "defect"}
        assert hidden.view(i).last.revealed == {}
    # a fine still needs the consortium's detection (a faulty lot traced is another breach)
    assert not [p for p in public_report.penalties.values() if p.breach == "por_fuera"]


def test_with_public_visibility_trust_between_cooperators_is_unchanged():
    level = _with_detection(GAMARRA, 0.0)
    decisions = {i: DEFECT if i == 0 else COOPERATE for i in range(level.firms.default)}
    hidden, _, _ = _one_season(level, {"visibility": "detected"}, decisions)
    public, _, _ = _one_season(level, {"visibility": "public"}, decisions)
    assert public.state.trust[1][2] == hidden.state.trust[1][2]


# -- mistakes -------------------------------------------------------------------------------


def test_a_mistake_rate_makes_cooperating_firms_deliver_faulty_lots():
    game = play_policy(_game(GAMARRA, {"mistake_rate": 0.3}, seed=11), everyone(COOPERATE))
    mistakes = [(r, i) for r in game.reports for i in r.mistakes]
    assert mistakes, "a 30% mistake rate gave no faulty lot in a whole game"
    for report, firm in mistakes:
        assert report.decisions[firm] == COOPERATE
        assert report.deliveries[firm].faulty
        assert report.lots_delivered < report.lots_promised
        assert firm not in report.detected


def test_mistakes_come_only_from_cooperating_firms():
    game = play_policy(_game(GAMARRA, {"mistake_rate": 0.5}, seed=2), everyone(DEFECT))
    assert all(r.mistakes == () for r in game.reports)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_zero_mistake_rate_plays_exactly_the_default_game(seed):
    default = play_policy(_game(GAMARRA, seed=seed), first_firm(DEFECT))
    zero = play_policy(_game(GAMARRA, {"mistake_rate": 0.0}, seed=seed), first_firm(DEFECT))
    assert zero.reports == default.reports


def test_mistakes_do_not_move_the_other_dice():
    """The same events and offers meet a game with mistakes (their stream is their own)."""
    plain = play_policy(_game(GAMARRA, seed=4), everyone(COOPERATE))
    noisy = play_policy(_game(GAMARRA, {"mistake_rate": 0.2}, seed=4), everyone(COOPERATE))
    seasons = min(len(plain.reports), len(noisy.reports))
    assert [r.event for r in plain.reports[:seasons]] == [r.event for r in noisy.reports[:seasons]]


def test_in_the_tutorial_a_mistake_turns_a_cooperation_into_a_defection():
    game = play_policy(_game(TUTORIAL, {"mistake_rate": 0.3}, seed=5), everyone(COOPERATE))
    slipped = [(r, i) for r in game.reports for i in r.mistakes]
    assert slipped
    table = TUTORIAL.dilemma
    for report, firm in slipped:
        assert report.decisions[firm] == COOPERATE  # what was meant is recorded
        assert firm in report.detected  # what came out is seen by all
        if len(report.mistakes) == 1:
            others = len(report.decisions) - 1
            assert report.payoffs[firm] == pytest.approx(table.temptation * others)
    record = game.public[game.reports.index(slipped[0][0])]
    assert record.revealed[slipped[0][1]] == "defect"


# -- penalty severity -----------------------------------------------------------------------


@pytest.mark.parametrize("severity", [0.0, 0.5, 2.0, 3.5])
def test_penalty_severity_scales_the_contract_fines(severity):
    level = _with_detection(GAMARRA, 1.0)  # every defection is caught
    decisions = {i: DEFECT if i == 0 else COOPERATE for i in range(level.firms.default)}
    _, base, _ = _one_season(level, {}, decisions)
    _, scaled, _ = _one_season(level, {"penalty_severity": severity}, decisions)
    assert base.penalties[0].fine > 0
    assert scaled.penalties[0].fine == pytest.approx(base.penalties[0].fine * severity)


# -- the last season ------------------------------------------------------------------------


def test_the_view_shows_the_season_limit_only_when_announced():
    shown = _game(GAMARRA, {"announce_last_season": True})
    hidden = _game(GAMARRA)  # the default: nobody is told which season is the last
    assert shown.view(0).season_limit == GAMARRA.rules.end.season_limit
    assert hidden.view(0).season_limit is None
    assert hidden.season_limit_known is False


def test_hiding_the_last_season_keeps_it_the_last():
    game = play_policy(
        new_game(TUTORIAL, 1), everyone(COOPERATE)
    )  # the tutorial always plays its rounds
    hidden = play_policy(
        _game(TUTORIAL, {"announce_last_season": False}, seed=1), everyone(COOPERATE)
    )
    assert len(hidden.reports) == len(game.reports) == TUTORIAL.rules.end.season_limit
