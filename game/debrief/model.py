"""The debrief's data: plain, typed, JSON-able values built from a replayed game.

Everything a debrief screen, a chart or an export shows is here, already computed, so that the
UI only lays it out and the exports only write it down. No pygame: the same data feeds the
screen, the CSV/JSON/HTML export and the class comparison.

Texts a person reads are :data:`Bilingual` (``{"es": ..., "en": ...}``, Spanish first);
:func:`text` picks one language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.engine.game import GameRecord
from game.engine.level import Level

Bilingual = dict[str, str]
"""``{"es": ..., "en": ...}``: every text a person reads, in both of the game's languages."""


def text(bilingual: Bilingual, lang: str) -> str:
    """One language of a bilingual text (Spanish when the language is missing)."""
    return bilingual.get(lang) or bilingual.get("es", "")


@dataclass(frozen=True, slots=True)
class OutcomeSummary:
    """How the game ended: ``kind`` is advance, collapse or stagnation (``unfinished`` for a
    game still in progress), with each reason's engine code and its sentence."""

    kind: str
    season: int
    title: Bilingual
    reason_codes: tuple[str, ...]
    reasons: tuple[Bilingual, ...]


@dataclass(frozen=True, slots=True)
class FirmSeason:
    """One firm in one season, decisions revealed (the CSV has one of these per row).

    ``decision`` is None when the firm was no longer a member that season. ``trust`` is the mean
    trust the other members place in this firm after the season (its standing in the alliance);
    ``capital`` is after the season.
    """

    firm: int
    name: str
    member: bool
    decision: str | None  # "cooperate", "defect", "invest"
    target: str | None  # what an investment built
    detected: bool
    penalty: float  # the contract's fine imposed (owed to the fund; paid now or in instalments)
    informal_sanction: float  # what the social network took (El Porvenir)
    expelled: bool
    left: str | None  # "expelled" / "bankrupt", the season it happened
    faulty: bool  # one of its lots was faulty (claimed)
    capital: float
    trust: float


@dataclass(frozen=True, slots=True)
class SeasonRow:
    """One season as the replay shows it: the event, the order's verdict, every firm."""

    season: int
    event: str
    event_name: Bilingual
    order_status: str
    status_text: Bilingual
    lots_promised: float
    lots_delivered: float
    quality_spread: float
    tolerance: float
    detection_chance: float
    trust: float  # alliance trust after the season
    fund: float
    phase: int
    dimensions: dict[str, float]
    firms: tuple[FirmSeason, ...]
    story: tuple[Bilingual, ...]  # the season told step by step (game.play.story)


@dataclass(frozen=True, slots=True)
class Series:
    """Curves over the game: index 0 is before the first season, index ``s`` after season ``s``.

    ``thresholds`` are the values the next phase asks of each dimension (constant lines; a
    dimension the next phase does not characterise is absent). ``left`` maps a firm to the
    season it left the consortium. ``trust_goal`` is the tutorial's trust to reach (None in the
    clusters).
    """

    names: tuple[str, ...]
    trust: list[float]
    capital: dict[int, list[float]]
    fund: list[float]
    dimensions: dict[str, list[float]]
    thresholds: dict[str, float]
    phase: list[int]
    associated: list[float]
    """The share of the cluster's firms working in associations (empty in the tutorial)."""
    cluster_firms: int
    left: dict[int, int]
    trust_floor: float
    trust_goal: float | None
    target_phase: int
    start: int = 0


@dataclass(frozen=True, slots=True)
class Moment:
    """A key moment. ``kind`` is one of :data:`MOMENT_KINDS`; ``firms`` are the firms it is
    about. Moments are ordered by season, then in the order the season resolves."""

    season: int
    kind: str
    firms: tuple[int, ...]
    text: Bilingual


MOMENT_KINDS: tuple[str, ...] = (
    "event_hit",
    "order_cancelled",
    "faulty_shared",
    "faulty_traced",
    "defection_detected",
    "defection_unseen",
    "penalty",
    "expulsion",
    "bankruptcy",
    "phase_change",
    "ending",
)
"""Every kind, in the order they happen within a season (the ending comes last of all; an
informal sanction is told with the detection it follows)."""


@dataclass(frozen=True, slots=True)
class ConditionReview:
    """One of the eight basic conditions (000 III): what was signed and what it did.

    ``had`` is True when the chosen option is the sound one (the level's reference contract) or
    as strong. ``effect`` says, with this game's figures, what its absence cost (or what having
    it paid for); ``figures`` holds those numbers for a screen that wants them.
    """

    condition: str
    name: Bilingual
    chosen: str
    chosen_name: Bilingual
    sound: str
    sound_name: Bilingual
    had: bool
    effect: Bilingual
    figures: dict[str, float]
    source: str


@dataclass(frozen=True, slots=True)
class HistoryNote:
    """How this game compares with what the study tells of the cluster, and where it says so."""

    text: Bilingual
    study: Bilingual
    source: str


@dataclass(frozen=True, slots=True)
class Debrief:
    """Everything the debrief shows about one game."""

    level: Level
    record: GameRecord
    level_id: str
    seed: int
    names: tuple[str, ...]
    contract: dict[str, str]
    outcome: OutcomeSummary
    seasons: list[SeasonRow]
    series: Series
    moments: list[Moment]
    contract_review: list[ConditionReview]
    history: HistoryNote
    questions: list[Bilingual]
    personalities: tuple[str | None, ...] | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    """Counts the questions and reviews were chosen from (undetected defections, ...)."""
    level_changed: bool = False
    """The level file has changed since the game was played: this debrief replays it on the
    level as it is now, so its numbers may differ from what the players saw."""

    def treatments(self) -> dict[str, Any]:
        """Every switch the game was played with (the level's defaults for those left alone:
        the debrief's record is its replay's, which names every switch)."""
        return dict(self.record.treatments)


@dataclass(frozen=True, slots=True)
class SpreadResult:
    """Outcomes of many games with the same contract and firms (the "what if" spread).

    ``cancelled`` is True when the run was stopped early; the rates then cover ``games`` played.
    """

    level_id: str
    contract: dict[str, str]
    personalities: tuple[str | None, ...]
    seed: int
    games: int
    requested: int
    rates: dict[str, float]
    mean_length: float
    mean_final_trust: float
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class ComparedGame:
    """One exported game in a class comparison."""

    label: str
    path: str
    level_id: str
    level_name: Bilingual
    seed: int
    names: tuple[str, ...]
    outcome: str
    outcome_title: Bilingual
    length: int
    contract: dict[str, str]
    had: tuple[str, ...]  # conditions the contract had
    trust: list[float]
    final_trust: float
    undetected_defections: int
    detected_defections: int
    treatments: dict[str, Any] = field(default_factory=dict)
    """The facilitator's switches the game was played with."""
    condition_names: dict[str, Bilingual] = field(default_factory=dict)
    """Each condition's name, so a printed comparison can say which ones a group lacked."""
    level_changed: bool = False
    """The level file changed after this game: its figures are replayed on the current one."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Several exported games side by side (one per group of a class, for example)."""

    games: list[ComparedGame]
    problems: list[str] = field(default_factory=list)
    """Files that could not be read, each with its reason (the others are still compared)."""
