"""The whole sample site, byte for byte, against the expected output in tests/golden/sample/.

When a change to the output is intended, rewrite the expected files and review them in the diff:

    pytest tests/test_golden.py --regen      (or SITE_GEN_REGEN=1 pytest ...)
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.pipeline import BuildResult
from site_gen.problems import Problem
from site_gen.write import MARKER

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden" / "sample"
Builder = Callable[[Path], BuildResult]
MAX_DIFF_LINES = 200


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (hidden ones too) by its path relative to `root`."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _unified_diff(name: str, expected: bytes, actual: bytes) -> str:
    lines = list(
        difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(keepends=True),
            actual.decode("utf-8", "replace").splitlines(keepends=True),
            fromfile=f"golden/sample/{name}",
            tofile=f"built/{name}",
        )
    )
    if not lines:  # same text once decoded: the bytes differ in encoding or line endings
        return f"{name}: same text, different bytes ({len(expected)} vs {len(actual)} bytes)\n"
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... {len(lines) - MAX_DIFF_LINES} more lines\n"]
    return "".join(lines)


def compare_trees(expected_root: Path, actual_root: Path) -> str:
    """'' when both trees hold the same files with the same bytes, else a readable report."""
    expected, actual = tree(expected_root), tree(actual_root)
    report = []
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    if missing:
        report.append("expected but not built:\n  " + "\n  ".join(missing))
    if extra:
        report.append("built but not expected:\n  " + "\n  ".join(extra))
    differing = sorted(n for n in expected.keys() & actual.keys() if expected[n] != actual[n])
    if differing:
        report.append(f"{len(differing)} file(s) differ:\n  " + "\n  ".join(differing))
        first = differing[0]
        report.append(f"first difference:\n{_unified_diff(first, expected[first], actual[first])}")
    return "\n\n".join(report)


def test_sample_site_matches_golden(sample_site: Path, regen_golden: bool) -> None:
    if regen_golden:
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        shutil.copytree(sample_site, GOLDEN)
        pytest.skip(f"rewrote {GOLDEN.relative_to(TESTS.parent)}; review it with `git diff`")
    if not GOLDEN.is_dir():
        pytest.fail(f"{GOLDEN} is missing: run `pytest tests/test_golden.py --regen-golden`")
    report = compare_trees(GOLDEN, sample_site)
    if report:
        pytest.fail(
            "the built sample site differs from tests/golden/sample/; if the change is intended, "
            "run `pytest tests/test_golden.py --regen-golden` and review the diff\n\n" + report,
            pytrace=False,
        )


def test_golden_holds_the_site(regen_golden: bool) -> None:
    """Guard against an empty or truncated golden folder passing by accident."""
    if regen_golden:
        pytest.skip("golden files are being rewritten")
    names = set(tree(GOLDEN))
    for page in (
        "index.html",
        "404.html",
        "people/index.html",
        "actions/index.html",
        "groups/evidence-group/2021-07-30.html",
        "static/style.css",
        MARKER,
    ):
        assert page in names, f"{page} missing from tests/golden/sample/"


def test_two_builds_are_identical(
    sample_site: Path, tmp_path: Path, build_sample_into: Builder
) -> None:
    """A second build, into a folder of another name, gives the same bytes."""
    again = tmp_path / "elsewhere"
    build_sample_into(again)
    assert compare_trees(sample_site, again) == ""


def test_build_does_not_depend_on_hash_seed(
    sample_site: Path, sample_content: Path, tmp_path: Path
) -> None:
    """A build in a fresh interpreter with another hash seed (set and dict-of-set order)
    and another working directory gives the same bytes."""
    out = tmp_path / "seeded"
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        code = (
            "import sys; from pathlib import Path; "
            "from site_gen.pipeline import BuildOptions, build; "
            "r = build(BuildOptions(content=Path(sys.argv[1]), out=Path(sys.argv[2]))); "
            "sys.exit(1 if r.failed else 0)"
        )
        run = subprocess.run(
            [sys.executable, "-c", code, str(sample_content), str(out)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        assert compare_trees(sample_site, out) == "", f"PYTHONHASHSEED={seed}"


def test_rebuild_reports_no_changes(
    sample_site: Path, tmp_path: Path, build_sample_into: Builder
) -> None:
    out = tmp_path / "output"
    shutil.copytree(sample_site, out)
    result = build_sample_into(out)
    assert result.written is not None
    assert result.written.changed == 0
    assert result.written.files == len(tree(sample_site)) - 1  # all but the marker
    assert compare_trees(sample_site, out) == ""


def test_rebuild_counts_what_it_changed(
    sample_site: Path, tmp_path: Path, build_sample_into: Builder
) -> None:
    """The changed count is real: an edited page and a deleted page count, and are restored."""
    out = tmp_path / "output"
    shutil.copytree(sample_site, out)
    (out / "index.html").write_text("edited by hand\n", encoding="utf-8")
    (out / "people" / "index.html").unlink()
    (out / "stale.html").write_text("left from an older build\n", encoding="utf-8")
    result = build_sample_into(out)
    assert result.written is not None
    assert result.written.changed == 2
    assert compare_trees(sample_site, out) == "", "the rebuild must restore the site exactly"


def test_sample_build_reports_no_problems(sample_problems: tuple[Problem, ...]) -> None:
    assert [p.format() for p in sample_problems] == []
