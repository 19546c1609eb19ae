"""The consortium's contract: the eight basic conditions of an alliance (000, section III).

Each condition offers options; each option has a cost (once at signing, and per season from the
common fund) and effects. Effects are named modifiers from a fixed vocabulary below, so a level
can price and tune every option in YAML while the engine knows what each name means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CONDITIONS: tuple[str, ...] = (
    "goals",
    "commitment",
    "roles",
    "membership",
    "leadership",
    "penalties",
    "traceability",
    "full_contract",
)
"""The eight basic conditions of 000 section III (trust, the ninth, is not signed: it is earned)."""

Combine = Literal["multiply", "add", "max"]

MODIFIERS: dict[str, tuple[Combine, float, str]] = {
    "order_volume": ("multiply", 1.0, "multiplies the joint order's volume"),
    "capacity": ("multiply", 1.0, "multiplies every member's productive capacity"),
    "coordination_cost": ("multiply", 1.0, "multiplies the cost of coordinating when trust is low"),
    "detection": ("add", 0.0, "added to the chance of detecting a defection"),
    "conflict_trust_loss": ("add", 0.0, "trust lost by everyone every season through conflicts"),
    "dispute_settlement": ("max", 0.0, "share of a dispute's trust loss that arbitration avoids"),
    "traceability": ("max", 0.0, "1 = a faulty lot is traced to its maker instead of shared"),
    "fine_share": (
        "add",
        0.0,
        "fine a member caught in a breach pays into the common fund, as a share of the value "
        "(at the joint price) of the order share it owed that season",
    ),
    "escalation": ("max", 1.0, "the fine is multiplied by this for each earlier offence"),
    "expel_after": ("max", 0.0, "detected offences that lead to expulsion (0 = never)"),
    "fine_waived": ("add", 0.0, "share of the fine excused because excuses are accepted"),
    "excuses_accepted": (
        "max",
        0.0,
        "1 = any excuse is accepted: a detected breach never counts toward escalation or expulsion",
    ),
    "entry_per_season": ("add", 0.0, "points the entry-of-agents dimension gains each season"),
    "formality": ("add", 0.0, "formal terms that build the cluster's institutions"),
    "admits_newcomers": (
        "max",
        0.0,
        "1 = firms of the cluster may apply during the game and join if they meet the entry "
        "conditions (rules.membership)",
    ),
}


@dataclass(frozen=True, slots=True)
class ContractOption:
    key: str
    name: dict[str, str]
    consequence: dict[str, str]
    cost_once: float
    cost_per_season: float
    effects: dict[str, float]
    source: str


@dataclass(frozen=True, slots=True)
class ContractCondition:
    key: str
    name: dict[str, str]
    question: dict[str, str]
    source: str
    options: dict[str, ContractOption]


@dataclass(frozen=True, slots=True)
class ContractTerms:
    """A signed contract: the chosen options and their combined effects and costs."""

    choices: dict[str, str]
    modifiers: dict[str, float]
    cost_once: float
    cost_per_season: float

    def __getitem__(self, modifier: str) -> float:
        """``terms["fine_share"]``: the combined value of one modifier, as in ``terms.modifiers``."""
        return self.modifiers[modifier]

    @property
    def has_traceability(self) -> bool:
        return self.modifiers["traceability"] >= 0.5

    @property
    def sanctions_breaches(self) -> bool:
        """Whether the contract agreed a sanction for a breach: a fine or an expulsion."""
        return self.modifiers["fine_share"] > 0.0 or self.modifiers["expel_after"] > 0.0

    @property
    def excuses_accepted(self) -> bool:
        """A lenient commitment: any excuse is accepted, so no breach ever counts."""
        return self.modifiers["excuses_accepted"] >= 0.5


def fine_due(modifiers: dict[str, float], offence: int, owed: float) -> float:
    """The fine agreed for a member's ``offence``-th detected breach (1 for the first) when the
    order share it owed was worth ``owed`` at the joint price. Fines are a share of that value,
    so that they scale with what a breach takes from the partners and can bite (000 III:
    sanctions agreed in advance); each repeat multiplies them by the escalation, and excuses
    accepted waive part of them."""
    fine = (
        modifiers["fine_share"]
        * owed
        * modifiers["escalation"] ** (offence - 1)
        * (1.0 - modifiers["fine_waived"])
    )
    return max(fine, 0.0)


def fine_taken(share: float, owed: float, held: float, started_with: float) -> float:
    """What the fund takes now of a fine of ``owed`` from a firm holding ``held``, which began
    the season with ``started_with``: everything the firm earned this season and ``share``
    (``rules.fund.fine_instalment``) of what it began with, never more than it owes. So a season
    caught is always a season lost, yet a fine never takes a firm below zero by itself: one
    offence costs a small firm dearly without closing it down, and the rest is taken in the
    seasons after (an instalment: ``held == started_with``, ``share`` of what it holds)."""
    keeps = (1.0 - share) * max(started_with, 0.0)
    return min(owed, max(held - keeps, 0.0))


def sign_contract(
    choices: dict[str, str], conditions: dict[str, ContractCondition]
) -> ContractTerms:
    """Combine the chosen options into the terms the engine applies.

    Raises ``ValueError`` naming the condition when a choice is missing or not on the table.
    """
    modifiers = {name: neutral for name, (_, neutral, _) in MODIFIERS.items()}
    cost_once = 0.0
    cost_per_season = 0.0
    for condition_key in CONDITIONS:
        condition = conditions[condition_key]
        choice = choices.get(condition_key)
        if choice not in condition.options:
            raise ValueError(
                f"contract condition '{condition_key}': option {choice!r} is not available "
                f"(choose one of {', '.join(condition.options)})"
            )
        option = condition.options[choice]
        cost_once += option.cost_once
        cost_per_season += option.cost_per_season
        for name, value in option.effects.items():
            combine = MODIFIERS[name][0]
            if combine == "multiply":
                modifiers[name] *= value
            elif combine == "add":
                modifiers[name] += value
            else:
                modifiers[name] = max(modifiers[name], value)
    return ContractTerms(
        choices={k: choices[k] for k in CONDITIONS},
        modifiers=modifiers,
        cost_once=cost_once,
        cost_per_season=cost_per_season,
    )
