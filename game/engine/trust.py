"""Trust between firms: slow to build, quick to lose (000 III, "Confianza").

``trust[i][j]`` is how much firm i trusts firm j, always in [0, 1]. The alliance's trust is the
mean over pairs of current members.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from game.engine.rules import TrustRules


def alliance_trust(trust: Sequence[Sequence[float]], members: Sequence[int]) -> float:
    """Mean trust between current members (0 when fewer than two remain)."""
    if len(members) < 2:
        return 0.0
    total = 0.0
    for i in members:
        row = trust[i]
        for j in members:
            if i != j:
                total += row[j]
    return total / (len(members) * (len(members) - 1))


def update_trust(
    trust: list[list[float]],
    members: Sequence[int],
    delivered: Collection[int],
    detected: Collection[int],
    across_the_board_loss: float,
    rules: TrustRules,
) -> float:
    """Apply one season's trust changes in place, and return the alliance's trust among
    ``members`` after them (what :func:`alliance_trust` gives, summed on the way).

    A kept promise earns a share of the remaining distance to full trust; a detected defection
    costs a fixed amount, larger than any one season can earn (GAME_DESIGN behaviour 5). The
    across-the-board loss gathers suspicion from undelivered lots, cancellations, disputes and
    conflicts that no one can pin on a single firm.
    """
    gain = rules.gain_per_kept_promise
    loss = rules.loss_detected
    # what each firm did this season: caught, or kept its promise
    columns = [(j, j in detected, j in delivered) for j in members]
    total = 0.0  # in alliance_trust's order, so the same float
    for i in members:
        row = trust[i]
        for j, caught, kept in columns:
            if i == j:
                continue
            value = row[j]
            if caught:
                value -= loss
            elif kept:
                value += gain * (1.0 - value)
            value -= across_the_board_loss
            row[j] = value = 0.0 if value < 0.0 else (1.0 if value > 1.0 else value)
            total += value
    if len(members) < 2:
        return 0.0
    return total / (len(members) * (len(members) - 1))


def trust_matrix(size: int, start: float) -> list[list[float]]:
    return [[1.0 if i == j else start for j in range(size)] for i in range(size)]
