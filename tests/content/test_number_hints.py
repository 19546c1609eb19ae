"""The advice for a number the level file wrote as text, and for a file with too many values,
is right for what the file holds (issue 16, "messages").

It said "write 1000 or 1.0e3", but PyYAML reads ``1.0e3`` as text too (YAML 1.1 wants a point
and a signed exponent: ``1.0e+3``); it said "write the number without quotes" for ``1.0e3``
written without any quotes; and it said "use fewer aliases" of a large file with no alias.
"""

from __future__ import annotations

import pytest
import yaml

from game.content.levels import LEVELS_DIR, check_file
from game.content.problems import LevelError
from game.content.schema import number_text_hint
from game.content.yaml_source import load_yaml_bytes

TUTORIAL = (LEVELS_DIR / "tutorial.yaml").read_text(encoding="utf-8")


def _temptation_hint(tmp_path, written: str) -> str | None:
    """The hint the checker gives for the tutorial's ``temptation: 5`` written as ``written``."""
    assert "  temptation: 5\n" in TUTORIAL
    path = tmp_path / "nivel.yaml"
    path.write_text(TUTORIAL.replace("  temptation: 5\n", f"  temptation: {written}\n"), "utf-8")
    (problem,) = check_file(path)
    assert problem.path == "dilemma.temptation"
    return problem.hint


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("1.0e3", "YAML reads 1.0e3 as text; write 1000 or 1.0e+3"),
        ("1e3", "YAML reads 1e3 as text; write 1000 or 1.0e+3"),
        ("1E3", "YAML reads 1E3 as text; write 1000 or 1.0e+3"),
        ("1e-1", "YAML reads 1e-1 as text; write 0.1 or 1.0e-1"),
        ("5.0e0", "YAML reads 5.0e0 as text; write 5 or 5.0e+0"),
        ('"1e3"', "YAML reads 1e3 as text; write 1000 or 1.0e+3 without quotes"),
        ("'1.0e3'", "YAML reads 1.0e3 as text; write 1000 or 1.0e+3 without quotes"),
        ('"5"', "write the number without quotes"),
        ("'0.5'", "write the number without quotes"),
        ('"012"', "write 12 without quotes (YAML reads a bare 012 as 10)"),
    ],
)
def test_the_hint_fits_what_the_file_holds(tmp_path, written, hint):
    assert _temptation_hint(tmp_path, written) == hint


def test_every_form_advised_is_read_by_yaml_as_that_number():
    for text in ("1e3", "1.0e3", "2.5e3", "-4e2", "1e20", "1e-7", ".5e3"):
        hint = number_text_hint(text)
        advised = hint.split("; write ", 1)[1].split(" or ")
        assert advised, hint
        for form in advised:
            assert yaml.safe_load(form) == float(text), (text, form)


def test_text_that_is_no_number_gets_no_number_hint():
    for text in ("alta", "1,5", "inf", "nan", "1e400", "١٢", "x" * 200):
        assert number_text_hint(text) is None


def _too_many(text: str) -> str:
    with pytest.raises(LevelError) as raised:
        load_yaml_bytes(text.encode(), "nivel.yaml")
    (problem,) = raised.value.problems
    assert "more than 100000 values" in problem.message
    return problem.hint


def test_a_file_with_too_many_values_and_no_alias_is_not_told_to_use_fewer_aliases():
    hint = _too_many("a: [" + ", ".join(["1"] * 100_001) + "]\n")
    assert "alias" not in hint
    assert hint == "a level needs far fewer: look for a list or a section repeated by mistake"


def test_a_file_that_grows_through_aliases_is_told_to_use_fewer():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    assert _too_many("\n".join(lines) + "\n") == "use fewer aliases ('*name') or split the level"
