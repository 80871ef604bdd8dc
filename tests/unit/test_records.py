"""``record`` behaves as ``dataclasses.dataclass`` for every kind of field the domain declares."""

from __future__ import annotations

import dataclasses
import pickle
from copy import deepcopy
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from gxdesk.domain.records import record

FIELD = st.fixed_dictionaries(
    {
        "default": st.sampled_from(["none", "value", "factory"]),
        "init": st.booleans(),
        "compare": st.booleans(),
        "repr": st.booleans(),
        "kw_only": st.booleans(),
        "hash": st.sampled_from([None, True, False]),
    }
)
SHAPE = st.fixed_dictionaries(
    {"fields": st.lists(FIELD, max_size=5), "frozen": st.booleans(), "eq": st.booleans(), "post_init": st.booleans()}
)


def build(decorator: Any, shape: dict[str, Any]) -> type:
    """The class ``shape`` describes, made by ``decorator`` (a fresh namespace each time)."""
    namespace: dict[str, Any] = {"__annotations__": {}, "__qualname__": "Shape", "__module__": __name__}
    for i, spec in enumerate(shape["fields"]):
        name = f"f{i}"
        namespace["__annotations__"][name] = "int"
        options: dict[str, Any] = {k: spec[k] for k in ("init", "compare", "repr", "kw_only", "hash")}
        if spec["default"] == "value":
            options["default"] = 100 + i
        elif spec["default"] == "factory":
            options["default_factory"] = lambda i=i: [i]
        namespace[name] = dataclasses.field(**options)
    if shape["post_init"]:
        namespace["__annotations__"]["check"] = "dataclasses.InitVar[bool]"
        namespace["check"] = True

        def __post_init__(self: Any, check: bool) -> None:  # noqa: N807 - the hook dataclass calls
            object.__setattr__(self, "checked", check)

        namespace["__post_init__"] = __post_init__
    return decorator(frozen=shape["frozen"], eq=shape["eq"])(type("Shape", (), namespace))


def outcome(fn: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    """What calling ``fn`` gave: its result, or the kind of exception it raised."""
    try:
        return "ok", fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the kind is what is compared
        return "raised", type(exc)


def state(obj: Any) -> dict[str, Any]:
    return dict(vars(obj))


def equal(a: Any, b: Any) -> bool:
    return bool(a == b)


@settings(max_examples=400)
@given(SHAPE, st.lists(st.integers(-3, 3), max_size=6), st.sets(st.integers(0, 5)), st.integers(-3, 3))
def test_record_matches_dataclass(shape: dict[str, Any], values: list[int], by_name: set[int], other: int) -> None:
    made = outcome(build, dataclasses.dataclass, shape)
    ours = outcome(build, record, shape)
    assert made[0] == ours[0]
    event(f"class {made[0]}")
    if made[0] == "raised":
        assert made[1] is ours[1]  # e.g. a field without default after one with
        return
    reference, candidate = made[1], ours[1]
    assert [f.name for f in dataclasses.fields(candidate)] == [f.name for f in dataclasses.fields(reference)]
    assert dataclasses.is_dataclass(candidate)

    names = [f"f{i}" for i in range(len(shape["fields"]))]
    positional = values[: len(names)]
    keywords = {names[i]: 10 + i for i in by_name if i < len(names)}
    changes: dict[str, Any] = {f.name: other for f in dataclasses.fields(reference) if f.init}
    if shape["post_init"]:
        changes["check"] = False
    for args, kwargs in ((positional, {}), ([], keywords), (positional[:1], keywords), ([], {"nope": 1})):
        same_instances(reference, candidate, args, kwargs, changes, other)


def same_instances(
    reference: type, candidate: type, args: list[int], kwargs: dict[str, int], changes: dict[str, Any], other: int
) -> None:
    a, b = outcome(reference, *args, **kwargs), outcome(candidate, *args, **kwargs)
    assert a[0] == b[0], (args, kwargs)
    event(f"instance {a[0]}")
    if a[0] == "raised":
        assert a[1] is b[1]
        return
    x, y = a[1], b[1]
    x_twin, y_twin = reference(*args, **kwargs), candidate(*args, **kwargs)
    assert state(x) == state(y)
    assert outcome(repr, x) == outcome(repr, y)
    assert outcome(equal, x, x_twin) == outcome(equal, y, y_twin)
    assert outcome(hash, x)[0] == outcome(hash, y)[0]
    if outcome(hash, y)[0] == "ok" and outcome(equal, y, y_twin) == ("ok", True):
        assert hash(y) == hash(y_twin)
    for field in dataclasses.fields(reference):
        set_x, set_y = outcome(setattr, x, field.name, other), outcome(setattr, y, field.name, other)
        assert set_x == set_y
    assert state(x) == state(y)
    replaced_x = outcome(dataclasses.replace, x, **changes)
    replaced_y = outcome(dataclasses.replace, y, **changes)
    assert replaced_x[0] == replaced_y[0]
    if replaced_x[0] == "ok":
        assert state(replaced_x[1]) == state(replaced_y[1])
    assert outcome(dataclasses.asdict, x) == outcome(dataclasses.asdict, y)
    assert state(deepcopy(y)) == state(y)


# Module level, so pickle can find them.
@record(frozen=True)
class Cell:
    """A frozen record: hashable, equal by value."""

    id: str
    value: int = 0
    notes: tuple[str, ...] = ()


@record
class Draft:
    """A mutable record: compared by value, so not hashable."""

    title: str
    lines: list[str] = dataclasses.field(default_factory=list)


def test_frozen_record_in_sets_and_errors() -> None:
    assert {Cell("a", 1), Cell("a", 1), Cell("b")} == {Cell("a", 1), Cell("b", 0)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        Cell("a").value = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del Cell("a").id
    assert dataclasses.replace(Cell("a", 1), value=3) == Cell("a", 3)
    assert pickle.loads(pickle.dumps(Cell("a", 2, ("x",)))) == Cell("a", 2, ("x",))
    assert Cell.__init__.__qualname__ == "Cell.__init__"


def test_mutable_record_is_unhashable_and_has_fresh_defaults() -> None:
    first, second = Draft("x"), Draft("x")
    first.lines.append("line")
    assert second.lines == [] and first != second
    with pytest.raises(TypeError):
        hash(first)
    assert repr(first) == "Draft(title='x', lines=['line'])"
