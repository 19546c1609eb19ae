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

Results are added to the running sums in seed order, so the summary is identical whatever the
number of worker processes. Nothing grows with the number of games: workers get a bounded number
of chunks at a time, and each chunk is folded into the sums (:class:`Totals`) and dropped. A run
is bounded all the same (:data:`MAX_GAMES`, :func:`max_workers`).
"""

from __future__ import annotations

import json
import os
import random
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from game.ai import REGISTRY, make_personality, newcomer_personality, personality_keys
from game.content.levels import load_level
from game.engine.game import Game, seat_names, starting_firms
from game.engine.horizon import play_alone
from game.engine.level import Level
from game.engine.outcome import Outcome
from game.sim.pool import play_chunks_in_order

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

MAX_GAMES = 10_000_000
"""The most games one run plays: some hours of a classroom computer, far more than any rate
needs (10,000 games already fix a rate to within a point)."""
CHUNKS_IN_FLIGHT_PER_WORKER = 2
"""Chunks handed to each worker before the first comes back: enough to keep it busy, few
enough that the results waiting to be added in seed order stay small."""


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


def max_workers() -> int:
    """The most worker processes a run may use: the machine's cores (at least 2, so that the
    default and the tests' two-worker runs hold on a one-core machine). Each worker loads the
    game and a level; more workers than cores only cost memory and never finish sooner."""
    return max(os.cpu_count() or 1, 2)


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
    if games > MAX_GAMES:
        raise SimulationError(
            f"the number of games must be at most {MAX_GAMES:,}, not {games:,} "
            "(run several simulations with different --seed values for more)"
        )
    if workers < 1:
        raise SimulationError(f"the number of workers must be at least 1, not {workers}")
    if workers > max_workers():
        raise SimulationError(
            f"the number of workers must be at most {max_workers()} "
            f"(this computer's cores), not {workers}"
        )
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
    table = list(seats)
    deciders = [make_personality(key, f"{seed}/ai/{i}") for i, key in enumerate(table)]
    game = Game(level, names, seed, contract, treatments=treatments)
    while game.outcome is None:
        game.begin_season()
        for firm_id in range(len(deciders), len(game.names)):  # firms that joined
            table.append(newcomer_personality(seats, seed, firm_id))
            deciders.append(make_personality(table[-1], f"{seed}/ai/{firm_id}"))
        game.resolve({i: deciders[i](game.view(i)) for i in game.members()})
    trust = game.reports[-1].trust_after
    alone = None if level.is_dilemma else game.alone_payoffs()
    return _result(seed, table, game.outcome, trust, game.payoffs(), alone)


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


def _chunks(games: int, workers: int) -> Iterator[tuple[int, int]]:
    """Split ``0 .. games-1`` into ranges, one after another: a few per worker, for balance
    and for progress."""
    size = max(1, min(250, -(-games // (workers * 8))))
    return ((start, min(start + size, games)) for start in range(0, games, size))


def _play_in_pool(
    pool: ProcessPoolExecutor,
    workers: int,
    games: int,
    task: tuple,
    totals: Totals,
    progress: ProgressCallback | None,
) -> None:
    """Play the chunks of a run in ``pool``, at most ``workers *``
    :data:`CHUNKS_IN_FLIGHT_PER_WORKER` at a time, adding each to ``totals`` in seed order."""
    seed, firms, policy, chosen = task
    play_chunks_in_order(
        lambda start, stop: pool.submit(_run_chunk, seed, start, stop, firms, policy, chosen),
        _chunks(games, workers),
        workers * CHUNKS_IN_FLIGHT_PER_WORKER,
        totals.add_all,
        None if progress is None else (lambda done: progress(done, games)),
    )


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
    totals = Totals()
    if workers == 1:
        for start, stop in _chunks(games, 1):
            totals.add_all(run_games(level, seed, start, stop, firms, policy, chosen))
            if progress is not None:
                progress(stop, games)
    else:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(level_ref,)
        ) as pool:
            _play_in_pool(pool, workers, games, (seed, firms, policy, chosen), totals, progress)
    return totals.summary(level, seed, firms, policy, chosen)


class Totals:
    """Running sums of a run's games, added one by one in seed order: what :func:`summarize`
    needs, in memory that does not grow with the number of games. Each sum is added in the
    order the games come, as ``sum`` over the list of results would add it."""

    def __init__(self) -> None:
        self.games = 0
        self.kinds: Counter[str] = Counter()
        self.length = 0
        self.final_trust = 0.0
        self.payoff_sum: dict[str, float] = {}
        self.seats: dict[str, int] = {}
        self.outcome_sum: dict[str, float] = {kind: 0.0 for kind in OUTCOMES}
        self.outcome_count: dict[str, int] = {kind: 0 for kind in OUTCOMES}
        self.reasons: Counter[str] = Counter()
        self.alone_sum = 0.0
        self.alone_count = 0

    def add(self, result: GameResult) -> None:
        self.games += 1
        self.kinds[result.outcome] += 1
        self.length += result.length
        self.final_trust += result.final_trust
        for key, payoff in zip(result.seats, result.payoffs, strict=True):
            self.payoff_sum[key] = self.payoff_sum.get(key, 0.0) + payoff
            self.seats[key] = self.seats.get(key, 0) + 1
        for payoff in result.payoffs:
            self.outcome_sum[result.outcome] += payoff
        self.outcome_count[result.outcome] += len(result.payoffs)
        if result.outcome in ("collapse", "stagnation"):
            self.reasons.update(result.reasons)
        if result.alone is not None:
            for payoff in result.alone:
                self.alone_sum += payoff
            self.alone_count += len(result.alone)

    def add_all(self, results: Iterable[GameResult]) -> None:
        for result in results:
            self.add(result)

    def summary(
        self,
        level: Level,
        seed: int,
        firms: Sequence[str] | None,
        policy: str | None,
        contract: str,
    ) -> SimulationSummary:
        n = self.games
        order = list(dict.fromkeys(firms)) if firms is not None else sorted(self.seats)
        return SimulationSummary(
            level=level.id,
            games=n,
            seed=seed,
            firms=tuple(firms) if firms is not None else None,
            policy=policy,
            contract=contract,
            contract_terms=contract_terms(level, contract),
            rates={kind: self.kinds[kind] / n for kind in OUTCOMES},
            mean_length=self.length / n,
            mean_final_trust=self.final_trust / n,
            payoff_by_personality={key: self.payoff_sum[key] / self.seats[key] for key in order},
            seats_by_personality={key: self.seats[key] for key in order},
            payoff_by_outcome={
                kind: self.outcome_sum[kind] / self.outcome_count[kind]
                if self.outcome_count[kind]
                else None
                for kind in OUTCOMES
            },
            reasons=dict(sorted(self.reasons.items(), key=lambda item: (-item[1], item[0]))),
            solo_payoff=self.alone_sum / self.alone_count if self.alone_count else None,
        )


def summarize(
    level: Level,
    seed: int,
    firms: Sequence[str] | None,
    policy: str | None,
    contract: str,
    results: Sequence[GameResult],
) -> SimulationSummary:
    """Sum up games given in seed order (the order fixes every floating-point sum)."""
    totals = Totals()
    totals.add_all(results)
    return totals.summary(level, seed, firms, policy, contract)


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
