"""Problems found in a level file, and the single exception that carries them.

Level authors fix files faster when they see every mistake at once, each with a
file, line and field path, so loaders collect `LevelProblem`s and raise one
`LevelError` at the end instead of failing on the first issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Keys that would make a dotted path ambiguous or unreadable are shown quoted.
_PLAIN_KEY = re.compile(r"[^.\[\]\s'\"]+")


def format_path(path: tuple) -> str:
    """Render ("events", 2, "weight") as "events[2].weight" ("" for the whole file).

    Ints are list indices; anything else is a mapping key. Keys containing dots,
    brackets, quotes or spaces are written as ['a.b'] so the path stays unambiguous.
    """
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]" if abs(part) < 10**18 else "[...]"  # str() of huge ints raises
        else:
            try:
                key = str(part)
            except ValueError:  # e.g. a tuple holding a huge int in hand-built data
                key = "?"
            if _PLAIN_KEY.fullmatch(key):
                out += f".{key}" if out else key
            else:
                out += "[" + repr(key) + "]"
    return out


@dataclass(frozen=True)
class LevelProblem:
    """One thing wrong with a level file, located as precisely as we can."""

    file: str  # path as given by the caller
    line: int | None  # 1-based line, None if unknown
    path: str  # dotted field path such as "events[2].weight"; "" for the whole file
    message: str  # lower-case start, no final period
    hint: str | None = None  # e.g. "did you mean 'el_porvenir'?"

    def __str__(self) -> str:
        """Format like a compiler diagnostic so editors can jump to the line."""
        line = "?" if self.line is None else str(self.line)
        text = f"{self.file}:{line}: {self.path or '(file)'}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class LevelError(Exception):
    """Raised with every problem found; str() is one problem per line."""

    def __init__(self, problems: list[LevelProblem]):
        self.problems: list[LevelProblem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
