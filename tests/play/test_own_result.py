"""A firm's own result line (game.play.own_result): the engine's figure and the reason."""

from __future__ import annotations

import random

from game.content.levels import load_level
from game.engine.game import Game
from game.engine.state import COOPERATE, DEFECT, invest
from game.i18n import tr
from game.play.own_result import own_result
from game.play.story import season_story


def played_seasons(level_id="gamarra", seeds=range(12), contract="reference"):
    level = load_level(level_id)
    for seed in seeds:
        terms = level.reference_contract if contract == "reference" else None
        game = Game(level, level.firm_names[:5], seed, terms, treatments={"mistake_rate": 0.1})
        rng = random.Random(seed)
        while game.outcome is None:
            game.begin_season()
            choices = [COOPERATE, COOPERATE, DEFECT, invest("quality")]
            decisions = {}
            for firm in game.members():
                pick = rng.choice(choices)
                if pick.target and game.view(firm).me.capital < game.view(firm).investment_cost:
                    pick = COOPERATE
                decisions[firm] = pick
            yield level, game, game.resolve(decisions)


def test_the_line_says_what_the_season_paid_the_firm():
    for _, _, report in played_seasons():
        for firm, change in report.capital_change.items():
            line = own_result(report, firm)
            if firm not in report.decisions:
                assert line is None
                continue
            amount = tr("money", "en", amount=abs(change)).replace(" ", "\u00a0")
            text = line.text("en")
            if abs(change) < 0.005:
                assert "you broke even" in text
            else:
                assert amount in text
            assert ("you lost" in text) == (change <= -0.005)
            assert line.firms == (firm,)


def test_the_line_gives_the_reason_of_the_choice_and_its_outcome():
    said = set()
    for _, _, report in played_seasons("el_porvenir"):
        for firm, decision in report.decisions.items():
            text = own_result(report, firm).text("en")
            if decision.action.value == "defect":
                caught = firm in report.detected
                assert ("you were caught" in text) == caught
                assert ("nobody caught you" in text) == (not caught)
                said.add("caught" if caught else "uncaught")
            elif decision.action.value == "invest":
                assert "you invested" in text
                said.add("invested")
            elif report.deliveries[firm].faulty:
                assert "faulty by mistake" in text
                said.add("mistake")
            elif report.order_status == "accepted":
                assert "accepted the order" in text
                said.add("accepted")
            else:
                assert "cancelled the order" in text
                said.add("cancelled")
    assert said == {"caught", "uncaught", "invested", "mistake", "accepted", "cancelled"}


def test_the_next_seasons_line_says_last_season_in_both_languages():
    _, _, report = next(played_seasons())
    line = own_result(report, 0, last=True)
    assert line.text("es").startswith("La temporada pasada")
    assert line.text("en").startswith("Last season")


def test_the_public_story_never_tells_a_firms_result():
    for level, game, report in played_seasons(seeds=range(3)):
        story = season_story(level, report, list(game.names))
        assert all(step.kind != "own" for step in story)
        for firm in report.decisions:
            line = own_result(report, firm).text("en")
            assert all(step.text("en") != line for step in story)


def test_a_fine_the_firm_cannot_pay_at_once_is_told_as_owed_and_then_as_instalments():
    """Model 5: a fine takes at most what the firm can give this season; the line says what it
    owes, and the seasons after say what the fund took of it."""
    owing = instalments = 0
    for _, _, report in played_seasons():
        for firm, penalty in report.penalties.items():
            if penalty.unpaid >= 0.05:
                text = own_result(report, firm).text("en")
                owed = tr("money", "en", amount=penalty.unpaid).replace(" ", "\u00a0")
                assert f"owe {owed}" in text
                owing += 1
        for firm in report.decisions:
            fines = -sum(a for acc, a, why in report.ledger if acc == firm and why == "fine")
            penalty = report.penalties.get(firm)
            now = penalty.fine - penalty.unpaid if penalty else 0.0
            said = "the fund took" in own_result(report, firm).text("en")
            assert said == (fines - now >= 0.05)
            instalments += said
    assert owing >= 3 and instalments >= 3
