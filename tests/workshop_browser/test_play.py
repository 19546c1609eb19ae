"""Six phones in two groups play a whole game in a real browser: they join by the room's code,
pick their firms, decide in secret, follow each season's story and reach the end of the game."""

from __future__ import annotations

import pytest

from tests.workshop_browser.conftest import SEASONS
from tests.workshop_browser.steps import (
    check_live_frames,
    console_action,
    decide,
    expect,
    go_on,
    join,
    open_console,
    record_frames,
    wait_deciding,
    wait_story,
)

DECIDED = "Decisión recibida: {}. Esperando a los demás."
FIRMS = ("Ana", "Beto", "Carla")  # the tutorial's first firms; a fourth seat is the computer's


@pytest.mark.slow
def test_six_phones_in_two_groups_play_to_the_end_of_the_game(launch, new_phone, short_tutorial):
    server = launch(short_tutorial, "--groups", "2", "--firms", "4", "--seed", "11")
    phones, frames = [], []
    for group in (1, 2):
        for firm in FIRMS:
            page = new_phone()
            frames.append(record_frames(page))
            join(page, server.address, server.code, group, firm)
            expect(page.get_by_text(f"Eres {firm}.")).to_be_visible()
            phones.append(page)
    desk = new_phone(desktop=True)
    open_console(desk, server.address, server.pin)
    console_action(desk, "Empezar")

    for season in range(1, SEASONS + 1):
        for page in phones:  # each page was moved on by the server, live
            wait_deciding(page, season)
        groups = (phones[:3], phones[3:])
        for first, second, _ in groups:
            decide(first, "cooperate")
            decide(second, "defect")
        for first, second, third in groups:  # what each phone shows while the group waits
            expect(first.locator("p.lead")).to_have_text(DECIDED.format("Cooperar"))
            expect(second.locator("p.lead")).to_have_text(DECIDED.format("Negociar por fuera"))
            for page in (first, second, third):
                assert page.content().count("Decisión recibida") == (page is not third)
            expect(third.get_by_text("Decidieron 2 de 3")).to_be_visible()
        for *_, third in groups:
            decide(third, "cooperate")
        for page in phones:
            wait_story(page)
            if season < SEASONS:
                go_on(page)

    outcomes = []
    for page in phones:
        expect(page.get_by_role("heading", name="Fin del juego")).to_be_visible()
        wait_story(page)
        expect(page.get_by_role("button", name="Seguir")).to_have_count(0)
        outcomes.append(page.locator("h1 + p.lead").inner_text())
    for group, outcome in ((1, outcomes[0]), (2, outcomes[3])):
        section = desk.locator("section.card", has_text=f"Grupo {group} ")
        expect(section.locator("p.lead")).to_contain_text(outcome)  # the console is live too
    for received in frames:
        assert received, "every phone heard the server live"
        check_live_frames(received)
