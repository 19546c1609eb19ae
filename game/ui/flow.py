"""Which screen comes next: the one place that knows the order of the game's screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.play.match import Match, Stage

if TYPE_CHECKING:
    from game.ui.app import App


def to_title(app: App) -> None:
    from game.ui.scenes.title import TitleScene

    app.match = None
    app.save_slot = None
    app.show(TitleScene(app))


def start_match(app: App, match: Match) -> None:
    """A new game: a fresh save slot, then the contract."""
    from game.ui.saving import new_slot

    app.match = match
    app.save_slot = new_slot()
    resume(app)


def resume(app: App) -> None:
    """Show the screen for the current match's stage (after seating, loading or continuing)."""
    match = app.match
    assert match is not None
    if match.stage is Stage.CONTRACT:
        from game.ui.scenes.contract import ContractScene

        app.show(ContractScene(app))
    elif match.stage is Stage.OVER:
        from game.ui.scenes.end import EndScene

        app.show(EndScene(app))
    else:
        from game.ui.scenes.season import SeasonScene

        app.show(SeasonScene(app))
