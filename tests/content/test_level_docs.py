"""levels/README.md, the level authors' guide: its generated tables are current and it names
every field, rule and effect the code knows."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from game.content import docs
from game.content.level_schema import LEVEL_SPEC
from game.content.levels import check_file
from game.engine.contract import CONDITIONS, MODIFIERS
from game.engine.events import EVENT_EFFECTS
from game.engine.rules import DIMENSIONS, RULE_SECTIONS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def readme() -> str:
    return docs.README.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hand_written(readme: str) -> str:
    """The README without its generated part: what a person wrote."""
    start, end = readme.index(docs.BEGIN), readme.index(docs.END)
    return readme[:start] + readme[end:]


def test_generated_section_is_up_to_date(readme: str):
    assert readme == docs.render(readme, docs.generate()), (
        "levels/README.md is out of date: run python -m game.content.docs"
    )


def test_check_mode_agrees(capsys):
    assert docs.main(["--check"]) == 0, capsys.readouterr().err


def test_check_mode_fails_on_a_stale_file(tmp_path, capsys):
    stale = tmp_path / "README.md"
    stale.write_text(f"# Guide\n\n{docs.BEGIN}\nold table\n{docs.END}\n\nend\n", encoding="utf-8")
    assert docs.main(["--check", "--file", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert docs.main(["--file", str(stale)]) == 0
    assert docs.main(["--check", "--file", str(stale)]) == 0
    text = stale.read_text(encoding="utf-8")
    assert text.startswith("# Guide\n\n") and text.endswith(f"{docs.END}\n\nend\n")
    assert "old table" not in text


def test_render_needs_the_markers():
    with pytest.raises(ValueError, match="markers"):
        docs.render("no markers here", "table")


def test_generation_is_stable():
    text = docs.generate()
    assert text == docs.generate()
    assert docs.render(docs.render(f"{docs.BEGIN}\n{docs.END}", text), text) == docs.render(
        f"{docs.BEGIN}\n{docs.END}", text
    )


@pytest.mark.parametrize(
    "field",
    [
        f"rules.{section}.{f.name}"
        for section, cls in RULE_SECTIONS.items()
        for f in dataclasses.fields(cls)
    ],
)
def test_every_rules_field_is_documented(readme: str, field: str):
    assert f"`{field}`" in readme


def test_phase_thresholds_and_drift_are_documented(readme: str):
    assert "rules.phase_thresholds" in readme
    assert "rules.drift" in readme


@pytest.mark.parametrize("key", list(LEVEL_SPEC.fields))
def test_every_top_level_key_is_explained_by_hand(hand_written: str, key: str):
    assert f"`{key}" in hand_written, f"section 4 of levels/README.md does not explain '{key}'"


def test_every_level_field_is_explained_by_hand(hand_written: str):
    """Each field of the schema (below `rules`, which tables 5a-5b cover) is named in the
    hand-written part too, so the meaning of every field is explained, not only its range."""
    missing = []
    for path, _, _ in docs.level_field_rows():
        name = path.strip("`").replace("[]", "").split(".")[-1]
        if path.startswith("`rules") or name.startswith("<"):
            continue
        if not re.search(rf"`[\w.\[\]]*\b{re.escape(name)}\b", hand_written):
            missing.append(path)
    assert not missing, f"fields not explained by hand: {missing}"


@pytest.mark.parametrize("name", list(MODIFIERS))
def test_every_contract_effect_is_documented(readme: str, name: str):
    assert f"`{name}`" in readme


@pytest.mark.parametrize("name", list(EVENT_EFFECTS))
def test_every_event_effect_is_documented(readme: str, name: str):
    assert f"`{name}`" in readme


@pytest.mark.parametrize("name", [*DIMENSIONS, *CONDITIONS])
def test_every_dimension_and_contract_condition_is_documented(readme: str, name: str):
    assert f"`{name}`" in readme


def test_quoted_checker_messages_are_real(hand_written: str, monkeypatch):
    """Section 7 quotes the checker; each quoted line is what it prints today."""
    monkeypatch.chdir(ROOT)
    quoted = re.findall(r"^(tests/data/levels/broken_\w+\.yaml):\d+: .*$", hand_written, re.M)
    assert len(set(quoted)) >= 5
    for line in re.finditer(r"^(tests/data/levels/broken_\w+\.yaml):\d+: .*$", hand_written, re.M):
        printed = [str(problem) for problem in check_file(line.group(1))]
        assert line.group(0) in printed, f"the checker no longer prints: {line.group(0)}"
