"""``pip install .`` gives a game that runs without the checkout: the command, levels and fonts.

The wheel is built once (a few seconds: setuptools comes from the package index) and read as the
zip it is; what a fresh machine would unpack is what these tests look at.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from game.resources import INSTALLED_NAME, data_dir

ROOT = Path(__file__).resolve().parents[2]


def test_the_checkout_is_read_before_an_installed_copy(tmp_path: Path) -> None:
    checkout, prefix = tmp_path / "repo", tmp_path / "prefix"
    (checkout / "levels").mkdir(parents=True)
    (prefix / "share" / INSTALLED_NAME / "levels").mkdir(parents=True)
    assert data_dir("levels", checkout=checkout, prefix=prefix) == checkout / "levels"


def test_an_installed_game_reads_its_shared_data_folder(tmp_path: Path) -> None:
    installed = tmp_path / "prefix" / "share" / INSTALLED_NAME / "assets"
    installed.mkdir(parents=True)
    found = data_dir("assets", checkout=tmp_path / "site-packages", prefix=tmp_path / "prefix")
    assert found == installed


def test_with_neither_the_checkout_path_is_named(tmp_path: Path) -> None:
    found = data_dir("levels", checkout=tmp_path / "repo", prefix=tmp_path / "prefix")
    assert found == tmp_path / "repo" / "levels"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (path,) = out.glob("*.whl")
    return zipfile.ZipFile(path)


@pytest.mark.slow
def test_the_wheel_carries_every_level_font_text_and_workshop_page(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    shared = {
        n.split(f"/share/{INSTALLED_NAME}/", 1)[1]
        for n in names
        if f"/share/{INSTALLED_NAME}/" in n
    }
    for level in (ROOT / "levels").glob("*.yaml"):
        assert f"levels/{level.name}" in shared
    for font in (ROOT / "assets" / "fonts").iterdir():
        assert f"assets/fonts/{font.name}" in shared
    assert "assets/theme.json" in shared
    for page in (ROOT / "game" / "workshop").glob("*/*.*"):
        if page.parent.name in {"templates", "static"}:
            assert page.relative_to(ROOT).as_posix() in names
    catalogues = list((ROOT / "game" / "i18n" / "catalogues").glob("*.json"))
    assert len(catalogues) == 2  # es and en
    for catalogue in catalogues:
        assert catalogue.relative_to(ROOT).as_posix() in names


@pytest.mark.slow
def test_the_wheel_installs_the_asociatividad_command(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "[console_scripts]" in text
    assert "asociatividad = game.cli:main" in text
