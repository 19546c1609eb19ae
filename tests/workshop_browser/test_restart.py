"""The server killed with SIGKILL mid-season, after some decisions were confirmed, and launched
again the same way on the same database: every group resumes where it was, the confirmed
decisions are still there, and the phones' pages reconnect by themselves."""

from __future__ import annotations

import pytest

from tests.workshop_browser.steps import (
    console_action,
    decide,
    expect,
    join,
    offline_banner,
    open_console,
    record_sockets,
    wait_deciding,
    wait_story,
)

RECONNECT_MS = 45_000
"""Long enough for the server to start again and for the pages' backoff to try again."""


@pytest.mark.slow
def test_a_server_killed_mid_season_resumes_every_group_and_the_phones_reconnect(
    launch, new_phone, short_tutorial
):
    server = launch(short_tutorial, "--groups", "2", "--firms", "3", "--seed", "8")
    groups = {}
    for group in (1, 2):
        groups[group] = [new_phone(), new_phone()]
        for page, firm in zip(groups[group], ("Ana", "Beto"), strict=True):
            join(page, server.address, server.code, group, firm)
    desk = new_phone(desktop=True)
    open_console(desk, server.address, server.pin)
    console_action(desk, "Empezar")
    phones = [page for pair in groups.values() for page in pair]
    for page in phones:
        wait_deciding(page, 1)
    for first, _ in groups.values():
        decide(first, "cooperate")  # on the disk before the phone hears it was received
        expect(first.locator("p.lead")).to_contain_text("Decisión recibida: Cooperar")
    sockets = {id(page): record_sockets(page) for page in phones}

    server.kill()
    for page in phones:
        expect(offline_banner(page)).to_be_visible()
    server.start()  # the same command, the same port, the same database
    assert "Resumed the workshop" in server.output

    for page in phones:  # no reload: each page's script found the server again by itself
        expect(offline_banner(page)).to_be_hidden(timeout=RECONNECT_MS)
        assert sockets[id(page)] and not sockets[id(page)][-1].is_closed()
    for first, second in groups.values():
        expect(second.get_by_text("Decidieron 1 de 2")).to_be_visible()
        first.reload()
        expect(first.locator("p.lead")).to_contain_text("Decisión recibida: Cooperar")
        decide(second, "cooperate")
    for page in phones:  # every group resolved its season: each page moved on live
        wait_story(page)
