"""Load a level file into plain Python data, remembering the line of every value.

We read the YAML *event* stream from `yaml.SafeLoader` and build the data ourselves
with an explicit stack instead of letting PyYAML compose and construct it:

* composing is recursive in PyYAML, so a hostile "[[[[..." file would hit Python's
  recursion limit; our loop is iterative and stops at `MAX_DEPTH`;
* we see every node, so we can record its line, report *every* duplicate key, refuse
  any tag outside plain data (nothing is ever constructed from a Python tag) and count
  nodes including alias expansions (billion-laughs guard);
* mapping keys are always the text as written, so `on:` or `2024:` stay strings and a
  path element is unambiguous: `str` is a key, `int` a list index.

Every failure becomes a `LevelError`; no other exception escapes for any input bytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    StreamEndEvent,
)

from game.content.problems import LevelError, LevelProblem, format_path
from game.persistence.paths import read_regular_file, refusal

MAX_DEPTH = 40
MAX_NODES = 100_000
MAX_LEVEL_BYTES = 512 * 1024
"""Bytes. The largest shipped level is 15 KB; a file of more than 512 KB is not a level anyone
wrote, and reading it would take seconds (the level-select screen reads every level in
``levels/`` each time it opens), so it is refused by its size, unread."""

_STD = "tag:yaml.org,2002:"
_PLAIN_TAG_HINT = "level files hold plain data only; remove the tag"
_SYNTAX_HINTS = {
    "cannot start any token": "indent with spaces, not tabs",
    "mapping values are not allowed here": "quote text that contains ': ', or fix the indentation",
    "expected <block end>": "check the indentation of this line and the one above",
}


@dataclass
class YamlDocument:
    """A parsed level file: plain data plus the line of every value."""

    file: str
    data: Any  # dict / list / str / int / float / bool / None
    lines: dict[tuple, int] = field(default_factory=dict, repr=False)
    problems: list[LevelProblem] = field(default_factory=list)
    """Problems found while reading that left the rest readable (a refused tag, a duplicate
    key): the checker reports them with its own, so an author sees every mistake at once."""
    spoiled: set[tuple] = field(default_factory=set, repr=False)
    """Paths whose value was dropped by those problems: nothing more is said about them."""
    quoted: set[tuple] = field(default_factory=set, repr=False)
    """Paths of the values written in quotes (``'5'`` or ``"5"``), so that a hint about a
    number read as text says "without quotes" only where there are quotes."""

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """1-based line of the value at path.

        If the path does not exist, the line of the deepest existing ancestor (for a
        missing key, the line of the mapping that should contain it), so every problem
        points somewhere useful; None only for an empty document.
        """
        path = tuple(path)
        for n in range(len(path), -1, -1):
            line = self.lines.get(path[:n])
            if line is not None:
                return line
        return None


def load_yaml_file(path: str | os.PathLike, *, keep_going: bool = False) -> YamlDocument:
    """Read a level file as bytes (so we control decoding) and parse it (``keep_going``: see
    :func:`load_yaml_bytes`). Only an ordinary file of at most :data:`MAX_LEVEL_BYTES` is read
    (:func:`~game.persistence.paths.read_regular_file`): a named pipe, a device or a loop of
    symbolic links is one problem naming the file, like a file that is missing."""
    name = os.fspath(path)
    try:
        raw = read_regular_file(name, MAX_LEVEL_BYTES, what="a level")
    except OSError as exc:
        raise LevelError(
            [LevelProblem(str(name), None, "", f"cannot read file: {refusal(exc)}")]
        ) from exc
    return load_yaml_bytes(raw, str(name), keep_going=keep_going)


def load_yaml_bytes(raw: bytes, file: str, *, keep_going: bool = False) -> YamlDocument:
    """Parse one YAML document of plain data; raise LevelError listing every problem.

    With ``keep_going``, problems that leave a readable mapping (a refused tag, a duplicate key,
    a bad scalar) do not raise: they travel in ``YamlDocument.problems`` so the level checker
    can add its own. Syntax errors and the safety limits always raise."""
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + bom
        line = raw.count(b"\n", 0, offset) + 1
        msg = f"file is not valid UTF-8 text (bad byte at offset {offset}); save it as UTF-8"
        raise LevelError([LevelProblem(file, line, "", msg)]) from None
    builder = _Builder(file)
    try:
        data = builder.run(yaml.SafeLoader(text))
    except yaml.MarkedYAMLError as exc:
        builder.problems.append(_syntax_problem(file, exc))
        raise LevelError(builder.problems) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        msg = f"file contains a control character (#x{code:04x}) that YAML does not allow"
        builder.problems.append(LevelProblem(file, line, "", msg, "delete it"))
        raise LevelError(builder.problems) from None
    except yaml.YAMLError as exc:  # any other PyYAML complaint, still reported cleanly
        builder.problems.append(LevelProblem(file, 1, "", f"invalid YAML: {exc}"))
        raise LevelError(builder.problems) from None
    if builder.problems and not (keep_going and isinstance(data, dict)):
        raise LevelError(builder.problems)
    return YamlDocument(
        file, data, builder.lines, list(builder.problems), builder.spoiled, builder.quoted
    )


def _syntax_problem(file: str, exc: yaml.MarkedYAMLError) -> LevelProblem:
    """Turn PyYAML's multi-line error into one readable line with a hint."""
    mark = exc.problem_mark or exc.context_mark
    message = f"invalid YAML: {exc.problem or 'syntax error'}"
    if exc.context and exc.context != "while scanning for the next token":
        message += f" ({exc.context}"
        if exc.context_mark is not None and exc.context_mark is not mark:
            message += f" started on line {exc.context_mark.line + 1}"
        message += ")"
    hint = next((h for k, h in _SYNTAX_HINTS.items() if k in (exc.problem or "")), None)
    return LevelProblem(file, mark.line + 1 if mark else 1, "", message, hint)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(slots=True)
class _Frame:
    """An open mapping or sequence while its events are still arriving."""

    path: tuple
    line: int
    anchor: str | None
    container: Any  # dict or list
    size: int = 1  # nodes in this subtree, alias expansions included
    height: int = 1  # nesting levels in this subtree, alias expansions included
    key: str | None = None  # pending mapping key, None when a key is expected next
    has_key: bool = False
    store: bool = True  # False after a duplicate or non-text key: drop its value
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Consumes parser events and builds plain data, collecting problems."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[LevelProblem] = []
        self.lines: dict[tuple, int] = {}
        self.anchors: dict[str, tuple[Any, int, int, str | None]] = {}
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.root: Any = None
        self.root_blank = False
        self.spoiled: set[tuple] = set()
        self.quoted: set[tuple] = set()
        self.aliases = 0  # aliases met so far: the advice for a file too large depends on it

    def problem(self, line: int | None, path: tuple, message: str, hint: str | None = None):
        self.problems.append(LevelProblem(self.file, line, format_path(path), message, hint))
        self.spoiled.add(tuple(path))

    def fatal(self, line: int, path: tuple, message: str, hint: str | None = None):
        """Problems that make further reading pointless or unsafe stop right here."""
        self.problem(line, path, message, hint)
        raise LevelError(self.problems)

    def here(self) -> tuple:
        """Path at which the next value will land."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, top.key) if top.has_key and top.key is not None else top.path

    def at_value(self) -> bool:
        """Whether the next scalar is a value (of a mapping key, a list item, the whole
        document), not a mapping key."""
        return (
            not self.stack or isinstance(self.stack[-1].container, list) or self.stack[-1].has_key
        )

    def run(self, loader: yaml.SafeLoader) -> Any:
        documents = 0
        try:
            while True:
                event = loader.get_event()
                line = event.start_mark.line + 1
                if isinstance(event, StreamEndEvent):
                    break
                if isinstance(event, DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self.fatal(
                            line,
                            (),
                            "a level file holds one YAML document",
                            "remove the second '---' or split the file",
                        )
                elif isinstance(event, ScalarEvent):
                    self.count(1, line)
                    if not self.stack:  # a bare '---' parses as an empty plain scalar
                        self.root_blank = event.value == "" and event.style is None
                    if event.style in ("'", '"') and self.at_value():
                        self.quoted.add(self.here())
                    self.add(
                        self.scalar(loader, event, line), line, 1, 0, event.value, event.anchor
                    )
                elif isinstance(event, CollectionStartEvent):
                    self.start(event, line)
                elif isinstance(event, AliasEvent):
                    self.alias(event.anchor, line)
                elif isinstance(event, CollectionEndEvent):
                    frame = self.stack.pop()
                    self.add(
                        frame.container, frame.line, frame.size, frame.height, None, frame.anchor
                    )
        finally:
            loader.dispose()
        if documents == 0 or self.root_blank:
            # Line 1, so that even this message reads file:line: field like every other one.
            self.problem(1, (), "file is empty", "a level file must hold a YAML mapping")
        return self.root

    def count(self, n: int, line: int) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            self.fatal(
                line,
                self.here(),
                f"file expands to more than {MAX_NODES} values",
                "use fewer aliases ('*name') or split the level"
                if self.aliases
                else "a level needs far fewer: look for a list or a section repeated by mistake",
            )

    def scalar(self, loader: yaml.SafeLoader, event: ScalarEvent, line: int) -> Any:
        """Construct an allowed scalar; refuse every other tag without constructing it."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag in (_STD + "str", _STD + "timestamp"):  # dates stay text as written
            return event.value
        builders = {
            _STD + "int": loader.construct_yaml_int,
            _STD + "float": loader.construct_yaml_float,
            _STD + "bool": loader.construct_yaml_bool,
            _STD + "null": loader.construct_yaml_null,
        }
        if tag == _STD + "merge":
            self.problem(
                line, self.here(), "merge keys ('<<') are not supported", "write the fields out"
            )
            return None
        if tag not in builders:
            self.problem(
                line,
                self.here(),
                f"tag '{_show_tag(tag)}' is not allowed in a level file",
                _PLAIN_TAG_HINT,
            )
            return None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return builders[tag](node)
        except Exception:  # e.g. !!int "abc" or an int too long for Python to parse
            kind = tag[len(_STD) :]
            self.problem(line, self.here(), f"'{_clip(event.value)}' is not a valid {kind}")
            return None

    def start(self, event: CollectionStartEvent, line: int) -> None:
        is_map = isinstance(event, MappingStartEvent)
        path = self.here()
        if event.tag not in (None, "!", _STD + ("map" if is_map else "seq")):
            self.problem(
                line,
                path,
                f"tag '{_show_tag(event.tag)}' is not allowed in a level file",
                _PLAIN_TAG_HINT,
            )
        if len(self.stack) >= MAX_DEPTH:
            self.fatal(line, path, f"nesting is deeper than {MAX_DEPTH} levels")
        self.count(1, line)
        self.stack.append(_Frame(path, line, event.anchor, {} if is_map else []))

    def alias(self, anchor: str, line: int) -> None:
        entry = self.anchors.get(anchor)
        if entry is None:
            self.problem(
                line,
                self.here(),
                f"unknown alias '*{anchor}'",
                f"an alias must come after the complete value marked '&{anchor}'",
            )
            self.add(None, line, 1, 0, "*" + anchor, None)
            return
        value, size, height, raw = entry
        self.aliases += 1
        if len(self.stack) + height > MAX_DEPTH:
            self.fatal(line, self.here(), f"nesting is deeper than {MAX_DEPTH} levels")
        self.count(size, line)
        self.add(value, line, size, height, raw, None)

    def add(
        self, value: Any, line: int, size: int, height: int, raw: str | None, anchor: str | None
    ):
        """Place a finished value into its parent (as a key, a mapping value or an item)."""
        if anchor is not None:
            self.anchors[anchor] = (value, size, height, raw)
        if not self.stack:
            self.root = value
            self.lines[()] = line
            return
        top = self.stack[-1]
        top.size += size
        top.height = max(top.height, height + 1)
        if isinstance(top.container, list):
            self.lines[(*top.path, len(top.container))] = line
            top.container.append(value)
        elif not top.has_key:
            top.has_key, top.key, top.store = True, raw, raw is not None
            if raw is None:
                self.problem(
                    line,
                    top.path,
                    "mapping keys must be plain text",
                    "use a simple name as the key",
                )
            elif raw in top.key_lines:
                top.store = False
                self.problem(
                    line,
                    (*top.path, raw),
                    f"duplicate key '{_clip(raw)}' (first defined on line {top.key_lines[raw]})",
                )
            else:
                top.key_lines[raw] = line
        else:
            if top.store:
                top.container[top.key] = value
                self.lines[(*top.path, top.key)] = line
            top.has_key, top.key = False, None
