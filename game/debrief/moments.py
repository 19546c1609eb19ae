"""The key moments of a game: what decided it, in the order it happened.

Within a season the moments follow the resolution: the event, the client's verdict on the joint
order, faulty lots, each defection (seen or not) with its penalty, who left, and a phase change.
"""

from __future__ import annotations

from game.debrief.analysis import Played
from game.debrief.model import Moment
from game.debrief.texts import both
from game.engine.events import EventCard
from game.engine.level import Level
from game.engine.reports import SeasonReport
from game.engine.state import Action, SeasonSetup
from game.i18n import register

BIG_ORDER = 1.3
"""An event that multiplies the order by this much is beyond the members' capacity."""
PRICE_HIT = 0.95
"""An event that cuts a price or the capacity below this share hurts every member."""


def find_moments(level: Level, played: Played) -> list[Moment]:
    names = list(played.game.names)
    moments: list[Moment] = []
    previous: dict[int, str] = {}
    for index, report in enumerate(played.reports):
        setup = played.setups[index]
        phase_before = played.snapshots[index].phase
        if level.is_dilemma:
            moments += _betrayals(report, names, previous)
            previous = {f: d.action.value for f, d in report.decisions.items()}
            continue
        moments += _event(report, setup)
        moments += _verdict(report, setup)
        moments += _faulty(report, names)
        moments += _defections(report, names)
        moments += _departures(report, names)
        if report.phase != phase_before:
            values = {"before_key": f"phase.{phase_before}", "after_key": f"phase.{report.phase}"}
            moments.append(
                Moment(report.season, "phase_change", (), both("moment.phase_change", **values))
            )
    return moments


def event_hits(event: EventCard, report: SeasonReport) -> bool:
    """Whether the season's event changed the game enough to be a key moment (not a routine
    campaign): a force majeure, a claim, a bonus paid, a shift of the cluster's dimensions, a
    windfall or loss, an order beyond capacity, or prices or capacity cut."""
    bonus = any(e.reason == "joint_bonus" for e in report.ledger)
    cuts = any(
        event.effect(name) < PRICE_HIT for name in ("market_price", "joint_price", "capacity")
    )
    return (
        event.flag("force_majeure")
        or event.flag("quality_claim")
        or bonus
        or any(abs(v) >= 0.5 for v in event.dimensions.values())
        or event.effect("capital") != 0.0
        or event.effect("order_volume") >= BIG_ORDER
        or cuts
    )


def _event(report: SeasonReport, setup: SeasonSetup) -> list[Moment]:
    event = setup.event
    if not event_hits(event, report):
        return []
    return [
        Moment(
            report.season, "event_hit", (), both("moment.event", name=event.name, text=event.text)
        )
    ]


def _verdict(report: SeasonReport, setup: SeasonSetup) -> list[Moment]:
    status = report.order_status
    if not status.startswith("cancelled"):
        return []
    order = setup.order
    values: dict[str, object] = {}
    if status == "cancelled_uneven":
        values = {"spread": report.quality_spread, "tolerance": order.tolerance}
    elif status == "cancelled_short":
        fill = report.lots_delivered / report.lots_promised if report.lots_promised else 0.0
        defectors = sum(d.action is Action.DEFECT for d in report.decisions.values())
        values = {"fill": fill, "defectors": defectors}
    else:
        values = {"quality": report.mean_quality, "minimum": order.min_quality}
    return [Moment(report.season, "order_cancelled", (), both(f"moment.{status}", **values))]


def _faulty(report: SeasonReport, names: list[str]) -> list[Moment]:
    if not report.faulty_lots:
        return []
    who = ", ".join(names[i] for i in report.faulty_lots)
    kind = "faulty_shared" if report.faulty_cost_shared else "faulty_traced"
    return [Moment(report.season, kind, report.faulty_lots, both(f"moment.{kind}", firms=who))]


def _defections(report: SeasonReport, names: list[str]) -> list[Moment]:
    moments = []
    chance = report.detection_chance
    for firm, decision in sorted(report.decisions.items()):
        if decision.action is not Action.DEFECT:
            continue
        values = {"firm": names[firm], "chance": chance}
        if firm not in report.detected:
            moments.append(
                Moment(report.season, "defection_unseen", (firm,), both("moment.unseen", **values))
            )
            continue
        moments.append(
            Moment(report.season, "defection_detected", (firm,), both("moment.detected", **values))
        )
        penalty = report.penalties.get(firm)
        if penalty is not None and penalty.fine > 0:
            fine = {"firm": names[firm], "fine": penalty.fine, "offence": penalty.offence}
            moments.append(
                Moment(report.season, "penalty", (firm,), both("moment.penalty", **fine))
            )
        if penalty is not None and penalty.informal_sanction > 0:
            cut = {"firm": names[firm], "amount": penalty.informal_sanction}
            moments.append(
                Moment(report.season, "informal_sanction", (firm,), both("moment.informal", **cut))
            )
    return moments


def _departures(report: SeasonReport, names: list[str]) -> list[Moment]:
    moments = []
    for reason, kind in (("expelled", "expulsion"), ("bankrupt", "bankruptcy")):
        for firm in sorted(f for f, r in report.left.items() if r == reason):
            offence = report.penalties[firm].offence if firm in report.penalties else 0
            values = {"firm": names[firm], "offences": offence}
            moments.append(Moment(report.season, kind, (firm,), both(f"moment.{kind}", **values)))
    return moments


def _betrayals(report: SeasonReport, names: list[str], previous: dict[int, str]) -> list[Moment]:
    """In the tutorial every betrayal is seen; a key moment is a firm that turns on partners
    after cooperating (or betrays in the first round), not each round of a feud."""
    moments = []
    for firm, decision in sorted(report.decisions.items()):
        if decision.action is Action.DEFECT and previous.get(firm, "cooperate") == "cooperate":
            values = {"firm": names[firm], "round": report.season}
            moments.append(
                Moment(
                    report.season, "defection_detected", (firm,), both("moment.betrayal", **values)
                )
            )
    return moments


register(
    {
        "moment.event": {"es": "{name}: {text}", "en": "{name}: {text}"},
        "moment.cancelled_uneven": {
            "es": "El cliente canceló el pedido conjunto: los lotes eran demasiado disparejos "
            "(dispersión {spread:.2f}, tolerancia {tolerance:.2f}), como le pasó al primer "
            "consorcio de polos de Gamarra.",
            "en": "The client cancelled the joint order: the lots were too uneven (spread "
            "{spread:.2f}, tolerance {tolerance:.2f}), as happened to Gamarra's first polo-shirt "
            "consortium.",
        },
        "moment.cancelled_short": {
            "es": "El cliente canceló el pedido conjunto: llegó solo el {fill:.0%} de lo "
            "prometido ({defectors} socios vendieron por fuera).",
            "en": "The client cancelled the joint order: only {fill:.0%} of what was promised "
            "arrived ({defectors} members sold por fuera).",
        },
        "moment.cancelled_low_quality": {
            "es": "El cliente canceló el pedido conjunto: la calidad media ({quality:.2f}) no "
            "llegó al mínimo ({minimum:.2f}).",
            "en": "The client cancelled the joint order: the average quality ({quality:.2f}) "
            "fell below the minimum ({minimum:.2f}).",
        },
        "moment.faulty_shared": {
            "es": "Hubo un reclamo por lotes fallados de {firms}. Sin trazabilidad nadie supo de "
            "quién eran, y todos pagaron.",
            "en": "A client claimed for faulty lots made by {firms}. Without traceability nobody "
            "knew whose they were, and everyone paid.",
        },
        "moment.faulty_traced": {
            "es": "Hubo un reclamo por lotes fallados. La trazabilidad señaló a {firms}, que "
            "pagó su reclamo.",
            "en": "A client claimed for faulty lots. Traceability pointed to {firms}, who paid "
            "the claim.",
        },
        "moment.detected": {
            "es": "{firm} negoció por fuera y la descubrieron (la probabilidad de detección era "
            "{chance:.0%}).",
            "en": "{firm} sold por fuera and was caught (the chance of detection was "
            "{chance:.0%}).",
        },
        "moment.unseen": {
            "es": "{firm} negoció por fuera y nadie lo supo (la probabilidad de detección era "
            "{chance:.0%}). Solo quedó la sospecha por los lotes que faltaron.",
            "en": "{firm} sold por fuera and nobody found out (the chance of detection was "
            "{chance:.0%}). Only suspicion remained, over the missing lots.",
        },
        "moment.penalty": {
            "es": "{firm} pagó una multa de S/ {fine:.1f} mil al fondo común (falta n.º "
            "{offence}).",
            "en": "{firm} paid a fine of S/ {fine:.1f}k into the common fund (offence no. "
            "{offence}).",
        },
        "moment.informal": {
            "es": "La red social de la zona le cortó el crédito informal a {firm} (S/ "
            "{amount:.1f} mil).",
            "en": "The district's social network cut {firm}'s informal credit (S/ {amount:.1f}k).",
        },
        "moment.expulsion": {
            "es": "{firm} fue expulsada del consorcio tras {offences} faltas descubiertas, como "
            "prevé el contrato.",
            "en": "{firm} was expelled from the consortium after {offences} offences caught, as "
            "the contract provides.",
        },
        "moment.bankruptcy": {
            "es": "{firm} se quedó sin capital y dejó el consorcio.",
            "en": "{firm} ran out of capital and left the consortium.",
        },
        "moment.phase_change": {
            "es": "El cluster pasó de la {before} a la {after}.",
            "en": "The cluster moved from {before} to {after}.",
        },
        "moment.betrayal": {
            "es": "{firm} traicionó en la ronda {round}, y todos lo vieron.",
            "en": "{firm} betrayed in round {round}, and everyone saw it.",
        },
    }
)
