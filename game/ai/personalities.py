"""The personalities of GAME_DESIGN.md, one class each (written next)."""
