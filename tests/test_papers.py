"""Meeting papers, built end to end in small sites: copied, sized, named safely, or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.link.papers import file_kind, published_name
from site_gen.pipeline import BuildOptions, BuildResult, build
from site_gen.views.papers import human_size

GROUP = "name: Board\nmembers:\n  - {name: Ann Lee, role: Chair}\n"
MEETING = "meetings/board/2024-01-10.md"
PRESENT = "attendance:\n  - {kind: present, people: [Ann Lee]}\n"


def site(tmp_path: Path, papers: str, files: dict[str, bytes], status: str = "approved") -> Path:
    content = tmp_path / "content"
    (content / "groups").mkdir(parents=True)
    (content / "meetings" / "board").mkdir(parents=True)
    (content / "site.yaml").write_text("title: T\n")
    (content / "groups" / "board.yaml").write_text(GROUP)
    front = f"date: 2024-01-10\nstatus: {status}\n{PRESENT}"
    (content / MEETING).write_text(f"---\n{front}papers:\n{papers}---\n\n## Item 1\n\nText.\n")
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return content


def run(content: Path, **options: bool) -> tuple[BuildResult, Path]:
    out = content.parent / "out"
    return build(BuildOptions(content=content, out=out, **options)), out


def problems(result: BuildResult) -> list[str]:
    return [p.format().split("\n")[0] for p in result.problems]


def everything(out: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file())


def test_a_paper_is_copied_byte_for_byte_and_listed_with_kind_and_size(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 5000  # 1,280,009 bytes: 1.2 MB
    content = site(
        tmp_path,
        "  - {title: Slides, file: papers/Slides 2024.PDF}\n",
        {"papers/Slides 2024.PDF": data},
    )
    result, out = run(content)
    assert problems(result) == []
    assert (out / "groups/board/papers/slides-2024.pdf").read_bytes() == data
    page = (out / "groups/board/2024-01-10.html").read_text()
    assert (
        '<a href="papers/slides-2024.pdf" type="application/pdf">Slides</a> '
        '<span class="muted">(PDF, 1.2 MB)</span>'
    ) in page


def test_private_papers_are_never_checked_listed_or_copied(tmp_path: Path) -> None:
    papers = (
        "  - {title: Open paper, file: papers/open.txt}\n"
        "  - {title: Closed paper TITLE, file: papers/qz-shut.txt, private: true}\n"
        "  - {title: Not even there, file: papers/qz-gone.txt, private: true}\n"
        "  - {title: Private notes make it private, file: papers/qz-noted.txt, private: {why: x}}\n"
    )
    files = {
        "papers/open.txt": b"OPEN",
        "papers/qz-shut.txt": b"CLOSED CONTENT",
        "papers/qz-noted.txt": b"NOTED CONTENT",
    }
    result, out = run(site(tmp_path, papers, files))
    assert problems(result) == []  # the missing private file is never looked for
    assert sorted(p.name for p in (out / "groups/board/papers").iterdir()) == ["open.txt"]
    data = everything(out)
    for secret in (b"CLOSED", b"NOTED", b"qz-", b"Not even there", b"Closed paper"):
        assert secret not in data


def test_two_files_with_one_published_name_are_never_silent(tmp_path: Path) -> None:
    papers = (
        "  - {title: First, file: papers/a/Budget.pdf}\n"
        "  - {title: Second, file: papers/b/budget.pdf}\n"
        "  - {title: First again, file: papers/a/Budget.pdf}\n"
    )
    files = {"papers/a/Budget.pdf": b"%PDF-FIRST", "papers/b/budget.pdf": b"%PDF-SECOND"}
    result, out = run(site(tmp_path, papers, files))
    assert problems(result) == [
        f"{tmp_path}/content/{MEETING}:8: warning: papers 'papers/a/Budget.pdf' and "
        "'papers/b/budget.pdf' would both be published as 'budget.pdf'; "
        "'papers/b/budget.pdf' is published as 'budget-2.pdf'"
    ]
    assert (out / "groups/board/papers/budget.pdf").read_bytes() == b"%PDF-FIRST"
    assert (out / "groups/board/papers/budget-2.pdf").read_bytes() == b"%PDF-SECOND"


def test_a_link_out_of_the_content_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.pdf").write_bytes(b"SECRET")
    content = site(tmp_path, "  - {title: Linked, file: papers/linked.pdf}\n", {})
    (content / "papers").mkdir()
    (content / "papers" / "linked.pdf").symlink_to(tmp_path / "secret.pdf")
    result, _ = run(content)
    assert result.failed
    assert problems(result) == [
        f"{tmp_path}/content/{MEETING}:7: error: paper 'papers/linked.pdf' is outside the "
        "content folder"
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{title: Hidden, file: papers/.notes.pdf}", "'papers/.notes.pdf' is a content or hidden"),
        ("{title: A meeting, file: meetings/board/2024-01-10.md}", "is a content or hidden"),
        ("{title: Both, file: papers/a.pdf, url: 'https://example.org/'}", "not both"),
        ("{title: Neither}", "a paper has no 'file'"),
        ("{title: Script, url: 'javascript:alert(1)'}", "must be a web address"),
        ("{title: Vector, file: papers/logo.svg}", "a browser runs as part of the site"),
        ("{file: papers/a.pdf}", "a paper has no 'title'"),
    ],
)
def test_papers_that_cannot_be_published(tmp_path: Path, entry: str, message: str) -> None:
    files = {"papers/.notes.pdf": b"x", "papers/a.pdf": b"x", "papers/logo.svg": b"<svg/>"}
    result, _ = run(site(tmp_path, f"  - {entry}\n", files))
    assert result.failed
    assert len(result.problems) == 1 and f"{MEETING}:7: error: " in problems(result)[0]
    assert message in problems(result)[0]


def test_a_draft_meetings_papers_are_published_only_with_it(tmp_path: Path) -> None:
    content = site(
        tmp_path, "  - {title: Draft, file: papers/d.txt}\n", {"papers/d.txt": b"DRAFT"}, "draft"
    )
    result, out = run(content)
    assert not result.failed and not (out / "groups/board/papers").exists()
    result, out = run(content, drafts=True)
    assert (out / "groups/board/papers/d.txt").read_bytes() == b"DRAFT"


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (250_000, "244 KB"),
        (1_048_575, "1.0 MB"),
        (1_258_291, "1.2 MB"),
        (5 * 1024**3, "5.0 GB"),
    ],
)
def test_human_sizes(size: int, shown: str) -> None:
    assert human_size(size) == shown


def test_kinds_and_safe_names() -> None:
    assert file_kind("a.docx")[0] == "Word document"
    assert file_kind("a.XLSX")[0] == "Excel spreadsheet"
    assert file_kind("a.pdf") == ("PDF", "application/pdf")
    assert file_kind("notes.xyz") == ("XYZ file", "application/octet-stream")
    assert file_kind("README") == ("File", "application/octet-stream")
    assert published_name("papers/Slides (final) v2.PDF") == "slides-final-v2.pdf"
    assert published_name("papers/Łódź résumé.docx") == "lodz-resume.docx"
    assert published_name("papers/....pdf") == "paper.pdf"
