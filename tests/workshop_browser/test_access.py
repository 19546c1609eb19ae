"""Nobody where they don't belong, in a real browser: a link preview or a bare GET never claims
a seat (a tap does), the console needs the PIN, and no phone's page or live message ever holds
another seat's decision."""

from __future__ import annotations

import re

import httpx

from tests.workshop_browser.steps import (
    LIVE_KEYS,
    check_live_frames,
    console_action,
    decide,
    expect,
    join,
    open_console,
    record_frames,
    wait_deciding,
    wait_story,
)

FIRMS = ("Confecciones Rosita", "Textil Huallaga", "Polos Manco Cápac")  # Gamarra's first three
PREVIEWERS = ("WhatsApp/2.23.20.0", "facebookexternalhit/1.1", "TelegramBot (like TwitterBot)")


def test_a_link_preview_or_a_bare_get_never_claims_a_seat(launch, new_phone):
    server = launch("gamarra", "--groups", "1", "--firms", "3", "--seed", "2")
    link = f"{server.address}/r/{server.code}"
    for agent in PREVIEWERS:  # the chat app fetching the QR code's link to draw its preview
        for path in ("/", f"/r/{server.code}", f"/r/{server.code}/me", f"/r/{server.code}/ws"):
            answer = httpx.get(server.address + path, headers={"user-agent": agent}, timeout=10)
            assert "set-cookie" not in answer.headers, (agent, path)
            assert "Traceback" not in answer.text
    looker = new_phone()  # a phone that scans the code and only looks
    looker.goto(link)
    expect(looker.get_by_role("button", name=re.compile("^Tomar"))).to_have_count(3)
    looker.reload()
    assert looker.context.cookies() == []
    desk = new_phone(desktop=True)
    open_console(desk, server.address, server.pin)
    expect(desk.get_by_text("conectado")).to_have_count(0)

    taker = new_phone()
    join(taker, server.address, server.code, 1, FIRMS[0])  # the tap claims the seat
    looker.reload()
    expect(looker.get_by_text(f"{FIRMS[0]}: ocupada")).to_be_visible()
    expect(looker.get_by_role("button", name=re.compile("^Tomar"))).to_have_count(2)
    expect(desk.get_by_text("conectado")).to_have_count(1)  # the console reloads by itself


def test_the_console_needs_the_pin(launch, new_phone):
    server = launch("gamarra", "--groups", "1", "--firms", "3", "--seed", "2")
    intruder = new_phone()
    join(intruder, server.address, server.code, 1, FIRMS[0])
    intruder.goto(server.address + "/console")
    expect(intruder.locator("#pin")).to_be_visible()
    expect(intruder.locator("table")).to_have_count(0)
    wrong = "000000" if server.pin != "000000" else "111111"
    intruder.locator("#pin").fill(wrong)
    intruder.get_by_role("button", name="Entrar").click()
    expect(intruder.get_by_text("PIN incorrecto.")).to_be_visible()
    expect(intruder.locator("table")).to_have_count(0)
    answer = intruder.request.post(server.address + "/console/action", form={"action": "start"})
    assert answer.status == 403
    intruder.goto(f"{server.address}/r/{server.code}/me")
    expect(intruder.get_by_text("Eres Confecciones Rosita.")).to_be_visible()  # not started
    assert server.pin not in intruder.content()

    desk = new_phone(desktop=True)
    open_console(desk, server.address, server.pin)
    console_action(desk, "Empezar")
    wait_deciding(intruder, 1)


def test_no_phone_ever_holds_another_seats_decision(launch, new_phone):
    server = launch("gamarra", "--groups", "1", "--firms", "3", "--seed", "2")
    phones, frames = [], []
    for firm in FIRMS:
        page = new_phone()
        frames.append(record_frames(page))
        join(page, server.address, server.code, 1, firm)
        phones.append(page)
    desk = new_phone(desktop=True)
    open_console(desk, server.address, server.pin)
    console_action(desk, "Empezar")
    investor, defector, cooperator = phones
    for page in phones:
        wait_deciding(page, 1)

    decide(investor, "invest", "quality")
    decide(defector, "defect")
    expect(investor.locator("p.lead")).to_contain_text("Decisión recibida: Invertir: Calidad")
    expect(defector.locator("p.lead")).to_contain_text("Decisión recibida: Negociar por fuera")
    expect(cooperator.get_by_text("Decidieron 2 de 3")).to_be_visible()
    seen = [page.content() for page in phones]
    assert "Negociar por fuera" not in seen[0] and "Calidad" not in seen[1]
    assert "Decisión recibida" not in seen[2]
    expect(desk.locator("td", has_text="decidió")).to_have_count(2)  # live, by itself
    console = desk.request.get(server.address + "/console").text()  # what the console gets
    assert console.count("decidió") == 2
    assert not re.search("Invertir|Calidad|Negociar por fuera|Cooperar", console)
    for page in phones:  # the poll a page falls back on: the page's key and the count only
        state = page.request.get(f"{server.address}/r/{server.code}/state").json()
        assert set(state) <= LIVE_KEYS

    decide(cooperator, "cooperate")
    own = []
    for page in phones:
        wait_story(page)
        lines = page.locator("p.own").all_inner_texts()
        assert len(lines) == 1 and lines[0].startswith("Tu resultado")
        own.append(lines[0])
    # each result line is private: the defector's "por fuera" reaches its own phone only
    assert ["por fuera" in line for line in own] == [False, True, False]
    assert ["invertiste" in line for line in own] == [True, False, False]
    for index, page in enumerate(phones):
        text = page.content()
        for other, line in enumerate(own):
            assert other == index or line not in text
    for received in frames:
        check_live_frames(received)
