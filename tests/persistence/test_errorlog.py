"""The error log: full tracebacks, bounded size, and never an error of its own."""

from __future__ import annotations

import sys

import pytest

from game.persistence.errorlog import install_excepthook, log_exception
from game.persistence.paths import HOME_ENV, AppPaths, default_paths


@pytest.fixture
def paths(tmp_path, monkeypatch) -> AppPaths:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    return default_paths()


def _raise_inner():
    raise ValueError("la cooperativa no tiene fondos")


def _caught() -> BaseException:
    try:
        _raise_inner()
    except ValueError as exc:
        return exc
    raise AssertionError("unreachable")


def test_writes_a_timestamped_entry_with_the_full_traceback(paths):
    path = log_exception(paths, _caught(), "resolving season 3")
    assert path == paths.log_file
    text = path.read_text(encoding="utf-8")
    assert "resolving season 3" in text
    assert "Traceback (most recent call last)" in text
    assert "_raise_inner" in text
    assert "ValueError: la cooperativa no tiene fondos" in text


def test_entries_are_appended(paths):
    log_exception(paths, _caught(), "first")
    log_exception(paths, _caught(), "second")
    text = paths.log_file.read_text(encoding="utf-8")
    assert text.index("first") < text.index("second")


def test_rotates_when_the_log_grows_too_large_keeping_one_backup(paths):
    for i in range(40):
        log_exception(paths, _caught(), f"entry {i}", max_bytes=4000)
    backup = paths.log_file.with_name("errors.log.1")
    assert backup.exists()
    assert paths.log_file.stat().st_size <= 4000
    assert backup.stat().st_size <= 4000
    assert "entry 39" in paths.log_file.read_text(encoding="utf-8")
    assert sorted(p.name for p in paths.log_dir.iterdir()) == ["errors.log", "errors.log.1"]


def test_default_rotation_is_about_a_megabyte(paths):
    paths.log_dir.mkdir(parents=True)
    paths.log_file.write_bytes(b"x" * 1_000_000)
    log_exception(paths, _caught(), "after a big log")
    assert paths.log_file.with_name("errors.log.1").stat().st_size == 1_000_000
    assert "after a big log" in paths.log_file.read_text(encoding="utf-8")


def test_never_raises_when_the_log_cannot_be_written(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    paths = AppPaths(data_dir=blocker / "data", config_dir=tmp_path / "config")
    assert log_exception(paths, _caught(), "nowhere to write") is None


def test_never_raises_for_an_exception_that_cannot_be_printed(paths):
    class Nasty(Exception):
        def __str__(self):
            raise RuntimeError("no")

    assert log_exception(paths, Nasty(), "nasty") == paths.log_file


def test_excepthook_logs_then_calls_the_previous_hook(paths, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: seen.append(args))
    uninstall = install_excepthook(paths)
    try:
        exc = _caught()
        sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        uninstall()
    assert len(seen) == 1 and seen[0][1] is exc
    assert "uncaught exception" in paths.log_file.read_text(encoding="utf-8")
