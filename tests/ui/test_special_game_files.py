"""The comparison and load screens open a game file by its path: a named pipe, a device or a
loop of links there is a message in both languages, never a frozen screen (issue 16)."""

from __future__ import annotations

import pytest

from game.ui.scenes.compare import GameFileError, read_game_file
from tests.special_files import (
    fifo_maker,  # noqa: F401  (the fixture make_fifo)
    link,
    needs_dev_zero,
    needs_fifo,
    needs_symlinks,
)
from tests.ui.harness import make_app


@needs_fifo
def test_a_named_pipe_is_refused_in_both_languages_without_being_opened(tmp_path, make_fifo):
    fifo = make_fifo(tmp_path / "tubo.json")
    app = make_app(tmp_path)
    with pytest.raises(GameFileError) as raised:
        read_game_file(fifo.path, app.store)
    assert not fifo.opened
    assert raised.value.message("es") == (
        "tubo.json: no se pudo leer (una tubería con nombre (FIFO), no un archivo común)"
    )
    assert raised.value.message("en") == (
        "tubo.json: it could not be read (a named pipe (FIFO), not an ordinary file)"
    )


@needs_dev_zero
@needs_symlinks
def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path):
    zero = link(tmp_path / "cero.json", "/dev/zero")
    with pytest.raises(GameFileError) as raised:
        read_game_file(zero, make_app(tmp_path).store)
    assert "un enlace simbólico a un dispositivo (/dev/zero)" in raised.value.message("es")


@needs_symlinks
def test_a_loop_of_links_is_a_message(tmp_path):
    loop = link(tmp_path / "bucle.json", tmp_path / "bucle.json")
    with pytest.raises(GameFileError) as raised:
        read_game_file(loop, make_app(tmp_path).store)
    assert raised.value.message("en") == (
        "bucle.json: it could not be read (Too many levels of symbolic links)"
    )


def test_a_folder_and_a_missing_file_are_still_said_as_before(tmp_path):
    store = make_app(tmp_path).store
    with pytest.raises(GameFileError, match="is a folder"):
        read_game_file(tmp_path, store)
    with pytest.raises(GameFileError, match="there is no such file or folder"):
        read_game_file(tmp_path / "nada.json", store)
