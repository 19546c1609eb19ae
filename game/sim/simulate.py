"""Headless simulation: many games of one level with computer-run firms, summed up.

The facilitator's ``simulate`` command, the benchmarks and a future debrief "what if" screen all
call :func:`simulate`, which returns a plain :class:`SimulationSummary`.

Seeds and seats (so that any game of a run can be replayed on its own):

* game ``k`` (``k = 0 .. games-1``) is played with seed ``seed + k``;
* with ``firms`` given, those personalities sit in that order in every game;
* with ``policy`` given (``all-cooperate`` / ``all-defect``), the reference personality of that
  policy takes every one of the level's default number of seats; ``solo`` seats that many
  firms and forms no alliance: each sells alone all the horizon;
* otherwise the level's default number of seats is filled by drawing (with replacement) from the
  non-reference personalities, sorted by key, with ``random.Random(f"{seed}/seating/{k}")``;
* the personality in seat ``i`` of the game with seed ``g`` draws from
  ``random.Random(f"{g}/ai/{i}")``.

Results are merged in seed order before anything is summed, so the summary is identical whatever
the number of worker processes.
"""

from __future__ import annotations

import json
import os
import random
import textwrap
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from game.ai import REGISTRY, make_personality, personality_keys
from game.content.levels import load_level
from game.engine.game import Game, seat_names, starting_firms
from game.engine.horizon import play_alone
from game.engine.level import Level
from game.engine.outcome import Outcome

POLICIES: dict[str, str] = {
    "all-cooperate": "always_cooperate",
    "all-defect": "always_defect",
    "solo": "solo",
}
"""Reference policies and what takes every seat under each: a personality, or for ``solo`` a
firm that never joins an alliance."""

SOLO = "solo"

CONTRACTS: tuple[str, ...] = ("reference", "default", "no_rules")
"""Contract names, for the level's reference, default and no-rules contracts."""

OUTCOMES: tuple[str, ...] = ("advance", "collapse", "stagnation")

ProgressCallback = Callable[[int, int], None]


class SimulationError(ValueError):
    """Arguments that cannot make a simulation (seat count, unknown personality, ...)."""


@dataclass(frozen=True, slots=True)
class GameResult:
    """What one simulated game leaves behind (small and picklable, for worker processes)."""

    seed: int
    seats: tuple[str, ...]
    outcome: str
    length: int
    final_trust: float
    payoffs: tuple[float, ...]
    """Capital at the horizon minus capital before signing, per seat (the tutorial: final
    capital minus starting capital)."""
    reasons: tuple[str, ...]
    """Reason codes of the ending, each once, in the order the engine gave them."""
    alone: tuple[float, ...] | None = None
    """What each seat would have earned over the horizon with no alliance (same firms, same
    events); None in the tutorial, which has no market to sell alone in."""


@dataclass(frozen=True, slots=True)
class SimulationSummary:
    level: str
    games: int
    seed: int
    firms: tuple[str, ...] | None
    policy: str | None
    contract: str
    contract_terms: dict[str, str]
    rates: dict[str, float]
    """Share of games ending in advance, collapse and stagnation."""
    mean_length: float
    """Mean number of seasons played."""
    mean_final_trust: float
    """Mean alliance trust after the last season."""
    payoff_by_personality: dict[str, float]
    """Mean payoff (capital at the horizon minus capital before signing) over every seat the
    personality occupied."""
    seats_by_personality: dict[str, int]
    payoff_by_outcome: dict[str, float | None]
    """Mean payoff of a firm (every seat) in the games that advanced, collapsed and stagnated;
    None for an ending no game had. What a collapse costs shows here, next to what a working
    alliance earns."""
    reasons: dict[str, int]
    """Reason codes given for collapses and stagnations: in how many games, most common first."""
    solo_payoff: float | None
    """Mean payoff of a firm (every seat) over the same horizon, seeds and events had no
    alliance formed: what selling alone earns, the yardstick of every payoff above. None in
    the tutorial."""


# -- arguments -------------------------------------------------------------------------------


def parse_firms(text: str | None) -> list[str] | None:
    """``"leal, oportunista,leal"`` -> ``["leal", "oportunista", "leal"]``; None stays None."""
    if text is None:
        return None
    return [part.strip() for part in text.split(",") if part.strip()]


def default_workers() -> int:
    """Worker processes for a long run: the machine's cores, kept within 2..4."""
    return min(max(os.cpu_count() or 1, 2), 4)


def check_arguments(
    level: Level,
    games: int,
    firms: Sequence[str] | None,
    policy: str | None,
    contract: str | None,
    workers: int,
) -> None:
    """Raise :class:`SimulationError` naming the first problem with the arguments."""
    if games < 1:
        raise SimulationError(f"the number of games must be at least 1, not {games}")
    if workers < 1:
        raise SimulationError(f"the number of workers must be at least 1, not {workers}")
    if policy is not None and policy not in POLICIES:
        raise SimulationError(f"unknown policy '{policy}' (known: {', '.join(POLICIES)})")
    if policy == SOLO and level.is_dilemma:
        raise SimulationError(
            f"{level.id} is a dilemma of rounds with no market to sell alone in: "
            "--policy solo plays cluster levels"
        )
    if contract is not None and contract not in CONTRACTS:
        raise SimulationError(f"unknown contract '{contract}' (known: {', '.join(CONTRACTS)})")
    if firms is not None:
        if policy is not None:
            raise SimulationError("--firms and --policy cannot be used together")
        if not level.firms.min <= len(firms) <= level.firms.max:
            raise SimulationError(
                f"{level.id} is played by {level.firms.min} to {level.firms.max} firms, "
                f"but --firms names {len(firms)}"
            )
        for key in firms:
            if key not in REGISTRY:
                try:
                    make_personality(key, 0)  # raises, saying what was meant
                except KeyError as error:
                    raise SimulationError(error.args[0]) from None
    elif policy is None and not drawable_personalities():
        raise SimulationError(
            "no non-reference personalities are registered to draw seats from; "
            "use --firms or --policy"
        )


def drawable_personalities() -> list[str]:
    """The keys seats are drawn from when no firms or policy are given (sorted, stable)."""
    return sorted(personality_keys())


def contract_name(policy: str | None, contract: str | None) -> str:
    """The contract a run uses: as asked; else the reference one for a policy, else default."""
    if contract is not None:
        return contract
    return "reference" if policy is not None else "default"


def contract_terms(level: Level, name: str) -> dict[str, str]:
    return dict(
        {
            "reference": level.reference_contract,
            "default": level.default_contract,
            "no_rules": level.no_rules_contract,
        }[name]
    )


def seating(
    level: Level, seed: int, k: int, firms: Sequence[str] | None, policy: str | None
) -> tuple[str, ...]:
    """The personalities at the table in game ``k`` of a run with base seed ``seed``."""
    if firms is not None:
        return tuple(firms)
    if policy is not None:
        return (POLICIES[policy],) * level.firms.default
    keys = drawable_personalities()
    rng = random.Random(f"{seed}/seating/{k}")
    return tuple(rng.choice(keys) for _ in range(level.firms.default))


# -- playing ---------------------------------------------------------------------------------


def run_game(
    level: Level,
    seed: int,
    seats: Sequence[str],
    contract: Mapping[str, str],
    *,
    treatments: Mapping[str, Any] | None = None,
) -> GameResult:
    """Play one game to its end, as :func:`game.engine.game.play` does, and keep the figures
    (seats all ``solo``: no alliance forms, :func:`game.engine.horizon.play_alone`)."""
    names = seat_names(level, len(seats))
    if all(key == SOLO for key in seats):
        alone = play_alone(level, starting_firms(level, names, seed), seed)
        return _result(seed, seats, alone.outcome, 0.0, alone.payoffs, alone.payoffs)
    deciders = [make_personality(key, f"{seed}/ai/{i}") for i, key in enumerate(seats)]
    game = Game(level, names, seed, contract, treatments=treatments)
    while game.outcome is None:
        game.begin_season()
        game.resolve({i: deciders[i](game.view(i)) for i in game.members()})
    trust = game.reports[-1].trust_after
    alone = None if level.is_dilemma else game.alone_payoffs()
    return _result(seed, seats, game.outcome, trust, game.payoffs(), alone)


def _result(
    seed: int,
    seats: Sequence[str],
    outcome: Outcome,
    final_trust: float,
    payoffs: Sequence[float],
    alone: Sequence[float] | None,
) -> GameResult:
    """A game's figures, however it was played (one by one, alone, or in a tutorial batch)."""
    return GameResult(
        seed=seed,
        seats=tuple(seats),
        outcome=outcome.kind,
        length=outcome.season,
        final_trust=final_trust,
        payoffs=tuple(payoffs),
        reasons=tuple(dict.fromkeys(reason.code for reason in outcome.reasons)),
        alone=tuple(alone) if alone is not None else None,
    )


def run_games(
    level: Level,
    seed: int,
    start: int,
    stop: int,
    firms: Sequence[str] | None,
    policy: str | None,
    contract: str,
) -> list[GameResult]:
    """Games ``start .. stop-1`` of a run (game ``k`` uses seed ``seed + k``).

    Tutorial games whose every seat is a deterministic personality are played together by the
    batch player, which ends each exactly as :func:`run_game` would (tests hold the two equal).
    """
    terms = contract_terms(level, contract)
    tables = {k: seating(level, seed, k, firms, policy) for k in range(start, stop)}
    batched = _batched(level, seed, tables) if level.is_dilemma else {}
    return [
        batched[k] if k in batched else run_game(level, seed + k, seats, terms)
        for k, seats in tables.items()
    ]


def _batched(
    level: Level, seed: int, tables: Mapping[int, tuple[str, ...]]
) -> dict[int, GameResult]:
    """The games of ``tables`` the tutorial's batch player can take, played in one batch per
    number of firms. Imported here: the batch player needs numpy, which no other level (and
    no launch of the game, whose command line builds this module's parser) should load."""
    from game.engine.dilemma_batch import batch_playable, play_dilemma_batch

    if not batch_playable(level):
        return {}
    by_size: dict[int, list[int]] = {}
    for k, seats in tables.items():
        if all(REGISTRY[key].tutorial_machine is not None for key in seats):
            by_size.setdefault(len(seats), []).append(k)
    results = {}
    for ks in by_size.values():
        machines = [[REGISTRY[key].tutorial_machine for key in tables[k]] for k in ks]
        played = play_dilemma_batch(level, machines, [seed + k for k in ks])
        for k, game in zip(ks, played, strict=True):
            payoffs = [e - s for e, s in zip(game.capital, game.start_capital, strict=True)]
            results[k] = _result(seed + k, tables[k], game.outcome, game.final_trust, payoffs, None)
    return results


# Worker processes load the level once (initializer) and then play chunks of games. Both are
# module-level functions taking plain arguments, so they work under the 'spawn' start method.
_worker_level: Level | None = None


def _init_worker(level_ref: str) -> None:
    global _worker_level
    _worker_level = load_level(level_ref)


def _run_chunk(
    seed: int,
    start: int,
    stop: int,
    firms: list[str] | None,
    policy: str | None,
    contract: str,
) -> list[GameResult]:
    assert _worker_level is not None, "worker not initialised"
    return run_games(_worker_level, seed, start, stop, firms, policy, contract)


def _chunks(games: int, workers: int) -> list[tuple[int, int]]:
    """Split ``0 .. games-1`` into ranges: a few per worker, for balance and for progress."""
    size = max(1, min(250, -(-games // (workers * 8))))
    return [(start, min(start + size, games)) for start in range(0, games, size)]


def simulate(
    level_ref: str,
    games: int,
    seed: int,
    firms: Sequence[str] | None = None,
    policy: str | None = None,
    contract: str | None = None,
    workers: int = 1,
    progress: ProgressCallback | None = None,
    *,
    level: Level | None = None,
) -> SimulationSummary:
    """Play ``games`` games of a level and sum them up.

    ``level_ref`` is a shipped level's name or a YAML path (raises ``LevelError``); ``level``
    may pass the already loaded level to save loading it again (workers still load
    ``level_ref``). Bad arguments raise :class:`SimulationError`. ``progress(done, total)`` is
    called as games finish. The result does not depend on ``workers``.
    """
    if level is None:
        level = load_level(level_ref)
    firms = list(firms) if firms is not None else None
    check_arguments(level, games, firms, policy, contract, workers)
    chosen = contract_name(policy, contract)
    workers = min(workers, games)
    results: list[GameResult] = []
    if workers == 1:
        for start, stop in _chunks(games, 1):
            results += run_games(level, seed, start, stop, firms, policy, chosen)
            if progress is not None:
                progress(stop, games)
    else:
        chunks = _chunks(games, workers)
        by_chunk: dict[int, list[GameResult]] = {}
        done = 0
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(level_ref,)
        ) as pool:
            futures = {
                pool.submit(_run_chunk, seed, start, stop, firms, policy, chosen): index
                for index, (start, stop) in enumerate(chunks)
            }
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    chunk = future.result()
                    by_chunk[futures[future]] = chunk
                    done += len(chunk)
                if progress is not None:
                    progress(done, games)
        for index in range(len(chunks)):
            results += by_chunk[index]
    return summarize(level, seed, firms, policy, chosen, results)


def summarize(
    level: Level,
    seed: int,
    firms: Sequence[str] | None,
    policy: str | None,
    contract: str,
    results: Sequence[GameResult],
) -> SimulationSummary:
    """Sum up games given in seed order (the order fixes every floating-point sum)."""
    n = len(results)
    kinds = Counter(r.outcome for r in results)
    payoff_sum: dict[str, float] = {}
    seats: dict[str, int] = {}
    for result in results:
        for key, payoff in zip(result.seats, result.payoffs, strict=True):
            payoff_sum[key] = payoff_sum.get(key, 0.0) + payoff
            seats[key] = seats.get(key, 0) + 1
    order = list(dict.fromkeys(firms)) if firms is not None else sorted(seats)
    by_outcome: dict[str, list[float]] = {kind: [] for kind in OUTCOMES}
    for result in results:
        by_outcome[result.outcome].extend(result.payoffs)
    reasons = Counter(
        code for r in results if r.outcome in ("collapse", "stagnation") for code in r.reasons
    )
    alone = [payoff for r in results if r.alone is not None for payoff in r.alone]
    return SimulationSummary(
        level=level.id,
        games=n,
        seed=seed,
        firms=tuple(firms) if firms is not None else None,
        policy=policy,
        contract=contract,
        contract_terms=contract_terms(level, contract),
        rates={kind: kinds[kind] / n for kind in OUTCOMES},
        mean_length=sum(r.length for r in results) / n,
        mean_final_trust=sum(r.final_trust for r in results) / n,
        payoff_by_personality={key: payoff_sum[key] / seats[key] for key in order},
        seats_by_personality={key: seats[key] for key in order},
        payoff_by_outcome={
            kind: sum(payoffs) / len(payoffs) if payoffs else None
            for kind, payoffs in by_outcome.items()
        },
        reasons=dict(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
        solo_payoff=sum(alone) / len(alone) if alone else None,
    )


# -- output ----------------------------------------------------------------------------------


def summary_to_json(summary: SimulationSummary) -> dict[str, Any]:
    """The summary as one JSON-ready object."""
    return {
        "level": summary.level,
        "games": summary.games,
        "seed": summary.seed,
        "firms": list(summary.firms) if summary.firms is not None else None,
        "policy": summary.policy,
        "contract": summary.contract,
        "contract_terms": dict(summary.contract_terms),
        "rates": dict(summary.rates),
        "mean_length": summary.mean_length,
        "mean_final_trust": summary.mean_final_trust,
        "payoff_by_personality": dict(summary.payoff_by_personality),
        "seats_by_personality": dict(summary.seats_by_personality),
        "payoff_by_outcome": dict(summary.payoff_by_outcome),
        "reasons": dict(summary.reasons),
        "solo_payoff": summary.solo_payoff,
    }


def summary_to_json_text(summary: SimulationSummary) -> str:
    return json.dumps(summary_to_json(summary), indent=2, ensure_ascii=False)


def _spanish_name(key: str) -> str:
    cls = REGISTRY.get(key)
    name = getattr(cls, "name", None) if cls is not None else None
    return name.get("es", "") if isinstance(name, dict) else ""


def format_summary(summary: SimulationSummary) -> str:
    """A plain-text report with aligned columns."""
    if summary.policy is not None:
        seats = f"policy {summary.policy}"
    elif summary.firms is not None:
        seats = "firms " + ", ".join(summary.firms)
    else:
        seats = "firms drawn at random each game"
    last = summary.seed + summary.games - 1
    lines = [
        f"Level:     {summary.level}",
        f"Games:     {summary.games} (seeds {summary.seed}..{last})",
        f"Seats:     {seats}",
        f"Contract:  {summary.contract}",
        *textwrap.wrap(
            ", ".join(f"{k}={v}" for k, v in summary.contract_terms.items()),
            width=100,
            initial_indent=" " * 11,
            subsequent_indent=" " * 11,
        ),
        "",
        "Outcomes",
    ]
    for kind in OUTCOMES:
        rate = summary.rates[kind]
        count = round(rate * summary.games)
        lines.append(f"  {kind:<12}{rate:>7.1%}  {count:>7d} games")
    lines += [
        "",
        f"Mean length       {summary.mean_length:8.2f} seasons",
        f"Mean final trust  {summary.mean_final_trust:8.3f}",
        "",
        "Mean payoff by personality (capital at the horizon minus capital before signing)",
    ]
    rows = [
        (key, _spanish_name(key), summary.seats_by_personality[key], payoff)
        for key, payoff in summary.payoff_by_personality.items()
    ]
    key_w = max([len("personality"), *(len(r[0]) for r in rows)])
    name_w = max([len("nombre"), *(len(r[1]) for r in rows)])
    lines.append(f"  {'personality':<{key_w}}  {'nombre':<{name_w}}  {'seats':>7}  {'payoff':>10}")
    for key, name, count, payoff in rows:
        lines.append(f"  {key:<{key_w}}  {name:<{name_w}}  {count:>7d}  {payoff:>10.1f}")
    lines += ["", "Mean payoff of a firm by how its game ended"]
    for kind in OUTCOMES:
        payoff = summary.payoff_by_outcome[kind]
        shown = f"{payoff:>10.1f}" if payoff is not None else f"{'-':>10}"
        lines.append(f"  {kind:<12}{shown}")
    if summary.solo_payoff is not None:
        lines.append(f"  {'alone':<12}{summary.solo_payoff:>10.1f}   (no alliance, same events)")
    lines += ["", "Reasons for collapse and stagnation (games)"]
    if summary.reasons:
        code_w = max(len(code) for code in summary.reasons)
        for code, count in summary.reasons.items():
            lines.append(f"  {code:<{code_w}}  {count:>7d}")
    else:
        lines.append("  (none: every game advanced)")
    return "\n".join(lines)
