"""The minutes' body as Markdown: headings as "##", action lists where the minutes have them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_gen.importer.agenda import Heading, Headings
from site_gen.importer.document import Line
from site_gen.importer.minutes import Finding, Minutes
from site_gen.importer.owners import InitialsMap, write_out_initials
from site_gen.importer.text import list_item, plain, start_id
from site_gen.importer.words import REVIEW_HEADING

_ACTIONS_LABEL = re.compile(r"(?i)actions?(?:\s+points?)?\s*:?")
_ACTION_MARKER = re.compile(r"^(?i:action)(?:\s+points?)?\s*[:\-\u2013\u2014]\s*(?P<rest>\S.*)$")
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


def _action_text(text: str) -> bool:
    action_id, rest = start_id(plain(text))
    return action_id is not None or _LOOKS_LIKE_ACTION.match(rest) is not None


class BodyWriter:
    def __init__(
        self, lines: tuple[Line, ...], headings: Headings, initials: InitialsMap, minutes: Minutes
    ) -> None:
        self.lines = lines
        self.headings = headings
        self.initials = initials
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
            elif _ACTIONS_LABEL.fullmatch(plain(line.text)) and not self.review:
                position = self._action_list(indexes, position)
                continue
            elif (marker := _ACTION_MARKER.match(plain(line.text))) and not self.review:
                position = self._markers(indexes, position, marker["rest"])
                continue
            elif not line.text.strip():
                self.out.blank(line.number, self.review)
            else:
                self.out.add(line.text, line.number, self.review)
            position += 1
        return self.out

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
        reading = write_out_initials(text, self.initials)
        for initials, name, how in reading.read:
            self.minutes.inferred.append(
                Finding(line.number, f"owner {initials!r} is {name} ({how})")
            )
        for initials, why in reading.unknown:
            self.minutes.unsure.append(
                Finding(line.number, f"owner {initials!r} left as written: {why}")
            )
        self.out.add(marker + reading.text, line.number, self.review)

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

    def _markers(self, indexes: list[int], position: int, first: str) -> int:
        """Lines "Action: Dez to ..." (one or several in a row) written as an action list."""
        found: list[tuple[Line, str]] = []
        while position < len(indexes):
            line = self.lines[indexes[position]]
            marker = _ACTION_MARKER.match(plain(line.text))
            if marker and _action_text(marker["rest"]):
                found.append((line, marker["rest"]))
                position += 1
            elif not line.text.strip() and found:
                position += 1
            else:
                break
        if not found:
            line = self.lines[indexes[position]]
            self.minutes.unsure.append(
                Finding(
                    line.number,
                    f"{plain(line.text)!r}: an action, but not written as "
                    "'owner to task': left as text",
                )
            )
            self.out.add(line.text, line.number, self.review)
            return position + 1
        self.out.blank(found[0][0].number, self.review)
        self.out.add("Actions:", found[0][0].number, self.review)
        self.out.add("", found[0][0].number, self.review)
        for line, text in found:
            self._action_item(text, line, "- ")
        self.out.add("", found[-1][0].number, self.review)
        self.minutes.inferred.append(
            Finding(
                found[0][0].number,
                f"{len(found)} 'Action:' line"
                f"{'s' if len(found) != 1 else ''} written as an Actions: list",
            )
        )
        return position
