"""The architecture's one-way arrows, and what a firm may know."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from game.content.levels import load_level
from game.engine.game import Game
from game.engine.views import FirmView

GAME = Path(__file__).resolve().parents[2] / "game"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module if node.module.startswith("game") else node.module.split(".")[0])
    return names


def test_no_module_outside_the_ui_imports_pygame():
    offenders = [
        str(p.relative_to(GAME))
        for p in GAME.rglob("*.py")
        if "ui" not in p.relative_to(GAME).parts and {"pygame", "pygame_gui"} & _imports(p)
    ]
    assert offenders == []


def test_the_engine_reads_no_files_and_knows_nothing_of_content_or_ui():
    for path in (GAME / "engine").rglob("*.py"):
        imports = _imports(path)
        assert not {"yaml", "pygame", "platformdirs"} & imports, path
        assert not any(
            i.startswith(("game.content", "game.ui", "game.ai", "game.sim")) for i in imports
        ), path


def test_a_firm_view_holds_only_its_own_offer_and_no_hidden_decisions():
    level = load_level("gamarra")
    game = Game(level, level.firm_names[:5], 7, level.reference_contract)
    setup = game.begin_season()
    view = game.view(2)
    assert view.offer == setup.offers[2]
    names = {f.name for f in dataclasses.fields(FirmView)}
    assert not names & {"offers", "decisions", "deliveries", "state", "reports"}
    # Nothing in the view refers to another firm's private offer.
    other_offers = {id(o) for i, o in setup.offers.items() if i != 2}
    assert not other_offers & {id(v) for v in vars_of(view)}


def vars_of(view: FirmView) -> list[object]:
    return [getattr(view, f.name) for f in dataclasses.fields(view)]


def test_undetected_defections_stay_hidden_from_the_public_record():
    from game.engine.state import COOPERATE, DEFECT

    level = load_level("gamarra")
    for seed in range(100):
        game = Game(level, level.firm_names[:6], seed, level.no_rules_contract)
        game.begin_season()
        report = game.resolve({i: DEFECT if i == 0 else COOPERATE for i in game.members()})
        if not report.detected:
            public = game.public[-1]
            assert 0 not in public.revealed
            assert 0 not in public.detected
            return
    raise AssertionError("every defection was detected in 100 seeds")
