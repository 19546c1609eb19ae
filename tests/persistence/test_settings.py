"""Settings: defaults when there is nothing, and a damaged file never stops the game."""

from __future__ import annotations

import dataclasses
import json

import pytest

from game.persistence.paths import HOME_ENV, AppPaths, default_paths
from game.persistence.settings import Settings, SettingsWarning, load_settings, save_settings


@pytest.fixture
def paths(tmp_path, monkeypatch) -> AppPaths:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    return default_paths()


def _write(paths: AppPaths, text: str | bytes) -> None:
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    paths.settings_file.write_bytes(text)


def test_defaults():
    s = Settings()
    assert s.language == "es"
    assert s.window_size == (1280, 720)
    assert s.fullscreen is False
    assert s.animation_speed == "normal"
    assert s.sound is True
    assert s.volume == 0.7
    assert s.text_size == "normal"
    assert s.decision_timer_seconds == 0
    assert s.reveal_season_limit is False  # issue 4: the last season is secret unless told


def test_missing_file_gives_defaults_without_warning(paths):
    assert load_settings(paths) == (Settings(), None)
    assert not paths.config_dir.exists()


def test_settings_round_trip(paths):
    chosen = Settings(
        language="en",
        window_size=(1920, 1080),
        fullscreen=True,
        animation_speed="off",
        sound=False,
        volume=0.25,
        text_size="large",
        decision_timer_seconds=45,
        reveal_season_limit=False,
    )
    path = save_settings(paths, chosen)
    assert path == paths.settings_file
    assert load_settings(paths) == (chosen, None)


def test_saving_replaces_the_previous_file_and_leaves_no_temp_file(paths):
    save_settings(paths, Settings(volume=0.1))
    save_settings(paths, Settings(volume=0.9))
    assert load_settings(paths)[0].volume == 0.9
    assert [p.name for p in paths.config_dir.iterdir()] == ["settings.json"]


@pytest.mark.parametrize("content", [b"{not json", b"", b"\xff\xfe\x00", b"[1, 2]"])
def test_corrupt_file_gives_defaults_a_warning_and_is_kept_aside(paths, content):
    _write(paths, content)
    settings, warning = load_settings(paths)
    assert settings == Settings()
    assert isinstance(warning, SettingsWarning)
    assert warning == warning.es  # Spanish, the default language
    assert "damaged" in warning.en and "dañado" in warning.es
    assert not paths.settings_file.exists()
    (kept,) = paths.config_dir.glob("settings.corrupt-*.json")
    assert kept.read_bytes() == content
    assert str(kept) in warning.en


def test_saving_after_a_corrupt_file_does_not_touch_the_kept_copy(paths):
    _write(paths, b"{broken")
    load_settings(paths)
    save_settings(paths, Settings(language="en"))
    (kept,) = paths.config_dir.glob("settings.corrupt-*.json")
    assert kept.read_bytes() == b"{broken"
    assert load_settings(paths) == (Settings(language="en"), None)


def test_one_invalid_field_is_dropped_and_the_others_kept(paths):
    data = Settings(language="en", volume=0.3, fullscreen=True).to_json()
    data["animation_speed"] = "ludicrous"
    _write(paths, json.dumps(data))
    settings, warning = load_settings(paths)
    assert settings == Settings(language="en", volume=0.3, fullscreen=True)
    assert warning is not None and "animation_speed" in warning
    assert warning == warning.en  # shown in the language the file asked for
    assert "ludicrous" in warning.es
    assert paths.settings_file.exists()  # a file with a bad value is not moved aside


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("language", "fr"),
        ("window_size", [1280]),
        ("window_size", [10, 10]),
        ("window_size", "1280x720"),
        ("fullscreen", "yes"),
        ("sound", 1),
        ("volume", 1.5),
        ("volume", True),
        ("volume", "loud"),
        ("text_size", "huge"),
        ("decision_timer_seconds", -5),
        ("decision_timer_seconds", 2.5),
        ("reveal_season_limit", None),
    ],
)
def test_each_invalid_value_falls_back_to_its_default(paths, field, value):
    _write(paths, json.dumps({"language": "en", field: value}))
    settings, warning = load_settings(paths)
    expected_language = "en" if field != "language" else "es"
    assert settings == dataclasses.replace(Settings(), language=expected_language)
    assert warning is not None and field in warning


def test_unknown_keys_are_ignored_without_warning(paths):
    _write(paths, json.dumps({"version": 99, "language": "en", "colour_blind_mode": True}))
    assert load_settings(paths) == (Settings(language="en"), None)


def test_missing_fields_take_their_defaults_silently(paths):
    _write(paths, json.dumps({"volume": 0.2}))
    assert load_settings(paths) == (Settings(volume=0.2), None)


def test_invalid_settings_cannot_be_built():
    with pytest.raises(ValueError, match="volume"):
        Settings(volume=2.0)
    with pytest.raises(ValueError, match="language"):
        Settings(language="qu")


@pytest.mark.parametrize(
    ("size", "en", "es"),
    [
        ([100000, 720], "at most 16384x16384", "a lo sumo 16384x16384"),
        ([1280, 20000], "at most 16384x16384", "a lo sumo 16384x16384"),
        ([10**40, 10**40], "at most 16384x16384", "a lo sumo 16384x16384"),
        ([600, 720], "at least 640x360", "al menos 640x360"),
        ([1280, 300], "at least 640x360", "al menos 640x360"),
    ],
)
def test_a_window_size_out_of_range_says_which_limit(paths, size, en, es):
    _write(paths, json.dumps({"language": "en", "window_size": size}))
    settings, warning = load_settings(paths)
    assert settings.window_size == Settings().window_size
    assert warning is not None and "window_size" in warning.en
    assert en in warning.en and es in warning.es
    if "most" in en:
        assert "at least" not in warning.en and "al menos" not in warning.es


def test_the_largest_window_size_is_kept(paths):
    _write(paths, json.dumps({"window_size": [16384, 16384]}))
    assert load_settings(paths) == (Settings(window_size=(16384, 16384)), None)
