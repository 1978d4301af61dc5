"""Frozen records (engine/records.py) behave as the frozen dataclasses they replace."""

from __future__ import annotations

import dataclasses
import pickle
from fractions import Fraction

import pytest

from rapor.engine import GradeBand, load_framework
from rapor.engine.records import FrozenInstanceError, field, fields, record, replace


@record
class Point:
    x: int
    y: int = 0
    tags: dict[str, str] = field(default_factory=dict)
    note: str = field(default="", repr=False, compare=False)


@dataclasses.dataclass(frozen=True)
class DataPoint:
    x: int
    y: int = 0
    tags: dict[str, str] = dataclasses.field(default_factory=dict)
    note: str = dataclasses.field(default="", repr=False, compare=False)


def test_a_record_is_built_by_position_or_keyword_with_its_defaults():
    assert (Point(1).x, Point(1).y, Point(1).tags, Point(1).note) == (1, 0, {}, "")
    p = Point(2, y=3, note="n")
    assert (p.x, p.y, p.note) == (2, 3, "n")
    assert Point(1).tags is not Point(1).tags  # a fresh default from the factory each time


def test_a_record_refuses_a_missing_or_unknown_argument_as_a_function_does():
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'x'"):
        Point()
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        Point(1, z=2)


def test_a_record_shows_compares_and_hashes_as_the_same_frozen_dataclass():
    a, b = Point(1, 2, note="a"), Point(1, 2, note="b")
    assert repr(a) == repr(DataPoint(1, 2, note="a")).replace("DataPoint", "Point")
    assert a == b  # note is not compared
    assert a != Point(1, 3) and a != DataPoint(1, 2) and a != (1, 2)
    band = GradeBand("A", Fraction(90), "Memuaskan")
    assert hash(band) == hash(GradeBand("A", Fraction(90), "Memuaskan", provisional=False))
    assert hash(band) != hash(replace(band, label="Sangat baik"))
    for unhashable in (a, DataPoint(1, 2)):  # a dict among the compared fields
        with pytest.raises(TypeError, match="unhashable type: 'dict'"):
            hash(unhashable)


def test_a_record_cannot_be_changed_only_replaced():
    p = Point(1)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'x'"):
        p.x = 2
    with pytest.raises(FrozenInstanceError):
        del p.y
    assert isinstance(FrozenInstanceError(), AttributeError)
    q = replace(p, y=5)
    assert (q.x, q.y, p.y) == (1, 5, 0)
    with pytest.raises(TypeError, match="Point has no field 'z'"):
        replace(p, z=1)
    assert fields(Point) == fields(p) == ("x", "y", "tags", "note")


def test_a_field_without_a_default_after_one_with_is_refused():
    with pytest.raises(TypeError, match="field 'b' without a default follows one with"):

        @record
        class Bad:
            a: int = 0
            b: int


def test_a_loaded_framework_survives_a_pickle_round_trip_unchanged():
    fw = load_framework("rb-2014")
    again = pickle.loads(pickle.dumps(fw))
    assert again == fw and again.questions["P1.1.a"] == fw.questions["P1.1.a"]
    assert again.questions["P1.1.a"] is not fw.questions["P1.1.a"]
