"""What if: the real decisions give the real game; everyone cooperating changes only decisions."""

from __future__ import annotations

from game.debrief import analyse, what_if_all_cooperate, what_if_contract
from game.engine.game import Game, replay
from game.engine.state import Action
from tests.debrief.conftest import computer_game


def test_the_real_decisions_under_the_real_contract_reproduce_the_real_game(gamarra):
    real = computer_game(gamarra, seed=3)
    record = real.record()
    again = what_if_contract(gamarra, record, record.contract)
    assert again.outcome.kind == real.outcome.kind
    assert len(again.seasons) == len(real.reports)
    for firm in real.state.firms:
        assert again.series.capital[firm.id][-1] == firm.capital
    for row, report in zip(again.seasons, real.reports, strict=True):
        assert row.event == report.event
        assert row.order_status == report.order_status
        decided = {f.firm: f.decision for f in row.firms if f.decision is not None}
        assert decided == {i: d.action.value for i, d in report.decisions.items()}
    assert again == analyse(gamarra, record)


def test_everyone_cooperating_meets_the_same_firms_and_events(gamarra):
    real = computer_game(gamarra, seed=3)
    assert any(d.action is Action.DEFECT for r in real.reports for d in r.decisions.values())
    other = what_if_all_cooperate(gamarra, real.record())
    assert all(f.decision == "cooperate" for row in other.seasons for f in row.firms if f.member)
    common = min(len(other.seasons), len(real.reports))
    assert [r.event for r in other.seasons[:common]] == [r.event for r in real.reports[:common]]
    fresh = Game(gamarra, real.names, real.seed, real.record().contract)
    assert [other.series.capital[f.id][0] for f in fresh.state.firms] == [
        f.capital for f in fresh.state.firms
    ]
    assert other.seasons != analyse(gamarra, real.record()).seasons


def test_everyone_cooperating_differs_only_through_the_decisions(gamarra):
    """Replaying the what-if's own decisions through the engine gives the what-if again, and
    a game that really was all cooperation is its own what-if."""
    other = what_if_all_cooperate(gamarra, computer_game(gamarra, seed=5).record())
    engine = replay(gamarra, other.record)
    assert engine.outcome is not None and engine.outcome.kind == other.outcome.kind
    assert [r.order_status for r in engine.reports] == [s.order_status for s in other.seasons]
    assert what_if_all_cooperate(gamarra, other.record) == analyse(gamarra, other.record)


def test_another_contract_keeps_the_recorded_decisions_while_there_are_any(gamarra):
    real = computer_game(gamarra, seed=3)
    record = real.record()
    changed = what_if_contract(gamarra, record, gamarra.reference_contract)
    assert changed.contract == gamarra.reference_contract
    for row, recorded in zip(changed.seasons, record.decisions, strict=False):
        for firm in row.firms:
            if firm.decision is not None and firm.firm in recorded:
                assert firm.decision == recorded[firm.firm].action.value
