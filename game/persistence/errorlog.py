"""A log of unexpected errors, so a player can send it and a facilitator can see what happened.

Logging must never make things worse: :func:`log_exception` swallows its own failures (a full
disk, a read-only folder) and returns ``None`` instead of raising from inside an error handler.
The file is rotated when it grows past about 1 MB, keeping one ``.1`` backup, so it cannot fill a
classroom computer's disk.
"""

from __future__ import annotations

import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from game.persistence.atomic import utc_now
from game.persistence.paths import AppPaths

MAX_LOG_BYTES = 1_000_000


def _entry(exc: BaseException, context: str) -> str:
    when = utc_now().isoformat(timespec="seconds")
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    python = f"Python {platform.python_version()} on {platform.platform()}"
    return f"===== {when} | {context} =====\n{python}\n{trace.rstrip()}\n\n"


def _rotate_if_needed(log: Path, incoming: int, max_bytes: int) -> None:
    try:
        size = log.stat().st_size
    except FileNotFoundError:
        return
    if size and size + incoming > max_bytes:
        os.replace(log, log.with_name(log.name + ".1"))


def log_exception(
    paths: AppPaths, exc: BaseException, context: str, *, max_bytes: int = MAX_LOG_BYTES
) -> Path | None:
    """Append ``exc`` with its full traceback and ``context`` to the error log.

    Returns the log's path, or ``None`` if it could not be written. Never raises.
    """
    try:
        log = paths.log_file
        text = _entry(exc, context)
        data = text.encode("utf-8", errors="backslashreplace")
        log.parent.mkdir(parents=True, exist_ok=True)
        _rotate_if_needed(log, len(data), max_bytes)
        with open(log, "ab") as out:
            out.write(data)
        return log
    except Exception:
        return None


def install_excepthook(paths: AppPaths) -> Callable[[], None]:
    """Log every uncaught exception (main thread and other threads), then report it as before.

    Returns a function that puts the previous hooks back.
    """
    previous = sys.excepthook
    previous_thread = threading.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            log_exception(paths, exc.with_traceback(tb), "uncaught exception")
        previous(kind, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            name = args.thread.name if args.thread else "?"
            log_exception(paths, args.exc_value, f"uncaught exception in thread {name}")
        previous_thread(args)

    sys.excepthook = hook
    threading.excepthook = thread_hook

    def uninstall() -> None:
        sys.excepthook = previous
        threading.excepthook = previous_thread

    return uninstall
