"""A document to import, as lines of Markdown-like text that remember where they came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line of the source (or paragraph, for a Word document)
    text: str


@dataclass(frozen=True)
class Document:
    path: str  # as given on the command line, for reports
    lines: tuple[Line, ...]
    unit: str = "line"  # what Line.number counts: "line", or "paragraph" in a .docx
    notes: tuple[str, ...] = ()  # what reading the file itself left out (images ...)

    def where(self, number: int) -> str:
        return f"{self.unit} {number}"


class ImportReadError(Exception):
    """A file that cannot be read as minutes at all (not text, not a Word document)."""
