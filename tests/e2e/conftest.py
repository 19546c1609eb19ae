"""A real window under Xvfb, driven with xdotool as a person would (TESTING.md's recipe).

The fixture starts and stops its own virtual display. If Xvfb or xdotool is missing it installs
them (Debian packages, as root), and skips with the reason only when that is impossible.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool", "xdpyinfo": "x11-utils"}
ROOT = Path(__file__).resolve().parents[2]
WM_CLASS = "asociatividad"


def _ensure_tools() -> str | None:
    missing = [pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    if not missing:
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"needs {', '.join(missing)} (install them with apt-get)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "install", "-y", "-q", *missing],
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", *missing],
    ):
        subprocess.run(command, env=env, capture_output=True, timeout=600, check=False)
        if all(shutil.which(tool) for tool in TOOLS):
            return None
    return f"could not install {', '.join(missing)}"


@dataclass
class Display:
    name: str
    home: Path

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DISPLAY": self.name,
            "SDL_VIDEODRIVER": "x11",
            "SDL_AUDIODRIVER": "dummy",
            "SDL_VIDEO_X11_WMCLASS": WM_CLASS,
            "ASOCIATIVIDAD_HOME": str(self.home),
            "PYTHONPATH": str(ROOT),
        }

    def xdotool(self, *args: str, timeout: float = 20) -> str:
        done = subprocess.run(
            ["xdotool", *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return done.stdout.strip()


@pytest.fixture
def display(tmp_path: Path) -> Iterator[Display]:
    reason = _ensure_tools()
    if reason:
        pytest.skip(f"end-to-end window test skipped: {reason}")
    number = 90 + os.getpid() % 9
    name = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", name, "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while (
            subprocess.run(
                ["xdpyinfo", "-display", name], capture_output=True, check=False
            ).returncode
            != 0
        ):
            if time.monotonic() > deadline:
                pytest.skip("end-to-end window test skipped: Xvfb did not start")
            time.sleep(0.1)
        yield Display(name, tmp_path / "home")
    finally:
        server.terminate()
        server.wait(timeout=10)
