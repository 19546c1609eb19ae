"""Computer-run firms: one small class per personality (the Axelrod library's shape).

A personality sees only a :class:`~game.engine.views.FirmView` and draws randomness only from its
own generator, seeded by the game, so a seeded game is reproducible and no firm can read hidden
state.
Adding a personality means adding one subclass with a unique ``key``: it registers itself.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import cached_property
from typing import Any, ClassVar

from game.engine.dilemma_machine import ALWAYS_COOPERATE, ALWAYS_DEFECT, DilemmaMachine
from game.engine.level import Level
from game.engine.state import COOPERATE, DEFECT, Decision
from game.engine.views import FirmView

REGISTRY: dict[str, type[Personality]] = {}


class Personality:
    key: ClassVar[str]
    name: ClassVar[dict[str, str]]  # {"es": ..., "en": ...}
    description: ClassVar[dict[str, str]]  # one line each
    classifier: ClassVar[dict[str, Any]] = {"stochastic": False, "memory_depth": 0}
    reference: ClassVar[bool] = False
    """Reference policies (always cooperate / always defect) are for the simulator and tests,
    not offered as opponents at the table."""
    tutorial_machine: ClassVar[DilemmaMachine | None] = None
    """What ``decide`` does in the tutorial, as a state machine, for a deterministic
    personality: it lets the simulator play tutorial games in batches
    (:mod:`game.engine.dilemma_batch`). A test holds it to ``decide``, game for game."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "key" in cls.__dict__:
            if cls.key in REGISTRY:
                raise ValueError(f"two personalities share the key '{cls.key}'")
            REGISTRY[cls.key] = cls

    def __init__(self, seed: int | str) -> None:
        self._seed = seed

    @cached_property
    def rng(self) -> random.Random:
        """This firm's generator, seeded on its first draw: seeding one costs about 6 µs, and
        the deterministic personalities (most of them) never draw, so a game of computer-run
        firms would spend a tenth of its time seeding generators nobody uses."""
        return random.Random(self._seed)

    def decide(self, view: FirmView) -> Decision:
        raise NotImplementedError

    def preferred_contract(self, level: Level) -> dict[str, str]:
        """The contract this firm argues for before signing (the sound one, unless it has
        reasons of its own: an opportunist wants nothing that could catch it)."""
        return dict(level.reference_contract)

    def __call__(self, view: FirmView) -> Decision:
        return self.decide(view)


class AlwaysCooperate(Personality):
    key = "always_cooperate"
    name: ClassVar[dict[str, str]] = {"es": "Siempre coopera", "en": "Always cooperates"}
    description: ClassVar[dict[str, str]] = {
        "es": "Referencia: entrega su parte cada temporada, pase lo que pase.",
        "en": "Reference: delivers its share every season, whatever happens.",
    }
    reference = True
    tutorial_machine = ALWAYS_COOPERATE

    def decide(self, view: FirmView) -> Decision:
        return COOPERATE


class AlwaysDefect(Personality):
    key = "always_defect"
    name: ClassVar[dict[str, str]] = {
        "es": "Siempre negocia por fuera",
        "en": "Always sells por fuera",
    }
    description: ClassVar[dict[str, str]] = {
        "es": "Referencia: vende por fuera cada temporada, pase lo que pase.",
        "en": "Reference: sells por fuera every season, whatever happens.",
    }
    reference = True
    tutorial_machine = ALWAYS_DEFECT

    def decide(self, view: FirmView) -> Decision:
        return DEFECT

    def preferred_contract(self, level: Level) -> dict[str, str]:
        return dict(level.no_rules_contract)


def personality_keys(*, include_reference: bool = False) -> list[str]:
    return [k for k, cls in REGISTRY.items() if include_reference or not cls.reference]


def newcomer_personality(table: Sequence[str | None], seed: int, firm_id: int) -> str:
    """The personality of a firm of the cluster that joins a game during it (open membership).

    At a table where every seat is the same personality (a simulator's policy run, "everyone
    cooperates"), the newcomer is that personality too, so that the run measures the contract
    with the behaviour it asked for. Anywhere else it is one of the cluster's own kinds of firm,
    at random from the game's seed: the entry conditions check what a firm brings, not how it
    will behave (000 III)."""
    kinds = set(table)
    if len(kinds) == 1 and None not in kinds:
        return str(table[0])
    keys = sorted(personality_keys())
    return random.Random(f"{seed}/newcomer/{firm_id}").choice(keys)


def make_personality(key: str, seed: int | str) -> Personality:
    """The personality ``key``, drawing from ``random.Random(seed)``. Raises ``KeyError``
    with a did-you-mean message for an unknown key."""
    if key not in REGISTRY:
        import difflib

        close = difflib.get_close_matches(key, REGISTRY, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(REGISTRY)}"
        raise KeyError(f"unknown personality '{key}' ({hint})")
    return REGISTRY[key](seed)
