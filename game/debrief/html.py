"""Printable HTML pages: one game's summary and a class comparison.

Self-contained: inline CSS and SVG, no scripts, fonts or images from elsewhere, so the file can be
mailed or printed as it is. Every text is escaped. ``lang`` is ``"es"``, ``"en"`` or ``"both"``
(Spanish first, the English below it in grey).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from game.debrief.model import (
    Bilingual,
    ComparedGame,
    Comparison,
    Debrief,
    Moment,
    OutcomeSummary,
)
from game.debrief.texts import join
from game.engine.contract import CONDITIONS
from game.engine.rules import PHASE_NAMES
from game.i18n import pick, tr
from game.i18n.treatments import describe_treatments

CSS = """
body { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; color: #1a1a1a; margin: 2em auto;
       max-width: 60em; line-height: 1.3; padding: 0 1em; }
h1 { font-size: 1.5em; margin: 0 0 .1em; } h2 { font-size: 1.1em; border-bottom: 2px solid #0072b2;
     padding-bottom: .05em; margin: .8em 0 .3em; }
p { margin: .25em 0; } .en { color: #555; font-style: italic; } .meta { color: #444; }
.outcome { font-size: 1.2em; font-weight: bold; } .advance { color: #007a4d; }
.collapse { color: #b34700; } .stagnation { color: #7a5c00; }
.warning { color: #b34700; font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border: 1px solid #bbb; padding: .25em .45em; text-align: left; vertical-align: top; }
th { background: #eef3f8; } .had { color: #007a4d; font-weight: bold; }
.lacked { color: #b34700; font-weight: bold; } .season { white-space: nowrap; font-weight: bold; }
ol, ul { margin: .2em 0; padding-left: 1.4em; } li { margin-bottom: .15em; }
.source { color: #555; font-size: .85em; } svg { max-width: 100%; height: auto; }
.columns { display: flex; gap: 1.2em; align-items: flex-start; }
.columns > * { flex: 1 1 0; min-width: 0; } .columns > .wide { flex-grow: 1.7; }
ul.figures { list-style: none; padding-left: 0; }
ul.two { columns: 2; column-gap: 1.5em; } ul.two li { break-inside: avoid; }
ul.marks { list-style: none; padding-left: 0; }
.mark { display: inline-block; width: 1.1em; font-weight: bold; } td.tick { text-align: center; }
.appendix { margin-top: 3em; border-top: 3px double #0072b2; }
@media print { @page { margin: 10mm 12mm; }
  body { margin: 0; max-width: none; font-size: 9pt; padding: 0; line-height: 1.25; }
  .summary h2 { margin: .6em 0 .25em; } .summary li { margin-bottom: .08em; }
  .appendix { break-before: page; page-break-before: always; margin-top: 0; border-top: none; }
  h2, tr, li { break-inside: avoid; page-break-inside: avoid; } h2 { break-after: avoid; } }
"""
KEY_MOMENTS = {"es": 6, "en": 6, "both": 5}
"""Moments on the printed page: enough to tell the story, few enough to fit on one page (with
both languages every text takes twice the room)."""
QUESTIONS = {"es": 4, "en": 4, "both": 3}
MOMENT_RANK = {
    "expulsion": 0,
    "bankruptcy": 0,
    "phase_change": 0,
    "order_cancelled": 1,
    "defection_detected": 2,
    "defection_unseen": 2,
    "faulty_shared": 3,
    "faulty_traced": 4,
    "event_hit": 4,
    "penalty": 5,
}
"""How much a kind of moment decides a game (0 most): a fine follows the detection it punishes,
and an event sets the scene, so both give way to what the firms did and what it cost them."""
DECISIVE = frozenset({"expulsion", "bankruptcy", "phase_change"})
TOLD_ELSEWHERE = frozenset({"ending"})
"""Kinds the page already tells in its own section (how it ended, with its reasons)."""
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")


def _languages(lang: str) -> tuple[str, ...]:
    return ("es", "en") if lang == "both" else (lang,)


def show(bilingual: Bilingual, lang: str, *, inline: bool = False) -> str:
    """A bilingual text as escaped HTML: one language, or Spanish then English (below it, or
    after a slash when ``inline``)."""
    if lang != "both":
        return escape(pick(bilingual, lang))
    es, en = escape(pick(bilingual, "es")), escape(pick(bilingual, "en"))
    if es == en:
        return es
    return (
        f'{es} / <span class="en">{en}</span>'
        if inline
        else f'{es}<br><span class="en">{en}</span>'
    )


def label(key: str, lang: str, *, inline: bool = False, **values: object) -> str:
    return show({code: tr(key, code, **values) for code in ("es", "en")}, lang, inline=inline)


FIGURES = ("seasons", "members", "trust", "fund", "phase", "defections", "left")
"""The game's figures at the head of the page, in order (the last four for a cluster only)."""
WORDED_FIGURES = ("members", "defections", "left")
"""The figures told in a sentence (``export.fig.<name>.value``)."""
MARKS = ("had", "lacked")


def _page(title: str, body: list[str], lang: str) -> str:
    html_lang = "es" if lang != "en" else "en"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{html_lang}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
            *body,
            "</body></html>",
            "",
        ]
    )


def trust_svg(curves: Sequence[tuple[str, Sequence[float]]], floor: float | None) -> str:
    """Trust curves (0 to 1 over the seasons) as a small inline SVG line chart."""
    width, height, pad = 640, 220, 32
    longest = max((len(values) for _, values in curves), default=1)
    span = max(longest - 1, 1)

    def point(i: int, v: float) -> str:
        x = pad + (width - 2 * pad) * i / span
        y = height - pad - (height - 2 * pad) * min(max(v, 0.0), 1.0)
        return f"{x:.1f},{y:.1f}"

    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="{pad}" y="{pad}" width="{width - 2 * pad}" height="{height - 2 * pad}" '
        'fill="none" stroke="#999"/>',
        f'<text x="4" y="{pad + 4}" font-size="11">1</text>',
        f'<text x="4" y="{height - pad + 4}" font-size="11">0</text>',
    ]
    if floor is not None:
        y = point(0, floor).split(",")[1]
        parts.append(
            f'<line x1="{pad}" x2="{width - pad}" y1="{y}" y2="{y}" stroke="#b34700" '
            'stroke-dasharray="6 4"/>'
        )
    for index, (name, values) in enumerate(curves):
        colour = COLOURS[index % len(COLOURS)]
        points = " ".join(point(i, v) for i, v in enumerate(values))
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="3" points="{points}">'
            f"<title>{escape(name)}</title></polyline>"
        )
    parts.append("</svg>")
    return "".join(parts)


# -- what the page picks -----------------------------------------------------------------------


def key_moments(
    moments: Sequence[Moment], outcome: OutcomeSummary, limit: int = KEY_MOMENTS["es"]
) -> list[Moment]:
    """The few moments that decided the game, in the order they happened.

    Expulsions, bankruptcies, phase changes and what happened in the season a collapse came come
    first; then each kind's first time before any kind's second, ranked by :data:`MOMENT_RANK`,
    so that a page of ten detections does not hide the one cancelled order. The ending is left
    to the page's own "how it ended"."""
    seen: Counter[str] = Counter()
    scored = []
    for index, moment in enumerate(moments):
        if moment.kind in TOLD_ELSEWHERE:
            continue
        rank = MOMENT_RANK.get(moment.kind, max(MOMENT_RANK.values()) + 1)
        final = outcome.kind == "collapse" and moment.season == outcome.season and rank <= 2
        tier = 0 if moment.kind in DECISIVE or final else 1
        scored.append((tier, rank + 2 * seen[moment.kind], index))
        seen[moment.kind] += 1
    chosen = sorted(index for *_, index in sorted(scored)[:limit])
    return [moments[index] for index in chosen]


def treatment_lines(treatments: Mapping[str, Any]) -> list[tuple[Bilingual, Bilingual]]:
    """(switch, value) of each treatment, in both languages."""
    es, en = describe_treatments(treatments, "es"), describe_treatments(treatments, "en")
    return [
        ({"es": name_es, "en": name_en}, {"es": value_es, "en": value_en})
        for (name_es, value_es), (name_en, value_en) in zip(es, en, strict=True)
    ]


# -- one game ----------------------------------------------------------------------------------


def render_game(debrief: Debrief, lang: str) -> str:
    """The one-page summary (a page a facilitator hands out) and, after a page break, an
    appendix with the history, the contract's effects and the seasons for whoever wants more."""
    level_name = debrief.level.name
    title = f"{pick(level_name, 'es')} - {pick(debrief.outcome.title, 'es')}"
    summary = [f"<h1>{show(level_name, lang, inline=True)}</h1>"]
    summary.append(
        f'<p class="meta">{label("export.meta", lang, inline=True, seed=debrief.seed, seasons=len(debrief.seasons))}'
        f" · {escape(', '.join(debrief.names))}</p>"
    )
    if debrief.level_changed:
        summary.append(f'<p class="warning">{label("debrief.level_changed", lang)}</p>')
    summary += _outcome(debrief, lang)
    summary += _moments(debrief, lang)
    summary += _contract(debrief, lang)
    summary += _treatments(debrief, lang)
    summary += _questions(debrief, lang)
    appendix = [f"<h2>{label('export.appendix', lang, inline=True)}</h2>"]
    appendix += _history(debrief, lang)
    appendix += _review(debrief, lang)
    appendix += _seasons(debrief, lang)
    body = [
        '<section class="summary">',
        *summary,
        '</section><section class="appendix">',
        *appendix,
        "</section>",
    ]
    return _page(title, body, lang)


def _outcome(debrief: Debrief, lang: str) -> list[str]:
    outcome = debrief.outcome
    return [
        f"<h2>{label('export.outcome', lang, inline=True)}</h2>",
        f'<p class="outcome {escape(outcome.kind)}">{show(outcome.title, lang, inline=True)}</p>',
        f"<p>{show(join(list(outcome.reasons)), lang)}</p>",
        '<div class="columns"><div class="wide">',
        _figures(debrief, lang),
        "</div><div>",
        trust_svg([(tr("common.trust", "es"), debrief.series.trust)], debrief.series.trust_floor),
        f'<p class="source">{label("export.trust_caption", lang)}</p>',
        "</div></div>",
    ]


def _figures(debrief: Debrief, lang: str) -> str:
    """The game in a few numbers: length, who was left, trust and, in a cluster, the fund, the
    phase (the goal in brackets), the sales por fuera and who left."""
    facts, series = debrief.facts, debrief.series

    def worded(key: str, **values: object) -> str:
        # keys: export.fig.{game.debrief.html.WORDED_FIGURES}.value
        return label(f"export.fig.{key}.value", lang, inline=True, **values)

    members = worded("members", left=facts.get("members_end", "?"), firms=len(debrief.names))
    figures = [
        ("seasons", escape(str(len(debrief.seasons)))),
        ("members", members),
        ("trust", f"{series.trust[0]:.2f} → {series.trust[-1]:.2f}"),
    ]
    if not debrief.level.is_dilemma:
        start, end, goal = (
            PHASE_NAMES.get(p, str(p))
            for p in (series.phase[0], series.phase[-1], series.target_phase)
        )
        figures += [
            ("fund", f"S/ {series.fund[-1]:.1f}"),
            ("phase", f"{start} → {end} ({goal})"),
            (
                "defections",
                worded(
                    "defections", seen=facts.get("detected", 0), unseen=facts.get("undetected", 0)
                ),
            ),
            (
                "left",
                worded(
                    "left", expelled=facts.get("expelled", 0), bankrupt=facts.get("bankrupt", 0)
                ),
            ),
        ]
    cells = "".join(
        # keys: export.fig.{game.debrief.html.FIGURES}
        f"<li>{label(f'export.fig.{key}', lang, inline=True)}: <b>{value}</b></li>"
        for key, value in figures
    )
    return f'<ul class="figures two">{cells}</ul>'


def _moments(debrief: Debrief, lang: str) -> list[str]:
    chosen = key_moments(debrief.moments, debrief.outcome, KEY_MOMENTS[lang])
    total = sum(m.kind not in TOLD_ELSEWHERE for m in debrief.moments)
    heading = label("export.moments", lang, inline=True)
    if len(chosen) < total:
        heading = label("export.moments_of", lang, inline=True, shown=len(chosen), total=total)
    body = [f"<h2>{heading}</h2>"]
    if not chosen:
        return [*body, f"<p>{label('export.no_moments', lang)}</p>"]
    body.append("<ol>")
    for moment in chosen:
        season = label("export.season", lang, inline=True, season=moment.season)
        body.append(f'<li><span class="season">{season}:</span> {show(moment.text, lang)}</li>')
    return [*body, "</ol>"]


def _contract(debrief: Debrief, lang: str) -> list[str]:
    """The eight conditions, one line each: had or lacked, and the option signed."""
    if not debrief.contract_review:
        return []
    body = [
        f"<h2>{label('export.contract_short', lang, inline=True)}</h2>",
        f'<p class="source">{label("export.marks", lang, inline=True)}</p>',
        '<ul class="marks two">',
    ]
    for review in debrief.contract_review:
        body.append(
            f"<li>{_mark(review.had, lang)} <strong>{show(review.name, lang, inline=True)}</strong>:"
            f" {show(review.chosen_name, lang, inline=True)}</li>"
        )
    return [*body, "</ul>"]


def _mark(had: bool, lang: str) -> str:
    """A tick or a cross, its meaning in a tooltip (the page's legend says it in words)."""
    state = "had" if had else "lacked"
    # keys: export.{game.debrief.html.MARKS}
    meaning = escape(tr(f"export.{state}", "en" if lang == "en" else "es"))
    return f'<span class="mark {state}" title="{meaning}">{"✓" if had else "✗"}</span>'


def _treatments(debrief: Debrief, lang: str) -> list[str]:
    body = [
        f"<h2>{label('common.facilitator_options', lang, inline=True)}</h2>",
        '<ul class="two">',
    ]
    for name, value in treatment_lines(debrief.treatments()):
        body.append(f"<li>{show(name, lang, inline=True)}: {show(value, lang, inline=True)}</li>")
    return [*body, "</ul>"]


def _questions(debrief: Debrief, lang: str) -> list[str]:
    return [
        f"<h2>{label('export.questions', lang, inline=True)}</h2>",
        "<ol>",
        *(f"<li>{show(q, lang)}</li>" for q in debrief.questions[: QUESTIONS[lang]]),
        "</ol>",
    ]


def _review(debrief: Debrief, lang: str) -> list[str]:
    if not debrief.contract_review:
        return []
    body = [
        f"<h2>{label('export.contract', lang, inline=True)}</h2>",
        f'<p class="source">{label("export.contract_source", lang)}</p>',
        "<table><tr>"
        f"<th>{label('export.condition', lang)}</th><th>{label('export.signed', lang)}</th>"
        f"<th>{label('export.effect', lang)}</th></tr>",
    ]
    for review in debrief.contract_review:
        state = "had" if review.had else "lacked"
        body.append(
            f"<tr><td>{show(review.name, lang)}<br>"
            # keys: export.{game.debrief.html.MARKS}
            f'<span class="{state}">{label(f"export.{state}", lang)}</span></td>'
            f"<td>{show(review.chosen_name, lang)}</td>"
            f'<td>{show(review.effect, lang)}<br><span class="source">{escape(review.source)}'
            "</span></td></tr>"
        )
    return [*body, "</table>"]


def _history(debrief: Debrief, lang: str) -> list[str]:
    note = debrief.history
    body = [f"<h2>{label('export.history', lang, inline=True)}</h2>"]
    if note.study:
        body.append(f"<p>{show(note.study, lang)}</p>")
    body.append(f"<p><strong>{show(note.text, lang)}</strong></p>")
    return [*body, f'<p class="source">{escape(note.source)}</p>']


def _seasons(debrief: Debrief, lang: str) -> list[str]:
    body = [
        f"<h2>{label('export.seasons', lang, inline=True)}</h2>",
        "<table><tr>"
        f"<th>#</th><th>{label('export.event', lang)}</th><th>{label('common.joint_order', lang)}</th>"
        f"<th>{label('export.decisions', lang)}</th><th>{label('common.trust', lang)}</th>"
        f"<th>{label('export.fund', lang)}</th></tr>",
    ]
    for row in debrief.seasons:
        decisions = ", ".join(
            f"{f.name}: {_decision(f.decision, f.target, f.detected)}"
            for f in row.firms
            if f.decision is not None
        )
        body.append(
            f"<tr><td>{row.season}</td><td>{show(row.event_name, lang)}</td>"
            f"<td>{show(row.status_text, lang)}</td><td>{escape(decisions)}</td>"
            f"<td>{row.trust:.2f}</td><td>{row.fund:.1f}</td></tr>"
        )
    return [*body, "</table>"]


def _decision(action: str | None, target: str | None, detected: bool) -> str:
    """A short code for the seasons table (explained in its heading): C, F, F*, I:brand."""
    code = {"cooperate": "C", "defect": "F", "invest": "I"}.get(action or "", "-")
    if target:
        code += f":{target}"
    return code + ("*" if detected else "")


# -- a class comparison ------------------------------------------------------------------------


def render_comparison(comparison: Comparison, lang: str) -> str:
    body = [f"<h1>{label('export.compare.title', lang, inline=True)}</h1>"]
    if comparison.problems:
        body.append(
            "<ul>" + "".join(f"<li>{escape(p)}</li>" for p in comparison.problems) + "</ul>"
        )
    body += [
        "<table><tr>"
        f"<th>{label('common.game', lang)}</th><th>{label('export.compare.level', lang)}</th>"
        f"<th>{label('export.outcome', lang)}</th><th>{label('common.seasons', lang)}</th>"
        f"<th>{label('export.compare.had', lang)}</th><th>{label('common.trust', lang)}</th>"
        f"<th>{label('export.compare.defections', lang)}</th></tr>"
    ]
    for game in comparison.games:
        changed = " *" if game.level_changed else ""
        body.append(
            f"<tr><td>{escape(game.label)}{changed}</td><td>{show(game.level_name, lang)}</td>"
            f'<td class="{escape(game.outcome)}">{show(game.outcome_title, lang)}</td>'
            f"<td>{game.length}</td><td>{len(game.had)}/8</td><td>{game.final_trust:.2f}</td>"
            f"<td>{game.detected_defections} / {game.undetected_defections}</td></tr>"
        )
    body.append("</table>")
    if any(game.level_changed for game in comparison.games):
        body.append(f'<p class="warning">* {label("debrief.level_changed", lang)}</p>')
    body += _compared_contracts(comparison.games, lang)
    body += _compared_treatments(comparison.games, lang)
    curves = [(g.label, g.trust) for g in comparison.games]
    body += [
        f"<h2>{label('export.compare.curves', lang, inline=True)}</h2>",
        trust_svg(curves, None),
        "<ul>",
        *(
            f'<li><span style="color:{COLOURS[i % len(COLOURS)]}">&#9632;</span> '
            f"{escape(g.label)}</li>"
            for i, g in enumerate(comparison.games)
        ),
        "</ul>",
    ]
    return _page(tr("export.compare.title", "es"), body, lang)


def _game_columns(games: Sequence[ComparedGame], first: str) -> str:
    return f"<tr><th>{first}</th>" + "".join(f"<th>{escape(g.label)}</th>" for g in games) + "</tr>"


def _compared_contracts(games: Sequence[ComparedGame], lang: str) -> list[str]:
    """Each condition a row, each game a column, a tick where the group's contract had it: the
    count alone hides that two groups with 4/8 may have signed opposite halves."""
    if not games:
        return []
    names: dict[str, Bilingual] = {}
    for game in games:
        for key, name in game.condition_names.items():
            names.setdefault(key, name)
    body = [
        f"<h2>{label('export.contract_short', lang, inline=True)}</h2>",
        f'<p class="source">{label("export.marks", lang, inline=True)}</p>',
        "<table>",
        _game_columns(games, label("export.condition", lang)),
    ]
    for key in CONDITIONS:
        name = show(names[key], lang, inline=True) if key in names else escape(key)
        marks = "".join(f'<td class="tick">{_mark(key in game.had, lang)}</td>' for game in games)
        body.append(f"<tr><td>{name}</td>{marks}</tr>")
    return [*body, "</table>"]


def _compared_treatments(games: Sequence[ComparedGame], lang: str) -> list[str]:
    """The switches each game was played with, one row per switch."""
    lines = [treatment_lines(game.treatments) for game in games]
    switches: dict[str, Bilingual] = {}
    for game_lines in lines:
        for name, _value in game_lines:
            switches.setdefault(name["es"], name)
    if not switches:
        return []
    body = [
        f"<h2>{label('common.facilitator_options', lang, inline=True)}</h2>",
        "<table>",
        _game_columns(games, label("export.compare.switch", lang)),
    ]
    by_switch = [{n["es"]: v for n, v in game_lines} for game_lines in lines]
    for key, name in switches.items():
        values = [values_of.get(key) for values_of in by_switch]
        cells = "".join(f"<td>{show(v, lang) if v else '-'}</td>" for v in values)
        body.append(f"<tr><td>{show(name, lang)}</td>{cells}</tr>")
    return [*body, "</table>"]
