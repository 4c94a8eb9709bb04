"""PDF minutes, read from where each word sits on the page (pdfplumber, on pdfminer.six).

Published minutes are mostly PDFs, and copying their text gives one word a line, running
headers in the middle of sentences and two columns interleaved. Reading positions instead:
words on one baseline are one line (however the PDF stores them); a vertical gap between
columns splits a page into its columns, read left then right; ruled tables become Markdown
tables; a larger font makes a heading and a wholly bold line stays bold; a gap wider than
the line spacing ends a paragraph; bullets keep their nesting. A line that repeats at the
top or bottom of most pages (a running header or footer, digits aside) and bare page
numbers are left out, and counted in the report. Lines are numbered through the document's
text, and each report line says its page too.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_gen.importer.document import Document, ImportReadError, Line
from site_gen.importer.text import markdown_bullets

SUFFIXES = (".pdf",)
_PAGE_NUMBER = re.compile(
    r"^[-\u2013\u2014\s]*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-\u2013\u2014\s]*$",
    re.IGNORECASE,
)
_LIST_MARK = re.compile(r"^(?:[•●◦▪‣∙·\-*]|\d{1,3}[.)]|[a-z][.)])\s")
_MARGIN_LINES = 2  # lines at the top and at the bottom of a page that may be furniture
_HEADING_RATIO = 1.15  # a font this much larger than the text's makes a heading
_MAX_HEADING_WORDS = 14
_MIN_COLUMN_LINES = 6
_MAX_CROSSING = 0.5  # of a page's lines may cross the gutter of two columns (headings ...)
_MIN_TWO_SIDED = 0.3  # of a page's lines have words in both columns
_MIN_FILL = 0.5  # of its column's width, the median line of each column fills
_MIN_GUTTER_STEPS = 3  # hundredths of the page's width: a gutter, not a space between words


@dataclass(frozen=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class _Row:
    """A line of a page: its words, or a table's Markdown rows."""

    words: list[_Word]
    top: float
    table: list[str] | None = None

    @property
    def text(self) -> str:
        if self.table is not None:
            return "\n".join(self.table)
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min((w.x0 for w in self.words), default=0.0)

    @property
    def size(self) -> float:
        return max((w.size for w in self.words), default=0.0)

    @property
    def bottom(self) -> float:
        return max((w.bottom for w in self.words), default=self.top)


def read_pdf(path: Path) -> Document:
    # Imported here: only a PDF needs them, and every other command starts faster.
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(path) as pdf:
            read = [_page_rows(page) for page in pdf.pages]
    except PDFSyntaxError as exc:
        raise ImportReadError(
            f"this is not a PDF that can be read ({exc})", "open it and save it again as PDF"
        ) from None
    except Exception as exc:  # pdfminer raises many kinds on damaged or locked files
        if "password" in str(exc).casefold() or "encrypt" in type(exc).__name__.casefold():
            raise ImportReadError(
                "the PDF is locked with a password", "save an unlocked copy and import that"
            ) from None
        raise ImportReadError(
            f"the PDF cannot be read ({type(exc).__name__}: {exc})",
            "open it and save it again as PDF, or copy its text to a .txt file",
        ) from None
    if not any(rows for rows, _ in read):
        raise ImportReadError(
            "the PDF has no text (a scan?)",
            "run text recognition on it (for example ocrmypdf) and import the result",
        )
    return _document(str(path), [rows for rows, _ in read], [width for _, width in read])


# --- one page ----------------------------------------------------------------------------------


def _page_rows(page: Any) -> tuple[list[_Row], float]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    words = [
        _Word(
            w["text"],
            w["x0"],
            w["x1"],
            w["top"],
            w["bottom"],
            round(float(w.get("size") or 0), 1),
            "bold" in str(w.get("fontname") or "").casefold(),
        )
        for w in page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
        if not any(_inside(w, box) for box in boxes)
    ]
    rows = _baselines(words)
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        markdown = _table_markdown(table.extract())
        if markdown:
            top = float(table.bbox[1])
            at = next((i for i, r in enumerate(rows) if r.table is None and r.top > top), None)
            rows.insert(len(rows) if at is None else at, _Row([], top, markdown))
    return rows, float(page.width)


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle_x = (word["x0"] + word["x1"]) / 2
    middle_y = (word["top"] + word["bottom"]) / 2
    return bool(x0 <= middle_x <= x1 and top <= middle_y <= bottom)


def _baselines(words: list[_Word]) -> list[_Row]:
    """Words that share a baseline are a line, however the PDF stores them."""
    rows: list[_Row] = []
    for word in sorted(words, key=lambda w: (round(w.bottom), w.x0)):
        tolerance = max(word.size * 0.4, 2.0)
        if rows and abs(rows[-1].bottom - word.bottom) <= tolerance:
            rows[-1].words.append(word)
        else:
            rows.append(_Row([word], word.top))
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    return rows


def _columns(rows: list[_Row], width: float) -> list[_Row]:
    """Two columns: a gutter, the widest band down the page that only lines running across
    it (headings, full-width paragraphs) cross, with lines on both sides that fill their
    column (names and roles set apart by tabs are one column). Each stretch between lines
    that cross it is read left column first, then right."""
    words = [r for r in rows if r.words]
    if len(words) < _MIN_COLUMN_LINES:
        return rows
    runs: list[list[float]] = [[]]
    for step in range(30, 71):
        x = width * step / 100
        if sum(1 for r in words if _crosses(r, x)) <= len(words) * _MAX_CROSSING:
            runs[-1].append(x)
        elif runs[-1]:
            runs.append([])
    widest = max(runs, key=len)
    if len(widest) < _MIN_GUTTER_STEPS:  # a space between words, not a gutter
        return rows
    best = (widest[0] + widest[-1]) / 2
    margin_left = min(r.x0 for r in words)
    margin_right = max(max(w.x1 for w in r.words) for r in words)
    fill_left, fill_right = [], []
    for row in words:
        left = [w for w in row.words if w.x1 <= best]
        right = [w for w in row.words if w.x0 >= best]
        if left and right and not _crosses(row, best):
            fill_left.append((max(w.x1 for w in left) - margin_left) / (best - margin_left))
            fill_right.append((max(w.x1 for w in right) - best) / (margin_right - best))
    if (
        len(fill_left) < len(words) * _MIN_TWO_SIDED
        or statistics.median(fill_left) < _MIN_FILL
        or statistics.median(fill_right) < _MIN_FILL
    ):
        return rows
    out: list[_Row] = []
    lefts: list[_Row] = []
    rights: list[_Row] = []

    def flush() -> None:
        out.extend(lefts)
        out.extend(rights)
        lefts.clear()
        rights.clear()

    for row in rows:
        if row.table is not None or _crosses(row, best):
            flush()
            out.append(row)
            continue
        left_words = [w for w in row.words if w.x1 <= best]
        right_words = [w for w in row.words if w.x0 >= best]
        if left_words:
            lefts.append(_Row(left_words, row.top))
        if right_words:
            rights.append(_Row(right_words, row.top))
    flush()
    return out


def _crosses(row: _Row, x: float) -> bool:
    return any(w.x0 < x < w.x1 for w in row.words)


def _table_markdown(cells: list[list[str | None]]) -> list[str]:
    rows = [
        [" ".join((cell or "").split()).replace("|", "\\|") for cell in row]
        for row in cells
        if any((cell or "").strip() for cell in row)
    ]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    lines = []
    for index, row in enumerate(rows):
        row += [""] * (width - len(row))
        lines.append("| " + " | ".join(row) + " |")
        if index == 0:
            lines.append("|" + " --- |" * width)
    return lines


# --- the whole document ------------------------------------------------------------------------


def _furniture(pages: list[list[_Row]]) -> tuple[set[tuple[int, int]], list[tuple[str, int, int]]]:
    """Rows that are running headers, footers or page numbers: {(page, row)}, and what they
    were: (text, page, count) for the report. A running line is at the top or bottom of a
    page, at the same height on most pages, with the same words (its digits may change)."""

    def key(row: _Row, zone: str) -> tuple[str, str, int]:
        text = re.sub(r"\d+", "#", " ".join(row.text.casefold().split()))
        return zone, text, round(row.top / 4)

    margins: list[tuple[int, int, str]] = []
    for number, rows in enumerate(pages):
        words = [i for i, r in enumerate(rows) if r.table is None]
        margins += [(number, i, "top") for i in words[:_MARGIN_LINES]]
        margins += [(number, i, "bottom") for i in words[-_MARGIN_LINES:] if i not in words[:2]]
    seen: Counter[tuple[str, str, int]] = Counter()
    for number, i, zone in margins:
        seen[key(pages[number][i], zone)] += 1
    enough = max(2, (len(pages) + 1) // 2)
    gone: set[tuple[int, int]] = set()
    found: dict[str, tuple[str, int, int]] = {}
    for number, i, zone in margins:
        row = pages[number][i]
        number_only = _PAGE_NUMBER.match(row.text) is not None
        if number_only or (len(pages) > 1 and seen[key(row, zone)] >= enough):
            gone.add((number, i))
            label = "page numbers" if number_only else row.text
            name = key(row, zone)[1] if not number_only else label
            first = found.get(name, (label, number, 0))
            found[name] = (first[0], first[1], first[2] + 1)
    return gone, list(found.values())


def _document(path: str, pages: list[list[_Row]], widths: list[float]) -> Document:
    gone, furniture = _furniture(pages)
    sizes: Counter[float] = Counter()
    for rows in pages:
        for row in rows:
            for word in row.words:
                sizes[word.size] += len(word.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    heading_sizes = sorted(
        {s for s in sizes if body_size and s >= body_size * _HEADING_RATIO}, reverse=True
    )
    lines: list[Line] = []
    page_starts: list[int] = []
    page_of_first: dict[int, int] = {}
    for number, rows in enumerate(pages):
        kept = _columns([r for i, r in enumerate(rows) if (number, i) not in gone], widths[number])
        if number and lines:
            lines.append(Line(len(lines) + 1, ""))
        if number:
            page_starts.append(len(lines) + 1)
        page_of_first[number] = len(lines) + 1
        for text in _page_text(kept, heading_sizes):
            lines.append(Line(len(lines) + 1, text))
    remarks = []
    for text, page, count in furniture:
        what = text if text == "page numbers" else f"running header or footer {text!r}"
        remarks.append(
            Line(page_of_first[page], f"{what} left out ({count} page{'s' * (count != 1)})")
        )
    lines, bullets = markdown_bullets(lines)
    return Document(
        path, tuple(lines), notes=bullets, page_starts=tuple(page_starts), remarks=tuple(remarks)
    )


def _page_text(rows: list[_Row], heading_sizes: list[float]) -> list[str]:
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(rows) if a.table is None]
    spacing = statistics.median([g for g in gaps if g >= 0] or [0.0])
    bullets = sorted({round(r.x0) for r in rows if _LIST_MARK.match(r.text)})
    out: list[str] = []
    previous: _Row | None = None
    for row in rows:
        if (
            previous is not None
            and (
                row.table is not None
                or previous.table is not None
                or row.top - previous.bottom > max(spacing * 1.8, spacing + 3)
            )
            and (out and out[-1])
        ):
            out.append("")
        if row.table is not None:
            out.extend(row.table)
        else:
            out.append(_row_text(row, heading_sizes, bullets))
            if out[-1].startswith("#"):
                out.append("")
        previous = row
    while out and not out[-1]:
        out.pop()
    return out


def _row_text(row: _Row, heading_sizes: list[float], bullets: list[int]) -> str:
    text = row.text
    if row.size in heading_sizes and len(text.split()) <= _MAX_HEADING_WORDS:
        level = min(heading_sizes.index(row.size) + 1, 4)
        return f"{'#' * level} {text}"
    if _LIST_MARK.match(text):
        level = max(0, bullets.index(round(row.x0))) if round(row.x0) in bullets else 0
        return "  " * level + text
    if row.words and all(w.bold for w in row.words) and len(text.split()) <= _MAX_HEADING_WORDS:
        return f"**{text}**"
    return text
