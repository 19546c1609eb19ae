"""The table's order of play: seats, contract, secret decisions, resolution, saving."""

from __future__ import annotations

import json

import pytest

from game.content.levels import load_level
from game.engine.state import COOPERATE, DEFECT, InvestTarget, invest
from game.i18n import LANGUAGES
from game.play.match import Match, MatchError, Seat, Stage
from game.play.story import season_story

GAMARRA = load_level("gamarra")


def _table(humans: int = 2, level=GAMARRA) -> Match:
    seats = [Seat(f"Persona {i + 1}") for i in range(humans)]
    seats += [
        Seat(f"Firma {i}", p)
        for i, p in enumerate(["leal", "oportunista", "reciproco", "inversor"])
    ]
    return Match(level, seats[: level.firms.default], seed=5)


def test_seats_are_checked():
    with pytest.raises(MatchError, match="same name"):
        Match(GAMARRA, [Seat("Ana"), Seat("ana"), Seat("Beto", "leal")], seed=1)
    with pytest.raises(MatchError, match="3 to 8"):
        Match(GAMARRA, [Seat("Ana"), Seat("Beto")], seed=1)
    with pytest.raises(MatchError, match="at most 6"):
        Match(GAMARRA, [Seat(f"P{i}") for i in range(7)], seed=1)
    with pytest.raises(MatchError, match="needs a name"):
        Match(GAMARRA, [Seat(" "), Seat("B", "leal"), Seat("C", "leal")], seed=1)


def test_computer_firms_state_contract_preferences_from_their_personality():
    match = _table()
    prefs = match.ai_contract_preferences()
    by_personality = {match.seats[i].personality: p for i, p in prefs.items()}
    assert by_personality["oportunista"]["penalties"] == "none"
    assert by_personality["oportunista"]["traceability"] == "none"
    assert by_personality["leal"] == GAMARRA.reference_contract


def test_people_decide_in_turn_then_the_season_resolves():
    match = _table(humans=2)
    with pytest.raises(MatchError):
        match.decide(0, COOPERATE)  # no contract yet
    match.sign(GAMARRA.reference_contract)
    assert match.next_human() == 0
    with pytest.raises(MatchError):
        match.resolve()
    match.decide(0, DEFECT)
    assert match.next_human() == 1
    with pytest.raises(MatchError, match="computer"):
        match.decide(3, COOPERATE)
    match.decide(1, invest(InvestTarget.QUALITY))
    assert match.ready_to_resolve()
    report = match.resolve()
    assert report.decisions[0] == DEFECT
    assert set(report.decisions) == set(range(6))
    assert match.stage in (Stage.RESOLVED, Stage.OVER)


def test_a_whole_game_reaches_an_ending():
    match = _table(humans=1)
    match.sign(GAMARRA.default_contract)
    while match.stage is not Stage.OVER:
        if match.stage is Stage.RESOLVED:
            match.next_season()
        match.decide(0, COOPERATE)
        match.resolve()
    assert match.active_game.outcome is not None


def test_the_tutorial_refuses_an_investment():
    tutorial = load_level("tutorial")
    match = Match(tutorial, [Seat("Ana"), Seat("Beto", "ojo_por_ojo")], seed=1)
    match.sign(tutorial.default_contract)
    with pytest.raises(MatchError):
        match.decide(0, invest(InvestTarget.BRAND))


@pytest.mark.parametrize("seasons", [0, 1, 4])
def test_save_and_restore_mid_season_continues_identically(seasons):
    match = _table(humans=2)
    # fines that never expel: both people are still at the table after four seasons
    match.sign({**GAMARRA.reference_contract, "penalties": "fine"})
    for _ in range(seasons):
        match.decide(0, COOPERATE)
        if 1 in match.active_game.members():  # an expelled defector decides nothing more
            match.decide(1, DEFECT)
        match.resolve()
        if match.stage is Stage.OVER:
            return
        match.next_season()
    match.decide(0, DEFECT)  # one person has decided, the other has not
    saved = json.loads(json.dumps(match.to_json()))
    restored = Match.from_json(saved, GAMARRA)
    assert restored.stage == match.stage
    assert restored.pending == match.pending
    assert restored.active_game.reports == match.active_game.reports
    assert restored.next_human() == match.next_human()
    for table in (match, restored):
        while table.next_human() is not None:
            table.decide(table.next_human(), COOPERATE)
    assert restored.resolve() == match.resolve()


def test_a_restored_match_before_signing_is_at_the_contract():
    match = _table()
    restored = Match.from_json(json.loads(json.dumps(match.to_json())), GAMARRA)
    assert restored.stage is Stage.CONTRACT and restored.game is None


@pytest.mark.parametrize("name", ["tutorial", "gamarra", "el_porvenir", "villa_el_salvador"])
def test_every_season_story_reads_in_both_languages(name):
    level = load_level(name)
    seats = [Seat("Ana")] + [
        Seat(f"F{i}", p) for i, p in enumerate(["oportunista", "a_medias", "inversor"])
    ]
    match = Match(level, seats[: max(level.firms.min, 4)], seed=3)
    match.sign(level.reference_contract)
    told = set()
    while match.stage is not Stage.OVER:
        if match.stage is Stage.RESOLVED:
            match.next_season()
        if match.next_human() is not None:
            match.decide(0, DEFECT if match.active_game.state.season % 2 else COOPERATE)
        report = match.resolve()
        for step in season_story(level, report, [s.name for s in match.seats]):
            told.add(step.kind)
            for lang in LANGUAGES:
                text = step.text(lang)
                assert text and "⟨" not in text and "{" not in text
    assert {"event", "trust"} <= told


def test_a_table_of_a_device_each_seats_eight_people_where_one_screen_seats_six():
    """The workshop's phones (issue 15): every firm may be a person when the table says so."""
    from game.play.match import MAX_HUMANS

    level = load_level("gamarra")
    eight = [Seat(f"Persona {i + 1}") for i in range(8)]
    with pytest.raises(MatchError, match=f"at most {MAX_HUMANS} people can play on one screen"):
        Match(level, eight, seed=3)
    match = Match(level, eight, seed=3, max_people=8)
    match.sign(level.reference_contract)
    assert len(match.humans_to_decide()) == 8


def test_a_seat_handed_back_to_a_person_counts_against_the_tables_own_limit():
    level = load_level("gamarra")
    seats = [Seat(f"Persona {i + 1}") for i in range(7)] + [Seat("Firma", "leal")]
    match = Match(level, seats, seed=3, max_people=7)
    with pytest.raises(MatchError, match="at most 7 people can play at this table"):
        match.replace_seat(7, None)
    roomy = Match(level, seats, seed=3, max_people=8)
    roomy.replace_seat(7, None)
    assert roomy.seats[7].is_human
