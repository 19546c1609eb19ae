"""The player's settings: one small JSON file, forgiving when read, atomic when written.

Reading never stops the game. A missing file means defaults, silently. A damaged file means
defaults and a warning, and the file is moved aside (kept, never silently overwritten by the next
save). So does a file the system will not let the game read (no read permission); if it cannot be
moved aside, saving the settings is refused rather than writing over it. A value that is unknown or out of range is dropped on its own, keeping every other valid
value, with a warning that names it. Keys this version does not know are ignored, so a file
written by a newer game still loads.
"""

from __future__ import annotations

import errno
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from game.engine.rules import VISIBILITIES, Treatments, check_field
from game.persistence.atomic import atomic_write_text, move_aside
from game.persistence.paths import AppPaths, is_file, read_regular_file, refusal

SETTINGS_VERSION = 1
LANGUAGES = ("es", "en")
ANIMATION_SPEEDS = ("normal", "fast", "off")
TEXT_SIZES = ("normal", "large")
MIN_WINDOW = (640, 360)
MAX_WINDOW = (16384, 16384)
MAX_DECISION_TIMER = 3600
MAX_SETTINGS_BYTES = 1024 * 1024
"""Bytes. The settings file is a few hundred; a larger one is not the game's and is not read
(but kept aside, as one the game could not read). Nor is anything but an ordinary file (a
named pipe would hang the game at its start): :func:`~game.persistence.paths.read_regular_file`."""
DEFAULT_TIMER_PERSONALITY = "reciproco"
"""Decides for a person whose time ran out: it does what the group has been doing."""


class _Invalid(ValueError):
    """Why a value was refused, in both languages."""

    def __init__(self, en: str, es: str) -> None:
        super().__init__(en)
        self.en = en
        self.es = es


def _check_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("must be true or false", "debe ser true o false")
    return value


def _check_choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in options:
            listed = ", ".join(options)
            raise _Invalid(f"must be one of {listed}", f"debe ser uno de {listed}")
        return value

    return check


def _check_window(value: Any) -> tuple[int, int]:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise _Invalid(
            "must be two whole numbers, width and height", "deben ser dos enteros, ancho y alto"
        )
    width, height = value
    if width > MAX_WINDOW[0] or height > MAX_WINDOW[1]:
        size = f"{MAX_WINDOW[0]}x{MAX_WINDOW[1]}"
        raise _Invalid(f"must be at most {size}", f"debe ser de a lo sumo {size}")
    if width < MIN_WINDOW[0] or height < MIN_WINDOW[1]:
        size = f"{MIN_WINDOW[0]}x{MIN_WINDOW[1]}"
        raise _Invalid(f"must be at least {size}", f"debe ser de al menos {size}")
    return (width, height)


def _check_volume(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Invalid("must be a number from 0 to 1", "debe ser un número de 0 a 1")
    if not 0.0 <= value <= 1.0:
        raise _Invalid("must be from 0 to 1", "debe estar entre 0 y 1")
    return float(value)


def _check_timer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(
            "must be a whole number of seconds (0 = off)",
            "debe ser un número entero de segundos (0 = sin límite)",
        )
    if not 0 <= value <= MAX_DECISION_TIMER:
        raise _Invalid(
            f"must be from 0 to {MAX_DECISION_TIMER} seconds",
            f"debe estar entre 0 y {MAX_DECISION_TIMER} segundos",
        )
    return value


def _check_treatment_number(name: str) -> Callable[[Any], float]:
    """A treatment's number, checked as the engine checks it (:func:`check_field`), with the
    settings file's words for what is wrong."""
    field = next(f for f in fields(Treatments) if f.name == name)
    low, high = field.metadata["low"], field.metadata["high"]

    def check(value: Any) -> float:
        try:
            return check_field(field, value)
        except ValueError:
            raise _Invalid(
                f"must be a number from {low:g} to {high:g}",
                f"debe ser un número de {low:g} a {high:g}",
            ) from None

    return check


def _check_key(value: Any) -> str:
    """A personality's key; which ones exist is the game's business, not the settings file's
    (an unknown one falls back to the default where it is used)."""
    if not isinstance(value, str) or not value.isidentifier() or len(value) > 40:
        raise _Invalid(
            "must be a personality's name, such as reciproco",
            "debe ser el nombre de una personalidad, como reciproco",
        )
    return value


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "language": _check_choice(LANGUAGES),
    "window_size": _check_window,
    "fullscreen": _check_bool,
    "animation_speed": _check_choice(ANIMATION_SPEEDS),
    "sound": _check_bool,
    "volume": _check_volume,
    "text_size": _check_choice(TEXT_SIZES),
    "decision_timer_seconds": _check_timer,
    "reveal_season_limit": _check_bool,
    "timer_personality": _check_key,
    "defection_visibility": _check_choice(VISIBILITIES),
    "mistake_rate": _check_treatment_number("mistake_rate"),
    "penalty_severity": _check_treatment_number("penalty_severity"),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """What the player chose. Frozen: change a setting with ``dataclasses.replace``.

    The facilitator's last choices for a new game (issue 4), offered again next time:
    ``decision_timer_seconds`` is 0 when there is no time limit for a decision, and
    ``timer_personality`` decides for a person whose time runs out; ``reveal_season_limit``
    says whether players are told how many seasons the game lasts (not told by default: nobody
    should know which season is the last unless the facilitator says so);
    ``defection_visibility``, ``mistake_rate`` and ``penalty_severity`` are the treatment
    switches (the game as the study describes it by default).
    Building a ``Settings`` with an invalid value raises ``ValueError``.
    """

    language: str = "es"
    window_size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    animation_speed: str = "normal"
    sound: bool = True
    volume: float = 0.7
    text_size: str = "normal"
    decision_timer_seconds: int = 0
    reveal_season_limit: bool = False
    timer_personality: str = DEFAULT_TIMER_PERSONALITY
    defection_visibility: str = "detected"
    mistake_rate: float = 0.0
    penalty_severity: float = 1.0

    def __post_init__(self) -> None:
        for f in fields(self):
            try:
                value = _CHECKS[f.name](getattr(self, f.name))
            except ValueError as exc:
                raise ValueError(f"setting {f.name}: {exc}") from None
            object.__setattr__(self, f.name, value)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["window_size"] = list(self.window_size)
        return {"version": SETTINGS_VERSION, **data}


class SettingsWarning(str):
    """A warning to show the player: a ``str`` in the settings' language, with ``.es`` and ``.en``."""

    es: str
    en: str

    def __new__(cls, es: str, en: str, language: str = "es") -> SettingsWarning:
        self = super().__new__(cls, es if language == "es" else en)
        self.es = es
        self.en = en
        return self


class SettingsNotSaved(OSError):
    """The settings were not written, and why, in both languages (``es``, ``en``). An
    ``OSError``, as any other refusal to write them; its ``strerror`` is the English text."""

    def __init__(self, es: str, en: str, path: Path) -> None:
        super().__init__(errno.EACCES, en, str(path))
        self.es = es
        self.en = en

    def message(self, language: str) -> str:
        return self.es if language == "es" else self.en


def settings_from_json(
    data: Mapping[str, Any],
) -> tuple[Settings, list[tuple[str, str, str]]]:
    """Build settings from a parsed file, keeping each valid field.

    Returns the settings and the refused fields as ``(field, why in English, why in Spanish)``.
    """
    kept: dict[str, Any] = {}
    rejected = []
    for name, check in _CHECKS.items():
        if name not in data:
            continue
        try:
            kept[name] = check(data[name])
        except _Invalid as exc:
            rejected.append((name, exc.en, exc.es))
    return Settings(**kept), rejected


def load_settings(paths: AppPaths) -> tuple[Settings, str | None]:
    """The player's settings and, if something had to be put right, a warning to show.

    The warning is a :class:`SettingsWarning` (a ``str`` in the loaded language, Spanish by default,
    with both languages as ``.es`` and ``.en``), or ``None`` when all was well.
    """
    path = paths.settings_file
    try:
        raw = read_regular_file(path, MAX_SETTINGS_BYTES, what="a settings file")
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        reason = refusal(exc)
        if not is_file(path):  # a folder, a named pipe or a device: nobody's settings in it
            return Settings(), SettingsWarning(
                f"No se pudieron leer los ajustes ({reason}); se usan los valores por defecto.",
                f"The settings could not be read ({reason}); the defaults are used.",
            )
        # The next save would replace a file nobody has seen: keep it under another name.
        try:
            kept = move_aside(path, "unreadable")
        except OSError as move:
            where_es = (
                f"no se pudo apartar el archivo ({refusal(move)}), y no se escribirá encima de él"
            )
            where_en = (
                f"the file could not be moved aside ({refusal(move)}) and will not be written over"
            )
        else:
            where_es = f"el archivo se conservó como {kept}"
            where_en = f"the file was kept as {kept}"
        return Settings(), SettingsWarning(
            f"No se pudieron leer los ajustes ({reason}); se usan los valores por defecto "
            f"({where_es}).",
            f"The settings could not be read ({reason}); the defaults are used ({where_en}).",
        )
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, too deep
        try:
            kept = move_aside(path, "corrupt")
        except OSError as exc:
            where_es = f"no se pudo apartar el archivo ({refusal(exc)})"
            where_en = f"the file could not be moved aside ({refusal(exc)})"
        else:
            where_es = f"el archivo se conservó como {kept}"
            where_en = f"the file was kept as {kept}"
        return Settings(), SettingsWarning(
            f"El archivo de ajustes estaba dañado; se usan los valores por defecto ({where_es}).",
            f"The settings file was damaged; the defaults are used ({where_en}).",
        )
    settings, rejected = settings_from_json(data)
    if not rejected:
        return settings, None
    listed_en = "; ".join(f"{name} = {data[name]!r} ({en})" for name, en, _ in rejected)
    listed_es = "; ".join(f"{name} = {data[name]!r} ({es})" for name, _, es in rejected)
    return settings, SettingsWarning(
        f"Se ignoraron ajustes no válidos, que vuelven a su valor por defecto: {listed_es}.",
        f"Invalid settings were ignored and reset to their defaults: {listed_en}.",
        settings.language,
    )


def save_settings(paths: AppPaths, settings: Settings) -> Path:
    """Write the settings atomically (folder created if needed). Raises ``OSError`` on failure,
    and :class:`SettingsNotSaved` (an ``OSError``) rather than write over a settings file the
    game cannot read (one that became unreadable after :func:`load_settings`, or that it could
    not move aside)."""
    path = paths.settings_file
    _refuse_to_replace_unreadable(path)
    text = json.dumps(settings.to_json(), ensure_ascii=False, indent=2) + "\n"
    return atomic_write_text(path, text)


def _refuse_to_replace_unreadable(path: Path) -> None:
    if not is_file(path):
        return
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except FileNotFoundError:
        return
    except OSError as exc:
        reason = refusal(exc)
        raise SettingsNotSaved(
            f"el archivo de ajustes {path} no se pudo leer ({reason}), así que no se escribió "
            "encima",
            f"the settings file {path} could not be read ({reason}), so it was not written over",
            path,
        ) from exc
