"""The season's turn machine without pygame: hot-seat order, parallel deciding, the decision
timer and pausing, the story's pace, the demo, seats handed over, saves mid-turn, and the
events a phase refuses."""

from __future__ import annotations

import json

import pytest

from game.content.levels import load_level
from game.engine.state import COOPERATE, DEFECT, InvestTarget, invest
from game.play.match import Match, MatchError, Seat, Stage
from game.play.turn import (
    TOLD,
    Pace,
    Phase,
    Seating,
    TimedOut,
    TurnError,
    TurnMachine,
    pace_for,
)

GAMARRA = load_level("gamarra")
TUTORIAL = load_level("tutorial")


def _match(people: int = 2, firms: int = 5, level=GAMARRA, seed: int = 6, **options) -> Match:
    """A signed match: ``people`` people first, then computer-run firms."""
    personalities = ["leal", "oportunista", "reciproco", "leal", "inversor", "leal", "leal"]
    seats = [Seat(f"Persona {i + 1}") for i in range(people)]
    seats += [Seat(f"Firma {i}", personalities[i]) for i in range(firms - people)]
    match = Match(level, seats, seed, **options)
    match.sign(level.reference_contract)
    return match


def _restore(match: Match) -> Match:
    return Match.from_json(json.loads(json.dumps(match.to_json())), match.level)


class Resolutions:
    """Counts the hooks' calls, checking each pair comes in order."""

    def __init__(self) -> None:
        self.resolving = 0
        self.reports = []

    def before(self, turn: TurnMachine) -> None:
        assert turn.match.stage is Stage.DECIDING
        self.resolving += 1

    def after(self, turn: TurnMachine, report) -> None:
        assert turn.phase is Phase.RESOLUTION and turn.match.last_report is report
        self.reports.append(report)


def _machine(match: Match, **options) -> tuple[TurnMachine, Resolutions]:
    seen = Resolutions()
    turn = TurnMachine(match, on_resolving=seen.before, on_resolved=seen.after, **options)
    return turn, seen


def _hot_seat_season(turn: TurnMachine, decision=COOPERATE) -> None:
    """Every person in turn: take the screen, decide; then everyone looks."""
    while turn.phase in (Phase.HANDOFF, Phase.DECIDING):
        if turn.phase is Phase.HANDOFF:
            turn.open_private_screen()
        turn.decide(turn.seat, decision)
    if turn.phase is Phase.LOOK:
        turn.look()


# -- hot-seat ---------------------------------------------------------------------------------


def test_hot_seat_passes_the_screen_privately_in_seating_order_then_everyone_looks():
    turn, seen = _machine(_match(people=3))
    visited = []
    for seat in (0, 1, 2):
        assert (turn.phase, turn.seat) == (Phase.HANDOFF, seat)
        assert turn.deciding_now() == []  # nothing private while the screen is passed
        turn.open_private_screen()
        assert (turn.phase, turn.deciding_now()) == (Phase.DECIDING, [seat])
        visited.append(turn.decision_count())
        turn.decide(seat, COOPERATE)
    assert visited == [(0, 3), (1, 3), (2, 3)]
    assert (turn.phase, turn.seat) == (Phase.LOOK, None)
    assert seen.resolving == 0  # nobody has looked yet
    turn.look()
    assert turn.phase is Phase.RESOLUTION and turn.match.stage is Stage.RESOLVED
    assert len(seen.reports) == 1 and seen.resolving == 1


def test_a_lone_person_decides_at_once_and_the_season_resolves_on_confirming():
    turn, seen = _machine(_match(people=1))
    assert (turn.phase, turn.seat) == (Phase.DECIDING, 0)  # no hand-off, no look
    assert not turn.private_handoffs
    turn.decide(0, DEFECT)
    assert turn.phase is Phase.RESOLUTION
    assert seen.reports[0].decisions[0] == DEFECT


def test_the_next_season_starts_again_with_the_first_person():
    turn, _ = _machine(_match(people=2))
    _hot_seat_season(turn)
    turn.carry_on()
    assert (turn.phase, turn.seat) == (Phase.HANDOFF, 0)
    assert turn.match.seasons_played == 1 and turn.story == []


def test_a_refusal_of_the_rules_leaves_the_turn_where_it_was():
    turn, seen = _machine(_match(people=1, firms=4, level=TUTORIAL))
    with pytest.raises(MatchError, match="two choices"):
        turn.decide(0, invest(InvestTarget.BRAND))
    assert (turn.phase, turn.seat) == (Phase.DECIDING, 0) and not seen.reports
    turn.decide(0, COOPERATE)
    assert turn.phase is Phase.RESOLUTION


def test_every_season_resolves_once_from_what_was_decided():
    turn, seen = _machine(_match(people=2))
    for season in range(1, 4):
        _hot_seat_season(turn, DEFECT)
        assert len(seen.reports) == season == seen.resolving
        decided = seen.reports[-1].decisions  # a person expelled or broke decides no more
        assert [decided[i] for i in (0, 1) if i in decided] == [DEFECT] * len(set(decided) & {0, 1})
        assert season > 1 or set(decided) >= {0, 1}
        with pytest.raises(TurnError):
            turn.decide(0, COOPERATE)  # a late decision changes nothing
        with pytest.raises(TurnError):
            turn.look()
        if turn.game_over:
            break
        turn.carry_on()


# -- parallel (the workshop's phones) -------------------------------------------------------------


def test_in_parallel_every_person_decides_at_once_in_any_order_without_hand_offs():
    turn, seen = _machine(_match(people=3), seating=Seating.PARALLEL)
    assert (turn.phase, turn.seat) == (Phase.DECIDING, None)
    assert turn.deciding_now() == [0, 1, 2] and not turn.private_handoffs
    turn.decide(2, invest(InvestTarget.QUALITY))
    assert turn.deciding_now() == [0, 1] and turn.decision_count() == (1, 3)
    turn.decide(0, COOPERATE)
    assert turn.phase is Phase.DECIDING and not seen.reports
    turn.decide(1, COOPERATE)
    assert turn.phase is Phase.RESOLUTION
    decisions = seen.reports[0].decisions
    assert (decisions[0], decisions[1], decisions[2]) == (
        COOPERATE,
        COOPERATE,
        invest(InvestTarget.QUALITY),
    )
    turn.carry_on()
    assert (turn.phase, turn.deciding_now()) == (Phase.DECIDING, [0, 1, 2])


def test_the_order_in_which_phones_answer_does_not_change_the_season():
    def play(order: list[int]):
        turn, seen = _machine(_match(people=3, seed=9), seating=Seating.PARALLEL)
        choices = {0: COOPERATE, 1: DEFECT, 2: invest(InvestTarget.QUALITY)}
        for seat in order:
            turn.decide(seat, choices[seat])
        return seen.reports[0], [f.capital for f in turn.match.active_game.state.firms]

    first, capital = play([0, 1, 2])
    last, capital_again = play([2, 1, 0])
    assert first.decisions == last.decisions and first.detected == last.detected
    assert capital == pytest.approx(capital_again)


def test_in_parallel_a_seat_cannot_decide_twice_nor_for_a_computer():
    turn, _ = _machine(_match(people=2), seating=Seating.PARALLEL)
    turn.decide(0, COOPERATE)
    with pytest.raises(TurnError, match="Persona 1 has already decided"):
        turn.decide(0, DEFECT)
    with pytest.raises(TurnError, match="Firma 0 has no decision to take now"):
        turn.decide(2, DEFECT)
    with pytest.raises(TurnError, match="no seat 9"):
        turn.decide(9, DEFECT)
    assert turn.match.pending[0] == COOPERATE


def test_in_parallel_one_clock_runs_for_the_season_and_decides_for_everyone_still_away():
    match = _match(people=3, timer_seconds=60, timer_personality="oportunista")
    turn, seen = _machine(match, seating=Seating.PARALLEL)
    turn.time_passes(20)
    turn.decide(1, COOPERATE)
    assert turn.time_left == pytest.approx(40)  # a decision does not restart the clock
    timed_out = turn.time_passes(40)
    assert timed_out == [TimedOut(0), TimedOut(2)]
    assert [(a.seat, a.personality) for a in match.absent_decisions] == [
        (0, "oportunista"),
        (2, "oportunista"),
    ]
    assert turn.phase is Phase.RESOLUTION and turn.timed_out == (0, 2)
    assert seen.reports[0].decisions[1] == COOPERATE


# -- the decision timer -----------------------------------------------------------------------------


def test_when_time_runs_out_the_timer_personality_decides_and_the_next_person_gets_a_new_clock():
    match = _match(people=2, timer_seconds=30, timer_personality="oportunista")
    turn, _ = _machine(match)
    assert turn.time_left == 30
    turn.open_private_screen()
    assert turn.time_passes(29.5) == []
    assert 0 not in match.pending
    assert turn.time_passes(0.5) == [TimedOut(0)]
    assert [(a.seat, a.personality) for a in match.absent_decisions] == [(0, "oportunista")]
    assert match.seats[0].is_human  # the seat stays a person's
    assert (turn.phase, turn.seat, turn.time_left) == (Phase.HANDOFF, 1, 30)
    assert turn.timed_out == (0,)  # said on the hand-off, never what was decided
    turn.open_private_screen()
    assert turn.timed_out == ()


def test_the_clock_runs_from_the_hand_off_on():
    turn, _ = _machine(_match(people=2, timer_seconds=10))
    assert turn.phase is Phase.HANDOFF
    turn.time_passes(4)
    turn.open_private_screen()
    assert turn.time_left == pytest.approx(6)


def test_a_lone_person_whose_time_runs_out_sees_the_season_resolved():
    turn, seen = _machine(_match(people=1, timer_seconds=30))
    turn.time_passes(31)
    assert turn.phase is Phase.RESOLUTION and len(seen.reports) == 1
    assert turn.timed_out == (0,)


def test_pausing_stops_the_clock_and_the_story_and_resuming_goes_on_where_they_stopped():
    turn, _ = _machine(_match(people=1, timer_seconds=30))
    turn.time_passes(10)
    turn.pause()
    turn.pause()  # twice is one pause
    assert turn.time_passes(600) == [] and turn.time_left == pytest.approx(20)
    turn.resume()
    turn.time_passes(5)
    assert turn.time_left == pytest.approx(15)
    turn.decide(0, COOPERATE)
    turn.pause()
    turn.time_passes(100)
    assert turn.story_elapsed == 0
    turn.resume()
    turn.time_passes(1.5)
    assert turn.story_elapsed == pytest.approx(1.5)


def test_there_is_no_clock_without_a_timer_or_in_the_demo():
    turn, _ = _machine(_match(people=2))
    turn.time_passes(1e6)
    assert turn.time_left is None and turn.phase is Phase.HANDOFF
    demo, _ = _machine(_match(people=2, timer_seconds=30), demo=True)
    assert demo.time_left is None and not demo.timer_on


def test_a_turn_keeps_its_clock_while_seats_change_around_it():
    match = _match(people=3, timer_seconds=30)
    turn, _ = _machine(match)
    turn.time_passes(10)
    match.replace_seat(2, "leal")
    turn.seats_changed()
    assert (turn.seat, turn.time_left) == (0, pytest.approx(20))


def test_a_personality_that_cannot_decide_stops_the_clock_and_the_turn_stays():
    match = _match(people=2, timer_seconds=5)
    turn, _ = _machine(match)
    match.timer_personality = "no_such_personality"  # as a damaged setting might
    timed_out = turn.time_passes(6)
    assert len(timed_out) == 1 and timed_out[0].seat == 0 and timed_out[0].problem
    assert (turn.phase, turn.seat, turn.time_left) == (Phase.HANDOFF, 0, None)
    assert not match.pending and turn.timed_out == ()


def test_time_does_not_run_backwards():
    turn, _ = _machine(_match(people=1))
    with pytest.raises(ValueError, match="backwards"):
        turn.time_passes(-1)


# -- the story ----------------------------------------------------------------------------------------


def test_the_story_is_told_a_step_at_a_time_at_the_pace_given():
    turn, _ = _machine(_match(people=1), pace=Pace(step_seconds=1.0, demo_pause=2.0))
    turn.decide(0, COOPERATE)
    steps = len(turn.story)
    assert steps >= 2 and turn.visible_steps() == 1 and not turn.story_told
    turn.time_passes(1.0)
    assert turn.visible_steps() == 2
    turn.tell_next_step()
    assert turn.visible_steps() == min(3, steps)
    turn.tell_all()
    assert turn.visible_steps() == steps and turn.story_told


def test_told_step_by_step_the_story_ends_told():
    turn, _ = _machine(_match(people=1), pace=pace_for("normal"))
    turn.decide(0, COOPERATE)
    for _ in range(len(turn.story)):
        turn.tell_next_step()
    assert turn.story_told and turn.visible_steps() == len(turn.story)


def test_with_animation_off_the_story_is_told_at_once():
    turn, _ = _machine(_match(people=1), pace=pace_for("off"))
    turn.decide(0, COOPERATE)
    assert turn.visible_steps() == len(turn.story) and turn.story_told
    assert pace_for("no such speed") == pace_for("normal")


# -- the demo ----------------------------------------------------------------------------------------


def test_the_demo_plays_a_whole_game_by_itself_with_time_alone():
    match = _match(people=0, firms=5, seed=3)
    turn, seen = _machine(match, demo=True, pace=Pace(step_seconds=0.5, demo_pause=1.0))
    assert turn.phase is Phase.RESOLUTION and len(seen.reports) == 1  # resolved as it sat
    for _ in range(10_000):
        if turn.phase is Phase.ENDED:
            break
        turn.time_passes(0.25)
    assert turn.phase is Phase.ENDED and match.stage is Stage.OVER
    assert len(seen.reports) == match.seasons_played == seen.resolving
    assert turn.time_passes(10) == [] and turn.phase is Phase.ENDED


def test_the_demo_waits_for_its_story_and_the_pause_before_the_next_season():
    turn, _ = _machine(_match(people=0, firms=5), demo=True, pace=Pace(1.0, 2.0))
    told = turn.story_seconds()
    turn.time_passes(told + 1.9)
    assert turn.match.seasons_played == 1 and turn.phase is Phase.RESOLUTION
    turn.time_passes(0.2)
    assert turn.match.seasons_played == 2  # the next season, resolved at once again


# -- seats handed over -------------------------------------------------------------------------------


def test_the_person_whose_turn_it_is_handed_to_the_computer_passes_the_turn_on():
    match = _match(people=2)
    turn, _ = _machine(match)
    turn.open_private_screen()
    match.replace_seat(0, "reciproco")
    turn.seats_changed()
    assert (turn.phase, turn.seat) == (Phase.HANDOFF, 1)  # never on the last one's screen
    match.replace_seat(0, None)
    turn.seats_changed()
    assert (turn.phase, turn.seat) == (Phase.HANDOFF, 1)  # the person now deciding goes on
    turn.open_private_screen()
    turn.decide(1, COOPERATE)
    assert (turn.phase, turn.seat) == (Phase.HANDOFF, 0)  # then the one handed back
    turn.open_private_screen()
    turn.decide(0, COOPERATE)
    assert turn.phase is Phase.LOOK


def test_a_lone_person_handed_to_the_computer_lets_the_season_resolve():
    match = _match(people=1)
    turn, seen = _machine(match)
    match.replace_seat(0, "leal")
    turn.seats_changed()
    assert turn.phase is Phase.RESOLUTION and len(seen.reports) == 1


def test_a_firm_handed_back_while_everyone_looks_takes_its_turn_first():
    match = _match(people=2)
    match.replace_seat(2, None)
    turn, _ = _machine(match)
    for seat in (0, 1):
        turn.open_private_screen()
        turn.decide(seat, COOPERATE)
    assert (turn.phase, turn.seat) == (Phase.HANDOFF, 2)
    turn.open_private_screen()
    turn.decide(2, COOPERATE)
    match.replace_seat(1, None)  # already decided: a no-op for the turn
    turn.seats_changed()
    assert turn.phase is Phase.LOOK
    match.replace_seat(3, None)
    turn.seats_changed()
    assert (turn.phase, turn.seat) == (Phase.HANDOFF, 3)


def test_a_computer_firm_handed_to_a_person_waits_for_their_decision():
    match = _match(people=1, firms=4)
    turn, _ = _machine(match)
    match.replace_seat(2, None)
    turn.seats_changed()
    assert (turn.phase, turn.seat) == (Phase.DECIDING, 0)  # the lone person goes on
    turn.decide(0, COOPERATE)
    assert (turn.phase, turn.seat) == (Phase.HANDOFF, 2)  # two people now: a private hand-off


# -- saves ---------------------------------------------------------------------------------------------


def test_a_match_saved_mid_turn_is_taken_up_at_the_next_persons_hand_off_with_a_new_clock():
    match = _match(people=3, timer_seconds=30)
    turn, _ = _machine(match)
    turn.open_private_screen()
    turn.decide(0, DEFECT)
    turn.time_passes(12)
    restored = _restore(match)
    again, seen = _machine(restored)
    assert (again.phase, again.seat, again.time_left) == (Phase.HANDOFF, 1, 30)
    assert again.decision_count() == (1, 3)
    for machine in (turn, again):
        _hot_seat_season(machine, COOPERATE)
    assert seen.reports[0].decisions == match.last_report.decisions
    assert seen.reports[0].decisions[0] == DEFECT


def test_a_match_saved_after_everyone_decided_resolves_as_it_is_taken_up():
    match = _match(people=1)
    match.decide(0, COOPERATE)
    turn, seen = _machine(_restore(match))
    assert turn.phase is Phase.RESOLUTION and len(seen.reports) == 1


def test_a_match_saved_at_its_resolution_shows_the_story_told_at_once():
    match = _match(people=2)
    turn, _ = _machine(match)
    _hot_seat_season(turn)
    again, seen = _machine(_restore(match))
    assert again.phase is Phase.RESOLUTION and not seen.reports  # not resolved twice
    assert again.story_elapsed == TOLD and again.story_told
    assert again.visible_steps() == len(again.story) > 0
    again.carry_on()
    assert (again.phase, again.seat) == (Phase.HANDOFF, 0)


# -- events a phase refuses -----------------------------------------------------------------------------


def test_an_unsigned_match_has_no_turn_yet():
    seats = [Seat("Ana"), Seat("Beto", "leal"), Seat("Carla", "leal")]
    with pytest.raises(TurnError, match="contract is not signed"):
        TurnMachine(Match(GAMARRA, seats, 1))


def test_events_out_of_their_phase_are_refused_in_words():
    turn, _ = _machine(_match(people=2))
    with pytest.raises(TurnError, match="cannot decide during handoff: only during deciding"):
        turn.decide(0, COOPERATE)
    for event in (turn.look, turn.carry_on, turn.tell_all, turn.tell_next_step):
        with pytest.raises(TurnError, match="during handoff"):
            event()
    turn.open_private_screen()
    with pytest.raises(TurnError, match="cannot open a private screen during deciding"):
        turn.open_private_screen()
    with pytest.raises(TurnError, match="it is Persona 1's turn, not Persona 2's"):
        turn.decide(1, COOPERATE)
    assert (turn.phase, turn.seat) == (Phase.DECIDING, 0) and not turn.match.pending


def test_after_the_end_every_event_is_refused():
    match = _match(people=1, firms=4, level=TUTORIAL)
    turn, _ = _machine(match)
    while turn.phase is not Phase.ENDED:
        if turn.phase is Phase.DECIDING:
            turn.decide(0, COOPERATE)
        turn.carry_on()
    assert turn.game_over
    for event in (turn.carry_on, turn.look, turn.open_private_screen, turn.pause):
        with pytest.raises(TurnError):
            event()
    with pytest.raises(TurnError, match="during ended"):
        turn.decide(0, COOPERATE)
