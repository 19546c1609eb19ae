"""The headless simulator: reference policies, determinism, the command's errors and output."""

from __future__ import annotations

import argparse
import json
from typing import ClassVar

import pytest

from game.ai import REGISTRY, personality_keys
from game.ai.base import Personality
from game.content.levels import load_level, shipped_level_names
from game.engine.state import COOPERATE, DEFECT, Decision
from game.engine.views import FirmView
from game.sim.command import add_arguments, run
from game.sim.simulate import (
    SimulationError,
    SimulationSummary,
    contract_terms,
    run_game,
    seating,
    simulate,
)

LEVELS = shipped_level_names()
MIXED = ["always_cooperate", "always_defect", "always_cooperate", "always_defect"]
JSON_KEYS = {
    "level",
    "games",
    "seed",
    "firms",
    "policy",
    "contract",
    "rates",
    "mean_length",
    "mean_final_trust",
    "payoff_by_personality",
    "payoff_by_outcome",
    "reasons",
}


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py")
    sub = parser.add_subparsers(dest="command")
    add_arguments(sub.add_parser("simulate"))
    return parser.parse_args(["simulate", *argv])


def check_rates(summary: SimulationSummary) -> None:
    assert set(summary.rates) == {"advance", "collapse", "stagnation"}
    assert all(0.0 <= rate <= 1.0 for rate in summary.rates.values())
    assert sum(summary.rates.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("name", LEVELS)
def test_reference_policies(name):
    cooperate = simulate(name, 40, 1, policy="all-cooperate")
    defect = simulate(name, 40, 1, policy="all-defect")
    for summary in (cooperate, defect):
        check_rates(summary)
        assert summary.games == 40
        assert summary.contract == "reference"
        assert summary.mean_length >= 1
    assert defect.rates["collapse"] >= 0.75
    assert cooperate.rates["advance"] > defect.rates["advance"]
    assert cooperate.mean_final_trust > defect.mean_final_trust
    assert list(cooperate.payoff_by_personality) == ["always_cooperate"]
    # the founders, and the firms that joined under the reference contract's open membership
    level = load_level(name)
    firms, most = level.firms, 40 * level.firms.max
    joined = 0 if level.is_dilemma else 1  # the tutorial is two players, nobody else
    assert 40 * firms.default + joined <= cooperate.seats_by_personality["always_cooperate"] <= most
    assert defect.seats_by_personality["always_defect"] == 40 * firms.default  # nobody applies
    # reasons count only collapses and stagnations, each code at most once per game
    failures = round((defect.rates["collapse"] + defect.rates["stagnation"]) * 40)
    assert all(1 <= count <= failures for count in defect.reasons.values())


def test_same_seed_same_summary_and_other_seed_differs():
    first = simulate("gamarra", 25, 7, firms=MIXED, contract="default")
    assert simulate("gamarra", 25, 7, firms=MIXED, contract="default") == first
    assert simulate("gamarra", 25, 8, firms=MIXED, contract="default") != first


def test_workers_do_not_change_the_summary():
    one = simulate("villa_el_salvador", 30, 3, firms=MIXED, workers=1)
    two = simulate("villa_el_salvador", 30, 3, firms=MIXED, workers=2)
    assert one == two


class _Coin(Personality):  # registered by hand (monkeypatch), so other tests never see it
    name: ClassVar[dict[str, str]] = {"es": "Moneda", "en": "Coin"}
    description: ClassVar[dict[str, str]] = {"es": "Prueba.", "en": "Test."}

    def decide(self, view: FirmView) -> Decision:
        return COOPERATE if self.rng.random() < 0.5 else DEFECT


_Coin.key = "zz_test_coin"


@pytest.fixture
def coin(monkeypatch):
    monkeypatch.setitem(REGISTRY, _Coin.key, _Coin)
    return _Coin.key


def test_default_seating_draws_non_reference_personalities_per_game(coin):
    level = load_level("gamarra")
    keys = set(personality_keys())
    tables = [seating(level, 11, k, None, None) for k in range(30)]
    assert all(len(t) == level.firms.default for t in tables)
    assert all(set(t) <= keys for t in tables)
    assert tables == [seating(level, 11, k, None, None) for k in range(30)]
    if len(keys) > 1:
        assert len(set(tables)) > 1
    summary = simulate("gamarra", 10, 11)
    assert summary == simulate("gamarra", 10, 11)
    assert summary.contract == "default"
    assert set(summary.payoff_by_personality) <= keys
    assert sum(summary.seats_by_personality.values()) == 10 * level.firms.default


def test_bad_arguments_raise_simulation_error():
    with pytest.raises(SimulationError, match="together"):
        simulate("gamarra", 5, 0, firms=MIXED, policy="all-defect")
    with pytest.raises(SimulationError, match="at least 1"):
        simulate("gamarra", 0, 0, policy="all-defect")


def test_firms_with_wrong_count(capsys):
    assert run(parse("gamarra", "--games", "3", "--firms", "always_cooperate,always_defect")) == 2
    err = capsys.readouterr().err
    assert "3 to 8 firms" in err
    assert "names 2" in err
    assert "Traceback" not in err


def test_firms_with_unknown_personality(capsys):
    code = run(
        parse("gamarra", "--games", "3", "--firms", "always_cooperate,leeal_x,always_defect")
    )
    assert code == 2
    out, err = capsys.readouterr()
    assert "unknown personality 'leeal_x'" in err
    assert out == ""


def test_invalid_level_path(tmp_path, capsys):
    missing = tmp_path / "missing_level.yaml"
    assert run(parse(str(missing), "--games", "3", "--policy", "all-defect")) == 2
    assert "missing_level.yaml" in capsys.readouterr().err
    broken = tmp_path / "broken_level.yaml"
    broken.write_text("schema_version: 1\nid: broken\n", encoding="utf-8")
    assert run(parse(str(broken), "--games", "3", "--policy", "all-defect")) == 2
    err = capsys.readouterr().err
    assert "broken_level.yaml" in err
    assert "Traceback" not in err


def test_payoff_by_outcome_is_the_mean_firm_of_the_games_that_ended_so():
    """Each ending's figure is every seat's payoff, over the games that ended that way, as
    the games played one by one give them."""
    level = load_level("gamarra")
    summary = simulate("gamarra", 40, 1, contract="reference", level=level)
    terms = contract_terms(level, "reference")
    games = [run_game(level, 1 + k, seating(level, 1, k, None, None), terms) for k in range(40)]
    for kind, mean in summary.payoff_by_outcome.items():
        payoffs = [p for game in games if game.outcome == kind for p in game.payoffs]
        if payoffs:
            assert mean == pytest.approx(sum(payoffs) / len(payoffs))
        else:
            assert mean is None
    assert sum(mean is not None for mean in summary.payoff_by_outcome.values()) >= 2


def test_json_output(capsys):
    assert (
        run(
            parse(
                "el_porvenir", "--games", "12", "--seed", "5", "--firms", ",".join(MIXED), "--json"
            )
        )
        == 0
    )
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert set(data) >= JSON_KEYS
    assert data["level"] == "el_porvenir"
    assert data["games"] == 12
    assert data["seed"] == 5
    assert data["firms"] == MIXED
    assert data["policy"] is None
    assert data["contract"] == "default"
    assert set(data["rates"]) == {"advance", "collapse", "stagnation"}
    assert sum(data["rates"].values()) == pytest.approx(1.0)
    assert set(data["payoff_by_personality"]) == {"always_cooperate", "always_defect"}
    assert all(isinstance(v, int) for v in data["reasons"].values())
    assert err == ""  # a short run reports no progress


def test_text_output_and_contract_choice(capsys):
    argv = ("tutorial", "--games", "10", "--policy", "all-cooperate", "--contract", "no_rules")
    assert run(parse(*argv)) == 0
    out, err = capsys.readouterr()
    assert "advance" in out
    assert "always_cooperate" in out
    assert "Siempre coopera" in out
    assert "no_rules" in out
    assert err == ""
    assert run(parse(*argv)) == 0
    assert capsys.readouterr().out == out


def test_long_run_reports_progress(capsys):
    assert run(parse("gamarra", "--games", "200", "--policy", "all-defect", "--json")) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["games"] == 200
    lines = err.splitlines()
    assert lines[-1] == "simulating gamarra: 200/200 games"
    assert 2 <= len(lines) <= 11


@pytest.mark.parametrize("firms", [None, ["ojo_por_ojo", "rencoroso", "alternador", "oportunista"]])
def test_tutorial_batches_give_the_games_run_one_by_one(firms):
    """Deterministic tutorial tables go to the batch player; every game's figures must be the
    ones the ordinary engine gives (drawn tables mix batched and one-by-one games)."""
    from game.sim.simulate import contract_terms, run_game, run_games, seating

    level = load_level("tutorial")
    terms = contract_terms(level, "default")
    batched = run_games(level, 40, 0, 60, firms, None, "default")
    one_by_one = [
        run_game(level, 40 + k, seating(level, 40, k, firms, None), terms) for k in range(60)
    ]
    assert batched == one_by_one
