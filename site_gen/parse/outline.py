"""A meeting's outline: what of its parsed record can show anywhere but on its own page.

That is the whole record but for two things. Its minutes (the body HTML), which only the
meeting's page shows. And the source lines of its parts, which only problem reports show:
the site is made from the order of a meeting's parts, never from their line numbers, so an
edit that adds a paragraph leaves every later part's outline as it was.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from site_gen.cache import value_digest
from site_gen.parse.records import MeetingRecord


def _is_line(name: str) -> bool:
    return name == "line" or name.endswith("_line")


def without_lines(value: Any) -> Any:
    """`value` as plain tuples, every dataclass field named `line` or `*_line` left out."""
    if is_dataclass(value) and not isinstance(value, type):
        kept = [
            (f.name, without_lines(getattr(value, f.name)))
            for f in fields(value)
            if not _is_line(f.name)
        ]
        return (type(value).__qualname__, tuple(kept))
    if isinstance(value, tuple | list):
        return tuple(without_lines(item) for item in value)
    if isinstance(value, set | frozenset):  # in an order of their own, not of their hashes
        return ("set", tuple(sorted((without_lines(item) for item in value), key=repr)))
    if isinstance(value, dict):
        return tuple(sorted((repr(k), without_lines(v)) for k, v in value.items()))
    return value


def meeting_outline(record: MeetingRecord) -> bytes:
    """A digest of `record` without its minutes and without its source lines."""
    kept = [
        (f.name, without_lines(getattr(record, f.name)))
        for f in fields(record)
        if f.name != "body_html" and not _is_line(f.name)
    ]
    return value_digest(kept)
