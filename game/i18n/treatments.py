"""The facilitator's treatment switches (issue 4), as players and the debrief name them.

Keys: ``treatment.<switch>`` for the switch, ``treatment.<switch>.<value>`` for a named value
(``visibility`` and ``announce_last_season``), ``treatment.<switch>.value`` to show a number.
"""

from collections.abc import Mapping
from typing import Any

from game.i18n.catalogue import tr

FLAGS = ("true", "false")
"""A yes-or-no switch's values as its keys spell them."""


def describe_treatments(treatments: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """(switch, value) lines for a game's treatments, e.g. from ``GameRecord.treatments_for``
    ``(level).to_json()``, in the order a facilitator sets them."""
    lines = []
    for name, value in treatments.items():
        if isinstance(value, bool | str):
            # keys: treatment.visibility.{game.engine.rules.VISIBILITIES}
            # keys: treatment.announce_last_season.{game.i18n.treatments.FLAGS}
            shown = tr(f"treatment.{name}.{str(value).lower()}", lang)
        elif name == "mistake_rate":
            shown = tr("treatment.mistake_rate.value", lang, percent=f"{value * 100:g}")
        else:
            # keys: treatment.penalty_severity.value
            shown = tr(f"treatment.{name}.value", lang, factor=f"{value:g}")
        # keys: treatment.{game.content.records.TREATMENTS}
        lines.append((tr(f"treatment.{name}", lang), shown))
    return lines
