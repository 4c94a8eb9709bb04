"""The real commands, `python build.py` and `site-gen build`, run in subprocesses.

Every build here reads a copy of content/ in a temporary folder, so a command that did the
wrong thing with --out could never harm the repository's own content.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.write import MARKER

REPO = Path(__file__).resolve().parent.parent
BUILD_PY = REPO / "build.py"
SITE_GEN = Path(sys.executable).parent / "site-gen"
BUILD_OPTIONS = ("--content", "--out", "--drafts", "--strict", "--templates")
SUMMARY = re.compile(
    r"^Built (?P<files>\d+) files into (?P<out>.+): (?P<meetings>\d+) meetings?, "
    r"(?P<people>\d+) (?:people|person), (?P<actions>\d+) actions?, "
    r"(?P<warnings>\d+) warnings? \((?P<changed>\d+) files? changed, (?P<unchanged>\d+) unchanged\)"
    r" in \d+\.\d\d s\.$"
)


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def build_py(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(sys.executable, BUILD_PY, *args, cwd=cwd)


def site_gen(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    if not SITE_GEN.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    return run(SITE_GEN, *args, cwd=cwd)


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder holding a copy of the sample content/, to run the commands in."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path


def summary(stdout: str) -> dict[str, str]:
    lines = stdout.strip().splitlines()
    assert len(lines) == 1, f"expected one summary line, got:\n{stdout}"
    match = SUMMARY.match(lines[0])
    assert match, f"not a summary line: {lines[0]!r}"
    return match.groupdict()


# --- help ------------------------------------------------------------------------------------


def test_build_py_help(tmp_path: Path) -> None:
    result = build_py("--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for option in BUILD_OPTIONS:
        assert option in result.stdout


def test_site_gen_build_help(tmp_path: Path) -> None:
    result = site_gen("build", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for option in BUILD_OPTIONS:
        assert option in result.stdout


def test_site_gen_without_a_command_is_a_usage_error(tmp_path: Path) -> None:
    result = site_gen(cwd=tmp_path)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


# --- building ---------------------------------------------------------------------------------


def test_build_py_builds_the_sample(workdir: Path, sample_site: Path) -> None:
    result = build_py("--content", "content", "--out", "site", "--no-search", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    counts = summary(result.stdout)
    out = workdir / "site"
    built = files(out)
    assert counts["out"] == "site"
    assert int(counts["files"]) == len(built) - 1  # every file but the marker
    assert MARKER in built
    assert (counts["meetings"], counts["people"], counts["actions"]) == ("1", "15", "13")
    assert counts["warnings"] == "0"
    assert counts["changed"] == counts["files"]
    assert built == files(sample_site), "the command builds what the pipeline builds"


def test_build_py_defaults_to_content_and_output(workdir: Path, sample_site: Path) -> None:
    result = build_py("--no-search", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert summary(result.stdout)["out"] == "output"
    assert files(workdir / "output") == files(sample_site)


def test_site_gen_build_builds_the_sample(workdir: Path, sample_site: Path) -> None:
    out = workdir / "site"
    result = site_gen(
        "build", "--content", workdir / "content", "--out", out, "--no-search", cwd=workdir
    )
    assert result.returncode == 0, result.stderr
    counts = summary(result.stdout)
    assert (counts["meetings"], counts["people"], counts["actions"]) == ("1", "15", "13")
    assert files(out) == files(sample_site)
    again = site_gen(
        "build", "--content", workdir / "content", "--out", out, "--no-search", cwd=workdir
    )
    assert again.returncode == 0, again.stderr
    counts_again = summary(again.stdout)
    assert counts_again["changed"] == "0"
    assert counts_again["unchanged"] == counts_again["files"]


def test_a_missing_content_folder_is_refused(tmp_path: Path) -> None:
    result = build_py("--content", "nowhere", "--out", "site", cwd=tmp_path)
    assert result.returncode == 2
    assert "nowhere" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


# --- templates --------------------------------------------------------------------------------


def test_templates_override_one_page(workdir: Path, sample_site: Path) -> None:
    theme = workdir / "theme"
    theme.mkdir()
    (theme / "404.html").write_text(
        '{% extends "base.html" %}\n'
        "{% block content %}<h1>Lost in the minutes</h1><p>CUSTOM-404</p>{% endblock %}\n",
        encoding="utf-8",
    )
    result = build_py("--out", "site", "--templates", "theme", "--no-search", cwd=workdir)
    assert result.returncode == 0, result.stderr
    built, default = files(workdir / "site"), files(sample_site)
    page = built["404.html"].decode("utf-8")
    assert "CUSTOM-404" in page and "Lost in the minutes" in page
    assert "There is no page at this address" not in page, "the default 404 body is replaced"
    assert 'class="site-header"' in page, "the override still extends the default base.html"
    assert built.keys() == default.keys()
    assert {n for n in built if built[n] != default[n]} == {"404.html"}


def test_templates_override_the_base_of_every_page(workdir: Path, sample_site: Path) -> None:
    theme = workdir / "theme"
    theme.mkdir()
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    assert "</head>" in base
    marker = '<meta name="x-theme" content="CUSTOM-BASE">'
    (theme / "base.html").write_text(base.replace("</head>", f"{marker}\n</head>"), "utf-8")
    result = build_py("--out", "site", "--templates", "theme", "--no-search", cwd=workdir)
    assert result.returncode == 0, result.stderr
    built, default = files(workdir / "site"), files(sample_site)
    assert built.keys() == default.keys()
    pages = [n for n in built if n.endswith(".html")]
    assert pages
    for name in pages:
        assert built[name] == default[name].replace(b"</head>", marker.encode() + b"\n</head>")
    assert {n: built[n] for n in built if n not in pages} == {
        n: default[n] for n in default if n not in pages
    }


def test_templates_override_a_static_file(workdir: Path, sample_site: Path) -> None:
    (workdir / "theme" / "static").mkdir(parents=True)
    (workdir / "theme" / "static" / "style.css").write_text("body { color: teal; }\n", "utf-8")
    result = build_py("--out", "site", "--templates", "theme", "--no-search", cwd=workdir)
    assert result.returncode == 0, result.stderr
    built, default = files(workdir / "site"), files(sample_site)
    assert built["static/style.css"] == b"body { color: teal; }\n"
    assert {n for n in built if built[n] != default[n]} == {"static/style.css"}


# --- refusing to destroy what is not ours -----------------------------------------------------


def test_out_that_is_the_content_folder_is_refused(workdir: Path) -> None:
    before = files(workdir / "content")
    result = build_py("--content", "content", "--out", "content", cwd=workdir)
    assert result.returncode == 2
    assert "content folder" in result.stderr and "--out" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert files(workdir / "content") == before


@pytest.mark.parametrize("out", [".", "content/site"])
def test_out_that_holds_or_is_inside_the_content_is_refused(workdir: Path, out: str) -> None:
    before = files(workdir / "content")
    result = build_py("--content", "content", "--out", out, cwd=workdir)
    assert result.returncode == 2
    assert "content folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert files(workdir / "content") == before
    assert not (workdir / "content" / "site").exists()


def test_a_folder_not_made_by_site_gen_is_refused_without_force(workdir: Path) -> None:
    out = workdir / "mine"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work\n", encoding="utf-8")
    result = build_py("--out", "mine", cwd=workdir)
    assert result.returncode == 2
    assert "not made by site_gen" in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert files(out) == {"thesis.txt": b"years of work\n"}

    forced = build_py("--out", "mine", "--force", cwd=workdir)
    assert forced.returncode == 0, forced.stderr
    built = files(out)
    assert "thesis.txt" not in built
    assert "index.html" in built and MARKER in built


def test_an_empty_folder_and_a_site_gen_folder_are_fine(workdir: Path) -> None:
    (workdir / "empty").mkdir()
    assert build_py("--out", "empty", cwd=workdir).returncode == 0
    assert (workdir / "empty" / MARKER).is_file()
    again = build_py("--out", "empty", cwd=workdir)
    assert again.returncode == 0, again.stderr
    assert summary(again.stdout)["changed"] == "0"


def test_an_out_that_is_a_file_is_refused(workdir: Path) -> None:
    (workdir / "site").write_text("a file\n", encoding="utf-8")
    result = build_py("--out", "site", "--force", cwd=workdir)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (workdir / "site").read_text(encoding="utf-8") == "a file\n"
