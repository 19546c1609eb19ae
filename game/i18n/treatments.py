"""The facilitator's treatment switches (issue 4), as players and the debrief name them.

Keys: ``treatment.<switch>`` for the switch, ``treatment.<switch>.<value>`` for a named value
(``visibility`` and ``announce_last_season``), ``treatment.<switch>.value`` to show a number,
and ``treatment.<switch>.help`` for one line of explanation.
"""

from collections.abc import Mapping
from typing import Any

from game.i18n.catalogue import register, tr

register(
    {
        "treatments.title": {"es": "Tratamientos", "en": "Treatments"},
        "treatment.visibility": {
            "es": "Visibilidad de las traiciones",
            "en": "Visibility of defections",
        },
        "treatment.visibility.detected": {
            "es": "Solo se sabe lo que se detecta",
            "en": "Only what is detected is known",
        },
        "treatment.visibility.public": {
            "es": "Toda traición es pública",
            "en": "Every defection is public",
        },
        "treatment.visibility.help": {
            "es": "Con traiciones públicas, todos ven quién negoció por fuera y le pierden "
            "confianza; las multas siguen necesitando que el consorcio lo detecte.",
            "en": "With public defections everyone sees who sold por fuera and trusts them "
            "less; fines still need the consortium to detect it.",
        },
        "treatment.mistake_rate": {"es": "Tasa de errores", "en": "Mistake rate"},
        "treatment.mistake_rate.value": {
            "es": "{percent}% de los lotes",
            "en": "{percent}% of lots",
        },
        "treatment.mistake_rate.help": {
            "es": "Parte de los lotes sale fallada sin que nadie lo quiera: el cliente la "
            "rechaza y falta en el pedido (como en The Evolution of Trust).",
            "en": "A share of lots comes out faulty without anyone meaning it: the client "
            "rejects it and it is missing from the order (as in The Evolution of Trust).",
        },
        "treatment.penalty_severity": {
            "es": "Severidad de las multas",
            "en": "Penalty severity",
        },
        "treatment.penalty_severity.value": {"es": "× {factor}", "en": "× {factor}"},
        "treatment.penalty_severity.help": {
            "es": "Multiplica las multas del contrato (1 = tal como se firmó).",
            "en": "Multiplies the contract's fines (1 = as signed).",
        },
        "treatment.announce_last_season": {
            "es": "Anunciar la última temporada",
            "en": "Announce the last season",
        },
        "treatment.announce_last_season.true": {
            "es": "Los jugadores saben cuántas temporadas hay",
            "en": "Players know how many seasons there are",
        },
        "treatment.announce_last_season.false": {
            "es": "Solo el facilitador sabe cuál es la última",
            "en": "Only the facilitator knows which is the last",
        },
        "treatment.announce_last_season.help": {
            "es": "Si no se anuncia, nadie puede guardarse la traición para el final.",
            "en": "If it is not announced, nobody can save their betrayal for the end.",
        },
    }
)


def describe_treatments(treatments: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """(switch, value) lines for a game's treatments, e.g. from ``GameRecord.treatments_for``
    ``(level).to_json()``, in the order a facilitator sets them."""
    lines = []
    for name, value in treatments.items():
        if isinstance(value, bool | str):
            shown = tr(f"treatment.{name}.{str(value).lower()}", lang)
        elif name == "mistake_rate":
            shown = tr("treatment.mistake_rate.value", lang, percent=f"{value * 100:g}")
        else:
            shown = tr(f"treatment.{name}.value", lang, factor=f"{value:g}")
        lines.append((tr(f"treatment.{name}", lang), shown))
    return lines
