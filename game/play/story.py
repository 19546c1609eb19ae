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
from game.engine.reports import Penalty, SeasonReport
from game.engine.state import Action
from game.i18n import LANGUAGES, pick, register, tr, whole_number


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
        "phase_key": f"phase.{report.phase}",
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
        StoryStep("population", f"story.population.{'joined' if joined > 0 else 'left'}", values)
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
        StoryStep("dimensions", "story.dimension", {"dimension_key": f"dim.{d}", "delta": delta})
        for d, delta in moved
        if abs(delta) >= 0.5
    ][:3]
    return steps


def reason_text(level: Level, reason: Reason, lang: str) -> str:
    """One reason of the ending in plain words, with the names its sentence needs."""
    values: dict[str, Any] = dict(reason.values)
    if "phase" in values:
        values["phase_name"] = tr(f"phase.{values['phase']}", lang)
    if "dimension" in values:
        values["dimension_name"] = tr(f"dim.{values['dimension']}", lang)
    if "dimensions" in values:
        names = [tr(f"dim.{d.strip()}", lang) for d in str(values["dimensions"]).split(",")]
        values["dimension_names"] = ", ".join(names)
    return tr(f"reason.{reason.code}", lang, **values)


register(
    {
        "story.event": {"es": "{name}: {text}", "en": "{name}: {text}"},
        "story.invested": {
            "es": "{firm} anunció que invierte en {target} y no entrega esta temporada.",
            "en": "{firm} announced it is investing in {target} and delivers nothing this season.",
        },
        "story.delivered": {
            "es": "Llegaron {delivered:.0f} de {promised:.0f} lotes prometidos al pedido conjunto.",
            "en": "{delivered:.0f} of the {promised:.0f} promised lots reached the joint order.",
        },
        "story.verdict.accepted": {
            "es": "{status}: el cliente pagó el precio conjunto.",
            "en": "{status}: the client paid the joint price.",
        },
        "story.verdict.uneven": {
            "es": "{status}. Los lotes variaban demasiado (dispersión {spread:.2f}): el cliente lo devolvió todo.",
            "en": "{status}. The lots varied too much (spread {spread:.2f}): the client sent everything back.",
        },
        "story.verdict.short": {
            "es": "{status}. Solo llegó el {fill:.0%} de lo prometido: el cliente se fue.",
            "en": "{status}. Only {fill:.0%} of what was promised arrived: the client walked away.",
        },
        "story.verdict.low_quality": {
            "es": "{status}. La calidad media ({quality:.2f}) no llegó al mínimo.",
            "en": "{status}. The average quality ({quality:.2f}) fell below the minimum.",
        },
        "story.verdict.none": {"es": "{status}.", "en": "{status}."},
        "story.faulty.traced": {
            "es": "Hubo lotes fallados. La trazabilidad señaló a: {firms}. Pagan su reclamo.",
            "en": "Some lots were faulty. Traceability pointed to: {firms}. They pay the claim.",
        },
        "story.faulty.shared": {
            "es": "Hubo lotes fallados, pero sin trazabilidad nadie sabe de quién: todos pagan el reclamo.",
            "en": "Some lots were faulty, but without traceability nobody knows whose: everyone pays the claim.",
        },
        "story.detected": {
            "es": "¡{firm} fue descubierta negociando por fuera! {penalty}",
            "en": "{firm} was caught selling por fuera! {penalty}",
        },
        "story.fine": {
            "es": "Multa: S/ {fine:.1f} mil (falta n.º {offence}).",
            "en": "Fine: S/ {fine:.1f}k (offence no. {offence}).",
        },
        "story.fine.excused": {
            "es": "Multa: S/ {fine:.1f} mil, a medias: se aceptan excusas y la falta no cuenta.",
            "en": "Fine: S/ {fine:.1f}k, half charged: excuses are accepted and it does not count.",
        },
        "story.breach.faulty_lot": {
            "es": "{firm} entregó un lote fallado, y el contrato lo cuenta como falta (n.º {offence}).",
            "en": "{firm} delivered a faulty lot, and the contract counts it as a breach (no. {offence}).",
        },
        "story.breach.unpaid_dues": {
            "es": "{firm} no pudo pagar su cuota al fondo: el contrato lo cuenta como falta (n.º {offence}).",
            "en": "{firm} could not pay its dues to the fund: the contract counts it as a breach (no. {offence}).",
        },
        "story.breach.excused": {
            "es": "{firm} dio una excusa por su falta, y se la aceptaron: no cuenta.",
            "en": "{firm} gave an excuse for its breach, and it was accepted: it does not count.",
        },
        "story.no_fine": {
            "es": "No paga multa: en esta partida no se cobran multas.",
            "en": "It pays no fine: no fines are charged in this game.",
        },
        "story.informal": {
            "es": "La red social de la zona le cortó el crédito informal a {firm} (S/ {amount:.1f} mil), y ya no se lo devolverá: sus insumos le costarán más.",
            "en": "The district's social network cut {firm}'s informal credit (S/ {amount:.1f}k) and will not give it back: its inputs will cost it more.",
        },
        "story.left.expelled": {
            "es": "{firm} fue expulsada del consorcio.",
            "en": "{firm} was expelled from the consortium.",
        },
        "story.left.bankrupt": {
            "es": "{firm} quebró y dejó el consorcio.",
            "en": "{firm} went bankrupt and left the consortium.",
        },
        "story.suspicion": {
            "es": "Faltaron {missing:.0f} lotes y nadie dice por qué. La sospecha crece entre todos.",
            "en": "{missing:.0f} lots are missing and nobody says why. Suspicion grows among everyone.",
        },
        "story.trust": {
            "es": "Confianza en la alianza: de {before:.2f} a {after:.2f}.",
            "en": "Trust in the alliance: from {before:.2f} to {after:.2f}.",
        },
        "story.phase.rose": {
            "es": "¡El cluster llegó a la {phase}! Si la sostiene {hold} temporadas seguidas, "
            "avanza.",
            "en": "The cluster reached {phase}! If it holds it for {hold} seasons in a row, it "
            "advances.",
        },
        "story.phase.fell": {
            "es": "El cluster retrocedió a la {phase}. Si no se recupera en {hold} temporadas, "
            "la partida termina en colapso.",
            "en": "The cluster fell back to {phase}. If it does not recover within {hold} "
            "seasons, the game ends in collapse.",
        },
        "story.population.joined": {
            "es": "El cluster vio el ejemplo: {count} empresas más trabajan asociadas "
            "({associated} de {firms}).",
            "en": "The cluster saw the example: {count} more firms work in associations "
            "({associated} of {firms}).",
        },
        "story.population.left": {
            "es": "El cluster vio el fracaso: {count} empresas dejaron de trabajar asociadas "
            "({associated} de {firms}).",
            "en": "The cluster saw the failure: {count} firms stopped working in associations "
            "({associated} of {firms}).",
        },
        "story.applicant.joined": {
            "es": "{firm} pidió entrar al consorcio, cumple las condiciones de ingreso y se une: "
            "pone S/ {fee:.1f} mil en el fondo y empieza casi como un extraño.",
            "en": "{firm} applied to join the consortium, meets the entry conditions and joins: "
            "it puts S/ {fee:.1f}k into the fund and starts almost as a stranger.",
        },
        "story.applicant.refused": {
            "es": "{firm} pidió entrar al consorcio, pero {why}: las condiciones de ingreso lo "
            "dejan fuera.",
            "en": "{firm} applied to join the consortium, but {why}: the entry conditions keep "
            "it out.",
        },
        "story.applicant.short.capacity": {
            "es": "no tiene la capacidad que se pide",
            "en": "it lacks the capacity they require",
        },
        "story.applicant.short.quality": {
            "es": "su calidad no llega al estándar del pedido",
            "en": "its quality falls short of the order's standard",
        },
        "story.dimension": {
            "es": "{dimension}: {delta:+.1f} puntos.",
            "en": "{dimension}: {delta:+.1f} points.",
        },
        "story.dilemma.cooperated": {
            "es": "{firm} cooperó y sumó {points:.0f} puntos.",
            "en": "{firm} cooperated and scored {points:.0f} points.",
        },
        "story.dilemma.defected": {
            "es": "{firm} traicionó y sumó {points:.0f} puntos.",
            "en": "{firm} betrayed and scored {points:.0f} points.",
        },
    }
)
