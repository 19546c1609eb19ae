"""The key moments of a scripted game: a detected defection, an unseen one, an uneven order."""

from __future__ import annotations

from game.debrief import analyse
from game.engine.game import replay
from tests.debrief.conftest import scripted_level, scripted_record


def _scenario(level, seed):
    """The engine's own reports, when they show exactly the scripted story: firm 0 caught in
    season 1, firm 1 unseen in season 2, the order cancelled for uneven lots in season 3 and
    accepted before, no faulty lots, nobody leaving and no phase change."""
    reports = replay(level, scripted_record(level, seed)).reports
    ok = (
        len(reports) == 3
        and reports[0].detected == (0,)
        and reports[1].detected == ()
        and [r.order_status for r in reports] == ["accepted", "accepted", "cancelled_uneven"]
        and not any(r.faulty_lots or r.left for r in reports)
        and len({r.phase for r in reports}) == 1
        and reports[0].phase == level.start_phase
    )
    return reports if ok else None


def test_a_scripted_game_has_exactly_its_key_moments_in_order(gamarra):
    level = scripted_level(gamarra, seasons=3, tolerance=0.10)
    seed = next(s for s in range(400) if _scenario(level, s) is not None)
    debrief = analyse(level, scripted_record(level, seed))
    got = [(m.season, m.kind, m.firms) for m in debrief.moments]
    assert got == [
        (1, "defection_detected", (0,)),
        (1, "penalty", (0,)),
        (2, "defection_unseen", (1,)),
        (3, "order_cancelled", ()),
    ]
    names = debrief.names
    assert names[0] in debrief.moments[0].text["es"] and names[0] in debrief.moments[0].text["en"]
    assert names[1] in debrief.moments[2].text["en"]
    assert "dispar" in debrief.moments[3].text["es"] and "uneven" in debrief.moments[3].text["en"]


def test_the_replay_reveals_every_decision_and_who_was_caught(gamarra):
    level = scripted_level(gamarra, seasons=3, tolerance=0.10)
    seed = next(s for s in range(400) if _scenario(level, s) is not None)
    seasons = analyse(level, scripted_record(level, seed)).seasons
    first = {f.firm: (f.decision, f.detected) for f in seasons[0].firms}
    assert first[0] == ("defect", True)
    assert all(first[i] == ("cooperate", False) for i in range(1, 6))
    assert {f.firm: f.detected for f in seasons[1].firms}[1] is False
    assert seasons[0].firms[0].penalty > 0


def test_the_tutorial_counts_a_turn_to_betrayal_not_every_round_of_a_feud(tutorial):
    from game.engine.game import GameRecord
    from game.engine.state import COOPERATE, DEFECT

    script = [{0: COOPERATE, 1: COOPERATE}, {0: DEFECT, 1: COOPERATE}, {0: DEFECT, 1: DEFECT}]
    script += [{0: COOPERATE, 1: COOPERATE}] * 7
    record = GameRecord(
        "tutorial", 1, ("Ana", "Beto"), dict(tutorial.default_contract), tuple(script)
    )
    got = [(m.season, m.firms) for m in analyse(tutorial, record).moments]
    assert got == [(2, (0,)), (3, (1,))]
