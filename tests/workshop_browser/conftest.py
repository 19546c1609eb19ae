"""Real-browser tests of the workshop: Debian's Chromium driven by Playwright for Python
(TESTING.md, "A real browser"), phones emulated as a Pixel 5, against ``main.py workshop``
started as a real process on loopback.

No browser is downloaded: Playwright drives ``/usr/bin/chromium`` (``.ci/run`` installs it);
without it these tests are skipped with the reason. Waits are Playwright's (bounded by their
timeouts); nothing asserts how long anything took.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = "Pixel 5"
WAIT_MS = 15_000
"""Playwright's timeout for a page to show what it should (generous: a shared 2-core machine)."""
CLOSE_SECONDS = 15
SEASONS = 2
"""The short tutorial's seasons: the tutorial's rules, fewer rounds, so a game ends quickly."""


RESET = struct.pack("ii", 1, 0)
"""SO_LINGER on, zero seconds: closing the socket sends an RST."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def short_tutorial(tmp_path_factory) -> str:
    """The shipped tutorial level with a season limit of :data:`SEASONS`, as a YAML path."""
    data = yaml.safe_load((ROOT / "levels" / "tutorial.yaml").read_text(encoding="utf-8"))
    data["rules"]["end"]["season_limit"] = SEASONS
    path = tmp_path_factory.mktemp("levels") / "short_tutorial.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


class Server:
    """``main.py workshop LEVEL --host 127.0.0.1 --port P --db FILE ...`` as a process."""

    def __init__(self, tmp_path: Path, level: str, port: int, *options: str) -> None:
        self.command = [
            sys.executable,
            "main.py",
            "workshop",
            level,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--db",
            str(tmp_path / "taller.db"),
            *options,
        ]
        self.env = dict(
            os.environ,
            ASOCIATIVIDAD_HOME=str(tmp_path / "home"),
            PYTHONUNBUFFERED="1",
            PYTHONPATH=str(ROOT),
        )
        self.process: subprocess.Popen[str] | None = None
        self.start()

    def start(self) -> None:
        """Launch the process (again, the same way) and wait until it serves."""
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines = []
        for _ in range(200):  # the launch output, until its last line
            line = self.process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Ctrl+C to stop" in line:
                break
        self.output = "".join(lines)
        found = re.search(r"Phones join at: (http://[\d.]+:(\d+))", self.output)
        assert found, self.output
        self.address, self.port = found.group(1), int(found.group(2))
        self.code = re.search(r"Room code: ([A-Z]+)", self.output).group(1)
        self.pin = re.search(r"PIN: (\d+) \(do not", self.output).group(1)
        # The rest of the output (warnings, a traceback) is read so the pipe never fills.
        threading.Thread(target=self._drain, args=(self.process,), daemon=True).start()
        for _ in range(150):
            try:
                httpx.get(self.address + "/", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("the server never answered")

    def _drain(self, process: subprocess.Popen[str]) -> None:
        for line in process.stdout:
            self.output += line

    def kill(self) -> None:
        """SIGKILL: no shutdown, no checkpoint, as a laptop whose lid was shut on it."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def launch(tmp_path) -> Iterator:
    """``launch(level, *options)``: a workshop server on a free loopback port."""
    started: list[Server] = []

    def start(level: str, *options: str) -> Server:
        server = Server(tmp_path, level, free_port(), *options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


class Proxy:
    """A loopback TCP proxy between the browser and the server, standing for the room's Wi-Fi.

    :meth:`cut` drops the Wi-Fi: from then on every byte is lost in the air and nothing is
    closed (a phone whose network vanished hears neither data nor a FIN); a connection the
    phone opens meanwhile goes nowhere either. :meth:`restore` brings the network back: a
    connection that lived through the cut is reset when it is next used (the far end no longer
    knows it), here at once; new connections go through."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = True
        self.closed = False
        self._lock = threading.Lock()
        self._links: list[dict] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                up = self.up
            if not up:  # held: its bytes are read and lost until the proxy closes
                link = {"sockets": (client,), "dead": True}
                with self._lock:
                    self._links.append(link)
                threading.Thread(target=self._pump, args=(link, client, None), daemon=True).start()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            link = {"sockets": (client, upstream), "dead": False}
            with self._lock:
                self._links.append(link)
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(link, src, dst), daemon=True).start()

    def _pump(self, link: dict, src: socket.socket, dst: socket.socket | None) -> None:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            if link["dead"] or dst is None:
                continue  # lost in the air
            try:
                dst.sendall(data)
            except OSError:
                break
        if not link["dead"]:
            self._close(link)

    def _close(self, link: dict) -> None:
        for sock in link["sockets"]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def cut(self) -> None:
        with self._lock:
            self.up = False
            for link in self._links:
                link["dead"] = True

    def restore(self) -> None:
        with self._lock:
            dead = [link for link in self._links if link["dead"]]
            self._links = [link for link in self._links if not link["dead"]]
            self.up = True
        for link in dead:
            for sock in link["sockets"]:
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET)
                    sock.close()

    def close(self) -> None:
        self.closed = True
        with contextlib.suppress(OSError):
            self.listener.close()
        with self._lock:
            links, self._links = self._links, []
        for link in links:
            self._close(link)


NO_CHROMIUM = f"real-browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"


@pytest.fixture(autouse=True)
def _needs_chromium() -> None:
    """Checked before any server is started."""
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)


@pytest.fixture(scope="package")
def playwright():
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    from playwright import sync_api

    sync_api.expect.set_options(timeout=WAIT_MS)
    with sync_api.sync_playwright() as driver:
        yield driver


def _chromium_processes() -> set[int]:
    """The Chromium browser processes this test process started (through Playwright's driver):
    found by walking down from this process, never by name."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [os.getpid()]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            todo.append(child)
            with contextlib.suppress(OSError):
                args = (Path("/proc") / str(child) / "cmdline").read_bytes().split(b"\0")
                if b"chromium" in args[0] and b"--type=" not in b" ".join(args):
                    found.add(child)
    return found


@pytest.fixture
def browser(playwright):
    """A Chromium of the test's own. Should its closing ever hang again (Chromium once in a
    while never answers the disposal of a context), after :data:`CLOSE_SECONDS` the teardown
    kills this browser's process, by its id, and says so."""
    before = _chromium_processes()
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    ours = _chromium_processes() - before
    yield browser
    stuck = []

    def kill() -> None:
        for pid in ours:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                stuck.append(pid)

    watchdog = threading.Timer(CLOSE_SECONDS, kill)
    watchdog.start()
    try:
        # The whole browser closes at once: closing its contexts one by one hung (Chromium
        # not answering the disposal of the console's context, closed as its page reloaded).
        with contextlib.suppress(Exception):
            browser.close()
    finally:
        watchdog.cancel()
    if stuck:
        warnings.warn(f"Chromium did not close within {CLOSE_SECONDS} s: killed", stacklevel=1)


@pytest.fixture
def new_phone(browser, playwright) -> Iterator:
    """``new_phone()``: a page in a phone of its own (a Pixel 5: 393 px wide, touch, mobile
    user agent; its own cookies). ``new_phone(desktop=True)``: the facilitator's laptop."""

    def make(*, desktop: bool = False):
        options = {} if desktop else dict(playwright.devices[PHONE])
        options.pop("default_browser_type", None)
        context = browser.new_context(**options)
        context.set_default_timeout(WAIT_MS)
        return context.new_page()

    yield make  # the browser's teardown closes the contexts


@pytest.fixture
def proxies() -> Iterator:
    made: list[Proxy] = []

    def make(port: int) -> Proxy:
        proxy = Proxy(port)
        made.append(proxy)
        return proxy

    yield make
    for proxy in made:
        proxy.close()
