"""What an export reads and writes (issue 16): only ordinary files of a bounded size are read
back, names are names and not paths, and no cell of the CSV runs as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.debrief import analyse, export_game, read_export, write_debrief
from game.debrief import export as export_module
from game.debrief.compare import export_comparison
from game.debrief.export import (
    ExportError,
    ExportNameError,
    cell_text,
    csv_rows,
    spreadsheet_text,
)
from game.persistence.paths import MAX_GAME_FILE_BYTES
from tests.debrief.conftest import MIXED, computer_game
from tests.special_files import (
    fifo_maker,  # noqa: F401  (the fixture make_fifo)
    link,
    needs_dev_zero,
    needs_fifo,
    needs_symlinks,
    sparse_file,
)


@pytest.fixture(scope="module")
def played(gamarra):
    return computer_game(gamarra, 4).record()


@pytest.fixture
def exported(gamarra, played, tmp_path) -> dict[str, Path]:
    out = tmp_path / "out"
    return {p.suffix: p for p in export_game(gamarra, played, out, name="grupo")}


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ASOCIATIVIDAD_HOME", str(tmp_path / "home"))


def _with_level_path(files: dict[str, Path], level_path: str) -> dict[str, Path]:
    """The JSON and the CSV of ``files`` with their ``level_path`` changed."""
    document = json.loads(files[".json"].read_text(encoding="utf-8"))
    document["level_path"] = level_path
    files[".json"].write_text(json.dumps(document), encoding="utf-8")
    with files[".csv"].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["level_path"] = level_path
    with files[".csv"].open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return files


# -- reading an export back: only ordinary files ---------------------------------------------


@needs_fifo
@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_a_named_pipe_as_an_export_is_refused_without_being_opened(tmp_path, make_fifo, suffix):
    fifo = make_fifo(tmp_path / f"tubo{suffix}")
    with pytest.raises(ExportError) as raised:
        read_export(fifo.path)
    assert not fifo.opened
    assert str(raised.value) == (
        f"{fifo.path}: cannot be read (a named pipe (FIFO), not an ordinary file)"
    )


@needs_dev_zero
@needs_symlinks
@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_a_link_to_dev_zero_as_an_export_is_refused_without_reading_it(tmp_path, suffix):
    zero = link(tmp_path / f"cero{suffix}", "/dev/zero")
    with pytest.raises(ExportError, match=r"a symbolic link to a device \(/dev/zero\)"):
        read_export(zero)


@needs_symlinks
def test_a_loop_of_links_as_an_export_is_a_message(tmp_path):
    loop = link(tmp_path / "bucle.json", tmp_path / "bucle.json")
    with pytest.raises(ExportError) as raised:
        read_export(loop)
    assert str(raised.value) == f"{loop}: cannot be read (Too many levels of symbolic links)"


def test_an_export_too_large_is_refused_by_its_size(tmp_path, monkeypatch):
    big = sparse_file(tmp_path / "enorme.json", MAX_GAME_FILE_BYTES + 1)
    monkeypatch.setattr(json, "loads", lambda *a, **k: pytest.fail("the huge file was parsed"))
    with pytest.raises(ExportError, match="too large to be an exported game"):
        read_export(big)


def test_an_export_holding_a_number_too_long_to_read_is_an_export_error(exported):
    """json raises a plain ValueError past 4,300 digits: it was not said as an ExportError."""
    text = exported[".json"].read_text(encoding="utf-8")
    document = json.loads(text)
    seed = document["record"]["seed"]
    exported[".json"].write_text(
        text.replace(f'"seed": {seed}', '"seed": ' + "9" * 5000, 1), encoding="utf-8"
    )
    with pytest.raises(ExportError) as raised:
        read_export(exported[".json"])
    assert str(raised.value) == (
        f"{exported['.json']}: not a game exported by this game (it holds a number too long "
        "to read)"
    )


@needs_fifo
@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_an_export_whose_level_path_is_a_named_pipe_reloads_on_the_shipped_level(
    exported, tmp_path, make_fifo, played, suffix
):
    fifo = make_fifo(tmp_path / "nivel.yaml")
    files = _with_level_path(exported, str(fifo.path))
    game = read_export(files[suffix])
    assert not fifo.opened
    assert game.level.id == "gamarra" and game.record == played


@needs_dev_zero
@needs_symlinks
@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_an_export_whose_level_path_is_dev_zero_reloads_on_the_shipped_level(
    exported, tmp_path, played, suffix
):
    files = _with_level_path(exported, str(link(tmp_path / "cero.yaml", "/dev/zero")))
    assert read_export(files[suffix]).record == played
    files = _with_level_path(exported, "/dev/zero")
    assert read_export(files[suffix]).record == played


@needs_symlinks
def test_an_export_whose_level_path_loops_reloads_on_the_shipped_level(exported, tmp_path):
    loop = link(tmp_path / "bucle.yaml", tmp_path / "bucle.yaml")
    files = _with_level_path(exported, str(loop))
    assert read_export(files[".json"]).level.id == "gamarra"


@needs_fifo
def test_the_export_command_never_opens_a_named_pipe_named_by_the_save(tmp_path, make_fifo):
    """A save's ``level_path`` naming a named pipe froze ``export`` for ever."""
    save = tmp_path / "grupo.json"
    assert main(["simulate", "gamarra", "--games", "1", "--seed", "3", "--save", str(save)]) == 0
    document = json.loads(save.read_text(encoding="utf-8"))
    fifo = make_fifo(tmp_path / "nivel.yaml")
    document["game"]["level_path"] = str(fifo.path)
    save.write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", str(save), "--out", str(out), "--no-charts"]) == 0
    assert not fifo.opened
    assert sorted(p.name for p in out.iterdir()) == ["grupo.csv", "grupo.html", "grupo.json"]


# -- names are names, not paths ---------------------------------------------------------------


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", ["../../x", "a/b", "..", ".", "a\\b", "C:x", "/tmp/x", " "])
def test_export_refuses_a_name_that_is_a_path_before_writing_anything(tmp_path, capsys, name):
    save = tmp_path / "run" / "grupo.json"
    save.parent.mkdir()
    assert main(["simulate", "gamarra", "--games", "1", "--seed", "3", "--save", str(save)]) == 0
    before = _files_under(tmp_path)
    out = tmp_path / "run" / "deep" / "out"
    assert main(["export", str(save), "--out", str(out), "--name", name]) == 2
    err = capsys.readouterr().err
    assert err.startswith("export: error: --name: ")
    assert "replay" not in err and "Traceback" not in err and err.count("\n") == 1
    assert _files_under(tmp_path) == before  # nothing anywhere: no csv, no chart, no folder
    assert not out.exists()


def test_write_debrief_refuses_a_path_for_a_name_and_draws_no_chart(gamarra, played, tmp_path):
    debrief = analyse(gamarra, played)
    drawn = []
    with pytest.raises(ExportNameError, match="is a path, not a name"):
        write_debrief(debrief, tmp_path / "out", name="../fuera", charts=drawn.append)
    assert drawn == [] and not (tmp_path / "out").exists() and not list(tmp_path.iterdir())


def test_compare_refuses_a_name_that_is_a_path(exported, tmp_path, capsys):
    out = tmp_path / "comparacion"
    args = ["compare", str(exported[".json"]), "--out", str(out), "--name", "../fuera"]
    assert main(args) == 2
    assert "compare: error: --name: '../fuera' is a path" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "fuera.html").exists()
    with pytest.raises(ExportNameError):
        export_comparison(None, out, name="a/b")  # type: ignore[arg-type]


@needs_symlinks
def test_export_into_a_loop_of_links_is_a_message_not_a_traceback(tmp_path, capsys):
    save = tmp_path / "grupo.json"
    assert main(["simulate", "gamarra", "--games", "1", "--seed", "3", "--save", str(save)]) == 0
    loop = link(tmp_path / "bucle", tmp_path / "bucle")
    assert main(["export", str(save), "--out", str(loop), "--no-charts"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"export: error: cannot write to {loop}: ")


def test_a_plain_name_still_works(gamarra, played, tmp_path):
    paths = export_game(gamarra, played, tmp_path, name="grupo 3 (tarde)")
    assert {p.parent for p in paths} == {tmp_path}


# -- formula injection -------------------------------------------------------------------------

HOSTILE = (
    '=HYPERLINK("http://example.com/x","clic")',
    "@SUM(A1:A9)",
    "+51 999",
    "-Rosa",
    "\tTabulada",
    "\rRetorno",
)


@pytest.fixture(scope="module")
def hostile(gamarra):
    """A game of eight firms named as a spreadsheet would run formulas, one named with an
    apostrophe already (it must come back as it was too) and one plainly."""
    played = computer_game(gamarra, 4, MIXED).record()
    assert len(played.names) == 8
    return dataclasses.replace(played, names=(*HOSTILE, "'Apostrofada", "Normal"))


def test_no_text_cell_of_the_csv_begins_like_a_formula(gamarra, hostile, tmp_path):
    (path,) = [p for p in export_game(gamarra, hostile, tmp_path) if p.suffix == ".csv"]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            if cell.startswith("-"):
                float(cell)  # only a number may begin with a minus sign: -12.5 stays a number
    names = {row["name"] for row in rows}
    assert names == {"'" + name for name in (*HOSTILE, "'Apostrofada")} | {"Normal"}


def test_numbers_stay_numbers_even_when_negative(gamarra, hostile):
    rows = csv_rows(analyse(gamarra, hostile))
    capital = [row["capital"] for row in rows]
    assert all(isinstance(value, float | int) for value in capital)
    assert spreadsheet_text(-12.5) == -12.5 and spreadsheet_text(0) == 0
    assert spreadsheet_text("-12.5") == "'-12.5"  # text that looks like one is still text


def test_the_csv_reloads_into_the_same_game_with_the_same_names(gamarra, hostile, tmp_path):
    showable = dataclasses.replace(
        hostile, names=(*hostile.names[:5], "Retorno", *hostile.names[6:])
    )
    files = {p.suffix: p for p in export_game(gamarra, showable, tmp_path, name="hostil")}
    game = read_export(files[".csv"])
    assert game.record.names == showable.names
    assert game.record == showable
    assert analyse(game.level, game.record) == analyse(gamarra, showable)
    assert read_export(files[".json"]).record == showable  # the JSON needs no such mark


def test_a_name_with_a_control_character_is_written_safely_but_refused_on_reload(
    gamarra, hostile, tmp_path
):
    """No level or seat can give a firm a name with a carriage return (issue 16): a CSV or a
    JSON holding one was made by hand, and is refused naming the field."""
    files = {p.suffix: p for p in export_game(gamarra, hostile, tmp_path, name="hostil")}
    for suffix, field in ((".csv", "rows.names[5]"), (".json", "record.names[5]")):
        with pytest.raises(ExportError, match=re.escape(field) + ".*U\\+000D"):
            read_export(files[suffix])


def test_a_level_path_that_begins_like_a_formula_is_marked_and_still_found(
    gamarra, played, tmp_path, monkeypatch
):
    from game.content.levels import LEVELS_DIR, load_level

    monkeypatch.chdir(tmp_path)
    shutil.copy(LEVELS_DIR / "gamarra.yaml", tmp_path / "=gamarra.yaml")
    level = load_level("=gamarra.yaml")
    assert level.path == "=gamarra.yaml"
    (path,) = [p for p in export_game(level, played, tmp_path / "out") if p.suffix == ".csv"]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.DictReader(handle))["level_path"] == "'=gamarra.yaml"
    monkeypatch.setattr(export_module, "_find_level", _only_by_path(export_module._find_level))
    assert read_export(path).level.path == "=gamarra.yaml"


def _only_by_path(find):
    def find_by_path(path, level_id, level_path=None):
        assert level_path == "=gamarra.yaml"
        return find(path, "gamarra", level_path)

    return find_by_path


def test_cell_text_undoes_spreadsheet_text():
    for text in (*HOSTILE, "'", "''x", "Normal", "", "a=b"):
        assert cell_text(spreadsheet_text(text)) == text
