"""The rules that end a game are visible (issue 14 item 4): the board warns when trust nears
its floor, when the common fund is a season from empty, and when the cluster has fallen back a
phase (held there, the game ends in collapse)."""

from __future__ import annotations

import pygame

from game.content.levels import load_level
from game.play.match import Match, Seat
from game.ui import flow
from tests.ui.harness import frames, make_app, press, visible_texts

WARNINGS = ("¡Confianza al límite!", "Fondo casi vacío", "¡Retrocedió de fase!")


def _board_texts(tmp_path, change=None) -> str:
    app = make_app(tmp_path)
    level = load_level("gamarra")
    seats = [Seat(level.firm_names[i], None if i < 1 else "leal") for i in range(6)]
    match = Match(level, seats, 1)
    match.sign(level.reference_contract)
    if change is not None:
        change(match.active_game)
    app.match, app.save_slot = match, "warnings"
    flow.resume(app)
    frames(app)
    press(app, pygame.K_RETURN)
    return " ".join(visible_texts(app))


def test_a_game_in_good_health_shows_no_warning(tmp_path):
    texts = _board_texts(tmp_path)
    assert not [w for w in WARNINGS if w in texts]


def test_trust_close_to_its_floor_is_flagged(tmp_path):
    def low_trust(game):
        floor = game.level.rules.trust.floor
        for row in game.state.trust:
            row[:] = [1.0 if v == 1.0 else floor + 0.03 for v in row]

    assert "¡Confianza al límite!" in _board_texts(tmp_path, low_trust)


def test_a_fund_a_season_from_empty_is_flagged(tmp_path):
    def low_fund(game):
        game.state.fund = 2.0

    assert "Fondo casi vacío" in _board_texts(tmp_path, low_fund)


def test_a_cluster_fallen_back_a_phase_is_flagged(tmp_path):
    def fell(game):
        game.state.phase = game.level.start_phase - 1

    assert "¡Retrocedió de fase!" in _board_texts(tmp_path, fell)
