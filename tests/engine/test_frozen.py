"""fast_init: the engine's frozen dataclasses build faster and behave exactly as before."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from game.engine.frozen import fast_init
from game.engine.reports import SeasonReport
from game.engine.views import FirmView


@fast_init
@dataclass(frozen=True, slots=True)
class Sample:
    a: int
    b: str = "b"
    c: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Plain:
    a: int
    b: str = "b"
    c: dict = field(default_factory=dict)


def test_values_defaults_and_factories_are_set_as_dataclasses_would():
    assert Sample(1) == Sample(1, "b", {})
    assert Sample(1, c={"x": 1}).c == {"x": 1}
    assert Sample(1).c is not Sample(1).c  # a fresh default each time
    assert repr(Sample(2, "z")) == repr(Plain(2, "z")).replace("Plain", "Sample")


def test_the_class_stays_frozen_and_replace_works():
    sample = Sample(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample.a = 2  # type: ignore[misc]
    assert dataclasses.replace(sample, b="new") == Sample(1, "new")


def test_a_missing_argument_is_still_a_type_error():
    with pytest.raises(TypeError):
        Sample()  # type: ignore[call-arg]


def test_only_frozen_slotted_dataclasses_are_accepted():
    with pytest.raises(TypeError):

        @fast_init
        @dataclass(slots=True)
        class Open:
            a: int


@pytest.mark.parametrize("cls", [FirmView, SeasonReport])
def test_the_engine_classes_keep_their_signature(cls):
    names = [f.name for f in dataclasses.fields(cls)]
    assert list(cls.__init__.__code__.co_varnames[1 : len(names) + 1]) == names


def test_an_object_is_of_its_own_class_once_built_and_pickles_back_equal():
    import pickle

    sample = Sample(3, c={"k": 1})
    assert type(sample) is Sample
    assert pickle.loads(pickle.dumps(sample)) == sample


def test_a_class_with_fast_init_cannot_be_subclassed():
    with pytest.raises(TypeError, match="cannot be subclassed"):

        class Child(Sample):  # type: ignore[misc]
            pass
