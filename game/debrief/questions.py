"""Reflection questions for the group, chosen from what happened in this game.

Each question has a test on the game's facts; the first that apply (in the order below, the most
telling first) are asked, between :data:`FEWEST` and :data:`MOST`, and general ones fill in when a
quiet game gives too few.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.debrief.model import Bilingual, ConditionReview
from game.debrief.replay import Played
from game.debrief.texts import both
from game.engine.contract import CONDITIONS
from game.engine.level import Level
from game.engine.state import Action, InvestTarget

FEWEST, MOST = 4, 6
COMMON_GOODS = (InvestTarget.BRAND, InvestTarget.INSTITUTIONS)


def game_facts(level: Level, played: Played, review: list[ConditionReview]) -> dict[str, Any]:
    """The counts the questions, the history note and the comparison are chosen from."""
    reports = played.reports
    decisions = [(r, f, d) for r in reports for f, d in r.decisions.items()]
    defections = [(r, f) for r, f, d in decisions if d.action is Action.DEFECT]
    snaps = played.snapshots
    from game.engine.trust import alliance_trust

    trust = [alliance_trust(s.trust, s.members) for s in snaps]
    outcome = played.game.outcome
    return {
        "seasons": len(reports),
        "firms": len(played.game.names),
        "members_end": len(snaps[-1].members),
        "defections": len(defections),
        "detected": sum(1 for r, f in defections if f in r.detected),
        "undetected": sum(1 for r, f in defections if f not in r.detected),
        "expelled": sum(1 for r in reports for why in r.left.values() if why == "expelled"),
        "bankrupt": sum(1 for r in reports for why in r.left.values() if why == "bankrupt"),
        "uneven_cancellations": sum(r.order_status == "cancelled_uneven" for r in reports),
        "short_cancellations": sum(r.order_status == "cancelled_short" for r in reports),
        "low_quality_cancellations": sum(
            r.order_status == "cancelled_low_quality" for r in reports
        ),
        "faulty_shared": sum(1 for r in reports if r.faulty_lots and r.faulty_cost_shared),
        "common_goods_investments": sum(1 for _, _, d in decisions if d.target in COMMON_GOODS),
        "trust_start": trust[0],
        "trust_end": trust[-1],
        "trust_min": min(trust),
        "phase_start": snaps[0].phase,
        "phase_end": snaps[-1].phase,
        "lacked": [c.condition for c in review if not c.had],
        "outcome": outcome.kind if outcome else "unfinished",
    }


Rule = tuple[str, Callable[[dict[str, Any]], bool]]

CLUSTER_RULES: tuple[Rule, ...] = (
    ("unseen", lambda f: f["undetected"] > 0),
    ("uneven", lambda f: f["uneven_cancellations"] > 0),
    ("caught", lambda f: f["detected"] > 0),
    ("expelled", lambda f: f["expelled"] > 0),
    ("short", lambda f: f["short_cancellations"] > 0),
    ("faulty_shared", lambda f: f["faulty_shared"] > 0),
    ("big_group", lambda f: f["firms"] >= 6 and f["undetected"] > 0),
    ("free_ride", lambda f: f["common_goods_investments"] > 0),
    ("trust_fell", lambda f: f["trust_end"] < f["trust_start"] - 0.1),
    ("loyal", lambda f: f["defections"] == 0),
    ("lacked", lambda f: len(f["lacked"]) >= 3),
    ("advance", lambda f: f["outcome"] == "advance"),
    ("collapse", lambda f: f["outcome"] == "collapse"),
    ("stagnation", lambda f: f["outcome"] == "stagnation"),
)
CLUSTER_FILLERS = ("study", "condition", "advice")

DILEMMA_RULES: tuple[Rule, ...] = (
    ("dilemma.betrayed", lambda f: f["defections"] > 0),
    ("dilemma.loyal", lambda f: f["defections"] == 0),
    ("dilemma.trust_fell", lambda f: f["trust_end"] < f["trust_start"] - 0.1),
    ("dilemma.advance", lambda f: f["outcome"] == "advance"),
)
DILEMMA_FILLERS = ("dilemma.axelrod", "dilemma.last_round", "dilemma.hidden")


def choose_questions(level: Level, facts: dict[str, Any]) -> list[Bilingual]:
    rules, fillers = (
        (DILEMMA_RULES, DILEMMA_FILLERS) if level.is_dilemma else (CLUSTER_RULES, CLUSTER_FILLERS)
    )
    keys = [key for key, applies in rules if applies(facts)][:MOST]
    for key in fillers:
        if len(keys) >= FEWEST:
            break
        keys.append(key)
    lacked = len(facts["lacked"])
    values = {
        "level": level.name,
        "start": facts["trust_start"],
        "end": facts["trust_end"],
        "lacked": lacked,
    }
    if 0 < lacked < len(CONDITIONS):
        # keys: question.count.{game.debrief.questions.LACKED_COUNTS}
        values["lacked_words_key"] = f"question.count.{lacked}"
    keys = [lacked_key(lacked) if key == "lacked" else key for key in keys]
    # keys: question.{game.debrief.questions.CLUSTER_RULES[0]}
    # keys: question.{game.debrief.questions.CLUSTER_FILLERS}
    # keys: question.{game.debrief.questions.DILEMMA_RULES[0]}
    # keys: question.{game.debrief.questions.DILEMMA_FILLERS}
    # keys: question.{game.debrief.questions.LACKED_FORMS}
    return [both(f"question.{key}", **values) for key in keys]


LACKED_FORMS = ("lacked_none", "lacked", "lacked_all")
"""The question on missing conditions, for none, some and all of them missing."""
LACKED_COUNTS = tuple(range(1, len(CONDITIONS)))
"""How many conditions "some" can be, each a word (``question.count.<n>``)."""


def lacked_key(lacked: int) -> str:
    """The question on missing conditions, worded for how many were missing: "sin 8 de las
    ocho" reads as a slip, so signing without any (or with all) is said in plain words."""
    if lacked >= len(CONDITIONS):
        return LACKED_FORMS[2]
    if lacked == 0:
        return LACKED_FORMS[0]
    return LACKED_FORMS[1]
