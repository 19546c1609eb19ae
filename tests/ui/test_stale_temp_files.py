"""What killed writes left behind is removed when the game starts (issue 16): the atomic writer's
own temporary files, more than an hour old, in the saves and the settings folders; nothing else."""

from __future__ import annotations

import os
import time

from game.persistence.paths import AppPaths
from game.persistence.saves import SaveStore
from tests.ui.harness import make_app


def _file(path, *, hours_old: float, data: bytes = b"half a write"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    when = time.time() - hours_old * 3600
    os.utime(path, (when, when))
    return path


def test_starting_the_game_removes_stale_temp_files_and_nothing_else(tmp_path):
    paths = AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    saves, config = paths.saves_dir, paths.config_dir
    stale = [
        _file(saves / ".partida.json.k3j2h1.tmp", hours_old=2),
        _file(config / ".settings.json.9x8y7z.tmp", hours_old=30),
    ]
    kept = [
        _file(saves / ".partida.json.a1b2c3.tmp", hours_old=0.1),  # a write may still own it
        _file(config / ".settings.json.fresh.tmp", hours_old=0),
        _file(saves / "notas.tmp", hours_old=5),  # not a name the writer gives
        _file(saves / "partida.json", hours_old=5),
        _file(config / "settings.json", hours_old=5, data=b"{}"),
        _file(tmp_path / "elsewhere" / ".x.json.abc.tmp", hours_old=5),
    ]
    target = kept[-1]
    link = saves / ".enlace.json.abc.tmp"
    link.symlink_to(target)
    os.utime(link, (0, 0), follow_symlinks=False)
    folder = saves / ".carpeta.json.abc.tmp"
    folder.mkdir()
    os.utime(folder, (0, 0))

    make_app(tmp_path)

    assert [p for p in stale if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []
    assert link.is_symlink() and target.read_bytes() == b"half a write"
    assert folder.is_dir()


def test_a_folder_that_cannot_be_read_does_not_stop_the_game(tmp_path):
    paths = AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    paths.data_dir.mkdir(parents=True)
    paths.saves_dir.write_bytes(b"a file where the saves folder should be")
    app = make_app(tmp_path)
    assert app.running
    assert SaveStore(paths).discard_stale_temp_files() == []
