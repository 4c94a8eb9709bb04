"""The build cache's data format: typed values as JSON, read back by the types the reader names.

Reading an entry builds frozen dataclasses, strings, numbers, dates, enums, tuples and dicts
of exactly the types the caller declares, field by field. Nothing in the data can choose a
class or run code (unlike pickle, which the cache used before): the worst a damaged or forged
entry can do is fail to fit, which raises DecodeError and makes it a cache miss.

A dataclass is written as the list of its fields' values, in declaration order; a date as
its ISO text; bytes as hex; a frozenset as a sorted list; an enum as its value.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")
Decoder = Callable[[Any], Any]


class DecodeError(Exception):
    """The data is not a value of the declared type."""


def encode(value: object) -> bytes:
    """`value` as JSON bytes (ASCII: a path with undecodable bytes survives as an escape)."""
    return json.dumps(value, default=_plain, separators=(",", ":"), check_circular=False).encode()


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: object) -> object:
    """What JSON cannot write by itself, as something it can (json calls this per object)."""
    names = _FIELDS.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value) if f.init)
    if names is not None:
        return [getattr(value, name) for name in names]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, frozenset):
        return sorted(value)
    raise TypeError(f"the cache cannot hold a {type(value).__name__}")


def decode(kind: type[T], data: bytes, names: Mapping[str, object] | None = None) -> T:
    """The value of type `kind` that `data` holds, or DecodeError. `names` resolves
    annotations that name types imported only for type checking."""
    read = decoder(kind, dict(names or {}))
    try:
        value: T = read(json.loads(data))
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise DecodeError(str(exc)) from exc
    return value


_DECODERS: dict[object, Decoder] = {}


def decoder(kind: object, names: dict[str, object]) -> Decoder:
    """A function that checks JSON data against `kind` and builds its value (made once)."""
    found = _DECODERS.get(kind)
    if found is None:
        found = _make(kind, names)
        _DECODERS[kind] = found
    return found


def _make(kind: object, names: dict[str, object]) -> Decoder:
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind, names)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return _enum(kind)
    simple = _SIMPLE.get(kind)
    if simple is not None:
        return simple
    generic = _GENERIC.get(typing.get_origin(kind))
    found = generic(typing.get_args(kind), names) if generic is not None else None
    if found is None:
        raise TypeError(f"the cache cannot hold a {kind!r}")  # a bug: found by the tests
    return found


def _enum(kind: type[enum.Enum]) -> Decoder:
    """The member of `kind` whose value the data is: looked up in the enum's own table of
    values, which is what calling the enum does first (only its fallbacks are left out)."""
    if getattr(kind, "_missing_", None) is not getattr(enum.Enum, "_missing_", None):
        return kind  # it finds members its own way: ask it
    members = kind._value2member_map_

    def read(data: Any) -> Any:
        found = members.get(data)  # unhashable JSON: TypeError, a DecodeError for decode
        if found is None:
            raise DecodeError(f"not a {kind.__name__}")
        return found

    return read


def _optional(args: tuple[Any, ...], names: dict[str, object]) -> Decoder | None:
    if len(args) != 2 or type(None) not in args:
        return None
    inner = decoder(next(a for a in args if a is not type(None)), names)
    return lambda data: None if data is None else inner(data)


def _tuple(args: tuple[Any, ...], names: dict[str, object]) -> Decoder | None:
    if len(args) == 2 and args[1] is Ellipsis:
        exact = _EXACT.get(args[0])
        if exact is not None:
            return partial(_tuple_of_exact, exact)
        item = decoder(args[0], names)
        return lambda data: tuple([item(x) for x in _list(data)])
    if not args or Ellipsis in args:
        return None
    items = [decoder(a, names) for a in args]

    def read_fixed(data: Any) -> tuple[Any, ...]:
        found = _list(data)
        if len(found) != len(items):
            raise DecodeError(f"not {len(items)} values")
        return tuple([item(x) for item, x in zip(items, found, strict=True)])

    return read_fixed


def _tuple_of_exact(kind: type, data: Any) -> tuple[Any, ...]:
    """A tuple of strings (or ints, or bools): JSON's list as it is, once every item is
    checked to be one (a tenth of the decoding went to a call per item)."""
    if type(data) is not list:
        raise DecodeError("not a list")
    for x in data:
        if type(x) is not kind:
            raise DecodeError(f"not a {kind.__name__}")
    return tuple(data)


def _frozenset(args: tuple[Any, ...], names: dict[str, object]) -> Decoder | None:
    item = decoder(args[0], names)
    return lambda data: frozenset([item(x) for x in _list(data)])


def _dict_of(args: tuple[Any, ...], names: dict[str, object]) -> Decoder | None:
    if args[0] is not str:
        return None
    value = decoder(args[1], names)
    return lambda data: {_str(k): value(v) for k, v in _dict(data).items()}


# Decoders of generic types, by origin; None for arguments the cache cannot hold.
_GENERIC: dict[object, Callable[[tuple[Any, ...], dict[str, object]], Decoder | None]] = {
    types.UnionType: _optional,
    typing.Union: _optional,
    tuple: _tuple,
    frozenset: _frozenset,
    dict: _dict_of,
}


def _dataclass(kind: type, names: dict[str, object]) -> Decoder:
    """The decoder of a dataclass, specialised to it: the fields whose JSON is their value
    (a string, an int, a bool, or None where optional) are checked in place, each other
    field is decoded by its own decoder, and an instance is filled in without its
    `__init__` where that does nothing more (no `__post_init__`, no slots)."""
    hints = typing.get_type_hints(kind, localns=names)
    fields = [f for f in dataclasses.fields(kind) if f.init]
    keys = tuple(f.name for f in fields)
    count = len(fields)
    exact: list[tuple[int, type, bool]] = []  # field, its type, whether it may be None
    converted: list[tuple[int, Decoder]] = []
    plain = _fills_in(kind, fields)

    def read(data: Any) -> Any:
        if type(data) is not list or len(data) != count:
            raise DecodeError(f"not a {kind.__name__}")
        for n, of, optional in exact:
            value = data[n]
            if type(value) is not of and not (optional and value is None):
                raise DecodeError(f"not a {kind.__name__}")  # exactly: True is not taken for 1
        for n, reader in converted:
            data[n] = reader(data[n])  # JSON's own list, made for this call alone
        if plain:
            made: Any = _new(kind)
            made.__dict__.update(zip(keys, data, strict=True))
            return made
        return kind(**dict(zip(keys, data, strict=True)))

    _DECODERS[kind] = read  # before its fields: a type may hold itself
    for n, f in enumerate(fields):
        hint = hints[f.name]
        optional = _optional_of(hint)
        simple = _EXACT.get(optional if optional is not None else hint)
        if simple is not None:
            exact.append((n, simple, optional is not None))
        else:
            converted.append((n, decoder(hint, names)))
    return read


def _optional_of(kind: object) -> object | None:
    """X of `X | None`, else None."""
    if typing.get_origin(kind) not in (types.UnionType, typing.Union):
        return None
    args = typing.get_args(kind)
    if len(args) != 2 or type(None) not in args:
        return None
    inner: object = next(a for a in args if a is not type(None))
    return inner


def _fills_in(kind: type, fields: list[dataclasses.Field[Any]]) -> bool:
    """Whether an instance of `kind` is its fields set, nothing more: then it can be made
    by filling in its `__dict__` (frozen dataclasses' `__init__` sets each field through
    `object.__setattr__`, which was a fifth of the decoding)."""
    every = len(fields) == len(dataclasses.fields(kind))
    return every and not hasattr(kind, "__post_init__") and "__slots__" not in vars(kind)


_new = object.__new__


def _of(kind: type) -> Decoder:
    def read(data: Any) -> Any:
        if type(data) is not kind:  # exactly: True is not taken for 1
            raise DecodeError(f"not a {kind.__name__}")
        return data

    return read


_str, _list, _dict = _of(str), _of(list), _of(dict)
# The types whose JSON value is the value itself, to be checked exactly.
_EXACT: dict[object, type] = {str: str, int: int, bool: bool}


def _none(data: Any) -> None:
    if data is not None:
        raise DecodeError("not null")


_SIMPLE: dict[object, Decoder] = {
    str: _str,
    int: _of(int),
    bool: _of(bool),
    float: lambda data: float(data) if type(data) in (int, float) else _of(float)(data),
    type(None): _none,
    date: lambda data: date.fromisoformat(_str(data)),
    bytes: lambda data: bytes.fromhex(_str(data)),
}
