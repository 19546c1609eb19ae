"""Where the game keeps a player's files.

Everything lives in the per-user folders that ``platformdirs`` names for the platform (never next
to the program, never a hard-coded home path). ``ASOCIATIVIDAD_HOME`` moves all of them under one
folder, so that tests and end-to-end runs never touch a real player's saves. Nothing here creates a
directory: folders are made lazily by whoever writes into them.
"""

from __future__ import annotations

import errno
import os
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
