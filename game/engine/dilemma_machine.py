"""A deterministic tutorial strategy, declared as a small state machine.

Its own module, without numpy: every personality declares one (``tutorial_machine``), so the
personalities import it, and they are imported on the way to the title screen; the batch
player that runs the machines (:mod:`game.engine.dilemma_batch`) needs numpy, loaded only when
a batch is played.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.state import Action


@dataclass(frozen=True, slots=True)
class DilemmaMachine:
    """A deterministic tutorial strategy as a finite-state machine.

    The machine starts in state 0. In each state it plays ``moves[state]``; after the round it
    goes to ``after_calm[state]`` if no other firm defected, to ``after_betrayal[state]`` if one
    did (what :func:`game.ai.personalities.others_defected` reads from the public record).
    ``last_round``, when set, is DEFECT: the machine defects in the last round if the players
    were told which round is the last (betraying when there is no tomorrow is the only such
    twist a personality has, and the only one the batch player plays).
    """

    moves: tuple[Action, ...]
    after_calm: tuple[int, ...]
    after_betrayal: tuple[int, ...]
    last_round: Action | None = None

    def __post_init__(self) -> None:
        n = len(self.moves)
        if not n or len(self.after_calm) != n or len(self.after_betrayal) != n:
            raise ValueError("a machine needs one move and two next states per state")
        if any(not 0 <= s < n for s in (*self.after_calm, *self.after_betrayal)):
            raise ValueError("a next state must be one of the machine's states")
        if any(m not in (Action.COOPERATE, Action.DEFECT) for m in self.moves):
            raise ValueError("a tutorial machine only cooperates or defects")
        if self.last_round not in (None, Action.DEFECT):
            raise ValueError("a machine's last-round move can only be a defection")


ALWAYS_COOPERATE = DilemmaMachine(moves=(Action.COOPERATE,), after_calm=(0,), after_betrayal=(0,))
ALWAYS_DEFECT = DilemmaMachine(moves=(Action.DEFECT,), after_calm=(0,), after_betrayal=(0,))
TIT_FOR_TAT = DilemmaMachine(
    moves=(Action.COOPERATE, Action.DEFECT), after_calm=(0, 0), after_betrayal=(1, 1)
)
