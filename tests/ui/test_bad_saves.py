"""Saves the game cannot read, on screen (issue 16): one bad file never locks the title or the
saved-games list."""

from __future__ import annotations

import pygame

from game.ui.scenes.load import LoadScene
from game.ui.scenes.season import SeasonScene
from game.ui.scenes.title import TitleScene
from tests.persistence.test_one_bad_save import long_integer_save
from tests.ui.harness import button_with, click, frames, press, visible_texts
from tests.ui.test_season import start


def test_a_save_with_a_huge_integer_does_not_lock_the_title_or_the_list(tmp_path):
    app = start(tmp_path, people=1)
    app.autosave()  # a game in progress, saved as slot "t"
    bad = app.paths.saves_dir / "enorme.json"
    content = long_integer_save()
    bad.write_bytes(content)

    app.show(TitleScene(app))
    frames(app)

    assert isinstance(app.scene, TitleScene)
    assert button_with(app, "Continuar").is_enabled
    click(app, "Partidas guardadas")
    assert isinstance(app.scene, LoadScene)
    assert sorted(info.slot for info in app.scene.saves) == ["enorme", "t"]
    texts = " ".join(visible_texts(app))
    assert "Dañada" in texts and "enorme.json" in texts and "número demasiado largo" in texts
    assert bad.read_bytes() == content
    press(app, pygame.K_ESCAPE)
    click(app, "Continuar")  # the good game still opens
    assert isinstance(app.scene, SeasonScene)
    assert not app.paths.log_file.exists()
