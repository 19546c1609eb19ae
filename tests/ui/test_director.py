"""The director: scenes by name, one stack, and a context instead of the app."""

from __future__ import annotations

import pytest

from game.ui.context import SceneContext
from game.ui.director import UnknownScene, scene_names
from tests.ui.harness import frames, make_app

EVERY_SCREEN = {
    "compare", "contract", "debrief", "end", "error", "facilitator", "how_to_play",
    "level_select", "load", "pause", "season", "seating", "seats", "settings", "title",
    "workshop",
}  # fmt: skip


def test_every_screen_is_registered_by_name(tmp_path):
    make_app(tmp_path)
    assert set(scene_names()) == EVERY_SCREEN


def test_an_unknown_name_says_the_nearest_ones(tmp_path):
    app = make_app(tmp_path)
    with pytest.raises(UnknownScene, match="did you mean 'settings'"):
        app.director.go("setings")


def test_go_replaces_the_stack_push_and_pop_overlay_it(tmp_path):
    app = make_app(tmp_path)
    title = app.director.go("title")
    app.director.push("settings")
    frames(app)
    assert [type(s).__name__ for s in app.scenes] == ["TitleScene", "SettingsScene"]
    assert app.director.below(app.scene) is title
    app.director.pop()
    app.director.pop()  # the last scene stays: Esc at the title leaves no empty window
    assert app.scenes == [title]


def test_a_scene_gets_the_context_not_the_app(tmp_path):
    app = make_app(tmp_path)
    scene = app.director.go("title")
    assert isinstance(scene.ctx, SceneContext)
    assert scene.ctx is app.context and scene.ctx.director is app.director
