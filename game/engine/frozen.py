"""A faster ``__init__`` for the engine's frozen dataclasses.

Why: the ``__init__`` that :mod:`dataclasses` writes for a ``frozen=True`` class calls
``object.__setattr__(self, name, value)`` once per field, which makes building one cost about
three times what a plain class costs. The engine builds a dozen of these every season (the
offers, the deliveries, the reports), so :func:`fast_init` gives a frozen, slotted dataclass an
``__init__`` that builds the object as a plain slotted twin class, with ordinary (fast)
attribute stores, and then turns it into the frozen class. The two classes have the same slots,
so Python allows the ``__class__`` assignment, and the object is frozen again before anyone else
sees it (which is also why such a class cannot be subclassed). Nothing else changes: the class
is still frozen (assigning to a field afterwards raises ``FrozenInstanceError``), equality,
``repr``, pickling and ``dataclasses.replace`` work as before, and defaults are honoured. Use it
above the ``@dataclass`` line::

    @fast_init
    @dataclass(frozen=True, slots=True)
    class Point:
        x: float
        y: float = 0.0
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import TypeVar

T = TypeVar("T", bound=type)

_set_class = object.__dict__["__class__"].__set__
"""``obj.__class__ = cls`` that bypasses a frozen class's ``__setattr__``."""


def fast_init(cls: T) -> T:
    """Replace ``cls.__init__`` with one that stores the slots directly (see the module's notes)."""
    if not cls.__dataclass_params__.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__}: fast_init is for frozen dataclasses with slots=True")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: fast_init does not run __post_init__")
    building = type(f"{cls.__name__}Building", cls.__bases__, {"__slots__": cls.__slots__})
    namespace: dict[str, object] = {
        "MISSING": MISSING,
        "set_class": _set_class,
        "Building": building,
        "Frozen": cls,
    }
    params: list[str] = []
    body: list[str] = ["    set_class(self, Building)"]
    for f in fields(cls):
        if f.default is not MISSING:
            namespace[f"default_{f.name}"] = f.default
            params.append(f"{f.name}=default_{f.name}")
        elif f.default_factory is not MISSING:
            namespace[f"factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=MISSING")
            body.append(f"    if {f.name} is MISSING:\n        {f.name} = factory_{f.name}()")
        else:
            params.append(f.name)
        body.append(f"    self.{f.name} = {f.name}")
    body.append("    self.__class__ = Frozen")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body)
    exec(source, namespace)  # the same technique dataclasses itself uses to write __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    cls.__init__ = init  # type: ignore[misc]
    cls.__init_subclass__ = classmethod(_no_subclasses)  # type: ignore[assignment]
    return cls


def _no_subclasses(cls: type, **kwargs: object) -> None:
    """A subclass would have other slots than the twin its parent's ``__init__`` builds with."""
    raise TypeError(f"{cls.__name__}: a class with fast_init cannot be subclassed")
