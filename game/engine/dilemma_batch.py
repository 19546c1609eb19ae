"""Many tutorial games at once: the classic iterated prisoner's dilemma on numpy arrays.

The tutorial level is the one place where the simulator and the benchmarks play thousands of
long matches (a class's warm-up "what if", the side-by-side with the Axelrod library). Its
rules are few: every firm plays the level's payoff table against every other firm, every move
is seen, and trust follows the same update as in the clusters. So a deterministic strategy
there is a small finite-state machine, and a batch of games is a few array operations a round.

:func:`play_dilemma_batch` plays a batch of games this way and gives, for each, exactly what
:class:`~game.engine.game.Game` would (the same capital, trust matrix, and outcome, to the
last bit: tests hold the two equal). Which strategies can be played so is said by
:class:`DilemmaMachine`, which a personality declares beside its ``decide`` method. Anything
else (a stochastic personality, the mistake treatment, a payoff table whose sums would round
differently) is played by the ordinary engine; :func:`batch_playable` says which is which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.engine.dilemma_machine import DilemmaMachine
from game.engine.game import seat_names, starting_firms
from game.engine.level import Level
from game.engine.outcome import Outcome, dilemma_outcome
from game.engine.rules import Treatments
from game.engine.state import Action
from game.engine.trust import alliance_trust


@dataclass(frozen=True, slots=True)
class BatchGame:
    """One game of a batch: what :class:`~game.engine.game.Game` would end with."""

    start_capital: tuple[float, ...]
    capital: tuple[float, ...]
    trust: tuple[tuple[float, ...], ...]
    final_trust: float
    outcome: Outcome


def batch_playable(level: Level, treatments: Treatments | None = None) -> bool:
    """Whether :func:`play_dilemma_batch` gives exactly the engine's game on this level.

    The tutorial only; no mistake treatment (its dice are per firm and per season); and a payoff
    table of whole numbers, whose sums are exact in any order."""
    if not level.is_dilemma or level.dilemma is None:
        return False
    chosen = treatments if treatments is not None else level.rules.treatments
    if chosen.mistake_rate > 0.0:
        return False
    table = level.dilemma
    values = (table.reward, table.temptation, table.sucker, table.punishment)
    return all(float(v).is_integer() and abs(v) < 2**40 for v in values)


def play_dilemma_batch(
    level: Level,
    seats: Sequence[Sequence[DilemmaMachine]],
    seeds: Sequence[int],
    *,
    treatments: Treatments | None = None,
) -> list[BatchGame]:
    """Play one game per row of ``seats`` (every row the same number of firms), game ``g``
    with seed ``seeds[g]``, through every round of the level."""
    if not batch_playable(level, treatments):
        raise ValueError(f"{level.id} cannot be played as a batch (see batch_playable)")
    if len(seats) != len(seeds) or not seats:
        raise ValueError("one seed per game, and at least one game")
    n = len(seats[0])
    if any(len(row) != n for row in seats) or not level.firms.min <= n <= level.firms.max:
        raise ValueError(
            f"every game of a batch seats the same number of firms, {level.firms.min} to "
            f"{level.firms.max}"
        )
    chosen = treatments if treatments is not None else level.rules.treatments
    limit = level.rules.end.season_limit
    table = level.dilemma
    assert table is not None
    trust_rules = level.rules.trust

    # Every distinct machine's states, laid end to end in one table.
    machines = list(dict.fromkeys(m for row in seats for m in row))
    offset, moves, calm, betrayal, last = {}, [], [], [], []
    for machine in machines:
        base = offset[machine] = len(moves)
        moves += [m is Action.DEFECT for m in machine.moves]
        calm += [base + s for s in machine.after_calm]
        betrayal += [base + s for s in machine.after_betrayal]
        last += [machine.last_round is Action.DEFECT] * len(machine.moves)
    defects_in = np.array(moves, dtype=bool)
    next_calm, next_betrayal = np.array(calm), np.array(betrayal)
    last_defect = np.array(last, dtype=bool)
    state = np.array([[offset[m] for m in row] for row in seats])

    names = seat_names(level, n)
    start = np.array([[f.capital for f in starting_firms(level, names, s)] for s in seeds])
    capital = start.copy()
    trust = np.full((len(seeds), n, n), float(level.start_trust))
    diagonal = np.eye(n, dtype=bool)
    trust[:, diagonal] = 1.0
    gain, loss = trust_rules.gain_per_kept_promise, trust_rules.loss_detected
    told = chosen.announce_last_season

    for season in range(1, limit + 1):
        defect = defects_in[state]
        if told and season >= limit:
            defect = defect | last_defect[state]
        defectors = defect.sum(axis=1, keepdims=True)
        others_defect = defectors - defect
        others_cooperate = (n - 1) - others_defect
        capital += np.where(
            defect,
            table.temptation * others_cooperate + table.punishment * others_defect,
            table.reward * others_cooperate + table.sucker * others_defect,
        )
        # trust[g, i, j]: i's trust in j moves with what j did (update_trust, element by element)
        column = defect[:, None, :]
        trust = np.where(column, trust - loss, trust + gain * (1.0 - trust))
        np.clip(trust, 0.0, 1.0, out=trust)
        trust[:, diagonal] = 1.0
        state = np.where(others_defect > 0, next_betrayal[state], next_calm[state])

    members = list(range(n))
    games = []
    for g in range(len(seeds)):
        matrix = trust[g].tolist()
        final = alliance_trust(matrix, members)
        games.append(
            BatchGame(
                start_capital=tuple(start[g].tolist()),
                capital=tuple(capital[g].tolist()),
                trust=tuple(tuple(row) for row in matrix),
                final_trust=final,
                outcome=dilemma_outcome(level, limit, final),
            )
        )
    return games
