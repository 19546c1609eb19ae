"""Golden games: a handful of full games pinned to a digest of everything they produced.

Any change that moves a single draw, a float's last bit or the order of a ledger entry fails
here: every game saved or exported under the current rules (:data:`game.engine.game.MODEL`)
must replay exactly. The cluster levels' digests were made anew for model 5 (2026-12-04: fines in instalments); the
tutorial's are the ones it had before, since the new model leaves its rounds alone. If a rule
change is *meant* to change results, it is a new model: raise ``MODEL``, recompute the digests
with ``python -m tests.engine.test_golden_games`` and say so in the commit.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from game.ai import make_personality
from game.content.levels import load_level
from game.engine.game import Game, play, replay
from game.engine.reports import Applicant

MIX = ("leal", "oportunista", "reciproco", "rencoroso", "a_medias", "inversor")
OTHERS = ("aprendiz", "ojo_por_ojo", "alternador", "oportunista", "a_medias", "rencoroso")

# (level, seed, personalities, contract) -> digest
GAMES: list[tuple[str, int, tuple[str, ...], str]] = [
    ("tutorial", 1, MIX, "default"),
    ("tutorial", 7, OTHERS, "default"),
    ("gamarra", 1, MIX, "reference"),
    ("gamarra", 2, OTHERS, "no_rules"),
    ("gamarra", 3, ("always_cooperate",) * 6, "reference"),
    ("el_porvenir", 4, MIX, "reference"),
    ("el_porvenir", 5, OTHERS, "default"),
    ("villa_el_salvador", 6, MIX, "reference"),
    ("villa_el_salvador", 8, ("always_defect",) * 3 + MIX[:3], "no_rules"),
]

DIGESTS: dict[str, str] = {
    "tutorial/1/leal,oportunista,reciproco,rencoroso,a_medias,inversor/default": "070ce3053be70244357db02056f815b210db63ef0ebcee2b91f78bb2f6bc185e",
    "tutorial/7/aprendiz,ojo_por_ojo,alternador,oportunista,a_medias,rencoroso/default": "4ebe4aafea6aff37b60f1c125cc07e887f76973a469c5b6c28456110ad77e766",
    "gamarra/1/leal,oportunista,reciproco,rencoroso,a_medias,inversor/reference": "7aa89069035cac15b1fc21a04703ecd50388516d2d5b6248f9d8eb03a1e49b2d",
    "gamarra/2/aprendiz,ojo_por_ojo,alternador,oportunista,a_medias,rencoroso/no_rules": "7e5fbdafae23213783c5503a12a05916b059685617f8ce4e4a12fcf6f3b383cb",
    "gamarra/3/always_cooperate,always_cooperate,always_cooperate,always_cooperate,always_cooperate,always_cooperate/reference": "668ee81f91273b2819bcac9ad977b52d221a7bbd5c86b62c407dd10deae2413e",
    "el_porvenir/4/leal,oportunista,reciproco,rencoroso,a_medias,inversor/reference": "7f1280bac70f7ecb9e8896d383d2b15d535328ebff29a086c63552b6a20e08f3",
    "el_porvenir/5/aprendiz,ojo_por_ojo,alternador,oportunista,a_medias,rencoroso/default": "53617409c5bad6d6509c90b7cd1ba1cd2b3537d9fe49d52ff6ff54c037103d41",
    "villa_el_salvador/6/leal,oportunista,reciproco,rencoroso,a_medias,inversor/reference": "c1aaefdc31a273abf9446b03e7e020188bd9ccf2d8ff39c15e8a39dd561f7897",
    "villa_el_salvador/8/always_defect,always_defect,always_defect,leal,oportunista,reciproco/no_rules": "356fc1acfd655bf339ed9cc63baa1a1cea8f8b6a320e88bb4ac73e65b2961d0a",
}


def _contract(level, which: str) -> dict[str, str]:
    return {
        "default": level.default_contract,
        "reference": level.reference_contract,
        "no_rules": level.no_rules_contract,
    }[which]


def play_golden(level_name: str, seed: int, personalities, contract: str, treatments=None) -> Game:
    level = load_level(level_name)
    deciders = [make_personality(p, f"{seed}/ai/{i}") for i, p in enumerate(personalities)]
    return play(
        level,
        deciders,
        seed,
        _contract(level, contract),
        treatments=treatments,
    )


def _floats(value: Any) -> Any:
    """JSON-ready, with every float as its exact repr."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {str(k): _floats(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_floats(v) for v in value]
    if hasattr(value, "value") and not isinstance(value, int):  # enums
        return value.value
    return value


def _applicant(a: Applicant) -> tuple[Any, ...]:
    return (a.name, a.capacity, a.quality, a.shortfalls, a.firm_id, a.fee)


def game_summary(game: Game) -> dict[str, Any]:
    """What a game produced: its record, every season's report, the public records, the final
    state and, in a cluster level, the horizon played out after it (the tutorial's fields are
    the ones it always had, so its digests carry over from model 1)."""
    record = game.record().to_json()
    record.pop("treatments", None)
    record.pop("level_fingerprint", None)
    record.pop("model", None)
    seasons = []
    for r in game.reports:
        seasons.append(
            {
                "season": r.season,
                "event": r.event,
                "decisions": {i: d.to_json() for i, d in r.decisions.items()},
                "status": r.order_status,
                "promised": r.lots_promised,
                "delivered": r.lots_delivered,
                "spread": r.quality_spread,
                "mean_quality": r.mean_quality,
                "deliveries": {
                    i: (d.lots, d.subcontracted, d.quality) for i, d in r.deliveries.items()
                },
                "faulty": r.faulty_lots,
                "shared": r.faulty_cost_shared,
                "chance": r.detection_chance,
                "detected": r.detected,
                "penalties": {
                    i: (p.fine, p.offence, p.expelled, p.informal_sanction, p.owed)
                    for i, p in r.penalties.items()
                },
                "left": r.left,
                "trust": (r.trust_before, r.trust_after),
                "dims_before": r.dimensions_before,
                "dim_changes": r.dimension_changes,
                "phase": r.phase,
                "capital_change": r.capital_change,
                "fund_change": r.fund_change,
                "ledger": list(r.ledger),
                "payoffs": r.payoffs,
                **({"population": r.population} if r.population else {}),
                **({"applicant": _applicant(r.applicant)} if r.applicant else {}),
            }
        )
    public = [
        (p.season, p.fill, p.detected, p.revealed, p.alliance_trust, p.capital, p.reputation)
        for p in game.public
    ]
    state = game.state
    firms = [
        (
            f.id,
            f.name,
            f.capital,
            f.capacity,
            f.quality,
            f.quality_spread,
            f.technology,
            f.reputation,
            f.member,
            f.left_reason,
            f.offences,
            f.informal_credit,
        )
        for f in state.firms
    ]
    outcome = game.outcome
    assert outcome is not None
    horizon: dict[str, Any] = {}
    if game.epilogue is not None:
        epilogue = game.epilogue
        horizon = {
            "epilogue": (epilogue.mode, epilogue.seasons, epilogue.earnings, epilogue.fund_share),
            "client_orders": state.client_orders,
            "payoffs": game.payoffs(),
            "alone": game.alone_payoffs(),
        }
    return _floats(
        {
            **horizon,
            "record": record,
            "seasons": seasons,
            "public": public,
            "firms": firms,
            "trust": state.trust,
            "fund": state.fund,
            "dimensions": state.dimensions,
            "phase": state.phase,
            "brand": state.brand_bonus,
            "institutions": state.institutions_bonus,
            "outcome": (
                outcome.kind,
                outcome.season,
                [(r.code, r.values) for r in outcome.reasons],
            ),
        }
    )


def digest(game: Game) -> str:
    text = json.dumps(game_summary(game), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _key(level_name: str, seed: int, personalities, contract: str) -> str:
    return f"{level_name}/{seed}/{','.join(personalities)}/{contract}"


@pytest.mark.parametrize("case", GAMES, ids=lambda c: _key(*c))
def test_golden_game_is_unchanged(case) -> None:
    assert digest(play_golden(*case)) == DIGESTS[_key(*case)]


@pytest.mark.parametrize("case", GAMES, ids=lambda c: _key(*c))
def test_golden_game_replays_to_the_same_digest(case) -> None:
    record = play_golden(*case).record()
    assert digest(replay(load_level(case[0]), record)) == DIGESTS[_key(*case)]


@pytest.mark.parametrize("case", GAMES, ids=lambda c: _key(*c))
def test_treatments_at_their_neutral_values_play_the_same_game(case) -> None:
    """Issue 4: the treatments set explicitly to what the game always did change nothing (a
    zero mistake rate draws no dice at all)."""
    neutral = {
        "visibility": "detected",
        "mistake_rate": 0.0,
        "penalty_severity": 1.0,
        "announce_last_season": True,
    }
    assert digest(play_golden(*case, neutral)) == DIGESTS[_key(*case)]


MISTAKES = {"mistake_rate": 0.1, "visibility": "public"}
TREATED_GAMES: list[tuple[str, int, tuple[str, ...], str]] = [
    ("gamarra", 9, MIX, "reference"),
    ("el_porvenir", 11, OTHERS, "default"),
    ("tutorial", 8, OTHERS, "default"),
]
"""Games under the mistake treatment (and public defections), whose mistakes have a stream of
their own."""

TREATED_DIGESTS: dict[str, str] = {
    "gamarra/9": "e38dbed98c7534dd0632cf771c796907cce767a274ad8acc9ef3152a303ef22d",
    "el_porvenir/11": "f7e7f6570f4afbaafa57e361d611e0063671793f974ae5c8e7ee9f870ca4b861",
    "tutorial/8": "c852e3d45c17aeba5f4cb1ed8ef9289b94ed0af159722bf8bdfabe8c8d138a93",
}


@pytest.mark.parametrize("case", TREATED_GAMES, ids=lambda c: f"{c[0]}/{c[1]}")
def test_golden_games_with_mistakes_are_unchanged(case) -> None:
    game = play_golden(*case, MISTAKES)
    assert any(r.mistakes for r in game.reports)  # the treatment did come into play
    assert digest(game) == TREATED_DIGESTS[f"{case[0]}/{case[1]}"]
    assert digest(replay(game.level, game.record())) == digest(game)


BULK_SEEDS = range(100, 130)
"""Thirty more games per level, mixed personalities by seed, hashed together."""

BULK_DIGESTS: dict[str, str] = {
    "tutorial": "70b2e3ccf5c383a471a3c19f59f6faa9a91e4151b1240ce221c7f9a23d649aeb",
    "gamarra": "845244dd95827f2e9dab41d370e9a3816787769dcdd863b740e167da877a15e5",
    "el_porvenir": "ea5e250d41255178ff1786bb1a8296ad0594d2e0718f4ff5931bb20c275db768",
    "villa_el_salvador": "5a3cc2f83398eda034f1b55f236cd534289b295fe565567ae321fd5195ee0a42",
}


def bulk_digest(level_name: str) -> str:
    personalities = MIX + OTHERS
    total = hashlib.sha256()
    for seed in BULK_SEEDS:
        seats = tuple(personalities[(seed + i) % len(personalities)] for i in range(6))
        contract = ("reference", "default", "no_rules")[seed % 3]
        total.update(digest(play_golden(level_name, seed, seats, contract)).encode())
    return total.hexdigest()


@pytest.mark.parametrize("level_name", ["tutorial", "gamarra", "el_porvenir", "villa_el_salvador"])
def test_bulk_games_are_unchanged(level_name: str) -> None:
    assert bulk_digest(level_name) == BULK_DIGESTS[level_name]


if __name__ == "__main__":
    print("DIGESTS")
    for case in GAMES:
        print(f'    "{_key(*case)}": "{digest(play_golden(*case))}",')
    print("TREATED_DIGESTS")
    for case in TREATED_GAMES:
        print(f'    "{case[0]}/{case[1]}": "{digest(play_golden(*case, MISTAKES))}",')
    print("BULK_DIGESTS")
    for name in ("tutorial", "gamarra", "el_porvenir", "villa_el_salvador"):
        print(f'    "{name}": "{bulk_digest(name)}",')
