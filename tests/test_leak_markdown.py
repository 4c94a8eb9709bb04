"""Withheld blocks, HTML comments and exempt titles fail closed in every Markdown context.

Each case is real content built through the real pipeline (tests.test_no_leak.build_and_scan):
either the build succeeds and no SENTINEL is in any byte of any output file (the search index
and gzip files included), or it stops with an error at the line that is wrong, the previous
site left byte for byte, and `site-gen check` reporting the same errors.
Issue 11, classes 1 (withheld text), 3 (comments), 4 (exempt titles) and 5 (private).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.markdown import make_markdown
from site_gen.markdown.withheld_backstop import withheld_lines_published
from site_gen.outputs.search import find_pagefind
from site_gen.pipeline import BuildOptions, build
from tests.test_no_leak import (
    Held,
    leaked,
    line_in,
    meeting_file,
    output_state,
    readable_bytes,
    write_content,
)

Build = Callable[..., Held]

# --- Class 1: where the parser and the author could disagree, the build stops --------------
# (text of the line that must be reported, which such line it is, body). The sentinel is
# what the author meant to withhold; in every case some reading publishes it.


def md(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


STOPS: dict[str, tuple[str, int, str]] = {
    "an unclosed ``` fence before the block": (
        "::: private",
        1,
        md("```", "code", "", "::: private", "SENTINEL-A", ":::"),
    ),
    "an unclosed ~~~ fence before the block": (
        "::: private",
        1,
        md("~~~", "::: private", "SENTINEL-A", ":::"),
    ),
    "a longer fence not closed by a shorter one": (
        "::: private",
        1,
        md("````", "```", "::: private", "SENTINEL-A", ":::"),
    ),
    "an unclosed fence in a list item": (
        "::: private",
        1,
        md("- item", "  ```", "  ::: private", "  SENTINEL-A", "  :::"),
    ),
    "an unclosed fence in a quote": (
        "::: exempt",
        1,
        md("> ```", "> ::: exempt Reason", "> SENTINEL-A", "> :::"),
    ),
    "a block indented as code": (
        "::: private",
        1,
        md("Intro.", "", "    ::: private", "    SENTINEL-A", "    :::"),
    ),
    "a block indented by a tab": (
        "::: private",
        1,
        md("Intro.", "", "\t::: private", "\tSENTINEL-A", "\t:::"),
    ),
    "a block inside <pre>": (
        "::: private",
        1,
        md("<pre>", "::: private", "SENTINEL-A", ":::", "</pre>"),
    ),
    "a block inside a <div>": (
        "::: confidential",
        1,
        md("<div>", "::: confidential Legal", "SENTINEL-A", ":::", "</div>"),
    ),
    "a ':::' inside a fence of the block that a reader may take for its end": (
        ":::",
        2,
        md("::: private", "```", "x", "```python", ":::", "SENTINEL-A", "```", ":::"),
    ),
    "an unclosed fence inside the block swallows its ':::'": (
        ":::",
        2,
        md("::: private", "~~~", "SENTINEL-A", ":::"),
    ),
    "a ':::' indented as code inside the block": (
        "    :::",
        1,
        md("::: private", "SENTINEL-A", "    :::", "SENTINEL-B", ":::"),
    ),
    "a ':::' inside a list item of the block": (
        "  :::",
        1,
        md("::: private", "- SENTINEL-A", "  :::", "SENTINEL-B"),
    ),
    "a ':::' inside <pre> in the block": (
        ":::",
        2,
        md("::: private", "<pre>", ":::", "</pre>", "SENTINEL-A"),
    ),
    "a block opened in a list item and not closed there": (
        "::: private",
        1,
        md("- ::: private", "  SENTINEL-A", "- next", "", "SENTINEL-B"),
    ),
    "a block opened in a quote and not closed there": (
        "::: private",
        1,
        md("> ::: private", "> SENTINEL-A", "", "SENTINEL-B"),
    ),
    "a block opened in a quote and closed outside it": (
        "::: private",
        1,
        md("> ::: private", "> SENTINEL-A", "SENTINEL-B", ":::"),
    ),
    "a nested block left open in a list item": (
        "::: private",
        1,
        md("::: exempt R", "- ::: private", "  SENTINEL-A", ":::", "SENTINEL-B"),
    ),
    "a second ':::' after the block ended": (
        ":::",
        3,
        md("::: private", "SENTINEL-A", ":::", "SENTINEL-B", ":::"),
    ),
    "full-width colons": (
        "private",
        1,
        md("\uff1a\uff1a\uff1a private", "SENTINEL-A", "\uff1a\uff1a\uff1a"),
    ),
    "ratio signs for colons": (
        "private",
        1,
        md("\u2236\u2236\u2236 private", "SENTINEL-A", "\u2236\u2236\u2236"),
    ),
    "no-break spaces before the marker": (
        "private",
        1,
        md("\u00a0\u00a0\u00a0\u00a0::: private", "SENTINEL-A", ":::"),
    ),
    "a zero-width space before the marker": (
        "private",
        1,
        md("\u200b::: private", "SENTINEL-A", ":::"),
    ),
    # Characters that print as nothing before a marker, and more look-alike colons.
    "a blank braille pattern before the marker": ("private", 1, "\u2800::: private\nSENTINEL-A\n"),
    "a Hangul filler before the marker": ("private", 1, "\u3164::: private\nSENTINEL-A\n"),
    "a combining mark before the marker": ("private", 1, "\u0300::: private\nSENTINEL-A\n"),
    "a NUL before an unclosed marker": ("private", 1, "\x00::: private\nSENTINEL-A\n"),
    "Lisu tone letters for colons": ("private", 1, "\ua4fd\ua4fd\ua4fd private\nSENTINEL-A\n"),
    "runic punctuation for colons": ("private", 1, "\u16ec\u16ec\u16ec private\nSENTINEL-A\n"),
    "a marker made a heading": ("private", 1, md("## ::: private", "SENTINEL-A")),
    "a marker in a table's head": (
        "private",
        1,
        md("| ::: private |", "| --- |", "| SENTINEL-A |"),
    ),
    "a marker in emphasis": ("private", 1, md("_::: private_", "SENTINEL-A")),
    "a marker struck through": ("private", 1, md("~~::: private~~", "SENTINEL-A")),
    # A reader's line breaks that are not the parser's (issue 11 review).
    "a marker after a U+2028 line separator": (
        "::: private",
        1,
        "Text.\u2028::: private\u2028SENTINEL-A\u2028:::\n",
    ),
    "a marker after a U+2029 paragraph separator": (
        "::: private",
        1,
        "Text.\u2029::: private\u2029SENTINEL-A\u2029:::\n",
    ),
    "a marker after U+0085": ("::: private", 1, "Text.\u0085::: private\u0085SENTINEL-A\n:::\n"),
    "a marker after a form feed": ("::: private", 1, "Text.\f::: private\fSENTINEL-A\f:::\n"),
    "a reason running on past a U+2028": (
        "::: confidential",
        1,
        "::: confidential Legal\u2028SENTINEL-A v the council\nx\n:::\n",
    ),
    # A marker a preview shows, spelt with character references.
    "colons as decimal references": (
        "private",
        1,
        md("&#58;&#58;&#58; private", "SENTINEL-A", ":::"),
    ),
    "colons as hex references": ("private", 1, md("&#x3a;&#X3A;: private", "SENTINEL-A", ":::")),
    "colons as named references": ("private", 1, md("&colon;&colon;&colon; private", "SENTINEL-A")),
    # A comment that hides a marker but not the text it withholds.
    "a comment left open that swallows the opening line": (
        "::: confidential",
        1,
        md("Text <!-- a note", "::: confidential Reason <!-- why -->", "SENTINEL-A", ":::"),
    ),
    "a comment around the opening line only": (
        "::: private",
        1,
        md("<!--", "::: private", "-->", "SENTINEL-A", ":::"),
    ),
    "a comment around an unclosed block, with text after it": (
        "::: private",
        1,
        md("<!--", "::: private", "SENTINEL-A", "-->", "", "SENTINEL-B"),
    ),
    "a comment around the closing line only": (
        ":::",
        2,
        md("::: private", "SENTINEL-A <!--", ":::", "-->", "SENTINEL-B"),
    ),
    "200 nested blocks": ("::: private", 9, "::: private\n" * 200 + "SENTINEL-A\n" + ":::\n" * 200),
    "3,000 blocks never closed": ("::: private", 9, "::: private\n" * 3000 + "SENTINEL-A\n"),
    "quotes nested past the parser's depth": ("SENTINEL-A", 1, "> " * 40 + "SENTINEL-A\n"),
}


@pytest.mark.parametrize("case", STOPS.values(), ids=STOPS.keys())
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_an_ambiguous_withheld_block_stops_the_build(
    held: Build, case: tuple[str, int, str], newline: str
) -> None:
    needle, nth, body = case
    files = meeting_file(body, newline=newline)
    outcome = held(files)
    assert outcome.result.failed, "the build published what it could not be sure of"
    line = line_in(files, needle, nth)
    assert ("meetings/board/2024-01-10.md", line) in outcome.errors, outcome.errors


# Content whose withheld text is withheld: the build succeeds, and the scan finds nothing.
HOLDS = {
    "a block at the top level": "::: private\nSENTINEL-A\n:::\n\nAfter.\n",
    "a block straight after a paragraph": "Before.\n::: private\nSENTINEL-A\n:::\nAfter.\n",
    "a block straight after a table": "| a |\n| - |\n| b |\n::: private\nSENTINEL-A\n:::\n",
    "a block in a list item": "- item\n  ::: private\n  SENTINEL-A\n  :::\n- next\n",
    "a block in an ordered list item": md(
        "1. item", "", "   ::: exempt Reason", "   SENTINEL-A", "   :::", "2. next"
    ),
    "a block in a quote": "> ::: private\n> SENTINEL-A\n> :::\n\nAfter.\n",
    "a block in a quote in a list": "- > ::: private\n  > SENTINEL-A\n  > :::\n",
    "a tab-indented block in a list": "-\titem\n\n\t::: private\n\tSENTINEL-A\n\t:::\n",
    "a fence inside the block": "::: private\n```\nSENTINEL-A\n```\n~~~\nSENTINEL-B\n~~~\n:::\n",
    "a list inside the block, then its end": md(
        "::: private", "Actions:", "- Ann to do SENTINEL-A (1.5)", ":::", "After."
    ),
    "a quote inside the block, then its end": "::: private\n> SENTINEL-A\n:::\nAfter.\n",
    "an HTML block inside the block": "::: private\n<div>\nSENTINEL-A\n</div>\n\n:::\n",
    "indented code inside the block": "::: private\n\n    SENTINEL-A\n\n:::\n",
    "blocks nested three deep": (
        "::: exempt Reason\n::: confidential Legal\n::: private\nSENTINEL-A\n:::\n"
        "SENTINEL-B\n:::\nSENTINEL-C\n:::\n"
    ),
    "a block left open at the end withholds the rest": (
        "::: confidential Legal\n## Item 2\nSENTINEL-A\n\n## Item 3: later\nSENTINEL-B\n"
    ),
    "a link reference defined inside the block": (
        '::: private\n[notes]: https://example.org/SENTINEL-A "SENTINEL-B"\n:::\n\nSee [notes].\n'
    ),
    "a marker shown as text with a backslash": "\\::: private is how a note starts.\n",
    "a comment around a whole block": md(
        "<!--", "::: private", "SENTINEL-A", ":::", "-->", "After."
    ),
    "a comment around an unclosed block at the end": md("<!--", "::: private", "SENTINEL-A", "-->"),
    "a comment inside the marker line": md("::: exempt Reason <!-- note -->", "SENTINEL-A", ":::"),
    "a comment before the marker on its line": md("<!-- x -->::: private", "SENTINEL-A", ":::"),
    "a comment ending on the marker's line": md("<!-- x", "--> ::: private", "SENTINEL-A", ":::"),
    "a lone CR for line breaks": "Text.\r::: private\rSENTINEL-A\r:::\r\rAfter.\n",
    "a lazy line in a quote's block": "> ::: private\n> para\nSENTINEL-A lazy\n> :::\n\nAfter.\n",
    "a lazy line in a list item's block": "- ::: private\n  para\nSENTINEL-A\n  :::\n\nAfter.\n",
    "a table inside the block": md(
        "::: private", "| a |", "| - |", "| SENTINEL-A |", ":::", "After."
    ),
    "a setext underline after the block": md("::: private", "SENTINEL-A", ":::", "==="),
}


@pytest.mark.parametrize("body", HOLDS.values(), ids=HOLDS.keys())
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_withheld_text_is_withheld_in_every_container(held: Build, body: str, newline: str) -> None:
    outcome = held(meeting_file(body, newline=newline))
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]


def test_raw_html_sites_withhold_too(held: Build) -> None:
    outcome = held(
        {
            "site.yaml": "title: T\nallow_raw_html: true\n",
            **meeting_file("<div>\n\n::: private\n\n<p>SENTINEL-A</p>\n\n:::\n\n</div>\n"),
        }
    )
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    assert b"<div>" in outcome.output()  # raw HTML is on, and the block is still withheld


def test_the_issue_example_stops_the_command_line_build(tmp_path: Path) -> None:
    """The leak the issue found, through `site-gen build` as a process: exit 1, the error
    at the marker's line, nothing written."""
    files = meeting_file("```\nsome code\n\n::: private\nSENTINEL-A\n:::\n")
    content = write_content(tmp_path, files)
    out = tmp_path / "out"
    site_gen = Path(sys.executable).parent / "site-gen"
    if not site_gen.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    done = subprocess.run(
        [str(site_gen), "build", "--content", str(content), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    line = line_in(files, "::: private")
    assert f"meetings/board/2024-01-10.md:{line}: error: this ':::' line opens no" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


# --- Class 3: HTML comments ------------------------------------------------------------------
COMMENT_STOPS = {
    "a comment never closed in a paragraph": ("Text <!-- SENTINEL-A\n\nMore.\n", "<!--"),
    "a comment never closed after closed ones": (
        md("One <!-- a\nb --> two <!-- c -->.", "", "More <!-- SENTINEL-A"),
        "More",
    ),
    "a comment never closed in an HTML block": (md("<div>", "<!-- SENTINEL-A", "</div>"), "<!--"),
    "'<!-->' that nothing closes": ("Text <!--> SENTINEL-A\n", "<!-->"),
    "'<!--->' that nothing closes": ("Text <!---> SENTINEL-A\n", "<!--->"),
    "a full-width look-alike": ("Text \uff1c!-- SENTINEL-A --\uff1e\n", "SENTINEL-A"),
    "a comment that hides a block's end": ("::: private\nSENTINEL-A <!--\n:::\n", "<!--"),
}  # fmt: skip


@pytest.mark.parametrize("case", COMMENT_STOPS.values(), ids=COMMENT_STOPS.keys())
def test_a_comment_that_could_publish_text_stops_the_build(
    held: Build, case: tuple[str, str]
) -> None:
    body, needle = case
    files = meeting_file(body)
    outcome = held(files)
    assert outcome.result.failed
    assert ("meetings/board/2024-01-10.md", line_in(files, needle)) in outcome.errors


COMMENTS_HIDDEN = {
    "'<!-->' opens a comment": "Text <!--> SENTINEL-A --> more.\n",
    "'<!--->' opens a comment": "Text <!---> SENTINEL-A --> more.\n",
    "in a link title": '[a link](https://example.org "Title <!-- SENTINEL-A -->")\n',
    "in a link's text": "[text <!-- SENTINEL-A -->](https://example.org)\n",
    "in an image's alt text": "![alt <!-- SENTINEL-A -->](https://example.org/p.png)\n",
    "in a code span": "Use `<!-- SENTINEL-A -->` for notes.\n",
    "in a fenced code block": "```\n<!-- SENTINEL-A -->\n```\n",
    "in a table cell": "| a | b |\n| - | - |\n| x <!-- SENTINEL-A --> | y |\n",
    "in an HTML block": "<div>\n<!-- SENTINEL-A -->\n</div>\n",
    "over several lines of a list": "- one <!-- SENTINEL-A\n- SENTINEL-B -->\n- two\n",
    "around a withheld marker": "<!--\n::: private\nSENTINEL-A\n-->\n",
    "in an exempt item's reason and title": (
        '::: exempt "Staffing <!-- SENTINEL-B -->" Paragraph 3 <!-- SENTINEL-A -->\nx\n:::\n'
    ),
    "in an action's owner and task": md(
        "Actions:", "", "- Ann <!-- SENTINEL-A --> to write <!-- SENTINEL-B --> (1.1)"
    ),
}


@pytest.mark.parametrize("body", COMMENTS_HIDDEN.values(), ids=COMMENTS_HIDDEN.keys())
def test_comments_are_hidden_wherever_they_are(held: Build, body: str) -> None:
    outcome = held(meeting_file(body))
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]


def test_comments_in_front_matter_and_yaml_files_are_hidden(held: Build) -> None:
    front = (
        "title: Annual meeting <!-- SENTINEL-A -->\n"
        'location: "Town Hall <!-- SENTINEL-B -->"\n'
        "attendance:\n  - label: Present <!-- SENTINEL-C -->\n    kind: present\n"
        "    people: [Ann Public <!-- SENTINEL-D -->]\n"
    )
    outcome = held(
        {
            "groups/board.yaml": "name: Board\ndescription: Public <!-- SENTINEL-E --> work\n",
            **meeting_file("Text.\n", front=front),
        }
    )
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    assert b"Annual meeting" in outcome.output() and b"Town Hall" in outcome.output()


# --- Class 4: an exempt item's title is only what is written in quotes on its marker line --
BODY_TEXT_TITLES = {
    "a '#' heading that opens the item": "## SENTINEL-A\n",
    "a paragraph made a heading by '---'": "SENTINEL-A about a named officer\n---\n",
    "a paragraph made a heading by '==='": "SENTINEL-A\n===\n",
    "a heading inside a quote": "> ## SENTINEL-A\n",
    "a heading inside a list": "- ## SENTINEL-A\n",
    "a heading after body text": "SENTINEL-A\n\n## SENTINEL-B\n",
    "an HTML heading": "<h2>SENTINEL-A</h2>\n\n",
    "a heading indented as code": "    ## SENTINEL-A\n",
    "a heading after a blank line": "\n# SENTINEL-A\n",
}


@pytest.mark.parametrize("inner", BODY_TEXT_TITLES.values(), ids=BODY_TEXT_TITLES.keys())
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_body_text_never_becomes_an_exempt_title(held: Build, inner: str, newline: str) -> None:
    files = meeting_file(f"::: exempt Exempt under paragraph 1\n{inner}:::\n", newline=newline)
    outcome = held(files)
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    page = (outcome.out / "groups" / "board" / "2024-01-10.html").read_text()
    assert '<h2 id="exempt-item">Exempt item</h2>' in page and "Exempt under paragraph 1" in page


@pytest.mark.parametrize("heading", ["## Staffing review", "Staffing review\n---------------"])
def test_a_heading_opening_an_exempt_item_without_a_title_is_warned_of(
    held: Build, heading: str
) -> None:
    """The author may expect the heading shown: a warning at the marker line says it is not,
    and its hint shows the quoted form."""
    files = meeting_file(f"::: exempt Exempt under paragraph 1\n{heading}\nText.\n:::\n")
    outcome = held(files)
    assert not outcome.result.failed
    (warning,) = [p for p in outcome.result.problems if p.code == "withheld-heading-not-title"]
    assert warning.line == line_in(files, "::: exempt")
    assert f"line {line_in(files, 'Staffing review')}" in warning.message
    assert '::: exempt "TITLE" Exempt under paragraph 1' in warning.hint
    # Withheld text is in no output, nor in the message (terminals and CI logs).
    assert b"Staffing review" not in outcome.output()
    assert "Staffing" not in warning.message + warning.hint


TITLES = {
    "straight quotes": '"Agenda Item 5: Staffing"',
    "curly quotes": "\u201cAgenda Item 5: Staffing\u201d",
    "curly opened, straight closed": '\u201cAgenda Item 5: Staffing"',
    "spaces inside": '"  Agenda Item 5:   Staffing "',
}


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_the_title_on_the_marker_line_is_the_exempt_items_title(held: Build, title: str) -> None:
    outcome = held(
        meeting_file(
            f"::: exempt {title} Exempt under paragraph 3 of Schedule 12A\n"
            "## SENTINEL-A\nSENTINEL-B\n:::\n"
        )
    )
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    assert not [p for p in outcome.result.problems if p.severity == "warning"]
    page = (outcome.out / "groups" / "board" / "2024-01-10.html").read_text()
    assert '<h2 id="exempt-agenda-item-5-staffing">Agenda Item 5: Staffing</h2>' in page
    assert "Reason: Exempt under paragraph 3 of Schedule 12A." in page


def test_a_title_is_escaped_and_its_comments_hidden(held: Build) -> None:
    outcome = held(
        meeting_file('::: exempt "<b>Pay</b> & grading <!-- SENTINEL-A -->" Paragraph 1\nx\n:::\n')
    )
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    page = (outcome.out / "groups" / "board" / "2024-01-10.html").read_text()
    assert "&lt;b&gt;Pay&lt;/b&gt; &amp; grading</h2>" in page


def test_a_title_whose_quote_is_never_closed_stops_the_build(held: Build) -> None:
    files = meeting_file('::: exempt "Agenda Item 5: Staffing Paragraph 3\nSENTINEL-A\n:::\n')
    outcome = held(files)
    assert outcome.result.failed
    assert outcome.errors == [("meetings/board/2024-01-10.md", line_in(files, "::: exempt"))]


def test_a_confidential_item_never_shows_a_title_even_in_quotes(held: Build) -> None:
    """A clerk who copies the exempt form onto a confidential item: the title is dropped (not
    shown as part of the reason either), with a warning."""
    files = meeting_file('::: confidential "SENTINEL-A v the council" Legal advice\nx\n:::\n')
    outcome = held(files)
    assert not outcome.result.failed
    assert outcome.messages("warning") == [
        "a confidential item's title is never published; this one is dropped"
    ]
    page = (outcome.out / "groups" / "board" / "2024-01-10.html").read_text()
    assert "Item taken in private" in page and "Reason: Legal advice." in page


# --- Class 5: private leaves no trace --------------------------------------------------------
PRIVATE_WITH_ACTIONS = (
    "::: private\n## SENTINEL-A\n\nActions:\n\n- Ann to call SENTINEL-B (1.5)\n"
    "- Ann to write SENTINEL-C\n\nAgreed: SENTINEL-D (D1.9)\n\n"
    "::: exempt Paragraph 1\n## Inner\nActions:\n\n- Ann to do SENTINEL-E (1.6)\n:::\n:::\n\n"
)


def _public_files(out: Path) -> dict[str, bytes | None]:
    """The site's files, less site_gen's record of the build (its input digests) and the
    search index (Pagefind's bytes differ from run to run; the scan reads them)."""
    return {
        k: v for k, v in output_state(out).items() if not k.startswith((".site-gen", "pagefind"))
    }


def test_a_private_block_leaves_no_trace(held: Build, tmp_path: Path) -> None:
    with_note = held(meeting_file(f"Before.\n\n{PRIVATE_WITH_ACTIONS}After.\n"))
    assert not with_note.result.failed
    output = with_note.output()
    assert b"raised under it" not in output
    assert not [p for p in with_note.out.rglob("*") if "1-5" in p.name or "d1-9" in p.name]
    assert not re.search(rb"\d+ (action|decision)s? (was|were) (raised|taken)", output)
    meetings = json.loads((with_note.out / "data" / "meetings.json").read_bytes())["meetings"]
    assert meetings[0]["withheld_actions"] == 0
    assert json.loads((with_note.out / "data" / "actions.json").read_bytes())["actions"] == []

    # The site is the site without the note, byte for byte.
    without_note = tmp_path / "without"
    content = write_content(without_note, meeting_file("Before.\n\nAfter.\n"))
    result = build(
        BuildOptions(
            content=content,
            out=without_note / "out",
            search=find_pagefind() is not None,
            cache=False,
            jobs=1,
        )
    )
    assert not result.failed
    assert _public_files(with_note.out) == _public_files(without_note / "out")


def test_exempt_items_keep_their_stub_reason_and_counts(held: Build) -> None:
    outcome = held(
        meeting_file(
            '::: exempt "Staffing" Exempt under paragraph 1\n## Staffing\nActions:\n\n'
            "- Ann to do SENTINEL-A (1.5)\n\nAgreed: SENTINEL-B (D1.9)\n\n"
            "::: private\nActions:\n\n- Ann to do SENTINEL-C (1.6)\n:::\n:::\n\n"
            "::: confidential Legal advice\nActions:\n\n- Ann to do SENTINEL-D (1.7)\n:::\n"
        )
    )
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    page = (outcome.out / "groups" / "board" / "2024-01-10.html").read_text()
    assert "1 action was raised under it and is not published" in page  # 1.6 is private
    assert "1 decision was taken under it" in page and "Reason: Legal advice." in page
    assert "2 actions were raised in items that are not published." in page
    meetings = json.loads((outcome.out / "data" / "meetings.json").read_bytes())["meetings"]
    assert meetings[0]["withheld_actions"] == 2
    actions = json.loads((outcome.out / "data" / "actions.json").read_bytes())["actions"]
    assert sorted(a["number"] for a in actions) == ["1.5", "1.7"]
    assert all(a["withheld"] for a in actions)


def test_the_scan_finds_a_sentinel_that_is_published(held: Build) -> None:
    """The harness can fail: public text holding a sentinel is found in the page and the
    search index (so an empty scan above means something)."""
    with pytest.raises(AssertionError, match="SENTINEL-PUBLIC"):
        held(meeting_file("SENTINEL-PUBLIC is public text.\n"))


def test_leaked_reads_gzip_files(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "index.gz").write_bytes(gzip.compress(b"x SENTINEL-GZ y"))
    assert readable_bytes(tmp_path / "index.gz").count(b"SENTINEL-GZ") == 1
    assert leaked(tmp_path) == {"index.gz": {b"SENTINEL-GZ"}}


# --- The backstop: withheld sentences found in a page stop the build -------------------------
BACKSTOP_SOURCE = """Public text.

::: exempt "Agenda Item 5: Staffing restructure in the finance department" Reason for it
## Agenda Item 5: Staffing restructure in the finance department
The chief officer explained the restructure of the finance team in detail.
Short line.
The committee agreed the budget for the next year in full.
:::

The committee agreed the budget for the next year
in full.
"""


def test_the_backstop_finds_withheld_sentences_in_a_page() -> None:
    """withheld_lines_published reads the page a renderer made: a sentence from inside a
    block is found; the title the stub shows, short lines, and words also written in public
    (here across a line break) are not."""
    md = make_markdown()
    tokens = md.parse(BACKSTOP_SOURCE, {})
    page = md.renderer.render(tokens, md.options, {})
    assert withheld_lines_published(BACKSTOP_SOURCE, tokens, page) == []
    leaked_page = page + "<p>The chief officer explained the <em>restructure</em> of the "
    leaked_page += "finance team in detail. Short line.</p>"
    assert withheld_lines_published(BACKSTOP_SOURCE, tokens, leaked_page) == [4]
