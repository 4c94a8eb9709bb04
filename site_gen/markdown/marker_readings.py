"""Lines that a reader of the file takes for a withheld marker, however the parser reads them.

The withheld plugin decides what is withheld from the text the parser sees: HTML comments
blanked, one line per '\\n'. A person reads the file in an editor, where a comment may hide a
marker but not the text it was meant to withhold, a Unicode line separator (U+2028, U+2029,
U+0085) or a form feed starts a new line, and a preview turns '&#58;&#58;&#58; private' into
'::: private'. Each such line would publish what its author meant to withhold, so each is
found here, before parsing, and stops the build with its line:

- a marker hidden by a comment whose partner (the ':::' that closes it, or the block it
  closes) is not hidden by the same comment; an opening line hidden with no partner, when
  anything but blank lines follows the comment;
- a marker after a line separator, or a marker line that holds one;
- a marker spelt with character references.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from site_gen.comments import comment_spans
from site_gen.unicode_text import folded

from .front_matter import front_matter_length

# Characters that look like a colon and that NFKC leaves alone (it folds the full-width,
# small and vertical forms), from Unicode's confusables for ':' and a few more.
_COLONS = (
    ":\u02d0\u02f8\u0589\u05c3\u0703-\u0709\u0903\u0a83\u1361\u1365\u16ec\u1803\u1804"
    "\u1808\u1809\u205a\u205d\u22ee\u2236\u2af6\ua4fd\ua789"
)
_LOOKS_LIKE_MARKER = re.compile(rf"[{_COLONS}]{{3,}}(?P<rest>.*)", re.DOTALL)
# What a container or an indent can put before a marker (quote marks, list bullets and
# numbers), what makes a marker line a heading, a table row or emphasis (# | _ ~ *), and
# characters that print as nothing or as a blank: letters that are fillers, the blank
# braille pattern, and the box a lost byte becomes. Any whitespace, combining mark or
# control character counts too. Generous on purpose: a line that merely might be a marker
# counts.
_BEFORE_MARKER = frozenset(">-+*.)#|_~0123456789\u115f\u1160\u2800\u3164\uffa0\ufffd")


def _is_lead(ch: str) -> bool:
    return ch in _BEFORE_MARKER or ch.isspace() or unicodedata.category(ch)[0] in "CZM"


# What str.splitlines() breaks a line at, besides '\n' and '\r' (which the parser's own
# normalisation has made '\n'): the breaks an editor may show that the parser does not.
_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
HINT = (
    "write '::: exempt \"TITLE\" REASON', '::: confidential REASON', '::: private' and ':::' with "
    "plain colons at the start of a line, outside code and HTML, the closing ':::' at "
    "the indent of its opening line; begin a line with '\\:::' to show it as text"
)


def marker_role(line: str) -> str | None:
    """ "open" or "close" when `line` reads as a withheld marker (':::' and a word, or ':::'
    alone) to a reader, after any indent, quote marks or list bullets; else None."""
    if ":::" not in line and line.isascii():
        return None  # in ASCII only ':' is a colon, and a marker needs three of them
    text = folded(line)
    start = next((n for n, ch in enumerate(text) if not _is_lead(ch)), len(text))
    looks = _LOOKS_LIKE_MARKER.match(text, start)
    if looks is None:
        return None
    return "open" if looks["rest"].strip() else "close"


@dataclass(frozen=True)
class UnseenMarker:
    line: int  # 1-based
    message: str
    hint: str
    code: str


def unseen_markers(original: str, blanked: str) -> list[UnseenMarker]:
    """The marker lines a reader sees in `original` that the parser, given `blanked` (the
    same text with its comments blanked), would not read as its author meant."""
    lines = blanked.split("\n")
    body = front_matter_length(lines)  # the YAML of the front matter is no Markdown
    found = [unseen for unseen in _hidden_by_comments(original, blanked) if unseen.line > body]
    # Only a line with a separator or a character reference can hold such a marker.
    suspect = "&" in blanked or _SEPARATORS.search(blanked) is not None
    for number, line in enumerate(lines[body:] if suspect else [], body + 1):
        if _SEPARATORS.search(line) and any(marker_role(p) for p in _SEPARATORS.split(line)):
            character = _SEPARATORS.search(line)
            assert character is not None
            found.append(
                UnseenMarker(
                    number,
                    f"this line has the character U+{ord(character.group()):04X}, which "
                    "an editor may show as a line break, beside a ':::' marker; the minutes "
                    "read it as one line, so what it withholds would be published",
                    "put the marker on a line of its own, with an ordinary line break; "
                    "text pasted from a web page or a PDF often brings these characters",
                    "withheld-marker-separator",
                )
            )
        elif "&" in line and marker_role(html.unescape(line)) and not marker_role(line):
            found.append(
                UnseenMarker(
                    number,
                    "this line is shown as a ':::' marker but written with character "
                    "references (such as '&#58;'), so it withholds nothing",
                    HINT,
                    "withheld-marker-not-taken",
                )
            )
    return sorted(found, key=lambda problem: problem.line)


def _hidden_by_comments(original: str, blanked: str) -> Iterator[UnseenMarker]:
    if "<!--" not in original:
        return
    lines, after_blanking = original.split("\n"), blanked.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    roles = {n: role for n, line in enumerate(lines) if (role := marker_role(line))}
    partner = _partners(roles)
    spans = comment_spans(original)

    def hider(n: int) -> tuple[int, int] | None:
        """The comment that hides marker line `n` (0-based), or None if it still shows."""
        if marker_role(after_blanking[n]) == roles[n]:
            return None
        return next((s for s in spans if s[0] < starts[n + 1] and s[1] > starts[n]), None)

    for n in sorted(roles):
        span = hider(n)
        if span is None:
            continue
        other = partner.get(n)
        if other is None:
            # An opening line with no ':::' after it withholds to the end: it must hide it all.
            if roles[n] == "close" or not original[span[1] :].strip():
                continue
        elif hider(other) == span:
            continue
        comment_line = original.count("\n", 0, span[0]) + 1
        what = "the block it opens" if roles[n] == "open" else "the line that opens its block"
        yield UnseenMarker(
            n + 1,
            f"this ':::' line is inside the HTML comment that starts on line {comment_line}, "
            f"and {what} is not, so the comment changes what is withheld",
            "end the comment before the marker, or comment out the whole block from its "
            "'::: ...' line to its ':::'",
            "withheld-marker-in-comment",
        )


def _partners(roles: dict[int, str]) -> dict[int, int]:
    """Each marker line's partner by simple nesting (an opening line's ':::' and back)."""
    partner: dict[int, int] = {}
    stack: list[int] = []
    for n in sorted(roles):
        if roles[n] == "open":
            stack.append(n)
        elif stack:
            opened = stack.pop()
            partner[opened], partner[n] = n, opened
    return partner
