"""Starting the window: the normal game from the title screen, or a demo with every seat
run by the computer (a projector demo)."""

from __future__ import annotations

import sys

from game.content.levels import load_level
from game.content.problems import LevelError
from game.persistence.errorlog import install_excepthook, log_exception
from game.persistence.paths import AppPaths, default_paths

NO_WINDOW_EXIT = 3
"""The exit code when no window could be opened (2 is a level the demo could not read)."""
_uninstall_hook = None

DEMO_PERSONALITIES = (
    "leal",
    "oportunista",
    "reciproco",
    "rencoroso",
    "a_medias",
    "inversor",
    "aprendiz",
    "ojo_por_ojo",
)


def demo_match(level_ref: str, seed: int):
    """A match with computer-run firms in every seat and the level's reference contract."""
    from game.play.match import Match, Seat

    level = load_level(level_ref)
    count = level.firms.default
    seats = [
        Seat(level.firm_names[i], DEMO_PERSONALITIES[i % len(DEMO_PERSONALITIES)])
        for i in range(count)
    ]
    match = Match(level, seats, seed)
    match.sign(level.reference_contract)
    return match


def no_window_message(reason: str, log_file: object) -> str:
    """One plain paragraph, Spanish first, for a player whose computer opened no window."""
    logged_es = f"El detalle quedó en {log_file}." if log_file else "No se pudo guardar el detalle."
    logged_en = f"The details are in {log_file}." if log_file else "The details could not be saved."
    return (
        f"No se pudo abrir la ventana del juego ({reason}). Revise que haya una pantalla "
        f"disponible y vuelva a intentarlo. {logged_es} / The game window could not be opened "
        f"({reason}). Check that a display is available and try again. {logged_en}"
    )


def launch(
    *,
    demo: str | None = None,
    seed: int = 1,
    exit_at_end: bool = False,
    paths: AppPaths | None = None,
) -> int:
    global _uninstall_hook
    paths = paths or default_paths()
    if _uninstall_hook is not None:  # a second launch in one process: one hook, not two
        _uninstall_hook()
    _uninstall_hook = install_excepthook(paths)  # what escapes from here on is logged too
    match = None
    if demo is not None:
        try:
            match = demo_match(demo, seed)
        except LevelError as error:
            print(error, file=sys.stderr)
            return 2
    from game.ui.app import App, NoWindow

    try:
        app = App(paths)
    except NoWindow as error:
        log_file = log_exception(paths, error, "opening the window")
        print(no_window_message(str(error), log_file), file=sys.stderr)
        return NO_WINDOW_EXIT
    try:
        if match is None:
            app.director.go("title")
        else:
            app.match = match
            app.director.go("season", demo=True, exit_at_end=exit_at_end)
    except Exception as error:  # the first screen failed: the error screen, not a traceback
        app.fail(error)
    return app.run()
