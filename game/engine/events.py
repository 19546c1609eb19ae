"""Season events: cards drawn from a level's weighted deck.

A card's effects use a fixed vocabulary (below) so that a level author can write any event in
YAML; the engine only knows what each effect name does, never the numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

EffectKind = Literal["multiply", "add", "flag"]

EVENT_EFFECTS: dict[str, tuple[EffectKind, float, str]] = {
    "order_volume": ("multiply", 1.0, "multiplies the joint order's volume"),
    "joint_price": ("multiply", 1.0, "multiplies the price the client pays per lot"),
    "market_price": ("multiply", 1.0, "multiplies the price of selling alone"),
    "outside_premium": ("add", 0.0, "added to every private outside offer's premium"),
    "min_quality": ("add", 0.0, "added to the order's minimum quality"),
    "tolerance": ("add", 0.0, "added to the order's tolerance for uneven quality"),
    "capacity": ("multiply", 1.0, "multiplies every firm's capacity this season"),
    "investment_cost": ("multiply", 1.0, "multiplies the cost of investing this season"),
    "capital": ("add", 0.0, "capital every firm gains (or loses, if negative)"),
    "force_majeure": ("flag", 0.0, "1 = a force majeure: a short delivery is excused"),
    "quality_claim": ("flag", 0.0, "1 = a client claims one delivered lot was faulty"),
    "joint_bonus": ("add", 0.0, "paid to each cooperating firm when trust is high enough"),
    "bonus_min_trust": ("add", 0.0, "alliance trust needed for the joint bonus"),
}


@dataclass(frozen=True, slots=True)
class EventCard:
    key: str
    name: dict[str, str]
    text: dict[str, str]
    weight: float
    source: str
    effects: dict[str, float] = field(default_factory=dict)
    dimensions: dict[str, float] = field(default_factory=dict)
    every_effect: dict[str, float] = field(init=False, repr=False, compare=False)
    """Every effect of the vocabulary: the card's own value, or the neutral one where the card
    leaves that effect alone (a card lists only what it changes)."""

    def __post_init__(self) -> None:
        every = {name: neutral for name, (_, neutral, _) in EVENT_EFFECTS.items()}
        every.update(self.effects)
        object.__setattr__(self, "every_effect", every)

    def effect(self, name: str) -> float:
        """The effect's value on this card, or its neutral value when the card lacks it."""
        return self.every_effect[name]

    def flag(self, name: str) -> bool:
        return self.every_effect[name] >= 0.5


def draw_event(deck: tuple[EventCard, ...], rng: random.Random) -> EventCard:
    """Draw one card by weight. One draw per season keeps the event sequence independent
    of the decisions, so a "what if" replay meets the same events."""
    total = sum([card.weight for card in deck])
    point = rng.random() * total
    for card in deck:
        point -= card.weight
        if point < 0:
            return card
    return deck[-1]
