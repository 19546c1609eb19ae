"""Which screen comes next: the one place that knows the order of the game's screens.

Each function takes a scene's context (or the app, which hands over its own: the tests and
the launcher call these with the app) and moves the director by scene name.
"""

from __future__ import annotations

from game.play.match import Match, Stage
from game.ui.context import ContextOwner, SceneContext, context_of
from game.ui.saving import new_slot

#: The screen for each stage of a match; any other stage is a season being played.
STAGE_SCENES = {Stage.CONTRACT: "contract", Stage.OVER: "end"}


def to_title(owner: SceneContext | ContextOwner) -> None:
    """Back to the title: the game in progress is left (it was saved after its last season)."""
    ctx = context_of(owner)
    ctx.session.forget_match()
    ctx.director.go("title")


def start_match(owner: SceneContext | ContextOwner, match: Match) -> None:
    """A new game: a fresh save slot, then the contract."""
    ctx = context_of(owner)
    ctx.session.match = match
    ctx.session.save_slot = new_slot()
    resume(ctx)


def resume(owner: SceneContext | ContextOwner) -> None:
    """Show the screen for the current match's stage (after seating, loading or continuing)."""
    ctx = context_of(owner)
    match = ctx.match
    assert match is not None
    ctx.director.go(STAGE_SCENES.get(match.stage, "season"))


def open_debrief(owner: SceneContext | ContextOwner, match: Match) -> None:
    """Open the debrief of ``match`` (finished) over the current screen."""
    ctx = context_of(owner)
    game = match.active_game
    personalities = [s.personality for s in match.seats]
    ctx.director.push(
        "debrief", level=match.level, record=game.record(), personalities=personalities
    )


def play_again(owner: SceneContext | ContextOwner) -> None:
    """From the end of a game: the same table again (the level, the seats and their names, as
    they were set up), on the seating screen over the title; the level select when the game
    was not set up there (a loaded one)."""
    ctx = context_of(owner)
    match, table = ctx.match, ctx.session.last_table
    to_title(ctx)
    if match is not None and table is not None and table.level_id == match.level.id:
        ctx.director.push("seating", level=match.level, table=table)
    else:
        ctx.director.push("level_select")
