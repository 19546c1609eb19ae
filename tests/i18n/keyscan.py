"""Which text keys the game's source asks for, read from the source itself (``ast``), not by
running it.

Three kinds of use:

- a **literal key**: a string constant that is the key argument of a text lookup (``tr``, a
  scene's ``self.tr``, the templates' ``t``, and the wrappers in :data:`LOOKUPS`), or any
  string constant shaped like a key of a namespace the catalogues have (``"seating.person"``
  in a tuple the screen later looks up);
- a **dynamic key**: a key built at run time (an f-string, or ``+`` / Jinja's ``~``). The line
  (or the line above) must declare the family it belongs to with a comment
  ``# keys: action.{game.engine.state.Action}`` (``{# keys: ... #}`` in a template). Each
  ``{dotted.path}`` names a real enum (its members' values), ``Literal`` type, tuple, list, set
  or mapping (its keys) in the code; ``{dotted.path[1]}`` takes item 1 of each of its elements
  (a tuple of pairs), ``{dotted.path[name]}`` their attribute ``name``. A family without
  braces is one key named in full (for the few keys a conditional builds). Several families
  are separated by spaces (``# keys: target.{X} target.{X}.help``), and a long declaration
  may go on over the ``# keys:`` lines right above;
- a key **passed on** in a variable: its literal is found where it is written.
"""

from __future__ import annotations

import ast
import enum
import importlib
import itertools
import re
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GAME = ROOT / "game"
TEMPLATES = GAME / "workshop" / "templates"

# The text lookups of the code base and where their key goes (argument index): every one of
# them hands the key to ``game.i18n.tr``.
LOOKUPS: dict[str, int] = {
    "tr": 0,  # game.i18n.tr, SceneContext.tr, Scene.tr, App.tr
    "t": 0,  # the workshop templates' t (game.workshop.server.Server.render)
    "both": 0,  # game.debrief.texts.both
    "label": 0,  # game.debrief.html.label
    "say": 0,  # game.workshop.command.say
    "problem": 0,  # game.ui.gamefiles.problem
    "RoomError": 0,  # game.workshop.room.RoomError
    "BadRequest": 0,  # game.workshop.server.BadRequest
    "error_page": 1,  # game.workshop.server.Server.error_page
    "StoryStep": 1,  # game.play.story.StoryStep(kind, key, ...)
    "row": 0,  # the settings screen's row(label_key, ...)
    "header_text": 1,  # game.ui.board.header_text(app, key, ...)
}
# A keyword argument named like this is a key too (``both(..., lacked_words_key=...)``).
KEY_KEYWORD = re.compile(r"^(\w+_)?key$")

KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
# Strings in the source shaped like keys of a text namespace that are not texts.
NOT_KEYS = {
    "contract.default",  # level-schema paths (game/content/docs.py)
    "contract.reference",
    "error.html",  # a template's file name
    "settings.json",  # a file name
}

TEMPLATE_DECLARATION = re.compile(r"\{#\s*keys:\s*(.+?)\s*#\}")
DECLARATION = re.compile(r"#\s*keys:\s*(.+?)\s*$")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w.]*)(?:\[(\w+)\])?\}")
TEMPLATE_LITERAL = re.compile(r"""\bt\(\s*'([^'~]+)'\s*[,)]""")
TEMPLATE_DYNAMIC = re.compile(r"""\bt\(\s*'([^']*)'\s*~""")


@dataclass(frozen=True)
class Site:
    path: Path
    line: int
    code: str  # the source of the key expression

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.code}"


@dataclass
class Scan:
    literal: dict[str, list[Site]]  # key -> where it is written
    families: dict[str, list[Site]]  # a declared family (as written) -> its sites
    undeclared: list[Site]  # dynamic keys without a declaration
    shaped: dict[str, list[Site]]  # key-shaped strings outside lookups

    def declared_keys(self) -> dict[str, str]:
        """Every key the declared families expand to -> the family."""
        out = {}
        for family in self.families:
            for key in expand(family):
                out[key] = family
        return out


def python_files() -> list[Path]:
    return sorted(GAME.rglob("*.py"))


def templates() -> list[Path]:
    return sorted(TEMPLATES.glob("*.html"))


def _callee(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def key_arguments(node: ast.Call) -> Iterator[ast.expr]:
    """The arguments of a call that are text keys."""
    name = _callee(node)
    if name in LOOKUPS and len(node.args) > LOOKUPS[name]:
        arg = node.args[LOOKUPS[name]]
        if not isinstance(arg, ast.Starred):
            yield arg
    for keyword in node.keywords:
        if keyword.arg and KEY_KEYWORD.match(keyword.arg) and keyword.arg != "key":
            yield keyword.value


def _is_dynamic(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return True
    return isinstance(node, ast.Call) and _callee(node) == "format"


def _head(node: ast.JoinedStr) -> str:
    first = node.values[0] if node.values else None
    return first.value if isinstance(first, ast.Constant) else ""


def _declared(text: str) -> list[str] | None:
    match = TEMPLATE_DECLARATION.search(text) or DECLARATION.search(text)
    return match.group(1).split() if match else None


def declaration_at(lines: list[str], line: int) -> list[str] | None:
    """The families declared on ``line`` (1-based), or on the ``# keys:`` comment lines right
    above it (a long declaration may take several), if any."""
    families = _declared(lines[line - 1]) if 1 <= line <= len(lines) else None
    if families is not None:
        return families
    above: list[str] = []
    number = line - 1
    while 1 <= number <= len(lines):
        found = _declared(lines[number - 1])
        if found is None:
            break
        above = found + above
        if not lines[number - 1].lstrip().startswith(("#", "{#")):
            break  # a declaration at the end of a line of code ends the block
        number -= 1
    return above or None


def scan(namespaces: Iterable[str]) -> Scan:
    namespaces = set(namespaces)
    result = Scan({}, {}, [], {})
    for path in python_files():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        in_lookup: set[int] = set()
        dynamic: list[ast.expr] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for arg in key_arguments(node):
                    in_lookup.add(id(arg))
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        site = Site(path, arg.lineno, repr(arg.value))
                        result.literal.setdefault(arg.value, []).append(site)
                    elif _is_dynamic(arg):
                        dynamic.append(arg)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.JoinedStr)
                and id(node) not in in_lookup
                and _head(node).split(".")[0] in namespaces
                and "." in _head(node)
            ):
                dynamic.append(node)  # a key built here, looked up elsewhere
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in in_lookup
                and KEY_SHAPE.match(node.value)
                and node.value.split(".")[0] in namespaces
                and node.value not in NOT_KEYS
            ):
                site = Site(path, node.lineno, repr(node.value))
                result.shaped.setdefault(node.value, []).append(site)
        for node in dynamic:
            site = Site(path, node.lineno, ast.get_source_segment(source, node) or "?")
            families = declaration_at(lines, node.lineno)
            if families is None and getattr(node, "end_lineno", None):
                families = declaration_at(lines, node.end_lineno)  # type: ignore[arg-type]
            if families is None:
                result.undeclared.append(site)
            for family in families or []:
                result.families.setdefault(family, []).append(site)
    for path in templates():
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, text in enumerate(lines, start=1):
            for key in TEMPLATE_LITERAL.findall(text):
                result.literal.setdefault(key, []).append(Site(path, number, key))
            for head in TEMPLATE_DYNAMIC.findall(text):
                site = Site(path, number, f"t('{head}' ~ ...)")
                families = declaration_at(lines, number)
                if families is None:
                    result.undeclared.append(site)
                for family in families or []:
                    result.families.setdefault(family, []).append(site)
    return result


def resolve(dotted: str) -> object:
    """The object a dotted path names: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(f"nothing importable in {dotted!r}")


def members(obj: object, index: str | None) -> list[str]:
    """The values a family's placeholder runs over."""
    if isinstance(obj, type) and issubclass(obj, enum.Enum):
        items: list[object] = [m.value for m in obj]
    elif typing.get_origin(obj) is typing.Literal:
        items = list(typing.get_args(obj))
    elif isinstance(obj, Mapping | tuple | list | set | frozenset):
        items = list(obj)
    else:
        raise TypeError(f"{obj!r} is not an enum, tuple, list, set or mapping")
    if index is not None:
        items = [
            item[int(index)] if index.isdigit() else getattr(item, index)  # type: ignore[index]
            for item in items
        ]
    return sorted({(i.value if isinstance(i, enum.Enum) else i) for i in items}, key=str)  # type: ignore[misc]


def expand(family: str) -> list[str]:
    """Every key of a declared family, e.g. ``target.{game.engine.state.InvestTarget}.help``."""
    pieces = PLACEHOLDER.split(family)
    # split gives: text, path, index, text, path, index, ..., text
    texts = pieces[0::3]
    choices = [
        members(resolve(path), index)
        for path, index in zip(pieces[1::3], pieces[2::3], strict=True)
    ]
    if not choices:
        return [family]  # a key named in full: one of a few a conditional builds
    keys = []
    for combo in itertools.product(*choices):
        key = texts[0]
        for value, text in zip(combo, texts[1:], strict=True):
            key += str(value) + text
        keys.append(key)
    return keys
