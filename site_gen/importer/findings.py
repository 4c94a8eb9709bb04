"""What the import reads from the minutes, each finding pinned to its line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    line: int | None  # in the source document
    text: str


@dataclass(frozen=True)
class KnownGroup:
    slug: str
    name: str
