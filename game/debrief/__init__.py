"""The debrief and the facilitator's export (issue 4), without pygame.

What happened in a finished game and why, tied back to the source documents, computed once from
its :class:`~game.engine.game.GameRecord` by replaying it (the record holds every decision, so
the debrief reveals them). The debrief screen and the charts (``game.ui``) only lay this out.

Public API::

    analyse(level, record, *, personalities=None) -> Debrief
    what_if_all_cooperate(level, record) -> Debrief
    what_if_contract(level, record, contract, *, personalities=None) -> Debrief
    spread(level, contract, personalities, games, seed, progress=None, workers=1,
           *, cancel=None) -> SpreadResult
    export_game(level, record, out_dir, *, charts=None, name=None, lang="both",
                personalities=None) -> list[Path]
    write_debrief(debrief, out_dir, *, charts=None, name=None, lang="both") -> list[Path]
    load_export(path) -> (Level, GameRecord)
    read_export(path) -> ExportedGame          (with the seats' personalities, if saved)
    compare(exports) -> Comparison
    export_comparison(comparison, out_dir, *, name="comparacion", lang="both") -> Path

``what_if_contract`` keeps the real decisions: each member of the replayed game uses its recorded
decision for that season while it has one. Where it has none (it had left the real game, or the
real game ended sooner), a computer-run firm whose personality is known (``personalities``, from
the save's seats) decides as that personality would, having watched the replayed game all along;
anyone else repeats its most frequent recorded decision (ties: the latest), since the
GameRecord does not keep who was a person and who a personality.
"""

from game.debrief.analysis import analyse
from game.debrief.compare import compare, export_comparison
from game.debrief.export import (
    ExportedGame,
    export_game,
    load_export,
    read_export,
    write_debrief,
)
from game.debrief.model import (
    MOMENT_KINDS,
    Bilingual,
    ComparedGame,
    Comparison,
    ConditionReview,
    Debrief,
    FirmSeason,
    HistoryNote,
    Moment,
    OutcomeSummary,
    SeasonRow,
    Series,
    SpreadResult,
    text,
)
from game.debrief.spread import spread
from game.debrief.whatif import what_if_all_cooperate, what_if_contract

__all__ = [
    "MOMENT_KINDS",
    "Bilingual",
    "ComparedGame",
    "Comparison",
    "ConditionReview",
    "Debrief",
    "ExportedGame",
    "FirmSeason",
    "HistoryNote",
    "Moment",
    "OutcomeSummary",
    "SeasonRow",
    "Series",
    "SpreadResult",
    "analyse",
    "compare",
    "export_comparison",
    "export_game",
    "load_export",
    "read_export",
    "spread",
    "text",
    "what_if_all_cooperate",
    "what_if_contract",
    "write_debrief",
]
