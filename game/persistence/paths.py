"""Where the game keeps a player's files.

Everything lives in the per-user folders that ``platformdirs`` names for the platform (never next
to the program, never a hard-coded home path). ``ASOCIATIVIDAD_HOME`` moves all of them under one
folder, so that tests and end-to-end runs never touch a real player's saves. Nothing here creates a
directory: folders are made lazily by whoever writes into them.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "asociatividad"
HOME_ENV = "ASOCIATIVIDAD_HOME"
"""If set (and not empty), data goes to ``$ASOCIATIVIDAD_HOME/data`` and settings to ``.../config``."""


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The player's data and configuration folders, and the files the game keeps in them."""

    data_dir: Path
    config_dir: Path
    exports_dir: Path = field(default=None)  # type: ignore[assignment]  # set in __post_init__

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        object.__setattr__(self, "config_dir", Path(self.config_dir))
        exports = self.data_dir / "exports" if self.exports_dir is None else Path(self.exports_dir)
        object.__setattr__(self, "exports_dir", exports)

    @property
    def saves_dir(self) -> Path:
        return self.data_dir / "saves"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "errors.log"


def typed_path(text: str) -> Path:
    """A path a person typed, ``~`` meaning their home folder. ``FileNotFoundError`` (an
    ``OSError``, which the screens already report) for ``~someone`` whom this system does not
    know, rather than a folder named ``~someone`` made wherever the game happens to run."""
    path = Path(text)
    try:
        return path.expanduser()
    except RuntimeError:  # what Path.expanduser raises for an unknown user
        raise FileNotFoundError(errno.ENOENT, "no such user's home folder", text) from None


def refusal(error: BaseException, *, with_file: bool = False) -> str:
    """What the system said when it refused a file or a folder ("No space left on device"),
    without the error number; the error's own words when it said nothing. ``with_file`` adds
    the file it named, where the message does not name it already."""
    said = getattr(error, "strerror", None)
    reason = said or str(error) or type(error).__name__
    name = getattr(error, "filename", None)
    return f"{reason}: {name}" if with_file and said and name else reason


def is_file(path: Path) -> bool:
    """Whether ``path`` is a file; False, not an error, when the system refuses to look at it
    (a folder without search permission, a name too long)."""
    try:
        return path.is_file()
    except OSError:
        return False


def is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder, as :func:`is_file` says whether it is a file."""
    try:
        return path.is_dir()
    except OSError:
        return False


MAX_GAME_FILE_BYTES = 32 * 1024 * 1024
"""Bytes: the most :func:`read_regular_file` reads of a save or an export (a few hundred
kilobytes for the longest games); a file much larger is not one, and reading it whole would
freeze the screen or exhaust the memory."""


class RefusedFile(OSError):
    """A file the game will not read: not an ordinary file (a named pipe, a device such as
    ``/dev/zero``, a socket, or a symbolic link to one of them), or larger than any file of its
    kind. An ``OSError``, so whoever already reports a file the system refused reports this one
    too; ``strerror`` says why in a few words, ``str()`` says it in one line naming the file."""

    def __init__(
        self,
        path: str | os.PathLike,
        reason: str,
        reason_es: str | None = None,
        *,
        too_large: bool = False,
    ) -> None:
        super().__init__(errno.EFBIG if too_large else errno.EINVAL, reason, os.fspath(path))
        self.too_large = too_large
        self.reason_es = reason_es or reason
        """``strerror`` in Spanish, for the screens that speak it."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


_KINDS = (  # what a file that is not an ordinary one is, in English and Spanish
    (stat.S_ISFIFO, "a named pipe (FIFO)", "una tubería con nombre (FIFO)"),
    (stat.S_ISCHR, "a device", "un dispositivo"),
    (stat.S_ISBLK, "a device", "un dispositivo"),
    (stat.S_ISSOCK, "a socket", "un socket"),
)


def _size_text(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{limit / 1024:g} KB" if limit >= 1024 else f"{limit} bytes"


def _too_large(path: str, limit: int, what: str) -> RefusedFile:
    return RefusedFile(
        path,
        f"too large to be {what} (more than {_size_text(limit)})",
        too_large=True,
    )


def _check_kind(path: str, info: os.stat_result, limit: int, what: str) -> None:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "a folder, not a file", path)
    if not stat.S_ISREG(mode):
        en, es = next(
            ((en, es) for test, en, es in _KINDS if test(mode)),
            ("a special file", "un archivo especial"),
        )
        if os.path.islink(path):
            target = os.path.realpath(path)
            en, es = f"a symbolic link to {en} ({target})", f"un enlace simbólico a {es} ({target})"
        raise RefusedFile(path, f"{en}, not an ordinary file", f"{es}, no un archivo común")
    if info.st_size > limit:
        raise _too_large(path, limit, what)


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _open_without_waiting(path: str, flags: int) -> int:
    """``open``'s opener: should the file have become a named pipe since it was looked at,
    opening it returns at once instead of waiting for a writer, and the second look refuses it."""
    return os.open(path, flags | _NONBLOCK)


def read_regular_file(
    path: str | os.PathLike, limit: int, *, what: str = "a file of this game"
) -> bytes:
    """The bytes of a game file (a level, a save, an export, the settings), read safely
    whatever ``path`` names.

    Only an ordinary file is read, after following symbolic links: a named pipe is never opened
    (it would wait forever for a writer), a device such as ``/dev/zero`` never read (it never
    ends). A file larger than ``limit`` bytes is refused by its size before a byte of it is
    read, and never more than ``limit`` + 1 bytes are read, whatever size it claims or grows to.

    Raises ``OSError``: ``FileNotFoundError``, ``IsADirectoryError``, the system's own (no read
    permission, a loop of symbolic links), or :class:`RefusedFile` (not an ordinary file, too
    large, a name no file can have); each names the file, and its ``strerror`` says why in one
    line. ``what`` names the kind of file in the too-large message ("a level").
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)  # follows links: a link to /dev/zero is a device, a loop is ELOOP
    except ValueError:  # a NUL character in the name
        raise RefusedFile(
            name,
            "not a file name (it holds a NUL character)",
            "no es un nombre de archivo (contiene un carácter NUL)",
        ) from None
    _check_kind(name, info, limit, what)
    with open(name, "rb", opener=_open_without_waiting) as handle:
        _check_kind(name, os.fstat(handle.fileno()), limit, what)
        if _NONBLOCK:
            os.set_blocking(handle.fileno(), True)
        raw = handle.read(limit + 1)
    if len(raw) > limit:  # a file that grew since, or says it is smaller than it is
        raise _too_large(name, limit, what)
    return raw


def default_paths() -> AppPaths:
    """The folders for this user, or those under ``$ASOCIATIVIDAD_HOME`` when it is set.

    The environment is read at each call (not at import), so a test can set the variable with
    ``monkeypatch.setenv`` before asking.
    """
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        root = Path(home).expanduser()
        return AppPaths(data_dir=root / "data", config_dir=root / "config")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
