"""Printable HTML pages: one game's summary and a class comparison.

Self-contained: inline CSS and SVG, no scripts, fonts or images from elsewhere, so the file can be
mailed or printed as it is. Every text is escaped. ``lang`` is ``"es"``, ``"en"`` or ``"both"``
(Spanish first, the English below it in grey).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from game.debrief.model import Bilingual, Comparison, Debrief
from game.i18n import pick, register, tr

CSS = """
body { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; color: #1a1a1a; margin: 2em auto;
       max-width: 60em; line-height: 1.4; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { font-size: 1.2em; border-bottom: 2px solid #0072b2;
     padding-bottom: .1em; margin-top: 1.4em; }
.en { color: #555; font-style: italic; } .meta { color: #444; }
.outcome { font-size: 1.3em; font-weight: bold; } .advance { color: #007a4d; }
.collapse { color: #b34700; } .stagnation { color: #7a5c00; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border: 1px solid #bbb; padding: .25em .45em; text-align: left; vertical-align: top; }
th { background: #eef3f8; } .had { color: #007a4d; font-weight: bold; }
.lacked { color: #b34700; font-weight: bold; } .season { white-space: nowrap; font-weight: bold; }
ol li, ul li { margin-bottom: .35em; } .source { color: #555; font-size: .85em; }
svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, tr, li { break-inside: avoid; page-break-inside: avoid; } h2 { break-after: avoid; } }
"""


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

    colours = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
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
        colour = colours[index % len(colours)]
        points = " ".join(point(i, v) for i, v in enumerate(values))
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="3" points="{points}">'
            f"<title>{escape(name)}</title></polyline>"
        )
    parts.append("</svg>")
    return "".join(parts)


# -- one game ----------------------------------------------------------------------------------


def render_game(debrief: Debrief, lang: str) -> str:
    level_name = debrief.level.name
    title = f"{pick(level_name, 'es')} - {pick(debrief.outcome.title, 'es')}"
    body = [f"<h1>{show(level_name, lang)}</h1>"]
    body.append(
        f'<p class="meta">{label("export.meta", lang, seed=debrief.seed, seasons=len(debrief.seasons))}'
        f"<br>{escape(', '.join(debrief.names))}</p>"
    )
    body += _outcome(debrief, lang)
    body += _moments(debrief, lang)
    body += _review(debrief, lang)
    body += _history(debrief, lang)
    body += _questions(debrief, lang)
    body += _seasons(debrief, lang)
    return _page(title, body, lang)


def _outcome(debrief: Debrief, lang: str) -> list[str]:
    outcome = debrief.outcome
    body = [
        f"<h2>{label('export.outcome', lang)}</h2>",
        f'<p class="outcome {escape(outcome.kind)}">{show(outcome.title, lang)}</p>',
        "<ul>",
        *(f"<li>{show(reason, lang)}</li>" for reason in outcome.reasons),
        "</ul>",
        trust_svg([(tr("export.trust", "es"), debrief.series.trust)], debrief.series.trust_floor),
        f'<p class="source">{label("export.trust_caption", lang)}</p>',
    ]
    return body


def _moments(debrief: Debrief, lang: str) -> list[str]:
    body = [f"<h2>{label('export.moments', lang)}</h2>"]
    if not debrief.moments:
        return [*body, f"<p>{label('export.no_moments', lang)}</p>"]
    body.append("<ol>")
    for moment in debrief.moments:
        season = label("export.season", lang, inline=True, season=moment.season)
        body.append(f'<li><span class="season">{season}:</span><br>{show(moment.text, lang)}</li>')
    return [*body, "</ol>"]


def _review(debrief: Debrief, lang: str) -> list[str]:
    if not debrief.contract_review:
        return []
    body = [
        f"<h2>{label('export.contract', lang)}</h2>",
        f'<p class="source">{label("export.contract_source", lang)}</p>',
        "<table><tr>"
        f"<th>{label('export.condition', lang)}</th><th>{label('export.signed', lang)}</th>"
        f"<th>{label('export.effect', lang)}</th></tr>",
    ]
    for review in debrief.contract_review:
        state = "had" if review.had else "lacked"
        body.append(
            f"<tr><td>{show(review.name, lang)}<br>"
            f'<span class="{state}">{label(f"export.{state}", lang)}</span></td>'
            f"<td>{show(review.chosen_name, lang)}</td>"
            f'<td>{show(review.effect, lang)}<br><span class="source">{escape(review.source)}'
            "</span></td></tr>"
        )
    return [*body, "</table>"]


def _history(debrief: Debrief, lang: str) -> list[str]:
    note = debrief.history
    body = [f"<h2>{label('export.history', lang)}</h2>"]
    if note.study:
        body.append(f"<p>{show(note.study, lang)}</p>")
    body.append(f"<p><strong>{show(note.text, lang)}</strong></p>")
    return [*body, f'<p class="source">{escape(note.source)}</p>']


def _questions(debrief: Debrief, lang: str) -> list[str]:
    return [
        f"<h2>{label('export.questions', lang)}</h2>",
        "<ol>",
        *(f"<li>{show(q, lang)}</li>" for q in debrief.questions),
        "</ol>",
    ]


def _seasons(debrief: Debrief, lang: str) -> list[str]:
    body = [
        f"<h2>{label('export.seasons', lang)}</h2>",
        "<table><tr>"
        f"<th>#</th><th>{label('export.event', lang)}</th><th>{label('export.order', lang)}</th>"
        f"<th>{label('export.decisions', lang)}</th><th>{label('export.trust', lang)}</th>"
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
    body = [f"<h1>{label('export.compare.title', lang)}</h1>"]
    if comparison.problems:
        body.append(
            "<ul>" + "".join(f"<li>{escape(p)}</li>" for p in comparison.problems) + "</ul>"
        )
    body += [
        "<table><tr>"
        f"<th>{label('export.compare.game', lang)}</th><th>{label('export.compare.level', lang)}</th>"
        f"<th>{label('export.outcome', lang)}</th><th>{label('export.compare.length', lang)}</th>"
        f"<th>{label('export.compare.had', lang)}</th><th>{label('export.trust', lang)}</th>"
        f"<th>{label('export.compare.defections', lang)}</th></tr>"
    ]
    for game in comparison.games:
        body.append(
            f"<tr><td>{escape(game.label)}</td><td>{show(game.level_name, lang)}</td>"
            f'<td class="{escape(game.outcome)}">{show(game.outcome_title, lang)}</td>'
            f"<td>{game.length}</td><td>{len(game.had)}/8</td><td>{game.final_trust:.2f}</td>"
            f"<td>{game.detected_defections} / {game.undetected_defections}</td></tr>"
        )
    body.append("</table>")
    curves = [(g.label, g.trust) for g in comparison.games]
    body += [
        f"<h2>{label('export.compare.curves', lang)}</h2>",
        trust_svg(curves, None),
        "<ul>",
        *(
            f'<li><span style="color:{c}">&#9632;</span> {escape(g.label)}</li>'
            for g, c in zip(
                comparison.games,
                ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
                * (len(comparison.games) // 7 + 1),
                strict=False,
            )
        ),
        "</ul>",
    ]
    return _page(tr("export.compare.title", "es"), body, lang)


def _pair(es: str, en: str) -> dict[str, str]:
    return {"es": es, "en": en}


register(
    {
        "export.meta": _pair(
            "Semilla {seed} · {seasons} temporadas", "Seed {seed} · {seasons} seasons"
        ),
        "export.outcome": _pair("Cómo terminó", "How it ended"),
        "export.trust": _pair("Confianza", "Trust"),
        "export.trust_caption": _pair(
            "Confianza en la alianza temporada a temporada; la línea discontinua es el mínimo "
            "por debajo del cual la alianza se disuelve.",
            "Trust in the alliance season by season; the dashed line is the floor below which "
            "the alliance dissolves.",
        ),
        "export.moments": _pair("Momentos clave", "Key moments"),
        "export.no_moments": _pair(
            "Ninguna temporada se salió de lo común.", "No season stood out."
        ),
        "export.season": _pair("Temporada {season}", "Season {season}"),
        "export.contract": _pair("El contrato en revisión", "The contract under review"),
        "export.contract_source": _pair(
            "Las ocho condiciones básicas de una alianza (000, sección III, Condiciones básicas "
            "para la asociatividad), medidas con lo que pasó en esta partida.",
            "The eight basic conditions of an alliance (000, section III, Condiciones básicas "
            "para la asociatividad), measured on what happened in this game.",
        ),
        "export.condition": _pair("Condición", "Condition"),
        "export.signed": _pair("Lo firmado", "What was signed"),
        "export.effect": _pair("Qué causó en esta partida", "What it caused in this game"),
        "export.had": _pair("La tenían", "Had it"),
        "export.lacked": _pair("Les faltó", "Lacked it"),
        "export.history": _pair("La historia del cluster", "The cluster's history"),
        "export.questions": _pair("Preguntas para el grupo", "Questions for the group"),
        "export.seasons": _pair(
            "Temporada por temporada (C coopera, F vende por fuera, I invierte, * descubierta)",
            "Season by season (C cooperates, F sells por fuera, I invests, * caught)",
        ),
        "export.event": _pair("Evento", "Event"),
        "export.order": _pair("Pedido conjunto", "Joint order"),
        "export.decisions": _pair("Decisiones", "Decisions"),
        "export.fund": _pair("Fondo (S/ mil)", "Fund (S/ k)"),
        "export.compare.title": _pair("Comparación de partidas", "Games compared"),
        "export.compare.game": _pair("Partida", "Game"),
        "export.compare.level": _pair("Nivel", "Level"),
        "export.compare.length": _pair("Temporadas", "Seasons"),
        "export.compare.had": _pair("Condiciones firmadas", "Conditions signed"),
        "export.compare.defections": _pair(
            "Ventas por fuera descubiertas / no vistas", "Sales por fuera caught / unseen"
        ),
        "export.compare.curves": _pair("Confianza de cada partida", "Trust in each game"),
    }
)
