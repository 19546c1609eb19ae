"""The same game, other decisions or another contract ("what if").

Both replays keep the record's seed, so the firms, the events and every random draw are the ones
the real game met (the engine draws from separate streams, the same count each season whatever
the decisions: :mod:`game.engine.streams`);
only the decisions or the contract differ, and whatever follows from them (a game can last
longer or shorter than the real one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from game.ai import Personality, make_personality
from game.debrief.analysis import build_debrief
from game.debrief.model import Debrief
from game.debrief.replay import play_through
from game.engine.game import Game, GameRecord
from game.engine.level import Level
from game.engine.state import COOPERATE, Decision


def what_if_all_cooperate(level: Level, record: GameRecord) -> Debrief:
    """Same seed and events, every member cooperating every season until the game ends."""

    def decide(game: Game) -> dict[int, Decision]:
        return {i: COOPERATE for i in game.members()}

    played = play_through(level, record, decide)
    return build_debrief(level, played)


def fallback_decision(record: GameRecord, firm: int) -> Decision:
    """What a seat with no recorded decision does: its most frequent recorded decision (ties:
    the latest), or cooperate if it never decided."""
    history = [season[firm] for season in record.decisions if firm in season]
    if not history:
        return COOPERATE
    counts = Counter(history)
    best = max(counts.values())
    return next(d for d in reversed(history) if counts[d] == best)


def what_if_contract(
    level: Level,
    record: GameRecord,
    contract: Mapping[str, str],
    *,
    personalities: Sequence[str | None] | None = None,
) -> Debrief:
    """Same seed, events and decisions under ``contract``.

    A member uses its recorded decision for the season while there is one. Without one (it had
    left the real game, or the real game ended sooner) a computer-run seat whose personality is
    given decides as that personality would, having watched this replayed game from the start
    (it sees every season's view, as in :meth:`game.play.match.Match.from_json`); any other seat
    repeats :func:`fallback_decision`. With the real contract this is the real game, exactly.
    """
    ais: dict[int, Personality] = {
        i: make_personality(key, f"{record.seed}/ai/{i}")
        for i, key in enumerate(personalities or ())
        if key is not None
    }

    def decide(game: Game) -> dict[int, Decision]:
        season = game.state.season
        recorded = record.decisions[season] if season < len(record.decisions) else {}
        decisions = {}
        for firm in game.members():
            own = ais[firm].decide(game.view(firm)) if firm in ais else None
            if firm in recorded:
                decisions[firm] = recorded[firm]
            else:
                decisions[firm] = own if own is not None else fallback_decision(record, firm)
        return decisions

    played = play_through(level, record, decide, dict(contract))
    return build_debrief(level, played, personalities)
