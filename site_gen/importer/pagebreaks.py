"""The one repair the importer makes: a sentence that a PDF page break split in two.

Text copied out of a PDF breaks a sentence at the page's end: "... it is not an issue",
blank lines, "of poverty alone." Only the obvious case is joined: a line that stops
mid-sentence, then only blank lines, then a line that carries on in lower case. Where the
pages are known (a PDF read here) the break must fall between two pages; in text, where
they are not, the first line must be long, as a line cut by the page's end is. Every join
is reported; anything less obvious is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.importer.document import Line

_ENDS_MID_SENTENCE = re.compile(r"[\w,]$")
_CARRIES_ON = re.compile(r"^[a-z]")
_MIN_LENGTH = 40  # a heading or a label is short; a sentence cut by a page is not


@dataclass(frozen=True)
class Join:
    first: Line
    second: Line

    def describe(self) -> str:
        return (
            f"joined {('…' + self.first.text[-30:].lstrip())!r} and "
            f"{(self.second.text[:30].rstrip() + '…')!r}: one sentence split by a page break"
        )


def join_page_breaks(
    lines: tuple[Line, ...], page_starts: tuple[int, ...] = ()
) -> tuple[tuple[Line, ...], tuple[Join, ...]]:
    starts = set(page_starts)
    out: list[Line] = []
    joins: list[Join] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        after = index + 1
        while after < len(lines) and not lines[after].text.strip():
            after += 1
        crosses = after < len(lines) and any(
            line.number < start <= lines[after].number for start in starts
        )
        if starts:
            long_enough = crosses and bool(line.text.strip())
        else:
            long_enough = len(line.text.strip()) >= _MIN_LENGTH
        if (
            (after > index + 1 or crosses)
            and after < len(lines)
            and long_enough
            and not line.text.lstrip().startswith(("#", "|"))
            and _ENDS_MID_SENTENCE.search(line.text)
            and _CARRIES_ON.match(lines[after].text)
        ):
            joins.append(Join(line, lines[after]))
            out.append(Line(line.number, f"{line.text} {lines[after].text.strip()}"))
            index = after + 1
            continue
        out.append(line)
        index += 1
    return tuple(out), tuple(joins)
