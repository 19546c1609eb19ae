"""Tests for the declarative level schema combinators and problem formatting."""

from __future__ import annotations

import math
import textwrap
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.problems import LevelError, LevelProblem, format_path
from game.content.schema import (
    INVALID,
    Bilingual,
    Bool,
    Checker,
    Choice,
    Custom,
    DictOf,
    Field,
    ListOf,
    Mapping,
    Number,
    Pair,
    Spec,
    Text,
    did_you_mean,
)
from game.content.yaml_source import YamlDocument, load_yaml_bytes

CLUSTERS = ["gamarra", "el_porvenir", "villa_el_salvador"]


def run(spec: Spec, value: Any) -> tuple[Any, list[LevelProblem]]:
    """Check a bare value (no line information) and return result and problems."""
    checker = Checker(YamlDocument("t.yaml", value))
    return spec.check(value, (), checker), checker.problems


def messages(spec: Spec, value: Any) -> list[str]:
    return [p.message for p in run(spec, value)[1]]


# --- problems -----------------------------------------------------------------


def test_level_problem_str():
    assert str(LevelProblem("a.yaml", 3, "market.price", "must be a number, got true")) == (
        "a.yaml:3: market.price: must be a number, got true"
    )
    assert str(LevelProblem("a.yaml", None, "", "file is empty", "add a mapping")) == (
        "a.yaml:?: (file): file is empty (add a mapping)"
    )


def test_level_error_str_is_one_problem_per_line():
    error = LevelError([LevelProblem("a", 1, "x", "bad"), LevelProblem("a", 2, "y", "worse")])
    assert str(error) == "a:1: x: bad\na:2: y: worse"
    assert len(error.problems) == 2


def test_format_path():
    assert format_path(()) == ""
    assert format_path(("events", 2, "weight")) == "events[2].weight"
    assert format_path((0, "a")) == "[0].a"
    assert format_path(("odd.key", "x")) == "['odd.key'].x"
    assert format_path(("a", 10**5000)) == "a[...]"


# --- scalars ------------------------------------------------------------------


def test_number_happy_paths():
    assert run(Number(0, 1), 1)[0] == 1.0
    assert isinstance(run(Number(0, 1), 1)[0], float)
    assert run(Number(integer=True), 3)[0] == 3
    assert run(Number(integer=True), 3.0)[0] == 3
    assert run(Number(), -2.5)[0] == -2.5


@pytest.mark.parametrize(
    ("spec", "value", "message"),
    [
        (Number(0, 1), 1.7, "must be a number between 0 and 1, got 1.7"),
        (Number(integer=True), 2.5, "must be a whole number, got 2.5"),
        (Number(), "abc", "must be a number, got text 'abc'"),
        (Number(), True, "must be a number, got true"),
        (Number(), None, "must be a number, got nothing"),
        (Number(), [1], "must be a number, got a list"),
        (Number(), math.nan, "must be a number, got nan"),
        (Number(), math.inf, "must be a number, got infinity"),
        (Number(min=0), -1, "must be a number of at least 0, got -1"),
        (Number(max=10), 10**400, "must be a number of at most 10, got a very large number"),
        (Number(), 10**400, "must be a number, got a number too large to use"),
        (Number(1, 5, integer=True), 7, "must be a whole number between 1 and 5, got 7"),
    ],
)
def test_number_problems(spec, value, message):
    result, found = run(spec, value)
    assert result is INVALID
    assert [p.message for p in found] == [message]


def test_quoted_number_hint():
    assert run(Number(), "0.5")[1][0].hint == "write the number without quotes"
    # YAML 1.1 reads 1.0e3 as text too: it wants the point and a signed exponent (issue 16)
    assert run(Number(), "1e3")[1][0].hint == "YAML reads 1e3 as text; write 1000 or 1.0e+3"


def test_text():
    assert run(Text(), "hola")[0] == "hola"
    assert run(Text(nonempty=False), "")[0] == ""
    assert messages(Text(), "  ") == ["must not be empty"]
    assert messages(Text(max_len=3), "abcd") == ["is too long (4 characters, at most 3)"]
    result, found = run(Text(), 2024)
    assert result is INVALID
    assert found[0].message == "must be text, got 2024"
    assert found[0].hint == "put it in quotes to make it text"


def test_bool():
    assert run(Bool(), False)[0] is False
    assert messages(Bool(), 1) == ["must be true or false, got 1"]
    assert messages(Bool(), "si") == ["must be true or false, got text 'si'"]


def test_choice():
    assert run(Choice(CLUSTERS), "gamarra")[0] == "gamarra"
    (problem,) = run(Choice(CLUSTERS), "gammara")[1]
    assert problem.message == "unknown value 'gammara'"
    assert problem.hint == "did you mean 'gamarra'?"
    (problem,) = run(Choice(CLUSTERS), "lima")[1]
    assert problem.hint == "expected one of: gamarra, el_porvenir, villa_el_salvador"
    (problem,) = run(Choice(CLUSTERS), 3)[1]
    assert problem.message == "must be one of the listed names, got 3"


def test_did_you_mean():
    assert did_you_mean("el_porvenr", CLUSTERS) == "did you mean 'el_porvenir'?"
    assert did_you_mean("zzz", CLUSTERS) is None
    assert did_you_mean(42, CLUSTERS) is None  # type: ignore[arg-type]


def test_bilingual():
    assert run(Bilingual(), {"es": "Hola", "en": "Hello"})[0] == {"es": "Hola", "en": "Hello"}
    assert messages(Bilingual(), {"es": "Hola"}) == ["missing required field 'en'"]
    assert messages(Bilingual(), {"es": "Hola", "en": ""}) == ["must not be empty"]
    found = run(Bilingual(), {"es": "a", "en": "b", "fr": "c"})[1]
    assert [(p.path, p.message) for p in found] == [("fr", "unknown field 'fr'")]
    (problem,) = run(Bilingual(), "Hola")[1]
    assert problem.message.startswith("must have both a Spanish and an English text")


# --- containers ---------------------------------------------------------------


def test_list_of():
    assert run(ListOf(Number()), [1, 2])[0] == [1.0, 2.0]
    assert messages(ListOf(Number()), "x") == ["must be a list, got text 'x'"]
    assert messages(ListOf(Number(), min_len=2), [1]) == ["must have at least 2 items, got 1"]
    assert messages(ListOf(Number(), max_len=1), [1, 2]) == ["must have at most 1 item, got 2"]
    result, found = run(ListOf(Number()), [1, "a", True])
    assert result is INVALID
    assert [p.path for p in found] == ["[1]", "[2]"]


def test_pair():
    assert run(Pair(Number()), [1, 2])[0] == (1.0, 2.0)
    assert run(Pair(Number()), [2, 2])[0] == (2.0, 2.0)
    assert messages(Pair(Number()), [3, 1]) == ["low value 3 is greater than high value 1"]
    assert messages(Pair(Number()), [1, 2, 3]) == ["must be a pair [low, high], got 3 items"]
    assert messages(Pair(Number()), 5) == ["must be a pair [low, high], got 5"]
    assert [p.path for p in run(Pair(Number()), ["a", None])[1]] == ["[0]", "[1]"]


def test_mapping_defaults_and_wrong_type():
    spec = Mapping({"a": Number(), "b": Field(ListOf(Text()), required=False, default=[])})
    first = run(spec, {"a": 1})[0]
    assert first == {"a": 1.0, "b": []}
    first["b"].append("x")
    assert run(spec, {"a": 1, "b": None})[0] == {"a": 1.0, "b": []}  # default copied
    assert messages(spec, [1, 2]) == ["must be a mapping, got a list"]


def test_mapping_unknown_field_hints():
    spec = Mapping({"weight": Number(), "name": Text()})
    found = run(spec, {"wieght": 1, "name": "x", "zzz": 2})[1]
    by_path = {p.path: p for p in found}
    assert by_path["wieght"].message == "unknown field 'wieght'"
    assert by_path["wieght"].hint == "did you mean 'weight'?"
    assert by_path["zzz"].hint == "allowed fields: weight, name"
    assert by_path["weight"].message == "missing required field 'weight'"


def test_mapping_extra():
    spec = Mapping({"name": Text()}, extra=Number())
    assert run(spec, {"name": "x", "anything": 3})[0] == {"name": "x", "anything": 3.0}
    assert [p.path for p in run(spec, {"name": "x", "bad": "y"})[1]] == ["bad"]


def test_dict_of():
    spec = DictOf(Choice(CLUSTERS), Number(0, 100), min_len=1)
    assert run(spec, {"gamarra": 5})[0] == {"gamarra": 5.0}
    assert messages(spec, {}) == ["must have at least 1 entry, got 0"]
    found = run(spec, {"gammara": 5, "el_porvenir": 500})[1]
    assert [(p.path, p.message, p.hint) for p in found] == [
        ("gammara", "unknown value 'gammara'", "did you mean 'gamarra'?"),
        ("el_porvenir", "must be a number between 0 and 100, got 500", None),
    ]


def test_custom_runs_after_base_only_when_valid():
    def price_order(value, path, checker):
        if value["low"] >= value["high"]:
            checker.report((*path, "high"), "must be above low")
            return INVALID
        return value

    spec = Custom(price_order, Mapping({"low": Number(), "high": Number()}))
    assert run(spec, {"low": 1, "high": 2})[0] == {"low": 1.0, "high": 2.0}
    assert messages(spec, {"low": 3, "high": 2}) == ["must be above low"]
    assert messages(spec, {"low": "x", "high": 2}) == ["must be a number, got text 'x'"]
    assert run(Custom(lambda v, p, c: v * 2), 4)[0] == 8


# --- whole documents: paths, lines, ordering ------------------------------------

LEVEL = Mapping(
    {
        "id": Text(),
        "cluster": Choice(CLUSTERS),
        "title": Bilingual(),
        "market": Mapping({"joint_price": Number(0, 1), "demand": Pair(Number(min=0))}),
        "events": ListOf(Mapping({"id": Text(), "weight": Number(min=0)}), min_len=1),
        "trust": Field(DictOf(Choice(CLUSTERS), Number(0, 100)), required=False, default={}),
        "tutorial": Field(Bool(), required=False, default=False),
    }
)


def check_text(text: str) -> Checker:
    doc = load_yaml_bytes(textwrap.dedent(text).encode(), "level.yaml")
    checker = Checker(doc)
    LEVEL.check(doc.data, (), checker)
    return checker


def test_valid_level():
    doc = load_yaml_bytes(
        textwrap.dedent(
            """\
            id: intro
            cluster: gamarra
            title: {es: Inicio, en: Start}
            market: {joint_price: 0.4, demand: [10, 20]}
            events:
              - {id: fair, weight: 1}
            """
        ).encode(),
        "level.yaml",
    )
    data = Checker(doc).validate(LEVEL)
    assert data["market"]["demand"] == (10.0, 20.0)
    assert data["trust"] == {}
    assert data["tutorial"] is False


def test_mapping_collects_all_problems_with_paths_and_lines():
    checker = check_text(
        """\
        id: intro
        cluster: gammara
        title:
          es: Inicio
        market:
          joint_price: 1.7
          demand: [20, 10]
        events:
          - id: fair
            weight: 1
          - id: fire
            wieght: 2
        tutorial: yes please
        """
    )
    with pytest.raises(LevelError) as info:
        checker.raise_if_problems()
    got = [(p.line, p.path, p.message) for p in info.value.problems]
    assert got == [
        (2, "cluster", "unknown value 'gammara'"),
        (4, "title.en", "missing required field 'en'"),
        (6, "market.joint_price", "must be a number between 0 and 1, got 1.7"),
        (7, "market.demand", "low value 20 is greater than high value 10"),
        (11, "events[1].weight", "missing required field 'weight'"),
        (12, "events[1].wieght", "unknown field 'wieght'"),
        (13, "tutorial", "must be true or false, got text 'yes please'"),
    ]
    assert "level.yaml:2: cluster: unknown value 'gammara' (did you mean 'gamarra'?)" in str(
        info.value
    )


def test_root_not_a_mapping():
    checker = check_text("- just\n- a list\n")
    assert [(p.line, p.path, p.message) for p in checker.problems] == [
        (1, "", "must be a mapping, got a list")
    ]


# --- robustness -----------------------------------------------------------------

PLAIN = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from([*CLUSTERS, "id", "es", "en", "weight"])
    | st.binary(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from([*LEVEL.fields, "es", "en", "id", "weight", "wieght"])
            | st.text(max_size=8)
            | st.integers(),
            inner,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(PLAIN)
def test_specs_never_raise_on_plain_values(value):
    for spec in [LEVEL, *LEVEL.fields.values()]:
        spec = spec.spec if isinstance(spec, Field) else spec
        checker = Checker(YamlDocument("fuzz.yaml", value))
        result = spec.check(value, (), checker)
        assert (result is INVALID) == bool(checker.problems)
        for problem in checker.problems:
            str(problem)
