"""One imported meeting as it is being read, and what the content folder already knows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from site_gen.importer.attendance import Section
from site_gen.importer.document import Document
from site_gen.importer.findings import Finding, KnownGroup
from site_gen.importer.updates import Update
from site_gen.markdown import ActionItem, ActionRef


@dataclass(frozen=True)
class Known:
    """What the content folder already holds, for the inference to use."""

    groups: tuple[KnownGroup, ...] = ()
    bodies: frozenset[str] = frozenset()  # casefolded names and aliases
    month_first: bool = False  # numeric dates: the site's language is en-US
    # (group slug, action id, task) of the actions raised already, in the content or by the
    # minutes read before these: an id raised again for another task is foreseen.
    raised: tuple[tuple[str, str, str], ...] = ()


@dataclass
class Minutes:
    """One imported meeting: what the front matter and body will hold, and how it was read."""

    document: Document
    group: KnownGroup | None = None
    group_is_new: bool = False
    day: date | None = None
    number: int | None = None
    sections: tuple[Section, ...] = ()
    body: str = ""
    actions: tuple[ActionItem, ...] = ()
    refs: tuple[ActionRef, ...] = ()
    updates: tuple[Update, ...] = ()  # for the front matter: prose and tables
    body_updates: tuple[Update, ...] = ()  # that the build reads in the body (review lists)
    reviewed_lines: frozenset[int] = frozenset()  # body lines of earlier actions reviewed
    agenda: tuple[tuple[int, str], ...] = ()  # (source line, title)
    inferred: list[Finding] = field(default_factory=list)
    unsure: list[Finding] = field(default_factory=list)
    repaired: list[Finding] = field(default_factory=list)
    body_lines: tuple[int, ...] = ()  # source line of each body line

    def source_line(self, body_line: int) -> int:
        """The document line a line of the written body came from."""
        index = min(max(body_line - 1, 0), len(self.body_lines) - 1)
        return self.body_lines[index] if self.body_lines else 1
