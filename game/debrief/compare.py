"""Several exported games side by side (a class comparison: one game per group, say).

Each game is rebuilt from its exported JSON (the record is replayed), so a comparison always
agrees with the games' own debriefs. A file that cannot be read is listed with its reason and
the others are still compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from game.debrief.analysis import analyse
from game.debrief.export import ExportError, check_export_name, read_export
from game.debrief.html import render_comparison
from game.debrief.model import ComparedGame, Comparison, Debrief
from game.persistence.atomic import atomic_write_bytes


def compared_game(debrief: Debrief, label: str, path: str) -> ComparedGame:
    facts = debrief.facts
    return ComparedGame(
        label=label,
        path=path,
        level_id=debrief.level_id,
        level_name=dict(debrief.level.name),
        seed=debrief.seed,
        names=debrief.names,
        outcome=debrief.outcome.kind,
        outcome_title=debrief.outcome.title,
        length=len(debrief.seasons),
        contract=dict(debrief.contract),
        had=tuple(r.condition for r in debrief.contract_review if r.had),
        trust=list(debrief.series.trust),
        final_trust=debrief.series.trust[-1],
        undetected_defections=int(facts.get("undetected", 0)),
        detected_defections=int(facts.get("detected", 0)),
        treatments=debrief.treatments(),
        condition_names={r.condition: dict(r.name) for r in debrief.contract_review},
        level_changed=debrief.level_changed,
    )


def compare(exports: Sequence[Path | str]) -> Comparison:
    """Read exported games (their ``.json``) and line up outcome, contract, trust and length."""
    games: list[ComparedGame] = []
    problems: list[str] = []
    for path in exports:
        try:
            exported = read_export(path)
            debrief = analyse(exported.level, exported.record, personalities=exported.personalities)
        except ExportError as error:
            problems.append(str(error))
            continue
        except (ValueError, LookupError, TypeError) as error:  # a record that does not replay
            problems.append(f"{path}: {error or type(error).__name__}")
            continue
        games.append(compared_game(debrief, Path(path).stem, str(path)))
    return Comparison(games, problems)


def export_comparison(
    comparison: Comparison, out_dir: Path | str, *, name: str = "comparacion", lang: str = "both"
) -> Path:
    """The comparison as one printable HTML page in ``out_dir``; its path. A ``name`` that is
    a path is refused (:class:`~game.debrief.export.ExportNameError`) before anything is
    written."""
    check_export_name(name)
    return atomic_write_bytes(
        Path(out_dir) / f"{name}.html", render_comparison(comparison, lang).encode("utf-8")
    )
