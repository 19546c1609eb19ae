"""The workshop's web server through Starlette's TestClient (loopback only, no socket opened):
joining by code, a GET that never claims, one phone one seat, secrets kept, the console's PIN,
bounded messages, clear bilingual pages, live updates, and a group playing a season from
several phones to its story."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from game.i18n import tr
from game.workshop.room import Room
from game.workshop.server import MAX_BODY, create_app
from game.workshop.store import Store

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def room(tmp_path) -> Room:
    return Room.create(Store(tmp_path / "workshop.db"), "gamarra", groups=2, firms=4, seed=5)


@pytest.fixture
def app(room):
    return create_app(room, tick=False)


def phone(app, **options) -> TestClient:
    return TestClient(app, base_url=BASE, **options)


def console(app, room) -> TestClient:
    client = phone(app)
    assert client.post("/console/login", data={"pin": room.pin}).status_code == 200
    return client


def take(client: TestClient, room: Room, group: int, seat: int):
    return client.post(f"/r/{room.code}/claim", data={"group": group, "seat": seat})


def decide(client: TestClient, room: Room, action: str, target: str | None = None):
    data = {"action": action, "confirm": "1"}
    if target:
        data["target"] = target
    return client.post(f"/r/{room.code}/decide", data=data)


def cookie_header(client: TestClient) -> dict[str, str]:
    return {"cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items())}


def test_the_landing_page_asks_for_the_room_code_and_fetches_nothing_from_outside(app):
    page = phone(app).get("/")
    assert page.status_code == 200 and 'name="code"' in page.text
    assert "Escribe el código de sala" in page.text
    assert not re.search(r"""(src|href)=["']https?:""", page.text)
    script = phone(app).get("/static/live.js")
    assert script.status_code == 200 and "visibilitychange" in script.text
    assert "http://" not in script.text and "https://" not in script.text
    assert phone(app).get("/static/style.css").status_code == 200


def test_the_code_is_typed_in_any_case_and_leads_to_the_seats(app, room):
    answer = phone(app).post(
        "/join", data={"code": f" {room.code.lower()} "}, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"/r/{room.code}"


@pytest.mark.parametrize("how", ["post", "get"])
def test_an_unknown_room_code_gets_a_clear_bilingual_page(app, how):
    client = phone(app)
    page = client.post("/join", data={"code": "NOPE"}) if how == "post" else client.get("/r/NOPE")
    assert page.status_code == 404
    assert "No hay ninguna sala con el código «NOPE»" in page.text
    assert "There is no room with the code “NOPE”" in page.text
    assert "Traceback" not in page.text


def test_an_unknown_page_or_method_gets_a_clear_page(app, room):
    client = phone(app)
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and "Esta página no existe" in missing.text
    wrong = client.get(f"/r/{room.code}/claim")
    assert wrong.status_code == 405 and "La solicitud no es válida" in wrong.text


def test_reading_the_join_page_never_claims_a_seat(app, room):
    client = phone(app)
    for _ in range(3):  # a link preview, a reload, the phone itself
        page = client.get(f"/r/{room.code}")
        assert page.status_code == 200 and "Tomar" in page.text
    client.get(f"/r/{room.code}/me")
    client.get(f"/r/{room.code}/claim?group=1&seat=0")
    assert all(not g.claimed for g in room.groups.values())
    assert take(client, room, 1, 0).status_code == 200
    assert room.groups[1].claimed == {0: 0}


def test_a_phone_keeps_its_seat_and_cannot_take_a_second(app, room):
    client = phone(app)
    mine = take(client, room, 1, 2)
    assert "Eres" in mine.text
    again = take(client, room, 2, 0)
    assert again.status_code == 409 and "no puedes tomar dos" in again.text
    assert not room.groups[2].claimed
    reloaded = client.get(f"/r/{room.code}/me")  # a reload lands on the seat's page
    assert room.groups[1].names[2] in reloaded.text
    join = client.get(f"/r/{room.code}")
    assert "Ir a mi empresa" in join.text and "Tomar" not in join.text


def test_a_seat_taken_by_another_phone_is_refused(app, room):
    take(phone(app), room, 1, 0)
    other = take(phone(app), room, 1, 0)
    assert other.status_code == 409 and "Otra persona ya tomó esa empresa" in other.text


def test_a_phone_can_act_only_for_its_own_seat(app, room):
    first, second = phone(app), phone(app)
    take(first, room, 1, 0)
    take(second, room, 1, 1)
    console(app, room).post("/console/action", data={"action": "start"})
    # a form naming another seat still decides for the phone's own seat
    answer = first.post(
        f"/r/{room.code}/decide", data={"action": "defect", "confirm": "1", "group": 1, "seat": 1}
    )
    assert answer.status_code == 200
    match = room.groups[1].match
    assert 0 in match.pending and 1 not in match.pending
    # a forged token acts for nobody
    forged = phone(app)
    forged.cookies.set(f"seat_{room.code}", "1.1.0." + "0" * 32)
    refused = decide(forged, room, "cooperate")
    assert refused.status_code == 403 and "no tiene ninguna empresa" in refused.text
    assert 1 not in match.pending


def test_a_decision_is_never_shown_to_another_seat_nor_on_the_console(app, room):
    first, second = phone(app), phone(app)
    take(first, room, 1, 0)
    take(second, room, 1, 1)
    desk = console(app, room)
    desk.post("/console/action", data={"action": "start"})
    confirm = first.post(f"/r/{room.code}/decide", data={"action": "invest", "target": "brand"})
    assert "¿Confirmas tu decisión?" in confirm.text and 0 not in room.groups[1].match.pending
    decide(first, room, "invest", "brand")
    assert "Decisión recibida: Invertir: Marca colectiva" in first.get(f"/r/{room.code}/me").text
    for page in (second.get(f"/r/{room.code}/me").text, desk.get("/console").text):
        assert "Decidieron 1 de 2" in page
        assert "Decisión recibida" not in page and "Invertir: Marca" not in page
    state = second.get(f"/r/{room.code}/state").json()
    assert set(state) == {"type", "key", "count", "time_left", "paused"}


def test_the_console_needs_the_pin(app, room):
    client = phone(app)
    login = client.get("/console")
    assert login.status_code == 200 and 'name="pin"' in login.text
    assert room.code not in login.text and room.pin not in login.text
    refused = client.post("/console/action", data={"action": "start"})
    assert refused.status_code == 403 and room.status == "lobby"
    wrong = client.post("/console/login", data={"pin": "999999" if room.pin != "999999" else "1"})
    assert wrong.status_code == 403 and "PIN incorrecto" in wrong.text
    forged = phone(app)
    forged.cookies.set(f"console_{room.code}", "0" * 64)
    assert forged.post("/console/action", data={"action": "end"}).status_code == 403
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/console/ws") as ws:
        ws.receive_text()
    desk = console(app, room)
    page = desk.get("/console")
    assert "Consola del facilitador" in page.text and room.code in page.text
    assert room.pin not in page.text and "<svg" in page.text  # the QR code, drawn here


def test_the_console_shows_who_joined_and_starts_pauses_and_ends(app, room):
    take(phone(app), room, 1, 0)
    desk = console(app, room)
    page = desk.get("/console").text
    assert "conectado" in page and "Esperando participantes" in page
    desk.post("/console/action", data={"action": "start"})
    assert room.status == "running"
    desk.post("/console/action", data={"action": "pause"})
    assert room.paused and "Reanudar" in desk.get("/console").text
    desk.post("/console/action", data={"action": "resume"})
    assert not room.paused
    desk.post("/console/action", data={"action": "computer", "group": 1, "seat": 0})
    assert not room.groups[1].match.seats[0].is_human
    desk.post("/console/action", data={"action": "end"})
    assert room.status == "ended"
    bad = desk.post("/console/action", data={"action": "explode"})
    assert bad.status_code == 400


def test_every_form_is_bounded_in_size_and_shape(app, room):
    client = phone(app)
    big = client.post(
        f"/r/{room.code}/claim",
        content=b"group=1&seat=0&x=" + b"a" * MAX_BODY,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert big.status_code == 413 and "demasiado grande" in big.text
    odd = client.post(
        f"/r/{room.code}/claim", content=b"{}", headers={"content-type": "application/json"}
    )
    assert odd.status_code == 400
    junk = client.post(f"/r/{room.code}/claim", data={"group": "uno", "seat": "0"})
    assert junk.status_code == 409 and "Esa empresa no existe" in junk.text
    assert not room.groups[1].claimed
    take(client, room, 1, 0)
    console(app, room).post("/console/action", data={"action": "start"})
    for data in (
        {"action": "steal", "confirm": "1"},
        {"action": "invest", "target": "gold", "confirm": "1"},
    ):
        refused = client.post(f"/r/{room.code}/decide", data=data)
        assert refused.status_code == 409 and 0 not in room.groups[1].match.pending


def test_a_server_error_is_a_page_and_not_a_traceback(app, room, monkeypatch):
    client = phone(app, raise_server_exceptions=False)
    take(client, room, 1, 0)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(room, "seat_screen", broken)
    page = client.get(f"/r/{room.code}/me")
    assert page.status_code == 500 and "Algo falló en el servidor" in page.text
    assert "boom" not in page.text and "Traceback" not in page.text


def test_the_language_is_one_tap_away_and_goes_back_only_to_this_site(app):
    client = phone(app)
    answer = client.get("/lang/en?next=/", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert "Type the room code" in client.get("/").text
    away = client.get("/lang/es?next=//evil.example/", follow_redirects=False)
    assert away.headers["location"] == "/"


def test_a_seats_socket_hears_the_others_decide_and_the_newest_connection_wins(app, room):
    first, second = phone(app), phone(app)
    take(first, room, 1, 0)
    take(second, room, 1, 1)
    console(app, room).post("/console/action", data={"action": "start"})
    url = f"/r/{room.code}/ws"
    with first.websocket_connect(url, headers=cookie_header(first)) as ws:
        hello = ws.receive_json()
        assert hello["key"] == "deciding/1/0" and hello["count"] == "Decidieron 0 de 2"
        decide(second, room, "defect")
        update = ws.receive_json()
        assert update == {**hello, "count": "Decidieron 1 de 2"}
        ws.send_text('{"type": "ping"}')
        assert ws.receive_json() == {"type": "pong"}
        with first.websocket_connect(url, headers=cookie_header(first)) as newer:
            newer.receive_json()
            assert ws.receive_json() == {"type": "replaced"}
            newer.send_text("x" * 1000)  # too big, and not a ping: closed
            with pytest.raises(WebSocketDisconnect):
                newer.receive_json()


def test_a_socket_without_a_seat_is_closed(app, room):
    with (
        pytest.raises(WebSocketDisconnect),
        phone(app).websocket_connect(f"/r/{room.code}/ws") as ws,
    ):
        ws.receive_json()


def test_a_whole_group_plays_a_season_to_its_story_from_several_phones(app, room):
    phones = [phone(app) for _ in range(4)]
    for seat, client in enumerate(phones):
        assert take(client, room, 1, seat).status_code == 200
    desk = console(app, room)
    desk.post("/console/action", data={"action": "start"})
    choices = [("cooperate", None), ("defect", None), ("invest", "quality"), ("cooperate", None)]
    for client, (action, target) in zip(phones, choices, strict=True):
        page = client.get(f"/r/{room.code}/me").text
        assert "Pedido conjunto" in page and "Oferta por fuera" in page
        assert "Si aceptan el pedido" in page  # the forecast's numbers
        assert decide(client, room, action, target).status_code == 200
    assert list(room.store.resolutions(1)) == [1]
    own_lines = []
    for client in phones:
        story = client.get(f"/r/{room.code}/me").text
        assert "Lo que pasó" in story and "Seguir" in story
        own = re.findall(r'<p class="own">(.*?)</p>', story)
        assert len(own) == 1 and own[0].startswith("Tu resultado")
        own_lines.append(own[0])
        client.post(f"/r/{room.code}/go-on")
    # each result line is private: the defector's "por fuera" reaches its own phone only
    assert ["por fuera" in line for line in own_lines] == [False, True, False, False]
    assert "invertiste" in own_lines[2]
    assert room.groups[1].season == 2
    again = phones[0].get(f"/r/{room.code}/me").text
    assert "La temporada pasada" in again and "Temporada 2" in again


def test_a_restarted_server_keeps_every_phone_on_its_seat(tmp_path):
    store_path = tmp_path / "workshop.db"
    room = Room.create(Store(store_path), "gamarra", groups=1, firms=3, seed=9)
    first, second = phone(create_app(room, tick=False)), phone(create_app(room, tick=False))
    take(first, room, 1, 0)
    take(second, room, 1, 1)
    room.start()
    decide(first, room, "cooperate")
    again = Room.open(Store(store_path))  # the process was killed; the phones kept cookies
    app = create_app(again, tick=False)
    first, second = (phone(app, cookies=dict(c.cookies.items())) for c in (first, second))
    assert "Decisión recibida" in first.get(f"/r/{again.code}/me").text
    assert decide(second, again, "cooperate").status_code == 200
    assert "Lo que pasó" in second.get(f"/r/{again.code}/me").text


def _play_to_the_end(app, room: Room, phones, action: str = "defect") -> int:
    seasons = 0
    while not room.groups[1].machine.game_over and seasons < 60:
        for client in phones:
            if "Decidir" in client.get(f"/r/{room.code}/me").text:
                decide(client, room, action)
        seasons += 1
        for client in phones:
            client.post(f"/r/{room.code}/go-on")
    return seasons


def test_a_group_plays_to_the_end_of_the_game_and_every_phone_sees_how_it_ended(app, room):
    phones = [phone(app) for _ in range(2)]
    for seat, client in enumerate(phones):
        take(client, room, 1, seat)
    console(app, room).post("/console/action", data={"action": "start"})
    seasons = _play_to_the_end(app, room, phones)
    assert room.groups[1].machine.game_over and seasons >= 1
    for client in phones:
        page = client.get(f"/r/{room.code}/me")
        assert page.status_code == 200 and "Fin del juego" in page.text
        assert "Lo que pasó" in page.text and "Seguir" not in page.text
    console_page = console(app, room).get("/console").text
    outcome = room.groups[1].match.active_game.outcome
    assert tr(f"outcome.{outcome.kind}", "es") in console_page


def test_the_tutorial_plays_on_phones_with_its_two_choices(tmp_path):
    room = Room.create(Store(tmp_path / "t.db"), "tutorial", groups=1, firms=3, seed=2)
    app = create_app(room, tick=False)
    client = phone(app)
    take(client, room, 1, 0)
    console(app, room).post("/console/action", data={"action": "start"})
    page = client.get(f"/r/{room.code}/me").text
    assert 'value="cooperate"' in page and 'value="defect"' in page
    assert 'value="invest"' not in page
    refused = decide(client, room, "invest", "brand")
    assert refused.status_code == 409 and 0 not in room.groups[1].match.pending
    assert "Lo que pasó" in decide(client, room, "cooperate").text


def test_guessing_the_pin_locks_the_consoles_login(app, room):
    from game.workshop.server import MAX_PIN_FAILURES

    client = phone(app)
    wrong = "000000" if room.pin != "000000" else "111111"
    for _ in range(MAX_PIN_FAILURES):
        assert client.post("/console/login", data={"pin": wrong}).status_code == 403
    locked = client.post("/console/login", data={"pin": room.pin})
    assert locked.status_code == 429 and "Demasiados intentos" in locked.text
    assert f"console_{room.code}" not in client.cookies
