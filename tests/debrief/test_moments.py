"""The key moments of a scripted game: a detected defection, an unseen one, an uneven order,
and the ending; and what is left out (an event that did nothing, a repeat)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.debrief import analyse
from game.engine.events import EventCard
from game.engine.game import GameRecord, replay
from game.engine.state import COOPERATE, DEFECT
from tests.debrief.conftest import QUIET, computer_game, scripted_level, scripted_record


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
        (3, "ending", ()),
    ]
    names = debrief.names
    assert names[0] in debrief.moments[0].text["es"] and names[0] in debrief.moments[0].text["en"]
    assert names[1] in debrief.moments[2].text["en"]
    assert "dispar" in debrief.moments[3].text["es"] and "uneven" in debrief.moments[3].text["en"]
    ending = debrief.moments[4].text
    for lang in ("es", "en"):
        assert debrief.outcome.title[lang].rstrip(".!") in ending[lang]
        assert debrief.outcome.reasons[0][lang] in ending[lang]


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
    got = [(m.season, m.kind, m.firms) for m in analyse(tutorial, record).moments]
    assert got == [
        (2, "defection_detected", (0,)),
        (3, "defection_detected", (1,)),
        (10, "ending", ()),
    ]


def _card(key: str, effects=None, dimensions=None) -> EventCard:
    return replace(QUIET, key=key, effects=dict(effects or {}), dimensions=dict(dimensions or {}))


def _loyal_game(gamarra, card: EventCard, seasons: int = 3, seed: int = 1):
    """The scripted Gamarra with one event every season and every firm cooperating."""
    level = replace(scripted_level(gamarra, seasons=seasons, tolerance=0.5), events=(card,))
    names = level.firm_names[:6]
    decisions = tuple({i: COOPERATE for i in range(len(names))} for _ in range(seasons))
    record = GameRecord(level.id, seed, tuple(names), dict(level.reference_contract), decisions)
    return analyse(level, record)


def _kinds(debrief) -> list[str]:
    return [m.kind for m in debrief.moments]


def test_an_event_that_did_nothing_is_not_a_moment(gamarra):
    """A routine campaign (a bit more volume, a small nudge to demand) moves no threshold, no
    verdict and little money: the timeline is only the ending."""
    campaign = _card("campaign", {"order_volume": 1.1}, {"demand": 0.5})
    debrief = _loyal_game(gamarra, campaign)
    assert "event_hit" not in _kinds(debrief)
    assert _kinds(debrief)[-1] == "ending"


@pytest.mark.parametrize(
    "card",
    [
        _card("flood", {"force_majeure": 1, "capacity": 0.75}),
        _card("crash", {"joint_price": 0.6, "market_price": 0.6}),
        _card("guild_war", dimensions={"productive_relations": -20.0}),
    ],
    ids=["force majeure", "prices cut", "a threshold crossed"],
)
def test_an_event_that_hit_is_a_moment(gamarra, card):
    debrief = _loyal_game(gamarra, card, seasons=1)
    assert debrief.moments[0].season == 1 and debrief.moments[0].kind == "event_hit"
    assert debrief.moments[0].text["es"].startswith(QUIET.name["es"])


def test_an_event_that_only_moved_money_is_told_the_first_time(gamarra):
    debrief = _loyal_game(gamarra, _card("crash", {"joint_price": 0.6, "market_price": 0.6}))
    events = [m.season for m in debrief.moments if m.kind == "event_hit"]
    assert events == [1]


def test_undetected_defections_of_one_season_are_one_moment(gamarra):
    level = scripted_level(gamarra, seasons=1, tolerance=0.5)
    names = tuple(level.firm_names[:6])
    decisions = ({i: DEFECT if i in (1, 3) else COOPERATE for i in range(6)},)
    records = (
        GameRecord(level.id, seed, names, dict(level.reference_contract), decisions)
        for seed in range(200)
    )
    record = next(r for r in records if replay(level, r).reports[0].detected == ())
    debrief = analyse(level, record)
    unseen = [m for m in debrief.moments if m.kind == "defection_unseen"]
    assert [(m.season, m.firms) for m in unseen] == [(1, (1, 3))]
    for lang in ("es", "en"):
        assert names[1] in unseen[0].text[lang] and names[3] in unseen[0].text[lang]


def test_a_firm_that_keeps_defecting_unseen_is_told_once_until_caught(gamarra):
    """Its first unseen defection is a moment; the next ones are counted in its detection."""
    level = scripted_level(gamarra, seasons=4, tolerance=0.5)
    names = tuple(level.firm_names[:6])
    seats = range(level.firms.max)  # the founders, and any firm that joins
    decisions = tuple({i: DEFECT if i == 2 else COOPERATE for i in seats} for _ in range(4))

    def detected(seed):
        record = GameRecord(level.id, seed, names, dict(level.reference_contract), decisions)
        return [r.detected for r in replay(level, record).reports], record

    record = next(r for s in range(400) for d, r in [detected(s)] if d == [(), (), (2,), ()])
    moments = analyse(level, record).moments
    defections = [(m.season, m.kind) for m in moments if m.kind.startswith("defection")]
    assert defections == [(1, "defection_unseen"), (3, "defection_detected")]
    caught = next(m for m in moments if m.kind == "defection_detected")
    assert "2 veces" in caught.text["es"] and "2 times" in caught.text["en"]


@pytest.mark.parametrize("name", ["gamarra", "el_porvenir", "villa_el_salvador", "tutorial"])
def test_the_ending_is_the_last_moment_with_its_reasons(name):
    from game.content.levels import load_level

    level = load_level(name)
    for seed in (1, 2, 3):
        debrief = analyse(level, computer_game(level, seed).record())
        last = debrief.moments[-1]
        assert last.kind == "ending" and last.season == debrief.outcome.season
        assert [m.kind for m in debrief.moments].count("ending") == 1
        seasons = [m.season for m in debrief.moments]
        assert seasons == sorted(seasons)
        for lang in ("es", "en"):
            assert "{" not in last.text[lang] and "⟨" not in last.text[lang]
            assert debrief.outcome.reasons[0][lang] in last.text[lang]


def test_an_unfinished_game_has_no_ending(gamarra):
    game = computer_game(gamarra, 1)
    record = game.record()
    cut = replace(record, decisions=record.decisions[:1])
    assert len(record.decisions) > 1
    assert "ending" not in _kinds(analyse(gamarra, cut))


def test_a_loyal_game_is_a_short_timeline(gamarra):
    """A long game of cooperation: a few events that hit, the first faulty-lot claim, the
    ending, and no log of every season."""
    debrief = analyse(gamarra, computer_game(gamarra, 1, ("leal",) * 6).record())
    assert len(debrief.seasons) >= 8  # a phase change takes years, even for a loyal table
    assert 2 <= len(debrief.moments) <= 10
    kinds = _kinds(debrief)
    assert kinds.count("faulty_shared") <= 1 and kinds[-1] == "ending"


def test_every_moment_kind_is_known_and_labelled():
    """What moments.py produces is a declared kind, with a label and a colour on screen."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.debrief.model import MOMENT_KINDS
    from game.i18n import catalogue
    from game.ui.scenes.debrief import MOMENT_COLOURS

    assert set(MOMENT_COLOURS) == set(MOMENT_KINDS)
    assert all(f"debrief.kind.{kind}" in catalogue("es") for kind in MOMENT_KINDS)


@pytest.mark.parametrize("name", ["tutorial", "gamarra", "el_porvenir", "villa_el_salvador"])
def test_the_moments_of_real_games_are_of_declared_kinds_and_end_with_the_ending(name):
    from game.content.levels import load_level
    from game.debrief.model import MOMENT_KINDS

    level = load_level(name)
    for seed in range(8):
        game = computer_game(level, seed)
        moments = analyse(level, game.record()).moments
        assert {m.kind for m in moments} <= set(MOMENT_KINDS)
        assert moments[-1].kind == "ending"
        assert [m.season for m in moments] == sorted(m.season for m in moments)
