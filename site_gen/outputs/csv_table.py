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


class CsvTable:
    """A UTF-8 CSV document with CRLF line ends, every cell made safe, written a row at a
    time: an archive's rows are never all held as lists of cells."""

    def __init__(self, header: Sequence[str]) -> None:
        self._table = io.StringIO()
        self._writer = csv.writer(self._table, lineterminator="\r\n")
        self.add(header)

    def add(self, row: Sequence[str]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def bytes(self) -> bytes:
        return self._table.getvalue().encode("utf-8")


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A UTF-8 CSV document with CRLF line ends, every cell made safe."""
    table = CsvTable(header)
    for row in rows:
        table.add(row)
    return table.bytes()
