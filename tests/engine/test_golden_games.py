"""Golden games: a handful of full games pinned to a digest of everything they produced.

The per-season digests were computed with the engine as it stood before the speed work of
issue 5, so any optimisation that changes a single draw, a float's last bit or the order of a
ledger entry fails here: every game saved or exported before then (all per-season, see
:mod:`game.engine.streams`) must replay exactly. The per-game digests pin the same games under
the scheme new games use, from the day it came in. If a rule change is *meant* to change
results, recompute them with ``python -m tests.engine.test_golden_games`` and say so in the
commit.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from game.ai import make_personality
from game.content.levels import load_level
from game.engine.game import Game, GameRecord, play, replay
from game.engine.streams import PER_GAME, PER_SEASON

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

DIGESTS: dict[int, dict[str, str]] = {}
DIGESTS[PER_SEASON] = {
    "tutorial/1/leal,oportunista,reciproco,rencoroso,a_medias,inversor/default": "070ce3053be70244357db02056f815b210db63ef0ebcee2b91f78bb2f6bc185e",
    "tutorial/7/aprendiz,ojo_por_ojo,alternador,oportunista,a_medias,rencoroso/default": "4ebe4aafea6aff37b60f1c125cc07e887f76973a469c5b6c28456110ad77e766",
    "gamarra/1/leal,oportunista,reciproco,rencoroso,a_medias,inversor/reference": "1328f415c10d967737066d997790b4969105cd0f62d7dc467d21cc8463036e2d",
    "gamarra/2/aprendiz,ojo_por_ojo,alternador,oportunista,a_medias,rencoroso/no_rules": "bfa329c689ae0fc522c81c0c25d68b63a21fe7d7f7e420aecb954fcc0fc76362",
    "gamarra/3/always_cooperate,always_cooperate,always_cooperate,always_cooperate,always_cooperate,always_cooperate/reference": "ba43b7623c35d4f3cdc24f0c2eef002a7136d74f4b3350dd91729f7030692cf5",
    "el_porvenir/4/leal,oportunista,reciproco,rencoroso,a_medias,inversor/reference": "238b8895151f24c042bf328f0f48c7047b3498061551b59ed5fe17decb1a1488",
    "el_porvenir/5/aprendiz,ojo_por_ojo,alternador,oportunista,a_medias,rencoroso/default": "4d19d2d5dada45f488498e4324b36fb1e78c8dc07a77eb2e04532e6eb1e54b4b",
    "villa_el_salvador/6/leal,oportunista,reciproco,rencoroso,a_medias,inversor/reference": "a5d753e8532e5715d9473945f2e124a9f11e8c27d5765311fc9040c10ab3b673",
    "villa_el_salvador/8/always_defect,always_defect,always_defect,leal,oportunista,reciproco/no_rules": "50fa56c3d3e2973dc7cca4c07654ab7b166f1a2f67c2c652a0d87015c4676b35",
}
DIGESTS[PER_GAME] = {
    "tutorial/1/leal,oportunista,reciproco,rencoroso,a_medias,inversor/default": "070ce3053be70244357db02056f815b210db63ef0ebcee2b91f78bb2f6bc185e",
    "tutorial/7/aprendiz,ojo_por_ojo,alternador,oportunista,a_medias,rencoroso/default": "4ebe4aafea6aff37b60f1c125cc07e887f76973a469c5b6c28456110ad77e766",
    "gamarra/1/leal,oportunista,reciproco,rencoroso,a_medias,inversor/reference": "9e5bd49ecfc98d505a7e355c17806fea9d31d91f1fc43ab4cb47b0c02a1b80ed",
    "gamarra/2/aprendiz,ojo_por_ojo,alternador,oportunista,a_medias,rencoroso/no_rules": "2aa8bb4c9e3201934ec55a9cf8f04e3feb5e6247b370e02829ac059122420a8d",
    "gamarra/3/always_cooperate,always_cooperate,always_cooperate,always_cooperate,always_cooperate,always_cooperate/reference": "9ed3ac8d48a47fb291e24419ddc5bc7e807444695c03b557e0ee1c1a123f66d2",
    "el_porvenir/4/leal,oportunista,reciproco,rencoroso,a_medias,inversor/reference": "018d48f01e5283a906849ac5c45563a67a7deb82c99d1a9260153ffaa840828f",
    "el_porvenir/5/aprendiz,ojo_por_ojo,alternador,oportunista,a_medias,rencoroso/default": "90608579138fec38e2437b855bbf5760c73892999209c1a73ea9c82d01fe19fa",
    "villa_el_salvador/6/leal,oportunista,reciproco,rencoroso,a_medias,inversor/reference": "57394137d3b9ab519938d25bfc530a4ec36f36ce4be8bbcf56805b5dea5878b8",
    "villa_el_salvador/8/always_defect,always_defect,always_defect,leal,oportunista,reciproco/no_rules": "de8821cfdebf6ed7951c8486630bf8f1ea0d956a867d85a425c2e6f25ba4d198",
}


def _contract(level, which: str) -> dict[str, str]:
    return {
        "default": level.default_contract,
        "reference": level.reference_contract,
        "no_rules": level.no_rules_contract,
    }[which]


def play_golden(
    level_name: str, seed: int, personalities, contract: str, streams: int, treatments=None
) -> Game:
    level = load_level(level_name)
    deciders = [make_personality(p, f"{seed}/ai/{i}") for i, p in enumerate(personalities)]
    return play(
        level,
        deciders,
        seed,
        _contract(level, contract),
        treatments=treatments,
        random_streams=streams,
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


def game_summary(game: Game) -> dict[str, Any]:
    """The fields that existed before issue 4 and 5 (later additions are left out on purpose)."""
    record = game.record().to_json()
    record.pop("treatments", None)
    record.pop("level_fingerprint", None)
    record.pop("random_streams", None)  # each scheme has its own digests
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
                    i: (p.fine, p.offence, p.expelled, p.informal_sanction)
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
    return _floats(
        {
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


SCHEMES = pytest.mark.parametrize("streams", [PER_SEASON, PER_GAME], ids=["per_season", "per_game"])


@SCHEMES
@pytest.mark.parametrize("case", GAMES, ids=lambda c: _key(*c))
def test_golden_game_is_unchanged(case, streams: int) -> None:
    game = play_golden(*case, streams)
    assert digest(game) == DIGESTS[streams][_key(*case)]


@SCHEMES
@pytest.mark.parametrize("case", GAMES, ids=lambda c: _key(*c))
def test_golden_game_replays_to_the_same_digest(case, streams: int) -> None:
    """A record says how its seed was split, and its replay splits it the same way."""
    record = play_golden(*case, streams).record()
    assert record.random_streams == streams
    assert digest(replay(load_level(case[0]), record)) == DIGESTS[streams][_key(*case)]


def test_a_record_from_before_the_schemes_replays_per_season() -> None:
    case = GAMES[5]
    data = play_golden(*case, PER_SEASON).record().to_json()
    del data["random_streams"]
    record = GameRecord.from_json(data)
    assert digest(replay(load_level(case[0]), record)) == DIGESTS[PER_SEASON][_key(*case)]


@SCHEMES
@pytest.mark.parametrize("case", GAMES, ids=lambda c: _key(*c))
def test_treatments_at_their_neutral_values_play_the_same_game(case, streams: int) -> None:
    """Issue 4: the treatments set explicitly to what the game always did change nothing (a
    zero mistake rate draws no dice at all)."""
    neutral = {
        "visibility": "detected",
        "mistake_rate": 0.0,
        "penalty_severity": 1.0,
        "announce_last_season": True,
    }
    assert digest(play_golden(*case, streams, neutral)) == DIGESTS[streams][_key(*case)]


MISTAKES = {"mistake_rate": 0.1, "visibility": "public"}
TREATED_GAMES: list[tuple[str, int, tuple[str, ...], str]] = [
    ("gamarra", 9, MIX, "reference"),
    ("el_porvenir", 11, OTHERS, "default"),
    ("tutorial", 8, OTHERS, "default"),
]
"""Games under the mistake treatment (and public defections), whose mistakes have a stream of
their own. The per-season digests were checked against the engine as it was before the
per-game scheme existed."""

TREATED_DIGESTS: dict[int, dict[str, str]] = {
    PER_SEASON: {
        "gamarra/9": "2cd3cf8064498c174c2e79671a173a9e1cff17c8ecf0d14cc490e8f7e4270d80",
        "el_porvenir/11": "edbb48b05eea88089f46ef33932e3d797289c21c9cf86b61265d3c7389e37b2c",
        "tutorial/8": "539486a463663a249acbc88e92bba069a0728d97ca8be15eadd78b4c17776e8f",
    },
    PER_GAME: {
        "gamarra/9": "cff9ffa9e1bd35ef912cd0a7864ced76c11bb4fa22ea884f7ccb5c9da0386a8f",
        "el_porvenir/11": "3df21062fd3cd1b349e0b640233a4fb0295cbe323e5197ec1d6784a53b7a326b",
        "tutorial/8": "c852e3d45c17aeba5f4cb1ed8ef9289b94ed0af159722bf8bdfabe8c8d138a93",
    },
}


@SCHEMES
@pytest.mark.parametrize("case", TREATED_GAMES, ids=lambda c: f"{c[0]}/{c[1]}")
def test_golden_games_with_mistakes_are_unchanged(case, streams: int) -> None:
    game = play_golden(*case, streams, MISTAKES)
    assert any(r.mistakes for r in game.reports)  # the treatment did come into play
    assert digest(game) == TREATED_DIGESTS[streams][f"{case[0]}/{case[1]}"]
    assert digest(replay(game.level, game.record())) == digest(game)


BULK_SEEDS = range(100, 130)
"""Thirty more games per level, mixed personalities by seed, hashed together."""

BULK_DIGESTS: dict[int, dict[str, str]] = {}
BULK_DIGESTS[PER_SEASON] = {
    "tutorial": "70b2e3ccf5c383a471a3c19f59f6faa9a91e4151b1240ce221c7f9a23d649aeb",
    "gamarra": "5e1e6e042edd3487b9f5ab8847ee757f86803bd5303eb5344b2e33332bfd8f1e",
    "el_porvenir": "c9e1fb4e103281eef410baa4b1d625d6b5ab253d50406780217eba6867966baa",
    "villa_el_salvador": "8d21439597ae1280973d8df7d29173acc01d22c61f4accfa6a2f4d98a0db24c2",
}
BULK_DIGESTS[PER_GAME] = {
    "tutorial": "70b2e3ccf5c383a471a3c19f59f6faa9a91e4151b1240ce221c7f9a23d649aeb",
    "gamarra": "dbefac78eb667a8b129a785869e9aa6742585b76d37b328f70fab15a74aaa81a",
    "el_porvenir": "96eab10f2a772526f10a65c86fedc07de7e0a54af18f71081d5d6511f91ef7ff",
    "villa_el_salvador": "ec0ebfeadbdb8590e36cf445c81c815fab3ec0c0b87531177e102e058f183fbe",
}


def bulk_digest(level_name: str, streams: int) -> str:
    personalities = MIX + OTHERS
    total = hashlib.sha256()
    for seed in BULK_SEEDS:
        seats = tuple(personalities[(seed + i) % len(personalities)] for i in range(6))
        contract = ("reference", "default", "no_rules")[seed % 3]
        total.update(digest(play_golden(level_name, seed, seats, contract, streams)).encode())
    return total.hexdigest()


@SCHEMES
@pytest.mark.parametrize("level_name", ["tutorial", "gamarra", "el_porvenir", "villa_el_salvador"])
def test_bulk_games_are_unchanged(level_name: str, streams: int) -> None:
    assert bulk_digest(level_name, streams) == BULK_DIGESTS[streams][level_name]


if __name__ == "__main__":
    for scheme in (PER_SEASON, PER_GAME):
        print(f"DIGESTS[{scheme}]")
        for case in GAMES:
            print(f'    "{_key(*case)}": "{digest(play_golden(*case, scheme))}",')
        print(f"TREATED_DIGESTS[{scheme}]")
        for case in TREATED_GAMES:
            print(f'    "{case[0]}/{case[1]}": "{digest(play_golden(*case, scheme, MISTAKES))}",')
        print(f"BULK_DIGESTS[{scheme}]")
        for name in ("tutorial", "gamarra", "el_porvenir", "villa_el_salvador"):
            print(f'    "{name}": "{bulk_digest(name, scheme)}",')
