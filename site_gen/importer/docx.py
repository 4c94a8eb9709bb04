"""Word documents: mammoth turns .docx into clean HTML, markdownify that HTML into Markdown.

mammoth maps Word's styles to plain HTML (headings, lists, tables, emphasis) and leaves
out the look; its own Markdown writer is deprecated and escapes "3.1" as "3\\.1", hiding
action ids, so the Markdown comes from markdownify. Report lines count paragraphs: what a
clerk sees in Word, not lines of an intermediate file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from site_gen.importer.document import Document, ImportReadError, Line

SUFFIXES = (".docx",)
_TABLE_RULE = re.compile(r"^\|[\s:|-]+\|$")


def read_docx(path: Path) -> Document:
    # Imported here: only a .docx needs them, and every other command starts faster.
    import mammoth  # type: ignore[import-untyped]
    from markdownify import markdownify

    try:
        with path.open("rb") as file:
            result = mammoth.convert_to_html(file)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ImportReadError(f"this is not a Word .docx file ({exc})") from None
    html: str = result.value
    images = html.count("<img")
    markdown: str = markdownify(
        html,
        heading_style="ATX",
        bullets="-",
        strip=["img"],
        newline_style="backslash",
    )
    notes = [f"Word says: {message.message}" for message in result.messages]
    if images:
        notes.append(f"{images} image{'s' if images != 1 else ''} left out: minutes are text")
    return Document(str(path), _paragraph_lines(markdown), "paragraph", tuple(notes))


def _paragraph_lines(markdown: str) -> tuple[Line, ...]:
    """Each line numbered by the paragraph (or list item, heading, table row) it came from."""
    lines, paragraph = [], 0
    for text in markdown.split("\n"):
        text = text.rstrip()
        if text and not _TABLE_RULE.match(text):
            paragraph += 1
        lines.append(Line(max(paragraph, 1), text))
    return tuple(lines)
