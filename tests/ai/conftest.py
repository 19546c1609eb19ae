"""Shared fixtures for the personality tests: the shipped levels, loaded once."""

from __future__ import annotations

import pytest

from game.content.levels import load_level
from game.engine.level import Level

LEVEL_IDS = ("tutorial", "gamarra", "el_porvenir", "villa_el_salvador")


@pytest.fixture(scope="session")
def levels() -> dict[str, Level]:
    return {level_id: load_level(level_id) for level_id in LEVEL_IDS}
