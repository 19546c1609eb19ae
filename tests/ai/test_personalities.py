"""Every personality gets the shared tests for free (Axelrod's ``test_player.py`` shape), and
the ones whose character matters get behaviour tests of their own.

Games are played with ``game.engine.game.play``; views for the property tests are the real
views the engine handed to firms in such games (``dataclasses.replace`` makes the variants).
"""

from __future__ import annotations

import copy
import dataclasses
import math
import random
from collections.abc import Callable, Sequence

import pytest

from game.ai import make_personality, personality_keys
from game.ai.base import Personality
from game.ai.personalities import Oportunista
from game.engine.game import Game, play
from game.engine.level import Level
from game.engine.reports import OwnResult, SeasonReport
from game.engine.state import (
    COOPERATE,
    DEFECT,
    Action,
    Decision,
    Firm,
    GameState,
    InvestTarget,
    invest,
)
from game.engine.views import FirmView
from tests.ai.conftest import LEVEL_IDS

KEYS = personality_keys(include_reference=True)
CLUSTERS = tuple(level_id for level_id in LEVEL_IDS if level_id != "tutorial")
FIELDS = {f.name for f in dataclasses.fields(FirmView)} | {"last"}


# -- helpers ---------------------------------------------------------------------------------


class Spy:
    """A decider that checks what a personality is given and gives back, and keeps the views."""

    def __init__(self, personality: Personality) -> None:
        self.personality = personality
        self.views: list[FirmView] = []

    def __call__(self, view: FirmView) -> Decision:
        assert type(view) is FirmView
        self.views.append(view)
        decision = self.personality.decide(view)
        assert isinstance(decision, Decision)
        assert isinstance(decision.action, Action)
        if view.is_dilemma:
            assert decision.action is not Action.INVEST
        return decision


def seats_for(key: str, level: Level) -> list[str]:
    """``key`` in seat 0, then the other personalities, as many as the level's default."""
    return [key, *(k for k in KEYS if k != key)][: level.firms.default]


def play_seats(
    level: Level,
    keys: Sequence[str],
    seed: int,
    *,
    rng_seeds: Sequence[object] | None = None,
    contract: dict[str, str] | None = None,
) -> tuple[Game, list[Spy]]:
    if rng_seeds is None:
        rng_seeds = [f"{seed}/{seat}" for seat in range(len(keys))]
    spies = [Spy(make_personality(k, s)) for k, s in zip(keys, rng_seeds, strict=True)]
    return play(level, spies, seed, contract), spies


def decisions_of(game: Game, seat: int) -> list[Decision]:
    return [r.decisions[seat] for r in game.reports if seat in r.decisions]


def scripted(plan: Callable[[int], Decision]) -> Callable[[FirmView], Decision]:
    return lambda view: plan(view.season)


def truncated(view: FirmView, depth: float) -> FirmView:
    """The view with only the last ``depth`` seasons of memory (a finite memory depth)."""
    if math.isinf(depth):
        return view
    keep = int(depth)
    history = view.history[len(view.history) - keep :] if keep else ()
    mine = view.my_results[len(view.my_results) - keep :] if keep else ()
    return dataclasses.replace(view, history=history, my_results=mine)


def with_terms(view: FirmView, **modifiers: float) -> FirmView:
    assert set(modifiers) <= set(view.terms.modifiers), "not a contract modifier"
    terms = dataclasses.replace(view.terms, modifiers={**view.terms.modifiers, **modifiers})
    return dataclasses.replace(view, terms=terms)


@pytest.fixture(scope="session")
def view_pool(levels: dict[str, Level]) -> dict[str, list[FirmView]]:
    """Real views from every level: a mix of everyone under the level's habitual contract, and
    a mostly loyal group under its sound contract (long games, long histories)."""
    pool: dict[str, list[FirmView]] = {level_id: [] for level_id in LEVEL_IDS}
    for level_id, level in levels.items():
        n = level.firms.default
        loyal = ["leal", "inversor", "reciproco", "leal", "ojo_por_ojo", "a_medias"]
        mixes = [(seats_for("aprendiz", level), None), (loyal[:n], level.reference_contract)]
        for seed in range(4):
            for keys, contract in mixes:
                _, spies = play_seats(level, keys, seed, contract=contract)
                pool[level_id].extend(v for spy in spies for v in spy.views)
    return pool


def all_views(pool: dict[str, list[FirmView]]) -> list[FirmView]:
    return [v for views in pool.values() for v in views]


def decide_fresh(key: str, view: FirmView, seed: int = 7) -> Decision:
    return make_personality(key, seed).decide(view)


# -- the shared tests, one set per personality -----------------------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_has_a_name_and_a_one_line_description_in_spanish_and_english(key: str) -> None:
    cls = type(make_personality(key, 0))
    for texts in (cls.name, cls.description):
        assert set(texts) == {"es", "en"}
        for text in texts.values():
            assert text.strip() and "\n" not in text
        assert texts["es"] != texts["en"] or texts is cls.name


def test_names_and_descriptions_are_distinct_across_personalities() -> None:
    classes = [type(make_personality(k, 0)) for k in KEYS]
    for lang in ("es", "en"):
        assert len({c.name[lang] for c in classes}) == len(classes)
        assert len({c.description[lang] for c in classes}) == len(classes)


@pytest.mark.parametrize("key", KEYS)
def test_classifier_says_whether_it_is_stochastic_and_how_far_it_remembers(key: str) -> None:
    classifier = type(make_personality(key, 0)).classifier
    assert set(classifier) >= {"stochastic", "memory_depth"}
    assert isinstance(classifier["stochastic"], bool)
    depth = classifier["memory_depth"]
    assert depth == math.inf or (isinstance(depth, int) and depth >= 0)


@pytest.mark.parametrize("level_id", LEVEL_IDS)
@pytest.mark.parametrize("key", KEYS)
def test_plays_a_full_game_of_every_level_with_valid_decisions(
    key: str, level_id: str, levels: dict[str, Level]
) -> None:
    level = levels[level_id]
    for seed in range(3):
        game, spies = play_seats(level, seats_for(key, level), seed)
        assert game.outcome is not None
        assert spies[0].views, "seat 0 never got to decide"
        assert len(decisions_of(game, 0)) == len(spies[0].views)


@pytest.mark.parametrize("key", KEYS)
def test_never_invests_in_the_tutorial_even_when_rich(
    key: str, view_pool: dict[str, list[FirmView]]
) -> None:
    for view in view_pool["tutorial"]:
        rich = dataclasses.replace(view, me=dataclasses.replace(view.me, capital=1e6))
        for candidate in (view, rich):
            assert decide_fresh(key, candidate).action is not Action.INVEST


@pytest.mark.parametrize("key", KEYS)
def test_same_seed_gives_the_same_decisions(key: str, levels: dict[str, Level]) -> None:
    for level in levels.values():
        first, _ = play_seats(level, seats_for(key, level), seed=11)
        again, _ = play_seats(level, seats_for(key, level), seed=11)
        assert first.record() == again.record()


@pytest.mark.parametrize("key", KEYS)
def test_stochastic_claim_holds(key: str, levels: dict[str, Level]) -> None:
    """Deterministic personalities ignore their generator; stochastic ones do use it."""
    stochastic = type(make_personality(key, 0)).classifier["stochastic"]
    differs = False
    for level in levels.values():
        keys = seats_for(key, level)
        for seed in range(6):
            others = [f"{seed}/{seat}" for seat in range(1, len(keys))]
            a, _ = play_seats(level, keys, seed, rng_seeds=[f"a{seed}", *others])
            b, _ = play_seats(level, keys, seed, rng_seeds=[f"b{seed}", *others])
            if a.record() != b.record():
                differs = True
                assert stochastic, f"{key} claims to be deterministic but its rng changed {seed}"
    assert differs == stochastic


@pytest.mark.parametrize("key", KEYS)
def test_only_stochastic_personalities_seed_a_generator(key: str, levels: dict[str, Level]) -> None:
    """A generator is seeded on its first draw, so a deterministic firm never pays for one
    (the same seeds give the same draws either way: ``test_stochastic_claim_holds``)."""
    stochastic = type(make_personality(key, 0)).classifier["stochastic"]
    for level in levels.values():
        _, spies = play_seats(level, seats_for(key, level), seed=5)
        assert ("rng" in vars(spies[0].personality)) == stochastic, level.id


@pytest.mark.parametrize("key", KEYS)
def test_memory_depth_claim_holds(key: str, view_pool: dict[str, list[FirmView]]) -> None:
    """Forgetting what lies beyond the claimed memory depth never changes the decision."""
    depth = type(make_personality(key, 0)).classifier["memory_depth"]
    for view in all_views(view_pool):
        assert decide_fresh(key, view) == decide_fresh(key, truncated(view, depth))


@pytest.mark.parametrize("key", KEYS)
def test_decides_from_the_view_alone(key: str, view_pool: dict[str, list[FirmView]]) -> None:
    """A copy of the view, cut off from any game, gives the same decision, and only the view's
    own fields are read."""

    class Watched:
        def __init__(self, view: FirmView) -> None:
            self.view, self.read = view, set()

        def __getattr__(self, name: str) -> object:
            self.read.add(name)
            return getattr(self.view, name)

    for view in all_views(view_pool)[::5]:
        assert decide_fresh(key, copy.deepcopy(view)) == decide_fresh(key, view)
        watched = Watched(view)
        assert decide_fresh(key, watched) == decide_fresh(key, view)  # type: ignore[arg-type]
        assert watched.read <= FIELDS


def test_views_hold_no_hidden_state(view_pool: dict[str, list[FirmView]]) -> None:
    """What a personality is given holds no game, engine state, full report or generator."""
    hidden = (Game, GameState, Firm, SeasonReport, random.Random)

    def walk(value: object) -> None:
        assert not isinstance(value, hidden), type(value)
        if dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, (tuple, list)):
            for v in value:
                walk(v)

    for view in all_views(view_pool)[::7]:
        walk(view)


# -- behaviour -------------------------------------------------------------------------------


def test_leal_never_sells_por_fuera(view_pool: dict[str, list[FirmView]]) -> None:
    for view in all_views(view_pool):
        assert decide_fresh("leal", view).action is not Action.DEFECT


def test_leal_invests_in_quality_after_an_order_lost_to_uneven_lots(
    view_pool: dict[str, list[FirmView]],
) -> None:
    view = next(v for v in view_pool["gamarra"] if v.history)
    last = dataclasses.replace(view.history[-1], order_status="cancelled_uneven")
    rich = dataclasses.replace(
        view,
        history=(*view.history[:-1], last),
        my_results=(OwnResult(view.season - 1, COOPERATE, 0.0, False),),
        me=dataclasses.replace(view.me, capital=10 * view.investment_cost),
    )
    assert decide_fresh("leal", rich) == invest(InvestTarget.QUALITY)
    poor = dataclasses.replace(rich, me=dataclasses.replace(view.me, capital=0.0))
    assert decide_fresh("leal", poor) == COOPERATE


def test_rencoroso_defects_forever_once_anyone_defects_in_the_tutorial(
    levels: dict[str, Level],
) -> None:
    level = levels["tutorial"]
    game, _ = play_seats(level, ["rencoroso", "alternador"], seed=0)
    actions = [d.action for d in decisions_of(game, 0)]
    assert actions[:2] == [Action.COOPERATE] * 2  # the alternator first defects in round 2
    assert actions[2:] == [Action.DEFECT] * (len(actions) - 2)


def test_rencoroso_defects_forever_after_a_detected_defection(levels: dict[str, Level]) -> None:
    level = levels["el_porvenir"]
    keys = ["rencoroso", "always_defect", "leal", "leal", "leal", "leal"]
    checked = 0
    for seed in range(10):
        game, _ = play_seats(level, keys, seed, contract=level.reference_contract)
        mine = decisions_of(game, 0)
        caught = [i for i, r in enumerate(game.public) if set(r.detected) - {0}]
        first = caught[0] if caught else len(mine)
        assert all(d == COOPERATE for d in mine[: first + 1])
        assert all(d == DEFECT for d in mine[first + 1 :])
        checked += len(mine) > first + 2
    assert checked, "no game went on for two seasons after a detection"


def test_reciproco_answers_one_betrayal_once_and_then_cooperates_again(
    levels: dict[str, Level],
) -> None:
    betray_in_round_2 = scripted(lambda season: DEFECT if season == 2 else COOPERATE)
    reciproco = make_personality("reciproco", 0)
    game = play(levels["tutorial"], [reciproco, betray_in_round_2], seed=0)
    actions = [d.action for d in decisions_of(game, 0)]
    c, d = Action.COOPERATE, Action.DEFECT
    assert actions == [c, c, d] + [c] * (len(actions) - 3)


@pytest.mark.parametrize("level_id", CLUSTERS)
def test_reciproco_answers_a_detected_defector_once_in_a_cluster(
    level_id: str, view_pool: dict[str, list[FirmView]]
) -> None:
    view = next(v for v in view_pool[level_id] if v.history and v.my_results)
    other = next(i for i in view.members if i != view.me.id)
    clean = dataclasses.replace(view.history[-1], detected=(), fill=1.0, revealed={})
    caught = dataclasses.replace(clean, detected=(other,), fill=0.8)
    i_did = OwnResult(view.season - 1, COOPERATE, 0.0, False)
    i_answered = dataclasses.replace(i_did, decision=DEFECT)

    def seen(record: object, mine: OwnResult) -> FirmView:
        return dataclasses.replace(view, history=(record,), my_results=(mine,))

    assert decide_fresh("reciproco", seen(clean, i_did)) == COOPERATE
    assert decide_fresh("reciproco", seen(caught, i_did)) == DEFECT
    assert decide_fresh("reciproco", seen(caught, i_answered)) == COOPERATE
    short = dataclasses.replace(clean, fill=0.8, order_status="cancelled_short")
    assert decide_fresh("reciproco", seen(short, i_did)) == DEFECT


def test_oportunista_sells_por_fuera_more_when_premium_high_and_detection_low(
    view_pool: dict[str, list[FirmView]],
) -> None:
    tempting, risky = [], []
    for level_id in CLUSTERS:
        for view in view_pool[level_id]:
            high = dataclasses.replace(
                view,
                offer=dataclasses.replace(view.offer, price=1.6 * view.order.price),
                detection_chance=0.05,
            )
            low = dataclasses.replace(
                with_terms(view, fine_share=1.5, fine_waived=0.0),
                offer=dataclasses.replace(view.offer, price=view.market_price),
                detection_chance=0.95,
            )
            tempting.append(decide_fresh("oportunista", high) == DEFECT)
            risky.append(decide_fresh("oportunista", low) == DEFECT)
    rate_tempting, rate_risky = sum(tempting) / len(tempting), sum(risky) / len(risky)
    assert rate_tempting > rate_risky
    assert rate_tempting > 0.8 and rate_risky < 0.2


def test_oportunista_gain_grows_with_the_premium_and_shrinks_with_detection(
    view_pool: dict[str, list[FirmView]],
) -> None:
    for level_id in CLUSTERS:
        for view in view_pool[level_id][::3]:
            fined = with_terms(view, fine_share=1.0)
            gains = [
                Oportunista.gain_por_fuera(
                    dataclasses.replace(fined, offer=dataclasses.replace(view.offer, price=p))
                )
                for p in (view.market_price, view.order.price, 1.3 * view.order.price)
            ]
            assert gains == sorted(gains)
            by_detection = [
                Oportunista.gain_por_fuera(dataclasses.replace(fined, detection_chance=d))
                for d in (0.0, 0.5, 1.0)
            ]
            assert by_detection == sorted(by_detection, reverse=True)
            assert by_detection[0] > by_detection[-1]


def test_a_medias_delivers_short_sometimes_and_more_often_when_trust_is_low(
    view_pool: dict[str, list[FirmView]],
) -> None:
    view = view_pool["gamarra"][0]
    rates = {}
    for trust in (0.9, 0.1):
        a_medias = make_personality("a_medias", 3)
        trusting = dataclasses.replace(view, alliance_trust=trust)
        rates[trust] = sum(a_medias.decide(trusting) == DEFECT for _ in range(2000)) / 2000
    assert 0.1 < rates[0.9] < rates[0.1] < 0.45


def test_inversor_invests_when_rich_and_delivers_otherwise(
    view_pool: dict[str, list[FirmView]],
) -> None:
    for level_id in CLUSTERS:
        view = next(v for v in view_pool[level_id] if not v.my_results)
        cost = view.investment_cost

        def with_capital(capital: float, base: FirmView = view) -> FirmView:
            return dataclasses.replace(base, me=dataclasses.replace(base.me, capital=capital))

        assert decide_fresh("inversor", with_capital(10 * cost)).action is Action.INVEST
        assert decide_fresh("inversor", with_capital(cost)) == COOPERATE
        just_did = dataclasses.replace(
            with_capital(10 * cost),
            my_results=(OwnResult(view.season, invest(InvestTarget.TECHNOLOGY), -cost, False),),
        )
        assert decide_fresh("inversor", just_did) == COOPERATE
        uneven = dataclasses.replace(
            view, me=dataclasses.replace(view.me, capital=10 * cost, quality_spread=0.2)
        )
        assert decide_fresh("inversor", uneven) == invest(InvestTarget.QUALITY)
        steady = dataclasses.replace(
            view,
            history=(),
            me=dataclasses.replace(view.me, capital=10 * cost, quality_spread=0.0, quality=0.9),
        )
        assert decide_fresh("inversor", steady) == invest(InvestTarget.TECHNOLOGY)


def test_inversor_invests_in_a_real_game_when_it_can_afford_it(levels: dict[str, Level]) -> None:
    level = levels["el_porvenir"]
    keys = ["inversor", "leal", "leal", "leal", "leal", "leal"]
    game, _ = play_seats(level, keys, seed=2, contract=level.reference_contract)
    assert any(d.action is Action.INVEST for d in decisions_of(game, 0))


def test_aprendiz_learns_to_defect_against_always_defect(levels: dict[str, Level]) -> None:
    level = levels["tutorial"]
    late = []
    for seed in range(30):
        game, _ = play_seats(level, ["aprendiz", "always_defect"], seed)
        actions = [d.action for d in decisions_of(game, 0)]
        assert set(actions[:2]) == {Action.COOPERATE, Action.DEFECT}  # tries each once
        late.extend(a is Action.DEFECT for a in actions[2:])
    assert sum(late) / len(late) > 0.85


def test_aprendiz_tries_investing_in_a_cluster(levels: dict[str, Level]) -> None:
    level = levels["villa_el_salvador"]
    keys = ["aprendiz", "leal", "leal", "leal", "leal", "leal"]
    # fines but no expulsion, so a learner caught twice stays at the table to try the rest
    contract = {**level.reference_contract, "penalties": "fine"}
    game, _ = play_seats(level, keys, seed=1, contract=contract)
    assert {d.action for d in decisions_of(game, 0)} == set(Action)


def test_alternador_cooperates_on_odd_seasons_and_defects_on_even_ones(
    levels: dict[str, Level],
) -> None:
    game, _ = play_seats(levels["tutorial"], ["alternador", "always_cooperate"], seed=0)
    for season, decision in enumerate(decisions_of(game, 0), start=1):
        assert decision == (COOPERATE if season % 2 else DEFECT)
