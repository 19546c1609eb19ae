"""Small synthesized sounds for the game's moments: no audio files, nothing to ship.

Each sound is a few notes made with numpy (sine tones with a soft attack and an exponential
fade) and handed to the mixer with ``pygame.sndarray``. They are generated once per mixer
format and cached. Sound is a courtesy: if there is no audio device, the mixer cannot start or
anything else goes wrong, :func:`play` quietly does nothing; it never raises.
"""

from __future__ import annotations

import logging
from typing import Protocol

import numpy as np
import pygame

from game.persistence.settings import Settings

log = logging.getLogger(__name__)

# name -> notes as (frequency in Hz, start in s, length in s, loudness 0-1); a frequency pair
# (f0, f1) glides from f0 to f1. "click" is a short tick; the others are little tunes.
NOTES: dict[str, tuple[tuple[float | tuple[float, float], float, float, float], ...]] = {
    "click": ((1320.0, 0.0, 0.035, 0.45),),
    "accepted": (
        (523.25, 0.00, 0.22, 0.55),  # C5
        (659.25, 0.09, 0.22, 0.55),  # E5
        (783.99, 0.18, 0.32, 0.60),  # G5
    ),
    "cancelled": (
        (392.00, 0.00, 0.20, 0.60),  # G4
        (311.13, 0.16, 0.36, 0.60),  # E flat 4
    ),
    "detected": (
        (466.16, 0.00, 0.11, 0.55),  # B flat 4, twice: an alarm
        (466.16, 0.16, 0.11, 0.55),
        (349.23, 0.32, 0.30, 0.50),  # F4
    ),
    "advance": (
        (523.25, 0.00, 0.18, 0.50),  # C5 E5 G5 C6: a small fanfare
        (659.25, 0.14, 0.18, 0.50),
        (783.99, 0.28, 0.18, 0.55),
        (1046.50, 0.42, 0.55, 0.60),
    ),
    "collapse": (
        ((392.00, 174.61), 0.00, 0.90, 0.60),  # a slide down from G4 to F3
        ((196.00, 130.81), 0.30, 0.80, 0.35),
    ),
}
NAMES = tuple(NOTES)

_cache: dict[tuple[str, tuple[int, int, int]], pygame.mixer.Sound] = {}
_mixer_failed = False


class Listener(Protocol):
    """Whoever asks for a sound: only the player's sound settings matter (a scene's context,
    or the app)."""

    @property
    def settings(self) -> Settings: ...


def play(app: Listener, name: str) -> None:
    """Play one of :data:`NAMES` at the player's volume, if sound is on. Never raises."""
    try:
        settings = app.settings
        if not settings.sound or settings.volume <= 0 or name not in NOTES:
            return
        sound = _sound(name)
        if sound is None:
            return
        sound.set_volume(max(0.0, min(1.0, float(settings.volume))))
        sound.play()
    except Exception:  # sound must never break the game
        log.debug("could not play sound %r", name, exc_info=True)


def _mixer_format() -> tuple[int, int, int] | None:
    """(frequency, size, channels) of a working mixer, starting it once if needed."""
    global _mixer_failed
    found = pygame.mixer.get_init()
    if found:
        return found
    if _mixer_failed:
        return None
    try:
        pygame.mixer.init()
    except Exception:
        _mixer_failed = True
        return None
    found = pygame.mixer.get_init()
    if not found:
        _mixer_failed = True
        return None
    return found


def _sound(name: str) -> pygame.mixer.Sound | None:
    fmt = _mixer_format()
    if fmt is None:
        return None
    key = (name, fmt)
    if key not in _cache:
        frequency, size, channels = fmt
        _cache[key] = pygame.sndarray.make_sound(_encode(wave(name, frequency), size, channels))
    return _cache[key]


def wave(name: str, rate: int) -> np.ndarray:
    """The sound as floats in [-1, 1], one channel, at ``rate`` samples per second."""
    notes = NOTES[name]
    total = max(start + length for _, start, length, _ in notes) + 0.02
    out = np.zeros(int(total * rate) + 1, dtype=np.float64)
    for pitch, start, length, loudness in notes:
        n = max(int(length * rate), 1)
        t = np.arange(n, dtype=np.float64) / rate
        f0, f1 = pitch if isinstance(pitch, tuple) else (pitch, pitch)
        phase = 2 * np.pi * (f0 * t + (f1 - f0) * t * t / (2 * length))
        tone = np.sin(phase) + 0.25 * np.sin(2 * phase) + 0.08 * np.sin(3 * phase)
        attack = np.minimum(t / 0.006, 1.0)
        fade = np.exp(-t * 5.0 / length)
        release = np.minimum((length - t) / 0.012, 1.0)
        begin = int(start * rate)
        out[begin : begin + n] += loudness * tone * attack * fade * np.clip(release, 0.0, 1.0)
    peak = float(np.max(np.abs(out))) or 1.0
    return out / max(peak, 1.0) * 0.8


def _encode(samples: np.ndarray, size: int, channels: int) -> np.ndarray:
    """Samples in the mixer's own format (pygame.sndarray needs it to match exactly)."""
    if size == -16:
        data = (samples * 32767).astype(np.int16)
    elif size == 16:
        data = ((samples + 1.0) * 32767.5).astype(np.uint16)
    elif size == -8:
        data = (samples * 127).astype(np.int8)
    elif size == 8:
        data = ((samples + 1.0) * 127.5).astype(np.uint8)
    elif size == -32:
        data = (samples * 2147483647).astype(np.int32)
    else:  # 32: float samples
        data = samples.astype(np.float32)
    if channels > 1:
        data = np.ascontiguousarray(np.repeat(data[:, None], channels, axis=1))
    return data
