"""The seed's streams (game.engine.streams): both schemes keep the dice apart from the
decisions, a record replays under its own scheme, and a save or export keeps it."""

from __future__ import annotations

import json

import pytest

import game.engine.season as season_module
from game.content.levels import load_level
from game.engine.game import Game, GameRecord, replay, seat_names
from game.engine.state import COOPERATE, DEFECT, InvestTarget, invest
from game.engine.streams import CURRENT, PER_GAME, PER_SEASON, Streams
from game.play.match import Match, MatchError, Seat, Stage
from tests.engine.helpers import play_policy

SCHEMES = pytest.mark.parametrize("streams", [PER_SEASON, PER_GAME], ids=["per_season", "per_game"])


def _mixed(firm: int, season: int):
    if (firm + season) % 4 == 0:
        return DEFECT
    if (firm * season) % 5 == 1:
        return invest(InvestTarget.QUALITY)
    return COOPERATE


def _played(level, seed: int, streams: int, policy, firms: int = 6, treatments=None) -> Game:
    """A whole game with ``policy`` deciding."""
    names = seat_names(level, firms)
    game = Game(
        level,
        names,
        seed,
        level.reference_contract,
        treatments=treatments,
        random_streams=streams,
    )
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


@SCHEMES
def test_other_decisions_meet_the_same_offers_and_dice(streams, dice_spy) -> None:
    level = load_level("el_porvenir")
    real = _played(level, 5, streams, _mixed)
    real_dice = list(dice_spy)
    dice_spy.clear()
    loyal = _played(level, 5, streams, lambda firm, season: COOPERATE)
    seasons = min(len(real.reports), len(loyal.reports))
    assert seasons >= 3
    assert dice_spy[:seasons] == real_dice[:seasons]
    assert [r.capital_change for r in real.reports][:seasons] != [
        r.capital_change for r in loyal.reports
    ][:seasons]  # the decisions did change the game


@SCHEMES
@pytest.mark.parametrize("firms", [5, 6])  # odd: a normal draw is carried to the next season
def test_the_review_draws_again_the_detection_rolls_each_season_met(
    streams, firms, dice_spy
) -> None:
    game = _played(load_level("gamarra"), 3, streams, _mixed, firms)
    assert len(dice_spy) == len(game.reports) >= 2
    for season, (_, rolls, _) in enumerate(dice_spy, start=1):
        assert game.detection_rolls(season) == rolls


@SCHEMES
@pytest.mark.parametrize("name", ["gamarra", "tutorial"])
def test_a_resolve_refused_for_a_missing_decision_can_be_retried(streams, name) -> None:
    """The refused call draws nothing: retried, the season meets the dice (and, under the
    mistake treatment, the mistakes) it would have met."""
    level = load_level(name)
    treatments = {"mistake_rate": 0.3}
    policy = _mixed if not level.is_dilemma else (lambda f, s: DEFECT if f == s % 2 else COOPERATE)
    straight = _played(level, 3, streams, policy, 5 if not level.is_dilemma else 2, treatments)
    firms = len(straight.names)
    game = Game(
        level,
        straight.names,
        3,
        level.reference_contract,
        treatments=treatments,
        random_streams=streams,
    )
    while game.outcome is None:
        game.begin_season()
        if game.state.season == 1:
            with pytest.raises(ValueError, match="no decision"):
                game.resolve({})
        game.resolve({i: policy(i, game.state.season + 1) for i in game.members()})
    assert game.reports == straight.reports
    assert firms >= 2 and any(r.mistakes for r in straight.reports)


def test_the_schemes_give_different_games_from_one_seed() -> None:
    level = load_level("villa_el_salvador")
    per_season = _played(level, 8, PER_SEASON, _mixed)
    per_game = _played(level, 8, PER_GAME, _mixed)
    assert per_season.reports != per_game.reports


def test_new_games_use_the_current_scheme_and_their_record_says_so() -> None:
    level = load_level("gamarra")
    game = _played(level, 2, CURRENT, _mixed)
    record = game.record()
    assert record.random_streams == CURRENT == PER_GAME
    again = GameRecord.from_json(json.loads(json.dumps(record.to_json())))
    assert again == record
    assert replay(level, again).reports == game.reports


def test_a_record_without_a_scheme_is_a_per_season_game() -> None:
    level = load_level("gamarra")
    old = _played(level, 2, PER_SEASON, _mixed).record().to_json()
    del old["random_streams"]
    assert GameRecord.from_json(old).random_streams == PER_SEASON


@pytest.mark.parametrize("scheme", [0, 3, "2", None, True, 1.0])
def test_an_unknown_scheme_is_refused_with_a_message(scheme) -> None:
    data = _played(load_level("gamarra"), 2, PER_GAME, _mixed).record().to_json()
    data["random_streams"] = scheme
    with pytest.raises(ValueError, match="unknown random-stream scheme"):
        GameRecord.from_json(data)
    with pytest.raises(ValueError, match="unknown random-stream scheme"):
        Streams(1, 3)


def _table(level) -> Match:
    seats = [Seat("Ana"), Seat("Beto", "oportunista"), Seat("Carla", "reciproco")]
    seats += [Seat("Dora", "a_medias"), Seat("Eli", "inversor")]
    return Match(level, seats[: level.firms.default], seed=4)


def _play_seasons(match: Match, seasons: int) -> None:
    for _ in range(seasons):
        if match.stage is Stage.OVER:
            return
        match.decide(0, DEFECT if match.active_game.state.season % 2 else COOPERATE)
        match.resolve()
        if match.stage is Stage.OVER:
            return
        match.next_season()


def test_a_save_from_before_the_schemes_continues_as_it_was_played() -> None:
    """A save written before new games split their seed per game goes on per season."""
    level = load_level("el_porvenir")
    match = _table(level)
    match.random_streams = PER_SEASON  # what every game did then
    match.sign(level.reference_contract)
    _play_seasons(match, 3)
    saved = json.loads(json.dumps(match.to_json()))
    del saved["record"]["random_streams"]  # such saves had no such field
    restored = Match.from_json(saved, level)
    assert restored.active_game.random_streams == PER_SEASON
    assert restored.active_game.reports == match.active_game.reports
    _play_seasons(match, 4)
    _play_seasons(restored, 4)
    assert restored.active_game.reports == match.active_game.reports


def test_a_save_with_an_unknown_scheme_is_refused() -> None:
    level = load_level("gamarra")
    match = _table(level)
    match.sign(level.reference_contract)
    _play_seasons(match, 1)
    saved = json.loads(json.dumps(match.to_json()))
    saved["record"]["random_streams"] = 9
    with pytest.raises((ValueError, MatchError), match="random-stream scheme"):
        Match.from_json(saved, level)


def test_a_version_1_save_file_is_upgraded_and_continues_per_season(tmp_path) -> None:
    """A save file written before the schemes (save version 1, its record without
    ``random_streams``) is read as the per-season game it was, through the real store."""
    from game.persistence.paths import AppPaths
    from game.persistence.saves import SaveStore
    from game.ui.saving import restore_match, save_summary

    level = load_level("el_porvenir")
    match = _table(level)
    match.random_streams = PER_SEASON
    match.sign(level.reference_contract)
    _play_seasons(match, 2)
    assert match.stage is Stage.DECIDING
    store = SaveStore(AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config"))
    path = store.write("autosave", match.to_json(), save_summary(match), False)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["version"] = 1
    del doc["game"]["record"]["random_streams"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded = store.read("autosave")
    assert loaded.upgraded and loaded.game["record"]["random_streams"] == PER_SEASON
    restored = restore_match(loaded)
    assert restored.stage is match.stage
    assert restored.active_game.reports == match.active_game.reports
    _play_seasons(match, 3)
    _play_seasons(restored, 3)
    assert restored.active_game.reports == match.active_game.reports
