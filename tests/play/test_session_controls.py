"""The facilitator's session controls in a Match (issue 4): seats handed to a personality and
back, the decision timer, and treatments carried through the match and its saves."""

from __future__ import annotations

import json

import pytest

from game.ai import make_personality
from game.content.levels import load_level
from game.engine.state import COOPERATE, DEFECT
from game.play.match import MAX_HUMANS, Match, MatchError, Seat, Stage

GAMARRA = load_level("gamarra")


def _table(humans: int = 2, **kwargs) -> Match:
    seats = [Seat(f"Persona {i + 1}") for i in range(humans)]
    seats += [Seat(f"Firma {i}", p) for i, p in enumerate(["leal", "oportunista", "reciproco"])]
    match = Match(GAMARRA, seats[:5], seed=9, **kwargs)  # a game that outlasts a defection
    match.sign(GAMARRA.reference_contract)
    return match


def _restore(match: Match) -> Match:
    return Match.from_json(json.loads(json.dumps(match.to_json())), GAMARRA)


def _finish_season(match: Match, decision=COOPERATE):
    while match.next_human() is not None:
        match.decide(match.next_human(), decision)
    report = match.resolve()
    if match.stage is Stage.RESOLVED:
        match.next_season()
    return report


# -- replacing a seat ---------------------------------------------------------------------


def test_a_person_handed_to_a_personality_no_longer_decides():
    match = _table()
    match.replace_seat(1, "rencoroso")
    assert match.seats[1].personality == "rencoroso" and not match.seats[1].is_human
    assert match.humans_to_decide() == [0]
    match.decide(0, DEFECT)
    report = match.resolve()
    assert 1 in report.decisions  # the personality decided for the seat


def test_a_decision_already_taken_stands_when_the_seat_is_handed_over():
    match = _table()
    match.decide(1, DEFECT)
    match.replace_seat(1, "leal")  # the loyal partner would cooperate
    match.decide(0, COOPERATE)
    report = match.resolve()
    assert report.decisions[1] == DEFECT
    match.next_season()
    match.decide(0, COOPERATE)
    assert match.resolve().decisions[1] == COOPERATE  # from the next season it is the leal


def test_a_seat_handed_back_to_a_person_waits_for_them_and_leaves_the_others_alone():
    match = _table()
    match.decide(0, DEFECT)
    match.replace_seat(2, None)  # a computer-run seat becomes a person's
    assert match.seats[2].is_human
    assert match.pending == {0: DEFECT}  # nobody else's secret decision is touched
    assert match.humans_to_decide() == [1, 2]
    assert not match.ready_to_resolve()
    match.decide(1, COOPERATE)
    match.decide(2, DEFECT)
    report = match.resolve()
    assert report.decisions[2] == DEFECT and report.decisions[0] == DEFECT


def test_replacing_a_seat_is_checked():
    match = _table()
    with pytest.raises(MatchError, match="did you mean"):
        match.replace_seat(0, "lael")
    assert match.seats[0].is_human  # nothing changed
    with pytest.raises(MatchError):
        match.replace_seat(9, "leal")
    full = Match(
        GAMARRA,
        [Seat(f"P{i}") for i in range(MAX_HUMANS)] + [Seat("F", "leal")],
        seed=1,
    )
    with pytest.raises(MatchError, match="at most"):
        full.replace_seat(MAX_HUMANS, None)


def test_no_seat_changes_once_the_game_is_over():
    match = _table(humans=0)
    while match.stage is not Stage.OVER:
        _finish_season(match)
    with pytest.raises(MatchError, match="over"):
        match.replace_seat(0, None)


@pytest.mark.parametrize("when", ["deciding", "after_decision", "resolved"])
def test_a_match_with_seat_changes_restores_and_goes_on_identically(when):
    match = _table()
    _finish_season(match, DEFECT)
    match.replace_seat(0, "aprendiz")
    _finish_season(match)
    if when == "after_decision":
        match.decide(1, DEFECT)
        match.replace_seat(1, "reciproco")
    if when == "resolved":
        while match.next_human() is not None:
            match.decide(match.next_human(), COOPERATE)
        match.resolve()
        assert match.stage is Stage.RESOLVED
    match.replace_seat(3, None)
    restored = _restore(match)
    assert restored.seats == match.seats
    assert restored.pending == match.pending
    assert restored.stage == match.stage
    assert restored.active_game.reports == match.active_game.reports
    for _ in range(4):
        if match.stage is Stage.OVER:
            break
        if match.stage is Stage.RESOLVED:
            match.next_season()
            restored.next_season()
        assert _finish_season(restored, DEFECT) == _finish_season(match, DEFECT)


def test_a_format_1_save_still_loads():
    match = _table()
    match.decide(0, DEFECT)
    data = json.loads(json.dumps(match.to_json()))
    for key in ("treatments", "start_seats", "seat_changes", "kept", "absent"):
        del data[key]
    data["format"] = 1
    data["season_limit_known"] = False
    restored = Match.from_json(data, GAMARRA)
    assert restored.pending == match.pending
    assert restored.season_limit_known is False
    assert restored.view(1).season_limit is None


# -- the decision timer -------------------------------------------------------------------


def test_an_absent_person_s_firm_decides_with_the_chosen_personality_from_its_view():
    match = _table()
    view = match.view(1)
    decision = match.decide_for_absent(1, "oportunista")
    expected = make_personality("oportunista", f"{match.seed}/absent/1/1").decide(view)
    assert decision == expected
    assert match.pending[1] == decision
    assert match.seats[1].is_human  # the seat is still the person's next season
    assert match.humans_to_decide() == [0]
    match.decide(0, COOPERATE)
    assert match.resolve().decisions[1] == decision
    match.next_season()
    assert match.humans_to_decide() == [0, 1]


def test_the_decision_timer_is_checked():
    match = _table()
    match.decide(0, COOPERATE)
    with pytest.raises(MatchError, match="already decided"):
        match.decide_for_absent(0, "leal")
    with pytest.raises(MatchError, match="not a person"):
        match.decide_for_absent(3, "leal")
    with pytest.raises(MatchError):
        match.decide_for_absent(1, "nadie")


def test_decisions_for_absent_players_are_saved():
    match = _table()
    match.decide_for_absent(0, "reciproco")
    restored = _restore(match)
    assert restored.pending == match.pending
    assert [(a.season, a.seat, a.personality) for a in restored.absent_decisions] == [
        (1, 0, "reciproco")
    ]


def test_the_decision_timer_works_in_the_tutorial():
    tutorial = load_level("tutorial")
    match = Match(tutorial, [Seat("Ana"), Seat("Beto", "ojo_por_ojo")], seed=1)
    match.sign(tutorial.default_contract)
    assert match.decide_for_absent(0, "inversor").action.value in ("cooperate", "defect")


# -- treatments through the match ---------------------------------------------------------


def test_treatments_pass_through_the_match_and_its_save():
    chosen = {"visibility": "public", "mistake_rate": 0.1, "announce_last_season": False}
    match = _table(treatments=chosen)
    game = match.active_game
    assert game.treatments.visibility == "public"
    assert game.treatments.mistake_rate == 0.1
    assert match.season_limit_known is False and match.view(0).season_limit is None
    _finish_season(match, DEFECT)
    restored = _restore(match)
    assert restored.treatments == match.treatments
    assert restored.active_game.record().treatments == game.record().treatments
    assert restored.active_game.reports == game.reports


def test_a_bad_treatment_is_a_match_error():
    with pytest.raises(MatchError, match="mistake_rate"):
        _table(treatments={"mistake_rate": 2})


def test_the_older_season_limit_switch_still_works():
    match = _table(season_limit_known=False)
    assert match.treatments.announce_last_season is False
