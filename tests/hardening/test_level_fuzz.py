"""The level checker against hostile files: random YAML, random bytes and random mutations of
the shipped levels (deleted keys, wrong types, out-of-range and huge numbers, unknown names,
duplicate keys, deep nesting, non-UTF-8 bytes, truncation, an empty file, Python tags).

Whatever the file, ``check_file`` (what ``python main.py check-level`` runs) raises nothing: it
returns problems, each naming the file, a line and a field. A file with no problems loads, and a
game played on it with random firms and contract keeps every engine invariant.
"""

from __future__ import annotations

import contextlib
import copy
import random
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.content.levels import LEVELS_DIR, check_file, load_level, shipped_level_names
from game.content.problems import LevelProblem
from tests.hardening.invariants import random_game

SHIPPED = {
    name: (LEVELS_DIR / f"{name}.yaml").read_text(encoding="utf-8")
    for name in shipped_level_names()
}
DATA = {name: yaml.safe_load(text) for name, text in SHIPPED.items()}
FOLDER = Path(tempfile.mkdtemp(prefix="level-fuzz-"))
"""Where the fuzzed files are written (hypothesis examples cannot share ``tmp_path``), removed
when the module is done."""


@pytest.fixture(scope="module", autouse=True)
def _remove_folder():
    yield
    shutil.rmtree(FOLDER, ignore_errors=True)


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WRONG_VALUES: list[Any] = [
    None,
    True,
    False,
    "",
    "texto",
    "gamarra_x",
    "  ",
    0,
    -1,
    1,
    0.5,
    -0.5,
    7,
    100,
    10**6,
    10**30,
    2**63,
    -(10**30),
    1e308,
    -1e308,
    1e-320,
    float("inf"),
    float("-inf"),
    float("nan"),
    [],
    {},
    [1, 2, 3],
    ["a"],
    {"x": 1},
    {"es": "a"},
    {"es": "a", "en": "b"},
    "x" * 5000,
    "ñandú ¿sí? 🐍",
]


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def paths_of(data: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += paths_of(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += paths_of(value, (*prefix, i))
    return out


def parent_of(data: Any, path: tuple) -> Any:
    node = data
    for part in path[:-1]:
        node = node[part]
    return node


def mutate_data(data: Any, rng: random.Random) -> Any:
    """One structural mutation at a random place."""
    paths = paths_of(data)
    path = rng.choice(paths)
    parent, last = parent_of(data, path), path[-1]
    old = parent[last]
    kind = rng.choice(["delete", "wrong", "wrong", "number", "name", "extra", "deep", "swap"])
    if kind == "delete":
        del parent[last]
    elif kind == "wrong":
        parent[last] = copy.deepcopy(rng.choice(WRONG_VALUES))
    elif kind == "number":
        if isinstance(old, (int, float)) and not isinstance(old, bool):
            factor = rng.choice([-1, 0, 2, 10, 1000, 1e12, 1e300, 0.001, 1.5])
            parent[last] = old * factor if rng.random() < 0.8 else old + rng.choice([-1, 1, 0.5])
        else:
            parent[last] = rng.choice([-1, 0, 10**9, 1e308, 2.5])
    elif kind == "name":
        if isinstance(old, str):
            parent[last] = rng.choice([old + "x", old[:-1], old.upper(), "desconocido", ""])
        elif isinstance(parent, dict):
            parent[rng.choice(["desconocido", str(last) + "s", str(last).upper()])] = old
            del parent[last]
    elif kind == "extra":
        target = old if isinstance(old, dict) else parent
        if isinstance(target, dict):
            target[rng.choice(["extra", "nuevo_campo", "weight", "es"])] = rng.choice(WRONG_VALUES)
        else:
            target.append(copy.deepcopy(rng.choice([*WRONG_VALUES, target[0] if target else 1])))
    elif kind == "deep":
        parent[last] = nested(rng.choice([5, 39, 41, 200]))
    elif kind == "swap":
        other = rng.choice(paths)
        with contextlib.suppress(KeyError, IndexError, TypeError):
            parent[last] = copy.deepcopy(parent_of(data, other)[other[-1]])
    return data


def mutate_text(text: str, rng: random.Random) -> bytes:
    """One textual mutation: what a broken editor or a careless hand does to a file."""
    raw = text.encode("utf-8")
    lines = text.splitlines(keepends=True)
    kind = rng.choice(["dup_line", "bytes", "truncate", "tag", "tab", "empty", "indent", "anchor"])
    if kind == "dup_line" and lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "".join(lines).encode("utf-8")
    if kind == "bytes":
        at = rng.randrange(len(raw) + 1)
        junk = rng.choice([b"\xff", b"\xfe\xff", b"\x00", b"\xc3", b"\x1b[0m", b"\xed\xa0\x80"])
        return raw[:at] + junk + raw[at:]
    if kind == "truncate":
        return raw[: rng.randrange(len(raw) + 1)]
    if kind == "tag" and lines:
        i = rng.randrange(len(lines))
        tag = rng.choice(
            [
                "!!python/object/apply:os.system ['echo pwned']",
                "!!python/name:os.system",
                "!!binary aGVsbG8=",
                "!custom 3",
                "!!set {a, b}",
                "!!timestamp 2001-12-14",
            ]
        )
        match = re.match(r"(\s*(?:- )?[\w]+:)\s*(.*)", lines[i])
        if match:
            lines[i] = f"{match.group(1)} {tag}\n"
        return "".join(lines).encode("utf-8")
    if kind == "tab" and lines:
        i = rng.randrange(len(lines))
        lines[i] = "\t" + lines[i]
        return "".join(lines).encode("utf-8")
    if kind == "empty":
        return rng.choice([b"", b"\n", b"   ", b"---\n", b"# nada\n", b"\xef\xbb\xbf"])
    if kind == "indent" and lines:
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.randrange(1, 5) + lines[i]
        return "".join(lines).encode("utf-8")
    if kind == "anchor" and lines:
        i = rng.randrange(len(lines))
        match = re.match(r"(\s*(?:- )?[\w]+:)\s*(.*)", lines[i])
        if match:
            lines[i] = f"{match.group(1)} *nowhere\n"
        return "".join(lines).encode("utf-8")
    return raw


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def check_bytes(raw: bytes, name: str) -> tuple[Path, list[LevelProblem]]:
    path = FOLDER / f"{name}.yaml"
    path.write_bytes(raw)
    problems = check_file(path)  # anything raised here fails the test, as it should
    # YAML also breaks lines at \r, U+0085, U+2028 and U+2029; splitlines() knows them all.
    lines = len(raw.decode("utf-8", "replace").splitlines()) + 1
    for problem in problems:
        assert isinstance(problem, LevelProblem)
        assert problem.file == str(path), problem
        assert isinstance(problem.line, int) and 1 <= problem.line <= lines, str(problem)
        assert isinstance(problem.path, str) and problem.message, str(problem)
        text = str(problem)
        assert text.startswith(f"{path}:{problem.line}: {problem.path or '(file)'}: "), text
        assert "\n" not in text, text
    return path, problems


def play_if_valid(path: Path, problems: list[LevelProblem], seed: int) -> None:
    if problems:
        event("rejected by the checker")
        return
    event("passed the checker and was played")
    level = load_level(path)
    rng = random.Random(seed)
    for _ in range(2):
        random_game(level, rng)


# -- the tests --------------------------------------------------------------------------------


@FUZZ
@given(
    st.sampled_from(sorted(SHIPPED)),
    st.integers(0, 2**32),
    st.integers(1, 3),
    st.booleans(),
)
def test_mutated_shipped_levels_never_crash_the_checker_or_the_engine(name, seed, count, text):
    rng = random.Random(seed)
    data = copy.deepcopy(DATA[name])
    for _ in range(count):
        data = mutate_data(data, rng)
    try:
        body = dump(data)
    except (ValueError, RecursionError):  # PyYAML itself cannot write it: nothing to check
        return
    raw = mutate_text(body, rng) if text else body.encode("utf-8")
    path, problems = check_bytes(raw, f"mutant-{name}")
    play_if_valid(path, problems, seed)


@FUZZ
@given(st.sampled_from(sorted(SHIPPED)), st.integers(0, 2**32))
def test_text_mutations_of_shipped_files_never_crash_the_checker(name, seed):
    rng = random.Random(seed)
    raw = mutate_text(SHIPPED[name], rng)
    path, problems = check_bytes(raw, f"text-{name}")
    play_if_valid(path, problems, seed)


PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=40,
)


@FUZZ
@given(PLAIN)
def test_random_yaml_documents_never_crash_the_checker(value):
    check_bytes(dump(value).encode("utf-8"), "random-yaml")


@FUZZ
@given(st.dictionaries(st.sampled_from(sorted(DATA["gamarra"])), PLAIN, max_size=12))
def test_random_values_under_real_top_level_keys_never_crash_the_checker(value):
    check_bytes(dump(value).encode("utf-8"), "random-keys")


@FUZZ
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8", "replace")))
def test_random_bytes_never_crash_the_checker(raw):
    check_bytes(raw, "random-bytes")


HOSTILE = {
    "empty": b"",
    "blank": b"  \n\n",
    "bom only": b"\xef\xbb\xbf",
    "null": b"~\n",
    "a list": b"- 1\n- 2\n",
    "latin-1": "id: campaña\n".encode("latin-1"),
    "utf-16": "id: x\n".encode("utf-16"),
    "python tag": b"!!python/object/apply:os.system ['echo pwned']\n",
    "deep": b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep mapping": b"".join(b"  " * i + b"k:\n" for i in range(300)),
    "huge number": b"schema_version: " + b"9" * 5000 + b"\n",
    "huge float": b"schema_version: 1e999999\n",
    "billion laughs": b"a: &a [x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
        for i in range(9)
    ),
    "nul": b"id: a\x00b\n",
    "two documents": b"id: a\n---\nid: b\n",
    "complex key": b"? [1, 2]\n: 3\n",
    "duplicate keys": b"id: a\nid: b\n",
}


def test_hostile_files_are_reported_with_file_line_and_field():
    for name, raw in HOSTILE.items():
        _, problems = check_bytes(raw, "hostile")
        assert problems, name


def test_duplicate_keys_in_a_shipped_level_are_each_reported():
    text = SHIPPED["gamarra"]
    lines = text.splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if line.startswith("difficulty:"))
    lines.insert(i + 1, "difficulty: 9\n")
    _, problems = check_bytes("".join(lines).encode("utf-8"), "dup")
    assert any("duplicate" in p.message and p.path == "difficulty" for p in problems), problems


def numeric_paths(data: Any) -> list[tuple]:
    return [
        p
        for p in paths_of(data)
        if p != ("schema_version",)
        and isinstance(parent_of(data, p)[p[-1]], (int, float))
        and not isinstance(parent_of(data, p)[p[-1]], bool)
    ]


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.sampled_from(sorted(SHIPPED)), st.integers(0, 2**32), st.integers(1, 6))
def test_levels_with_odd_but_allowed_numbers_never_crash_the_engine(name, seed, count):
    """Numbers moved to the edges of what the checker allows (zero, one, tiny, large): a level
    that passes is played with random firms and contracts, every invariant checked."""
    rng = random.Random(seed)
    data = copy.deepcopy(DATA[name])
    for _ in range(count):
        path = rng.choice(numeric_paths(data))
        parent, old = parent_of(data, path), parent_of(data, path)[path[-1]]
        new = rng.choice(
            [0, 1, 0.0, 1.0, 1e-9, 0.999999, old * rng.uniform(0, 3), old + 1, 10**6, 2]
        )
        parent[path[-1]] = int(new) if isinstance(old, int) and float(new).is_integer() else new
    path, problems = check_bytes(dump(data).encode("utf-8"), f"numbers-{name}")
    play_if_valid(path, problems, seed)
