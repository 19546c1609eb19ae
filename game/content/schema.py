"""Tiny declarative schema combinators that report *every* problem in a level file.

A spec's `check(value, path, checker)` returns the normalised value, or `INVALID`
after reporting why through the checker. Specs never raise on odd input (None, bools,
huge ints, bytes, nested junk): level files are written by hand, and a checker that
crashes on the first surprise is worse than no checker. A container whose children
are not all valid is itself `INVALID`, so cross-field rules (`Custom`) only ever see
fully valid, normalised data.
"""

from __future__ import annotations

import copy
import difflib
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from game.content.characters import char_name, first_unshowable
from game.content.problems import LevelError, LevelProblem, format_path
from game.content.yaml_source import YamlDocument

__all__ = [
    "INVALID",
    "Bilingual",
    "Bool",
    "Checker",
    "Choice",
    "Custom",
    "DictOf",
    "Field",
    "ListOf",
    "Mapping",
    "Number",
    "Pair",
    "Spec",
    "Text",
    "describe",
    "did_you_mean",
    "format_path",
]


class _Invalid:
    """Sentinel type; a readable repr makes failing asserts easier to understand."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()  # returned by a spec when the value is unusable


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """Hint text for the closest option to a misspelt word, or None if nothing is close."""
    if not isinstance(word, str):
        return None
    names = [o for o in options if isinstance(o, str)]
    match = difflib.get_close_matches(word[:100], names, n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else None


def _clip(text: str, limit: int = 40) -> str:
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return text.replace("\n", "\\n")


def _num(x: int | float) -> str:
    """Show a number the way an author wrote it (1 rather than 1.0), never raising."""
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "infinity" if x > 0 else "-infinity"
        return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)
    return str(x) if abs(x) < 10**18 else "a very large number"  # str() of huge ints raises


def describe(value: Any) -> str:
    """Short description of a value for messages such as "got text 'abc'"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _num(value)
    if isinstance(value, str):
        return f"text '{_clip(value)}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__} value"


def _one_of(options: Sequence[str], limit: int = 12) -> str:
    shown = ", ".join(options[:limit])
    return shown + (", ..." if len(options) > limit else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class Checker:
    """Collects problems against one document, locating each by its path."""

    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.problems: list[LevelProblem] = list(doc.problems)

    def report(self, path: tuple, message: str, hint: str | None = None) -> None:
        path = tuple(path)
        if any(path[: len(p)] == p for p in self.doc.spoiled):
            return  # the reader already said what is wrong here
        line = self.doc.line_of(path)
        self.problems.append(LevelProblem(self.doc.file, line, format_path(path), message, hint))

    def raise_if_problems(self) -> None:
        """Raise every problem at once, in file order so authors can fix top-down."""
        if self.problems:
            ordered = sorted(self.problems, key=lambda p: (p.line is None, p.line or 0))
            raise LevelError(ordered)

    def validate(self, spec: Spec) -> Any:
        """Check the whole document against spec; return normalised data or raise."""
        value = spec.check(self.doc.data, (), self)
        self.raise_if_problems()
        return value


class Spec:
    """Base of all specs: check a value, report problems, return normalised value."""

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class Number(Spec):
    """A finite number; ints become floats unless `integer` (YAML `true` is not a number)."""

    min: float | None = None
    max: float | None = None
    integer: bool = False

    def _want(self) -> str:
        base = "a whole number" if self.integer else "a number"
        if self.min is not None and self.max is not None:
            return f"{base} between {_num(self.min)} and {_num(self.max)}"
        if self.min is not None:
            return f"{base} of at least {_num(self.min)}"
        if self.max is not None:
            return f"{base} of at most {_num(self.max)}"
        return base

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        problem = f"must be {self._want()}, got {describe(value)}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            quoted = tuple(path) in checker.doc.quoted
            checker.report(path, problem, number_text_hint(value, quoted=quoted))
            return INVALID
        if isinstance(value, float) and (
            not math.isfinite(value) or (self.integer and not value.is_integer())
        ):
            checker.report(path, problem)
            return INVALID
        if (self.min is not None and value < self.min) or (
            self.max is not None and value > self.max
        ):
            checker.report(path, problem)
            return INVALID
        if self.integer:
            return int(value)
        try:
            return float(value)
        except OverflowError:
            checker.report(path, f"must be {self._want()}, got a number too large to use")
            return INVALID


def _yaml_number(text: str) -> int | float | None:
    """What YAML (1.1, as PyYAML reads it) makes of ``text`` written bare: a number, or None
    when it reads it as anything else (text, mostly: ``1e3`` and ``1.0e3`` are text to it)."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _number_forms(text: str, number: float) -> list[str]:
    """Ways to write ``number`` that YAML reads as that number: plainly (``1000``), and in the
    author's own exponent form with the point and the sign YAML needs (``1e3`` -> ``1.0e+3``)."""
    candidates = [_num(number)]
    mantissa, e, exponent = text.lower().partition("e")
    if e:
        mantissa = mantissa.replace("_", "")
        if "." not in mantissa:
            mantissa += ".0"
        if exponent[:1] not in ("+", "-"):
            exponent = "+" + exponent
        candidates.append(f"{mantissa}e{exponent}")
    forms = []
    for form in candidates:
        if form not in forms and _yaml_number(form) == number:
            forms.append(form)
    return forms


def number_text_hint(value: Any, *, quoted: bool = False) -> str | None:
    """The hint for a number that YAML read as text: written in quotes (``quoted``, or only
    quotes can have made it text), or in a form YAML 1.1 reads as text (``1e3``, ``1.0e3``:
    it wants a point and a signed exponent, ``1.0e+3``). None when the text is no number."""
    if not isinstance(value, str) or len(value) > 100:
        return None
    text = value.strip()
    if not text.isascii():  # float() reads other scripts' digits; YAML never does
        return None
    try:
        number = float(text.replace("_", ""))
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    bare = _yaml_number(text)
    if bare is not None and bare == number:  # written bare it is this number: the quotes hid it
        return "write the number without quotes"
    forms = " or ".join(_number_forms(text, number)) or _num(number)
    if bare is not None:  # 012 written bare is the octal number 10
        return f"write {forms} without quotes (YAML reads a bare {text} as {_num(bare)})"
    unquoted = " without quotes" if quoted else ""
    return f"YAML reads {_clip(text)} as text; write {forms}{unquoted}"


@dataclass(frozen=True)
class Text(Spec):
    """A string, non-blank by default and bounded so a pasted novel is caught."""

    nonempty: bool = True
    max_len: int = 2000

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if not isinstance(value, str):
            hint = "put it in quotes to make it text" if isinstance(value, int | float) else None
            checker.report(path, f"must be text, got {describe(value)}", hint)
            return INVALID
        if self.nonempty and not value.strip():
            checker.report(path, "must not be empty")
            return INVALID
        if len(value) > self.max_len:
            checker.report(path, f"is too long ({len(value)} characters, at most {self.max_len})")
            return INVALID
        unshowable = first_unshowable(value)
        if unshowable is not None:
            checker.report(
                path,
                f"holds a character no screen can show ({char_name(unshowable)})",
                "write it with letters, digits, spaces and punctuation",
            )
            return INVALID
        return value


@dataclass(frozen=True)
class Bool(Spec):
    """true or false; numbers and text are rejected rather than guessed."""

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if isinstance(value, bool):
            return value
        checker.report(path, f"must be true or false, got {describe(value)}")
        return INVALID


class Choice(Spec):
    """One of a fixed set of names, with a did-you-mean hint for typos."""

    def __init__(self, options: Sequence[str]):
        self.options: tuple[str, ...] = tuple(options)

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if isinstance(value, str) and value in self.options:
            return value
        expected = f"expected one of: {_one_of(self.options)}"
        if isinstance(value, str):
            hint = did_you_mean(value, self.options) or expected
            checker.report(path, f"unknown value '{_clip(value)}'", hint)
        else:
            checker.report(
                path, f"must be one of the listed names, got {describe(value)}", expected
            )
        return INVALID


class Field:
    """A mapping entry: its spec, whether it must be present, and its default."""

    def __init__(self, spec: Spec, required: bool = True, default: Any = None):
        self.spec, self.required, self.default = spec, required, default


class Mapping(Spec):
    """A mapping with known fields; unknown keys are typos unless `extra` is given.

    A missing optional field, or one left empty (`field:` with no value), gets a copy
    of its default. With `extra`, unknown keys are allowed and checked with it.
    """

    def __init__(self, fields: dict[str, Field | Spec], extra: Spec | None = None):
        self.fields = {k: f if isinstance(f, Field) else Field(f) for k, f in fields.items()}
        self.extra = extra

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        out, ok = self.check_partial(value, path, checker)
        return out if ok else INVALID

    def check_partial(self, value: Any, path: tuple, checker: Checker) -> tuple[Any, bool]:
        """The mapping as far as it checks, and whether all of it did: a level's whole-level
        rules still look at the sections that are valid (``INVALID`` if it is no mapping)."""
        if not isinstance(value, dict):
            checker.report(path, f"must be a mapping, got {describe(value)}")
            return INVALID, False
        out: dict[Any, Any] = {}
        ok = True
        for name, field in self.fields.items():
            if name not in value or (value[name] is None and not field.required):
                if field.required:
                    checker.report((*path, name), f"missing required field '{name}'")
                    ok = False
                else:
                    out[name] = copy.deepcopy(field.default)
                continue
            out[name] = field.spec.check(value[name], (*path, name), checker)
            ok = ok and out[name] is not INVALID
        for key, item in value.items():
            if key in self.fields:
                continue
            if self.extra is not None:
                out[key] = self.extra.check(item, (*path, key), checker)
                ok = ok and out[key] is not INVALID
                continue
            shown = f"'{_clip(key)}'" if isinstance(key, str) else describe(key)
            hint = did_you_mean(key, self.fields) or f"allowed fields: {_one_of(list(self.fields))}"
            checker.report((*path, key), f"unknown field {shown}", hint)
            ok = False
        return out, ok


class DictOf(Spec):
    """A mapping keyed by free ids, e.g. DictOf(Choice(DIMENSIONS), Number(0, 100))."""

    def __init__(self, key: Spec, value: Spec, min_len: int = 0):
        self.key, self.value, self.min_len = key, value, min_len

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if not isinstance(value, dict):
            checker.report(path, f"must be a mapping, got {describe(value)}")
            return INVALID
        ok = len(value) >= self.min_len
        if not ok:
            checker.report(
                path, f"must have at least {_plural(self.min_len, 'entry')}, got {len(value)}"
            )
        out: dict[Any, Any] = {}
        for key, item in value.items():
            at = (*path, key)
            new_key = self.key.check(key, at, checker)
            new_item = self.value.check(item, at, checker)
            if new_key is INVALID or new_item is INVALID:
                ok = False
                continue
            try:
                if new_key in out:
                    checker.report(at, f"key {describe(key)} repeats an earlier key")
                    ok = False
                out[new_key] = new_item
            except TypeError:  # a key spec returned something unhashable
                checker.report(at, f"key {describe(key)} cannot be used as a key")
                ok = False
        return out if ok else INVALID


class ListOf(Spec):
    """A list whose items all match `item`, optionally with length bounds."""

    def __init__(self, item: Spec, min_len: int = 0, max_len: int | None = None):
        self.item, self.min_len, self.max_len = item, min_len, max_len

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if not isinstance(value, list | tuple):
            checker.report(path, f"must be a list, got {describe(value)}")
            return INVALID
        ok = True
        if len(value) < self.min_len:
            checker.report(
                path, f"must have at least {_plural(self.min_len, 'item')}, got {len(value)}"
            )
            ok = False
        if self.max_len is not None and len(value) > self.max_len:
            checker.report(
                path, f"must have at most {_plural(self.max_len, 'item')}, got {len(value)}"
            )
            ok = False
        out = [self.item.check(item, (*path, i), checker) for i, item in enumerate(value)]
        return out if ok and not any(x is INVALID for x in out) else INVALID


class Pair(Spec):
    """A range written as [low, high] with low <= high; returns a tuple."""

    def __init__(self, item: Spec):
        self.item = item

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if not isinstance(value, list | tuple) or len(value) != 2:
            got = (
                _plural(len(value), "item") if isinstance(value, list | tuple) else describe(value)
            )
            checker.report(path, f"must be a pair [low, high], got {got}")
            return INVALID
        low = self.item.check(value[0], (*path, 0), checker)
        high = self.item.check(value[1], (*path, 1), checker)
        if low is INVALID or high is INVALID:
            return INVALID
        try:
            ordered = bool(low <= high)
        except TypeError:
            ordered = False
        if not ordered:
            checker.report(
                path,
                f"low value {describe(low)} is greater than high value {describe(high)}",
                "write it as [low, high]",
            )
            return INVALID
        return (low, high)


class Bilingual(Spec):
    """Player-facing text in both game languages: {es: ..., en: ...}."""

    def __init__(self, max_len: int = 2000):
        text = Text(max_len=max_len)
        self._mapping = Mapping({"es": text, "en": text})

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if isinstance(value, str):
            checker.report(
                path,
                f"must have both a Spanish and an English text, got only {describe(value)}",
                "write it as {es: '...', en: '...'}",
            )
            return INVALID
        return self._mapping.check(value, path, checker)


class Custom(Spec):
    """A hand-written rule, fn(value, path, checker) -> value or INVALID.

    With `base`, the base spec runs first and fn only sees its valid, normalised
    result: the usual shape for cross-field rules such as "min price < max price".
    fn should report through the checker rather than raise.
    """

    def __init__(self, fn: Callable[[Any, tuple, Checker], Any], base: Spec | None = None) -> None:
        self.fn, self.base = fn, base

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if self.base is not None:
            value = self.base.check(value, path, checker)
            if value is INVALID:
                return INVALID
        return self.fn(value, path, checker)
