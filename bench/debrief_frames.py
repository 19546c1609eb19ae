"""Frame time of the debrief screen with its charts (called by ``bench/run.py``).

``measure(frames=600)`` plays a Gamarra game with 8 computer-run firms to its end, opens its
debrief headless at 1280x720 with animations on, and times every frame while the charts are
revealed one after another (the "next chart" key every 2.5 s of game time), so the figure covers
the trust, capital, fund and seven-dimension charts, both growing and still.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MIX = ("leal", "oportunista", "reciproco", "rencoroso", "a_medias", "inversor", "aprendiz")


def _finished_match(seed: int = 3):
    from game.content.levels import load_level
    from game.play.match import Match, Seat, Stage

    level = load_level("gamarra")
    seats = [
        Seat(f"{level.firm_names[i % len(level.firm_names)]} {i}", MIX[i % len(MIX)])
        for i in range(8)
    ]
    match = Match(level, seats, seed)
    match.sign(level.reference_contract)
    while match.stage is not Stage.OVER:
        if match.stage is Stage.RESOLVED:
            match.next_season()
        match.resolve()
    return match


def measure(frames: int = 600) -> list[float]:
    """Every frame's time (ms) of the debrief's charts, headless (``bench/run.py`` takes their
    median and 99th percentile, as it does for the season screen)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import tempfile

    import pygame

    from game.persistence.paths import AppPaths
    from game.persistence.settings import Settings
    from game.ui.app import App
    from game.ui.scenes.debrief import DebriefScene

    random.seed(0)
    match = _finished_match()
    with tempfile.TemporaryDirectory() as home:
        paths = AppPaths(data_dir=Path(home) / "data", config_dir=Path(home) / "config")
        app = App(paths, settings=Settings(animation_speed="normal"), size=(1280, 720))
        scene = DebriefScene(
            app, match.level, match.active_game.record(), [s.personality for s in match.seats]
        )
        app.show(scene)
        for _ in range(30):
            app.step()
        next_key = [
            pygame.event.Event(pygame.KEYDOWN, key=pygame.K_s, mod=0, unicode="s", scancode=0)
        ]
        samples = []
        charts = len(scene.charts())
        for i in range(frames):
            events = None
            if i and i % 150 == 0:  # 2.5 s at 60 fps: the next chart, or back to the first
                if scene.chart_index == charts - 1:
                    scene.chart_index = -1
                    scene.turn_chart(1)
                else:
                    events = next_key
            start = time.perf_counter()
            app.step(events, dt=1 / 60)
            samples.append((time.perf_counter() - start) * 1000.0)
        pygame.quit()
    return samples


if __name__ == "__main__":
    from run import frame_figures

    print(frame_figures(measure()))
