"""Saves, settings and the error log, in the player's own folders. Never imports pygame."""

from game.persistence.atomic import atomic_write_bytes, atomic_write_text, move_aside
from game.persistence.errorlog import install_excepthook, log_exception
from game.persistence.paths import AppPaths, default_paths
from game.persistence.saves import (
    SAVE_VERSION,
    UPGRADERS,
    LoadedSave,
    SaveError,
    SaveInfo,
    SaveStore,
    autosave_slot,
    finished_slot,
    make_summary,
    sanitize_slot,
)
from game.persistence.settings import Settings, SettingsWarning, load_settings, save_settings

__all__ = [
    "SAVE_VERSION",
    "UPGRADERS",
    "AppPaths",
    "LoadedSave",
    "SaveError",
    "SaveInfo",
    "SaveStore",
    "Settings",
    "SettingsWarning",
    "atomic_write_bytes",
    "atomic_write_text",
    "autosave_slot",
    "default_paths",
    "finished_slot",
    "install_excepthook",
    "load_settings",
    "log_exception",
    "make_summary",
    "move_aside",
    "sanitize_slot",
    "save_settings",
]
