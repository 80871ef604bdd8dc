"""``record``: a dataclass whose methods are not compiled when the class is made.

On Python 3.11 ``dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``,
``__hash__`` and, frozen, ``__setattr__``/``__delattr__`` as source text and compiles them one
by one: about 4 million instructions a class, most of what importing the domain costs, and
≈12 ms of every start for the classes built before the window first shows
(``benchmarks/run.py``). ``record`` lets ``dataclasses`` declare the fields, so ``fields``,
``replace``, ``asdict``, ``is_dataclass``, ``field(default_factory=…, init=False,
compare=False, repr=False)``, ``InitVar``, ``kw_only`` and ``__post_init__`` mean what they
mean for ``dataclass``; the methods are shared functions that walk the fields instead.
Type checkers see ``dataclass`` itself. ``order``, ``unsafe_hash`` and ``slots`` are not
offered: use ``dataclass`` for those.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from dataclasses import dataclass as record
else:

    def record(cls=None, /, *, frozen=False, eq=True, repr=True, kw_only=False):  # noqa: A002 - dataclass's own names
        """Like ``dataclasses.dataclass`` (see the module docstring for what is offered)."""

        def wrap(cls):
            own = dict(cls.__dict__)  # before dataclasses adds to it
            undocumented = not cls.__doc__
            if undocumented:  # else dataclass parses object.__init__'s text signature to write one
                cls.__doc__ = cls.__name__
            declared = dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=kw_only)
            _add_methods(declared, own, frozen=frozen, eq=eq, show=repr)
            if undocumented:
                declared.__doc__ = f"{cls.__name__}({', '.join(f.name for f in dataclasses.fields(declared))})"
            return declared

        return wrap if cls is None else wrap(cls)


__all__ = ["record"]

# How dataclasses marks an InitVar pseudo-field (a private name, unchanged since Python 3.8).
_INITVAR = dataclasses._FIELD_INITVAR  # type: ignore[attr-defined]
_MISSING = dataclasses.MISSING


def _add_methods(cls: type, own: dict[str, Any], *, frozen: bool, eq: bool, show: bool) -> None:
    fields = dataclasses.fields(cls)
    real = {f.name for f in fields}
    every = [f for f in cls.__dataclass_fields__.values() if f.name in real or _is_initvar(f)]  # type: ignore[attr-defined]
    if "__init__" not in own:
        _install(cls, "__init__", _initializer(cls, every, frozen))
    if show and "__repr__" not in own:
        _install(cls, "__repr__", _representer(tuple(f.name for f in fields if f.repr)))
    key = _key(tuple(f.name for f in fields if f.compare))
    if eq and "__eq__" not in own:

        def equal(self: Any, other: object) -> bool:
            if other.__class__ is not self.__class__:
                return NotImplemented  # type: ignore[no-any-return]
            return key(self) == key(other)

        _install(cls, "__eq__", equal)
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if eq and not explicit_hash:
        if frozen:
            hashed = _key(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))
            _install(cls, "__hash__", lambda self: hash(hashed(self)))
        else:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared by value
    if frozen:
        _freeze(cls, own, frozenset(f.name for f in fields))


def _is_initvar(f: dataclasses.Field[Any]) -> bool:
    return f._field_type is _INITVAR  # type: ignore[attr-defined]


def _initializer(cls: type, every: list[dataclasses.Field[Any]], frozen: bool) -> Callable[..., None]:
    name = cls.__qualname__
    params = [f for f in every if f.init]
    _check_defaults_order(params)
    positional = tuple(f.name for f in params if not f.kw_only)
    accepted = frozenset(f.name for f in params)
    # (parameter, default, factory) for each parameter, _MISSING where it has none
    fill: tuple[tuple[str, Any, Any], ...] = tuple((f.name, f.default, f.default_factory) for f in params)
    # (field, factory or None): what __init__ stores, in the order the fields were declared;
    # a field outside __init__ is stored only when it has a factory (a plain default stays on
    # the class), as dataclass does.
    stores = tuple(
        (f.name, None if f.init else cast("Callable[[], Any]", f.default_factory))
        for f in every
        if not _is_initvar(f) and (f.init or f.default_factory is not _MISSING)
    )
    initvars = tuple(f.name for f in every if _is_initvar(f))
    post_init = hasattr(cls, "__post_init__")
    put = object.__setattr__ if frozen else setattr

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(positional):
            raise TypeError(f"{name}() takes {len(positional)} positional arguments but {len(args)} were given")
        values = dict(zip(positional, args, strict=False))
        if kwargs:
            for key in kwargs:
                if key in values:
                    raise TypeError(f"{name}() got multiple values for argument '{key}'")
                if key not in accepted:
                    raise TypeError(f"{name}() got an unexpected keyword argument '{key}'")
            values.update(kwargs)
        if len(values) < len(fill):
            for param, default, factory in fill:
                if param not in values:
                    if default is not _MISSING:
                        values[param] = default
                    elif factory is not _MISSING:
                        values[param] = factory()
                    else:
                        raise TypeError(f"{name}() missing required argument: '{param}'")
        for field_name, late in stores:
            put(self, field_name, values[field_name] if late is None else late())
        if post_init:
            self.__post_init__(*(values[v] for v in initvars))

    return init


def _check_defaults_order(params: list[dataclasses.Field[Any]]) -> None:
    """A positional parameter without a default may not follow one with (as for dataclass)."""
    seen_default = False
    for f in params:
        if f.kw_only:
            continue
        if f.default is not _MISSING or f.default_factory is not _MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")


def _representer(names: tuple[str, ...]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def represent(self: Any) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{self.__class__.__qualname__}({shown})"

    return represent


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values a record is compared (or hashed) by, as a tuple."""
    if not names:
        return lambda self: ()
    get = attrgetter(*names)
    return (lambda self: (get(self),)) if len(names) == 1 else get


def _freeze(cls: type, own: dict[str, Any], names: frozenset[str]) -> None:
    if "__setattr__" in own or "__delattr__" in own:
        raise TypeError(f"Cannot overwrite attribute __setattr__ or __delattr__ in class {cls.__name__}")

    def set_field(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]  # cls is a class

    def delete_field(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    _install(cls, "__setattr__", set_field)
    _install(cls, "__delattr__", delete_field)


def _install(cls: type, name: str, method: Callable[..., Any]) -> None:
    method.__name__ = name
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, method)
