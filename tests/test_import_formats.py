"""Every format a clerk's archive holds, read from real files this test writes: PDFs made with
fpdf2 that carry the traps of published minutes, saved web pages, Word documents with tables,
Markdown from Jekyll sites and converters, fixed-width text and raw IRC logs. Each reader
must keep the minutes' words and structure, drop only what is not minutes (and say so), and
number every line as the source does; the real command must then import and build them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from site_gen.importer.document import Document
from site_gen.importer.readers import read_document
from site_gen.pipeline import BuildOptions, build
from tests.test_import import site_gen


def texts(document: Document) -> list[str]:
    return [line.text for line in document.lines]


def line_of(document: Document, fragment: str) -> int:
    return next(line.number for line in document.lines if fragment in line.text)


# --- PDF -----------------------------------------------------------------------------------------

HEADER = "Harbour Board - minutes of the ordinary meeting"
SPLIT_END = "the board agreed that the mooring fees for small boats will stay as they are for"
SPLIT_START = "the coming year and asked the clerk to write to every berth holder."


def _harbour_pdf(path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")

    class Minutes(fpdf.FPDF):  # type: ignore[misc]
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, HEADER, align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Minutes()
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, "Harbour Board", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 7, "Minutes of the meeting held on 12 March 2024", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    # Each word its own text object: copying the text gives one word a line.
    x, y = pdf.l_margin, pdf.get_y() + 5
    present = "Present: Ann Lee (Chair), Bob Ray, Cat Diaz"
    for word in present.split():
        pdf.text(x, y, word)
        x += pdf.get_string_width(word + " ")
    pdf.ln(10)
    with pdf.table(col_widths=(60, 30)) as table:
        for cells in (("Name", "Present"), ("Ann Lee", "x"), ("Dev Rao", "")):
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 9, "1. Mooring fees", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    while pdf.get_y() < pdf.h - 36:
        pdf.cell(0, 6, "The board discussed the fees paid by the owners of boats", new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
    pdf.cell(0, 6, SPLIT_END, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.cell(0, 6, SPLIT_START, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 9, "2. Harbour wall", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    top = pdf.get_y()
    for i in range(8):  # two columns: the left one is read first
        pdf.text(pdf.l_margin, top + 6 + i * 6, f"Left column line {i} about the wall")
        pdf.text(pdf.w / 2 + 5, top + 6 + i * 6, f"Right column line {i} about the steps")
    pdf.set_y(top + 56)
    pdf.cell(0, 6, "After the two columns, the board went on to its actions, which were these.",
             new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.cell(0, 6, "Actions:", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "\u00b7 Cat to get two quotes for the wall (1.1)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 8)
    pdf.cell(0, 6, "\u00b7 and to ask the council first", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_a_pdf_is_read_from_where_its_words_sit(tmp_path: Path) -> None:
    source = tmp_path / "harbour-board.pdf"
    _harbour_pdf(source)
    document = read_document(source)
    lines = texts(document)
    assert not any(HEADER in text for text in lines), "the running header is left out"
    assert not any("Page " in text and " of " in text for text in lines), "so are page numbers"
    remarks = [r.text for r in document.remarks]
    assert any(HEADER in r and "(2 pages)" in r for r in remarks), remarks
    assert any(r.startswith("page numbers left out (2 pages)") for r in remarks), remarks
    assert "# Harbour Board" in lines, "the largest font is the title"
    assert "Present: Ann Lee (Chair), Bob Ray, Cat Diaz" in lines, "one word a text object"
    table = lines.index("| Name | Present |")
    assert lines[table + 1 : table + 4] == ["| --- | --- |", "| Ann Lee | x |", "| Dev Rao |  |"]
    assert "## 1. Mooring fees" in lines and "## 2. Harbour wall" in lines
    assert "- Cat to get two quotes for the wall (1.1)" in lines, "a bullet is Markdown's"
    assert "  - and to ask the council first" in lines, "and keeps its nesting"
    left = [i for i, t in enumerate(lines) if t.startswith("Left column line")]
    right = [i for i, t in enumerate(lines) if t.startswith("Right column line")]
    assert len(left) == len(right) == 8 and max(left) < min(right), "column by column"
    after = lines.index(
        "After the two columns, the board went on to its actions, which were these."
    )
    assert max(right) < after < lines.index("Actions:")
    # Every line knows its page; numbers run through the document.
    assert document.page(line_of(document, SPLIT_END)) == 1
    assert document.page(line_of(document, SPLIT_START)) == 2
    assert document.where(line_of(document, SPLIT_START)).endswith("(page 2)")
    assert [ln.number for ln in document.lines] == list(range(1, len(lines) + 1))


def test_a_pdf_imports_and_builds(tmp_path: Path) -> None:
    source = tmp_path / "harbour-board.pdf"
    _harbour_pdf(source)
    content = tmp_path / "content"
    result = site_gen("import", source, "--content", content)
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout
    assert re.search(rf"{re.escape(str(source))}:\d+ \(page 1\): joined", report), "one sentence"
    built = build(BuildOptions(content, tmp_path / "out", drafts=True))
    assert not built.failed, [p.format() for p in built.problems]
    assert built.site is not None
    (meeting,) = built.site.meetings
    assert (meeting.group, meeting.date) == ("harbour-board", date(2024, 3, 12))
    names = [a.name for s in meeting.sections for a in s.attendees]
    assert names == ["Ann Lee", "Bob Ray", "Cat Diaz"]
    assert f"{SPLIT_END} {SPLIT_START}" in meeting.body_html
    assert HEADER not in meeting.body_html
    (action,) = [a for a in built.site.actions if a.raised_in]
    assert (action.action_id, [o.person_id for o in action.owners]) == ("1.1", ["cat-diaz"])


def test_pdfs_that_cannot_be_read_are_refused_with_a_hint(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    scan = fpdf.FPDF()
    scan.add_page()  # a page with no text: a scan
    scan.rect(20, 20, 100, 100)
    scan.output(str(tmp_path / "scan.pdf"))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<\n")
    result = site_gen("import", tmp_path / "scan.pdf", tmp_path / "broken.pdf", "--content",
                      tmp_path / "content")  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert (
        f"{tmp_path / 'scan.pdf'}:1: not imported: the PDF has no text (a scan?)" in result.stdout
    )
    assert "(hint: run text recognition on it" in result.stdout
    assert f"{tmp_path / 'broken.pdf'}:1: not imported: " in result.stdout


# --- HTML ----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Lakeside Residents Association</title>
<style>.menu { color: red }</style>
<script>var tracking = "SCRIPT-TEXT";</script></head>
<body>
<nav><a href="/">Home</a> <a href="/minutes/">NAV-TEXT</a></nav>
<div id="cookie" style="display: none">HIDDEN-TEXT</div>
<main>
<h1>Lakeside Residents Association</h1>
<p>Minutes of the committee meeting, 9 October 2023</p>
<h2>Attendance</h2>
<table>
  <tr><th>Present</th><th>Name</th></tr>
  <tr><td>x</td><td>Rosa Diaz</td></tr>
  <tr><td></td><td>Omar Haddad</td></tr>
</table>
<dl><dt>Apologies</dt><dd>Lena Park</dd></dl>
<h2>1. Street lighting</h2>
<p>The council has replied: see <a href="https://example.org/letter">the letter</a> and
<a href="/minutes/2023-09.html">last month's minutes</a>.</p>
<ul><li>Rosa to ask for a date for the repairs (4.1)</li>
<li>Omar to count the broken lamps<ul><li>on Mill Lane first</li></ul></li></ul>
</main>
<footer>FOOTER-TEXT</footer>
</body></html>
"""


def test_a_saved_web_page_keeps_the_minutes_and_drops_the_site(tmp_path: Path) -> None:
    source = tmp_path / "minutes.html"
    source.write_text(PAGE, encoding="utf-8")
    document = read_document(source)
    joined = "\n".join(texts(document))
    for furniture in ("SCRIPT-TEXT", "NAV-TEXT", "HIDDEN-TEXT", ".menu", "FOOTER-TEXT"):
        assert furniture not in joined
    assert any("left out" in note for note in document.notes)
    assert document.said_value("title") is not None
    source_lines = PAGE.splitlines()
    for line in document.lines:  # every line is numbered with the source line it came from
        if line.text.startswith(("#", "|", "-", "Apologies")) and "---" not in line.text:
            last = line.text.strip("#|- ").split()[-1].strip("|:.()")
            assert last in source_lines[line.number - 1], (line, source_lines[line.number - 1])
    lines = texts(document)
    assert lines[lines.index("| Present | Name |") : lines.index("| Present | Name |") + 4] == [
        "| Present | Name |",
        "| --- | --- |",
        "| x | Rosa Diaz |",
        "|  | Omar Haddad |",
    ]
    assert "Apologies: Lena Park" in lines
    assert "  - on Mill Lane first" in lines
    assert any("[the letter](https://example.org/letter)" in t for t in lines)
    assert any("and last month's minutes." in t for t in lines), "a link to the old site: text"


def test_a_saved_web_page_imports_and_builds(tmp_path: Path) -> None:
    source = tmp_path / "lakeside.html"
    source.write_text(PAGE, encoding="utf-8")
    content = tmp_path / "content"
    result = site_gen("import", source, "--content", content)
    assert result.returncode == 0, result.stdout + result.stderr
    built = build(BuildOptions(content, tmp_path / "out", drafts=True))
    assert not built.failed, [p.format() for p in built.problems]
    assert built.site is not None
    (meeting,) = built.site.meetings
    assert (meeting.group, meeting.date) == ("lakeside-residents-association", date(2023, 10, 9))
    assert "SCRIPT-TEXT" not in meeting.body_html and "NAV-TEXT" not in meeting.body_html
    assert '<a href="https://example.org/letter">the letter</a>' in meeting.body_html


# --- Word ----------------------------------------------------------------------------------------


def test_word_tables_of_attendees_and_actions_are_tables(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Allotment Society", level=1)
    document.add_paragraph("Minutes of the meeting on 2 May 2024")
    attendees = document.add_table(rows=3, cols=2)
    for row, cells in zip(
        attendees.rows,
        (("Name", "Role"), ("Ivy Chen", "Chair"), ("Tom Hale", "Treasurer")),
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_heading("Actions", level=2)
    actions = document.add_table(rows=2, cols=3)
    for row, cells in zip(
        actions.rows,
        (("Id", "Owner", "Task"), ("2.1", "Tom", "order the seed potatoes")),
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    source = tmp_path / "allotments.docx"
    document.save(str(source))
    read = read_document(source)
    lines = texts(read)
    assert read.unit == "paragraph"
    assert "| Name | Role |" in lines and "| Ivy Chen | Chair |" in lines
    assert "| 2.1 | Tom | order the seed potatoes |" in lines
    numbers = [ln.number for ln in read.lines if ln.text]
    assert numbers == sorted(numbers) and len(set(numbers)) >= 8, "a paragraph a row"


# --- Markdown ------------------------------------------------------------------------------------

JEKYLL = """---
title: "2023-02-14"
layout: minutes
nav_order: 4
---
# Tenants Forum meeting - 14 February 2023

## Attendance

<table>
  <tr>
   <td>
   </td>
   <td><strong>Name</strong>
   </td>
  </tr>
  <tr>
   <td>X
   </td>
   <td>Nora Quinn
   </td>
  </tr>
</table>

## Notes

\\- heating: the boiler was fixed\\!
  - one
<!-- end list -->
  - two
"""


def test_markdown_front_matter_and_converter_marks(tmp_path: Path) -> None:
    source = tmp_path / "2023-02-14.md"
    source.write_text(JEKYLL, encoding="utf-8")
    document = read_document(source)
    lines = texts(document)
    said = document.said_value("title")
    assert said is not None and (said.value, said.line) == ("2023-02-14", 2)
    assert not any(t.startswith(("layout:", "nav_order:", "---")) for t in lines)
    assert any("layout, nav_order" in r.text for r in document.remarks)
    assert "<!-- end list -->" not in "\n".join(lines)
    assert any("'<!-- end list -->' left out" in n for n in document.notes)
    assert lines[lines.index("## Attendance") + 2 :][:3] == [
        "|  | **Name** |",
        "| --- | --- |",
        "| X | Nora Quinn |",
    ]
    row = next(ln for ln in document.lines if "Nora Quinn" in ln.text)
    assert (
        row.text == "| X | Nora Quinn |" and JEKYLL.splitlines()[row.number - 1].strip() == "<tr>"
    )
    assert "\\- heating: the boiler was fixed\\!" in lines, "escapes stay: Markdown reads them"
    assert document.lines[0].number == 6, "numbers stay those of the file"


# --- plain text and IRC --------------------------------------------------------------------------

BOARD = """                     Riverside Rowing Club

                    Committee Meeting Minutes

                          3 April 2024


 1. Call to order

    The meeting was called to order at 7pm.

 2. Roll Call

    Committee present:

        Alice Brown
        Bert Cole

 3. Reports

    ## Boathouse ##
    ------------------

    The roof leaks.
        Status: still not done
"""


def test_fixed_width_text_moves_each_block_to_the_margin(tmp_path: Path) -> None:
    source = tmp_path / "rowing.txt"
    source.write_text(BOARD, encoding="utf-8")
    lines = texts(read_document(source))
    assert "Riverside Rowing Club" in lines and "3 April 2024" in lines
    assert "1. Call to order" in lines and "Committee present:" in lines
    assert "Alice Brown" in lines, "a block of names, at the margin: not code"
    assert "\\## Boathouse ##" in lines, "in plain text '#' is no heading"
    assert not any(set(t) == {"-"} for t in lines), "a rule under text would make a heading"
    assert "The roof leaks." in lines and "    Status: still not done" in lines


IRC = """[2024-05-07T15:58:01.000Z]\t<Ann_Lee>\tpresent+
[2024-05-07T15:59:12.000Z]\t<Bob_Ray_(guest)>\tpresent+
[2024-05-07T16:00:00.000Z]\t<scribebot>\tscribe+
[2024-05-07T16:00:01.000Z]\t<scribebot>\tMeeting: Weekly call
[2024-05-07T16:00:05.000Z]\t<Cat>\tregrets+
[2024-05-07T16:01:00.000Z]\t<scribebot>\tTopic: Budget
[2024-05-07T16:01:10.000Z]\t<scribebot>\tAnn_Lee: We have spent half of it.
[2024-05-07T16:01:20.000Z]\t<Ann_Lee>\tq+
[2024-05-07T16:01:30.000Z]\t<Bob_Ray_(guest)>\thttps://example.org/budget
"""


def test_a_raw_irc_log_reads_as_scribe_minutes(tmp_path: Path) -> None:
    source = tmp_path / "irc.log"
    source.write_text(IRC, encoding="utf-8")
    document = read_document(source)
    lines = texts(document)
    assert lines[:3] == ["Present:", "- Ann Lee", "- Bob Ray (guest)"]
    assert [ln.number for ln in document.lines[:3]] == [1, 1, 2]
    assert "Regrets:" in lines and "- Cat" in lines
    assert "## Budget" in lines and "Ann Lee: We have spent half of it." in lines
    assert "<Bob Ray (guest)> https://example.org/budget" in lines
    assert not any("q+" in t for t in lines)
    assert any("1 IRC queue and bot command" in n for n in document.notes)
    said = document.said_value("date")
    assert said is not None and said.value == "2024-05-07"


def test_form_feeds_are_page_breaks_and_count_no_line(tmp_path: Path) -> None:
    from site_gen.importer.pagebreaks import join_page_breaks

    source = tmp_path / "from-a-pdf.txt"
    source.write_text("Minutes\n\nThe committee asked that the\n\fdraft be sent again.\nEnd\n")
    document = read_document(source)
    assert document.page_starts == (4,)
    assert texts(document)[3] == "draft be sent again.", "the form feed is gone, the line stays"
    lines, joins = join_page_breaks(document.lines, document.page_starts)
    assert [j.first.number for j in joins] == [3]
    assert "The committee asked that the draft be sent again." in [ln.text for ln in lines]
