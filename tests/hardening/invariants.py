"""What must hold after every season of every game, whatever the level, contract or firms.

Shared by the engine soak, the level fuzz (a level that passes the checker is played and held
to the same rules) and the engine's property tests (random decisions). Among them: each
balance moved by exactly what the season's ledger says.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from game.ai import make_personality, newcomer_personality, personality_keys
from game.engine.contract import CONDITIONS
from game.engine.game import Game
from game.engine.ledger import FUND, REASONS
from game.engine.level import Level

INTERNAL = {"dues", "fine"}  # money that only moves between a member and the common fund


def _finite(*values: float) -> bool:
    return all(isinstance(v, (int, float)) and math.isfinite(v) for v in values)


def check_season(game: Game) -> None:
    """Every invariant after the latest season; raises AssertionError naming the broken one."""
    state, report = game.state, game.reports[-1]
    where = f"{game.level.id} seed {game.seed} season {report.season}"
    for row in state.trust:
        for value in row:
            assert _finite(value) and 0.0 <= value <= 1.0, f"{where}: trust {value}"
    for name, value in state.dimensions.items():
        assert _finite(value) and 0.0 <= value <= 100.0, f"{where}: dimension {name} = {value}"
    assert _finite(state.fund, *(f.capital for f in state.firms)), f"{where}: money not finite"
    assert _finite(state.brand_bonus, state.institutions_bonus), f"{where}: bonus not finite"
    assert 0.0 <= report.trust_after <= 1.0, f"{where}: alliance trust {report.trust_after}"
    assert 0.0 <= report.detection_chance <= 1.0, f"{where}: detection {report.detection_chance}"
    assert len(state.firms) == len(game.names) == len(state.trust) <= game.level.firms.max, where
    assert all(len(row) == len(state.firms) for row in state.trust), f"{where}: trust not square"
    applicant = report.applicant
    newcomers = 1 if applicant is not None and applicant.joined else 0
    assert len(report.capital_change) == len(state.firms) - newcomers, where
    if newcomers:
        assert applicant.firm_id == len(state.firms) - 1 and not applicant.shortfalls, where
        assert _finite(applicant.fee) and applicant.fee >= 0.0, f"{where}: entry fee {applicant}"
        assert state.firms[-1].member and state.firms[-1].name == applicant.name, where
    for firm in state.firms:
        assert _finite(firm.capacity, firm.quality, firm.technology, firm.reputation), where
        assert 0.0 <= firm.reputation <= 1.0, f"{where}: reputation {firm.reputation}"
        assert 0.0 <= firm.quality <= 1.0, f"{where}: quality {firm.quality}"
        if firm.id not in report.capital_change:  # it joined once the season was over
            continue
        moved = sum(amount for account, amount, _ in report.ledger if account == firm.id)
        assert math.isclose(report.capital_change[firm.id], moved, rel_tol=1e-9, abs_tol=1e-6), (
            f"{where}: firm {firm.id} capital changed by {report.capital_change[firm.id]}, "
            f"its ledger says {moved}"
        )
    fund_moved = sum(amount for account, amount, _ in report.ledger if account == FUND)
    assert math.isclose(report.fund_change, fund_moved, rel_tol=1e-9, abs_tol=1e-6), (
        f"{where}: fund changed by {report.fund_change}, its ledger says {fund_moved}"
    )
    assert {reason for _, _, reason in report.ledger} <= REASONS, f"{where}: unknown reason"
    internal = sum(amount for _, amount, reason in report.ledger if reason in INTERNAL)
    assert math.isclose(internal, 0.0, abs_tol=1e-6), f"{where}: dues and fines leak {internal}"
    assert all(_finite(amount) for _, amount, _ in report.ledger), f"{where}: an entry not finite"


def random_contract(level: Level, rng: random.Random) -> dict[str, str]:
    return {c: rng.choice(sorted(level.contract[c].options)) for c in CONDITIONS}


def play_checked(
    level: Level,
    seed: int,
    seats: Sequence[str],
    contract: dict[str, str],
    *,
    max_seasons: int = 10_000,
) -> Game:
    """Play one game with these personalities, checking every invariant after every season."""
    deciders = [make_personality(key, f"{seed}/ai/{i}") for i, key in enumerate(seats)]
    names = [level.firm_names[i % len(level.firm_names)] + f" {i}" for i in range(len(seats))]
    game = Game(level, names, seed, contract)
    while game.outcome is None:
        game.begin_season()
        for firm_id in range(len(deciders), len(game.names)):  # firms that joined
            key = newcomer_personality(seats, seed, firm_id)
            deciders.append(make_personality(key, f"{seed}/ai/{firm_id}"))
        game.resolve({i: deciders[i](game.view(i)) for i in game.members()})
        check_season(game)
        assert len(game.reports) <= max_seasons, f"{level.id} seed {seed} never ends"
    assert game.outcome.season == len(game.reports)
    return game


def random_game(level: Level, rng: random.Random) -> Game:
    """A game of ``level`` with random seats, personalities, contract and seed, checked."""
    count = rng.randint(level.firms.min, level.firms.max)
    keys = sorted(personality_keys(include_reference=True))
    seats = [rng.choice(keys) for _ in range(count)]
    return play_checked(level, rng.randrange(2**32), seats, random_contract(level, rng))
