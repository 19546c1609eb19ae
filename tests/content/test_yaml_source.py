"""Tests for the safe, line-tracking YAML loader used for level files."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.problems import LevelError
from game.content.yaml_source import MAX_DEPTH, YamlDocument, load_yaml_bytes, load_yaml_file


def load(text: str) -> YamlDocument:
    return load_yaml_bytes(textwrap.dedent(text).encode(), "level.yaml")


def problems(raw: bytes | str) -> list:
    data = raw.encode() if isinstance(raw, str) else raw
    with pytest.raises(LevelError) as info:
        load_yaml_bytes(data, "level.yaml")
    return info.value.problems


def test_plain_data_and_line_numbers():
    doc = load(
        """\
        name: Gamarra
        market:
          joint_price: 0.5
          sizes: [1, 2]
        events:
          - id: fire
            weight: 2
          - id: fair
            weight: 3
        """
    )
    assert doc.data == {
        "name": "Gamarra",
        "market": {"joint_price": 0.5, "sizes": [1, 2]},
        "events": [{"id": "fire", "weight": 2}, {"id": "fair", "weight": 3}],
    }
    assert doc.line_of(()) == 1
    assert doc.line_of(("name",)) == 1
    assert doc.line_of(("market", "joint_price")) == 3
    assert doc.line_of(("market", "sizes", 1)) == 4
    assert doc.line_of(("events", 0)) == 6
    assert doc.line_of(("events", 1, "weight")) == 9
    # Missing paths fall back to the deepest existing ancestor.
    assert doc.line_of(("events", 1, "missing")) == 8
    assert doc.line_of(("events", 7, "weight")) == 6
    assert doc.line_of(("nope", "deeper")) == 1


def test_keys_stay_text_as_written():
    doc = load("on: yes\n2024: 1\n~: x\n")
    assert doc.data == {"on": True, "2024": 1, "~": "x"}


def test_dates_stay_text():
    assert load("start: 2024-03-01\n").data == {"start": "2024-03-01"}


def test_every_duplicate_key_is_reported():
    found = problems("weight: 1\nname: a\nweight: 2\nname: b\nweight: 3\n")
    assert [(p.line, p.path, p.message) for p in found] == [
        (3, "weight", "duplicate key 'weight' (first defined on line 1)"),
        (4, "name", "duplicate key 'name' (first defined on line 2)"),
        (5, "weight", "duplicate key 'weight' (first defined on line 1)"),
    ]


def test_nested_duplicate_key_path():
    found = problems("events:\n  - id: a\n    id: b\n")
    assert [(p.line, p.path) for p in found] == [(3, "events[0].id")]


def test_python_tag_is_refused_and_never_executed(tmp_path):
    target = tmp_path / "pwned"
    text = (
        "name: x\n"
        f"evil: !!python/object/apply:os.system ['touch {target}']\n"
        "also: !!python/object/apply:pathlib.Path.touch\n"
        f"  - !!python/object/apply:pathlib.Path ['{target}']\n"
    )
    found = problems(text)
    assert not target.exists()
    assert found[0].line == 2
    assert found[0].path == "evil"
    tag = "!!python/object/apply:os.system"
    assert found[0].message == f"tag '{tag}' is not allowed in a level file"
    assert any(p.line == 3 for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "a: !custom 1\n",
        "a: !!binary aGk=\n",
        "a: !!set {x, y}\n",
        "!thing {a: 1}\n",
        "a: !!omap []\n",
    ],
)
def test_unknown_tags_are_refused(text):
    (problem,) = problems(text)
    assert "is not allowed in a level file" in problem.message


def test_standard_tags_are_fine():
    assert load("a: !!str 12\nb: !!int '7'\nc: !!float 1\n").data == {"a": "12", "b": 7, "c": 1.0}


def test_bad_explicit_scalar_is_a_problem():
    (problem,) = problems("a: !!int abc\n")
    assert problem.message == "'abc' is not a valid int"


def test_invalid_utf8():
    (problem,) = problems(b"name: ok\nother: caf\xe9\n")
    assert problem.line == 2
    assert problem.message == (
        "file is not valid UTF-8 text (bad byte at offset 19); save it as UTF-8"
    )


def test_utf8_bom_is_accepted():
    assert load_yaml_bytes(b"\xef\xbb\xbfa: 1\n", "x.yaml").data == {"a": 1}


@pytest.mark.parametrize("raw", [b"", b"   \n\n", b"# just a comment\n# another\n", b"---\n"])
def test_empty_file(raw):
    (problem,) = problems(raw)
    assert problem.message == "file is empty"
    assert str(problem).startswith("level.yaml:1: (file): file is empty")


def test_syntax_error_has_line():
    (problem,) = problems("a: 1\nb: [1, 2\nc: 3\n")
    assert problem.line == 3
    assert problem.message.startswith("invalid YAML: ")
    assert "started on line 2" in problem.message


def test_tab_indentation_hint():
    (problem,) = problems("a:\n\tb: 1\n")
    assert problem.line == 2
    assert problem.hint == "indent with spaces, not tabs"


def test_control_character():
    (problem,) = problems("a: 1\nb: \x07\n")
    assert problem.line == 2
    assert "control character" in problem.message


def test_deep_flow_nesting_is_refused_without_recursion_error():
    (problem,) = problems("[" * 500 + "]" * 500)
    assert problem.message == f"nesting is deeper than {MAX_DEPTH} levels"


def test_deep_block_nesting_is_refused_without_recursion_error():
    text = "".join("  " * i + "k:\n" for i in range(500)) + "  " * 500 + "v\n"
    (problem,) = problems(text)
    assert problem.message == "nesting is deeper than 40 levels"
    assert problem.line == MAX_DEPTH + 1


def test_nesting_at_the_limit_is_fine():
    depth = MAX_DEPTH
    doc = load_yaml_bytes(("[" * depth + "]" * depth).encode(), "x.yaml")
    assert isinstance(doc.data, list)


def test_aliases_allowed_but_nesting_through_aliases_counts():
    doc = load("base: &b {price: 1}\ncopy: *b\n")
    assert doc.data["copy"] == {"price": 1}
    assert doc.line_of(("copy", "price")) == 2
    deep = "a: &a " + "[" * 30 + "]" * 30 + "\nb: " + "[" * 15 + "*a" + "]" * 15 + "\n"
    assert "nesting is deeper" in problems(deep)[0].message


def test_unknown_alias():
    (problem,) = problems("a: *nothing\n")
    assert problem.message == "unknown alias '*nothing'"


def test_self_referencing_alias_is_refused():
    (problem,) = problems("a: &x [1, *x]\n")
    assert problem.message == "unknown alias '*x'"


def test_alias_bomb_is_refused():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    (problem,) = problems("\n".join(lines) + "\n")
    assert "more than 100000 values" in problem.message


def test_multiple_documents_are_refused():
    (problem,) = problems("a: 1\n---\nb: 2\n")
    assert problem.message == "a level file holds one YAML document"
    assert problem.line == 2


def test_complex_and_merge_keys():
    assert problems("? [a, b]\n: 1\n")[0].message == "mapping keys must be plain text"
    assert "merge keys" in problems("base: &b {x: 1}\nother:\n  <<: *b\n")[0].message


def test_several_problems_collected():
    found = problems("a: 1\na: 2\nb: !!python/name:os.system\n")
    assert [p.line for p in found] == [2, 3]


def test_load_yaml_file(tmp_path):
    path = tmp_path / "lvl.yaml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    doc = load_yaml_file(path)
    assert doc.file == str(path)
    assert doc.data == {"a": [1, 2]}
    with pytest.raises(LevelError):
        load_yaml_file(tmp_path / "missing.yaml")


def test_line_of_empty_document():
    assert YamlDocument("x", None).line_of(("a",)) is None


def _load_or_level_error(raw: bytes) -> None:
    try:
        doc = load_yaml_bytes(raw, "fuzz.yaml")
    except LevelError as exc:
        assert exc.problems
        assert all(p.file == "fuzz.yaml" for p in exc.problems)
        str(exc)
    else:
        doc.line_of(("a", 0, "b"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_only_raise_level_error(raw):
    _load_or_level_error(raw)


YAMLISH = st.text(
    alphabet=st.sampled_from([*"ab1.-:[]{},&*!?|>'\"#%@`\n \t~<=\\", "\x00", "é", "\ufeff"]),
    max_size=200,
)


@settings(max_examples=500, deadline=None)
@given(YAMLISH)
def test_yaml_like_text_only_raises_level_error(text):
    _load_or_level_error(text.encode("utf-8"))
