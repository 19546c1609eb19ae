"""The season told in words: it never gives away a secret, and the font can draw every letter."""

from __future__ import annotations

import pygame
import pytest

from game.content.levels import load_level
from game.engine.state import COOPERATE, DEFECT
from game.i18n import LANGUAGES, catalogue
from game.play.match import Match, Seat
from game.play.story import season_story


def _steps_of_a_season_with_a_defection(seed: int):
    level = load_level("gamarra")
    seats = [Seat("Ana"), Seat("Beto"), Seat("Carla"), Seat("Dante")]
    match = Match(level, seats, seed=seed)
    match.sign(level.reference_contract)
    while match.next_human() is not None:
        seat = match.next_human()
        match.decide(seat, DEFECT if seat == 1 else COOPERATE)
    report = match.resolve()
    return report, season_story(level, report, [s.name for s in seats])


@pytest.mark.parametrize("seed", range(12))
def test_an_unseen_defector_is_never_singled_out(seed):
    report, steps = _steps_of_a_season_with_a_defection(seed)
    named = {firm for step in steps for firm in step.firms}
    if 1 not in report.detected:
        assert 1 not in named
        # nor by omission: only traceability (faulty lots) may point at the cooperators
        marked = {f for step in steps if step.kind != "faulty" for f in step.firms}
        assert not ({0, 2, 3} & marked)


def test_missing_lots_agree_with_the_delivered_count():
    for seed in range(12):
        _report, steps = _steps_of_a_season_with_a_defection(seed)
        told = {step.key: step.values for step in steps}
        if "story.suspicion" in told:
            shown = told["story.delivered"]
            gap = round(shown["promised"]) - round(shown["delivered"])
            assert told["story.suspicion"]["missing"] == gap


def test_every_registered_text_can_be_drawn_with_the_shipped_font():
    from game.ui.text import font

    pygame.font.init()
    face = font(18)
    missing = {
        (key, char)
        for lang in LANGUAGES
        for key, text in catalogue(lang).items()
        for char in set(text)
        if not char.isspace() and face.metrics(char)[0] is None
    }
    assert not missing


@pytest.mark.parametrize("name", ["tutorial", "gamarra", "el_porvenir", "villa_el_salvador"])
def test_every_ending_is_explained_in_full_in_both_languages(name):
    """Each reason's sentence gets every value it needs, whichever way the game ends."""

    from game.ai import make_personality, personality_keys
    from game.engine.game import play
    from game.play.story import reason_text

    level = load_level(name)
    keys = personality_keys()
    kinds = set()
    for seed in range(30):
        count = level.firms.default
        seats = [keys[(seed + i) % len(keys)] for i in range(count)]
        deciders = [make_personality(k, f"{seed}/{i}") for i, k in enumerate(seats)]
        game = play(level, deciders, seed)
        kinds.add(game.outcome.kind)
        for reason in game.outcome.reasons:
            for lang in LANGUAGES:
                text = reason_text(level, reason, lang)
                assert "{" not in text and "⟨" not in text, text
    assert kinds


def _caught_story(penalties: str):
    """The story of a season in which firm 1 is caught selling por fuera, under a contract
    whose penalties condition is ``penalties``."""
    from game.engine.game import Game

    level = load_level("gamarra")
    names = ["Ana", "Beto", "Carla", "Dante"]
    contract = {**level.reference_contract, "penalties": penalties}
    for seed in range(200):
        game = Game(level, names, seed, contract)
        game.begin_season()
        report = game.resolve({i: DEFECT if i == 1 else COOPERATE for i in range(4)})
        if report.detected == (1,):
            _caught_story.report = report
            return next(s for s in season_story(level, report, names) if s.kind == "detection")
    raise AssertionError("no seed caught the defector")


def test_a_contract_without_penalties_charges_no_fine_and_says_so():
    step = _caught_story("none")
    assert step.key == "story.detected"
    es, en = step.text("es"), step.text("en")
    assert "Beto" in es and "Beto" in en
    assert "no se cobran multas" in es and "no fines are charged" in en
    assert "S/ 0.0" not in es and "S/ 0.0" not in en


def test_a_contract_with_a_fine_tells_the_fine_and_the_offence():
    step = _caught_story("fine")
    penalty = _caught_story.report.penalties[1]
    assert penalty.fine == pytest.approx(0.6 * penalty.owed) and penalty.fine > 10
    assert f"Multa: S/ {penalty.fine:.1f} mil (falta n.º 1)." in step.text("es")
    assert f"Fine: S/ {penalty.fine:.1f}k (offence no. 1)." in step.text("en")


def _first_season(level_name: str, decide):
    level = load_level(level_name)
    seats = [Seat("Ana"), Seat("Beto"), Seat("Carla"), Seat("Dante")]
    match = Match(level, seats, seed=3)
    match.sign(level.reference_contract)
    while match.next_human() is not None:
        seat = match.next_human()
        match.decide(seat, decide(seat))
    report = match.resolve()
    return report, season_story(level, report, [s.name for s in seats])


def test_the_story_tells_how_many_of_the_clusters_firms_followed_the_example():
    report, steps = _first_season("gamarra", lambda seat: COOPERATE)
    told = [s for s in steps if s.kind == "population"]
    assert report.order_status == "accepted" and len(told) == 1
    firms = report.population["firms"]
    joined = round(firms * report.population["associated"]) - round(
        firms * report.population_before["associated"]
    )
    assert joined > 0 and told[0].key == "story.population.joined"
    assert f"{joined} empresas más" in told[0].text("es") and "7\u00a0000)" in told[0].text("es")
    assert f"{joined} more" in told[0].text("en") and "7,000)" in told[0].text("en")


def test_a_failure_the_cluster_sees_drives_firms_out_of_associations():
    report, steps = _first_season("gamarra", lambda seat: DEFECT)
    assert report.order_status.startswith("cancelled") or report.order_status == "no_order"
    keys = [s.key for s in steps if s.kind == "population"]
    assert keys in ([], ["story.population.left"])
    assert report.population["associated"] <= report.population_before["associated"]
