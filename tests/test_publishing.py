"""The publishing guide: its recipes run our real command, and it names the tests behind it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from site_gen.cli import make_parser

DOCS = Path(__file__).resolve().parent.parent / "docs"
GUIDE = DOCS / "publishers" / "going-online.md"


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", text, re.M | re.S)


def test_the_gitlab_pages_job_builds_with_options_that_exist_into_public() -> None:
    (job,) = [
        yaml.safe_load(block)["pages"]
        for block in _yaml_blocks(GUIDE.read_text(encoding="utf-8"))
        if block.startswith("pages:")
    ]
    (install,) = [line for line in job["script"] if "pip install" in line]
    assert "git+${SITE_GEN_REPOSITORY}@${SITE_GEN_COMMIT}" in install
    assert re.fullmatch(r"[0-9a-f]{40}", str(job["variables"]["SITE_GEN_COMMIT"]))
    (command,) = [line for line in job["script"] if line.startswith("site-gen build")]
    words = shlex.split(command.replace("${CI_PAGES_URL}", "https://o.gitlab.io/r"))
    args = make_parser().parse_args(words[1:])  # exits (fails the test) on an unknown option
    assert args.strict and args.base_url == "https://o.gitlab.io/r/"
    assert job["artifacts"]["paths"] == [str(args.out)] == ["public"]


def test_publishing_guide_names_the_sub_path_test() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert "test_the_site_works_under_a_sub_path" in guide
    assert "test_the_site_works_under_a_sub_path" in (
        DOCS.parent / "tests/browser/test_reading.py"
    ).read_text(encoding="utf-8")
