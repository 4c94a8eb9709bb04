"""Text files: Markdown (with Jekyll front matter, converter marks, raw HTML tables), plain
text (fixed-width board minutes with indented blocks, scribe minutes, an email pasted into a
file) and raw IRC logs. Each line keeps its number in the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from site_gen.importer.document import Document, ImportReadError, Line, Said
from site_gen.importer.html import read_html
from site_gen.importer.irc import is_irc_log, read_irc
from site_gen.importer.text import markdown_bullets

SUFFIXES = (".txt", ".md", ".markdown", ".text", ".log", "")
MARKDOWN_SUFFIXES = (".md", ".markdown")
_ATX = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
# Marks that converters (pandoc, wiki exports) leave and that mean nothing to a reader.
_CONVERTER_MARK = re.compile(r"^\s*<!--\s*end list\s*-->\s*$", re.IGNORECASE)
_TABLE_START = re.compile(r"^\s*<table\b", re.IGNORECASE)
_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_FRONT_MATTER_END = ("---", "...")
_RULE = re.compile(r"^\s*([-=_*~])\1{2,}\s*$")  # "-----": under text, Markdown would make a heading
_HASH = re.compile(r"^(\s*)#")
_OPENING_LINES = 20
_FRONT_MATTER_KEYS = {"title": "title", "date": "date"}


def decode(path: Path) -> tuple[str, tuple[str, ...]]:
    data = path.read_bytes()
    if b"\0" in data[:4096]:
        raise ImportReadError(
            "this is not a text file",
            "a Word file must be named .docx and a PDF .pdf; other formats: save as .docx or .txt",
        )
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        # Text saved by older Windows programs: cp1252 decodes every byte, so say so.
        note = "the file is not UTF-8: read as Windows-1252 (check accents and quotes)"
        return data.decode("cp1252", errors="replace"), (note,)


def _numbered(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(n, raw.replace("\f", "").rstrip()) for n, raw in enumerate(text.split("\n"), 1)]


def page_starts(text: str) -> tuple[int, ...]:
    """Where a form feed starts a page (text taken out of a PDF): the line it is on, or the
    next one when it ends its line. Editors show it inside a line: it counts no line."""
    starts = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw and raw.strip("\f").strip():
            starts.append(number if raw.lstrip(" \t").startswith("\f") else number + 1)
        elif "\f" in raw:
            starts.append(number + 1)
    return tuple(sorted(set(starts)))


def text_document(path: str, text: str, notes: tuple[str, ...] = ()) -> Document:
    """Text whose lines are Markdown already (or read as if they were)."""
    lines, more = markdown_bullets(_numbered(text))
    return Document(path, tuple(lines), notes=notes + more, page_starts=page_starts(text))


def read_text(path: Path) -> Document:
    text, notes = decode(path)
    if is_irc_log(text):
        return read_irc(str(path), _numbered(text), notes)
    if path.suffix.lower() in MARKDOWN_SUFFIXES or _looks_like_markdown(text):
        return markdown_document(str(path), text, notes)
    return plain_text_document(str(path), text, notes)


def _looks_like_markdown(text: str) -> bool:
    """A .txt file written in Markdown: front matter, or headings from its first lines on
    (fixed-width minutes may quote, further down, reports that have Markdown headings)."""
    if text.startswith("---\n"):
        return True
    first = "\n".join([line for line in text.splitlines() if line.strip()][:_OPENING_LINES])
    return _ATX.search(first) is not None and len(_ATX.findall(text)) >= 2


# --- Markdown ----------------------------------------------------------------------------------


def markdown_document(path: str, text: str, notes: tuple[str, ...] = ()) -> Document:
    lines = _numbered(text)
    said: list[Said] = []
    remarks: list[Line] = []
    lines = _front_matter(lines, said, remarks)
    marks = sum(1 for line in lines if _CONVERTER_MARK.match(line.text))
    lines = [line for line in lines if not _CONVERTER_MARK.match(line.text)]
    if marks:
        plural = "s" if marks != 1 else ""
        notes += (f"{marks} converter mark{plural} '<!-- end list -->' left out",)
    lines = _html_tables(lines, remarks)
    lines, more = markdown_bullets(lines)
    return Document(
        path,
        tuple(lines),
        notes=notes + more,
        said=tuple(said),
        remarks=tuple(remarks),
        page_starts=page_starts(text),
    )


def _front_matter(lines: list[Line], said: list[Said], remarks: list[Line]) -> list[Line]:
    """Jekyll's front matter: its title and date say which meeting this is; other keys
    (layout, parent, nav_order) belong to the old site and are left out, and said so."""
    if not lines or lines[0].text.strip() != "---":
        return lines
    end = next(
        (i for i, line in enumerate(lines[1:], 1) if line.text.strip() in _FRONT_MATTER_END),
        None,
    )
    if end is None:
        return lines
    try:
        data = yaml.safe_load("\n".join(line.text for line in lines[1:end]))
    except yaml.YAMLError:
        remarks.append(Line(1, "the front matter is not YAML: kept as text"))
        return lines
    if not isinstance(data, dict):
        return lines
    left_out = []
    for key, value in data.items():
        at = next((ln.number for ln in lines[1:end] if ln.text.startswith(f"{key}:")), 1)
        if str(key) in _FRONT_MATTER_KEYS and value is not None:
            said.append(Said(_FRONT_MATTER_KEYS[str(key)], str(value), at))
        else:
            left_out.append(str(key))
    if left_out:
        remarks.append(
            Line(1, f"front matter left out (for the old site): {', '.join(sorted(left_out))}")
        )
    return lines[end + 1 :]


def _html_tables(lines: list[Line], remarks: list[Line]) -> list[Line]:
    """Raw <table> HTML in Markdown (Google Docs exports) as a pipe table: the build shows
    raw HTML as text, and the recogniser reads tables."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        if not _TABLE_START.match(lines[index].text):
            out.append(lines[index])
            index += 1
            continue
        end = index
        while end < len(lines) and not _TABLE_END.search(lines[end].text):
            end += 1
        if end == len(lines):
            out.append(lines[index])  # never closed: leave it as written
            index += 1
            continue
        html = "\n".join(line.text for line in lines[index : end + 1])
        table = read_html(f"<body>{html}</body>", first_line=lines[index].number)
        out.extend(table.lines)
        remarks.append(Line(lines[index].number, "an HTML table written as a Markdown table"))
        index = end + 1
    return out


# --- plain text --------------------------------------------------------------------------------


def plain_text_document(path: str, text: str, notes: tuple[str, ...] = ()) -> Document:
    """Plain text: each block of lines moved to the left margin as a whole (fixed-width
    minutes indent whole blocks, which Markdown would show as code), keeping the indents of
    its lines relative to one another (a nested list, a "Status:" under its item)."""
    lines = _numbered(text.expandtabs(4))
    out: list[Line] = []
    block: list[Line] = []

    def flush() -> None:
        if block:
            indent = min(len(ln.text) - len(ln.text.lstrip()) for ln in block)
            out.extend(Line(ln.number, ln.text[indent:]) for ln in block)
            block.clear()

    rules = 0
    for line in lines:
        if _RULE.match(line.text):
            rules += 1
            line = Line(line.number, "")
        if line.text.strip():
            block.append(line)
        else:
            flush()
            out.append(Line(line.number, ""))
    flush()
    # In plain text a "#" starts no heading (a quoted report's "## Releases" would become the
    # minutes' own agenda): it is kept as written, escaped.
    out = [Line(ln.number, _HASH.sub(r"\1\\#", ln.text)) for ln in out]
    out, more = markdown_bullets(out)
    if rules:
        more += (f"{rules} rule line{'s' * (rules != 1)} (----) read as paragraph breaks",)
    return Document(path, tuple(out), notes=notes + more, page_starts=page_starts(text))
