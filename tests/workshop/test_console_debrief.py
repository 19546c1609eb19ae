"""The console's debriefs, class comparison, exports and timer (issue 15): each finished
group's summary and the class comparison open from the console, the export writes the desktop's
files, one folder per group; the timer changes from the next season; all behind the PIN."""

from __future__ import annotations

import json

import pytest

from game.debrief.export import read_export
from game.i18n import tr
from game.workshop.room import Room
from game.workshop.server import create_app
from game.workshop.store import Store
from tests.workshop.test_server import _play_to_the_end, console, cookie_header, phone, take


@pytest.fixture
def room(tmp_path) -> Room:
    return Room.create(Store(tmp_path / "workshop.db"), "gamarra", groups=2, firms=4, seed=5)


def finished_group(room: Room, app) -> None:
    """Group 1 plays to the end from two phones; group 2 never starts (nobody joined it)."""
    phones = [phone(app) for _ in range(2)]
    for seat, client in enumerate(phones):
        take(client, room, 1, seat)
    console(app, room).post("/console/action", data={"action": "start"})
    _play_to_the_end(app, room, phones)


def test_before_any_group_finishes_there_is_no_debrief_to_open(room):
    app = create_app(room, tick=False)
    desk = console(app, room)
    assert "/console/compare" not in desk.get("/console").text
    for path in ("/console/group/1", "/console/compare"):
        page = desk.get(path)
        assert page.status_code == 404
        assert (
            tr("workshop.error.none_over" if "compare" in path else "workshop.error.not_over", "es")
            in page.text
        )


def test_a_finished_groups_debrief_and_the_class_comparison_open_from_the_console(room):
    app = create_app(room, tick=False)
    finished_group(room, app)
    desk = console(app, room)
    page = desk.get("/console").text
    assert 'href="/console/group/1"' in page and 'href="/console/compare"' in page
    assert 'href="/console/group/2"' not in page  # group 2 has not played
    debrief = desk.get("/console/group/1")
    assert debrief.status_code == 200 and "<svg" in debrief.text
    names = room.groups[1].names
    assert all(name in debrief.text for name in names)
    assert "script" not in debrief.headers["content-security-policy"]
    comparison = desk.get("/console/compare")
    assert comparison.status_code == 200
    assert tr("workshop.group", "es", group=1) in comparison.text
    assert desk.get("/console/group/2").status_code == 404


def test_a_phone_without_the_pin_cannot_open_a_debrief(room):
    app = create_app(room, tick=False)
    finished_group(room, app)
    stranger = phone(app)
    for path in ("/console/group/1", "/console/compare"):
        page = stranger.get(path)
        assert page.status_code == 403 and "<svg" not in page.text
    refused = stranger.post("/console/action", data={"action": "export"})
    assert refused.status_code == 403


def test_the_export_writes_each_groups_files_and_the_comparison(room, tmp_path):
    drawn = []

    def charts(debrief, out_dir):
        path = out_dir / "confianza.png"
        path.write_bytes(b"\x89PNG")
        drawn.append(debrief.level_id)
        return [path]

    app = create_app(room, tick=False, charts=charts, export_dir=tmp_path / "out")
    finished_group(room, app)
    desk = console(app, room)
    page = desk.post("/console/action", data={"action": "export"})
    assert page.status_code == 200
    (folder,) = (tmp_path / "out").iterdir()
    assert folder.name.startswith(room.code)
    assert str(folder) in page.text
    group = folder / "grupo-1"
    files = sorted(p.name for p in group.iterdir())
    assert files == ["grupo-1-confianza.png", "grupo-1.csv", "grupo-1.html", "grupo-1.json"]
    assert drawn == ["gamarra"]
    exported = read_export(group / "grupo-1.json")  # the desktop reads it back
    assert exported.record.seed == room.groups[1].seed
    assert (folder / "comparacion.html").is_file()
    assert not (folder / "grupo-2").exists()
    json.loads((group / "grupo-1.json").read_text("utf-8"))


def test_the_timer_changes_from_the_console_and_outlives_a_restart(room, tmp_path):
    app = create_app(room, tick=False)
    desk = console(app, room)
    assert (
        desk.post("/console/action", data={"action": "timer", "seconds": "90"}).status_code == 200
    )
    assert room.timer_seconds == 90
    again = Room.open(Store(tmp_path / "workshop.db"))
    assert again.timer_seconds == 90
    bad = desk.post("/console/action", data={"action": "timer", "seconds": "7"})
    assert bad.status_code == 400 and room.timer_seconds == 90


def test_a_console_that_reconnects_after_a_change_knows_it_missed_one(room):
    """The console page carries the room's version it was drawn at; its socket's hello says the
    room's version now, so a change made while the socket was reconnecting is not missed
    (live.js draws the page again when the two differ)."""
    import re

    app = create_app(room, tick=False)
    desk = console(app, room)
    drawn = int(re.search(r'data-version="(\d+)"', desk.get("/console").text).group(1))
    with desk.websocket_connect("/console/ws", headers=cookie_header(desk)) as ws:
        assert ws.receive_json() == {"type": "hello", "version": drawn}
    take(phone(app), room, 1, 0)  # a change while no console socket is open
    with desk.websocket_connect("/console/ws", headers=cookie_header(desk)) as ws:
        hello = ws.receive_json()
    assert hello["type"] == "hello" and hello["version"] > drawn
