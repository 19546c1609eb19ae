"""The tutorial is the classic iterated prisoner's dilemma: the engine's scores must equal those of
a tiny independent implementation of the five classic strategies and the classic table."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import pytest

from game.ai import make_personality
from game.engine.game import Game, play
from game.engine.level import Level

TABLE = {("C", "C"): 3, ("C", "D"): 0, ("D", "C"): 5, ("D", "D"): 1}  # R, S, T, P
CLASSIC = ("always_cooperate", "always_defect", "ojo_por_ojo", "rencoroso", "alternador")
GROUP_BLIND = ("always_cooperate", "always_defect", "alternador")


def classic_move(strategy: str, mine: list[str], theirs: list[str]) -> str:
    if strategy == "always_cooperate":
        return "C"
    if strategy == "always_defect":
        return "D"
    if strategy == "ojo_por_ojo":  # tit for tat
        return theirs[-1] if theirs else "C"
    if strategy == "rencoroso":  # grudger
        return "D" if "D" in theirs else "C"
    if strategy == "alternador":
        return "C" if len(mine) % 2 == 0 else "D"
    raise ValueError(strategy)


def classic_match(a: str, b: str, rounds: int) -> tuple[int, int]:
    moves_a: list[str] = []
    moves_b: list[str] = []
    for _ in range(rounds):
        move_a = classic_move(a, moves_a, moves_b)
        move_b = classic_move(b, moves_b, moves_a)
        moves_a.append(move_a)
        moves_b.append(move_b)
    score_a = sum(TABLE[m, t] for m, t in zip(moves_a, moves_b, strict=True))
    score_b = sum(TABLE[m, t] for m, t in zip(moves_b, moves_a, strict=True))
    return score_a, score_b


def earnings(level: Level, keys: Sequence[str], seed: int) -> list[float]:
    """What each seat earned over the tutorial (final minus starting capital)."""
    names = level.firm_names[: len(keys)]
    start = Game(level, names, seed).state.firms
    deciders = [make_personality(k, f"{seed}/{i}") for i, k in enumerate(keys)]
    game = play(level, deciders, seed, names=names)
    assert game.state.season == level.rules.end.season_limit
    return [game.state.firms[i].capital - start[i].capital for i in range(len(keys))]


@pytest.fixture
def tutorial(levels: dict[str, Level]) -> Level:
    level = levels["tutorial"]
    table = level.dilemma
    assert table is not None
    assert (table.reward, table.temptation, table.sucker, table.punishment) == (3, 5, 0, 1)
    return level


def test_reference_implementation_knows_the_classic_results() -> None:
    """A few textbook outcomes, so the reference itself is trusted (10 rounds)."""
    assert classic_match("ojo_por_ojo", "always_defect", 10) == (9, 14)
    assert classic_match("rencoroso", "alternador", 10) == (
        3 + 0 + 5 * 4 + 1 * 4,
        3 + 5 + 0 * 4 + 1 * 4,
    )
    assert classic_match("always_cooperate", "always_cooperate", 10) == (30, 30)


@pytest.mark.parametrize("a, b", list(itertools.product(CLASSIC, repeat=2)))
def test_two_firms_score_the_classic_iterated_dilemma(tutorial: Level, a: str, b: str) -> None:
    rounds = tutorial.rules.end.season_limit
    assert earnings(tutorial, [a, b], seed=5) == list(classic_match(a, b, rounds))


@pytest.mark.parametrize("n", range(3, 9))
def test_many_firms_score_the_sum_of_their_pairwise_matches(tutorial: Level, n: int) -> None:
    rounds = tutorial.rules.end.season_limit
    rng = random.Random(n)
    seatings = [[GROUP_BLIND[i % 3] for i in range(n)]]
    seatings += [[rng.choice(GROUP_BLIND) for _ in range(n)] for _ in range(3)]
    for keys in seatings:
        expected = [
            sum(classic_match(mine, keys[j], rounds)[0] for j in range(n) if j != i)
            for i, mine in enumerate(keys)
        ]
        assert earnings(tutorial, keys, seed=n) == expected
