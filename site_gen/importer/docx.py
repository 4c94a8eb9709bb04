"""Word documents: mammoth turns .docx into clean HTML, read as any HTML is (html.py).

mammoth maps Word's styles to plain HTML (headings, lists, tables, emphasis) and leaves
out the look; its own Markdown writer is deprecated and escapes "3.1" as "3\\.1", hiding
action ids. Attendee and action tables become Markdown tables. Report lines count
paragraphs (a list item and a table row are one each): what a clerk sees in Word.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from site_gen.importer.document import Document, ImportReadError
from site_gen.importer.html import read_html

SUFFIXES = (".docx",)


def read_docx(path: Path) -> Document:
    # Imported here: only a .docx needs it, and every other command starts faster.
    import mammoth  # type: ignore[import-untyped]

    try:
        with path.open("rb") as file:
            result = mammoth.convert_to_html(file)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ImportReadError(
            f"this is not a Word .docx file ({exc})",
            "open it in Word and save it as .docx, or save the text as .txt",
        ) from None
    html = read_html(result.value, paragraphs=True)
    notes = [f"Word says: {message.message}" for message in result.messages] + html.notes
    return Document(str(path), tuple(html.lines), "paragraph", tuple(notes))
