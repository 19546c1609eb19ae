"""Fixtures shared by the persistence tests."""

from __future__ import annotations

import pytest

from tests.persistence.unreadable import Unreadable


@pytest.fixture
def unreadable(monkeypatch) -> Unreadable:
    """Files the game may not read (see :mod:`tests.persistence.unreadable`)."""
    return Unreadable(monkeypatch)
