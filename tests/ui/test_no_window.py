"""When the system will not open a window: a plain message in both languages, the traceback in
the error log, a non-zero exit, and every later uncaught error logged too (issue 16)."""

from __future__ import annotations

import sys

import pygame
import pytest

from game.cli import main
from game.persistence.paths import HOME_ENV, default_paths
from game.ui import launch as launch_module


@pytest.fixture
def no_display(monkeypatch, tmp_path):
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back whatever launch installs
    monkeypatch.setattr(launch_module, "_uninstall_hook", None, raising=False)

    def refuse(*args, **kwargs):
        raise pygame.error("No available video device")

    monkeypatch.setattr(pygame.display, "set_mode", refuse)
    return default_paths()


def test_no_window_is_a_plain_message_a_log_entry_and_a_failing_exit(no_display, capsys):
    code = main([])
    assert code == launch_module.NO_WINDOW_EXIT == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("\n") == 1  # one paragraph
    spanish = err.index("No se pudo abrir la ventana del juego (No available video device)")
    english = err.index("The game window could not be opened (No available video device)")
    assert spanish < english
    log = no_display.log_file
    assert str(log) in err
    logged = log.read_text(encoding="utf-8")
    assert "opening the window" in logged
    assert "Traceback" in logged and "pygame.error: No available video device" in logged
    assert "set_mode" in logged


def test_launch_installs_the_error_log_hook(no_display, capsys):
    before = sys.excepthook
    main([])
    capsys.readouterr()
    assert sys.excepthook is not before
    try:
        raise RuntimeError("escaped from the loop")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    capsys.readouterr()
    assert "RuntimeError: escaped from the loop" in no_display.log_file.read_text(encoding="utf-8")


def test_a_second_launch_does_not_stack_hooks(no_display, capsys):
    main([])
    first = sys.excepthook
    main([])
    capsys.readouterr()
    try:
        raise RuntimeError("once")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    capsys.readouterr()
    assert sys.excepthook is not first
    assert no_display.log_file.read_text(encoding="utf-8").count("RuntimeError: once") == 1
