"""The level checker: shipped levels pass, and each kind of mistake gets its own message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.cli import check_levels
from game.content.levels import LEVELS_DIR, check_file, load_level, shipped_level_names
from game.content.problems import LevelError

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "levels"

# fixture -> (line, field path, words the message must contain, words the hint must contain)
BROKEN = {
    "unknown_field": (59, "events[1].wieght", "unknown field 'wieght'", "did you mean 'weight'?"),
    "missing_field": (2, "expected", "missing required field 'expected'", None),
    "wrong_type": (16, "start.trust", "must be a number between 0 and 1, got text 'alta'", None),
    "out_of_range": (16, "start.trust", "must be a number between 0 and 1, got 1.7", None),
    "unknown_choice": (4, "kind", "unknown value 'clustr'", "did you mean 'cluster'?"),
    "unknown_dimension": (19, "start.dimensions.tecnology", "unknown value", "'technology'"),
    "duplicate_key": (
        12,
        "difficulty",
        "duplicate key 'difficulty' (first defined on line 11)",
        None,
    ),
    "python_tag": (11, "difficulty", "tag '!!python/object/apply:os.system' is not allowed", None),
    "syntax_error": (17, "", "invalid YAML", None),
    "wrong_phase": (
        15,
        "start.phase",
        "read as phase II, not III: phase II read as a whole; core: productive_relations II (35)",
        None,
    ),
    "unknown_contract_option": (
        42,
        "contract.reference.leadership",
        "option 'profesional' is not on the table",
        "did you mean 'professional'?",
    ),
    "duplicate_event_key": (56, "events[1].key", "event key 'orders' is used twice", None),
    "unknown_event_effect": (
        55,
        "events[0].effects.order_volumen",
        "unknown value",
        "'order_volume'",
    ),
    "missing_translation": (57, "events[1].name.en", "missing required field 'en'", None),
    "firm_count": (12, "firms.default", "must lie between min (3) and max (5), got 6", None),
    "negative_weight": (53, "events[0].weight", "got -2", None),
    "empty": (1, "", "file is empty", None),
    "not_utf8": (5, "", "not valid UTF-8", None),
    "not_a_mapping": (2, "", "must be a mapping, got a list", None),
    "bad_payoffs": (36, "dilemma", "temptation > reward > punishment > sucker", None),
}


def test_every_broken_fixture_is_listed():
    on_disk = {p.stem.removeprefix("broken_") for p in FIXTURES.glob("broken_*.yaml")}
    assert on_disk == set(BROKEN) | {"many"}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_fixture_reports_file_line_field_and_message(kind):
    line, path, message, hint = BROKEN[kind]
    file = FIXTURES / f"broken_{kind}.yaml"
    problems = check_file(file)
    matching = [p for p in problems if p.path == path and message in p.message]
    assert matching, f"expected {path!r}: {message!r}, got {[str(p) for p in problems]}"
    problem = matching[0]
    assert problem.file == str(file)
    assert problem.line == line
    if hint:
        assert problem.hint and hint in problem.hint
    rendered = str(problem)
    expected_start = f"{file}:{line if line is not None else '?'}: "
    assert rendered.startswith(expected_start)


def test_all_problems_of_a_file_are_reported_together():
    problems = check_file(FIXTURES / "broken_many.yaml")
    paths = [p.path for p in problems]
    assert "difficulty" in paths
    assert "start.trust" in paths
    assert "events[1].source" in paths
    # the whole-level rules still look at the valid sections: the contract's option names
    (option,) = [p for p in problems if p.path == "contract.reference.leadership"]
    assert "'rotativa'" in option.message and "rotating" in (option.hint or "")
    assert len(problems) == 4
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_python_tag_is_refused_not_executed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_file(FIXTURES / "broken_python_tag.yaml")
    assert not (tmp_path / "hacked.txt").exists()


def test_a_refused_tag_does_not_hide_the_other_problems(tmp_path):
    """The tag is refused without constructing anything, and the checker goes on: a typo and a
    wrong contract option elsewhere in the same file are reported in the same run, once each."""
    text = (LEVELS_DIR / "gamarra.yaml").read_text(encoding="utf-8")
    text = text.replace("difficulty: ", "difficulty: !!python/object/apply:os.system ['true'] #", 1)
    text = text.replace("  trust:", "  trsut:", 1)
    text = text.replace("leadership: professional", "leadership: rotativa", 1)
    broken = tmp_path / "mixed.yaml"
    broken.write_text(text, encoding="utf-8")
    problems = {p.path: p for p in check_file(broken)}
    assert "is not allowed" in problems["difficulty"].message
    assert "did you mean 'trust'" in (problems["start.trsut"].hint or "")
    leadership = [p for path, p in problems.items() if path.endswith(".leadership")]
    assert leadership and "rotating" in (leadership[0].hint or "")
    assert list(problems).count("difficulty") == 1


def test_valid_minimal_fixture_passes():
    assert check_file(FIXTURES / "valid_minimal.yaml") == []


@pytest.mark.parametrize("name", shipped_level_names())
def test_every_shipped_level_passes_the_checker(name):
    assert check_file(LEVELS_DIR / f"{name}.yaml") == []


def test_rules_defaults_pass_the_checker():
    assert check_file(LEVELS_DIR / "rules_defaults.yaml") == []


def test_check_level_command_exits_zero_only_when_all_are_valid(capsys):
    assert check_levels(["gamarra", str(FIXTURES / "valid_minimal.yaml")]) == 0
    assert check_levels(["gamarra", str(FIXTURES / "broken_wrong_type.yaml")]) == 1
    err = capsys.readouterr().err
    assert "broken_wrong_type.yaml:16: start.trust: must be a number" in err


def test_check_level_prints_the_cluster_around_the_table(capsys):
    assert check_levels(["villa_el_salvador"]) == 0
    out = capsys.readouterr().out
    assert "phase III read as a whole" in out
    assert "around the table: 11,377 firms, 5% in associations" in out


def test_unknown_level_name_suggests_the_closest():
    with pytest.raises(LevelError) as caught:
        load_level("gammara")
    assert "did you mean 'gamarra'?" in str(caught.value)


def test_the_study_phase_of_each_cluster_is_three():
    for name in ("gamarra", "el_porvenir", "villa_el_salvador"):
        assert load_level(name).start_phase == 3


def test_main_check_level_runs_as_a_command():
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "main.py", "check-level", str(FIXTURES / "broken_unknown_choice.yaml")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert done.returncode == 1
    assert "kind: unknown value 'clustr' (did you mean 'cluster'?)" in done.stderr
    assert "Traceback" not in done.stderr
