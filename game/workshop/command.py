"""``main.py workshop LEVEL``: serve a workshop from the facilitator's laptop.

By default the server binds the laptop's LAN address (the one the room's Wi-Fi or the laptop's
hotspot reaches) on a free port, and prints the address, the room code, the console's PIN and
a QR code that leads a phone straight to the room. Everything is kept in one SQLite file
(``--db``; by default in the game's data folder): launched again the same way after a crash or
a kill, the server resumes the workshop where it was, on the same port, so the phones
reconnect by themselves. A workshop that was ended, or ``--new``, starts afresh (the old file is
kept beside it under another name).
"""

from __future__ import annotations

import argparse
import errno
import json
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

from game.content.problems import LevelError
from game.debrief.export import ChartWriter
from game.i18n import LANGUAGES, tr
from game.persistence.atomic import atomic_write_text
from game.persistence.paths import default_paths
from game.persistence.settings import DEFAULT_TIMER_PERSONALITY, MAX_DECISION_TIMER
from game.workshop.room import MAX_GROUPS, Room, RoomError
from game.workshop.store import Store, StoreError

PREFERRED_PORT = 8000
MAX_WS_BYTES = 4096
"""The largest websocket frame uvicorn accepts (the app itself takes 256 characters)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("level", metavar="LEVEL", help="a shipped level's name or a YAML path")
    parser.add_argument(
        "--host", help="the address to serve on (default: this laptop's LAN address)"
    )
    parser.add_argument(
        "--port", type=int, help=f"the port (default: {PREFERRED_PORT}, or any free one)"
    )
    parser.add_argument(
        "--groups",
        type=int,
        default=4,
        help=f"groups playing at once, 1 to {MAX_GROUPS} (default 4)",
    )
    parser.add_argument(
        "--firms", type=int, help="firms in each group, 3 to 8 (default: the level's)"
    )
    parser.add_argument(
        "--timer",
        type=int,
        default=0,
        help=f"seconds for each decision, 0 to {MAX_DECISION_TIMER} (default 0: no limit)",
    )
    parser.add_argument(
        "--personality",
        default=DEFAULT_TIMER_PERSONALITY,
        help="who decides for a seat whose time runs out or that is handed to the computer "
        f"(default {DEFAULT_TIMER_PERSONALITY})",
    )
    parser.add_argument("--seed", type=int, help="seed of the groups' games (default: random)")
    parser.add_argument(
        "--db", metavar="FILE", help="the workshop's database (default: in the game's data folder)"
    )
    parser.add_argument(
        "--new",
        action="store_true",
        help="start a new workshop even if the database holds one still running",
    )
    parser.add_argument(
        "--announce",
        metavar="FILE",
        help="also write the address, room code and PIN to FILE as JSON once the room is open "
        "(how the game's window learns them when it starts the server)",
    )


def say(key: str, **values: object) -> None:
    """A line for the facilitator in Spanish, then in English."""
    for lang in LANGUAGES:
        print(tr(key, lang, **values))


def lan_address() -> str:
    """The address other devices on the room's network reach this laptop at (loopback when
    there is no network). A UDP socket sends nothing when it connects: it only picks a route."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def free_port(host: str, preferred: int = PREFERRED_PORT) -> int:
    """``preferred`` if nothing listens there, else a port the system says is free."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, port))
            except OSError as error:
                if error.errno in (errno.EADDRINUSE, errno.EACCES) and port:
                    continue
                raise
            return probe.getsockname()[1]
    raise OSError("no free port")


def default_db() -> Path:
    return default_paths().data_dir / "workshops" / "taller.db"


def set_aside(path: Path, store: Store) -> Path:
    """Keep a finished (or replaced) workshop's file under another name, never deleted."""
    store.checkpoint()
    store.close()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.stem}-{stamp}{path.suffix}")
    path.rename(kept)
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    return kept


def open_room(args: argparse.Namespace) -> tuple[Room, bool]:
    """The workshop to serve, and whether it was resumed from the database."""
    path = Path(args.db) if args.db else default_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(path)
    row = store.workshop()
    if row is not None and (args.new or row.status == "ended"):
        set_aside(path, store)
        store = Store(path)
        row = None
    if row is not None:
        if row.level != args.level:
            raise RoomError("workshop.error.other_level", level=row.level, path=str(path))
        return Room.open(store), True
    room = Room.create(
        store,
        args.level,
        groups=args.groups,
        firms=args.firms,
        seed=args.seed,
        timer_seconds=args.timer,
        timer_personality=args.personality,
    )
    return room, False


def run(args: argparse.Namespace, charts: ChartWriter | None = None) -> int:
    """Serve the workshop ``args`` name; ``charts`` draws the PNG charts of its exports."""
    try:
        room, resumed = open_room(args)
    except RoomError as error:
        said = {lang: tr(error.key, lang, **error.values) for lang in LANGUAGES}
        return refuse(args, said)
    except (LevelError, StoreError, OSError) as error:
        return refuse(args, dict.fromkeys(LANGUAGES, f"workshop: {error}"))
    store = room.store
    host = args.host or lan_address()
    shown = lan_address() if host in ("0.0.0.0", "::") else host
    saved_port = store.meta("port")
    try:
        port = args.port or (int(saved_port) if saved_port else free_port(host))
    except OSError as error:
        return refuse(args, dict.fromkeys(LANGUAGES, f"workshop: {error}"))
    store.set_meta("port", str(port))
    address = f"http://{shown}:{port}"
    if resumed:
        say("workshop.launch.resumed", path=store.path)
    say("workshop.launch.ready", address=address)
    say("workshop.launch.code", code=room.code)
    say("workshop.launch.console", address=address, pin=room.pin)
    say("workshop.launch.database", path=store.path)
    print_qr(f"{address}/r/{room.code}")
    say("workshop.launch.stop")
    sys.stdout.flush()
    if args.announce:
        announce(Path(args.announce), room, address, resumed)
    return serve(room, host, port, address, charts)


def refuse(args: argparse.Namespace, said: dict[str, str]) -> int:
    """Why the workshop cannot be served, in each language, on the terminal and, for the
    program that started the server, in the announcement file (as ``{"error": ...}``)."""
    for lang in LANGUAGES:
        print(said[lang], file=sys.stderr)
    if args.announce:
        write_note(Path(args.announce), {"error": said})
    return 2


def announce(path: Path, room: Room, address: str, resumed: bool) -> None:
    """What a phone and the facilitator need, for the program that started this server. The
    server is about to listen when it appears: a reader waits for the address to answer."""
    write_note(
        path,
        {
            "address": address,
            "join": f"{address}/r/{room.code}",
            "code": room.code,
            "console": f"{address}/console",
            "pin": room.pin,
            "database": str(room.store.path),
            "resumed": resumed,
        },
    )


def write_note(path: Path, facts: dict) -> None:
    """Written whole or not at all: a reader never sees half."""
    atomic_write_text(path, json.dumps(facts, ensure_ascii=False))


def print_qr(url: str) -> None:
    import segno

    try:
        segno.make(url, error="m").terminal(compact=True)
    except UnicodeEncodeError:  # a terminal that cannot draw blocks: the address is printed
        print(url)


def serve(room: Room, host: str, port: int, address: str, charts: ChartWriter | None = None) -> int:
    import uvicorn

    from game.workshop.server import create_app

    uvicorn.run(
        create_app(room, address=address, charts=charts),
        host=host,
        port=port,
        ws_max_size=MAX_WS_BYTES,
        log_level="warning",
        access_log=False,
    )
    return 0
