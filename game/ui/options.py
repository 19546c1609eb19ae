"""The facilitator's options as a game uses them: the keywords for a new match, and the line
the seating screen shows. The options screen sets them; the seating screen reads them here,
so neither screen imports the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.persistence.settings import Settings
from game.play.match import timer_personality_or_default

if TYPE_CHECKING:
    from game.ui.context import SceneContext


def timer_personality(settings: Settings) -> str:
    return timer_personality_or_default(settings.timer_personality)


def match_options(settings: Settings) -> dict[str, Any]:
    """The keywords for :class:`~game.play.match.Match` from the facilitator's choices."""
    return {
        "treatments": {
            "visibility": settings.defection_visibility,
            "mistake_rate": settings.mistake_rate,
            "penalty_severity": settings.penalty_severity,
            "announce_last_season": settings.reveal_season_limit,
        },
        "timer_seconds": settings.decision_timer_seconds,
        "timer_personality": timer_personality(settings),
    }


def number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "es" else text


def summary(app: SceneContext) -> str:
    """One line for the seating screen: what differs from the study's game."""
    s, lang = app.settings, app.lang
    items = []
    if s.decision_timer_seconds:
        items.append(app.tr("facilitator.summary.timer", n=s.decision_timer_seconds))
    if s.defection_visibility == "public":
        items.append(app.tr("facilitator.summary.public"))
    if s.mistake_rate:
        items.append(app.tr("facilitator.summary.mistakes", n=number(s.mistake_rate * 100, lang)))
    if s.penalty_severity != 1.0:
        items.append(app.tr("facilitator.summary.penalty", factor=number(s.penalty_severity, lang)))
    if s.reveal_season_limit:
        items.append(app.tr("facilitator.summary.told"))
    if not items:
        items.append(app.tr("facilitator.summary.default"))
    return app.tr("facilitator.summary", items=", ".join(items))
