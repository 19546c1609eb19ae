"""The seed's streams (game.engine.streams) keep the dice apart from the decisions; a record
says which model of the rules it was played under, and one of another model is refused, never
replayed with rules its players did not meet (issue 13, item 5)."""

from __future__ import annotations

import json

import pytest

import game.engine.season as season_module
from game.content.levels import load_level
from game.engine.game import MODEL, Game, GameRecord, OldRulesError, replay, seat_names
from game.engine.state import COOPERATE, DEFECT, InvestTarget, invest
from game.play.match import Match, Seat, Stage
from tests.engine.helpers import play_policy


def _mixed(firm: int, season: int):
    if (firm + season) % 4 == 0:
        return DEFECT
    if (firm * season) % 5 == 1:
        return invest(InvestTarget.QUALITY)
    return COOPERATE


def _played(level, seed: int, policy, firms: int = 6, treatments=None) -> Game:
    """A whole game with ``policy`` deciding."""
    names = seat_names(level, firms)
    game = Game(level, names, seed, level.reference_contract, treatments=treatments)
    return play_policy(game, policy)


@pytest.fixture
def dice_spy(monkeypatch):
    """Every resolution's dice, in order, as resolve_season drew them."""
    drawn: list[tuple[list[float], list[float], float]] = []
    draw = season_module.draw_dice

    def spy(rng, firms):
        drawn.append(draw(rng, firms))
        return drawn[-1]

    monkeypatch.setattr(season_module, "draw_dice", spy)
    return drawn


def test_other_decisions_meet_the_same_offers_and_dice(dice_spy) -> None:
    level = load_level("el_porvenir")
    real = _played(level, 5, _mixed)
    real_dice = list(dice_spy)
    dice_spy.clear()
    loyal = _played(level, 5, lambda firm, season: COOPERATE)
    seasons = min(len(real.reports), len(loyal.reports))
    assert seasons >= 3
    assert dice_spy[:seasons] == real_dice[:seasons]
    assert [r.capital_change for r in real.reports][:seasons] != [
        r.capital_change for r in loyal.reports
    ][:seasons]  # the decisions did change the game


@pytest.mark.parametrize("firms", [5, 6])  # odd: a normal draw is carried to the next season
def test_the_review_draws_again_the_detection_rolls_each_season_met(firms, dice_spy) -> None:
    game = _played(load_level("gamarra"), 3, _mixed, firms)
    assert len(dice_spy) == len(game.reports) >= 2
    for season, (_, rolls, _) in enumerate(dice_spy, start=1):
        assert game.detection_rolls(season) == rolls


@pytest.mark.parametrize("name", ["gamarra", "tutorial"])
def test_a_resolve_refused_for_a_missing_decision_can_be_retried(name) -> None:
    """The refused call draws nothing: retried, the season meets the dice (and, under the
    mistake treatment, the mistakes) it would have met."""
    level = load_level(name)
    treatments = {"mistake_rate": 0.3}
    policy = _mixed if not level.is_dilemma else (lambda f, s: DEFECT if f == s % 2 else COOPERATE)
    straight = _played(level, 3, policy, 5 if not level.is_dilemma else 2, treatments)
    firms = len(straight.names)
    game = Game(level, straight.names, 3, level.reference_contract, treatments=treatments)
    while game.outcome is None:
        game.begin_season()
        if game.state.season == 1:
            with pytest.raises(ValueError, match="no decision"):
                game.resolve({})
        game.resolve({i: policy(i, game.state.season + 1) for i in game.members()})
    assert game.reports == straight.reports
    assert firms >= 2 and any(r.mistakes for r in straight.reports)


def test_a_record_says_its_model_and_replays() -> None:
    level = load_level("gamarra")
    game = _played(level, 2, _mixed)
    record = game.record()
    assert record.model == MODEL == record.to_json()["model"]
    again = GameRecord.from_json(json.loads(json.dumps(record.to_json())))
    assert again == record
    assert replay(level, again).reports == game.reports


@pytest.mark.parametrize("model", [None, 1, 2, "3"])
def test_a_record_of_another_model_is_refused(model) -> None:
    """A record without ``model`` was made under model 1 (before records said)."""
    data = _played(load_level("gamarra"), 2, _mixed).record().to_json()
    if model is None:
        del data["model"]
    else:
        data["model"] = model
    with pytest.raises(OldRulesError, match="rules its players never met"):
        GameRecord.from_json(data)


def _table(level) -> Match:
    seats = [Seat("Ana"), Seat("Beto", "oportunista"), Seat("Carla", "reciproco")]
    seats += [Seat("Dora", "a_medias"), Seat("Eli", "inversor")]
    return Match(level, seats[: level.firms.default], seed=4)


def _play_seasons(match: Match, seasons: int) -> None:
    for _ in range(seasons):
        if match.stage is Stage.OVER:
            return
        if 0 in match.active_game.members():
            match.decide(0, DEFECT if match.active_game.state.season % 2 else COOPERATE)
        match.resolve()
        if match.stage is Stage.OVER:
            return
        match.next_season()


def test_a_save_restores_and_continues_as_it_was_played() -> None:
    level = load_level("el_porvenir")
    match = _table(level)
    match.sign(level.reference_contract)
    _play_seasons(match, 3)
    restored = Match.from_json(json.loads(json.dumps(match.to_json())), level)
    assert restored.active_game.reports == match.active_game.reports
    _play_seasons(match, 4)
    _play_seasons(restored, 4)
    assert restored.active_game.reports == match.active_game.reports


@pytest.mark.parametrize("version", [1, 2])
def test_a_save_of_the_old_rules_is_refused_kept_and_never_overwritten(tmp_path, version) -> None:
    """Save versions 1 and 2 hold games of model 1: the store says so in both languages, moves
    the file aside as ``old-rules`` with its bytes intact, and a new game saved to the same
    slot does not touch it."""
    from game.persistence.paths import AppPaths
    from game.persistence.saves import SaveError, SaveStore
    from game.ui.saving import save_summary

    level = load_level("el_porvenir")
    match = _table(level)
    match.sign(level.reference_contract)
    _play_seasons(match, 2)
    store = SaveStore(AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config"))
    path = store.write("autosave", match.to_json(), save_summary(match), False)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["version"] = version
    del doc["game"]["record"]["model"]
    old_bytes = json.dumps(doc).encode()
    path.write_bytes(old_bytes)
    with pytest.raises(SaveError) as refused:
        store.read("autosave")
    error = refused.value
    assert error.kind == "old_rules"
    assert "earlier rules" in error.message("en") and "reglas anteriores" in error.message("es")
    assert error.kept_at is not None and "old-rules" in error.kept_at.name
    assert error.kept_at.read_bytes() == old_bytes
    store.write("autosave", match.to_json(), save_summary(match), False)
    assert error.kept_at.read_bytes() == old_bytes
    assert store.read("autosave").game["record"]["model"] == MODEL
