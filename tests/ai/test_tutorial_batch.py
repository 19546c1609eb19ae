"""The batch player of the tutorial (game.engine.dilemma_batch) gives exactly the engine's game:
for every deterministic personality, each one's state machine plays as its ``decide`` does, and
a batch of games ends with the same capital, trust and outcome as one Game per game."""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai import REGISTRY, make_personality
from game.engine.dilemma_batch import batch_playable, play_dilemma_batch
from game.engine.dilemma_machine import ALWAYS_COOPERATE, DilemmaMachine
from game.engine.game import Game, seat_names
from game.engine.level import Level
from game.engine.state import Action

MACHINES = sorted(k for k, cls in REGISTRY.items() if cls.tutorial_machine is not None)


def with_treatments(level: Level, **switches) -> Level:
    treatments = level.rules.treatments.with_overrides(switches)
    return dataclasses.replace(level, rules=dataclasses.replace(level.rules, treatments=treatments))


def engine_game(level: Level, keys: list[str], seed: int) -> Game:
    names = seat_names(level, len(keys))
    deciders = [make_personality(k, f"{seed}/ai/{i}") for i, k in enumerate(keys)]
    game = Game(level, names, seed)
    while game.outcome is None:
        game.begin_season()
        game.resolve({i: deciders[i](game.view(i)) for i in game.members()})
    return game


def assert_same_games(level: Level, tables: list[list[str]], seeds: list[int]) -> None:
    machines = [[REGISTRY[k].tutorial_machine for k in keys] for keys in tables]
    batch = play_dilemma_batch(level, machines, seeds)
    for keys, seed, played in zip(tables, seeds, batch, strict=True):
        game = engine_game(level, keys, seed)
        assert played.capital == tuple(f.capital for f in game.state.firms), keys
        assert played.trust == tuple(tuple(row) for row in game.state.trust), keys
        assert played.final_trust == game.reports[-1].trust_after
        assert played.outcome == game.outcome, keys


def test_the_deterministic_personalities_all_have_a_machine():
    shipped = {k: cls for k, cls in REGISTRY.items() if cls.__module__.startswith("game.")}
    deterministic = {k for k, cls in shipped.items() if not cls.classifier["stochastic"]}
    assert {k for k in MACHINES if k in shipped} == deterministic
    assert "a_medias" not in MACHINES and "aprendiz" not in MACHINES  # they draw dice


@pytest.mark.parametrize("a", MACHINES)
@pytest.mark.parametrize("b", MACHINES)
def test_every_pair_plays_as_the_engine(tutorial: Level, a: str, b: str):
    assert_same_games(tutorial, [[a, b], [b, a]], [3, 4])


@pytest.mark.parametrize("told", [True, False])
def test_groups_of_every_size_play_as_the_engine(tutorial: Level, told: bool):
    level = with_treatments(tutorial, announce_last_season=told)
    rng = random.Random(f"groups/{told}")
    for n in range(level.firms.min, level.firms.max + 1):
        tables = [[rng.choice(MACHINES) for _ in range(n)] for _ in range(6)]
        assert_same_games(level, tables, list(range(100, 106)))


@settings(max_examples=40, deadline=None)
@given(
    keys=st.lists(st.sampled_from(MACHINES), min_size=2, max_size=8),
    seed=st.integers(0, 10**6),
    rounds=st.integers(1, 40),
    start_trust=st.floats(0.0, 1.0),
)
def test_random_tables_play_as_the_engine(tutorial: Level, keys, seed, rounds, start_trust):
    end = dataclasses.replace(tutorial.rules.end, season_limit=rounds)
    level = dataclasses.replace(
        tutorial, rules=dataclasses.replace(tutorial.rules, end=end), start_trust=start_trust
    )
    assert_same_games(level, [keys], [seed])


def test_the_mistake_treatment_is_left_to_the_engine(tutorial: Level):
    assert batch_playable(tutorial)
    assert not batch_playable(with_treatments(tutorial, mistake_rate=0.1))
    assert not batch_playable(dataclasses.replace(tutorial, kind="cluster"))
    with pytest.raises(ValueError, match="cannot be played as a batch"):
        play_dilemma_batch(
            with_treatments(tutorial, mistake_rate=0.1), [[ALWAYS_COOPERATE] * 2], [0]
        )


def test_a_broken_machine_is_refused():
    with pytest.raises(ValueError, match="next state"):
        DilemmaMachine((Action.COOPERATE,), (1,), (0,))
    with pytest.raises(ValueError, match="only cooperates or defects"):
        DilemmaMachine((Action.INVEST,), (0,), (0,))


@pytest.fixture(scope="module")
def tutorial(levels: dict[str, Level]) -> Level:
    return levels["tutorial"]
