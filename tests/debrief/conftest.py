"""Games for the debrief tests: a computer-played game of each level and a scripted one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.ai import make_personality
from game.content.levels import load_level
from game.engine.events import EventCard
from game.engine.game import Game, GameRecord, play
from game.engine.level import Level
from game.engine.state import COOPERATE, DEFECT, Decision

MIXED = ("oportunista", "leal", "reciproco", "a_medias", "inversor", "rencoroso", "leal", "leal")


def computer_game(level: Level, seed: int, seats: tuple[str, ...] | None = None) -> Game:
    """A whole game with computer-run firms (personalities seeded as the simulator seeds them)."""
    keys = seats or MIXED[: level.firms.default]
    deciders = [make_personality(k, f"{seed}/ai/{i}") for i, k in enumerate(keys)]
    return play(level, deciders, seed, level.default_contract)


@pytest.fixture(scope="session")
def gamarra() -> Level:
    return load_level("gamarra")


@pytest.fixture(scope="session")
def tutorial() -> Level:
    return load_level("tutorial")


QUIET = EventCard(
    key="quiet",
    name={"es": "Temporada tranquila", "en": "A quiet season"},
    text={"es": "Nada fuera de lo común.", "en": "Nothing out of the ordinary."},
    weight=1.0,
    source="test",
)


def scripted_level(level: Level, seasons: int, tolerance: float) -> Level:
    """Gamarra with a single quiet event, a short season limit and a chosen tolerance for
    uneven lots, so that the only things that can happen are the ones the script provokes."""
    rules = replace(
        level.rules,
        quality=replace(level.rules.quality, tolerance=tolerance),
        end=replace(level.rules.end, season_limit=seasons),
    )
    return replace(level, events=(QUIET,), rules=rules)


SCRIPT: tuple[dict[int, Decision], ...] = (
    {0: DEFECT},  # season 1: firm 0 sells por fuera, the others cooperate
    {1: DEFECT},  # season 2: firm 1 sells por fuera
    {},  # season 3: everybody cooperates
)


def scripted_record(level: Level, seed: int) -> GameRecord:
    names = level.firm_names[:6]
    seats = range(level.firms.max)  # the founders, and any firm that joins: all cooperate
    decisions = tuple({i: season.get(i, COOPERATE) for i in seats} for season in SCRIPT)
    return GameRecord(level.id, seed, tuple(names), dict(level.reference_contract), decisions)
