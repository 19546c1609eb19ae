"""The package arrows, read from the source: which part of the game may import which.

Every module under ``game/`` is parsed with :mod:`ast` and every import is counted, wherever it
is written: at the top, inside a function, under ``if TYPE_CHECKING:``. An import inside a
function is still an arrow (it only hides it from a reader), and a type-only import is still a
dependency a reader must follow, so none is exempt.

The rules (README's layout and CONVENTIONS.md):

- ``game.engine`` (the rules) imports nothing of the game but itself;
- ``game.content``, ``game.persistence``, ``game.sim``, ``game.debrief``, ``game.play`` and
  ``game.workshop`` never import ``game.ui`` or pygame: everything but the UI runs without a
  display;
- ``game.workshop`` (the phones' server, issue 15) builds on the engine, the table
  (``game.play``), the content, the texts, persistence, the personalities and the debrief
  (each group's summary, the class comparison, the exports), and nothing else
  of the game: it serves without a window, and the desktop never depends on it;
- a screen in ``game.ui.scenes`` never imports another screen: they move between one another
  by name, through :mod:`game.ui.director`;
- no module of the UI outside the scenes imports a scene either;
- the module import graph has no cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GAME = ROOT / "game"
HEADLESS = (
    "game.content",
    "game.persistence",
    "game.sim",
    "game.debrief",
    "game.play",
    "game.workshop",
)
WORKSHOP_MAY_IMPORT = (
    "game.engine",
    "game.debrief",
    "game.play",
    "game.i18n",
    "game.content",
    "game.persistence",
    "game.ai",
    "game.workshop",
)
SCENES = "game.ui.scenes"


@dataclass(frozen=True, slots=True)
class Import:
    """One arrow: ``source`` imports ``target`` (a module of the game, or any other name)."""

    source: str
    target: str
    line: int

    def __str__(self) -> str:
        path = MODULES[self.source].relative_to(ROOT) if self.source in MODULES else self.source
        return f"{path}:{self.line}: {self.source} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(GAME.rglob("*.py"))}


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def resolve(name: str) -> str:
    """The game's module that importing ``name`` runs last: ``name`` itself, or the nearest
    package above it (``from game.ui import theme`` is the module ``game.ui.theme``, ``from
    game.i18n import tr`` the package ``game.i18n``). A name outside the game stays as it is."""
    probe = name
    while probe and probe not in MODULES:
        probe = probe.rpartition(".")[0]
    return probe or name


def absolute(node: ast.ImportFrom, source: str) -> str:
    """The module ``from … import`` names, relative imports made absolute."""
    if not node.level:
        return node.module or ""
    package = source if MODULES[source].name == "__init__.py" else source.rpartition(".")[0]
    base = package.split(".")[: len(package.split(".")) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(source: str) -> Iterator[Import]:
    """Every import in ``source``, top level or nested anywhere (functions, classes, ifs)."""
    tree = ast.parse(MODULES[source].read_text(encoding="utf-8"), str(MODULES[source]))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(source, resolve(alias.name), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = absolute(node, source)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                target = full if full in MODULES else resolve(base)
                yield Import(source, target, node.lineno)


ARROWS: list[Import] = [i for m in MODULES for i in imports_of(m) if i.target != i.source]


def arrows_from(package: str) -> list[Import]:
    return [i for i in ARROWS if within(i.source, package)]


def test_the_parser_sees_imports_inside_functions():
    """A guard on the test itself: the app opens the pause menu by name now, but the launcher
    still imports the app inside a function, and that arrow must be seen."""
    assert any(i.source == "game.ui.launch" and i.target == "game.ui.app" for i in ARROWS), (
        "imports inside functions are not being read"
    )


def test_the_engine_imports_nothing_of_the_game_but_itself():
    wrong = [
        str(i)
        for i in arrows_from("game.engine")
        if within(i.target, "game") and not within(i.target, "game.engine")
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("package", HEADLESS)
def test_headless_packages_never_import_the_ui_or_pygame(package):
    wrong = [
        str(i)
        for i in arrows_from(package)
        if within(i.target, "game.ui") or within(i.target, "pygame") or i.target == "pygame_gui"
    ]
    assert not wrong, "\n".join(wrong)


def test_the_workshop_builds_only_on_the_headless_game():
    wrong = [
        str(i)
        for i in arrows_from("game.workshop")
        if within(i.target, "game") and not any(within(i.target, p) for p in WORKSHOP_MAY_IMPORT)
    ]
    assert not wrong, "\n".join(wrong)
    assert any(within(i.target, "game.play") for i in arrows_from("game.workshop"))


def test_nothing_outside_the_workshop_imports_it():
    """The desktop game runs without the phones' server (and its dependencies)."""
    wrong = [
        str(i)
        for i in ARROWS
        if within(i.target, "game.workshop")
        and not within(i.source, "game.workshop")
        and i.source != "game.cli"
    ]
    assert not wrong, "\n".join(wrong)


def test_no_screen_imports_another_screen():
    wrong = [
        str(i)
        for i in ARROWS
        if within(i.source, SCENES) and within(i.target, SCENES) and i.target != SCENES
    ]
    assert not wrong, "screens reach each other through the director, by name:\n" + "\n".join(wrong)


def test_nothing_outside_the_scenes_imports_a_screen():
    """The app, the flow and the launcher name screens to the director; they import none."""
    wrong = [
        str(i)
        for i in ARROWS
        if not within(i.source, SCENES) and within(i.target, SCENES) and i.target != SCENES
    ]
    assert not wrong, "\n".join(wrong)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_module_graph_has_no_cycle():
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for i in ARROWS:
        if i.target in MODULES:
            graph[i.source].add(i.target)
    found = cycles(graph)
    described = []
    for component in found:
        inside = [str(i) for i in ARROWS if i.source in component and i.target in component]
        described.append(f"{len(component)} modules: " + "; ".join(inside))
    assert not found, "import cycles:\n" + "\n".join(described)


def test_a_cycle_is_found_when_there_is_one():
    """The cycle finder itself, on a small graph: a → b → c → a, and d alone."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
