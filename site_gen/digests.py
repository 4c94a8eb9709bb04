"""Digests of bytes and of values: what tells that two things are the same without keeping
either."""

from __future__ import annotations

import copyreg
import hashlib
import io
import pickle
from collections.abc import Callable
from typing import Any

Reducer = Callable[[Any], Any]  # as copyreg's: a value to what pickle should save instead


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def value_digest(value: object, reducers: dict[type, Reducer] | None = None) -> bytes:
    """A digest of `value` and all it holds: equal values give equal digests, whichever
    objects they happen to share (pickled without its memo; a digest only: nothing here is
    ever unpickled). `reducers` (see with_copyreg) save the values of some types otherwise:
    to leave parts of them out, or to note what was met."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    if reducers is not None:
        pickler.dispatch_table = reducers
    pickler.dump(value)
    return digest(buffer.getvalue())


def with_copyreg(reducers: dict[type, Reducer]) -> dict[type, Reducer]:
    """`reducers` on top of copyreg's own table, which a pickler's table replaces."""
    return {**copyreg.dispatch_table, **reducers}
