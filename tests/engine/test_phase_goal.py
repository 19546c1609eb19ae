"""A phase-IV level can be won (issue 13, item 2): its file says what winning means, holding
phase IV and deepening the dimensions its case still lacks, and the ending says so."""

from __future__ import annotations

from pathlib import Path

import yaml

from game.content.levels import check_file, load_level
from game.engine.cluster import dimension_readings
from game.engine.state import COOPERATE, DEFECT
from game.play.story import reason_text
from tests.engine.helpers import everyone, new_game, play_policy

ROOT = Path(__file__).resolve().parents[2]
PHASE_IV = ROOT / "tests" / "data" / "levels" / "study_pais_vasco.yaml"


def test_holding_phase_iv_and_deepening_it_wins_and_says_so() -> None:
    level = load_level(str(PHASE_IV))
    assert level.start_phase == 4 and level.deepen
    start = dimension_readings(level.start_dimensions, level.rules.phase_thresholds)
    assert all(start[d] < 4 for d in level.deepen)
    game = play_policy(new_game(level, 1, level.reference_contract), everyone(COOPERATE))
    assert game.outcome.kind == "advance"
    (reason,) = game.outcome.reasons
    assert reason.code == "phase_deepened"
    readings = dimension_readings(game.state.dimensions, level.rules.phase_thresholds)
    assert all(readings[d] == 4 for d in level.deepen)
    es, en = reason_text(level, reason, "es"), reason_text(level, reason, "en")
    assert "Competencia cooperadora" in es and "Cooperative competition" in en


def test_a_phase_iv_level_that_does_not_deepen_ends_saying_what_it_lacked() -> None:
    level = load_level(str(PHASE_IV))
    for seed in range(40):
        game = play_policy(new_game(level, seed, level.reference_contract), everyone(DEFECT))
        if game.outcome.kind != "advance":
            break
    codes = [r.code for r in game.outcome.reasons]
    assert "phase_reached" not in codes and "phase_not_held" not in codes


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(PHASE_IV.read_text("utf-8"))
    change(data)
    path = tmp_path / "level.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_a_phase_iv_level_must_say_what_winning_means(tmp_path) -> None:
    problems = [str(p) for p in check_file(_write(tmp_path, lambda d: d.pop("goal")))]
    assert any("a phase-IV level needs a goal" in p for p in problems), problems


def test_a_goal_names_only_what_is_still_to_deepen(tmp_path) -> None:
    def already(data):
        data["goal"] = {"deepen": ["technology"]}  # reads IV at the start

    problems = [str(p) for p in check_file(_write(tmp_path, already))]
    assert any("technology already reads as phase IV" in p for p in problems), problems


def test_only_a_phase_iv_level_has_a_goal(tmp_path) -> None:
    data = yaml.safe_load((ROOT / "levels" / "gamarra.yaml").read_text("utf-8"))
    data["goal"] = {"deepen": ["institutions"]}
    path = tmp_path / "gamarra.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    problems = [str(p) for p in check_file(path)]
    assert any("only a phase-IV level has a goal" in p for p in problems), problems
