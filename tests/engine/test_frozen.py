"""What a season leaves behind cannot be changed: its setup (the order and the offers the engine
pays from), its report and deliveries, the public record and each firm's memory of its own
results are frozen once built; ``dataclasses.replace`` makes a changed copy."""

from __future__ import annotations

import dataclasses

import pytest

from game.content.levels import load_level
from game.engine.state import COOPERATE, DEFECT
from tests.engine.helpers import new_game


def _records() -> list:
    game = new_game(load_level("gamarra"), 3)
    setup = game.begin_season()
    report = game.resolve({i: DEFECT if i == 0 else COOPERATE for i in game.members()})
    assert report.deliveries
    return [
        setup,
        setup.order,
        *setup.offers.values(),
        report,
        *report.deliveries.values(),
        *report.penalties.values(),
        game.public[-1],
        *(result for results in game._own for result in results),
    ]


def test_a_seasons_records_are_frozen():
    for record in _records():
        name = dataclasses.fields(record)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, name, getattr(record, name))


def test_replace_makes_a_changed_copy_and_leaves_the_report_alone():
    report = next(r for r in _records() if type(r).__name__ == "SeasonReport")
    changed = dataclasses.replace(report, order_status="no_order")
    assert changed.order_status == "no_order" and report.order_status != "no_order"
    assert dataclasses.replace(changed, order_status=report.order_status) == report
