"""Switching the language in the middle of a game (pause menu, settings) changes every text of
the season screen: only names, numbers and money stay as they were."""

from __future__ import annotations

import re

import pygame

from game.ui import flow
from tests.ui.harness import frames, make_app, press, visible_texts
from tests.ui.test_every_screen_fits import signed_match

NOT_LANGUAGE = re.compile(r"^[\d\s.,:;/%±+\-−—()×S]*(mil|k)?[\d\s.,)]*$")
"""Figures, money (S/ 12.0 mil) and signs (the money table's — for no fine): the same in both
languages."""
SAME_WORD = {"Capital"}  # spelled alike in Spanish and English


def season_texts(app) -> set[str]:
    frames(app, 2)
    return set(visible_texts(app))


def test_the_season_screen_changes_language_from_the_pause_menu(tmp_path):
    app = make_app(tmp_path, language="es")
    match = signed_match(firms=6, people=1)
    app.match, app.save_slot = match, "idioma"
    flow.resume(app)
    press(app, pygame.K_RETURN)  # the hand-off, then this firm's decision
    spanish = season_texts(app)
    press(app, pygame.K_ESCAPE)  # pause
    press(app, pygame.K_o)  # settings
    press(app, pygame.K_i)  # language: the next one
    press(app, pygame.K_RETURN)  # done, back to the pause menu
    press(app, pygame.K_r)  # resume
    assert app.settings.language == "en"
    english = season_texts(app)
    names = {seat.name for seat in match.seats} | {match.level.name["es"], match.level.name["en"]}
    unchanged = {
        text
        for text in spanish & english
        if text not in names | SAME_WORD and not NOT_LANGUAGE.match(text)
    }
    assert not unchanged, unchanged
    assert any("Cooperate" in text for text in english)
