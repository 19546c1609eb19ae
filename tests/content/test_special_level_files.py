"""A level that is not an ordinary file, or far too large, is refused in one line naming it
(issue 16, "paths and special files").

A named pipe given as a level used to wait forever for a writer; ``/dev/zero`` (or a link to it)
was read until the memory ran out; a loop of symbolic links printed a ``RuntimeError``
traceback; a 50 MB level took 17 s to be refused, and the level-select screen froze as long on
every opening while one sat in ``levels/``. Only an ordinary file of at most
``MAX_LEVEL_BYTES`` is read now, and a larger one is refused by its size before it is read.
"""

from __future__ import annotations

import shutil
import time

import pytest

from game.cli import main
from game.content import levels, yaml_source
from game.content.levels import check_file, load_level
from game.content.problems import LevelError
from game.content.yaml_source import MAX_LEVEL_BYTES, load_yaml_file
from tests.special_files import (
    fifo_maker,  # noqa: F401  (the fixture make_fifo)
    link,
    needs_dev_zero,
    needs_fifo,
    needs_symlinks,
    sparse_file,
)


def _one_problem(path) -> str:
    with pytest.raises(LevelError) as raised:
        load_level(path)
    (problem,) = raised.value.problems
    assert problem.file == str(path)
    text = str(problem)
    assert "\n" not in text
    return text


@needs_fifo
def test_a_named_pipe_as_a_level_is_refused_without_being_opened(tmp_path, make_fifo):
    fifo = make_fifo(tmp_path / "tubo.yaml")
    text = _one_problem(fifo.path)
    assert "named pipe" in text and "not an ordinary file" in text
    assert not fifo.opened, "the game opened the named pipe (it would wait for ever)"
    (problem,) = check_file(fifo.path)
    assert problem.message == "cannot read file: a named pipe (FIFO), not an ordinary file"


@needs_dev_zero
@needs_symlinks
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_as_a_level_is_refused_without_reading_it(tmp_path, device):
    text = _one_problem(link(tmp_path / "cero.yaml", device))
    assert f"a symbolic link to a device ({device})" in text


@needs_dev_zero
def test_a_device_itself_as_a_level_is_refused():
    with pytest.raises(LevelError, match="a device, not an ordinary file"):
        load_yaml_file("/dev/zero")


@needs_symlinks
def test_a_loop_of_symbolic_links_is_one_line_not_a_traceback(tmp_path, capsys):
    loop = link(tmp_path / "bucle.yaml", tmp_path / "bucle.yaml")
    assert "symbolic links" in _one_problem(loop)
    assert main(["check-level", str(loop)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "RuntimeError" not in err
    assert f"{loop}:?: (file): cannot read file: Too many levels of symbolic links" in err


def test_a_huge_level_is_refused_by_its_size_without_being_parsed(tmp_path, monkeypatch):
    huge = sparse_file(tmp_path / "enorme.yaml", 50 * 1024 * 1024)

    def parse(*args, **kwargs):
        raise AssertionError("the 50 MB file was parsed")

    monkeypatch.setattr(yaml_source, "load_yaml_bytes", parse)
    started = time.perf_counter()
    text = _one_problem(huge)
    assert time.perf_counter() - started < 1.0
    assert "too large to be a level (more than 512 KB)" in text


def test_a_level_at_the_size_limit_is_still_read(tmp_path):
    level = (levels.LEVELS_DIR / "tutorial.yaml").read_bytes()
    padded = tmp_path / "tutorial.yaml"
    padded.write_bytes(level + b"#" * (MAX_LEVEL_BYTES - len(level) - 1) + b"\n")
    assert padded.stat().st_size == MAX_LEVEL_BYTES
    assert load_level(padded).id == "tutorial"
    padded.write_bytes(padded.read_bytes() + b"\n")
    assert "too large" in _one_problem(padded)


def test_the_level_select_screen_skips_a_huge_level_without_reading_it(tmp_path, monkeypatch):
    """A 50 MB file among the levels used to freeze the screen for 15 s at every opening."""
    from game.ui.scenes.level_select import LevelSelectScene
    from tests.ui.harness import make_app

    folder = tmp_path / "levels"
    folder.mkdir()
    for name in levels.SHIPPED_ORDER:
        shutil.copy(levels.LEVELS_DIR / f"{name}.yaml", folder)
    sparse_file(folder / "enorme.yaml", 50 * 1024 * 1024)
    monkeypatch.setattr(levels, "LEVELS_DIR", folder)
    real_parse = yaml_source.load_yaml_bytes

    def parse(raw, file, **kwargs):
        assert not file.endswith("enorme.yaml"), "the 50 MB file was parsed"
        return real_parse(raw, file, **kwargs)

    monkeypatch.setattr(yaml_source, "load_yaml_bytes", parse)
    scene = LevelSelectScene(make_app(tmp_path))
    started = time.perf_counter()
    shown = [level.id for level in scene.load_levels()]
    assert time.perf_counter() - started < 5.0
    assert shown == list(levels.SHIPPED_ORDER)
    assert scene.broken == ["enorme"]
