"""Scenes by name, and the one object that moves between them (Tuxemon's ``StateManager``).

A screen never imports another screen: it asks the director for one by its registered name
(``ctx.director.push("settings")``). That keeps ``game/ui/scenes`` free of import cycles, lets
a test open any screen by name, and puts the order of the screens in the few places that name
them (the scenes' buttons and :mod:`game.ui.flow`), not in a web of function-level imports.

The registry is filled by :func:`register_scene` as each scene's module is imported;
:func:`load_scenes` imports them all once, when the app starts.

The stack: :meth:`Director.go` replaces it (a new part of the game), :meth:`Director.push`
opens an overlay over the current scene (pause, settings, help), :meth:`Director.pop` closes
the top one. This module imports nothing of the UI: scenes are anything with the life-cycle
methods of :class:`Stackable`, built as ``factory(context, **args)``.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

SCENES_PACKAGE = "game.ui.scenes"


class Stackable(Protocol):
    """What the director needs of a scene: the life cycle of :class:`game.ui.scene.Scene`."""

    def enter(self) -> None: ...
    def exit(self) -> None: ...
    def clear(self) -> None: ...
    def uncovered(self) -> None: ...


S = TypeVar("S")
SceneFactory = Callable[..., Any]
_REGISTRY: dict[str, SceneFactory] = {}


class UnknownScene(KeyError):
    """A scene name nobody registered: a programming error, said with the nearest names."""

    def __init__(self, name: str) -> None:
        near = difflib.get_close_matches(name, sorted(_REGISTRY), n=3)
        hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
        super().__init__(f"no scene is registered as {name!r}{hint}")
        self.name = name


def register_scene(name: str) -> Callable[[type[S]], type[S]]:
    """Class decorator: make a scene reachable as ``name``. A name is registered once; a
    second class under the same name is a mistake, not a way to replace a screen."""

    def decorate(cls: type[S]) -> type[S]:
        known = _REGISTRY.get(name)
        if known is not None and known is not cls and known.__qualname__ != cls.__qualname__:
            raise ValueError(f"scene name {name!r} is taken by {known.__qualname__}")
        _REGISTRY[name] = cls
        return cls

    return decorate


def scene_factory(name: str) -> SceneFactory:
    """The class registered as ``name`` (:class:`UnknownScene` if none is)."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownScene(name) from None


def scene_names() -> list[str]:
    return sorted(_REGISTRY)


def load_scenes() -> None:
    """Import every module of the scenes package, so that each registers its scene before any
    screen shows. Imported by name, at run time: the UI's modules keep no import of a scene,
    which is what the architecture test holds them to."""
    package = importlib.import_module(SCENES_PACKAGE)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{SCENES_PACKAGE}.{module.name}")


class Director:
    """The stack of scenes, and the only way one scene leads to another.

    ``context`` is what every scene is built with; the app sets it once, right after making
    the director (the context holds the director, so it cannot exist first)."""

    def __init__(self) -> None:
        self.stack: list[Any] = []
        self.context: object | None = None

    @property
    def top(self) -> Any | None:
        return self.stack[-1] if self.stack else None

    def below(self, scene: object) -> Any | None:
        """The scene under ``scene`` in the stack (what an overlay draws behind itself)."""
        for i, candidate in enumerate(self.stack):
            if candidate is scene:
                return self.stack[i - 1] if i > 0 else None
        return None

    def make(self, name: str, **args: Any) -> Any:
        """A new scene ``name`` built with the context and ``args``, not yet shown."""
        if self.context is None:
            raise RuntimeError("the director has no context yet")
        return scene_factory(name)(self.context, **args)

    def go(self, name: str, **args: Any) -> Any:
        """Move to a new part of the game: the whole stack is replaced by scene ``name``."""
        return self.show(self.make(name, **args))

    def push(self, name: str, **args: Any) -> Any:
        """Open scene ``name`` over the current one (menus, settings, help, the debrief)."""
        return self.overlay(self.make(name, **args))

    def pop(self) -> None:
        """Close the top scene and uncover the one below; the last scene is never closed (the
        title's Esc does nothing rather than leave an empty window)."""
        if len(self.stack) <= 1:
            return
        self.stack.pop().exit()
        if self.top is not None:
            self.top.uncovered()

    def show(self, scene: Stackable) -> Stackable:
        """:meth:`go` with a scene already built (the app's tests and its error screen)."""
        while self.stack:
            self.stack.pop().exit()
        self.stack.append(scene)
        scene.enter()
        return scene

    def overlay(self, scene: Stackable) -> Stackable:
        """:meth:`push` with a scene already built."""
        if self.top is not None:
            self.top.clear()
        self.stack.append(scene)
        scene.enter()
        return scene
