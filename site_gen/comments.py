"""HTML comments (`<!-- ... -->`) in content: blanked out before anything reads the text.

A comment is an author's note, never published. It runs from `<!--` to the first `-->`
after it, so `<!-->` and `<!--->` open a comment rather than being one (as an author reads
them, whatever HTML's parsing rules say), and a comment is hidden wherever it is: in a
paragraph, an HTML block, a code span, a link title or a YAML value. Only its line ends
stay, so every line keeps its number.
"""

from __future__ import annotations

from site_gen.unicode_text import folded

OPEN, CLOSE = "<!--", "-->"


def comment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each comment in `text`, as indexes; one never closed ends the text."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (start := text.find(OPEN, pos)) != -1:
        end = text.find(CLOSE, start + len(OPEN))
        pos = len(text) if end == -1 else end + len(CLOSE)
        spans.append((start, pos))
    return spans


def blank_comments(text: str) -> tuple[str, int | None]:
    """`text` with every comment blanked, and the 1-based line of a `<!--` never closed
    (whose comment runs to the end of the text), if there is one."""
    if OPEN not in text:
        return text, None
    parts: list[str] = []
    pos = 0
    spans = comment_spans(text)
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append("\n" * text.count("\n", start, end))
        pos = end
    parts.append(text[pos:])
    last = spans[-1][0]
    closed = text.find(CLOSE, last + len(OPEN)) != -1
    return "".join(parts), None if closed else text.count("\n", 0, last) + 1


def look_alike_openers(blanked: str) -> list[int]:
    """1-based lines of text (already blanked) with something that reads as `<!--` but is
    not one (a full-width "<", say): shown as text, while its author meant a comment."""
    if blanked.isascii():
        return []
    return [
        number
        for number, line in enumerate(blanked.split("\n"), 1)
        if not line.isascii() and OPEN in folded(line)
    ]
