"""The catalogues hold every text the game asks for, and only those: both languages with the
same keys, no empty text, the same ``{placeholders}`` in Spanish and English, no key a screen
asks for missing (keys built at run time included, from their declared families) and no key
nobody asks for. How to play names the contract's eight conditions as the contract does."""

from __future__ import annotations

import json
import string

import pytest

from game.i18n import LANGUAGES, catalogue
from game.i18n.catalogue import CATALOGUES
from tests.i18n import keyscan

KEYS = set(catalogue("es"))
NAMESPACES = {key.split(".")[0] for key in KEYS}


@pytest.fixture(scope="module")
def scan() -> keyscan.Scan:
    return keyscan.scan(NAMESPACES)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_catalogues_have_the_same_keys():
    spanish, english = set(catalogue("es")), set(catalogue("en"))
    assert not spanish - english, f"only in es.json: {sorted(spanish - english)}"
    assert not english - spanish, f"only in en.json: {sorted(english - spanish)}"
    assert len(KEYS) > 900


def test_no_text_is_empty():
    empty = [
        (lang, k) for lang in LANGUAGES for k, text in catalogue(lang).items() if not text.strip()
    ]
    assert not empty


def test_spanish_and_english_fill_in_the_same_values():
    differ = {
        key: (
            sorted(placeholders(catalogue("es")[key])),
            sorted(placeholders(catalogue("en")[key])),
        )
        for key in KEYS
        if placeholders(catalogue("es")[key]) != placeholders(catalogue("en")[key])
    }
    assert not differ, differ


def test_the_files_are_written_as_the_conversion_writes_them():
    """Sorted keys, two spaces, UTF-8 letters as they are: a diff shows only what changed."""
    for lang in LANGUAGES:
        path = CATALOGUES / f"{lang}.json"
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert all(isinstance(v, str) for v in data.values())
        assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_every_literal_key_is_in_the_catalogues(scan):
    assert "seating.person" in scan.shaped and len(scan.literal) > 400  # the scan found the screens
    assert "workshop.decide.choose" in scan.literal  # and the templates
    missing = {
        key: [str(s) for s in sites] for key, sites in scan.literal.items() if key not in KEYS
    }
    assert not missing, missing


def test_every_key_shaped_string_is_in_the_catalogues(scan):
    """A key kept in a tuple or a dict (``KEY_TEXTS``) and looked up later."""
    missing = {
        key: [str(s) for s in sites] for key, sites in scan.shaped.items() if key not in KEYS
    }
    assert not missing, missing


def test_every_key_built_at_run_time_declares_its_family(scan):
    assert not scan.undeclared, "declare with '# keys: prefix.{module.CONSTANT}':\n" + "\n".join(
        map(str, scan.undeclared)
    )


def test_every_declared_family_is_in_the_catalogues(scan):
    assert "action.{game.engine.state.Action}" in scan.families
    missing = {
        family: sorted(set(keyscan.expand(family)) - KEYS)
        for family in scan.families
        if set(keyscan.expand(family)) - KEYS
    }
    assert not missing, {f: (m, [str(s) for s in scan.families[f]]) for f, m in missing.items()}


def test_no_key_in_the_catalogues_is_unused(scan):
    reached = set(scan.literal) | set(scan.shaped) | set(scan.declared_keys())
    unused = sorted(KEYS - reached)
    assert not unused, f"no screen asks for: {unused}"


def test_the_declarations_expand_from_the_real_enums():
    assert keyscan.expand("target.{game.engine.state.InvestTarget}.help") == [
        f"target.{t}.help" for t in sorted(["brand", "institutions", "quality", "technology"])
    ]
    assert keyscan.expand("x.{game.ui.scenes.facilitator.PENALTIES[1]}") == [
        "x.harsh",
        "x.mild",
        "x.signed",
    ]
    assert keyscan.expand("outcome.{game.engine.outcome.OutcomeKind}") == [
        "outcome.advance",
        "outcome.collapse",
        "outcome.stagnation",
    ]


def test_how_to_play_lists_the_eight_conditions_the_contract_screen_has():
    from game.content.levels import load_level
    from game.engine.contract import CONDITIONS
    from game.ui.scenes import how_to_play

    names = how_to_play.condition_names()
    assert list(names) == list(CONDITIONS) and len(names) == 8
    level = load_level("gamarra")  # the contract screen shows a level's contract[c].name
    for condition in CONDITIONS:
        assert names[condition] == dict(level.contract[condition].name)
        assert f"howto.cond.{condition}.text" in KEYS
