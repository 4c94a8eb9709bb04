"""The minutes' body as Markdown: headings as "##", action lists where the minutes have them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_gen.conventions.action_labels import LabelKind, label_kind
from site_gen.conventions.action_text import action_marker
from site_gen.importer.agenda import Heading, Headings
from site_gen.importer.document import Line
from site_gen.importer.findings import Finding
from site_gen.importer.minutes import Minutes
from site_gen.importer.text import list_item, plain, start_id
from site_gen.importer.words import REVIEW_HEADING

_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_LOOKS_LIKE_ACTION = re.compile(r"^\S+(?:\s+\S+){0,11}\s+to\s+\S")


@dataclass
class Body:
    """The body being written: Markdown lines and the source line each came from."""

    lines: list[str] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    review: list[bool] = field(default_factory=list)  # under a review of earlier actions

    def add(self, text: str, source: int, review: bool) -> None:
        self.lines.append(text)
        self.sources.append(source)
        self.review.append(review)

    def blank(self, source: int, review: bool) -> None:
        if self.lines and self.lines[-1].strip():
            self.add("", source, review)


def _is_actions_label(text: str) -> bool:
    """ "Actions:", "**Action points**": a line that only says new actions follow."""
    words = plain(text)
    return (
        list_item(text) is None
        and label_kind(words) is LabelKind.RAISE
        and (words.endswith(":") or len(words.split()) <= 3)
    )


def _action_text(text: str) -> bool:
    action_id, rest = start_id(plain(text))
    return action_id is not None or _LOOKS_LIKE_ACTION.match(rest) is not None


class BodyWriter:
    def __init__(self, lines: tuple[Line, ...], headings: Headings, minutes: Minutes) -> None:
        self.lines = lines
        self.headings = headings
        self.minutes = minutes
        self.out = Body()
        self.review = False

    def write(self, indexes: list[int]) -> Body:
        position = 0
        while position < len(indexes):
            index = indexes[position]
            line = self.lines[index]
            heading = self.headings.by_index.get(index)
            if heading is not None:
                self._heading(heading, line)
            elif _is_actions_label(line.text) and not self.review:
                position = self._action_list(indexes, position)
                continue
            elif not line.text.strip():
                self.out.blank(line.number, self.review)
            else:
                self._text(line)
            position += 1
        return self.out

    def _text(self, line: Line) -> None:
        """A line as written; where Markdown would read it otherwise, a blank line first:
        "Action: ..." after a sentence starts its own paragraph (so it is an action), and a
        line of dashes or equals signs under text stays a rule (never a heading)."""
        previous = self.out.lines[-1] if self.out.lines else ""
        in_text = previous.strip() and list_item(previous) is None and list_item(line.text) is None
        starts = _SETEXT.match(line.text) or (
            action_marker(line.text) and not action_marker(previous)
        )
        if in_text and starts:
            self.out.blank(line.number, self.review)
        self.out.add(line.text, line.number, self.review)

    def _heading(self, heading: Heading, line: Line) -> None:
        if heading.level == 2:  # an agenda item: is it a review of earlier actions?
            self.review = REVIEW_HEADING.search(heading.title) is not None
            self.minutes.agenda += ((line.number, heading.title),)
        elif REVIEW_HEADING.search(heading.title):
            self.review = True
        self.out.blank(line.number, self.review)
        self.out.add(f"{'#' * heading.level} {heading.title}", line.number, self.review)
        self.out.add("", line.number, self.review)

    def _action_item(self, text: str, line: Line, marker: str) -> None:
        self.out.add(marker + text, line.number, self.review)

    def _action_list(self, indexes: list[int], position: int) -> int:
        """ "Actions:" and what follows: its list, or lines that read as actions, made a list."""
        label = self.lines[indexes[position]]
        self.out.blank(label.number, self.review)
        self.out.add(label.text, label.number, self.review)
        self.out.add("", label.number, self.review)
        position += 1
        made_list: list[int] = []
        while position < len(indexes):
            line = self.lines[indexes[position]]
            if indexes[position] in self.headings.by_index:
                break
            if not line.text.strip():
                following = position + 1
                if following < len(indexes) and list_item(self.lines[indexes[following]].text):
                    position = following
                    continue
                if self.out.lines and (self.out.lines[-1].strip() or made_list):
                    break  # the end of the list
                position += 1  # blank lines between the label and its list
                continue
            item = list_item(line.text)
            if item is not None and not line.text.startswith((" ", "\t")):
                self._action_item(item, line, line.text[: len(line.text) - len(item)])
            elif item is None and not line.text.startswith((" ", "\t")) and _action_text(line.text):
                made_list.append(line.number)
                self._action_item(line.text.strip(), line, "- ")
            elif item is not None:
                self.out.add(line.text, line.number, self.review)  # a sub-bullet: a note
            else:
                break
            position += 1
        if made_list:
            self.minutes.inferred.append(
                Finding(
                    made_list[0],
                    f"{len(made_list)} lines under {plain(label.text)!r} "
                    "read as actions and written as a list",
                )
            )
        self.out.blank(label.number, self.review)
        return position
