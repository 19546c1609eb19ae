"""Headless simulation of many games (the facilitator's ``simulate`` command, benchmarks)."""

from game.sim.simulate import (
    GameResult,
    SimulationError,
    SimulationSummary,
    format_summary,
    simulate,
    summary_to_json,
)

__all__ = [
    "GameResult",
    "SimulationError",
    "SimulationSummary",
    "format_summary",
    "simulate",
    "summary_to_json",
]
