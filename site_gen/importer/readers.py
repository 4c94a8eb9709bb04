"""Which reader reads a file: by its name's suffix, and for text, by what it holds."""

from __future__ import annotations

from pathlib import Path

from site_gen.importer.document import Document, ImportReadError, Said
from site_gen.importer.docx import SUFFIXES as DOCX_SUFFIXES
from site_gen.importer.docx import read_docx
from site_gen.importer.html import read_html
from site_gen.importer.pdf import SUFFIXES as PDF_SUFFIXES
from site_gen.importer.pdf import read_pdf
from site_gen.importer.plain import SUFFIXES as TEXT_SUFFIXES
from site_gen.importer.plain import decode, read_text
from site_gen.importer.text import markdown_bullets

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
READABLE = (*TEXT_SUFFIXES, *DOCX_SUFFIXES, *PDF_SUFFIXES, *HTML_SUFFIXES)
# Formats a clerk may have that no reader here reads: say how to get one that is read.
_SAVE_AS = {
    ".doc": "open it in Word and save it as .docx",
    ".odt": "open it and save it as .docx (Word) or as .html",
    ".rtf": "open it and save it as .docx (Word)",
    ".pages": "export it as Word (.docx) or PDF",
    ".xlsx": "minutes in a spreadsheet: copy them into a .txt or .docx file",
}


def read_document(path: Path) -> Document:
    if not path.is_file():
        raise ImportReadError("no such file", "check the path")
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return read_docx(path)
    if suffix in PDF_SUFFIXES:
        return read_pdf(path)
    if suffix in HTML_SUFFIXES:
        return html_document(path)
    if suffix in _SAVE_AS:
        raise ImportReadError(f"{suffix} files cannot be read", _SAVE_AS[suffix])
    return read_text(path)


def html_document(path: Path) -> Document:
    text, notes = decode(path)
    html = read_html(text)
    said = () if html.title is None else (Said("title", html.title.text, html.title.number),)
    lines, bullets = markdown_bullets(html.lines)
    return Document(str(path), tuple(lines), notes=notes + tuple(html.notes) + bullets, said=said)
