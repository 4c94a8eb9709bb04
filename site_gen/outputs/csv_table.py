"""CSV files the site publishes: RFC 4180, and no cell a spreadsheet would run as a formula.

A cell whose text begins with '=', '+', '-', '@', a tab or a carriage return (or a
full-width form of one) is opened as a formula by Excel, LibreOffice and Google Sheets:
"=HYPERLINK(...)" in an action's task would run on a reader's machine. As OWASP
recommends, such a cell gets a leading apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from site_gen.unicode_text import folded

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    return "'" + text if folded(text[:1]).startswith(FORMULA_STARTS) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A UTF-8 CSV document with CRLF line ends, every cell made safe."""
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return table.getvalue().encode("utf-8")
