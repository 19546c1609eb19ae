"""The resolution of a season told step by step, in plain words.

The resolution screen animates these steps and the debrief reuses them. Each step is a text key
and its values, so the same story can be told in Spanish and in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.engine.cluster import compute_phase
from game.engine.level import Level
from game.engine.outcome import Reason
from game.engine.reports import BREACHES, Penalty, SeasonReport
from game.engine.state import Action
from game.i18n import LANGUAGES, pick, tr, whole_number

TOLD_BREACHES = tuple(b for b in BREACHES if b != "por_fuera")
"""Breaches the story tells as such (selling por fuera is told as its detection)."""


@dataclass(frozen=True, slots=True)
class StoryStep:
    kind: str  # event, deliveries, verdict, faulty, detection, suspicion, trust, money,
    # population, dimensions, phase, membership
    key: str
    values: dict[str, Any] = field(default_factory=dict)
    firms: tuple[int, ...] = ()  # firms the step is about (highlighted on the board)

    def text(self, lang: str) -> str:
        """The step in ``lang``; bilingual values (a level's own texts) are picked first."""
        values = {k: pick(v, lang) if isinstance(v, dict) else v for k, v in self.values.items()}
        for name, value in list(values.items()):
            if name.endswith("_key"):
                values[name.removesuffix("_key")] = tr(value, lang)
        return tr(self.key, lang, **values)


def season_story(level: Level, report: SeasonReport, names: list[str]) -> list[StoryStep]:
    """What happened this season, in the order the resolution screen tells it."""
    event = next(e for e in level.events if e.key == report.event)
    steps = [StoryStep("event", "story.event", {"name": event.name, "text": event.text})]
    if level.is_dilemma:
        return steps + _dilemma_steps(report, names)
    steps += _delivery_steps(report, names)
    steps += _verdict_steps(level, report, names)
    steps += _detection_steps(report, names)
    steps.append(
        StoryStep(
            "trust", "story.trust", {"before": report.trust_before, "after": report.trust_after}
        )
    )
    steps += _population_steps(report)
    steps += _dimension_steps(report)
    steps += _phase_steps(level, report)
    steps += _applicant_steps(report)
    return steps


def _applicant_steps(report: SeasonReport) -> list[StoryStep]:
    """A firm of the cluster asked to join once the season was over (open membership, 000
    III): told last, since it sits at the table from the next season on."""
    applicant = report.applicant
    if applicant is None:
        return []
    if applicant.firm_id is not None:
        values = {"firm": applicant.name, "fee": applicant.fee}
        return [StoryStep("membership", "story.applicant.joined", values, (applicant.firm_id,))]
    # keys: story.applicant.short.{game.engine.reports.SHORTFALLS}
    values = {"firm": applicant.name, "why_key": f"story.applicant.short.{applicant.shortfalls[0]}"}
    return [StoryStep("membership", "story.applicant.refused", values)]


def _phase_steps(level: Level, report: SeasonReport) -> list[StoryStep]:
    """The season the cluster's phase changed, read as a whole from the dimensions before and
    after: a rise to hold for the win, a fall to recover before the game ends in collapse."""
    before = compute_phase(
        report.dimensions_before, level.rules.phase_thresholds, level.dimension_sense
    )
    if report.phase == before:
        return []
    values = {
        "phase_key": f"phase.{report.phase}",  # keys: phase.{game.engine.rules.PHASES}
        "hold": level.rules.end.hold_seasons,
        "delta": report.phase - before,
    }
    key = "story.phase.rose" if report.phase > before else "story.phase.fell"
    return [StoryStep("phase", key, values)]


def _population_steps(report: SeasonReport) -> list[StoryStep]:
    """How the cluster's other firms answered the consortium's example (game.engine.population):
    the step that shows the two scales, told only when at least one firm joined or left."""
    before, after = report.population_before, report.population
    if not before or not after:
        return []
    firms = int(after["firms"])
    joined = round(firms * after["associated"]) - round(firms * before["associated"])
    if joined == 0:
        return []

    def grouped(n: int) -> dict[str, str]:  # each language groups thousands its own way
        return {lang: whole_number(n, lang) for lang in LANGUAGES}

    values = {
        "count": grouped(abs(joined)),
        "associated": grouped(round(firms * after["associated"])),
        "firms": grouped(firms),
        "delta": joined,
    }
    return [
        StoryStep(
            "population",
            "story.population.joined" if joined > 0 else "story.population.left",
            values,
        )
    ]


def _dilemma_steps(report: SeasonReport, names: list[str]) -> list[StoryStep]:
    steps = []
    for firm, decision in report.decisions.items():
        key = (
            "story.dilemma.cooperated"
            if decision.action is Action.COOPERATE
            else "story.dilemma.defected"
        )
        steps.append(
            StoryStep(
                "deliveries",
                key,
                {"firm": names[firm], "points": report.payoffs.get(firm, 0.0)},
                (firm,),
            )
        )
    steps.append(
        StoryStep(
            "trust", "story.trust", {"before": report.trust_before, "after": report.trust_after}
        )
    )
    return steps


def _delivery_steps(report: SeasonReport, names: list[str]) -> list[StoryStep]:
    steps = []
    investors = [i for i, d in report.decisions.items() if d.action is Action.INVEST]
    for firm in investors:
        target = report.decisions[firm].target
        assert target is not None
        steps.append(
            StoryStep(
                "deliveries",
                "story.invested",
                # keys: target.{game.engine.state.InvestTarget}
                {"firm": names[firm], "target_key": f"target.{target.value}"},
                (firm,),
            )
        )
    if report.lots_promised > 0:
        steps.append(
            StoryStep(
                "deliveries",
                "story.delivered",
                {"delivered": report.lots_delivered, "promised": report.lots_promised},
                # no firms: marking who delivered would single out, by omission, whoever sold
                # por fuera without being caught
            )
        )
    return steps


def _verdict_steps(level: Level, report: SeasonReport, names: list[str]) -> list[StoryStep]:
    status = report.order_status
    # keys: status.{game.engine.reports.ORDER_STATUSES}
    values: dict[str, Any] = {"status_key": f"status.{status}"}
    if status == "cancelled_uneven":
        key = "story.verdict.uneven"
        values["spread"] = report.quality_spread
    elif status == "cancelled_short":
        key = "story.verdict.short"
        values["fill"] = (
            report.lots_delivered / report.lots_promised if report.lots_promised else 0.0
        )
    elif status == "cancelled_low_quality":
        key = "story.verdict.low_quality"
        values["quality"] = report.mean_quality
    elif status == "accepted":
        key = "story.verdict.accepted"
    else:
        key = "story.verdict.none"
    steps = [StoryStep("verdict", key, values)]
    if report.faulty_lots:
        who = ", ".join(names[i] for i in report.faulty_lots)
        key = "story.faulty.shared" if report.faulty_cost_shared else "story.faulty.traced"
        steps.append(StoryStep("faulty", key, {"firms": who}, report.faulty_lots))
    return steps


def _detection_steps(report: SeasonReport, names: list[str]) -> list[StoryStep]:
    steps = []
    others = [f for f, p in report.penalties.items() if p.breach != "por_fuera"]
    for firm in [*report.detected, *others]:
        penalty = report.penalties.get(firm)
        if firm in report.detected:
            steps.append(_detection_step(names[firm], firm, penalty))
        else:
            assert penalty is not None
            # keys: story.breach.{game.play.story.TOLD_BREACHES}
            key = "story.breach.excused" if penalty.excused else f"story.breach.{penalty.breach}"
            values = {"firm": names[firm], "offence": penalty.offence}
            # a faulty lot is pointed at by traceability, as the claim's own step is
            kind = "faulty" if penalty.breach == "faulty_lot" else "detection"
            steps.append(StoryStep(kind, key, values, (firm,)))
        if penalty and penalty.informal_sanction > 0:
            steps.append(
                StoryStep(
                    "detection",
                    "story.informal",
                    {"firm": names[firm], "amount": penalty.informal_sanction},
                    (firm,),
                )
            )
    for firm, reason in report.left.items():
        # keys: story.left.{game.engine.reports.LEFT_REASONS}
        steps.append(StoryStep("detection", f"story.left.{reason}", {"firm": names[firm]}, (firm,)))
    missing = report.lots_promised - report.lots_delivered
    undetected = [
        f
        for f, d in report.decisions.items()
        if d.action is Action.DEFECT and f not in report.detected
    ]
    if missing > 0 and undetected:
        # counted from the rounded figures the delivery step showed, so the two steps agree
        shown = round(report.lots_promised) - round(report.lots_delivered)
        steps.append(StoryStep("suspicion", "story.suspicion", {"missing": max(shown, 1)}))
    return steps


def _detection_step(name: str, firm: int, penalty: Penalty | None) -> StoryStep:
    """A firm caught, and what it pays. When no fine is charged (a contract without
    penalties, or the facilitator's penalty severity at zero), "a fine of S/ 0.0k" would hide
    that nothing was charged, so that is said instead. The key stays ``story.detected`` either
    way (the screen plays its sound)."""
    fine = penalty.fine if penalty else 0.0
    offence = penalty.offence if penalty else 1
    key = "story.fine.excused" if penalty is not None and penalty.excused else "story.fine"
    if fine > 0:
        paid = {lang: tr(key, lang, fine=fine, offence=offence) for lang in LANGUAGES}
    else:
        paid = {lang: tr("story.no_fine", lang) for lang in LANGUAGES}
    values = {"firm": name, "penalty": paid}
    return StoryStep("detection", "story.detected", values, (firm,))


def _dimension_steps(report: SeasonReport) -> list[StoryStep]:
    moved = sorted(report.dimension_changes.items(), key=lambda kv: -abs(kv[1]))
    steps = [
        # keys: dim.{game.engine.rules.DIMENSIONS}
        StoryStep("dimensions", "story.dimension", {"dimension_key": f"dim.{d}", "delta": delta})
        for d, delta in moved
        if abs(delta) >= 0.5
    ][:3]
    return steps


def reason_text(level: Level, reason: Reason, lang: str) -> str:
    """One reason of the ending in plain words, with the names its sentence needs."""
    values: dict[str, Any] = dict(reason.values)
    if "phase" in values:
        # keys: phase.{game.engine.rules.PHASES}
        values["phase_name"] = tr(f"phase.{values['phase']}", lang)
    if "dimension" in values:
        # keys: dim.{game.engine.rules.DIMENSIONS}
        values["dimension_name"] = tr(f"dim.{values['dimension']}", lang)
    if "dimensions" in values:
        # keys: dim.{game.engine.rules.DIMENSIONS}
        names = [tr(f"dim.{d.strip()}", lang) for d in str(values["dimensions"]).split(",")]
        values["dimension_names"] = ", ".join(names)
    # keys: reason.{game.engine.outcome.ReasonCode}
    return tr(f"reason.{reason.code}", lang, **values)
