"""A phone keeps its seat through a reload, a second look at the join link, a second tab and a
page that was hidden (a phone's screen sleeping) and wakes up: the seat is in the phone's
signed cookie, the server decides the page, and the newest connection of a seat wins."""

from __future__ import annotations

import re

from tests.workshop_browser.steps import (
    console_action,
    decide,
    expect,
    join,
    open_console,
    record_sockets,
    set_visibility,
    wait_deciding,
    wait_story,
)


def test_a_reload_a_second_tab_and_a_sleeping_page_keep_the_seat(launch, new_phone, short_tutorial):
    server = launch(short_tutorial, "--groups", "1", "--firms", "3", "--seed", "4")
    ana, beto = new_phone(), new_phone()
    join(ana, server.address, server.code, 1, "Ana")
    join(beto, server.address, server.code, 1, "Beto")
    desk = new_phone(desktop=True)
    open_console(desk, server.address, server.pin)
    console_action(desk, "Empezar")
    wait_deciding(ana, 1)
    wait_deciding(beto, 1)

    ana.reload()  # a reload: the same firm, the same page
    expect(ana.locator("p.where")).to_contain_text("Grupo 1 · Ana")
    wait_deciding(ana, 1)
    decide(ana, "cooperate")
    ana.reload()
    expect(ana.locator("p.lead")).to_contain_text("Decisión recibida: Cooperar")
    ana.goto(f"{server.address}/r/{server.code}")  # the join link again: no second seat
    expect(ana.get_by_role("button", name=re.compile("^Tomar"))).to_have_count(0)
    ana.get_by_role("link", name="Ir a mi empresa").tap()
    expect(ana.locator("p.lead")).to_contain_text("Decisión recibida: Cooperar")

    sockets = record_sockets(beto)
    set_visibility(beto, "hidden")  # the screen sleeps...
    second = beto.context.new_page()  # ...and the person opens the link in another tab
    second.goto(f"{server.address}/r/{server.code}/me")
    expect(second.locator("p.where")).to_contain_text("Grupo 1 · Beto")
    expect(second.get_by_text("Decidieron 1 de 2")).to_be_visible()
    expect(beto.locator("#offline")).to_be_visible()  # the newest connection won
    second.close()
    set_visibility(beto, "visible")  # the first tab wakes up: it reconnects and is current
    expect(beto.locator("p.where")).to_contain_text("Grupo 1 · Beto")
    expect(beto.get_by_text("Decidieron 1 de 2")).to_be_visible()
    expect(beto.locator("#offline")).to_be_hidden()
    assert sockets and not sockets[-1].is_closed()
    decide(beto, "defect")
    wait_story(beto)
    wait_story(ana)
