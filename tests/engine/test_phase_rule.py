"""The phase read as a whole (GAME_DESIGN, "The phase as a whole"; behaviour 9).

``tests/data/study/phase_readings.yaml`` reads each of the 21 cases of the study (004 chapters 2
and 3, Cuadros 3-23) dimension by dimension as the Cuadro 2 phase its description fits, with
the lines of 004 behind each reading; ``phase_rule.md`` beside it justifies the rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.engine.cluster import CORE_DIMENSIONS, phase_of_profile
from game.engine.rules import DIMENSIONS

READINGS = Path(__file__).parents[1] / "data" / "study" / "phase_readings.yaml"
CASES = yaml.safe_load(READINGS.read_text(encoding="utf-8"))["cases"]
PERUVIAN_PHASE_III = ("gamarra", "el_porvenir", "villa_el_salvador")


def test_the_readings_cover_the_studys_21_cases_on_every_dimension():
    assert len(CASES) == 21
    assert {case["study_phase"] for case in CASES} == {1, 2, 3, 4}
    for case in CASES:
        assert set(case["readings"]) == set(DIMENSIONS), case["key"]
        assert all(v in (None, 1, 2, 3, 4) for v in case["readings"].values()), case["key"]
        assert set(case["notes"]) == set(DIMENSIONS), case["key"]  # each reading says why


@pytest.mark.parametrize("case", CASES, ids=[case["key"] for case in CASES])
def test_the_phase_of_each_case_is_the_one_the_study_gives_it(case):
    assert phase_of_profile(case["readings"]) == case["study_phase"]


def _case(key: str) -> dict:
    return next(case for case in CASES if case["key"] == key)


@pytest.mark.parametrize("key", PERUVIAN_PHASE_III)
def test_a_named_weakness_does_not_pull_a_phase_iii_case_down_to_it(key):
    """The study calls these cases institutionally weak and still places them in phase III:
    the weakest dimension is not the phase."""
    readings = _case(key)["readings"]
    weakest = min(readings[d] for d in CORE_DIMENSIONS)
    assert weakest < 3
    assert phase_of_profile(readings) == 3


def test_gamarra_stays_in_phase_iii_with_its_institutions_read_as_chaotic():
    readings = dict(_case("gamarra")["readings"])
    for institutions in (1, 2):
        readings["institutions"] = institutions
        assert phase_of_profile(readings) == 3


def test_phase_iv_needs_the_clusters_own_technology_and_the_mature_dimensions():
    mature = {d: 4 for d in DIMENSIONS}
    assert phase_of_profile(mature) == 4
    assert phase_of_profile({**mature, "technology": 3}) == 3
    assert phase_of_profile({**mature, "cooperative_competition": 2}) == 3


def test_institutions_and_joint_action_lift_a_cluster_below_phase_iii_one_phase():
    articulated = {d: 2 for d in DIMENSIONS}
    assert phase_of_profile(articulated) == 2
    assert phase_of_profile({**articulated, "institutions": 3}) == 3
    assert phase_of_profile({**articulated, "institutions": 3, "cooperative_competition": 1}) == 2
    assert phase_of_profile({**articulated, "institutions": 4, "productive_relations": 4}) == 3
