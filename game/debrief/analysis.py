"""Replay a record season by season and extract the debrief.

The engine keeps only the final state, so the debrief replays the game and takes a snapshot after
signing and after every season (trust matrix, money, members, dimensions). The replay drives
:class:`~game.engine.game.Game` exactly as :func:`game.engine.game.replay` does, so the debrief
shows the game that was played, decision for decision.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.debrief.history import history_note
from game.debrief.model import (
    Debrief,
    FirmSeason,
    OutcomeSummary,
    SeasonRow,
    Series,
)
from game.debrief.moments import find_moments
from game.debrief.questions import choose_questions, game_facts
from game.debrief.replay import Played, Snapshot, next_phase_thresholds, replay_record
from game.debrief.review import review_contract
from game.debrief.texts import both
from game.engine.game import Game, GameRecord
from game.engine.level import Level
from game.engine.reports import SeasonReport
from game.engine.rules import DIMENSIONS
from game.engine.state import Action
from game.engine.trust import alliance_trust
from game.i18n import LANGUAGES
from game.play.story import reason_text, season_story


def analyse(
    level: Level, record: GameRecord, *, personalities: Sequence[str | None] | None = None
) -> Debrief:
    """Replay ``record`` and extract everything the debrief shows.

    ``personalities`` (one per seat, None for a person) is only kept for the "what if" replays
    and the spread; the analysis itself needs nothing but the record.
    """
    if record.level_id != level.id:
        raise ValueError(f"the record is a game of '{record.level_id}', not of '{level.id}'")
    played = replay_record(level, record)
    if record.level_fingerprint:  # the level it was played on, as a restored save keeps it
        played.game.began_on(record.level_fingerprint)
    changed = record.level_changed(level)
    return build_debrief(level, played, personalities, level_changed=changed)


def build_debrief(
    level: Level,
    played: Played,
    personalities: Sequence[str | None] | None = None,
    *,
    level_changed: bool = False,
) -> Debrief:
    """Everything the debrief shows, from a played game (real or "what if").

    ``level_changed``: the game is a replay of a record whose level file has changed since it
    was played (its game keeps the fingerprint it began on, and so does the debrief's record)."""
    game = played.game
    record = game.record()
    names = list(game.names)
    outcome = outcome_summary(level, game)
    moments = find_moments(level, played)
    review = review_contract(level, played)
    facts = game_facts(level, played, review)
    return Debrief(
        level=level,
        record=record,
        level_id=level.id,
        seed=game.seed,
        names=tuple(names),
        contract=dict(record.contract),
        outcome=outcome,
        seasons=season_rows(level, played),
        series=series(level, played),
        moments=moments,
        contract_review=review,
        history=history_note(level, outcome.kind, facts),
        questions=choose_questions(level, facts),
        personalities=tuple(personalities) if personalities is not None else None,
        facts=facts,
        level_changed=level_changed,
    )


def outcome_summary(level: Level, game: Game) -> OutcomeSummary:
    outcome = game.outcome
    if outcome is None:
        return OutcomeSummary(
            "unfinished", game.state.season, both("debrief.outcome.unfinished"), (), ()
        )
    reasons = tuple(
        {lang: reason_text(level, reason, lang) for lang in LANGUAGES} for reason in outcome.reasons
    )
    return OutcomeSummary(
        kind=outcome.kind,
        season=outcome.season,
        title=both(f"outcome.{outcome.kind}"),  # keys: outcome.{game.engine.outcome.OutcomeKind}
        reason_codes=tuple(r.code for r in outcome.reasons),
        reasons=reasons,
    )


def firm_trust(snapshot: Snapshot, firm: int) -> float:
    """Mean trust the members (other than ``firm``) place in ``firm``: its standing."""
    others = [j for j in snapshot.members if j != firm]
    if not others:
        return 0.0
    return sum(snapshot.trust[j][firm] for j in others) / len(others)


def season_rows(level: Level, played: Played) -> list[SeasonRow]:
    names = list(played.game.names)
    rows = []
    for index, report in enumerate(played.reports):
        setup = played.setups[index]
        after = played.snapshots[index + 1]
        story = tuple(
            {lang: step.text(lang) for lang in LANGUAGES}
            for step in season_story(level, report, names)
        )
        rows.append(
            SeasonRow(
                season=report.season,
                event=report.event,
                event_name=dict(setup.event.name),
                order_status=report.order_status,
                # keys: status.{game.engine.reports.ORDER_STATUSES}
                status_text=both(f"status.{report.order_status}"),
                lots_promised=report.lots_promised,
                lots_delivered=report.lots_delivered,
                quality_spread=report.quality_spread,
                tolerance=setup.order.tolerance,
                detection_chance=report.detection_chance,
                trust=alliance_trust(after.trust, after.members),
                fund=after.fund,
                phase=after.phase,
                dimensions=dict(after.dimensions),
                firms=tuple(
                    firm_season(report, after, f, names[f])
                    for f in range(len(names))
                    if f in report.capital_change  # at the table that season (not a newcomer yet)
                ),
                story=story,
            )
        )
    return rows


def firm_season(report: SeasonReport, after: Snapshot, firm: int, name: str) -> FirmSeason:
    decision = report.decisions.get(firm)
    penalty = report.penalties.get(firm)
    return FirmSeason(
        firm=firm,
        name=name,
        member=decision is not None,
        decision=decision.action.value if decision else None,
        target=decision.target.value if decision and decision.target else None,
        detected=firm in report.detected
        and decision is not None
        and decision.action is Action.DEFECT,
        penalty=penalty.fine if penalty else 0.0,
        informal_sanction=penalty.informal_sanction if penalty else 0.0,
        expelled=report.left.get(firm) == "expelled",
        left=report.left.get(firm),
        faulty=firm in report.faulty_lots,
        capital=after.capital[firm],
        trust=firm_trust(after, firm),
    )


def _capital(snapshot: Snapshot, firm: int) -> float | None:
    """``firm``'s capital at ``snapshot``; None before it joined the table (a newcomer)."""
    return snapshot.capital[firm] if firm < len(snapshot.capital) else None


def series(level: Level, played: Played) -> Series:
    snaps = played.snapshots
    firms = range(len(played.game.names))
    left = {f: r.season for r in played.reports for f in r.left}
    target = level.start_phase + 1 if not level.is_dilemma else 0
    return Series(
        names=tuple(played.game.names),
        trust=[alliance_trust(s.trust, s.members) for s in snaps],
        capital={f: [_capital(s, f) for s in snaps] for f in firms},
        fund=[s.fund for s in snaps],
        dimensions={d: [s.dimensions[d] for s in snaps] for d in DIMENSIONS},
        thresholds=next_phase_thresholds(level, target) if target else {},
        phase=[s.phase for s in snaps],
        associated=[s.associated for s in snaps],
        cluster_firms=level.start_population.firms,
        left=left,
        trust_floor=level.rules.trust.floor,
        trust_goal=level.dilemma.advance_trust if level.dilemma is not None else None,
        target_phase=target,
    )
