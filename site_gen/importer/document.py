"""A document to import, as lines of Markdown-like text that remember where they came from.

Every reader (text, Markdown, HTML, Word, PDF, IRC log) makes one of these; the rest of the
import never looks at the file again. A line's number is its place in the source, so every
report can say `path:line`: a line of a text or HTML file, a paragraph of a Word document,
or a line of a PDF's text counted through its pages (and the page is said as well).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line of the source (or paragraph, for a Word document)
    text: str


@dataclass(frozen=True)
class Said:
    """Something the file says about its meeting outside the minutes' text (front matter,
    an HTML <title>, an IRC log's timestamps): used to find the date and group, never
    written into the minutes."""

    key: str  # "title", "date"
    value: str
    line: int


@dataclass(frozen=True)
class Part:
    """Where a meeting sits in a file that holds several, as its heading says."""

    heading: str  # the heading as written, for reports
    line: int
    cancelled: bool = False  # "Canceled", "no meeting": noted, never written as a meeting
    private: str = ""  # the privacy tag as written ("Private Meeting"): withheld, see README


@dataclass(frozen=True)
class Document:
    path: str  # as given on the command line, for reports
    lines: tuple[Line, ...]
    unit: str = "line"  # what Line.number counts: "line", or "paragraph" in a .docx
    notes: tuple[str, ...] = ()  # what reading the file itself left out or changed
    said: tuple[Said, ...] = ()
    page_starts: tuple[int, ...] = ()  # first line of page 2, 3 ... (a PDF)
    context: tuple[Line, ...] = ()  # a part's file title: may name the group, never minutes
    part: Part | None = None  # set when this is one meeting of a file that holds several
    remarks: tuple[Line, ...] = ()  # notes that belong to a line: what was left out there

    def page(self, number: int) -> int | None:
        """The page a line is on, for a paged document."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, number) + 1

    def where(self, number: int) -> str:
        """`number` as a report shows it after the path: "12", "12 (page 3)"."""
        page = self.page(number)
        return f"{number} (page {page})" if page is not None else str(number)

    def said_value(self, key: str) -> Said | None:
        return next((s for s in self.said if s.key == key), None)


class ImportReadError(Exception):
    """A file that cannot be read as minutes at all (not text, not a document we read)."""

    def __init__(self, message: str, hint: str = "", line: int = 1) -> None:
        super().__init__(message)
        self.hint = hint
        self.line = line
