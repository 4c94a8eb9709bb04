"""Plain text and Markdown files: the seed's style, an email pasted into a file, a .md file."""

from __future__ import annotations

import re
from pathlib import Path

from site_gen.importer.document import Document, ImportReadError, Line

# Bullets that word processors and PDF text use; Markdown knows only "-", "*" and "+".
_BULLETS = re.compile(r"^(\s*)[•●◦▪‣∙·]\s*")
SUFFIXES = (".txt", ".md", ".markdown", ".text", "")


def text_document(path: str, text: str, notes: tuple[str, ...] = ()) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = []
    bullets = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line, found = _BULLETS.subn(r"\1- ", raw.rstrip())
        bullets += found
        lines.append(Line(number, line))
    if bullets:
        notes += (f"{bullets} '•' bullets written as Markdown '- '",)
    return Document(path, tuple(lines), notes=notes)


def read_text(path: Path) -> Document:
    data = path.read_bytes()
    if b"\0" in data[:4096]:
        raise ImportReadError("this is not a text file (a .docx? name it .docx)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Text saved by older Windows programs: cp1252 decodes every byte, so say so.
        text = data.decode("cp1252", errors="replace")
        note = "the file is not UTF-8: read as Windows-1252 (check accents and quotes)"
        return text_document(str(path), text, (note,))
    return text_document(str(path), text)
