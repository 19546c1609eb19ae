"""Writing a file so that a crash never leaves half of it, and keeping a bad file instead of losing it.

One implementation for saves and settings alike. A write goes to a temporary file in the same
folder (so the final rename stays on one file system), is flushed and ``fsync``-ed, and only then
renamed over the target with ``os.replace``: whoever reads the target sees the old content or the
new one, never a mixture. A crash leaves at worst a stray ``*.tmp`` file, which readers ignore.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 3600.0
"""A temporary file this old belongs to no write still running (a write takes well under a
second): a crash or a kill left it, and it may be removed."""
_CHUNK = 1 << 20


def utc_now() -> datetime:
    return datetime.now(UTC)


def file_stamp(when: datetime | None = None) -> str:
    """A timestamp that sorts, reads, and is safe in a file name on every platform."""
    return (when or utc_now()).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder, and needs not."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace(src: str, dst: Path) -> None:
    # On Windows a scanner or indexer may hold the target open for a moment.
    for attempt in range(5):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` all at once; create its folder if needed.

    Raises ``OSError`` if the file cannot be written; the previous content is then untouched and the
    temporary file removed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            view = memoryview(data)
            for start in range(0, len(view), _CHUNK):
                out.write(view[start : start + _CHUNK])
            out.flush()
            os.fsync(out.fileno())
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def move_aside(path: Path, tag: str, when: datetime | None = None) -> Path:
    """Rename a bad file to ``<stem>.<tag>-<timestamp><suffix>`` in its folder and return the new path.

    The file is kept, never deleted, and never renamed over another kept file: if the name is
    taken, ``-2``, ``-3``… is added. A hard link followed by unlinking the original refuses to
    overwrite even if another process takes the name in between; where hard links are not
    available, a checked rename is used. Raises ``OSError`` if the file cannot be moved.
    """
    path = Path(path)
    stamp = file_stamp(when)
    suffix = path.suffix or ".json"
    for n in range(1, 10_000):
        extra = "" if n == 1 else f"-{n}"
        target = path.with_name(f"{path.stem}.{tag}-{stamp}{extra}{suffix}")
        if target.exists():
            continue
        try:
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError:
            if target.exists():
                continue
            os.rename(path, target)
        else:
            os.unlink(path)
        _fsync_dir(path.parent)
        return target
    raise FileExistsError(f"no free name to keep {path} aside")


def is_temp_file(path: Path) -> bool:
    return Path(path).name.endswith(TEMP_SUFFIX)


def is_own_temp_name(name: str) -> bool:
    """Whether ``name`` is one :func:`atomic_write_bytes` gives its temporary files
    (``.TARGET.RANDOM.tmp``): hidden, and ending as they end."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX) and len(name) > len(TEMP_SUFFIX) + 1


def discard_stale_temp_files(
    folder: Path, *, older_than_seconds: float = STALE_TEMP_SECONDS, now: float | None = None
) -> list[Path]:
    """Remove, from ``folder`` only (not below it), the temporary files killed writes left.

    Only what the writer itself names (:func:`is_own_temp_name`), only ordinary files (never a
    link, whatever it points to, a folder or a special file), and only those last changed more
    than ``older_than_seconds`` ago (``now`` in seconds since the epoch, default the clock's).
    Never raises: a folder that cannot be read, or a file that cannot be removed, is left as it
    is. Returns what was removed."""
    removed: list[Path] = []
    now = time.time() if now is None else now
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for path in entries:
        if not is_own_temp_name(path.name):
            continue
        try:
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > older_than_seconds:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed
