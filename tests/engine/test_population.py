"""Two scales (GAME_DESIGN "Two scales", issue 13 item 1): the players' consortium lives inside a
cluster of thousands, which it moves by the example it gives (004 4.5; 000 conclusions), not by
its own weight; guilds and institutions are the cluster's own, and a phase change takes years."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.content.levels import load_level
from game.engine.horizon import play_alone
from game.engine.population import move_population, visible_result
from game.engine.state import COOPERATE, DEFECT, invest
from tests.engine.helpers import everyone, first_firm, new_game, play_policy

CLUSTERS = ("gamarra", "el_porvenir", "villa_el_salvador")


def _rules():
    return load_level("gamarra").rules.population


def _season(population, result, investments=0):
    return move_population(
        population,
        _rules(),
        start_associated=0.03,
        result=result,
        acting_members=6,
        institution_investments=investments,
    )


@pytest.mark.parametrize("level_name", CLUSTERS)
def test_every_cluster_is_thousands_of_firms_around_a_table_of_a_few(level_name) -> None:
    level = load_level(level_name)
    assert level.start_population.firms >= 1000 > 100 * level.firms.max
    assert 0 < level.start_population.associated < 0.1  # associating is still rare (004 3.3)


def test_firms_copy_a_consortium_they_see_succeed_and_leave_after_it_fails() -> None:
    population = load_level("gamarra").start_population.copy()
    start = population.associated
    for _ in range(4):
        _season(population, 1.0)
    grown = population.associated
    assert grown > start
    for _ in range(3):
        _season(population, -1.0)
    assert population.associated < grown
    assert population.guild_unity < 1.0 and population.example < 0


def test_a_consortium_cannot_move_the_cluster_by_its_own_weight() -> None:
    """With nobody watching a success (result 0), six firms in 7,000 move nothing."""
    population = load_level("gamarra").start_population.copy()
    change = _season(population, 0.0)
    assert change.associated == 0.0
    assert 0.0 < change.joint_action < 0.001  # six firms' own weight: under a thousandth


def test_a_sale_por_fuera_spoils_the_example_even_when_the_order_is_accepted() -> None:
    rules = _rules()
    clean = visible_result(
        rules, members=6, cooperators=6, defectors=0, detected=0, accepted=True, cancelled=False
    )
    one_out = visible_result(
        rules, members=6, cooperators=5, defectors=1, detected=0, accepted=True, cancelled=False
    )
    caught = visible_result(
        rules, members=6, cooperators=5, defectors=1, detected=1, accepted=True, cancelled=False
    )
    assert clean == 1.0 > one_out > caught
    assert one_out < 5 / 6  # worse than one partner simply missing


def test_investing_in_the_institutions_builds_the_guilds_and_the_technical_services() -> None:
    level = load_level("gamarra")
    population = level.start_population.copy()
    change = _season(population, 0.0, investments=3)
    assert population.guilds > level.start_population.guilds
    assert population.services > level.start_population.services
    assert change.institutions > 0 and change.services > 0


@pytest.mark.parametrize("level_name", CLUSTERS)
def test_a_phase_change_takes_years_even_for_a_table_that_never_fails(level_name) -> None:
    """003: a cluster's advantages take about a decade. A season is a year of campaigns."""
    level = load_level(level_name)
    seasons = []
    for seed in range(20):
        game = play_policy(new_game(level, seed, level.reference_contract), everyone(COOPERATE))
        if game.outcome.kind == "advance":
            seasons.append(game.outcome.season)
    assert len(seasons) >= 15
    assert min(seasons) >= 7
    assert max(seasons) <= level.rules.end.season_limit


def test_guilds_that_divide_slow_the_example_down() -> None:
    """004 3.3.1: Gamarra's nine guilds divide the firms; united guilds spread an example."""
    level = load_level("gamarra")
    united = replace(level, start_population=replace(level.start_population, guild_unity=0.8))

    def associated_after(lv, seasons=6):
        game = new_game(lv, 3, lv.reference_contract)
        for _ in range(seasons):
            game.begin_season()
            game.resolve({i: COOPERATE for i in game.members()})
        return game.state.population.associated

    assert associated_after(united) > associated_after(level) * 1.2


def test_the_cluster_follows_the_consortium_a_firm_selling_por_fuera_holds_back() -> None:
    level = load_level("villa_el_salvador")
    terms = level.default_contract  # no expulsion: the defector stays all game
    loyal = play_policy(new_game(level, 4, terms), everyone(COOPERATE))
    spoiled = play_policy(new_game(level, 4, terms), first_firm(DEFECT))
    at = min(len(loyal.reports), len(spoiled.reports)) - 1
    assert spoiled.reports[at].population["associated"] < loyal.reports[at].population["associated"]


def test_with_no_alliance_the_cluster_only_drifts() -> None:
    level = load_level("gamarra")
    alone = play_alone(level, new_game(level, 1).state.firms, 1)
    no_events = replace(level, events=tuple(replace(e, dimensions={}) for e in level.events))
    still = play_alone(no_events, new_game(no_events, 1).state.firms, 1)
    assert still.dimensions == level.start_dimensions  # Gamarra has no drift
    assert alone.dimensions != still.dimensions  # only the events moved it


def test_institution_investors_strengthen_the_cluster_more_than_cooperators_alone() -> None:
    level = load_level("villa_el_salvador")
    plain = play_policy(new_game(level, 2, level.reference_contract), everyone(COOPERATE))
    lobby = play_policy(
        new_game(level, 2, level.reference_contract),
        first_firm(invest("institutions")),
    )
    assert lobby.reports[0].population["services"] > plain.reports[0].population["services"]
