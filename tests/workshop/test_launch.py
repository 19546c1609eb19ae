"""``main.py workshop`` as the facilitator runs it: a real server process on loopback, real
HTTP and a real websocket, killed with SIGKILL mid-season and launched again the same way.
Waits are bounded in count and time; nothing asserts how long anything took."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from game.workshop.command import free_port, lan_address

ROOT = Path(__file__).resolve().parents[2]


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, tmp_path: Path, *extra: str) -> None:
        env = dict(os.environ, ASOCIATIVIDAD_HOME=str(tmp_path / "home"), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "main.py",
                "workshop",
                "gamarra",
                "--host",
                "127.0.0.1",
                "--db",
                str(tmp_path / "taller.db"),
                "--groups",
                "1",
                "--firms",
                "3",
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        for _ in range(200):  # the launch output, line by line, until the last line
            line = self.process.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            if "Ctrl+C to stop" in line:
                break
        out = "".join(self.lines)
        found = re.search(r"Phones join at: (http://[\d.]+:(\d+))", out)
        assert found, out
        self.address, self.port = found.group(1), int(found.group(2))
        self.code = re.search(r"Room code: ([A-Z]+)", out).group(1)
        self.pin = re.search(r"PIN: (\d+) \(do not", out).group(1)
        self.output = out
        self._wait_until_serving()

    def _wait_until_serving(self) -> None:
        for _ in range(100):
            try:
                httpx.get(self.address + "/", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("the server never answered")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def servers():
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


def test_the_launch_prints_the_address_the_code_the_pin_and_a_qr_code(tmp_path, servers):
    server = Server(tmp_path, "--port", str(_port()))
    servers.append(server)
    assert "Taller listo. Los teléfonos entran en" in server.output
    assert "█" in server.output or server.address in server.output  # the QR code
    assert len(server.code) == 4 and len(server.pin) == 6
    page = httpx.get(f"{server.address}/r/{server.code}")
    assert page.status_code == 200 and "Tomar" in page.text
    assert server.pin not in page.text


def test_a_server_killed_mid_season_resumes_where_it_was_on_the_same_port(tmp_path, servers):
    first = Server(tmp_path, "--port", str(_port()))
    servers.append(first)
    phones = [
        httpx.Client(base_url=first.address, timeout=10, follow_redirects=True) for _ in range(2)
    ]
    for seat, phone in enumerate(phones):
        answer = phone.post(f"/r/{first.code}/claim", data={"group": 1, "seat": seat})
        assert answer.status_code == 200
    desk = httpx.Client(base_url=first.address, timeout=10, follow_redirects=True)
    assert desk.post("/console/login", data={"pin": first.pin}).status_code == 200
    desk.post("/console/action", data={"action": "start"})
    ws_url = first.address.replace("http", "ws") + f"/r/{first.code}/ws"
    cookie = {"cookie": "; ".join(f"{k}={v}" for k, v in phones[1].cookies.items())}
    with connect(ws_url, additional_headers=cookie, open_timeout=10) as socket_:
        hello = json.loads(socket_.recv(timeout=10))
        assert hello["key"] == "deciding/1/0"
        decided = phones[0].post(
            f"/r/{first.code}/decide", data={"action": "cooperate", "confirm": "1"}
        )
        assert "Decisión recibida" in decided.text  # answered only once it is on the disk
        assert json.loads(socket_.recv(timeout=10))["count"] == "Decidieron 1 de 2"
        socket_.send('{"type": "ping"}')
        assert json.loads(socket_.recv(timeout=10)) == {"type": "pong"}

    first.kill()  # mid-season: one decided, one still thinking
    again = Server(tmp_path)  # launched the same way, without --port: it keeps the port
    servers.append(again)
    assert again.port == first.port and again.code == first.code and again.pin == first.pin
    assert "Resumed the workshop" in again.output
    assert "Decisión recibida" in phones[0].get(f"/r/{again.code}/me").text
    story = phones[1].post(f"/r/{again.code}/decide", data={"action": "defect", "confirm": "1"})
    assert "Lo que pasó" in story.text and "Tu resultado" in story.text


def test_a_workshop_of_another_level_is_not_resumed_by_mistake(tmp_path):
    db = tmp_path / "taller.db"
    from game.workshop.room import Room
    from game.workshop.store import Store

    Room.create(Store(db), "el_porvenir", groups=1, firms=3, seed=1)
    done = subprocess.run(
        [sys.executable, "main.py", "workshop", "gamarra", "--host", "127.0.0.1", "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, ASOCIATIVIDAD_HOME=str(tmp_path / "home")),
    )
    assert done.returncode == 2
    assert "--new" in done.stderr and "Traceback" not in done.stderr


def test_the_lan_address_and_a_free_port_are_found():
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", lan_address())
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        assert free_port("127.0.0.1", preferred=taken) != taken
