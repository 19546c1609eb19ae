"""Three test levels of cases the study places outside phase III: Chimbote (phase I, 004
3.1.2), Bambamarca (phase II, 3.2.2) and the Spanish multi-product mini-clusters (phase IV,
2.4.2). The game reads each as the study does: the phase of the whole profile, and each
dimension as the Cuadro 2 phase ``tests/data/study/phase_readings.yaml`` gives it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.ai import make_personality
from game.content.levels import load_level
from game.engine.cluster import compute_phase, dimension_readings
from game.engine.game import play
from game.engine.rules import DIMENSIONS

DATA = Path(__file__).resolve().parents[1] / "data"
READINGS = DATA / "study" / "phase_readings.yaml"
CASES = {
    case["key"]: case for case in yaml.safe_load(READINGS.read_text(encoding="utf-8"))["cases"]
}
STUDY_LEVELS = ("chimbote", "bambamarca", "pais_vasco")
"""Case keys of phase_readings.yaml; each level is tests/data/levels/study_<key>.yaml."""


def _level(key: str):
    return load_level(DATA / "levels" / f"study_{key}.yaml")


def test_the_levels_cover_phases_other_than_iii():
    assert sorted(CASES[key]["study_phase"] for key in STUDY_LEVELS) == [1, 2, 4]


@pytest.mark.parametrize("key", STUDY_LEVELS)
def test_the_level_starts_in_the_phase_the_study_gives_the_case(key):
    level, case = _level(key), CASES[key]
    thresholds = level.rules.phase_thresholds
    assert compute_phase(level.start_dimensions, thresholds) == level.start_phase
    assert level.start_phase == case["study_phase"]
    assert any(case["section"] in source for source in level.sources)


@pytest.mark.parametrize("key", STUDY_LEVELS)
def test_each_dimension_reads_as_the_study_reads_it(key):
    """Every dimension the study reads has the reading phase_readings.yaml gives it. The one
    exception the game's bands impose: a dimension with no phase-II minimum (the three mature
    ones, which Cuadro 2 describes only for phase IV) can read no lower than II, so a study
    reading of I must show as that lowest reading, low in its band (under half the next
    minimum)."""
    level, case = _level(key), CASES[key]
    thresholds = level.rules.phase_thresholds
    readings = dimension_readings(level.start_dimensions, thresholds)
    lowest = dimension_readings(dict.fromkeys(DIMENSIONS, 0.0), thresholds)
    for dim, study in case["readings"].items():
        if study is None:
            continue
        assert readings[dim] == max(study, lowest[dim]), (dim, study, readings[dim])
        if study < lowest[dim]:
            next_minimum = thresholds[lowest[dim] + 1][dim]
            assert level.start_dimensions[dim] < next_minimum / 2, (dim, study)


@pytest.mark.parametrize("key", STUDY_LEVELS)
def test_a_game_can_be_played_on_the_level(key):
    level = _level(key)
    deciders = [make_personality("leal", f"1/ai/{i}") for i in range(level.firms.default)]
    game = play(level, deciders, 1, level.reference_contract)
    assert game.outcome is not None
    assert game.outcome.season >= 1


@pytest.mark.parametrize("key", STUDY_LEVELS)
def test_what_the_study_says_is_not_more_is_better_the_level_reads_so(key):
    """phase_readings.yaml's ``not_more_is_better`` (the study's own words, with lines) is what
    the level's ``dimension_sense`` encodes, dimension for dimension."""
    level, case = _level(key), CASES[key]
    named = {item["dimension"] for item in case.get("not_more_is_better") or ()}
    assert set(level.dimension_sense) == named
    assert all(sense.source.startswith("004") for sense in level.dimension_sense.values())


def test_past_its_ceiling_more_entry_reads_as_a_weaker_fishery():
    """004 3.1.2: new extractors are a risk to Chimbote's stock, not a strength."""
    level = _level("chimbote")
    thresholds, senses = level.rules.phase_thresholds, level.dimension_sense
    ceiling = senses["entry_of_agents"].at
    healthy = {**level.start_dimensions, "entry_of_agents": ceiling}
    crowded = {**level.start_dimensions, "entry_of_agents": ceiling + 15}
    assert (
        dimension_readings(crowded, thresholds)["entry_of_agents"]
        >= (dimension_readings(healthy, thresholds)["entry_of_agents"])
    )  # read naively, more entry never looks worse
    assert senses["entry_of_agents"].read_value(ceiling + 15) == ceiling - 15
    assert (
        dimension_readings(crowded, thresholds, senses)["entry_of_agents"]
        <= (dimension_readings(healthy, thresholds, senses)["entry_of_agents"])
    )


def test_a_dimension_not_sought_counts_neither_for_nor_against_the_phase():
    """004 3.2.2: Bambamarca's artisanal technique is its asset."""
    level = _level("bambamarca")
    thresholds, senses = level.rules.phase_thresholds, level.dimension_sense
    readings = dimension_readings(level.start_dimensions, thresholds, senses)
    assert readings["technology"] is None and readings["demand"] is None
    for technology in (0.0, 100.0):
        dims = {**level.start_dimensions, "technology": technology}
        assert compute_phase(dims, thresholds, senses) == level.start_phase == 2


def test_a_ceiling_without_its_level_is_refused_with_the_file_and_line(tmp_path):
    from game.content.levels import check_file

    text = (DATA / "levels" / "study_chimbote.yaml").read_text(encoding="utf-8")
    broken = text.replace("{kind: ceiling, at: 20,", "{kind: ceiling,")
    path = tmp_path / "chimbote.yaml"
    path.write_text(broken, encoding="utf-8")
    problems = check_file(path)
    assert [p.path for p in problems] == ["dimension_sense.entry_of_agents"]
    assert "a ceiling needs 'at'" in problems[0].message and problems[0].line > 1
