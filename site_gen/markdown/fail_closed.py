"""What makes the Markdown of minutes fail closed, beside the withheld plugin itself.

- Before parsing, HTML comments are blanked out of the source (site_gen.comments), so no
  rule of the parser ever sees their text; one never closed hides the rest and is an error.
  Control characters become spaces, with a warning.
- Quotes and lists nested deeper than the parser follows are an error, not text dropped.
- After parsing, an independent look at the raw lines: every line that reads as a withheld
  marker (':::' and a word, or ':::' alone), at any indent, in any container, inside code
  or HTML, with look-alike colons or invisible characters, must be one that the parser took
  as that marker at that very line. Otherwise the parser and the author disagree about what
  is withheld, and the build stops with the line, rather than guess. Lines that read as a
  comment but are not one (full-width "<!--") stop it too.

The check runs on the text of a whole file, not on the text of a withheld block parsed
again on its own (whose markers are recorded in the file's env with their file lines).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from site_gen.comments import blank_comments, look_alike_openers

from .marker_readings import HINT, marker_role, unseen_markers
from .problems import report
from .withheld import MARKERS_KEY, probing

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fail_closed_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("normalize", "blank_comments", _blank_comments)
    md.block.ruler.before("table", "too_deep", _too_deep)
    md.core.ruler.push("withheld_markers_check", _check_markers)


def _is_whole_file(state: StateCore) -> bool:
    return not state.env.get("line_offset")


def _blank_comments(state: StateCore) -> None:
    original = state.src
    state.src, unclosed = blank_comments(original)
    if _is_whole_file(state):
        for unseen in unseen_markers(original, state.src):
            report(state.env, unseen.line, "error", unseen.message, unseen.hint, code=unseen.code)
    _drop_control_characters(state)
    if unclosed is not None and _is_whole_file(state):
        report(
            state.env,
            unclosed,
            "error",
            "an HTML comment opened here is never closed",
            "end it with '-->'; until then everything after it is hidden",
            code="html-comment-unclosed",
        )


def _drop_control_characters(state: StateCore) -> None:
    """A control character (an escape, a bell; a form feed from a PDF's page break) shows as
    nothing and makes the feeds invalid XML: each becomes a space, with one warning."""
    found = _CONTROL.search(state.src)
    if found is None:
        return
    if _is_whole_file(state):
        count = len(_CONTROL.findall(state.src))
        report(
            state.env,
            state.src.count("\n", 0, found.start()) + 1,
            "warning",
            f"the minutes have {count} control character{'s' if count != 1 else ''} "
            f"(the first is U+{ord(found.group()):04X}); each is read as a space",
            "take them out; a form feed usually comes from a page break in a converted PDF",
            code="control-character",
        )
    state.src = _CONTROL.sub(" ", state.src)


def _too_deep(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Quotes and lists nested so deep that markdown-it would drop the rest unsaid (it stops
    at maxNesting, and a list item is two levels at once): an error, and the rest dropped."""
    if silent or state.level < state.md.options.maxNesting - 2:
        return False
    state.line = end
    if not probing(state.env):
        report(
            state.env,
            start + 1 + int(state.env.get("line_offset", 0)),
            "error",
            "quotes and lists are nested too deep here",
            "nest at most a few levels of '>' and list items",
            code="markdown-too-deep",
        )
    return True


def _check_markers(state: StateCore) -> None:
    if not _is_whole_file(state):
        return  # a withheld block's text: checked as part of its file
    taken: dict[int, str] = state.env.get(MARKERS_KEY, {})
    front_matter_end = _front_matter_end(state.tokens)
    # Only a line with ':::' or a character beyond ASCII can read as a marker (marker_role).
    lines = [] if ":::" not in state.src and state.src.isascii() else state.src.split("\n")
    for number, line in enumerate(lines, 1):
        role = marker_role(line)
        if (
            role is not None
            and number > front_matter_end
            and taken.get(number) not in (role, "deep")
        ):
            _report_marker(state, number, role)
    for number in look_alike_openers(state.src):
        report(
            state.env,
            number,
            "error",
            "this line has something that looks like '<!--' but is not, so it would be published",
            "write an HTML comment with the plain characters '<!--' and '-->'",
            code="html-comment-look-alike",
        )


def _front_matter_end(tokens: list[Token]) -> int:
    """The 1-based last line of the front matter (its YAML is no Markdown), or 0."""
    if tokens and tokens[0].type == "front_matter" and tokens[0].map:
        return tokens[0].map[1]
    return 0


def _report_marker(state: StateCore, number: int, role: str) -> None:
    where = _context(state.tokens, number - 1)
    if role == "open":
        message = f"this ':::' line opens no withheld block: {where}, so its text is not withheld"
    else:
        message = f"this ':::' line closes no withheld block: {where}"
    report(
        state.env,
        number,
        "error",
        message,
        HINT,
        code="withheld-marker-not-taken",
    )


def _context(tokens: list[Token], line: int) -> str:
    """What the parser made of 0-based `line`, in a reader's words."""
    for token in tokens:
        if not token.map or not token.map[0] <= line < token.map[1]:
            continue
        first = token.map[0] + 1
        if token.type == "fence":
            return f"it is inside the code fence opened on line {first}"
        if token.type == "code_block":
            return "it is indented as code"
        if token.type == "html_block":
            return f"it is inside the HTML block that starts on line {first}"
        if token.type == "withheld":
            return (
                f"it is inside the withheld block opened on line {first}, where it is code, "
                "HTML, or inside a list item or quote"
            )
    return "the Markdown around it (a list item, a quote, look-alike characters) makes it text"
