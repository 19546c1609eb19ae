"""The tutorial level: the classic iterated prisoner's dilemma among two to eight firms.

Each firm's payoff is the sum of the classic table against every other firm, every action is
public, and trust follows the same rules as in the clusters, so a class can warm up on the
pure dilemma before meeting contracts, detection and the cluster's phases.
"""

from __future__ import annotations

from functools import cache

from game.engine.ledger import Ledger
from game.engine.level import DilemmaRules, Level
from game.engine.reports import SeasonReport
from game.engine.state import Action, Decision, GameState, SeasonSetup, members_decisions
from game.engine.trust import alliance_trust, update_trust

_MOVES = (Action.COOPERATE, Action.DEFECT)


def payoff(level: Level, mine: Action, theirs: Action) -> float:
    assert level.dilemma is not None
    return payoff_table(level.dilemma)[mine, theirs]


@cache
def payoff_table(rules: DilemmaRules) -> dict[tuple[Action, Action], float]:
    """The classic table as ``{(mine, theirs): payoff}``: the same every round of a level, so
    it is written out once per level's rules."""

    def one(mine: Action, theirs: Action) -> float:
        if mine is Action.COOPERATE:
            return rules.reward if theirs is Action.COOPERATE else rules.sucker
        return rules.temptation if theirs is Action.COOPERATE else rules.punishment

    return {(mine, theirs): one(mine, theirs) for mine in _MOVES for theirs in _MOVES}


def resolve_dilemma(
    level: Level,
    state: GameState,
    setup: SeasonSetup,
    decisions: dict[int, Decision],
    mistakes: frozenset[int] = frozenset(),
    trust_before: float | None = None,
) -> SeasonReport:
    """Pay the classic table; a cooperation in ``mistakes`` comes out as a defection (the
    mistake treatment, as in The Evolution of Trust), though the record keeps what was meant.
    ``trust_before`` is the alliance's trust at the start of the round, when the caller has it
    (as for :func:`~game.engine.season.resolve_season`)."""
    members = state.members()
    decisions = members_decisions(members, decisions)
    for firm in members:
        if decisions[firm.id].action is Action.INVEST:
            raise ValueError("the tutorial has only two choices: cooperate or defect")
    ledger = Ledger()
    ids = [f.id for f in members]
    if trust_before is None:
        trust_before = alliance_trust(state.trust, ids)
    capital_before = {f.id: f.capital for f in state.firms}
    slipped = tuple(i for i in ids if i in mistakes and decisions[i].action is Action.COOPERATE)
    played = {i: Action.DEFECT if i in slipped else decisions[i].action for i in ids}
    assert level.dilemma is not None
    table = payoff_table(level.dilemma)
    payoffs: dict[int, float] = {}
    for firm in members:
        mine = played[firm.id]
        total = sum([table[mine, played[o]] for o in ids if o != firm.id])
        payoffs[firm.id] = total
        ledger.move(state, firm.id, total, "joint_sale")
    cooperators = {i for i in ids if played[i] is Action.COOPERATE}
    defectors = tuple(i for i in ids if i not in cooperators)
    trust_after = update_trust(
        state.trust, ids, cooperators, set(defectors), 0.0, level.rules.trust
    )
    state.season = setup.season
    return SeasonReport(
        season=setup.season,
        event=setup.event.key,
        decisions=decisions,  # the members', in seating order
        order_status="accepted" if not defectors else "cancelled_short",
        lots_promised=float(len(ids)),
        lots_delivered=float(len(cooperators)),
        quality_spread=0.0,
        mean_quality=0.0,
        deliveries={},
        faulty_lots=(),
        faulty_cost_shared=False,
        detection_chance=1.0,
        detected=defectors,
        penalties={},
        left={},
        trust_before=trust_before,
        trust_after=trust_after,
        dimensions_before=dict(state.dimensions),
        dimension_changes=dict.fromkeys(state.dimensions, 0.0),
        phase=state.phase,
        capital_change={i: state.firms[i].capital - c for i, c in capital_before.items()},
        fund_change=0.0,
        ledger=tuple(ledger.entries),
        payoffs=payoffs,
        seen=defectors,
        mistakes=slipped,
    )
