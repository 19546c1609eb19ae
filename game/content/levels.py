"""Finding and loading levels: shipped ones by name, any other by path."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from game.content.build import build_level
from game.content.level_schema import DEFAULTS_SPEC, LEVEL_SPEC, check_level_semantics
from game.content.problems import LevelError, LevelProblem
from game.content.schema import Checker, did_you_mean
from game.content.yaml_source import YamlDocument, load_yaml_file
from game.engine.level import Level
from game.resources import data_dir

LEVELS_DIR = data_dir("levels")
DEFAULTS_FILE = LEVELS_DIR / "rules_defaults.yaml"
SHIPPED_ORDER = ("tutorial", "gamarra", "el_porvenir", "villa_el_salvador")
"""Shipped levels in the order a player meets them (the tutorial first)."""


def shipped_level_names() -> list[str]:
    present = {p.stem for p in LEVELS_DIR.glob("*.yaml") if p != DEFAULTS_FILE}
    return [n for n in SHIPPED_ORDER if n in present] + sorted(present - set(SHIPPED_ORDER))


def resolve_level_path(name_or_path: str | Path) -> Path:
    """A shipped level's name (``gamarra``) or a path to a YAML file."""
    text = str(name_or_path)
    if text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text:
        return Path(text)
    candidate = LEVELS_DIR / f"{text}.yaml"
    if candidate.exists() and candidate != DEFAULTS_FILE:
        return candidate
    names = shipped_level_names()
    hint = did_you_mean(text, names) or f"shipped levels: {', '.join(names)}"
    raise LevelError([LevelProblem(text, None, "", f"no level named '{text}'", hint)])


@functools.cache
def load_defaults() -> dict:
    """The validated rules-defaults file (every level is merged over it)."""
    document = load_yaml_file(DEFAULTS_FILE)
    return Checker(document).validate(DEFAULTS_SPEC)


def _is_defaults_file(path: str | Path) -> bool:
    """Whether ``path`` names the rules-defaults file. ``os.path.realpath``, not
    ``Path.resolve``: a loop of symbolic links must reach the reader, which says so in one
    line, instead of raising ``RuntimeError`` here."""
    try:
        return os.path.realpath(path) == os.path.realpath(DEFAULTS_FILE)
    except (OSError, ValueError):  # a name no file can have: the reader says so
        return False


def validate_level_document(document: YamlDocument) -> dict:
    """Every problem of one level document at once, as a ``LevelError``; else the checked data."""
    checker = Checker(document)
    data, _ = LEVEL_SPEC.check_partial(document.data, (), checker)
    if isinstance(data, dict):  # the whole-level rules, over the sections that are valid
        check_level_semantics(data, load_defaults(), checker)
    checker.raise_if_problems()
    return data


def load_level(name_or_path: str | Path) -> Level:
    """Load, validate and build a level; raises ``LevelError`` listing every problem."""
    path = resolve_level_path(name_or_path)
    if _is_defaults_file(path):
        raise LevelError(
            [LevelProblem(str(path), None, "", "this is the rules-defaults file, not a level")]
        )
    data = validate_level_document(load_yaml_file(path, keep_going=True))
    return build_level(data, load_defaults(), str(path))


def check_file(path: str | Path) -> list[LevelProblem]:
    """Problems of a level file, or of the rules-defaults file if that is the one given."""
    try:
        if _is_defaults_file(path):
            Checker(load_yaml_file(path)).validate(DEFAULTS_SPEC)
        else:
            load_level(path)
    except LevelError as error:
        return list(error.problems)
    return []
