"""``simulate --save``, ``export`` and ``compare`` end to end, through main() and a process."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.content.levels import load_level
from game.debrief.export import default_export_dir
from game.persistence.paths import AppPaths, default_paths
from game.persistence.saves import SaveStore
from game.play.match import Match, Seat, Stage
from game.sim.simulate import run_game, seating

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Saves go to a folder of the test's own, never a real player's."""
    monkeypatch.setenv("ASOCIATIVIDAD_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_simulate_save_writes_the_simulators_game_as_a_finished_save(tmp_path):
    target = tmp_path / "ejemplo.json"
    assert main(["simulate", "gamarra", "--games", "1", "--seed", "7", "--save", str(target)]) == 0
    loaded = SaveStore(default_paths()).read(target, quarantine=False)
    assert loaded.finished and loaded.summary["level"] == "gamarra"
    level = load_level("gamarra")
    match = Match.from_json(loaded.game, level)
    assert match.stage is Stage.OVER
    expected = run_game(level, 7, seating(level, 7, 0, None, None), dict(level.default_contract))
    game = match.active_game
    assert (game.outcome.kind, game.outcome.season) == (expected.outcome, expected.length)


def test_simulate_save_by_name_lands_in_the_games_saves_folder():
    assert main(["simulate", "tutorial", "--games", "1", "--seed", "2", "--save", "clase"]) == 0
    saves = SaveStore(default_paths()).list_saves()
    assert [(s.slot, s.finished, s.ok) for s in saves] == [("clase", True, True)]


@pytest.mark.parametrize(
    "args",
    [
        ["--games", "5", "--save", "x"],
        ["--games", "1", "--save", "no good"],
        ["--games", "1", "--save", "x", "--firms", "leal,nadie,leal"],
    ],
)
def test_simulate_save_refuses_bad_input_with_a_message(args, capsys):
    assert main(["simulate", "gamarra", *args]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err


@pytest.mark.parametrize("by", ["name", "path"])
def test_simulate_save_refuses_to_replace_an_existing_save_without_overwrite(tmp_path, by, capsys):
    """Issue 16: ``--save NAME`` silently replaced the saved game of another group."""
    target = "clase" if by == "name" else str(tmp_path / "clase.json")
    assert main(["simulate", "gamarra", "--games", "1", "--seed", "1", "--save", target]) == 0
    path = SaveStore(default_paths()).path_for("clase") if by == "name" else Path(target)
    before = path.read_bytes()
    capsys.readouterr()

    code = main(["simulate", "tutorial", "--games", "1", "--seed", "2", "--save", target])

    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert str(path) in err and "--overwrite" in err
    assert path.read_bytes() == before  # the other game, byte for byte
    assert sorted(p.name for p in path.parent.iterdir()) == ["clase.json"]


def test_simulate_save_with_overwrite_replaces_the_save(tmp_path):
    target = tmp_path / "clase.json"
    assert main(["simulate", "gamarra", "--games", "1", "--seed", "1", "--save", str(target)]) == 0
    args = ["simulate", "tutorial", "--games", "1", "--seed", "2", "--save", str(target)]
    assert main([*args, "--overwrite"]) == 0
    loaded = SaveStore(default_paths()).read(target, quarantine=False)
    assert loaded.summary["level"] == "tutorial"


def test_simulate_save_with_overwrite_still_keeps_a_file_that_is_not_a_save(tmp_path, capsys):
    target = tmp_path / "notas.json"
    target.write_bytes(b'{"mis": "notas"}')
    args = ["simulate", "tutorial", "--games", "1", "--seed", "2", "--save", str(target)]
    assert main(args) == 2
    assert target.read_bytes() == b'{"mis": "notas"}'
    assert main([*args, "--overwrite"]) == 0
    (kept,) = tmp_path.glob("notas.corrupt-*.json")
    assert kept.read_bytes() == b'{"mis": "notas"}'
    assert str(kept) in capsys.readouterr().err  # and says where it is


def test_export_writes_every_file_of_a_finished_save(tmp_path):
    save = tmp_path / "grupo1.json"
    main(["simulate", "gamarra", "--games", "1", "--seed", "3", "--save", str(save)])
    out = tmp_path / "out"
    assert main(["export", str(save), "--out", str(out), "--no-charts"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["grupo1.csv", "grupo1.html", "grupo1.json"]
    with (out / "grupo1.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len({(r["season"], r["firm"]) for r in rows}) > 0


def test_export_into_the_saves_own_folder_keeps_the_save(tmp_path):
    save = tmp_path / "g.json"
    main(["simulate", "gamarra", "--games", "1", "--seed", "3", "--save", str(save)])
    before = save.read_bytes()
    assert main(["export", str(save), "--out", str(tmp_path), "--no-charts"]) == 0
    assert save.read_bytes() == before
    assert (tmp_path / "g-export.json").exists()


def test_export_refuses_a_missing_or_unfinished_save(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nada.json"), "--out", str(tmp_path)]) == 2
    store = SaveStore(default_paths())
    level = load_level("gamarra")
    match = Match(level, [Seat(n, "leal") for n in level.firm_names[:4]], 1)
    match.sign(level.default_contract)
    path = store.write("a_medias", match.to_json(), {"level": "gamarra"}, finished=False)
    assert main(["export", str(path), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "not finished" in err and "Traceback" not in err


def test_compare_sums_up_several_exports(tmp_path):
    exports = []
    for seed in (3, 4):
        save = tmp_path / f"grupo{seed}.json"
        main(["simulate", "gamarra", "--games", "1", "--seed", str(seed), "--save", str(save)])
        main(["export", str(save), "--out", str(tmp_path / "out"), "--no-charts"])
        exports.append(str(tmp_path / "out" / f"grupo{seed}.json"))
    assert main(["compare", *exports, "--out", str(tmp_path)]) == 0
    page = (tmp_path / "comparacion.html").read_text(encoding="utf-8")
    assert "grupo3" in page and "grupo4" in page


def test_export_runs_as_a_command_with_its_charts(tmp_path, home):
    env = {"ASOCIATIVIDAD_HOME": str(home), "PATH": "/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy"}
    save = tmp_path / "demo.json"
    run = [sys.executable, "main.py"]
    made = subprocess.run(
        [*run, "simulate", "villa_el_salvador", "--games", "1", "--seed", "1", "--save", str(save)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    out = tmp_path / "out"
    done = subprocess.run(
        [*run, "export", str(save), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert {"demo.csv", "demo.json", "demo.html"} <= {p.name for p in out.iterdir()}
    assert any(p.suffix == ".png" for p in out.iterdir()) or "charts skipped" in done.stderr
    bad = subprocess.run(
        [*run, "export", str(tmp_path / "missing.json")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


# -- where the files go without --out --------------------------------------------------------


def test_export_without_out_goes_where_the_debrief_screen_exports(tmp_path, home, capsys):
    """Under ASOCIATIVIDAD_HOME (a test, a classroom install) the app's own exports folder,
    never the real documents folder."""
    save = tmp_path / "grupo.json"
    main(["simulate", "gamarra", "--games", "1", "--seed", "3", "--save", str(save)])
    capsys.readouterr()
    assert main(["export", str(save), "--no-charts"]) == 0
    exports = default_paths().exports_dir
    assert exports == home / "data" / "exports" == default_export_dir()
    assert sorted(p.name for p in exports.iterdir()) == ["grupo.csv", "grupo.html", "grupo.json"]
    assert main(["compare", str(exports / "grupo.json")]) == 0
    assert (exports / "comparacion.html").exists()
    assert capsys.readouterr().out.split() == [
        *(str(exports / f"grupo{s}") for s in (".csv", ".json", ".html")),
        str(exports / "comparacion.html"),
    ]


def test_the_default_folder_is_asociatividad_in_the_documents(tmp_path, monkeypatch):
    import platformdirs

    monkeypatch.delenv("ASOCIATIVIDAD_HOME")
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "Docs"))
    assert default_export_dir() == tmp_path / "Docs" / "Asociatividad"


def test_the_default_folder_follows_app_paths_that_are_not_the_users(tmp_path, monkeypatch):
    """As the debrief screen: an app whose data lives elsewhere exports next to it."""
    monkeypatch.delenv("ASOCIATIVIDAD_HOME")
    paths = AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    assert default_export_dir(paths) == tmp_path / "data" / "exports"
    monkeypatch.setenv("ASOCIATIVIDAD_HOME", "  ")  # blank: as if unset
    assert default_export_dir(paths) == tmp_path / "data" / "exports"
