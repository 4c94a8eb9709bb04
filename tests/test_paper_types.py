"""Papers are what they say: only allowed document types are published, judged by the bytes of
the file that would be copied (a link's target) and by the name it would be published under,
never by the name as typed. Through the real command, each refusal at the paper's line."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

from site_gen.link.papers import published_name
from tests.build_cli import build_args, site_gen
from tests.test_no_leak import build_and_scan, meeting_file

MEETING = "meetings/board/2024-01-10.md"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def zipped(parts: dict[str, bytes]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, body in parts.items():  # in order: OpenDocument's "mimetype" first
            archive.writestr(zipfile.ZipInfo(name), body)
    return data.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})

# (name as written in the minutes, bytes, or "->target" for a link, or "=>target" for a
# hard link): each must be refused.
REFUSED: list[tuple[str, bytes | str]] = [
    ("papers/p1.\uff48\uff54\uff4d\uff4c", HTML),  # "html" in full-width letters
    ("papers/p1b.\uff50\uff44\uff46", HTML),  # "pdf" in full-width letters, HTML inside
    ("papers/p2.svg#", SVG),
    ("papers/p3.html~", HTML),
    ("papers/p4.pdf", "->logo.svg"),  # a .pdf link to an SVG
    ("papers/p5.php", b"<?php echo 'hi'; ?>\n"),
    ("papers/p6.xsl", b'<?xml version="1.0"?><xsl:stylesheet version="1.0"/>\n'),
    ("papers/p7.mht", b"MIME-Version: 1.0\nContent-Type: multipart/related\n\n" + HTML),
    ("papers/p8.pdf", HTML),  # an HTML file renamed .pdf
    ("papers/p9.pdf", "=>logo.svg"),  # a hard link to an SVG, named .pdf
    ("papers/p10.txt", b"Minutes\n<html><script>alert(1)</script>\n"),
    ("papers/p11.csv", b"  <svg onload=alert(1)>,1\n"),
    ("papers/p12.png", SVG),  # an image in name only
    ("papers/p13.docx", zipped({"index.html": HTML})),  # a ZIP, but no Word document
    ("papers/p14", PDF),  # no suffix: a server would guess
    ("papers/p15.pdf.html", HTML),
    ("papers/p16.svgz", SVG),
    ("papers/p17.pdf.", PDF),  # a trailing dot: published without a suffix
    ("papers/p18.xhtml", HTML),
    ("papers/p19.js", b"alert(1)\n"),
    ("papers/p20.PNG", b"GIF89a" + bytes(16)),  # a real image, under another type's name
    ("papers/p21.odt", zipped({"mimetype": b"text/html", "index.html": HTML})),
    ("papers/p22.docm", DOCX),  # macro-enabled Word: not on the list
    ("papers/p23.mp3", b"ID3" + bytes(64)),
    ("papers/p24.txt", b"text\0with a NUL\n"),  # not plain text
]
PUBLISHED: list[tuple[str, bytes]] = [
    ("papers/ok1.\uff50\uff44\uff46", PDF),  # full-width "pdf": published as .pdf, and is one
    ("papers/Budget 2024.PDF", PDF),
    ("papers/ok3.docx", DOCX),
    ("papers/ok4.odt", ODT),
    ("papers/ok5.png", PNG),
    ("papers/ok6.csv", b"item,cost\nchairs,100\n"),
    ("papers/ok7.txt", b"\xef\xbb\xbfPlain notes: 3 < 4 and 5 > 2.\n"),
    ("papers/ok8.jpeg", b"\xff\xd8\xff\xe0" + bytes(32)),
    ("papers/ok9.gif", b"GIF89a" + bytes(16)),
    ("papers/ok10.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(16)),
    ("papers/ok11.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(32)),
    ("papers/ok12.rtf", b"{\\rtf1\\ansi Hello}\n"),
    ("papers/ok13.pdf", "->ok13-real.pdf"),  # a link that stays inside, to a real PDF
]


def write_site(root: Path, papers: list[tuple[str, bytes | str]]) -> tuple[Path, dict[str, int]]:
    """A one-meeting site listing `papers`; the content folder and each paper's line."""
    content = root / "content"
    (content / "groups").mkdir(parents=True)
    (content / "meetings" / "board").mkdir(parents=True)
    (content / "papers").mkdir()
    (content / "site.yaml").write_text("title: Board minutes\n")
    (content / "groups" / "board.yaml").write_text("name: Board\nmembers: [Ann Lee]\n")
    (content / "papers" / "logo.svg").write_bytes(SVG)
    (content / "papers" / "ok13-real.pdf").write_bytes(PDF)
    head = ["---", "date: 2024-01-10", "attendance:", "  - {kind: present, people: [Ann Lee]}"]
    lines = {}
    entries = []
    for n, (name, data) in enumerate(papers):
        lines[name] = len(head) + 2 + n  # after "papers:"
        entries.append(f'  - {{title: "Paper {n}", file: "{name}"}}')
        path = content / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif data.startswith("->"):
            path.symlink_to(data[2:])
        else:
            os.link(content / "papers" / data[2:], path)
    body = [*head, "papers:", *entries, "---", "", "## Item 1", "", "Papers were noted.", ""]
    (content / MEETING).write_text("\n".join(body))
    return content, lines


def test_every_paper_that_is_not_what_it_says_is_refused_at_its_line(tmp_path: Path) -> None:
    content, lines = write_site(tmp_path, REFUSED)
    out = tmp_path / "out"
    for command in (build_args(content, out, "--no-search"), ["check", "--content", content]):
        run = site_gen(*command)
        said = run.stdout + run.stderr
        assert run.returncode == 1 and "Traceback" not in said, said
        for name, line in lines.items():
            assert f"{content}/{MEETING}:{line}: error: paper {name!r}" in said, (name, said)
    assert not out.exists()


def test_papers_of_the_allowed_types_are_published_under_their_checked_name(
    tmp_path: Path,
) -> None:
    content, _ = write_site(tmp_path, list(PUBLISHED))
    out = tmp_path / "out"
    run = site_gen(*build_args(content, out, "--no-search"))
    assert run.returncode == 0, run.stderr
    published = {p.name: p.read_bytes() for p in (out / "groups/board/papers").iterdir()}
    expected = {}
    for name, data in PUBLISHED:
        target = name if isinstance(data, bytes) else f"papers/{data[2:]}"  # a link's target
        expected[published_name(target)] = (content / target).read_bytes()
    assert published == expected
    assert "ok1.pdf" in published and "budget-2024.pdf" in published
    page = (out / "groups/board/2024-01-10.html").read_text()
    assert 'href="papers/ok1.pdf" type="application/pdf"' in page
    assert 'type="application/vnd.oasis.opendocument.text"' in page


@pytest.mark.parametrize(("name", "data"), REFUSED[:6])
def test_a_refused_paper_leaves_the_previous_site_as_it_was(
    tmp_path: Path, name: str, data: bytes | str
) -> None:
    content, _ = write_site(tmp_path, [("papers/fine.pdf", PDF)])
    out = tmp_path / "out"
    assert site_gen(*build_args(content, out, "--no-search")).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    meeting = content / MEETING
    entry = f'  - {{title: "Late", file: "{name}"}}'
    meeting.write_text(meeting.read_text().replace("papers:\n", f"papers:\n{entry}\n"))
    if isinstance(data, bytes):
        (content / name).write_bytes(data)
    else:
        (content / name).symlink_to(data[2:])
    run = site_gen(*build_args(content, out, "--no-search"))
    assert run.returncode == 1 and f"error: paper {name!r}" in run.stderr, run.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_paper_name_the_file_system_cannot_take_is_a_problem_not_a_crash(
    tmp_path: Path,
) -> None:
    content, _ = write_site(tmp_path, [])
    meeting = content / MEETING
    names = [  # as YAML writes them: NUL, NEL and tab escapes; overlong names and paths
        "papers/a\\0b.pdf",
        "papers/\\x85b.pdf",
        "papers/\\tb.pdf",
        "papers/" + "x" * 300 + ".pdf",
        "papers/" + "y/" * 3000 + "z.pdf",
    ]
    entries = "".join(f'  - {{title: "N{n}", file: "{name}"}}\n' for n, name in enumerate(names))
    meeting.write_text(meeting.read_text().replace("papers:\n", "papers:\n" + entries))
    build = build_args(content, tmp_path / "out", "--no-search")
    for command in (build, ["check", "--content", content]):
        run = site_gen(*command)
        said = run.stdout + run.stderr
        assert run.returncode == 1 and "Traceback" not in said, said
        for line in range(6, 6 + len(names)):
            assert f"{MEETING}:{line}: error: paper " in said, (line, said)


# --- A paper marked private is published nowhere, wherever else it is listed ----------------
SECRET_PDF = b"%PDF-1.7\nSENTINEL-PRIVATE-PAPER\n%%EOF\n"
PRIVATE_HERE = "papers:\n  - {title: Legal advice, file: papers/advice.pdf, private: true}\n"
ELSEWHERE = {
    "the same name": ("papers/advice.pdf", ""),
    "another spelling of the path": ("./papers//advice.pdf", ""),
    "a link to the file": ("papers/pack.pdf", "->advice.pdf"),
    "marked private in a draft": ("papers/advice.pdf", "draft"),
}


@pytest.mark.parametrize("case", ELSEWHERE.values(), ids=ELSEWHERE.keys())
def test_a_paper_marked_private_is_published_nowhere(
    tmp_path: Path, previous_small_site: Path, case: tuple[str, str]
) -> None:
    """A clerk marks a paper private in one meeting while another still lists it: an error at
    the public listing, and the file is copied nowhere."""
    written, how = case
    first = meeting_file(
        "Minutes.\n", front=("status: draft\n" if how == "draft" else "") + PRIVATE_HERE
    )
    later = meeting_file(
        "Later.\n",
        day="2024-02-10",
        number=2,
        front=f"papers:\n  - {{title: Board pack, file: {written}}}\n",
    )
    files: dict[str, str | bytes] = {**first, **later, "papers/advice.pdf": SECRET_PDF}
    if how.startswith("->"):
        (tmp_path / "content" / "papers").mkdir(parents=True)
        (tmp_path / "content" / "papers" / "pack.pdf").symlink_to(how[2:])
    outcome = build_and_scan(tmp_path, previous_small_site, files)
    assert outcome.result.failed
    text = later["meetings/board/2024-02-10.md"]
    assert isinstance(text, bytes)
    line = next(n for n, found in enumerate(text.decode().split("\n"), 1) if written in found)
    assert outcome.errors == [("meetings/board/2024-02-10.md", line)]


def test_a_private_paper_leaves_other_papers_alone(held: Any) -> None:
    later = meeting_file(
        "Later.\n",
        day="2024-02-10",
        number=2,
        front="papers:\n  - {title: Pack, file: papers/pack.pdf}\n",
    )
    files = {
        **meeting_file("Minutes.\n", front=PRIVATE_HERE),
        **later,
        "papers/advice.pdf": SECRET_PDF,
        "papers/pack.pdf": PDF,
    }
    outcome = held(files)
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    assert (outcome.out / "groups" / "board" / "papers" / "pack.pdf").read_bytes() == PDF
