"""Saves under stress: a writer killed at random moments, damaged files of every kind, and a
round trip of matches at random stages. The promise: a game is never lost, a bad file is
reported and kept aside (never overwritten), and what this version writes it reads back equal."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai import personality_keys
from game.content.levels import load_level, shipped_level_names
from game.engine.contract import CONDITIONS
from game.engine.state import COOPERATE, DEFECT, InvestTarget, invest
from game.persistence.paths import HOME_ENV, AppPaths
from game.persistence.saves import SAVE_VERSION, SaveError, SaveStore
from game.play.match import MAX_HUMANS, Match, Seat, Stage
from game.ui.saving import restore_match, save_summary

ROOT = Path(__file__).resolve().parents[2]
LEVELS = {name: load_level(name) for name in shipped_level_names()}
KINDS = {"empty", "damaged", "wrong_format", "incomplete", "invalid", "too_new", "upgrade_failed"}


HOMES = Path(tempfile.mkdtemp(prefix="saves-hardening-"))
"""One folder for every store of this module (hypothesis examples cannot share ``tmp_path``),
removed when the module is done."""


@pytest.fixture(scope="module", autouse=True)
def _remove_homes():
    yield
    shutil.rmtree(HOMES, ignore_errors=True)


def fresh_store() -> SaveStore:
    home = Path(tempfile.mkdtemp(dir=HOMES))
    return SaveStore(AppPaths(data_dir=home / "data", config_dir=home / "config"))


# -- a writer killed at random moments --------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import hashlib, sys
    from game.persistence import SaveStore, default_paths

    store = SaveStore(default_paths())
    generation = int(sys.argv[1])
    while True:
        generation += 1
        blob = str(generation) * (400_000 * (1 + generation % 7))
        game = {"generation": generation, "blob": blob,
                "digest": hashlib.sha256(blob.encode()).hexdigest()}
        store.write("autosave", game, {"season": generation}, finished=False)
        print(generation, flush=True)
    """
)


def _check_intact(store: SaveStore, last_done: int) -> int:
    loaded = store.read("autosave")  # raises SaveError (and fails) if the slot was damaged
    game = loaded.game
    assert hashlib.sha256(game["blob"].encode()).hexdigest() == game["digest"]
    # The save on disk is the last one reported done, or the one whose rename had happened
    # just before the kill (the child had no time to say so).
    assert game["generation"] in (last_done, last_done + 1), (game["generation"], last_done)
    files = sorted(p.name for p in store.folder.iterdir() if not p.name.endswith(".tmp"))
    assert files == ["autosave.json"], files  # nothing was set aside: nothing was damaged
    assert [i.slot for i in store.list_saves()] == ["autosave"]
    return game["generation"]


def _writing(folder: Path) -> bool:
    """A temp file with something in it: a write is under way."""
    for temp in folder.glob("*.tmp"):
        try:
            if temp.stat().st_size > 0:
                return True
        except OSError:  # renamed into place meanwhile
            continue
    return False


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_writer_killed_at_random_moments_never_loses_the_previous_save(tmp_path):
    paths = AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    store = SaveStore(paths)
    blob = "0" * 1000
    digest = hashlib.sha256(blob.encode()).hexdigest()
    store.write("autosave", {"generation": 0, "blob": blob, "digest": digest}, {}, False)
    env = dict(os.environ, **{HOME_ENV: str(tmp_path)})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    rng = random.Random(20261122)
    generation, kills, mid_write = 0, [], 0
    # At least 8 kills, and at least 3 of them in the middle of a write (they leave the
    # interrupted write's temp file behind); the moments are random, so keep going until then.
    while (len(kills) < 8 or mid_write < 3) and len(kills) < 40:
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(generation)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        delay = rng.uniform(0.15, 1.2)
        if len(kills) % 2:  # at a random moment
            time.sleep(delay)
        else:  # as soon as a write has begun, a random fraction of a millisecond or two later
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not _writing(store.folder):
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, 0.002))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        done = [int(line) for line in out.split()]
        last_done = done[-1] if done else generation
        generation = _check_intact(store, last_done)
        temps = list(store.folder.glob("*.tmp"))
        mid_write += bool(temps)
        for temp in temps:  # left by the interrupted write, named as such and never listed
            temp.unlink()
        kills.append((round(delay, 3), len(done), bool(temps)))
    assert mid_write >= 3 and generation > 0, kills
    assert _check_intact(store, generation) == generation


# -- damaged files: reported, kept aside, never overwritten -----------------------------------


def _valid_save(store: SaveStore) -> bytes:
    game = {"record": {"level": "gamarra", "seed": 3, "decisions": [[1, 2, 3]]}, "ñ": "año"}
    return store.write("sample", game, {"season": 2}, finished=False).read_bytes()


@st.composite
def damaged(draw):
    kind = draw(st.sampled_from(["truncate", "flip", "empty", "future", "garbage", "zeros"]))
    return kind, draw(st.integers(0, 2**32))


def _damage(good: bytes, kind: str, seed: int) -> bytes:
    rng = random.Random(seed)
    if kind == "truncate":
        return good[: rng.randrange(len(good))]
    if kind == "flip":
        data = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if kind == "empty":
        return rng.choice([b"", b" ", b"\n\n", b"\x00" * 0])
    if kind == "future":
        doc = json.loads(good)
        doc["version"] = SAVE_VERSION + rng.randint(1, 10**6)
        return json.dumps(doc).encode()
    if kind == "zeros":  # a crash on some file systems leaves a file of NUL bytes
        return b"\x00" * rng.randint(1, len(good))
    return rng.randbytes(rng.randint(1, 3000))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged(), st.booleans())
def test_a_damaged_save_is_reported_and_kept_aside_never_overwritten(damage, read_first):
    store = fresh_store()
    kind, seed = damage
    content = _damage(_valid_save(store), kind, seed)
    path = store.folder / "autosave.json"
    path.write_bytes(content)
    listed = {i.slot: i for i in store.list_saves()}
    assert path.read_bytes() == content  # listing never moves or changes anything
    if listed["autosave"].ok:  # the damage happened to leave a valid save (a flipped digit)
        store.read("autosave")
        return
    assert listed["autosave"].error.kind in KINDS
    if read_first:
        with pytest.raises(SaveError) as info:
            store.read("autosave")
        err = info.value
        assert err.kind in KINDS and err.message_en and err.message_es
        if kind == "future":
            assert err.kind == "too_new"
        assert err.kept_at is not None and err.kept_at.read_bytes() == content
        assert str(err.kept_at) in err.message_en and str(err.kept_at) in err.message_es
        assert not path.exists()
    # Writing to the slot (the next autosave) keeps the damaged file rather than replacing it.
    store.write("autosave", {"fresh": True}, {"season": 1}, finished=False)
    assert store.read("autosave").game == {"fresh": True}
    kept = [p for p in store.folder.iterdir() if p.name.startswith("autosave.") and p != path]
    assert [p.read_bytes() for p in kept] == [content], kept
    assert [i.slot for i in store.list_saves() if i.slot == "autosave"] == ["autosave"]


def test_damage_twice_in_the_same_second_keeps_both_files():
    store = fresh_store()
    good = _valid_save(store)
    path = store.folder / "autosave.json"
    firsts = [good[:10], good[:20], b""]
    for content in firsts:
        path.write_bytes(content)
        with pytest.raises(SaveError):
            store.read("autosave")
    kept = sorted(p.read_bytes() for p in store.folder.glob("autosave.corrupt-*"))
    assert kept == sorted(firsts)


# -- every save this version writes reads back equal ------------------------------------------

NAMES = (
    st.text(  # any name a screen can show (game.content.characters): a seat's field takes no other
        st.characters(
            blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"), blacklist_characters="\x00"
        ),
        min_size=1,
        max_size=20,
    ).filter(lambda n: n.strip())
)


@st.composite
def matches(draw):
    """A match of a random level at a random stage: unsigned, mid-season with some people
    decided, resolved, or over."""
    level = LEVELS[draw(st.sampled_from(sorted(LEVELS)))]
    count = draw(st.integers(level.firms.min, level.firms.max))
    humans = draw(st.integers(0, min(MAX_HUMANS, count)))
    names = draw(
        st.lists(NAMES, min_size=count, max_size=count, unique_by=lambda n: n.strip().casefold())
    )
    keys = sorted(personality_keys(include_reference=True))
    seats = [
        Seat(name, None if i < humans else draw(st.sampled_from(keys)))
        for i, name in enumerate(names)
    ]
    match = Match(
        level, seats, draw(st.integers(0, 2**63 - 1)), season_limit_known=draw(st.booleans())
    )
    if draw(st.booleans()) and draw(st.booleans()):
        return match  # the contract is still being agreed
    contract = {c: draw(st.sampled_from(sorted(level.contract[c].options))) for c in CONDITIONS}
    match.sign(contract)
    options = [COOPERATE, DEFECT] + ([] if level.is_dilemma else [invest(t) for t in InvestTarget])
    for _ in range(draw(st.integers(0, 25))):
        if match.stage is Stage.OVER:
            break
        if match.stage is Stage.RESOLVED:
            match.next_season()
            if draw(st.booleans()):
                continue
        for seat in match.humans_to_decide():
            match.decide(seat, draw(st.sampled_from(options)))
        match.resolve()
    if match.stage is Stage.DECIDING:  # some people have decided, others not yet
        for seat in match.humans_to_decide()[: draw(st.integers(0, humans))]:
            match.decide(seat, draw(st.sampled_from(options)))
    return match


SLOTS = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30).filter(
    lambda s: any(c.isascii() and c.isalnum() for c in s)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matches(), SLOTS)
def test_every_save_this_version_writes_loads_back_equal(match, slot):
    store = fresh_store()
    finished = match.stage is Stage.OVER
    data, summary = match.to_json(), save_summary(match)
    path = store.write(slot, data, summary, finished)
    loaded = store.read(path)
    assert loaded.game == json.loads(json.dumps(data))
    assert loaded.summary == json.loads(json.dumps(summary))
    assert loaded.finished is finished and loaded.version == SAVE_VERSION
    assert [i.ok for i in store.list_saves()] == [True]
    again = restore_match(loaded)
    assert again.to_json() == match.to_json()
    assert again.stage is match.stage and again.pending == match.pending
    if match.game is not None:
        assert again.game.reports == match.game.reports
        assert again.game.outcome == match.game.outcome
        assert [f.capital for f in again.game.state.firms] == [
            f.capital for f in match.game.state.firms
        ]
