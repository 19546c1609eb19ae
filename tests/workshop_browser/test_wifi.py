"""A Wi-Fi drop, simulated by a loopback proxy between the phone and the server that the test
cuts (Playwright's ``set_offline`` does not close an open websocket): the phone's page says
"sin conexión" within seconds, and when the network comes back it reconnects by itself,
on its seat, and catches up with what happened meanwhile."""

from __future__ import annotations

import pytest

from tests.workshop_browser.steps import (
    OFFLINE,
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

NOTICE_MS = 20_000
"""The heartbeat notices silence after a few seconds; this bounds the wait, it is no goal."""
RECONNECT_MS = 45_000


@pytest.mark.slow
def test_a_wifi_drop_shows_sin_conexion_and_the_phone_reconnects_on_its_seat(
    launch, new_phone, proxies, short_tutorial
):
    server = launch(short_tutorial, "--groups", "1", "--firms", "3", "--seed", "6")
    wifi = proxies(server.port)
    ana, beto = new_phone(), new_phone()
    join(ana, wifi.address, server.code, 1, "Ana")  # Ana's phone is on the Wi-Fi that drops
    join(beto, server.address, server.code, 1, "Beto")
    desk = new_phone(desktop=True)
    open_console(desk, server.address, server.pin)
    console_action(desk, "Empezar")
    wait_deciding(ana, 1)
    wait_deciding(beto, 1)
    expect(offline_banner(ana)).to_be_hidden()
    sockets = record_sockets(ana)

    wifi.cut()
    expect(offline_banner(ana)).to_be_visible(timeout=NOTICE_MS)
    expect(offline_banner(ana)).to_contain_text(OFFLINE)
    decide(beto, "cooperate")  # the group goes on without Ana's phone hearing it
    expect(ana.get_by_text("Decidieron 0 de 2")).to_be_visible()

    wifi.restore()
    expect(offline_banner(ana)).to_be_hidden(timeout=RECONNECT_MS)
    expect(ana.get_by_text("Decidieron 1 de 2")).to_be_visible()
    expect(ana.locator("p.where")).to_contain_text("Grupo 1 · Ana")
    assert sockets and not sockets[-1].is_closed()
    decide(ana, "defect")
    wait_story(ana)
    wait_story(beto)
