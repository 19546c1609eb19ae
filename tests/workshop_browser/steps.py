"""What a person does on a phone's page, and what the test reads off it, as Playwright steps.

Phones tap (the emulated Pixel 5 has touch); every wait is Playwright's ``expect``, bounded by
the context's timeout."""

from __future__ import annotations

import json
import re

import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="real-browser tests skipped: playwright is not installed (pip install -e '.[test]')",
)
expect = sync_api.expect
Page = sync_api.Page

OFFLINE = "Sin conexión"
LIVE_KEYS = {"type", "key", "count", "time_left", "paused"}
"""All that a seat's live message may hold (the page's key, the count, the clock)."""


def record_frames(page: Page) -> list[str]:
    """Every websocket message the page receives from now on (to check what reaches it)."""
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    return frames


def join(page: Page, address: str, code: str, group: int, firm: str) -> None:
    """From the address on the projector: type the room code, tap the firm in the group."""
    page.goto(address + "/")
    page.locator("#code").fill(code.lower())
    page.get_by_role("button", name="Entrar").tap()
    expect(page).to_have_url(re.compile(f"/r/{code}$"))
    section = page.locator("section.card", has=page.get_by_role("heading", name=f"Grupo {group}"))
    section.get_by_role("button", name=f"Tomar {firm}").tap()
    expect(page).to_have_url(re.compile(f"/r/{code}/me$"))
    expect(page.locator("p.where")).to_contain_text(f"Grupo {group} · {firm}")


def open_console(page: Page, address: str, pin: str) -> None:
    page.goto(address + "/console")
    page.locator("#pin").fill(pin)
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_role("heading", name="Consola del facilitador")).to_be_visible()
    expect(page.locator("table").first).to_be_visible()


def console_action(page: Page, label: str) -> None:
    page.get_by_role("button", name=label).first.click()


def wait_deciding(page: Page, season: int) -> None:
    """The page the server gives a seat that must decide (live.js reloads into it)."""
    expect(page.locator("p.where")).to_contain_text(f"Temporada {season} ")
    expect(page.get_by_role("button", name="Decidir")).to_be_visible()


def decide(page: Page, action: str, target: str | None = None) -> None:
    """Choose in secret, tap Decidir, then confirm."""
    page.locator(f'input[name="action"][value="{action}"]').check()
    if target:
        page.locator(f'input[name="target"][value="{target}"]').check()
    page.get_by_role("button", name="Decidir").tap()
    expect(page.get_by_text("¿Confirmas tu decisión?")).to_be_visible()
    page.get_by_role("button", name="Sí, confirmar").tap()
    expect(page).to_have_url(re.compile(r"/me$"))


def wait_story(page: Page) -> None:
    expect(page.get_by_role("heading", name="Lo que pasó")).to_be_visible()


def go_on(page: Page) -> None:
    wait_story(page)
    page.get_by_role("button", name="Seguir").tap()


def offline_banner(page: Page):
    return page.locator("#offline")


def check_live_frames(frames: list[str]) -> None:
    """A seat's socket brought only its page's key, the count and the clock: no decision."""
    for text in frames:
        message = json.loads(text)
        assert set(message) <= LIVE_KEYS, message
        assert message["type"] in ("state", "pong", "replaced", "gone"), message
        assert not re.search(r"cooperate|defect|invest|Cooperar|Traicionar|fuera", text), text


def record_sockets(page: Page) -> list:
    """Every websocket the page opens from now on (Playwright's WebSocket objects)."""
    sockets: list = []
    page.on("websocket", lambda ws: sockets.append(ws))
    return sockets


def set_visibility(page: Page, state: str) -> None:
    """The page as a phone's browser leaves it when the screen sleeps ("hidden") or wakes
    ("visible"): the document's visibility changes and ``visibilitychange`` fires."""
    page.evaluate(
        """state => {
            Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
            Object.defineProperty(document, "hidden", {value: state === "hidden", configurable: true});
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        state,
    )
