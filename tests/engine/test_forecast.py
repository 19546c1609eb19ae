"""The decision screen's money (game.engine.forecast) against seasons the engine resolved.

For the decision each firm took and the outcome that happened (how many others delivered,
the order accepted or not, caught or not), the forecast must equal what the season paid the
firm. What no forecast can know is taken out of the season's pay first and named: a client's
claim for a lot below the minimum quality (the quality dice), and the network's credit cut for
such a lot traced to its maker."""

from __future__ import annotations

import random

import pytest

from game.content.levels import load_level
from game.engine.forecast import forecast, has_informal_credit
from game.engine.game import Game
from game.engine.state import COOPERATE, DEFECT, Action, InvestTarget, invest
from tests.engine.helpers import new_game

LEVELS = ("gamarra", "el_porvenir", "villa_el_salvador")
KINDS = (
    "accepted",
    "cancelled",
    "caught",
    "uncaught",
    "invest",
    "claims",
    "fined",
    "repeat",
    "owing",
)
CHOICES = (COOPERATE, DEFECT, invest(InvestTarget.QUALITY), invest(InvestTarget.INSTITUTIONS))


def random_season_choices(rng: random.Random, game: Game) -> dict:
    """Mostly cooperation, some defection and investment, so that orders go both ways."""
    lean = rng.random()
    decisions = {}
    for firm in game.members():
        roll = rng.random()
        if roll < 0.45 + 0.4 * lean:
            decisions[firm] = COOPERATE
        elif roll < 0.9:
            decisions[firm] = DEFECT
        else:
            decisions[firm] = rng.choice(CHOICES[2:])
        view = game.view(firm)
        if decisions[firm].action is Action.INVEST and view.me.capital < view.investment_cost:
            decisions[firm] = COOPERATE
    return decisions


def unforeseeable(report, firm: int) -> float:
    """What the season's dice charged ``firm`` that no forecast can know."""
    claims = sum(a for acc, a, reason in report.ledger if acc == firm and reason == "faulty_claim")
    penalty = report.penalties.get(firm)
    credit_cut = 0.0
    if penalty is not None and penalty.breach == "faulty_lot":
        credit_cut = penalty.informal_sanction
    return claims - credit_cut


def play_and_compare(
    level_id: str, seed: int, treatments=None, contract: str = "default"
) -> dict[str, int]:
    level = load_level(level_id)
    terms = level.reference_contract if contract == "reference" else None
    names = level.firm_names[: level.firms.default]
    game = Game(level, names, seed, terms, treatments=treatments)
    rng = random.Random(seed * 7919 + 13)
    seen = dict.fromkeys(KINDS, 0)
    while game.outcome is None:
        game.begin_season()
        forecasts = {firm: forecast(level, game.view(firm)) for firm in game.members()}
        views = {firm: game.view(firm) for firm in game.members()}
        decisions = random_season_choices(rng, game)
        report = game.resolve(decisions)
        accepted = report.order_status == "accepted"
        cooperators = {f for f, d in report.decisions.items() if d.action is Action.COOPERATE}
        for firm, decision in report.decisions.items():
            others = len(cooperators - {firm})
            expected = forecast(level, views[firm], others).of(decision.action)
            assert forecasts[firm].of(decision.action).detection_chance == pytest.approx(
                views[firm].detection_chance if decision.action is Action.DEFECT else 0.0
            )
            caught = firm in report.detected
            paid = accepted and not (firm in report.deliveries and report.deliveries[firm].faulty)
            want = expected.earnings(paid, caught)
            got = report.capital_change[firm] - unforeseeable(report, firm)
            assert got == pytest.approx(want, rel=1e-9, abs=1e-9), (
                level_id,
                seed,
                report.season,
                firm,
                decision,
                report.order_status,
                caught,
            )
            if caught:
                assert report.penalties[firm].fine == pytest.approx(expected.fine, rel=1e-12)
                seen["fined"] += expected.fine > 0
                seen["repeat"] += views[firm].me.counted_offences > 0
            seen["owing"] += views[firm].me.fine_owed > 0  # an instalment in every figure
            invested = any(d.target is InvestTarget.INSTITUTIONS for d in decisions.values())
            if not invested:  # the chance shown is the one the season met
                assert views[firm].detection_chance == pytest.approx(report.detection_chance)
            if unforeseeable(report, firm):
                seen["claims"] += 1
            if decision.action is Action.COOPERATE:
                seen["accepted" if accepted else "cancelled"] += 1
            elif decision.action is Action.DEFECT:
                seen["caught" if caught else "uncaught"] += 1
            else:
                seen["invest"] += 1
    return seen


@pytest.mark.parametrize("contract", ["default", "reference"])
@pytest.mark.parametrize("level_id", LEVELS)
def test_the_forecast_of_the_choice_taken_is_what_the_season_paid(level_id, contract):
    seen = dict.fromkeys(KINDS, 0)
    for seed in range(30):
        for kind, count in play_and_compare(level_id, seed, contract=contract).items():
            seen[kind] += count
    # every branch of the forecast was met by real seasons, many times
    assert min(seen[k] for k in ("accepted", "cancelled", "caught", "uncaught", "invest")) >= 10
    if contract == "reference":  # fines agreed, repeat offences escalated
        assert seen["fined"] >= 10 and seen["repeat"] >= 1 and seen["owing"] >= 10


def test_the_forecast_holds_with_mistakes_and_harsher_fines():
    for seed in range(20):
        play_and_compare("gamarra", seed, {"mistake_rate": 0.2, "penalty_severity": 1.5})
        play_and_compare("el_porvenir", seed, {"visibility": "public", "mistake_rate": 0.1})


STUDY = "tests/data/levels/study_pais_vasco.yaml"


def test_the_forecast_holds_on_a_phase_iv_level():
    for seed in range(15):
        play_and_compare(STUDY, seed, contract="reference")


def first_view(level_id: str = "gamarra", seed: int = 3, contract: str = "reference"):
    level = load_level(level_id)
    terms = level.reference_contract if contract == "reference" else None
    game = Game(level, level.firm_names[: level.firms.default], seed, terms)
    game.begin_season()
    return level, game, game.view(0)


def test_by_default_every_other_member_is_assumed_to_deliver():
    level, game, view = first_view()
    assumed = forecast(level, view)
    assert assumed.others_delivering == len(game.members()) - 1
    assert assumed == forecast(level, view, len(game.members()) - 1)


def test_selling_por_fuera_pays_less_the_fewer_the_others_who_deliver():
    level, game, view = first_view()
    others = len(game.members()) - 1
    outside = [forecast(level, view, n).defect.if_accepted for n in range(others + 1)]
    assert outside == sorted(outside) and outside[0] < outside[-1]


def test_an_accepted_order_pays_a_cooperator_more_than_a_cancelled_one():
    level, _, view = first_view()
    cooperate = forecast(level, view).cooperate
    assert cooperate.if_accepted > cooperate.if_cancelled
    assert cooperate.cost_per_lot > 0 and cooperate.lots == pytest.approx(
        view.order.lots_per_member
    )


def test_only_selling_por_fuera_can_be_caught_and_fined():
    level, _, view = first_view()
    choices = forecast(level, view)
    assert choices.defect.fine > 0
    assert choices.defect.detection_chance == view.detection_chance
    assert 0 < choices.defect.fine_now <= choices.defect.fine
    assert choices.defect.earnings(True, caught=True) == pytest.approx(
        choices.defect.if_accepted - choices.defect.fine_now - choices.defect.informal_sanction
    )
    for quiet in (choices.cooperate, choices.invest):
        assert quiet.fine == quiet.detection_chance == 0.0
        assert quiet.earnings(True, caught=True) == quiet.if_accepted


def test_the_tutorial_has_no_money_to_forecast():
    level = load_level("tutorial")
    game = new_game(level, 1)
    game.begin_season()
    with pytest.raises(ValueError, match="points"):
        forecast(level, game.view(0))


def test_too_many_others_delivering_is_refused():
    level, game, view = first_view()
    with pytest.raises(ValueError, match="cannot deliver"):
        forecast(level, view, len(game.members()))


def test_the_network_cuts_credit_once_for_good():
    level = load_level("el_porvenir")
    for seed in range(20):
        game = Game(level, level.firm_names[:4], seed)  # no fine to bankrupt it
        game.begin_season()
        assert has_informal_credit(level, game.view(0))
        cut = forecast(level, game.view(0)).defect.informal_sanction
        assert cut == level.informal_sanctions.credit_cut
        report = game.resolve({f: DEFECT if f == 0 else COOPERATE for f in game.members()})
        if 0 in report.detected and game.outcome is None and 0 in game.members():
            game.begin_season()
            view = game.view(0)
            assert not has_informal_credit(level, view)
            assert forecast(level, view).defect.informal_sanction == 0.0
            return
    pytest.fail("no seed caught firm 0 in its first season")


def test_a_fine_bigger_than_the_firm_takes_part_now_and_the_rest_later():
    """A small firm caught once keeps working: the fund takes a share of what it holds and the
    rest from the seasons after, and that season is still a loss (rules.fund.fine_instalment)."""
    capped = 0
    for seed in range(40):
        level, game, view = first_view(seed=seed)
        choice = forecast(level, view).defect
        report = game.resolve({f: DEFECT if f == 0 else COOPERATE for f in game.members()})
        if 0 not in report.detected:
            continue
        assert choice.earnings(True, caught=True) < 0 < choice.earnings(True)
        assert 0 not in report.left, "one fine never closes a firm down by itself"
        owed = game.state.firms[0].fine_owed
        assert owed == pytest.approx(report.penalties[0].unpaid)
        assert owed == pytest.approx(choice.fine - choice.fine_now)
        if owed == 0:
            continue
        capped += 1
        game.begin_season()
        assert forecast(level, game.view(0)).fine_instalment > 0
        game.resolve(dict.fromkeys(game.members(), COOPERATE))
        assert game.state.firms[0].fine_owed < owed
    assert capped >= 5
