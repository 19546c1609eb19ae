"""Computer-run firms. Importing this package registers every personality."""

from game.ai import base, personalities  # noqa: F401  (registration side effect)
from game.ai.base import (
    REGISTRY,
    Personality,
    make_personality,
    newcomer_personality,
    personality_keys,
)

__all__ = [
    "REGISTRY",
    "Personality",
    "make_personality",
    "newcomer_personality",
    "personality_keys",
]
