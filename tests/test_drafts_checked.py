"""Drafts are checked in every build and check, and never published without --drafts."""

from __future__ import annotations

from pathlib import Path

from site_gen.commands.check import CheckOptions, check
from site_gen.pipeline import BuildOptions, build
from tests.build_cli import site_gen
from tests.clerk_content import line_of, meeting, write_site

PUBLISHED = meeting("2021-07-30", 3, "Actions:\n\n- Dez to connect the review team (3.1)\n")
DRAFT = meeting(
    "2021-09-10",
    4,
    "SECRET-DRAFT-WORDS.\n\nActions:\n\n- Leon to write to the minister (3.1)\n",
    status="draft",
)


def _content(tmp_path: Path) -> Path:
    return write_site(tmp_path, {"2021-07-30.md": PUBLISHED, "2021-09-10.md": DRAFT})


def test_a_drafts_duplicate_action_id_is_reported_and_the_draft_left_out(tmp_path: Path) -> None:
    content = _content(tmp_path)
    out = tmp_path / "out"
    result = build(BuildOptions(content=content, out=out, cache=False, jobs=1))
    assert not result.failed  # a draft being written does not stop the published site
    (problem,) = [p for p in result.problems if p.code == "duplicate-action"]
    assert problem.severity == "warning"
    assert problem.path.endswith("2021-09-10.md")
    assert problem.line == line_of(content, "2021-09-10.md", "(3.1)")
    assert "an error once it is published" in problem.hint
    assert result.counts is not None and result.counts.drafts_left_out == 1
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"SECRET-DRAFT-WORDS" not in everything
    assert b"minister" not in everything
    assert not (out / "groups" / "evidence-group" / "2021-09-10.html").exists()


def test_check_and_build_say_how_many_drafts_were_left_out(tmp_path: Path) -> None:
    content = _content(tmp_path)
    checked = site_gen("check", "--content", content)
    assert "1 draft left out" in checked.stdout
    assert "no problems" not in checked.stdout
    assert "raised twice" in checked.stdout
    assert site_gen("check", "--content", content, "--strict").returncode == 1
    built = site_gen("build", "--content", content, "--out", tmp_path / "out", "--no-cache")
    assert built.returncode == 0, built.stderr
    assert "1 draft left out" in built.stdout


def test_with_drafts_the_draft_is_previewed_and_its_error_stops_it(tmp_path: Path) -> None:
    content = _content(tmp_path)
    result = check(CheckOptions(content=content, drafts=True))
    (problem,) = [p for p in result.problems if p.code == "duplicate-action"]
    assert problem.severity == "error"  # previewed as published: its errors are errors
    assert result.site.drafts_left_out == 0
    clean = meeting("2021-09-10", 4, "SECRET-DRAFT-WORDS.\n", status="draft")
    (content / "meetings" / "evidence-group" / "2021-09-10.md").write_text(clean)
    out = tmp_path / "out"
    assert not build(BuildOptions(content=content, out=out, drafts=True, cache=False)).failed
    assert b"SECRET-DRAFT-WORDS" in (out / "groups/evidence-group/2021-09-10.html").read_bytes()


def test_a_drafts_unknown_group_is_reported(tmp_path: Path) -> None:
    draft = DRAFT.replace("group: evidence-group", "group: evidense-group")
    content = write_site(tmp_path, {"2021-07-30.md": PUBLISHED, "2021-09-10.md": draft})
    result = check(CheckOptions(content=content))
    assert [p.code for p in result.problems] == ["unknown-group"]
