"""The class comparison (several exported games on one screen) and opening any finished game
file from disk in the debrief, both reached from the load screen.

Set ``SHOTS_DIR`` to a folder to keep a screenshot of each state (``compare_*.png``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pygame
import pytest

from game.ai import make_personality
from game.content.levels import load_level
from game.debrief import export_game
from game.engine.game import play
from game.ui.scenes.compare import ClassComparisonScene, GameFileError, read_game_file
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.title import TitleScene
from tests.ui.harness import click, frames, make_app, press, screenshot, type_text, visible_texts
from tests.ui.test_debrief import finished_match
from tests.ui.test_every_screen_fits import SETTINGS, check, signed_match

MIXED = ("oportunista", "leal", "reciproco", "a_medias", "inversor", "rencoroso")
PEOPLE = ("Ana Ñañez", "Beto")


def shoot(app, name: str) -> None:
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        screenshot(app, Path(folder) / f"compare_{name}.png")


# -- three groups' exported games ------------------------------------------------------------


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> Path:
    """Three Gamarra games with different contracts (sound, none of the conditions, two of
    them), exported as a class would: one file per group, two people and four computer firms."""
    level = load_level("gamarra")
    weak = {key: list(condition.options)[-1] for key, condition in level.contract.items()}
    groups = [
        ("grupo-a", level.reference_contract, 1, ("leal",) * 6),
        ("grupo-b", level.default_contract, 2, MIXED),
        ("grupo-c", weak, 3, ("oportunista",) * 3 + ("leal",) * 3),
    ]
    folder = tmp_path_factory.mktemp("clase")
    for name, contract, seed, keys in groups:
        deciders = [make_personality(k, f"{seed}/ai/{i}") for i, k in enumerate(keys)]
        names = [*PEOPLE, *level.firm_names[2:6]]
        game = play(level, deciders, seed, contract, names)
        export_game(
            level,
            game.record(),
            folder,
            name=name,
            personalities=[None, None, *keys[2:]],
        )
    return folder


def class_folder(exports: Path, tmp_path: Path, *, damaged: bool = False) -> Path:
    folder = tmp_path / "clase"
    shutil.copytree(exports, folder)
    if damaged:
        (folder / "rota.json").write_text("{ esto no es una partida", encoding="utf-8")
    return folder


def open_comparison(app):
    """From the title, the load screen, then "Compare games" by its key."""
    app.show(TitleScene(app))
    frames(app)
    app.push(LoadScene(app))
    frames(app)
    press(app, pygame.K_c)
    assert isinstance(app.scene, ClassComparisonScene)
    return app.scene


def type_into(app, entry, text: str) -> None:
    """Click the entry, select what it holds and type over it, as a person would."""
    click(app, entry)
    press(app, pygame.K_a, mod=pygame.KMOD_CTRL)
    type_text(app, text)


def add_folder(app, folder: Path) -> None:
    type_into(app, app.scene.source_entry, str(folder))
    press(app, pygame.K_RETURN)


# -- the comparison --------------------------------------------------------------------------


def test_a_folder_of_exports_shows_each_games_outcome_length_and_contract(tmp_path, exports):
    folder = class_folder(exports, tmp_path)
    app = make_app(tmp_path / "home")
    scene = open_comparison(app)
    assert "Todavía no hay partidas en la comparación" in visible_texts(app)
    add_folder(app, folder)
    assert [g.summary.label for g in scene.games] == ["grupo-a", "grupo-b", "grupo-c"]
    texts = " ".join(visible_texts(app))
    for label in ("grupo-a", "grupo-b", "grupo-c"):
        assert label in texts
    outcomes = [g.summary.outcome for g in scene.games]
    for outcome in set(outcomes):
        word = {"advance": "Avanzó", "collapse": "Colapsó", "stagnation": "Se estancó"}[outcome]
        assert word in texts
    assert "Se añadieron 3 partidas." in texts
    for game in scene.games:  # the length in words
        assert f"{game.summary.length} temporadas" in texts
    # the contracts: had or lacked, condition by condition
    assert [len(g.summary.had) for g in scene.games] == [8, 0, 2]
    assert "1\u00a0Objetivos precisos" in texts and "8\u00a0Contrato integral" in texts
    assert "la tenían" in texts and "les faltó" in texts
    # the people are named, and every game has its own colour and marker in the legend
    assert "jugaron Ana Ñañez, Beto" in texts
    assert len({(g.colour, g.marker) for g in scene.games}) == 3
    chart = scene.chart()
    assert {line.label for line in chart.lines} == {"grupo-a", "grupo-b", "grupo-c"}
    assert all(
        len(line.values) == g.summary.length + 1
        for line, g in zip(
            sorted(chart.lines, key=lambda line: line.label), scene.games, strict=True
        )
    )
    shoot(app, "three_es")
    # adding the same folder again adds nothing
    press(app, pygame.K_a)
    assert len(scene.games) == 3
    assert "3 ya estaban en la lista." in " ".join(visible_texts(app))


def test_a_single_file_is_added_by_keyboard_alone(tmp_path, exports):
    app = make_app(tmp_path / "home", language="en")
    scene = open_comparison(app)
    press(app, pygame.K_p)  # P: the path entry
    assert scene.typing()
    press(app, pygame.K_a, mod=pygame.KMOD_CTRL)
    type_text(app, str(exports / "grupo-b.json"))
    press(app, pygame.K_RETURN)
    assert [g.summary.label for g in scene.games] == ["grupo-b"]
    assert not scene.typing()
    assert "1 game was added." in " ".join(visible_texts(app))


def test_a_damaged_file_is_reported_and_the_others_still_load(tmp_path, exports):
    folder = class_folder(exports, tmp_path, damaged=True)
    (folder / "notas.json").write_text('{"tema": "otra cosa"}', encoding="utf-8")
    app = make_app(tmp_path / "home")
    scene = open_comparison(app)
    add_folder(app, folder)
    assert len(scene.games) == 3
    texts = " ".join(visible_texts(app))
    assert "Se omitieron 2 archivos" in texts
    assert "rota.json: está dañado, no es JSON válido (línea 1)" in texts
    assert "notas.json: no es una partida de este juego" in texts
    shoot(app, "damaged_es")
    # in English too
    press(app, pygame.K_ESCAPE)
    app2 = make_app(tmp_path / "home2", language="en")
    scene2 = open_comparison(app2)
    add_folder(app2, folder)
    assert len(scene2.games) == 3
    assert "rota.json: it is damaged, not valid JSON (line 1)" in " ".join(visible_texts(app2))


def test_a_missing_path_is_reported_in_words(tmp_path):
    app = make_app(tmp_path / "home")
    scene = open_comparison(app)
    add_folder(app, tmp_path / "no-existe")
    assert scene.games == []
    assert "no existe ese archivo ni esa carpeta" in " ".join(visible_texts(app))


def test_a_game_is_removed_and_the_summary_names_the_others(tmp_path, exports):
    folder = class_folder(exports, tmp_path)
    out = tmp_path / "resumen de la clase"
    app = make_app(tmp_path / "home")
    scene = open_comparison(app)
    add_folder(app, folder)
    # choose grupo-b with the mouse, then remove it with its button
    index, rect = scene.visible_rows()[1]
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1)])
    app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=rect.center, button=1)])
    assert scene.selected == index == 1
    click(app, "Quitar")
    assert [g.summary.label for g in scene.games] == ["grupo-a", "grupo-c"]
    assert "Se quitó «grupo-b»" in " ".join(visible_texts(app))
    assert (folder / "grupo-b.json").exists()  # removing never touches the file
    # the summary goes to the folder typed in
    type_into(app, scene.out_entry, str(out))
    press(app, pygame.K_RETURN)
    page = out / "comparacion.html"
    assert page.exists()
    html = page.read_text(encoding="utf-8")
    assert "grupo-a" in html and "grupo-c" in html and "grupo-b" not in html
    assert f"El resumen se guardó en {page}" in " ".join(visible_texts(app))
    shoot(app, "exported_es")
    # and by its key, a second time, after removing one more by keyboard
    press(app, pygame.K_DELETE)
    press(app, pygame.K_e)
    html = page.read_text(encoding="utf-8")
    assert ("grupo-a" in html) != ("grupo-c" in html)


def test_an_unwritable_summary_folder_is_reported(tmp_path, exports):
    blocker = tmp_path / "un-archivo"
    blocker.write_text("x", encoding="utf-8")
    app = make_app(tmp_path / "home")
    scene = open_comparison(app)
    add_folder(app, exports)
    type_into(app, scene.out_entry, str(blocker / "dentro"))
    click(app, "Exportar resumen")
    assert isinstance(app.scene, ClassComparisonScene)
    assert "No se pudo guardar el resumen" in " ".join(visible_texts(app))


def test_opening_a_game_goes_to_its_debrief_and_escape_comes_back(tmp_path, exports):
    app = make_app(tmp_path / "home")
    scene = open_comparison(app)
    add_folder(app, exports)
    press(app, pygame.K_UP)
    chosen = scene.current()
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, DebriefScene)
    assert app.scene.debrief is not None
    assert app.scene.record.decisions == chosen.file.record.decisions
    press(app, pygame.K_ESCAPE)
    assert app.scene is scene
    assert len(scene.games) == 3 and scene.current() is chosen
    click(app, "Ver análisis")
    assert isinstance(app.scene, DebriefScene)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)  # the comparison, then back to the load screen
    assert isinstance(app.scene, LoadScene)


# -- any finished game file from disk, from the load screen ----------------------------------


def finished_save_elsewhere(app, tmp_path: Path) -> Path:
    """A finished game saved by the game, then copied to a folder of the person's choosing."""
    app.match, app.save_slot = finished_match(firms=5), "terminada"
    app.autosave()
    app.match, app.save_slot = None, None
    elsewhere = tmp_path / "mis partidas" / "terminada.json"
    elsewhere.parent.mkdir(parents=True)
    shutil.move(app.store.path_for("terminada"), elsewhere)
    return elsewhere


def open_by_path(app, path: Path | str) -> None:
    type_into(app, app.scene.file_entry, str(path))
    press(app, pygame.K_RETURN)


def test_any_finished_file_on_disk_opens_in_the_debrief_from_the_load_screen(tmp_path, exports):
    app = make_app(tmp_path / "home")
    save = finished_save_elsewhere(app, tmp_path)
    app.show(TitleScene(app))
    frames(app)
    app.push(LoadScene(app))
    frames(app)
    load = app.scene
    # an exported game
    open_by_path(app, exports / "grupo-c.json")
    assert isinstance(app.scene, DebriefScene) and app.scene.debrief is not None
    assert (
        app.scene.record.decisions
        == read_game_file(exports / "grupo-c.json", app.store).record.decisions
    )
    shoot(app, "debrief_from_path")
    press(app, pygame.K_ESCAPE)
    assert app.scene is load
    # the same game from its spreadsheet alone
    open_by_path(app, exports / "grupo-c.csv")
    assert isinstance(app.scene, DebriefScene) and app.scene.debrief is not None
    assert app.scene.record == read_game_file(exports / "grupo-c.json", app.store).record
    press(app, pygame.K_ESCAPE)
    # a finished save anywhere on disk, opened with the button; the file is left where it is
    type_into(app, load.file_entry, str(save))
    click(app, "Abrir archivo")
    assert isinstance(app.scene, DebriefScene) and app.scene.debrief is not None
    assert app.scene.personalities is not None and app.scene.personalities[0] is None
    press(app, pygame.K_ESCAPE)
    assert app.scene is load and save.exists()


def test_a_damaged_or_unfinished_file_gets_a_clear_message(tmp_path):
    app = make_app(tmp_path / "home")
    bad = tmp_path / "rota.json"
    bad.write_text("{ esto no", encoding="utf-8")
    unfinished = tmp_path / "a-medias.json"
    app.match, app.save_slot = signed_match(firms=5), "a-medias"
    app.autosave()
    shutil.copy(app.store.path_for("a-medias"), unfinished)
    app.match, app.save_slot = None, None
    app.show(TitleScene(app))
    frames(app)
    app.push(LoadScene(app))
    frames(app)
    open_by_path(app, bad)
    assert isinstance(app.scene, LoadScene)
    assert "rota.json: está dañado, no es JSON válido (línea 1)" in " ".join(visible_texts(app))
    assert bad.exists()  # someone's file: reported, never moved
    shoot(app, "load_damaged_es")
    open_by_path(app, unfinished)
    assert isinstance(app.scene, LoadScene)
    assert "esta partida todavía no terminó" in " ".join(visible_texts(app))
    open_by_path(app, tmp_path)
    assert "es una carpeta" in " ".join(visible_texts(app))


def test_the_open_file_key_goes_to_the_path_when_it_is_empty(tmp_path):
    app = make_app(tmp_path / "home")
    app.show(TitleScene(app))
    frames(app)
    app.push(LoadScene(app))
    frames(app)
    press(app, pygame.K_a)
    assert app.scene.typing()
    assert "Escribe la ruta de una partida terminada" in " ".join(visible_texts(app))
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TitleScene)


def test_read_game_file_says_what_is_wrong_in_both_languages(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(GameFileError) as caught:
        read_game_file(path, None)
    assert "no es un archivo de texto" in caught.value.message("es")
    assert "not a text file" in caught.value.message("en")


# -- every state fits ------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "text_size"), SETTINGS)
def test_every_comparison_state_fits_at_the_smallest_window(tmp_path, exports, language, text_size):
    tag = f"{language}_{text_size}"
    folder = class_folder(exports, tmp_path, damaged=True)
    app = make_app(tmp_path / "home", language=language, text_size=text_size)
    scene = open_comparison(app)
    check(app, f"compare empty [{tag}]")
    shoot(app, f"empty_{tag}")
    add_folder(app, folder)
    assert len(scene.games) == 3
    check(app, f"compare with a damaged file [{tag}]")
    shoot(app, f"three_{tag}")
    for extra in ("grupo-a.json", "grupo-b.json", "grupo-c.json"):  # more than a page's worth
        copy = tmp_path / "más" / extra.replace("grupo", "otro-grupo-con-un-nombre-bastante-largo")
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(folder / extra, copy)
    add_folder(app, tmp_path / "más")
    assert len(scene.games) == 6
    check(app, f"compare six games [{tag}]")
    press(app, pygame.K_RIGHT)
    check(app, f"compare six games, last page [{tag}]")
    shoot(app, f"six_{tag}")
    type_into(app, scene.out_entry, str(tmp_path / "resumen"))
    press(app, pygame.K_RETURN)
    check(app, f"compare exported [{tag}]")
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, LoadScene)
    open_by_path(app, folder / "rota.json")
    check(app, f"load, a damaged file by path [{tag}]")
    shoot(app, f"load_{tag}")
