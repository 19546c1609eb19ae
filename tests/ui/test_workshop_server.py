"""The workshop's server as the game's window starts it (game.ui.workshop_server): a real
process on loopback, its announcement, its page, stopping and resuming it. No pygame here."""

from __future__ import annotations

import urllib.request

import pytest

from game.ui.workshop_server import WorkshopOptions, WorkshopServer, wait_ready

OPTIONS = WorkshopOptions(level="tutorial", groups=2, firms=4, timer=0, host="127.0.0.1")


@pytest.fixture
def started(tmp_path):
    servers: list[WorkshopServer] = []

    def start(options: WorkshopOptions = OPTIONS) -> WorkshopServer:
        server = WorkshopServer.start(options, tmp_path / "run", db=tmp_path / "taller.db")
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def test_the_window_learns_the_address_code_and_pin_and_a_phone_can_reach_it(started):
    server = started()
    found = wait_ready(server, 60)
    assert found is not None, server.failure()
    assert found.address.startswith("http://127.0.0.1:")
    assert found.join == f"{found.address}/r/{found.code}"
    assert found.console == f"{found.address}/console" and found.pin.isdigit()
    assert not found.resumed
    with urllib.request.urlopen(found.join, timeout=5) as page:
        assert page.status == 200
    server.stop()
    assert not server.running()


def test_opened_again_the_same_workshop_resumes_where_it_was(started):
    first_server = started()
    first = wait_ready(first_server, 60)
    assert first is not None, first_server.failure()
    first_server.stop()
    again = wait_ready(started(), 60)
    assert again is not None
    assert again.resumed and again.code == first.code and again.address == first.address


def test_a_server_that_cannot_start_says_why(started):
    first_server = started()
    assert wait_ready(first_server, 60) is not None
    first_server.stop()
    other = started(
        WorkshopOptions(level="gamarra", groups=1, firms=None, timer=0, host="127.0.0.1")
    )
    assert wait_ready(other, 60) is None
    assert not other.running()
    assert "tutorial" in other.failure("en")  # the database holds a tutorial workshop
    assert "taller" in other.failure("es") and "workshop" in other.failure("en")
