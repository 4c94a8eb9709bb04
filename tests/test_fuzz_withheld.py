"""A bounded fuzz test: minutes composed at random from withheld blocks, HTML comments, code
fences (``` and ~~~, closed or not), indented code, <pre> and <div> blocks, quotes, list
items and front matter, around sentinel strings, built through the real pipeline.

A sentinel is only ever written where its author meant it to be withheld: inside a withheld
block (by the author's markers, whatever the Markdown around them makes of them), inside an
HTML comment, or in a private front-matter note. The promise (tests.test_no_leak.
build_and_scan): the build succeeds and no sentinel is in any byte of any output file, the
search index and gzip files included; or it stops with errors at real lines, leaves the
previous site as it was, and `site-gen check` reports the same errors. Issue 11.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_no_leak import build_and_scan

_ids = itertools.count(1)


@dataclass(frozen=True)
class Doc:
    """Lines of Markdown, rendered once the whole tree is drawn."""

    lines: tuple[str, ...]


def _sentinel() -> str:
    return f"SENTINEL-F{next(_ids)}"


PRIVATE_FORMS = st.sampled_from(
    [
        "{s} about a named officer.",
        "Actions:\n\n- Ann to phone {s} (9.{n})\n- Ann to see {s}",
        "Agreed: {s} (D9.{n})",
        "{s} made a heading\n---",
        "> ## {s} in a quote",
        "- {s} in a list\n  - and {s} deeper",
        "| {s} | cell |\n| - | - |\n| {s} | x |",
        "[{s}]: https://example.org/{s}",
        "    {s} as code",
    ]
)


@st.composite
def private_text(draw: st.DrawFn) -> Doc:
    form = draw(PRIVATE_FORMS)
    return Doc(tuple(form.format(s=_sentinel(), n=next(_ids)).split("\n")))


PUBLIC = st.sampled_from(
    ["Public text.", "## Public heading", "Actions:\n\n- Ann to publish the report", "- a\n- b"]
).map(lambda text: Doc(tuple(text.split("\n"))))

COMMENTS = st.sampled_from(
    [
        "<!-- {s} -->",
        "Text <!-- {s} --> more.",
        "<!--\n{s}\n-->",
        "Text <!--> {s} --> more.",
        "<!---> {s} -->",
        "Text <!-- {s}",  # never closed
        '[link](https://example.org "t <!-- {s} -->")',
    ]
).map(lambda text: Doc(tuple(text.format(s=_sentinel()).split("\n"))))


def _join(parts: list[Doc], blank: list[bool]) -> tuple[str, ...]:
    lines: list[str] = []
    for part, gap in zip(parts, blank, strict=False):
        if lines and gap:
            lines.append("")
        lines.extend(part.lines)
    return tuple(lines)


@st.composite
def sequence(draw: st.DrawFn, children: st.SearchStrategy[Doc]) -> Doc:
    parts = draw(st.lists(children, min_size=1, max_size=3))
    return Doc(_join(parts, draw(st.lists(st.booleans(), min_size=3, max_size=3))))


# How a marker line may be written: mostly plainly; else in ways a reader still takes for a
# marker and the parser does not (each must stop the build, never publish the block).
MARKER_SPELLINGS = st.sampled_from(
    [
        "{marker}",
        "{marker}",
        "{marker}",
        "\u2800{marker}",  # a blank braille pattern before it
        "## {marker}",  # made a heading
        "Text.\u2028{marker}",  # after a line separator
        "&#58;{marker}",  # a colon more, spelt as a character reference
        "Text <!-- a note\n{marker} <!-- why -->",  # after a comment left open
    ]
)


@st.composite
def withheld(draw: st.DrawFn, inner: st.SearchStrategy[Doc]) -> Doc:
    kind = draw(st.sampled_from(["private", "exempt", "confidential", "exmept"]))
    reason = "" if kind == "private" else " Reason <!-- note -->"
    # Only a title in quotes on the marker line is published; a heading inside is body text.
    title = ' "Public title"' if draw(st.booleans()) else ""
    heading = [f"## {_sentinel()}"] if draw(st.booleans()) else []
    body = draw(st.lists(st.one_of(private_text(), inner), min_size=1, max_size=3))
    close = [draw(st.sampled_from([":::", "::::"]))] if draw(st.booleans()) else []
    marker = draw(MARKER_SPELLINGS).format(marker=f"::: {kind}{title}{reason}")
    return Doc((*marker.split("\n"), *heading, *_join(body, [True] * 3), *close))


@st.composite
def container(draw: st.DrawFn, inner: st.SearchStrategy[Doc]) -> Doc:
    lines = draw(inner).lines
    shape = draw(st.sampled_from(["```", "~~~", "indent", "pre", "div", "quote", "list"]))
    closed = draw(st.booleans())
    if shape in ("```", "~~~"):
        return Doc((shape, *lines, *([shape] if closed else [])))
    if shape == "indent":
        return Doc(("", *(f"    {line}" for line in lines), ""))
    if shape in ("pre", "div"):
        return Doc((f"<{shape}>", *lines, *([f"</{shape}>"] if closed else [])))
    if shape == "quote":
        return Doc(tuple(f"> {line}" for line in lines))
    indent = draw(st.sampled_from(["  ", "\t"]))
    marker = "-" if indent == "\t" else draw(st.sampled_from(["-", "*"]))
    gap = "\t" if indent == "\t" else " "
    return Doc((f"{marker}{gap}{lines[0]}", *(f"{indent}{line}" for line in lines[1:])))


BLOCKS = st.recursive(
    st.one_of(
        PUBLIC, COMMENTS, private_text().map(lambda d: Doc(("::: private", *d.lines, ":::")))
    ),
    lambda inner: st.one_of(withheld(inner), container(inner), sequence(inner)),
    max_leaves=8,
)

FRONT_MATTER = st.sampled_from(
    [
        "",
        "private: |\n  {s}\n  ---\n  {s}\n",
        "private: |\n  ---\n  {s}\n",
        "private:\n  note: >\n    {s}\n     ---  \n    {s}\n",
        "title: Annual meeting <!-- {s} -->\n",
        "location: Town Hall <!-- {s}\n  -->\n",
    ]
).map(lambda text: text.format(s=_sentinel()))


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    front=FRONT_MATTER,
    body=sequence(BLOCKS),
    crlf=st.booleans(),
)
def test_random_minutes_never_publish_a_sentinel(
    tmp_path_factory: pytest.TempPathFactory,
    previous_small_site: Path,
    front: str,
    body: Doc,
    crlf: bool,
) -> None:
    text = (
        f"---\ndate: 2024-01-10\nnumber: 1\n{front}---\n\n## Item 1: Welcome\n\n"
        "PUBLIC-CONTROL-BODY text.\n\n" + "\n".join(body.lines) + "\n"
    )
    if crlf:
        text = text.replace("\n", "\r\n")
    root = tmp_path_factory.mktemp("fuzz")
    build_and_scan(root, previous_small_site, {"meetings/board/2024-01-10.md": text.encode()})
