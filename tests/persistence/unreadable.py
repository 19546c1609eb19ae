"""Files the game is not allowed to read, for the tests of issue 16's data loss.

``chmod 000`` is enough for a player who is not root. Root reads such a file anyway (and the
tests and CI run as root), so there the file is also refused to every ``open`` the game makes,
with the error the system gives everyone else: ``PermissionError`` (EACCES, "Permission
denied"). The refusal belongs to the file (its inode), not to its name, as a permission does:
renaming the file keeps it refused, and a new file written under the old name is not.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest


class Unreadable:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._refused: set[tuple[int, int]] = set()
        self._root = os.name == "posix" and os.geteuid() == 0
        real_open = io.open

        def guarded_open(file, *args, **kwargs):
            if self._refused and isinstance(file, str | bytes | os.PathLike):
                try:
                    st = os.stat(file)
                except OSError:
                    pass
                else:
                    if (st.st_dev, st.st_ino) in self._refused:
                        raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(file))
            return real_open(file, *args, **kwargs)

        if self._root:
            monkeypatch.setattr(io, "open", guarded_open)
            monkeypatch.setattr(builtins, "open", guarded_open)

    def deny(self, path: Path) -> Path:
        """Take every permission away from ``path`` (``chmod 000``)."""
        path.chmod(0)
        st = path.stat()
        self._refused.add((st.st_dev, st.st_ino))
        return path

    def allow(self, path: Path) -> Path:
        """Give ``path`` back to its owner (``chmod 600``), to look at what it holds."""
        path.chmod(0o600)
        st = path.stat()
        self._refused.discard((st.st_dev, st.st_ino))
        return path

    def check(self, path: Path) -> None:
        """The fixture works: the game's way of reading ``path`` is refused."""
        with pytest.raises(PermissionError):
            path.read_bytes()
