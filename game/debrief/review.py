"""The contract under review: the eight basic conditions (000 III) and what each did here.

For each condition the review compares the contract the group signed with one alternative on the
same game: where the group lacked the condition, the level's sound (reference) option; where it
had it, the "no rules" option. Each effect is measured on this game's own seasons and dice, never
a canned sentence: for example the defections that the missing monitoring would have caught are
the undetected ones whose detection roll (drawn again from the game's own dice by
:meth:`~game.engine.game.Game.detection_rolls`) falls under the higher chance. Only the
first-order effect is counted (the game is not replayed; the "what if" replay does that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.debrief.model import Bilingual, ConditionReview
from game.debrief.replay import Played
from game.debrief.texts import both, join
from game.engine.contract import (
    CONDITIONS,
    ContractOption,
    ContractTerms,
    fine_due,
    sign_contract,
)
from game.engine.ledger import FUND
from game.engine.level import Level
from game.engine.state import Action

SECTION = "000 III (Condiciones básicas para la asociatividad)"
"""000_c7f8bc4c4fe3a9ea.txt, section III: the basic conditions of an alliance."""

MAX_EFFECTS = 2
"""Effects told per condition (the strongest first), so each review stays short."""

# How much each modifier counts toward an option being the stronger one (its sign: better).
_STRENGTH = {
    "order_volume": 1.0,
    "capacity": 1.0,
    "coordination_cost": -0.5,
    "detection": 2.0,
    "conflict_trust_loss": -10.0,
    "dispute_settlement": 1.0,
    "traceability": 1.0,
    "fine_share": 2.0,
    "escalation": 0.2,
    "expel_after": 0.3,
    "fine_waived": -1.0,
    "entry_per_season": 0.5,
    "formality": 0.2,
}
_NEUTRAL = {"order_volume": 1.0, "capacity": 1.0, "coordination_cost": 1.0, "escalation": 1.0}


def strength(option: ContractOption) -> float:
    """A rough score of how much an option binds the partners (only to tell which is weaker)."""
    return sum(
        weight * (option.effects.get(name, _NEUTRAL.get(name, 0.0)) - _NEUTRAL.get(name, 0.0))
        for name, weight in _STRENGTH.items()
    )


@dataclass(frozen=True, slots=True)
class _Compare:
    """The signed contract against the alternative, on one played game."""

    level: Level
    played: Played
    actual: ContractTerms
    alt: ContractTerms
    lacked: bool

    @property
    def state(self) -> str:
        return "lacked" if self.lacked else "had"


Effect = tuple[str, dict[str, float | str]]
Calculator = Callable[[_Compare], Effect | None]


def review_contract(level: Level, played: Played) -> list[ConditionReview]:
    """One review per basic condition, in the order of 000 III; none for the tutorial, whose
    classic dilemma has no contract."""
    if level.is_dilemma:
        return []
    return [_review(level, played, condition) for condition in CONDITIONS]


def _review(level: Level, played: Played, key: str) -> ConditionReview:
    condition = level.contract[key]
    actual = played.game.state.terms
    chosen = actual.choices[key]
    sound = level.reference_contract[key]
    weakest = level.no_rules_contract[key]
    option = condition.options[chosen]
    had = chosen == sound or (
        chosen != weakest
        and weakest in condition.options
        and strength(option) > strength(condition.options[weakest])
    )
    alt_key = weakest if had else sound
    alt = sign_contract({**actual.choices, key: alt_key}, level.contract)
    compare = _Compare(level, played, actual, alt, lacked=not had)
    effects = [e for e in (calc(compare) for calc in _CALCULATORS) if e is not None]
    figures: dict[str, float] = {}
    parts: list[Bilingual] = [
        both(
            f"review.lead.{compare.state}",  # keys: review.lead.{game.debrief.review.STATES}
            chosen=option.name,
            sound=condition.options[sound].name,
        )
    ]
    for name, values in effects[:MAX_EFFECTS]:
        # keys: review.{game.debrief.review.EFFECTS}.{game.debrief.review.STATES}
        parts.append(both(f"review.{name}.{compare.state}", **values))
    for name, values in effects:
        figures.update({f"{name}.{k}": float(v) for k, v in values.items() if _is_number(v)})
    if not effects:
        # keys: review.none.{game.debrief.review.STATES}
        parts.append(both(f"review.none.{compare.state}"))
    cost = _cost(level, played, key, chosen, alt_key, had)
    if cost is not None:
        parts.append(both(cost[0], **cost[1]))
        figures.update({f"cost.{k}": float(v) for k, v in cost[1].items()})
    return ConditionReview(
        condition=key,
        name=dict(condition.name),
        chosen=chosen,
        chosen_name=dict(option.name),
        sound=sound,
        sound_name=dict(condition.options[sound].name),
        had=had,
        effect=join(parts),
        figures=figures,
        source=_source(condition.source),
    )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _source(source: str) -> str:
    """The condition's own citation, with section III named in full."""
    if source.startswith("000 III"):
        return SECTION + source.removeprefix("000 III")
    return source


def _cost(
    level: Level, played: Played, key: str, chosen: str, alt: str, had: bool
) -> tuple[str, dict[str, float]] | None:
    seasons = len(played.reports)
    options = level.contract[key].options

    def total(option: str) -> float:
        o = options[option]
        return o.cost_once + o.cost_per_season * seasons

    if had:
        paid = total(chosen) - total(alt)
        return ("review.cost.had", {"amount": paid}) if paid > 0 else None
    saved = total(alt) - total(chosen)
    return ("review.cost.lacked", {"amount": saved}) if saved > 0 else None


# -- what one modifier did in this game ----------------------------------------------------


def _detection(c: _Compare) -> Effect | None:
    delta = c.alt["detection"] - c.actual["detection"]
    if (delta <= 0.0) if c.lacked else (delta >= 0.0):
        return None
    cap = c.level.rules.detection.max_chance
    game = c.played.game
    changed = total = 0
    for report in c.played.reports:
        defectors = [f for f, d in report.decisions.items() if d.action is Action.DEFECT]
        if not defectors:
            continue
        rolls = game.detection_rolls(report.season)
        other = min(max(report.detection_chance + delta, 0.0), cap)
        for firm in defectors:
            caught = firm in report.detected
            total += caught != c.lacked  # lacked: the unseen ones; had: the caught ones
            if caught != (rolls[firm] < other):
                changed += 1
    if total == 0 or changed == 0:
        return None
    return "detection", {"count": changed, "total": total}


def _traceability(c: _Compare) -> Effect | None:
    if c.actual.has_traceability == c.alt.has_traceability:
        return None
    lots = paid = 0.0
    for report in c.played.reports:
        if not report.faulty_lots:
            continue
        lots += len(report.faulty_lots)
        makers = set(report.faulty_lots)
        paid += -sum(
            amount
            for account, amount, reason in report.ledger
            if reason == "faulty_claim" and account != FUND and account not in makers
        )
    if lots == 0:
        return None
    if c.lacked:
        return "traceability", {"claims": lots, "amount": paid}
    return "traceability", {"claims": lots}


def _fines(c: _Compare) -> Effect | None:
    actual = alt = 0.0
    count = 0
    for report in c.played.reports:
        for penalty in report.penalties.values():
            count += 1
            actual += penalty.fine
            alt += fine_due(c.alt.modifiers, penalty.offence, penalty.owed)
    diff = alt - actual if c.lacked else actual - alt
    if count == 0 or diff <= 0.005:
        return None
    return "fines", {"count": count, "amount": diff}


def _expulsions(c: _Compare) -> Effect | None:
    better = c.alt if c.lacked else c.actual
    worse = c.actual if c.lacked else c.alt
    limit = int(better["expel_after"])
    if limit <= 0 or (0 < int(worse["expel_after"]) <= limit):
        return None
    firms = c.played.game.state.firms
    if c.lacked:
        who = [f.name for f in firms if f.offences >= limit and f.left_reason != "expelled"]
    else:
        who = [f.name for f in firms if f.left_reason == "expelled"]
    return ("expulsions", {"firms": ", ".join(who), "count": len(who)}) if who else None


def _ratio(c: _Compare, name: str) -> float:
    """How much bigger the better contract makes a multiplied quantity (1.08 = 8% more)."""
    better, worse = (c.alt, c.actual) if c.lacked else (c.actual, c.alt)
    return better[name] / worse[name] if worse[name] else 1.0


def _order_volume(c: _Compare) -> Effect | None:
    ratio = _ratio(c, "order_volume")
    if ratio <= 1.0 or not c.played.reports:
        return None
    promised = sum(r.lots_promised for r in c.played.reports)
    lots = promised * (ratio - 1.0) if c.lacked else promised * (1.0 - 1.0 / ratio)
    return "order_volume", {"share": ratio - 1.0, "lots": lots}


def _capacity(c: _Compare) -> Effect | None:
    ratio = _ratio(c, "capacity")
    if ratio <= 1.0 or not c.played.reports:
        return None
    return "capacity", {"share": ratio - 1.0}


def _coordination(c: _Compare) -> Effect | None:
    delta = c.actual["coordination_cost"] - c.alt["coordination_cost"]
    if not c.lacked:
        delta = -delta
    if delta <= 0.0:
        return None
    per_lot = c.level.rules.trust.coordination_cost_at_zero_trust
    amount = 0.0
    for report in c.played.reports:
        lots = sum(d.lots for d in report.deliveries.values())
        amount += lots * per_lot * (1.0 - report.trust_before) * delta
    return ("coordination", {"amount": amount}) if amount > 0.05 else None


def _conflicts(c: _Compare) -> Effect | None:
    delta = c.actual["conflict_trust_loss"] - c.alt["conflict_trust_loss"]
    if not c.lacked:
        delta = -delta
    seasons = len(c.played.reports)
    if delta <= 0.0 or seasons == 0:
        return None
    return "conflicts", {"per_season": delta, "total": delta * seasons, "seasons": seasons}


def _disputes(c: _Compare) -> Effect | None:
    delta = c.alt["dispute_settlement"] - c.actual["dispute_settlement"]
    if not c.lacked:
        delta = -delta
    if delta <= 0.0:
        return None
    disputes = sum(
        1 for r in c.played.reports if r.order_status.startswith("cancelled") or r.detected
    )
    if disputes == 0:
        return None
    loss = disputes * c.level.rules.trust.dispute_loss * delta
    return "disputes", {"disputes": disputes, "trust": loss}


def _entry(c: _Compare) -> Effect | None:
    delta = c.alt["entry_per_season"] - c.actual["entry_per_season"]
    if not c.lacked:
        delta = -delta
    seasons = len(c.played.reports)
    if delta <= 0.0 or seasons == 0:
        return None
    return "entry", {"points": delta * seasons}


def _formality(c: _Compare) -> Effect | None:
    delta = c.alt["formality"] - c.actual["formality"]
    if not c.lacked:
        delta = -delta
    if delta <= 0.0:
        return None
    rules = c.level.rules
    # a formal term strengthens the guilds while the cluster sees the consortium succeed, and
    # the guilds are one of the three supports the institutions dimension reads
    # (game.engine.population)
    per_term = rules.population.guilds_per_formal_term * rules.dimensions.institutions_per_support
    points = 0.0
    for report in c.played.reports:
        if report.order_status != "accepted":
            continue
        members = len(report.decisions)
        coop = sum(d.action is Action.COOPERATE for d in report.decisions.values())
        points += per_term * delta * coop / max(members, 1) / 3.0
    return ("formality", {"points": points}) if points >= 0.05 else None


_CALCULATORS: tuple[Calculator, ...] = (
    _detection,
    _traceability,
    _fines,
    _expulsions,
    _order_volume,
    _capacity,
    _coordination,
    _disputes,
    _conflicts,
    _formality,
    _entry,
)
EFFECTS = tuple(calculator.__name__.removeprefix("_") for calculator in _CALCULATORS)
"""The effects a condition's review can tell, each the name its calculator returns."""
STATES = ("had", "lacked")
"""Whether the consortium had a condition (signed its sound option) or lacked it."""
