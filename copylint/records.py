"""Frozen dataclasses that cost nothing to define: :func:`record` (start-up speed, issue 19).

``@dataclass(frozen=True)`` writes and compiles six methods for every class
(``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``,
``__delattr__``): about 0.8 ms a class on Python 3.11, 20 ms for the option
classes of :mod:`copylint.kinds`, which every run defines before it reads a
file.  A :func:`record` class is a dataclass to the rest of Python
(``dataclasses.fields``, ``replace``, ``asdict``, pickling, copying) and a
frozen dataclass to type checkers (through ``dataclass_transform``), but its
methods are the generic ones below, shared by every record, so defining one
costs about what defining a plain class costs.

What a record supports: fields with defaults or ``field(default_factory=…)``,
``field(init=False, compare=False, repr=False, hash=…)``, and records that
inherit records.  What it does not: ``__post_init__``, ``InitVar``, ordering,
``slots``, keyword-only fields, and inheriting a ``@dataclass``; use
``@dataclass(frozen=True)`` for those.  A ``@dataclass(frozen=True)`` class may
inherit a record (it then generates its own methods, at the usual cost).
"""

from __future__ import annotations

import copy
import dataclasses
import typing
from typing import Any, TypeVar

_T = TypeVar("_T")
_MISSING: Any = dataclasses.MISSING
_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


@typing.dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[_T]) -> type[_T]:
    """``cls`` as a frozen dataclass with shared (not generated) methods."""
    own = [m for m in _METHODS if m in cls.__dict__ and m != "__hash__"]
    if own:
        raise TypeError(f"record {cls.__name__} defines {', '.join(own)}; use @dataclass")
    if "__post_init__" in dir(cls):
        raise TypeError(f"record {cls.__name__} has __post_init__; use @dataclass")
    # A record is frozen to the rest of Python: a @dataclass(frozen=True) class may
    # inherit it.  dataclasses refuses a class made without frozen's generated
    # methods on frozen bases, so while this one is made its record bases show
    # as not frozen.
    bases = [b for b in cls.__mro__[1:] if "_record_init" in b.__dict__]
    for base in bases:
        base.__dataclass_params__ = _marked(base.__dict__["__dataclass_params__"], frozen=False)  # type: ignore[attr-defined]
    try:
        made: Any = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    finally:
        for base in bases:
            base.__dataclass_params__ = _marked(base.__dict__["__dataclass_params__"], frozen=True)  # type: ignore[attr-defined]
    made.__dataclass_params__ = _marked(made.__dataclass_params__, frozen=True)
    fields = dataclasses.fields(made)
    made._record_init = tuple((f.name, f.init, f.default, f.default_factory) for f in fields)
    made._record_names = frozenset(f.name for f in fields if f.init)
    made._record_repr = tuple(f.name for f in fields if f.repr)
    made._record_compare = tuple(f.name for f in fields if f.compare)
    made._record_hash = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    made.__init__ = _init
    made.__repr__ = _repr
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__setattr__ = _setattr
    made.__delattr__ = _delattr
    return typing.cast(type[_T], made)


def _marked(params: Any, *, frozen: bool) -> Any:
    """A copy of a class's dataclass parameters that says ``frozen``."""
    marked = copy.copy(params)
    marked.frozen = frozen
    return marked


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    spec, names = cls._record_init, cls._record_names
    if len(args) > len(names):
        raise TypeError(f"{cls.__name__}() takes at most {len(names)} positional arguments")
    if not names.issuperset(kwargs):
        unknown = min(set(kwargs) - names)
        raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {unknown!r}")
    assign = object.__setattr__
    position = 0
    for name, init, default, factory in spec:
        if init and position < len(args):
            if name in kwargs:
                raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
            value = args[position]
        elif init and name in kwargs:
            value = kwargs[name]
        elif default is not _MISSING:
            value = default
        elif factory is not _MISSING:
            value = factory()
        elif init:
            raise TypeError(f"{cls.__name__}() missing required argument: {name!r}")
        else:
            continue  # a field(init=False) without a default stays unset, as in a dataclass
        position += init
        assign(self, name, value)


def _repr(self: Any) -> str:
    values = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self)._record_repr)
    return f"{type(self).__qualname__}({values})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    names: tuple[str, ...] = self._record_compare
    return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)


def _hash(self: Any) -> int:
    return hash(tuple(getattr(self, n) for n in type(self)._record_hash))


def _setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
