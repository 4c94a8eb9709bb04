"""Decisions that minutes record in words of their own, written as the build reads them.

The build takes a paragraph or list item that starts "Decision:" as a decision, and each item
of a list after a paragraph "Decisions:". So an item or paragraph whose clause states an
outcome ("It was agreed that ...", "The board approved ...", "Motion ... carried") gets
"Decision: " before it (a paragraph whose outcome starts a later sentence is split there),
and a list under a heading or label that names outcomes ("Decisions reached", "Grants
approved") gets a "Decisions:" line before it. Nothing else of the text changes; each is
reported with its line.
"""

from __future__ import annotations

import re

from site_gen.conventions.action_text import action_marker
from site_gen.conventions.outcomes import names_outcomes, outcome_at
from site_gen.importer.body import Body
from site_gen.importer.findings import Finding
from site_gen.importer.minutes import Minutes
from site_gen.importer.text import LIST_ITEM, MARKDOWN_HEADING, plain

# Markers the build reads already: such a paragraph or item is left as written.
_MARKED = re.compile(
    r"(?i)^(?:\*\*|__)?(?:agreed|resolved|decided|decision|decisions|resolution)\b"
)
_NUMBERING = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[A-Za-z])[.)]\s+")
_LABEL = re.compile(r"^(?:\*\*|__)?(?P<words>[^:*_]{3,60}?)(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?$")


def _label_of(text: str) -> str | None:
    """The words of a heading, or of a line that is only a label ("**Grants approved:**")."""
    heading = MARKDOWN_HEADING.match(text.strip())
    if heading:
        return _NUMBERING.sub("", plain(heading["title"]))
    if LIST_ITEM.match(text) or not text.strip().endswith((":", "**", "__")):
        return None
    found = _LABEL.match(text.strip())
    return _NUMBERING.sub("", plain(found["words"])) if found else None


def _next_text(body: Body, index: int) -> int | None:
    for after in range(index + 1, len(body.lines)):
        if body.lines[after].strip():
            return after
    return None


class _Marker:
    def __init__(self, body: Body, minutes: Minutes) -> None:
        self.body = body
        self.minutes = minutes
        self.lines: list[str] = []
        self.sources: list[int] = []
        self.review: list[bool] = []

    def add(self, index: int, text: str) -> None:
        self.lines.append(text)
        self.sources.append(self.body.sources[index])
        self.review.append(self.body.review[index])

    def note(self, index: int, what: str) -> None:
        self.minutes.inferred.append(Finding(self.body.sources[index], what))

    def run(self) -> None:
        lines = self.body.lines
        for index, text in enumerate(lines):
            previous = lines[index - 1] if index else ""
            label = _label_of(text)
            if label is not None and names_outcomes(label):
                self.add(index, text)
                self._outcome_list(index)
                continue
            item = LIST_ITEM.match(text)
            if item is not None:
                self._item(index, item)
            elif not previous.strip() or MARKDOWN_HEADING.match(previous.strip()):
                self._paragraph(index, text, starts=True)
            elif not LIST_ITEM.match(previous) and not text.lstrip().startswith("|"):
                self._paragraph(index, text, starts=False)
            else:
                self.add(index, text)
        self.body.lines, self.body.sources, self.body.review = self.lines, self.sources, self.review

    def _outcome_list(self, index: int) -> None:
        following = _next_text(self.body, index)
        if following is None or not LIST_ITEM.match(self.body.lines[following]):
            return
        if self.body.lines[following].startswith((" ", "\t")):
            return
        self.add(index, "")
        self.add(index, "Decisions:")
        if self.body.lines[index].lstrip().startswith("#"):
            self.add(index, "")  # a heading's blank line follows anyway
        self.note(index, f"{plain(self.body.lines[index])!r}: its list read as decisions")

    def _item(self, index: int, item: re.Match[str]) -> None:
        text = item["text"]
        at = outcome_at(plain(text))
        words = plain(text)
        # An item is a decision when its first sentence states the outcome; a later one
        # tells of a discussion that led there.
        later = at is not None and at > 0 and words[:at].rstrip()[-1:] in ".!?"
        if _MARKED.match(text) or action_marker(text) or at is None or later:
            self.add(index, self.body.lines[index])
            return
        start = item.start("text")
        self.add(index, f"{self.body.lines[index][:start]}Decision: {text}")
        self.note(index, f"{plain(text)[:60]!r}: an outcome, written as a decision")

    def _paragraph(self, index: int, text: str, starts: bool) -> None:
        words = text.strip()
        at = outcome_at(words)
        if at is None or _MARKED.match(words) or action_marker(words) or words.startswith("|"):
            self.add(index, text)
            return
        if at > 0 and words[:at].rstrip()[-1:] not in ".;!?":
            if not starts:  # "... - approved by vote" inside a paragraph: left as written
                self.add(index, text)
                return
            at = 0  # "Bylaws change - approved by vote": the whole paragraph
        if at > 0 or not starts:  # the outcome starts a sentence: its own paragraph
            if at > 0:
                self.add(index, words[:at].rstrip())
            self.add(index, "")
        self.add(index, f"Decision: {words[at:]}")
        self.note(index, f"{words[at:][:60]!r}: an outcome, written as a decision")


def mark_decisions(body: Body, minutes: Minutes) -> None:
    _Marker(body, minutes).run()
