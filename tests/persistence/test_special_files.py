"""Only ordinary files of a bounded size are read (issue 16, "paths and special files").

One reader, :func:`~game.persistence.paths.read_regular_file`, reads every level, save, export
and the settings. A named pipe is never opened (opening it waits for a writer: the game froze),
a device such as ``/dev/zero`` or a link to one is never read (it never ends: the memory ran
out), a loop of symbolic links is the system's one-line refusal, and a file larger than its
limit is refused by its size before a byte of it is read.
"""

from __future__ import annotations

import os

import pytest

from game.persistence import saves
from game.persistence.paths import HOME_ENV, RefusedFile, default_paths, read_regular_file
from game.persistence.saves import MAX_SAVE_BYTES, SaveError, SaveStore, make_summary
from game.persistence.settings import MAX_SETTINGS_BYTES, Settings, load_settings
from tests.special_files import (
    fifo_maker,  # noqa: F401  (the fixture make_fifo)
    link,
    needs_dev_zero,
    needs_fifo,
    needs_symlinks,
    sparse_file,
)


@pytest.fixture
def paths(tmp_path, monkeypatch):
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    return default_paths()


@pytest.fixture
def store(paths) -> SaveStore:
    store = SaveStore(paths)
    store.folder.mkdir(parents=True)
    return store


# -- the reader ------------------------------------------------------------------------------


def test_an_ordinary_file_is_read_whole(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == b"x" * 100
    assert read_regular_file(link(tmp_path / "enlace.json", path), 100) == b"x" * 100


@needs_fifo
def test_the_reader_never_opens_a_named_pipe(tmp_path, make_fifo):
    fifo = make_fifo(tmp_path / "tubo.json")
    with pytest.raises(RefusedFile) as raised:
        read_regular_file(fifo.path, 1000)
    assert not fifo.opened
    assert str(raised.value) == f"{fifo.path}: a named pipe (FIFO), not an ordinary file"
    assert raised.value.reason_es == "una tubería con nombre (FIFO), no un archivo común"
    assert not raised.value.too_large


@needs_dev_zero
@needs_symlinks
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_the_reader_never_reads_a_device_or_a_link_to_one(tmp_path, device):
    with pytest.raises(RefusedFile, match=f"^{device}: a device, not an ordinary file$"):
        read_regular_file(device, 1000)
    zero = link(tmp_path / "cero.json", device)
    with pytest.raises(RefusedFile) as raised:
        read_regular_file(zero, 1000)
    assert str(raised.value) == (
        f"{zero}: a symbolic link to a device ({device}), not an ordinary file"
    )


@needs_symlinks
def test_a_loop_of_links_is_the_systems_one_line_refusal(tmp_path):
    loop = link(tmp_path / "bucle.json", tmp_path / "bucle.json")
    with pytest.raises(OSError) as raised:
        read_regular_file(loop, 1000)
    assert raised.value.filename == str(loop)
    assert raised.value.strerror == "Too many levels of symbolic links"


def test_a_file_too_large_is_refused_by_its_size(tmp_path, monkeypatch):
    big = sparse_file(tmp_path / "grande.json", 10 * 1024 + 1)

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr("builtins.open", no_open)
    with pytest.raises(RefusedFile) as raised:
        read_regular_file(big, 10 * 1024, what="a saved game")
    assert raised.value.too_large
    assert str(raised.value) == f"{big}: too large to be a saved game (more than 10 KB)"


def test_a_file_that_says_it_is_small_is_not_read_past_the_limit(tmp_path, monkeypatch):
    """The size is looked at first; what is read is bounded even if the size lied."""
    path = tmp_path / "crece.json"
    path.write_bytes(b"x" * 5000)
    real_stat, real_fstat = os.stat, os.fstat

    def shrunk(info):  # a file system that says the file holds 10 bytes
        return os.stat_result((*info[:6], 10, *info[7:10]))

    monkeypatch.setattr(os, "stat", lambda p, *a, **k: shrunk(real_stat(p, *a, **k)))
    monkeypatch.setattr(os, "fstat", lambda fd: shrunk(real_fstat(fd)))
    with pytest.raises(RefusedFile, match="too large"):
        read_regular_file(path, 4000)


def test_a_folder_or_a_name_with_nul_is_said_in_one_line(tmp_path):
    with pytest.raises(IsADirectoryError):
        read_regular_file(tmp_path, 1000)
    with pytest.raises(RefusedFile, match="NUL"):
        read_regular_file(str(tmp_path / "a\0b.json"), 1000)
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "nada.json", 1000)


# -- saves -----------------------------------------------------------------------------------


@needs_fifo
def test_a_named_pipe_as_a_save_is_refused_and_left_where_it_is(store, make_fifo):
    fifo = make_fifo(store.folder / "tubo.json")
    with pytest.raises(SaveError) as raised:
        store.read(fifo.path)
    assert not fifo.opened
    error = raised.value
    assert error.kind == "unreadable" and error.kept_at is None
    assert error.message_en == (
        f"The saved game {fifo.path} could not be read: a named pipe (FIFO), not an ordinary file."
    )
    assert error.message_es == (
        f"No se pudo leer la partida guardada {fifo.path}: una tubería con nombre (FIFO), no un "
        "archivo común."
    )
    assert fifo.path.exists()  # nothing moved
    assert store.list_saves() == []  # not a slot


@needs_dev_zero
@needs_symlinks
def test_a_link_to_dev_zero_as_a_save_is_refused_without_reading_it(store):
    zero = link(store.folder / "cero.json", "/dev/zero")
    with pytest.raises(SaveError) as raised:
        store.read("cero")
    assert raised.value.kind == "unreadable"
    assert f"{zero} could not be read: a symbolic link to a device (/dev/zero)" in str(raised.value)
    assert os.path.islink(zero)


@needs_symlinks
def test_a_loop_of_links_as_a_save_is_a_message_not_a_traceback(store):
    loop = link(store.folder / "bucle.json", store.folder / "bucle.json")
    with pytest.raises(SaveError) as raised:
        store.read(loop)
    assert raised.value.kind == "unreadable"
    assert str(raised.value) == (
        f"The saved game {loop} could not be read: Too many levels of symbolic links."
    )


def test_a_sparse_save_too_large_is_refused_before_it_is_opened(store, monkeypatch):
    big = sparse_file(store.folder / "gigante.json", MAX_SAVE_BYTES + 1)
    monkeypatch.setattr(saves, "_parse", lambda *a: pytest.fail("the huge save was parsed"))
    with pytest.raises(SaveError) as raised:
        store.read(big, quarantine=False)
    assert raised.value.kind == "too_large" and str(big) in raised.value.message_en


@needs_fifo
def test_a_save_whose_level_path_is_a_named_pipe_opens_on_the_shipped_level(
    store, tmp_path, make_fifo
):
    """``level_path`` in a save is followed first: a named pipe there froze the game."""
    from game.content.levels import load_level
    from game.play.match import Match, Seat
    from game.ui.saving import restore_match

    level = load_level("tutorial")
    match = Match(level, [Seat(n, "leal") for n in level.firm_names[:2]], 1)
    game = match.to_json()
    fifo = make_fifo(tmp_path / "nivel.yaml")
    game["level_path"] = str(fifo.path)
    summary = make_summary("tutorial", level.name, 0, level.firm_names[:2])
    store.write("tubo", game, summary, finished=False)
    restored = restore_match(store.read("tubo"))
    assert not fifo.opened
    assert restored.level.id == "tutorial"


# -- settings --------------------------------------------------------------------------------


@needs_fifo
def test_a_named_pipe_as_the_settings_file_gives_the_defaults_at_once(paths, make_fifo):
    paths.config_dir.mkdir(parents=True)
    fifo = make_fifo(paths.settings_file)
    settings, warning = load_settings(paths)
    assert not fifo.opened
    assert settings == Settings()
    assert "a named pipe (FIFO), not an ordinary file" in warning.en
    assert fifo.path.exists()  # nothing moved: nobody's settings are in it


@needs_dev_zero
@needs_symlinks
def test_a_link_to_dev_zero_as_the_settings_file_gives_the_defaults(paths):
    paths.config_dir.mkdir(parents=True)
    link(paths.settings_file, "/dev/zero")
    settings, warning = load_settings(paths)
    assert settings == Settings() and "(/dev/zero)" in warning.en


def test_a_huge_settings_file_is_kept_aside_unread(paths):
    paths.config_dir.mkdir(parents=True)
    sparse_file(paths.settings_file, MAX_SETTINGS_BYTES + 1)
    settings, warning = load_settings(paths)
    assert settings == Settings()
    assert "too large to be a settings file (more than 1 MB)" in warning.en
    (kept,) = paths.config_dir.glob("settings.unreadable-*.json")
    assert kept.stat().st_size == MAX_SETTINGS_BYTES + 1
