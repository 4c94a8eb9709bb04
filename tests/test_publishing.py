"""The publishing recipes: the GitHub Pages workflow users copy runs our real command."""

from __future__ import annotations

import shlex
from pathlib import Path

import yaml

from site_gen.cli import make_parser

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_github_pages_workflow_builds_with_options_that_exist() -> None:
    workflow = yaml.safe_load((DOCS / "github-pages.yml").read_text(encoding="utf-8"))
    assert set(workflow["jobs"]) == {"build", "deploy"}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    runs = [s["run"] for s in workflow["jobs"]["build"]["steps"] if "run" in s]
    (command,) = [r for r in runs if r.startswith("site-gen build")]
    words = shlex.split(
        command.replace("${{ steps.pages.outputs.base_url }}", "https://o.github.io/r")
    )
    args = make_parser().parse_args(words[1:])  # exits (fails the test) on an unknown option
    assert args.strict and args.base_url == "https://o.github.io/r/"
    assert str(args.out) == "output"
    upload = [
        s
        for s in workflow["jobs"]["build"]["steps"]
        if "upload-pages-artifact" in s.get("uses", "")
    ]
    assert upload and upload[0]["with"]["path"] == "output"
    assert any("site-gen[search]" in r for r in runs), "the published site is searchable"


def test_publishing_guide_names_the_workflow_and_the_sub_path_test() -> None:
    guide = (DOCS / "publishing.md").read_text(encoding="utf-8")
    assert "(github-pages.yml)" in guide
    assert "test_the_site_works_under_a_sub_path" in guide
    assert "test_the_site_works_under_a_sub_path" in (
        DOCS.parent / "tests/browser/test_reading.py"
    ).read_text(encoding="utf-8")
