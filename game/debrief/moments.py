"""The key moments of a game: the seasons that decided it, in the order it happened.

A moment is something a facilitator would stop on: a defection and whether it was caught, a
fine, an expulsion, a cancelled order, an event that really hit, a phase change, and last the
ending with its reasons. Routine seasons leave none, so a twelve-season game reads as a short
timeline rather than a log. Within a season the moments follow the resolution: the event, the
client's verdict on the joint order, faulty lots, who was caught (and what they paid), who sold
por fuera unseen, who left, and a phase change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from game.debrief.model import Bilingual, Moment
from game.debrief.replay import Played, next_phase_thresholds
from game.debrief.texts import both, join
from game.engine.events import EventCard
from game.engine.game import Game
from game.engine.level import Level
from game.engine.outcome import Reason
from game.engine.reports import SeasonReport
from game.engine.state import Action, SeasonSetup
from game.i18n import LANGUAGES, tr
from game.play.story import reason_text

BIG_ORDER = 1.3
"""An event that multiplies the order by this much is beyond the members' capacity: it only
matters when the subcontracted lots then sink the order."""
MONEY_SHARE = 0.10
"""An event hit the members' money when it moved at least this share of the season's sales
(a windfall, a loss, a price change): smaller moves are the market's usual noise."""
SHOWN_GAPS = 3
"""The ending names the dimensions that fell shortest, not all seven."""
INCOME = ("joint_sale", "market_sale", "outside_sale", "salvage")
"""Ledger reasons that make up what the members sold in a season."""


def find_moments(level: Level, played: Played) -> list[Moment]:
    """The game's key moments, the ending last (when the game has ended)."""
    names = list(played.game.names)
    if level.is_dilemma:
        moments = _dilemma_moments(played.reports, names)
    else:
        moments = _cluster_moments(level, played, names)
    return moments + _ending(level, played.game)


@dataclass(slots=True)
class _Told:
    """What the timeline has told so far, so that a repeat is not told again as if new."""

    claims: dict[str, list[int]]  # seasons with faulty-lot claims, by who paid them
    paid: set[str] = field(default_factory=set)  # events told for the money they moved
    unseen: set[int] = field(default_factory=set)  # firms whose unseen defection was told
    got_away: Counter[int] = field(default_factory=Counter)  # unseen seasons since last caught


def _cluster_moments(level: Level, played: Played, names: list[str]) -> list[Moment]:
    moments: list[Moment] = []
    told = _Told(_claim_seasons(played.reports))
    for index, report in enumerate(played.reports):
        setup = played.setups[index]
        phase_before = played.snapshots[index].phase
        moments += _event(level, report, setup, phase_before, told.paid)
        moments += _verdict(report, setup)
        moments += _faulty(report, names, told.claims)
        moments += _caught(report, names, told.got_away)
        moments += _unseen(report, names, told)
        moments += _departures(report, names)
        if report.phase != phase_before:
            # keys: phase.{game.engine.rules.PHASES}
            values = {"before_key": f"phase.{phase_before}", "after_key": f"phase.{report.phase}"}
            moments.append(
                Moment(report.season, "phase_change", (), both("moment.phase_change", **values))
            )
    return moments


# events


def event_hit(
    level: Level, event: EventCard, report: SeasonReport, setup: SeasonSetup, phase: int
) -> str | None:
    """How the season's event (drawn in ``phase``) changed the game, if it did: ``"decisive"``
    for a force majeure, a verdict on the order it decided or a phase threshold it pushed a
    dimension across; ``"money"`` when it moved a notable share of the season's money (a
    windfall, a loss, a price change, a bonus); None for a routine campaign or a blow the
    cluster absorbed. A quality claim is told by its faulty lots, not here."""
    if (
        event.flag("force_majeure")
        or decided_the_order(event, report, setup)
        or crossed_a_threshold(level, event, report, phase)
    ):
        return "decisive"
    if abs(event_money(event, report)) >= MONEY_SHARE * max(_income(report), 1e-9):
        return "money"
    return None


def decided_the_order(event: EventCard, report: SeasonReport, setup: SeasonSetup) -> bool:
    """The order was cancelled because of the event: its stricter tolerance or minimum would
    have let the lots through, or its big volume had to be subcontracted into uneven lots."""
    status, order = report.order_status, setup.order
    tolerance, minimum = event.effect("tolerance"), event.effect("min_quality")
    if status == "cancelled_uneven" and tolerance < 0:
        return report.quality_spread <= order.tolerance - tolerance
    if status == "cancelled_low_quality" and minimum > 0:
        return report.mean_quality >= order.min_quality - minimum
    subcontracted = any(d.subcontracted > 0 for d in report.deliveries.values())
    return (
        status in ("cancelled_uneven", "cancelled_low_quality")
        and event.effect("order_volume") >= BIG_ORDER
        and subcontracted
    )


def crossed_a_threshold(level: Level, event: EventCard, report: SeasonReport, phase: int) -> bool:
    """The event's shift carried a dimension across a threshold of the phase the cluster was in
    or of the next one: without it the dimension would have ended the season on the other side,
    so the event moved the cluster's phase (or its way to the next)."""
    thresholds = [next_phase_thresholds(level, p) for p in (phase, phase + 1)]
    for dim, shift in event.dimensions.items():
        after = report.dimensions_before[dim] + report.dimension_changes.get(dim, 0.0)
        without = after - shift
        if any(dim in t and (after < t[dim]) != (without < t[dim]) for t in thresholds):
            return True
    return False


def event_money(event: EventCard, report: SeasonReport) -> float:
    """What the event moved in the members' money this season: its windfall or loss, a bonus,
    and the change in the season's sales at its prices (against the same sales at the usual
    prices; an estimate, since the usual season did not happen)."""
    direct = sum(
        amount for _, amount, reason in report.ledger if reason in ("event", "joint_bonus")
    )
    joint = _total(report, ("joint_sale",))
    alone = _total(report, ("market_sale", "outside_sale"))
    joint_price, market_price = event.effect("joint_price"), event.effect("market_price")
    return direct + joint * (1 - 1 / joint_price) + alone * (1 - 1 / market_price)


def _income(report: SeasonReport) -> float:
    return _total(report, INCOME)


def _total(report: SeasonReport, reasons: Sequence[str]) -> float:
    return sum(
        amount for account, amount, reason in report.ledger if reason in reasons and account >= 0
    )


def _event(
    level: Level, report: SeasonReport, setup: SeasonSetup, phase: int, paid: set[str]
) -> list[Moment]:
    """The event, when it hit. One that only moved money is told the first time (``paid``
    keeps those already told): a second good client teaches nothing the first did not."""
    event = setup.event
    hit = event_hit(level, event, report, setup, phase)
    if hit is None or (hit == "money" and event.key in paid):
        return []
    if hit == "money":
        paid.add(event.key)
    text = both("moment.event", name=event.name, text=event.text)
    return [Moment(report.season, "event_hit", (), text)]


# the order


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
    # keys: moment.{game.engine.reports.CANCELLED_STATUSES}
    return [Moment(report.season, "order_cancelled", (), both(f"moment.{status}", **values))]


def _claim_seasons(reports: Sequence[SeasonReport]) -> dict[str, list[int]]:
    """The seasons with a claim for faulty lots, by who paid it (all, or the maker)."""
    seasons: dict[str, list[int]] = {"faulty_shared": [], "faulty_traced": []}
    for report in reports:
        if report.faulty_lots:
            seasons[_faulty_kind(report)].append(report.season)
    return seasons


FAULTY_KINDS = ("faulty_shared", "faulty_traced")
"""A claim for faulty lots: paid by all alike, or traced to its maker."""
DEPARTURES = (("expelled", "expulsion"), ("bankrupt", "bankruptcy"))
"""Why a firm left (a report's ``left``) and the kind of moment it makes."""


def _faulty_kind(report: SeasonReport) -> str:
    return FAULTY_KINDS[0] if report.faulty_cost_shared else FAULTY_KINDS[1]


def _faulty(report: SeasonReport, names: list[str], claims: dict[str, list[int]]) -> list[Moment]:
    """The first claim of each kind, with how often it came back: a repeated claim teaches
    the same thing about traceability, so the timeline tells it once."""
    if not report.faulty_lots:
        return []
    kind = _faulty_kind(report)
    seasons = claims[kind]
    if seasons[0] != report.season:
        return []
    who = _listed(names, report.faulty_lots)
    # keys: moment.{game.debrief.moments.FAULTY_KINDS}
    # keys: moment.{game.debrief.moments.FAULTY_KINDS}_again
    key = f"moment.{kind}_again" if len(seasons) > 1 else f"moment.{kind}"
    text = both(key, firms=who, count=len(seasons))
    return [Moment(report.season, kind, report.faulty_lots, text)]


# defections


def _caught(report: SeasonReport, names: list[str], got_away: Counter[int]) -> list[Moment]:
    """Every detection of the season in one moment, then every fine in another: a season when
    three firms are caught is one story, not six. A firm caught alone after getting away with
    it (``got_away`` counts those seasons since it was last caught) is told so. The social
    network's sanction (El Porvenir) follows every detection alike, so it is told inside the
    detection."""
    caught = tuple(
        f
        for f, d in sorted(report.decisions.items())
        if d.action is Action.DEFECT and f in report.detected
    )
    if not caught:
        return []
    season = report.season
    key = "moment.detected" if len(caught) == 1 else "moment.detected_many"
    text = both(key, firm=_listed(names, caught), chance=report.detection_chance)
    if len(caught) == 1 and got_away[caught[0]]:
        times = got_away[caught[0]]
        key = "moment.caught_after_once" if times == 1 else "moment.caught_after"
        text = join([text, both(key, times=times)])
    for firm in caught:
        got_away[firm] = 0
    cut = tuple(
        f for f in caught if f in report.penalties and report.penalties[f].informal_sanction > 0
    )
    if cut:
        text = join([text, _cuts(report, names, cut, caught)])
    moments = [Moment(season, "defection_detected", caught, text)]
    fined = tuple(f for f in caught if f in report.penalties and report.penalties[f].fine > 0)
    if fined:
        moments.append(Moment(season, "penalty", fined, _fines(report, names, fined)))
    return moments


def _fines(report: SeasonReport, names: list[str], fined: tuple[int, ...]) -> Bilingual:
    if len(fined) == 1:
        penalty = report.penalties[fined[0]]
        return both(
            "moment.penalty", firm=names[fined[0]], fine=penalty.fine, offence=penalty.offence
        )
    parts = [
        both(
            "moment.penalty_item",
            firm=names[f],
            fine=report.penalties[f].fine,
            offence=report.penalties[f].offence,
        )
        for f in fined
    ]
    return both("moment.penalty_many", fines=join(parts, "; "))


def _cuts(
    report: SeasonReport, names: list[str], cut: tuple[int, ...], caught: tuple[int, ...]
) -> Bilingual:
    """The social network's sanction, told after the detection: the firms are named only
    when it did not fall on every firm just named."""
    amounts = {round(report.penalties[f].informal_sanction, 1) for f in cut}
    each = len(cut) > 1 and len(amounts) == 1
    amount = amounts.pop() if each else sum(report.penalties[f].informal_sanction for f in cut)
    key = "moment.informal_each" if each else "moment.informal"
    if cut == caught:
        key += "_them" if len(cut) > 1 else "_it"
    return both(key, firm=_listed(names, cut), amount=amount)


def _unseen(report: SeasonReport, names: list[str], told: _Told) -> list[Moment]:
    """The season's unseen defections as one moment, told when a firm first sells por fuera
    unseen: nobody saw them, so a firm doing it again adds no new story until it is caught
    (its detection then says how often it had got away)."""
    unseen = tuple(
        f
        for f, d in sorted(report.decisions.items())
        if d.action is Action.DEFECT and f not in report.detected
    )
    told.got_away.update(unseen)
    if set(unseen) <= told.unseen:
        return []
    told.unseen.update(unseen)
    key = "moment.unseen" if len(unseen) == 1 else "moment.unseen_many"
    text = both(key, firm=_listed(names, unseen), chance=report.detection_chance)
    return [Moment(report.season, "defection_unseen", unseen, text)]


def _departures(report: SeasonReport, names: list[str]) -> list[Moment]:
    moments = []
    for reason, kind in DEPARTURES:
        for firm in sorted(f for f, r in report.left.items() if r == reason):
            offence = report.penalties[firm].offence if firm in report.penalties else 0
            values = {"firm": names[firm], "offences": offence}
            # keys: moment.{game.debrief.moments.DEPARTURES[1]}
            moments.append(Moment(report.season, kind, (firm,), both(f"moment.{kind}", **values)))
    return moments


def _dilemma_moments(reports: Sequence[SeasonReport], names: list[str]) -> list[Moment]:
    moments: list[Moment] = []
    previous: dict[int, str] = {}
    for report in reports:
        moments += _betrayals(report, names, previous)
        previous = {f: d.action.value for f, d in report.decisions.items()}
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


# the ending


def _ending(level: Level, game: Game) -> list[Moment]:
    """How the game ended and why, as the timeline's last moment (none while it goes on)."""
    outcome = game.outcome
    if outcome is None:
        return []
    text = {lang: _ending_text(level, game, lang) for lang in LANGUAGES}
    return [Moment(outcome.season, "ending", (), text)]


def _ending_text(level: Level, game: Game, lang: str) -> str:
    """The outcome and its reasons; the dimensions that fell short are named in one sentence,
    the widest gap first, rather than one sentence each."""
    outcome = game.outcome
    assert outcome is not None
    reasons = [r for r in outcome.reasons if r.code != "dimension_short"]
    sentences = [reason_text(level, r, lang) for r in reasons]
    gaps = sorted(
        (r for r in outcome.reasons if r.code == "dimension_short"),
        key=lambda r: -float(r.values["gap"]),
    )
    if gaps:
        sentences.append(_gaps_text(gaps, lang))
    if not level.is_dilemma:
        # keys: outcome.{game.engine.outcome.OutcomeKind}
        title = tr(f"outcome.{outcome.kind}", lang)
        sentences.insert(0, title if title[-1] in ".!?" else f"{title}.")
    return " ".join(sentences)


def _gaps_text(gaps: list[Reason], lang: str) -> str:
    shown = [
        tr(
            "moment.ending.gap",
            lang,
            # keys: dim.{game.engine.rules.DIMENSIONS}
            dimension=tr(f"dim.{r.values['dimension']}", lang),
            gap=float(r.values["gap"]),
        )
        for r in gaps[:SHOWN_GAPS]
    ]
    listed = _and(shown, lang)
    more = len(gaps) - len(shown)
    key = "moment.ending.gaps_more" if more else "moment.ending.gaps"
    return tr(key, lang, gaps=listed, more=more)


# words


def _and(items: Sequence[str], lang: str) -> str:
    """``a, b y c`` / ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {tr('moment.and', lang)} {items[-1]}"


def _listed(names: list[str], firms: Sequence[int]) -> Bilingual:
    return {lang: _and([names[f] for f in firms], lang) for lang in LANGUAGES}
