"""Starting the window: the normal game from the title screen, or a demo with every seat
run by the computer (a projector demo)."""

from __future__ import annotations

import sys

from game.content.levels import load_level
from game.content.problems import LevelError

DEMO_PERSONALITIES = (
    "leal",
    "oportunista",
    "reciproco",
    "rencoroso",
    "a_medias",
    "inversor",
    "aprendiz",
    "ojo_por_ojo",
)


def demo_match(level_ref: str, seed: int):
    """A match with computer-run firms in every seat and the level's reference contract."""
    from game.play.match import Match, Seat

    level = load_level(level_ref)
    count = level.firms.default
    seats = [
        Seat(level.firm_names[i], DEMO_PERSONALITIES[i % len(DEMO_PERSONALITIES)])
        for i in range(count)
    ]
    match = Match(level, seats, seed)
    match.sign(level.reference_contract)
    return match


def launch(*, demo: str | None = None, seed: int = 1, exit_at_end: bool = False) -> int:
    match = None
    if demo is not None:
        try:
            match = demo_match(demo, seed)
        except LevelError as error:
            print(error, file=sys.stderr)
            return 2
    from game.ui.app import App
    from game.ui.scenes.title import TitleScene

    app = App()
    try:
        if match is None:
            app.show(TitleScene(app))
        else:
            from game.ui.scenes.season import SeasonScene

            app.match = match
            app.show(SeasonScene(app, demo=True, exit_at_end=exit_at_end))
    except Exception as error:  # the first screen failed: the error screen, not a traceback
        app.fail(error)
    return app.run()
