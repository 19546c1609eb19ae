"""Files that are not ordinary files, for the tests of issue 16 ("paths and special files").

:class:`Fifo` is a named pipe that cannot hang a test. Opening a named pipe to read it waits
until someone opens it to write; the game must never open one at all. A watcher thread tries,
many times a second, to open the pipe to write without waiting: that succeeds only while
something holds it open to read, so the watcher notes that the game opened it (``opened``) and
closes its end at once, and whatever was waiting reads an empty file instead of waiting forever.
A test asserts ``not fifo.opened``, and cannot hang even on code that opens the pipe.
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
needs_symlinks = pytest.mark.skipif(os.name != "posix", reason="symbolic links need POSIX here")


class Fifo:
    """A named pipe at ``path`` and its watcher (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        os.mkfifo(self.path)
        self.opened = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.01):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as error:  # ENXIO: nobody has it open to read, as it should be
                if error.errno not in (errno.ENXIO, errno.ENOENT):
                    raise
                continue
            self.opened = True
            os.close(fd)  # the reader sees the end of the file and goes on

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@pytest.fixture(name="make_fifo")
def fifo_maker():
    """The fixture ``make_fifo``: ``make_fifo(path)`` makes a :class:`Fifo` there, and its
    watcher is stopped after the test. A test module imports ``fifo_maker`` to use it."""
    made: list[Fifo] = []

    def make(path: Path) -> Fifo:
        fifo = Fifo(path)
        made.append(fifo)
        return fifo

    yield make
    for fifo in made:
        fifo.close()


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no time and no disk to make (all zero bytes)."""
    with Path(path).open("wb") as handle:
        handle.truncate(size)
    return Path(path)


def link(path: Path, target: str | Path) -> Path:
    """A symbolic link at ``path`` to ``target`` (which may not exist, or be the link itself)."""
    os.symlink(target, path)
    return Path(path)
