"""The workshop's server as the game's window runs it: a process of its own.

The window never imports the workshop (the desktop does not depend on it, and the server keeps
serving the phones whatever a frame of the window is doing). It starts ``python -m game
workshop ... --announce FILE`` and reads, from that file, the address, the room code and the
console's PIN the server chose; the server's messages (in both languages) go to a log beside
the workshop's database, and its last lines are what the window shows if it stops by itself.
Stopping it is an interrupt, as Ctrl+C in a terminal: the workshop stays in its database and is
resumed the next time it is opened with the same level.
"""

from __future__ import annotations

import atexit
import json
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

STOP_SECONDS = 5.0
"""How long a stopped server has to close its connections before it is killed."""
PROBE_SECONDS = 0.25
"""How often the window asks whether the server's page answers, until it does: a frame never
waits on the network more than once in that time."""


@dataclass(frozen=True, slots=True)
class WorkshopOptions:
    """What the facilitator chose on the screen, as the command's arguments."""

    level: str
    groups: int
    firms: int | None
    timer: int
    new: bool = False
    host: str | None = None  # the LAN address when None (loopback in tests)

    def arguments(self) -> list[str]:
        args = [self.level, "--groups", str(self.groups), "--timer", str(self.timer)]
        if self.firms is not None:
            args += ["--firms", str(self.firms)]
        if self.new:
            args.append("--new")
        if self.host:
            args += ["--host", self.host]
        return args


@dataclass(frozen=True, slots=True)
class Announcement:
    """What the server wrote once its room was open."""

    address: str
    join: str
    code: str
    console: str
    pin: str
    database: str
    resumed: bool


class WorkshopServer:
    """One server process, started by :meth:`start`; :meth:`stop` ends it (also at exit)."""

    def __init__(self, process: subprocess.Popen, folder: Path) -> None:
        self.process = process
        self.folder = folder
        self.announcement: Announcement | None = None
        self.refusal: dict[str, str] | None = None  # why the command would not serve, by language
        self._answered = False
        self._probed = 0.0  # when the page was last asked for (monotonic seconds)
        atexit.register(self.stop)

    @classmethod
    def start(cls, options: WorkshopOptions, folder: Path, *, db: Path | None = None):
        """Start a server for ``options``; its files (log, announcement) live in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / "server.json"
        note.unlink(missing_ok=True)
        command = [sys.executable, "-m", "game", "workshop", *options.arguments()]
        command += ["--announce", str(note)]
        if db is not None:
            command += ["--db", str(db)]
        with open(folder / "server.log", "wb") as log:
            process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        return cls(process, folder)

    @property
    def log_path(self) -> Path:
        return self.folder / "server.log"

    def running(self) -> bool:
        return self.process.poll() is None

    def ready(self) -> Announcement | None:
        """The announcement once the server answers at its address; None until then (called
        every frame: cheap until the file appears, then one request until it answers)."""
        if self.announcement is None:
            note = self.folder / "server.json"
            if not note.is_file():
                return None
            try:
                facts = json.loads(note.read_text("utf-8"))
                if "error" in facts:
                    self.refusal = {str(k): str(v) for k, v in facts["error"].items()}
                    return None
                self.announcement = Announcement(**facts)
            except (OSError, ValueError, TypeError, AttributeError):
                return None
        if not self._answered and time.monotonic() - self._probed >= PROBE_SECONDS:
            self._probed = time.monotonic()
            self._answered = answers(self.announcement.address)
        return self.announcement if self._answered else None

    def failure(self, lang: str = "es") -> str | None:
        """Why the server stopped by itself, or None while it runs: the command's own reason in
        ``lang`` when it gave one, else the last lines of its log."""
        if self.running():
            return None
        if self.refusal is None:
            self.ready()  # a refusal is written just before the process ends
        if self.refusal:
            return self.refusal.get(lang) or next(iter(self.refusal.values()))
        try:
            lines = self.log_path.read_text("utf-8", errors="replace").strip().splitlines()
        except OSError:
            lines = []
        return "\n".join(lines[-4:]) or f"exit code {self.process.returncode}"

    def stop(self) -> None:
        """Interrupt the server (it closes as after Ctrl+C) and wait for it; kill it if it does
        not stop in :data:`STOP_SECONDS`."""
        atexit.unregister(self.stop)
        if not self.running():
            return
        if sys.platform == "win32":  # no interrupt to send to another process there
            self.process.terminate()
        else:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def answers(address: str, timeout: float = 0.2) -> bool:
    """Whether the server's page answers (a link to it would work for a phone)."""
    try:
        with urllib.request.urlopen(address + "/", timeout=timeout) as reply:
            return reply.status == 200
    except (OSError, ValueError):
        return False


def wait_ready(server: WorkshopServer, seconds: float) -> Announcement | None:
    """For scripts and tests: poll until the server is ready, stops, or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.running():
        found = server.ready()
        if found is not None:
            return found
        time.sleep(0.1)
    return server.ready()
