"""The workshop's web server: the phones' pages, the facilitator's console, live updates.

One Starlette app over one :class:`~game.workshop.room.Room`. Pages are rendered on the server
(Jinja2 templates in ``templates/``): the server decides which page a seat sees, so a reload,
a back button or a phone waking up always lands on the right one. A small script
(``static/live.js``, no build step, nothing fetched from the internet) keeps a websocket open
for live updates, shows "sin conexión" when the heartbeat stops, reconnects when the page
becomes visible again, and polls while the socket is down.

What holds here:

* **a GET never claims a seat**: reading the join page (or a link preview fetching it) shows
  the seats; only the POST of a tap takes one;
* **a phone acts only for its own seat**: the seat comes from the phone's signed token
  (a cookie), never from a form field; a form names only the choice;
* **decisions are never sent to another client**: a seat's page and its live messages hold
  that firm's own screen; the console sees who decided, not what;
* **the console needs the PIN**, shown only in the laptop's terminal;
* **every message is validated and bounded**: form bodies of at most :data:`MAX_BODY` bytes,
  a few known fields; websocket messages of at most :data:`MAX_WS_MESSAGE` characters, pings
  only; an unknown room code or seat, a wrong method or a server error gets a clear bilingual
  page, never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from game.debrief.analysis import analyse
from game.debrief.compare import compared_game, export_comparison
from game.debrief.export import ChartWriter, write_debrief
from game.debrief.html import render_comparison, render_game
from game.debrief.model import Comparison, Debrief
from game.engine.state import Action, InvestTarget
from game.i18n import LANGUAGES, tr
from game.play.story import reason_text
from game.workshop.room import FinishedGame, Room, RoomError, decision_from_form, normalise_code

HERE = Path(__file__).resolve().parent
MAX_BODY = 2048
"""The largest form a phone or the console sends (a few short fields)."""
MAX_FIELDS = 8
MAX_WS_MESSAGE = 256
"""The largest websocket message a client may send (a ping is a dozen characters)."""
HEARTBEAT_SECONDS = 3
MAX_PIN_FAILURES = 10
PIN_LOCK_SECONDS = 60.0
"""After that many wrong PINs in a row, the console's login waits this long."""
TOKEN_DAYS = 1
CONSOLE_ACTIONS = (
    "start",
    "pause",
    "resume",
    "end",
    "next",
    "computer",
    "release",
    "timer",
    "export",
)
TIMER_CHOICES = (0, 30, 60, 90, 120, 180, 300)
"""The decision times the console offers (seconds; 0: no limit)."""

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
DOCUMENT_HEADERS = {
    **SECURITY_HEADERS,
    # the debrief's and the comparison's pages are the printable files the desktop exports:
    # inline CSS and SVG, no script, nothing fetched
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
    ),
}


class BadRequest(Exception):
    """A form too large or malformed: answered with a bilingual page (400 or 413)."""

    def __init__(self, key: str, status: int = 400) -> None:
        super().__init__(key)
        self.key, self.status = key, status


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["LANGUAGES"] = LANGUAGES
    return env


async def read_form(request: Request) -> dict[str, str]:
    """A small url-encoded form, bounded in size and fields; each field's first value."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and kind != "application/x-www-form-urlencoded":
        raise BadRequest("workshop.error.bad_request")
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise BadRequest("workshop.error.too_big", 413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise BadRequest("workshop.error.too_big", 413)
    try:
        fields = parse_qs(
            body.decode("utf-8"),
            keep_blank_values=True,
            strict_parsing=False,
            max_num_fields=MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequest("workshop.error.bad_request") from error
    return {k: v[0] for k, v in fields.items()}


class Hub:
    """The open websockets, by seat (the newest connection of a seat wins) and the consoles'.

    The room calls :meth:`changed` after any change, from whichever thread changed it; each
    socket is written to on the event loop it lives on."""

    def __init__(self, app: WorkshopApp) -> None:
        self.app = app
        self.seats: dict[tuple[int, int], tuple[WebSocket, asyncio.AbstractEventLoop, str]] = {}
        self.consoles: set[tuple[WebSocket, asyncio.AbstractEventLoop]] = set()
        self._lock = threading.Lock()
        self.version = 0
        """Changes so far: a console page knows the one it was drawn at, and reloads when its
        socket (re)connects to a later one (a change while it reconnected is not missed)."""

    def add_seat(self, key: tuple[int, int], ws: WebSocket, lang: str) -> WebSocket | None:
        loop = asyncio.get_running_loop()
        with self._lock:
            old = self.seats.get(key)
            self.seats[key] = (ws, loop, lang)
        return old[0] if old else None

    def drop_seat(self, key: tuple[int, int], ws: WebSocket) -> None:
        with self._lock:
            if key in self.seats and self.seats[key][0] is ws:
                del self.seats[key]

    def changed(self, group: int | None) -> None:
        with self._lock:
            self.version += 1
            seats = [
                (key, *entry)
                for key, entry in self.seats.items()
                if group is None or key[0] == group
            ]
            consoles = list(self.consoles)
        for key, ws, loop, lang in seats:
            self._send(ws, loop, lambda key=key, lang=lang: self.app.live_state(key, lang))
        for ws, loop in consoles:
            self._send(ws, loop, lambda: {"type": "changed", "version": self.version})

    def _send(self, ws: WebSocket, loop, message: Callable[[], dict[str, Any] | None]) -> None:
        async def send() -> None:
            data = message()
            if data is None or ws.client_state is not WebSocketState.CONNECTED:
                return
            with contextlib.suppress(Exception):  # a socket closing as we write: it reconnects
                await ws.send_text(json.dumps(data))

        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            loop.create_task(send())
        elif not loop.is_closed():
            asyncio.run_coroutine_threadsafe(send(), loop)


class WorkshopApp:
    """The room, its lock, its templates and its sockets; :meth:`asgi` is the Starlette app."""

    def __init__(
        self,
        room: Room,
        *,
        address: str = "",
        tick: bool = True,
        charts: ChartWriter | None = None,
        export_dir: Path | None = None,
    ) -> None:
        self.room = room
        self.address = address
        self.tick = tick
        self.charts = charts
        """Draws the debrief's charts as PNG files (the desktop's, handed in by the command);
        without it an export has no charts."""
        self.export_dir = export_dir or Path(room.store.path).parent / "exports"
        self.exported: Path | None = None
        """Where the last export went, for the console to say."""
        self.lock = threading.RLock()
        """One change at a time: the room and its store are not made for two at once."""
        self.env = _templates()
        self.hub = Hub(self)
        room.listeners.append(self.hub.changed)
        self._login_failures = 0
        self._login_locked_until = 0.0
        self._console_cookie = hmac.new(
            room._secret, f"console/{room.code}/{room.pin}".encode(), hashlib.sha256
        ).hexdigest()

    # -- helpers ---------------------------------------------------------------------------

    @property
    def seat_cookie(self) -> str:
        return f"seat_{self.room.code}"

    def lang(self, request: Request | WebSocket) -> str:
        lang = request.cookies.get("lang", "es")
        return lang if lang in LANGUAGES else "es"

    def render(self, request: Request, name: str, status: int = 200, **values: Any) -> Response:
        lang = self.lang(request)

        def t(key: str, **kw: Any) -> str:
            return tr(key, lang, **kw)

        def money(amount: float) -> str:
            return tr("money", lang, amount=amount).replace(" ", "\u00a0")

        def signed(amount: float) -> str:
            """A change of capital: +S/ 4.0 mil, −S/ 13.3 mil."""
            sign = "+" if amount >= 0.05 else ("−" if amount <= -0.05 else "")
            return sign + money(abs(amount))

        html = self.env.get_template(name).render(
            t=t,
            money=money,
            signed=signed,
            lang=lang,
            path=request.url.path,
            code=self.room.code,
            **values,
        )
        return HTMLResponse(html, status, headers=SECURITY_HEADERS)

    def error_page(self, request: Request, key: str, status: int, **values: Any) -> Response:
        messages = {lang: tr(key, lang, **values) for lang in LANGUAGES}
        return self.render(request, "error.html", status, messages=messages)

    def require_room(self, request: Request) -> None:
        code = normalise_code(request.path_params.get("code", ""))
        if code != self.room.code:
            raise RoomError("workshop.error.unknown_room", code=code[:8])

    def token(self, request: Request | WebSocket) -> str | None:
        return request.cookies.get(self.seat_cookie)

    def is_console(self, request: Request | WebSocket) -> bool:
        cookie = request.cookies.get(f"console_{self.room.code}", "")
        return hmac.compare_digest(cookie.encode(), self._console_cookie.encode())

    def live_state(self, key: tuple[int, int], lang: str) -> dict[str, Any] | None:
        """What a seat's open page needs to stay current: never anything private."""
        with self.lock:
            group = self.room.groups.get(key[0])
            if group is None or key[1] not in group.claimed:
                return {"type": "gone"}
            token = self.room.token_for(key[0], key[1], group.claimed[key[1]])
            screen = self.room.seat_screen(token, light=True)
        return _live(screen, lang)

    # -- pages -----------------------------------------------------------------------------

    async def landing(self, request: Request) -> Response:
        return self.render(request, "landing.html")

    async def join(self, request: Request) -> Response:
        form = await read_form(request)
        code = normalise_code(form.get("code", ""))
        if code != self.room.code:
            return self.error_page(request, "workshop.error.unknown_room", 404, code=code[:8])
        return RedirectResponse(f"/r/{code}", 303)

    async def seats(self, request: Request) -> Response:
        """The join page: it lists the seats and never claims one (a link preview reads it)."""
        self.require_room(request)
        with self.lock:
            mine = self.room.seat_of(self.token(request))
            overview = self.room.seats_overview()
        return self.render(request, "join.html", groups=overview, mine=mine)

    async def claim(self, request: Request) -> Response:
        self.require_room(request)
        form = await read_form(request)
        try:
            group, seat = int(form.get("group", "")), int(form.get("seat", ""))
        except ValueError:
            raise RoomError("workshop.error.unknown_seat") from None
        with self.lock:
            token = self.room.claim(group, seat, holding=self.token(request))
        response = RedirectResponse(f"/r/{self.room.code}/me", 303)
        response.set_cookie(
            self.seat_cookie,
            token,
            max_age=TOKEN_DAYS * 86400,
            httponly=True,
            samesite="lax",
            path="/",
        )
        return response

    async def me(self, request: Request) -> Response:
        self.require_room(request)
        with self.lock:
            screen = self.room.seat_screen(self.token(request))
        return self.seat_page(request, screen)

    def seat_page(self, request: Request, screen: dict[str, Any], **extra: Any) -> Response:
        lang = self.lang(request)
        level = screen["level"]
        values: dict[str, Any] = {"s": screen, "live": _live(screen, lang), **extra}
        if screen.get("story") is not None:
            values["story"] = [step.text(lang) for step in screen["story"]]
        if screen.get("own") is not None:
            values["own"] = screen["own"].text(lang)
        if screen.get("last_result") is not None:
            values["last_result"] = screen["last_result"].text(lang)
        outcome = screen.get("outcome")
        if outcome is not None:
            # keys: outcome.{game.engine.outcome.OutcomeKind}
            values["outcome_title"] = tr(f"outcome.{outcome.kind}", lang)
            values["outcome_reasons"] = [reason_text(level, r, lang) for r in outcome.reasons]
        if screen["screen"] == "deciding":
            view = screen["view"]
            values["actions"] = [a for a in Action if not (view.is_dilemma and a is Action.INVEST)]
            values["targets"] = list(InvestTarget)
        return self.render(request, "seat.html", **values)

    async def decide(self, request: Request) -> Response:
        self.require_room(request)
        form = await read_form(request)
        decision = decision_from_form(form.get("action"), form.get("target") or None)
        if form.get("confirm") != "1":
            with self.lock:
                screen = self.room.seat_screen(self.token(request))
            if screen["screen"] != "deciding":
                return RedirectResponse(f"/r/{self.room.code}/me", 303)
            return self.render(
                request,
                "confirm.html",
                s=screen,
                live=_live(screen, self.lang(request)),
                decision=decision,
            )
        with self.lock:
            self.room.decide(self.token(request), decision)
        return RedirectResponse(f"/r/{self.room.code}/me", 303)

    async def go_on(self, request: Request) -> Response:
        self.require_room(request)
        await read_form(request)
        with self.lock:
            self.room.go_on(self.token(request))
        return RedirectResponse(f"/r/{self.room.code}/me", 303)

    async def take_back(self, request: Request) -> Response:
        self.require_room(request)
        await read_form(request)
        with self.lock:
            self.room.take_back(self.token(request))
        return RedirectResponse(f"/r/{self.room.code}/me", 303)

    async def state(self, request: Request) -> Response:
        """The poll a page falls back on while its websocket is down."""
        self.require_room(request)
        with self.lock:
            screen = self.room.seat_screen(self.token(request), light=True)
        return JSONResponse(_live(screen, self.lang(request)), headers=SECURITY_HEADERS)

    async def language(self, request: Request) -> Response:
        lang = request.path_params["lang"]
        target = request.query_params.get("next", "/")
        if not target.startswith("/") or target.startswith("//") or len(target) > 200:
            target = "/"
        response = RedirectResponse(target, 303)
        if lang in LANGUAGES:
            response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", path="/")
        return response

    async def seat_socket(self, ws: WebSocket) -> None:
        code = normalise_code(ws.path_params.get("code", ""))
        with self.lock:
            ref = self.room.seat_of(self.token(ws)) if code == self.room.code else None
        if ref is None:
            await ws.close(code=4404)
            return
        await ws.accept()
        key = (ref.group, ref.seat)
        older = self.hub.add_seat(key, ws, self.lang(ws))
        if older is not None:  # the newest connection of a seat wins
            with contextlib.suppress(Exception):
                await older.send_text(json.dumps({"type": "replaced"}))
                await older.close(code=4000)
        try:
            first = self.live_state(key, self.lang(ws))
            await ws.send_text(json.dumps(first))
            await self._listen(ws)
        finally:
            self.hub.drop_seat(key, ws)

    async def _listen(self, ws: WebSocket) -> None:
        """Pings only, each a short JSON message; anything else closes the socket."""
        while True:
            try:
                text = await ws.receive_text()
            except (WebSocketDisconnect, RuntimeError, KeyError):
                return
            try:
                message = json.loads(text) if len(text) <= MAX_WS_MESSAGE else None
            except ValueError:
                message = None
            if not isinstance(message, dict) or message.get("type") != "ping":
                await ws.close(code=1008)
                return
            await ws.send_text('{"type": "pong"}')

    # -- the console -----------------------------------------------------------------------

    async def console(self, request: Request) -> Response:
        if not self.is_console(request):
            return self.render(request, "console_login.html")
        with self.lock:
            data = self.room.console()
            version = self.hub.version
        lang = self.lang(request)
        for group in data["groups"]:
            outcome = group["outcome"]
            # keys: outcome.{game.engine.outcome.OutcomeKind}
            group["outcome_title"] = tr(f"outcome.{outcome.kind}", lang) if outcome else None
        address = self.address or str(request.base_url).rstrip("/")
        return self.render(
            request,
            "console.html",
            c=data,
            version=version,
            address=address,
            timer_choices=TIMER_CHOICES,
            finished=any(group["over"] for group in data["groups"]),
            exported=str(self.exported) if self.exported else None,
            qr=_qr_svg(f"{address}/r/{self.room.code}"),
        )

    async def console_login(self, request: Request) -> Response:
        form = await read_form(request)
        now = time.monotonic()
        if now < self._login_locked_until:  # guessing a 6-digit PIN takes a million tries
            return self.render(request, "console_login.html", 429, locked=True)
        if not self.room.check_pin(form.get("pin", "")):
            self._login_failures += 1
            if self._login_failures >= MAX_PIN_FAILURES:
                self._login_failures = 0
                self._login_locked_until = now + PIN_LOCK_SECONDS
            return self.render(request, "console_login.html", 403, wrong=True)
        self._login_failures = 0
        response = RedirectResponse("/console", 303)
        response.set_cookie(
            f"console_{self.room.code}",
            self._console_cookie,
            max_age=86400,
            httponly=True,
            samesite="strict",
            path="/",
        )
        return response

    async def console_action(self, request: Request) -> Response:
        if not self.is_console(request):
            return self.error_page(request, "workshop.console.bad_pin", 403)
        form = await read_form(request)
        action = form.get("action", "")
        if action not in CONSOLE_ACTIONS:
            raise BadRequest("workshop.error.bad_request")
        try:
            group = int(form.get("group", "0") or 0)
            seat = int(form.get("seat", "0") or 0)
        except ValueError:
            raise BadRequest("workshop.error.bad_request") from None
        if action == "export":  # slow (replays, charts): the phones are served meanwhile
            self.exported = await run_in_threadpool(self.export_all)
            return RedirectResponse("/console", 303)
        with self.lock:
            room = self.room
            if action == "start":
                room.start()
            elif action == "pause":
                room.pause()
            elif action == "resume":
                room.resume()
            elif action == "end":
                room.end()
            elif action == "next":
                room.next_season(group)
            elif action == "computer":
                room.to_computer(group, seat)
            elif action == "release":
                room.release(group, seat)
            elif action == "timer":
                room.set_timer(_seconds(form.get("seconds", "")))
        return RedirectResponse("/console", 303)

    # -- debriefs and exports, from the games that ended ----------------------------------

    def finished(self, group: int | None = None) -> list[FinishedGame]:
        with self.lock:
            games = self.room.finished_games()
        return [g for g in games if group is None or g.group == group]

    def debrief_of(self, game: FinishedGame) -> Debrief:
        return analyse(game.level, game.record, personalities=game.personalities)

    async def group_debrief(self, request: Request) -> Response:
        """A group's debrief on the projector: the printable summary the desktop exports."""
        if not self.is_console(request):
            return self.error_page(request, "workshop.console.bad_pin", 403)
        games = self.finished(request.path_params["group"])
        if not games:
            return self.error_page(request, "workshop.error.not_over", 404)  # or no such group
        lang = self.lang(request)
        page = await run_in_threadpool(lambda: render_game(self.debrief_of(games[0]), lang))
        return HTMLResponse(page, headers=DOCUMENT_HEADERS)

    async def class_comparison(self, request: Request) -> Response:
        """Every group that finished, side by side (the desktop's class comparison)."""
        if not self.is_console(request):
            return self.error_page(request, "workshop.console.bad_pin", 403)
        games = self.finished()
        if not games:
            return self.error_page(request, "workshop.error.none_over", 404)
        lang = self.lang(request)

        def build() -> str:
            compared = [
                compared_game(self.debrief_of(g), tr("workshop.group", lang, group=g.group), "")
                for g in games
            ]
            return render_comparison(Comparison(compared), lang)

        return HTMLResponse(await run_in_threadpool(build), headers=DOCUMENT_HEADERS)

    def export_all(self) -> Path:
        """Every finished group's files (CSV, JSON, HTML and the charts), one folder each, and
        the class comparison, in a new folder named after the room and the time."""
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        out = self.export_dir / f"{self.room.code}-{stamp}"
        compared = []
        for game in self.finished():
            debrief = self.debrief_of(game)
            folder = out / f"grupo-{game.group}"
            write_debrief(debrief, folder, charts=self.charts, name=f"grupo-{game.group}")
            compared.append(compared_game(debrief, f"grupo-{game.group}", str(folder)))
        if not compared:
            raise RoomError("workshop.error.none_over")
        export_comparison(Comparison(compared), out, name="comparacion")
        return out

    async def console_socket(self, ws: WebSocket) -> None:
        if not self.is_console(ws):
            await ws.close(code=4403)
            return
        await ws.accept()
        entry = (ws, asyncio.get_running_loop())
        self.hub.consoles.add(entry)
        try:
            await ws.send_text(json.dumps({"type": "hello", "version": self.hub.version}))
            await self._listen(ws)
        finally:
            self.hub.consoles.discard(entry)

    # -- the app ---------------------------------------------------------------------------

    async def ticker(self) -> None:
        """Once a second, the time that passed (by the monotonic clock) reaches the room."""
        last = time.monotonic()
        while True:
            await asyncio.sleep(1.0)
            now = time.monotonic()
            with self.lock:
                self.room.time_passes(min(now - last, 5.0))
            last = now

    def asgi(self) -> Starlette:
        async def room_error(request: Request, error: Exception) -> Response:
            assert isinstance(error, RoomError)
            status = 404 if error.key in ("workshop.error.unknown_room",) else 409
            if error.key == "workshop.error.no_seat":
                status = 403
            return self.error_page(request, error.key, status, **error.values)

        async def bad_request(request: Request, error: Exception) -> Response:
            assert isinstance(error, BadRequest)
            return self.error_page(request, error.key, error.status)

        async def http_error(request: Request, error: Exception) -> Response:
            assert isinstance(error, HTTPException)
            key = (
                "workshop.error.not_found"
                if error.status_code == 404
                else ("workshop.error.bad_request")
            )
            return self.error_page(request, key, error.status_code)

        async def server_error(request: Request, error: Exception) -> Response:
            return self.error_page(request, "workshop.error.server", 500)

        @contextlib.asynccontextmanager
        async def lifespan(app):
            task = asyncio.create_task(self.ticker()) if self.tick else None
            try:
                yield
            finally:
                if task is not None:
                    task.cancel()

        code = "/r/{code:str}"
        routes = [
            Route("/", self.landing),
            Route("/join", self.join, methods=["POST"]),
            Route(code, self.seats),
            Route(code + "/claim", self.claim, methods=["POST"]),
            Route(code + "/me", self.me),
            Route(code + "/decide", self.decide, methods=["POST"]),
            Route(code + "/go-on", self.go_on, methods=["POST"]),
            Route(code + "/take-back", self.take_back, methods=["POST"]),
            Route(code + "/state", self.state),
            WebSocketRoute(code + "/ws", self.seat_socket),
            Route("/lang/{lang:str}", self.language),
            Route("/console", self.console),
            Route("/console/login", self.console_login, methods=["POST"]),
            Route("/console/action", self.console_action, methods=["POST"]),
            Route("/console/group/{group:int}", self.group_debrief),
            Route("/console/compare", self.class_comparison),
            WebSocketRoute("/console/ws", self.console_socket),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ]
        return Starlette(
            routes=routes,
            exception_handlers={
                RoomError: room_error,
                BadRequest: bad_request,
                HTTPException: http_error,
                Exception: server_error,
            },
            lifespan=lifespan,
        )


def create_app(
    room: Room,
    *,
    address: str = "",
    tick: bool = True,
    charts: ChartWriter | None = None,
    export_dir: Path | None = None,
) -> Starlette:
    """The Starlette app serving ``room``; ``tick``: run the room's clocks (tests pass False and
    move time themselves with :meth:`Room.time_passes`); ``charts`` draws an export's charts;
    exports go under ``export_dir`` (by default beside the workshop's database)."""
    app = WorkshopApp(room, address=address, tick=tick, charts=charts, export_dir=export_dir)
    return app.asgi()


def _seconds(text: str) -> int:
    """A decision time from the console's form: one of :data:`TIMER_CHOICES`."""
    try:
        seconds = int(text)
    except ValueError:
        raise BadRequest("workshop.error.bad_request") from None
    if seconds not in TIMER_CHOICES:
        raise BadRequest("workshop.error.bad_request")
    return seconds


def _live(screen: dict[str, Any], lang: str) -> dict[str, Any]:
    """A seat's live message: its page key, how many decided, the clock; nothing private."""
    decided, people = screen.get("decided", 0), screen.get("people", 0)
    time_left = screen.get("time_left")
    return {
        "type": "state",
        "key": screen["key"],
        "count": tr("workshop.count", lang, decided=decided, people=people) if people else "",
        "time_left": None if time_left is None else max(0, int(time_left + 0.999)),
        "paused": screen["paused"],
    }


def _qr_svg(address: str) -> str:
    """The join address as an inline SVG QR code (segno draws it; nothing from the internet)."""
    import segno

    return segno.make(address, error="m").svg_inline(scale=6, border=2)
