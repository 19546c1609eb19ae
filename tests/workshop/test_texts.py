"""Every text the workshop's pages and refusals name is in the catalogues."""

from __future__ import annotations

import re
from pathlib import Path

from game.i18n import catalogue

TEXTS = catalogue("es")

WORKSHOP = Path(__file__).resolve().parents[2] / "game" / "workshop"
IN_TEMPLATE = re.compile(r"""\bt\(\s*'([a-z0-9_.]*[a-z0-9_])'\s*[,)]""")
IN_CODE = re.compile(r"""["'](workshop\.[a-z0-9_.]+)["']""")


def _named() -> set[str]:
    keys: set[str] = set()
    for path in (WORKSHOP / "templates").glob("*.html"):
        keys |= set(IN_TEMPLATE.findall(path.read_text(encoding="utf-8")))
    for path in WORKSHOP.glob("*.py"):
        keys |= set(IN_CODE.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_key_the_workshop_names_is_in_the_catalogues():
    keys = _named()
    assert "workshop.decide.choose" in keys and "workshop.error.taken" in keys  # the scan works
    missing = sorted(k for k in keys if k not in TEXTS)
    assert not missing, missing


def test_the_pages_keys_that_are_built_from_parts_exist():
    for status in ("lobby", "running", "ended"):
        assert f"workshop.console.status.{status}" in TEXTS
    for phase in ("lobby", "deciding", "resolution", "ended"):
        assert f"workshop.console.phase.{phase}" in TEXTS
