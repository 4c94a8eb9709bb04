"""Real minutes of eight groups (`../shared/corpus/`, beside the project; CI has it there):
each group's folder imports in one command without a traceback, every file is accounted for
(its meetings written, or noted as cancelled or given twice, each with its path:line), and
the group then builds with no errors. Skipped only when the corpus is not there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_gen.pipeline import BuildOptions, build
from tests.test_import import site_gen

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
GROUPS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []


@pytest.fixture(scope="module", autouse=True)
def _corpus_is_there() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}")


def test_the_corpus_has_its_groups() -> None:
    assert len(GROUPS) >= 8


@pytest.mark.parametrize("group", GROUPS or ["(none)"])
def test_a_group_imports_and_builds(group: str, tmp_path: Path) -> None:
    folder = CORPUS / group
    content = tmp_path / "content"
    result = site_gen("import", folder, "--content", content, "--group", group)
    out = result.stdout
    assert "Traceback" not in out + result.stderr
    assert result.returncode == 0, out[-3000:]
    sources = sorted(p for p in folder.rglob("*") if p.is_file())
    table = {
        cells[0]: cells[1:]
        for cells in (
            [c.strip() for c in line.strip("|").split("|")]
            for line in out.splitlines()
            if line.startswith("| ")
        )
    }
    for source in sources:
        assert str(source) in table, f"{source} has no row in the table"
        said = f"{source}:" in out or f"{source} -> " in out
        assert said, f"nothing said of {source}"
    # Every finding the report lists is pinned to a line of its file.
    for line in out.splitlines():
        found = re.match(r"^\s+(\S+?):(\d+)(?: \(page \d+\))?: ", line)
        if found and Path(found[1]).suffix:
            assert int(found[2]) >= 1
    meetings = sorted((content / "meetings" / group).glob("*.md"))
    assert meetings, "no meeting written"
    built = build(BuildOptions(content, tmp_path / "out", drafts=True, cache=False))
    errors = [p.format() for p in built.problems if str(p.severity) == "error"]
    assert not built.failed and errors == [], errors[:10]
    assert built.site is not None and len(built.site.meetings) == len(meetings)
