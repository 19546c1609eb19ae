"""The public board shows only what is public (issue 14 item 2): while a game runs, another
firm's capital shows as a range, so a jump in it cannot give away a sale por fuera nobody
detected; a firm sees its own exactly; the end, and a game whose defections are all public,
show every figure."""

from __future__ import annotations

from itertools import pairwise

import pygame
import pytest

from game.content.levels import load_level
from game.engine.state import COOPERATE
from game.play.match import Match, Seat, Stage
from game.ui import flow
from game.ui.board import CAPITAL_BANDS, capital_band, money
from tests.ui.harness import frames, make_app, press, visible_texts


def _table(tmp_path, treatments=None):
    app = make_app(tmp_path)
    level = load_level("gamarra")
    seats = [Seat(level.firm_names[i], None if i < 2 else "leal") for i in range(6)]
    match = Match(level, seats, 1, treatments=treatments)
    match.sign(level.reference_contract)
    app.match, app.save_slot = match, "secrets"
    flow.resume(app)
    frames(app)
    return app, match


def test_each_range_is_twice_the_last():
    assert all(b == 2 * a for a, b in pairwise(CAPITAL_BANDS))


@pytest.mark.parametrize("capital, shown", [(43.0, "25–50"), (60.0, "50–100"), (399.0, "200–400")])
def test_capital_band_names_the_range(tmp_path, capital, shown):
    app = make_app(tmp_path)
    assert capital_band(app, capital).replace("\u00a0", " ") == f"{shown} mil"
    assert capital_band(app, -3.0) == "en rojo"


def test_during_a_game_others_show_ranges_and_a_firm_its_own_exact_capital(tmp_path):
    app, match = _table(tmp_path)
    press(app, pygame.K_RETURN)  # the first person opens their private screen
    texts = " ".join(visible_texts(app)).replace("\u00a0", " ")
    firms = match.active_game.state.firms
    assert money(app, firms[0].capital).replace("\u00a0", " ") in texts  # one's own
    for firm in firms[1:]:
        assert money(app, firm.capital).replace("\u00a0", " ") not in texts
        assert capital_band(app, firm.capital).replace("\u00a0", " ") in texts


def test_with_every_defection_public_the_board_shows_every_capital(tmp_path):
    app, match = _table(tmp_path, treatments={"visibility": "public"})
    press(app, pygame.K_RETURN)
    texts = " ".join(visible_texts(app)).replace("\u00a0", " ")
    for firm in match.active_game.state.firms:
        assert money(app, firm.capital).replace("\u00a0", " ") in texts


def test_at_the_end_the_board_shows_every_capital(tmp_path):
    app, match = _table(tmp_path)
    while match.stage is not Stage.OVER:
        if match.stage is Stage.RESOLVED:
            match.next_season()
        for seat in match.humans_to_decide():
            match.decide(seat, COOPERATE)
        match.resolve()
    flow.resume(app)  # the end screen, with the board
    frames(app)
    texts = " ".join(visible_texts(app)).replace("\u00a0", " ")
    for firm in match.active_game.state.firms:
        assert money(app, firm.capital).replace("\u00a0", " ") in texts
