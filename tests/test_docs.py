"""The documentation: the MkDocs site builds with --strict, its list of messages is complete,
and README.md is a short front page whose links, commands and walkthrough all work."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.problem_messages import MARKER, messages
from site_gen.cli import main, make_parser
from site_gen.commands import COMMANDS

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
INVALID = REPO / "tests" / "invalid"


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("docs")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, run.stderr  # --strict: any broken link or anchor fails
    return site


def test_the_docs_build_strictly_with_every_page(built_docs: Path) -> None:
    pages = {p.relative_to(REPO / "docs").with_suffix("") for p in (REPO / "docs").rglob("*.md")}
    for page in pages:
        html = built_docs / ("index.html" if page.name == "index" else f"{page}/index.html")
        assert html.is_file(), page
    messages_page = (built_docs / "clerks/messages/index.html").read_text(encoding="utf-8")
    assert MARKER not in messages_page and "kinds of problem" in messages_page


def _literal_codes() -> set[str]:
    """Every problem code written as a literal in site_gen's code."""
    codes = set()
    for path in (REPO / "site_gen").rglob("*.py"):
        codes |= set(re.findall(r"""\bcode=["']([a-z0-9-]+)["']""", path.read_text("utf-8")))
    return codes


def test_the_message_list_holds_every_code_the_code_and_the_invalid_sites_give(
    capsys: pytest.CaptureFixture[str],
) -> None:
    listed = {m.code for m in messages()}
    assert _literal_codes() <= listed
    assert all(m.message and m.code for m in messages())
    raised = set()
    for case in sorted(p for p in INVALID.iterdir() if (p / "content").is_dir()):
        capsys.readouterr()
        main(["check", "--content", str(case / "content"), "--format", "json"])
        raised |= set(re.findall(r'"code": "([^"]+)"', capsys.readouterr().out))
    assert raised, "the invalid sites raise problems"
    assert raised <= listed, raised - listed


def test_readme_is_a_short_front_page_whose_links_resolve() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 200
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert len(local) > 10
    for link in local:
        assert (REPO / link.split("#")[0]).exists(), link


def _shell_lines(text: str) -> list[str]:
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]


def test_every_command_in_the_readme_exists() -> None:
    lines = [line for line in _shell_lines(README.read_text(encoding="utf-8")) if line]
    targets = set(re.findall(r"^([a-z-]+):", (REPO / "Makefile").read_text("utf-8"), re.M))
    ran = set()
    for line in lines:
        words = shlex.split(line)
        if words[0] == "make":
            assert words[1] in targets, line
        elif words[0] == "site-gen" and words[1] in COMMANDS:
            make_parser(words[1]).parse_args(words[1:])  # exits on an unknown option
            ran.add(words[1])
    assert {"init", "new"} <= ran


def test_the_readme_walkthrough_builds(tmp_path: Path) -> None:
    folder = tmp_path / "finance-minutes"
    assert main(["init", str(folder), "--group", "Finance Committee", "--date", "2025-03-04"]) == 0
    content = folder / "content"
    assert (
        main(
            [
                "new",
                "meeting",
                "finance-committee",
                "--date",
                "2025-04-01",
                "--content",
                str(content),
            ]
        )
        == 0
    )
    (example,) = re.findall(r"^```markdown\n(.*?)^```", README.read_text("utf-8"), re.M | re.S)
    meeting = content / "meetings/finance-committee/2025-04-01.md"
    meeting.write_text(example.replace("status: draft", "status: approved"), encoding="utf-8")
    out = tmp_path / "output"
    build = ["build", "--content", str(content), "--out", str(out), "--strict", "--no-search"]
    assert main(build) == 0
    page = (out / "groups/finance-committee/2025-04-01.html").read_text(encoding="utf-8")
    assert "Sam Patel" in page and "present the budget to the Board" in page
