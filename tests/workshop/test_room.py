"""The workshop's room without a server: joining, seat tokens, secret decisions, clocks, the
console's controls, and a killed server rebuilt from its database where it was."""

from __future__ import annotations

import pytest

from game.engine.state import COOPERATE, DEFECT, InvestTarget, invest
from game.play.turn import Phase
from game.workshop.room import Room, RoomError, decision_from_form, normalise_code
from game.workshop.store import Store


def _room(tmp_path, *, groups=2, firms=4, timer=0, **options) -> Room:
    store = Store(tmp_path / "workshop.db")
    return Room.create(
        store, "gamarra", groups=groups, firms=firms, seed=7, timer_seconds=timer, **options
    )


def _reopen(room: Room) -> Room:
    """As if the server had been killed and started again on the same database."""
    return Room.open(Store(room.store.path))


def _seated(room: Room, group: int, seats) -> dict[int, str]:
    return {seat: room.claim(group, seat) for seat in seats}


def test_a_room_has_a_short_code_and_a_six_digit_pin(tmp_path):
    room = _room(tmp_path)
    assert len(room.code) == 4 and room.code.isalpha() and room.code.isupper()
    assert len(room.pin) == 6 and room.pin.isdigit()
    assert normalise_code(f"  {room.code.lower()} ") == room.code
    assert room.check_pin(room.pin) and not room.check_pin("000000x") and not room.check_pin("")


def test_claiming_a_seat_gives_a_token_that_holds_only_that_seat(tmp_path):
    room = _room(tmp_path)
    token = room.claim(1, 2)
    ref = room.seat_of(token)
    assert (ref.group, ref.seat) == (1, 2)
    group, _seat, generation, signature = token.split(".")
    forged = f"{group}.3.{generation}.{signature}"
    assert room.seat_of(forged) is None
    assert room.seat_of(token[:-1] + ("0" if token[-1] != "0" else "1")) is None
    for junk in (None, "", "1.2", "a.b.c.d", "x" * 500):
        assert room.seat_of(junk) is None


def test_a_seat_is_taken_once_and_one_phone_takes_one_seat(tmp_path):
    room = _room(tmp_path)
    mine = room.claim(1, 0)
    with pytest.raises(RoomError) as taken:
        room.claim(1, 0)
    assert taken.value.key == "workshop.error.taken"
    with pytest.raises(RoomError) as twice:
        room.claim(1, 1, holding=mine)
    assert twice.value.key == "workshop.error.already_seated"
    with pytest.raises(RoomError) as unknown:
        room.claim(9, 0)
    assert unknown.value.key == "workshop.error.unknown_seat"


def test_a_token_made_by_another_room_holds_nothing_here(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    room, other = _room(tmp_path / "a"), _room(tmp_path / "b")  # the same seed, another key
    assert room.seat_of(other.claim(1, 0)) is None


def test_the_start_runs_empty_seats_by_the_computer_and_leaves_empty_groups_waiting(tmp_path):
    room = _room(tmp_path)
    _seated(room, 1, [0, 2])
    assert room.start() == [1]
    match = room.groups[1].match
    assert [s.is_human for s in match.seats] == [True, False, True, False]
    assert room.groups[2].match is None
    late = room.claim(2, 1)  # the first phone of a group that nobody had joined starts it
    assert room.groups[2].started
    assert room.seat_screen(late)["screen"] == "deciding"


def test_up_to_eight_firms_each_on_a_phone(tmp_path):
    room = _room(tmp_path, groups=1, firms=8)
    tokens = _seated(room, 1, range(8))
    room.start()
    assert all(s.is_human for s in room.groups[1].match.seats)
    for token in tokens.values():
        room.decide(token, COOPERATE)
    assert room.groups[1].machine.phase is Phase.RESOLUTION


def test_a_phone_acts_only_for_its_own_seat_and_sees_only_its_own_decision(tmp_path):
    room = _room(tmp_path)
    tokens = _seated(room, 1, [0, 1, 2])
    room.start()
    room.decide(tokens[0], DEFECT)
    mine = room.seat_screen(tokens[0])
    assert mine["screen"] == "decided" and mine["decision"] == DEFECT
    theirs = room.seat_screen(tokens[1])
    assert theirs["screen"] == "deciding" and "decision" not in theirs
    assert (theirs["decided"], theirs["people"]) == (1, 3)
    assert "defect" not in repr(
        {k: v for k, v in theirs.items() if k not in ("view", "forecast", "level")}
    )
    with pytest.raises(RoomError) as nobody:
        room.decide("1.1.0.forged", COOPERATE)
    assert nobody.value.key == "workshop.error.no_seat"
    console = room.console()["groups"][0]
    assert [s["decided"] for s in console["seats"]] == [True, False, False, False]
    assert "defect" not in repr(console)


def test_a_decision_is_on_the_disk_before_the_phone_is_answered(tmp_path):
    room = _room(tmp_path)
    tokens = _seated(room, 1, [0, 1])
    room.start()
    assert room.decide(tokens[1], invest(InvestTarget.BRAND)) is True
    on_disk = Store(room.store.path).decision(1, 1, 1)
    assert on_disk == {"decision": {"action": "invest", "target": "brand"}}


def test_the_same_decision_sent_twice_is_one_decision_and_a_change_is_refused(tmp_path):
    room = _room(tmp_path)
    tokens = _seated(room, 1, [0, 1])
    room.start()
    assert room.decide(tokens[0], COOPERATE) is True
    assert room.decide(tokens[0], COOPERATE) is False  # a phone's retry
    with pytest.raises(RoomError) as changed:
        room.decide(tokens[0], DEFECT)
    assert changed.value.key == "workshop.error.already_decided"
    assert [e.kind for e in room.store.journal(1)] == ["decide"]


def test_the_season_resolves_once_when_the_last_person_decides(tmp_path):
    room = _room(tmp_path)
    tokens = _seated(room, 1, [0, 1])
    room.start()
    room.decide(tokens[0], COOPERATE)
    assert room.groups[1].machine.phase is Phase.DECIDING
    room.decide(tokens[1], DEFECT)
    assert room.groups[1].machine.phase is Phase.RESOLUTION
    assert list(room.store.resolutions(1)) == [1]
    screen = room.seat_screen(tokens[0])
    assert screen["screen"] == "story" and screen["story"] and screen["own"] is not None
    assert screen["own"].firms == (0,)


def test_the_group_goes_on_when_every_person_has_read_the_story(tmp_path):
    room = _room(tmp_path)
    tokens = _seated(room, 1, [0, 1])
    room.start()
    for token in tokens.values():
        room.decide(token, COOPERATE)
    room.go_on(tokens[0])
    assert room.seat_screen(tokens[0])["ready"] is True
    assert room.groups[1].machine.phase is Phase.RESOLUTION
    room.go_on(tokens[1])
    assert room.groups[1].machine.phase is Phase.DECIDING
    screen = room.seat_screen(tokens[1])
    assert screen["season"] == 2 and screen["last_result"] is not None


def test_the_timer_decides_with_the_facilitators_personality_and_pause_stops_it(tmp_path):
    room = _room(tmp_path, timer=30, timer_personality="oportunista")
    tokens = _seated(room, 1, [0, 1])
    room.start()
    room.decide(tokens[0], COOPERATE)
    room.time_passes(20)
    room.pause()
    room.time_passes(600)
    assert room.groups[1].machine.phase is Phase.DECIDING
    with pytest.raises(RoomError) as paused:
        room.decide(tokens[1], COOPERATE)
    assert paused.value.key == "workshop.error.paused"
    room.resume()
    room.time_passes(9)
    assert room.groups[1].machine.phase is Phase.DECIDING
    room.time_passes(1)
    assert room.groups[1].machine.phase is Phase.RESOLUTION
    entry = room.store.decision(1, 1, 1)
    assert entry["absent"] == "oportunista"
    report = room.groups[1].match.last_report
    assert report.decisions[1].to_json() == entry["decision"]


def test_a_stuck_seat_handed_to_the_computer_lets_the_season_resolve(tmp_path):
    room = _room(tmp_path)
    tokens = _seated(room, 1, [0, 1])
    room.start()
    room.decide(tokens[0], COOPERATE)
    room.to_computer(1, 1)
    assert room.groups[1].machine.phase is Phase.RESOLUTION
    assert room.seat_screen(tokens[1])["screen"] == "story"
    room.go_on(tokens[0])  # the only person left: the group goes on
    assert room.seat_screen(tokens[1])["screen"] == "computer"
    room.take_back(tokens[1])
    assert room.seat_screen(tokens[1])["screen"] == "deciding"


def test_a_released_seat_stops_the_old_phone_and_can_be_taken_by_a_new_one(tmp_path):
    room = _room(tmp_path)
    old = room.claim(1, 0)
    room.claim(1, 1)
    room.start()
    room.release(1, 0)
    assert room.seat_of(old) is None
    assert not room.groups[1].match.seats[0].is_human
    new = room.claim(1, 0)
    assert room.seat_screen(new)["screen"] == "deciding"
    assert room.groups[1].match.seats[0].is_human


def test_the_facilitator_moves_a_group_on_without_waiting(tmp_path):
    room = _room(tmp_path)
    tokens = _seated(room, 1, [0, 1])
    room.start()
    for token in tokens.values():
        room.decide(token, COOPERATE)
    room.next_season(1)
    assert room.groups[1].machine.phase is Phase.DECIDING
    assert room.groups[1].season == 2


def test_nothing_is_decided_before_the_start_or_after_the_end(tmp_path):
    room = _room(tmp_path)
    token = room.claim(1, 0)
    with pytest.raises(RoomError) as early:
        room.decide(token, COOPERATE)
    assert early.value.key == "workshop.error.not_started"
    (tmp_path / "empty").mkdir()
    with pytest.raises(RoomError) as nobody:
        _room(tmp_path / "empty").start()
    assert nobody.value.key == "workshop.error.nobody"
    room.start()
    room.end()
    with pytest.raises(RoomError) as late:
        room.decide(token, COOPERATE)
    assert late.value.key == "workshop.error.ended"
    assert room.seat_screen(token)["screen"] == "ended"


def test_a_form_becomes_a_decision_or_a_refusal():
    assert decision_from_form("cooperate", None) == COOPERATE
    assert decision_from_form("invest", "quality") == invest(InvestTarget.QUALITY)
    for action, target in [("steal", None), ("invest", None), ("invest", "gold"), (None, None)]:
        with pytest.raises(RoomError):
            decision_from_form(action, target)


# -- killed and started again ------------------------------------------------------------


def _play_some(room: Room, tokens: dict[int, str]) -> None:
    """Season 1 resolved and carried on, season 2 half decided (one by the timer)."""
    room.start()
    room.decide(tokens[0], COOPERATE)
    room.decide(tokens[1], invest(InvestTarget.QUALITY))  # nobody leaves the table
    room.decide(tokens[2], invest(InvestTarget.INSTITUTIONS))
    for token in tokens.values():
        room.go_on(token)
    room.decide(tokens[0], DEFECT)


def _state(room: Room) -> dict:
    out = {}
    for gid, group in room.groups.items():
        match = group.match
        out[gid] = (
            None
            if match is None
            else (
                group.machine.phase,
                match.seasons_played,
                [s.personality for s in match.seats],
                {k: v.to_json() for k, v in match.pending.items()},
                [round(f.capital, 9) for f in match.active_game.state.firms],
                [r.decisions for r in match.active_game.reports],
                sorted(group.claimed.items()),
            )
        )
    return out


def test_a_restarted_room_gives_every_group_back_where_it_was(tmp_path):
    room = _room(tmp_path)
    tokens = _seated(room, 1, [0, 1, 2])
    other = room.claim(2, 3)
    _play_some(room, tokens)
    room.to_computer(1, 2)
    before = _state(room)
    again = _reopen(room)
    assert _state(again) == before
    assert again.code == room.code and again.pin == room.pin and again.status == "running"
    # the phones' tokens still hold their seats, and play goes on from there
    assert again.seat_screen(tokens[0])["screen"] == "decided"
    assert again.seat_screen(tokens[1])["screen"] == "deciding"
    assert again.seat_screen(other)["screen"] == "deciding"
    again.decide(tokens[1], COOPERATE)
    assert again.groups[1].machine.phase is Phase.RESOLUTION
    assert list(again.store.resolutions(1)) == [1, 2]
    assert all(g.problem is None for g in again.groups.values())


def test_a_restarted_room_resolves_no_season_twice(tmp_path):
    room = _room(tmp_path)
    tokens = _seated(room, 1, [0, 1, 2])
    _play_some(room, tokens)
    capital = [f.capital for f in room.groups[1].match.active_game.state.firms]
    for _ in range(3):
        room = _reopen(room)
    assert [f.capital for f in room.groups[1].match.active_game.state.firms] == capital
    assert list(room.store.resolutions(1)) == [1]
    assert room.groups[1].match.seasons_played == 1


def test_a_restart_keeps_a_pause_and_the_timers_decisions(tmp_path):
    room = _room(tmp_path, timer=10)
    tokens = _seated(room, 1, [0, 1])
    room.start()
    room.decide(tokens[0], COOPERATE)
    room.time_passes(10)
    assert room.groups[1].machine.phase is Phase.RESOLUTION
    room.pause()
    again = _reopen(room)
    assert again.paused and again.groups[1].machine.paused
    assert _state(again) == _state(room)


def test_a_restart_between_the_resolution_and_its_record_writes_the_record(tmp_path):
    """The process died after the last decision was written but before the resolution was:
    the rebuilt group resolves that season from the written decisions, and records it."""
    room = _room(tmp_path)
    tokens = _seated(room, 1, [0, 1])
    room.start()
    room.decide(tokens[0], COOPERATE)
    room.decide(tokens[1], COOPERATE)
    capital = [f.capital for f in room.groups[1].match.active_game.state.firms]
    room.store._db.execute("DELETE FROM resolutions")
    again = _reopen(room)
    assert list(again.store.resolutions(1)) == [1]
    assert [f.capital for f in again.groups[1].match.active_game.state.firms] == capital
