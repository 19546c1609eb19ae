"""Small drivers for engine tests: fixed policies and one-season experiments."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from game.engine.game import Game
from game.engine.level import Level
from game.engine.state import COOPERATE, Decision
from game.engine.trust import trust_matrix

Policy = Callable[[int, int], Decision]  # (firm id, season) -> decision


def new_game(
    level: Level, seed: int, contract: Mapping[str, str] | None = None, firms: int | None = None
) -> Game:
    count = firms or level.firms.default
    return Game(level, level.firm_names[:count], seed, contract)


def play_policy(game: Game, policy: Policy) -> Game:
    while game.outcome is None:
        setup = game.begin_season()
        game.resolve({i: policy(i, setup.season) for i in game.members()})
    return game


def everyone(decision: Decision) -> Policy:
    return lambda firm, season: decision


def first_firm(decision: Decision, others: Decision = COOPERATE) -> Policy:
    return lambda firm, season: decision if firm == 0 else others


def without_rules(level: Level) -> Level:
    """The level with no binding rules at all: no contract terms and no informal sanctions."""
    informal = replace(level.informal_sanctions, enabled=False)
    return replace(level, informal_sanctions=informal, default_contract=level.no_rules_contract)


def one_season_payoffs(
    level: Level, seed: int, decisions: Mapping[int, Decision], trust: float | None = None
) -> dict[int, float]:
    """Capital change of each firm in the first season with no rules, from a given trust."""
    level = without_rules(level)
    game = new_game(level, seed)
    if trust is not None:
        game.state.trust = trust_matrix(len(game.state.firms), trust)
    game.begin_season()
    report = game.resolve(decisions)
    return report.capital_change
