"""Invalid sites, built whole through the real command line: every problem, nothing written.

Each folder under tests/invalid/ is one case: `content/` is a small complete site with one
kind of problem, and `expected.txt` holds the problem lines the build prints to stderr
(each `path:line: severity: message` and its `  hint: ...` line), as printed when the build
runs in the case folder with `--content content`. A case whose expected lines are all
warnings must build, and fail only with --strict. Adding a case is adding a folder.

To regenerate the expected files run `pytest --regen tests/test_invalid_sites.py`,
then read every changed one: the message must be right, at the right line, with a hint
that helps. If it is not, fix the message in site_gen rather than the expected file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_gen import cache
from site_gen.cli import main

REPO = Path(__file__).resolve().parent.parent
INVALID = Path(__file__).resolve().parent / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if (p / "content").is_dir())
REGEN = (
    os.environ.get("SITE_GEN_REGEN") == "1" or "--regen" in sys.argv or "--regen-golden" in sys.argv
)

# These run `python build.py` in a child process; the rest call site_gen.cli.main in-process
# (the same code, much faster). Between them: several files, raw bytes, and a warning case.
SUBPROCESS_CASES = {"several-problems", "file-not-utf8", "warning-owner-ambiguous"}

# The cases the content design (section 4, "Bad input") calls for; more may be added.
REQUIRED_CASES = {
    "action-id-duplicate",
    "action-status-unknown",
    "attendance-kind-unknown",
    "date-missing",
    "date-not-a-date",
    "file-not-utf8",
    "front-matter-broken-yaml",
    "front-matter-unclosed",
    "group-file-broken-yaml",
    "group-unknown",
    "meeting-date-twice",
    "several-problems",
    "warning-owner-ambiguous",
    "warning-owner-unresolved",
    "warning-update-unknown-action",
}

PROBLEM_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<severity>error|warning): \S")
HINT_LINE = re.compile(r"^  hint: \S")


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    expected: list[str]

    @property
    def expected_path(self) -> Path:
        return self.folder / "expected.txt"

    @property
    def errors(self) -> int:
        return sum(_severity(line) == "error" for line in self.expected)

    @property
    def warnings(self) -> int:
        return sum(_severity(line) == "warning" for line in self.expected)


def _severity(line: str) -> str | None:
    match = PROBLEM_LINE.match(line)
    return match["severity"] if match else None


def _load_case(name: str) -> Case:
    folder = INVALID / name
    path = folder / "expected.txt"
    expected = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return Case(name, folder, expected)


def _warning_only(name: str) -> bool:
    case = _load_case(name)
    return case.errors == 0 and case.warnings > 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _run(
    case: Case, out: Path, *extra: str, capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch
) -> Run:
    """Build the case's content into `out`, from the case folder, as an author would."""
    args = ["--content", "content", "--out", str(out), *extra]
    if case.name in SUBPROCESS_CASES:
        done = subprocess.run(
            [sys.executable, str(REPO / "build.py"), *args],
            cwd=case.folder,
            capture_output=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONUTF8": "1"},
            timeout=120,
            check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)
    with mp.context() as patch:
        patch.chdir(case.folder)
        capsys.readouterr()  # drop anything printed before
        status = main(["build", *args])
        captured = capsys.readouterr()
    return Run(status, captured.out, captured.err)


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes, and every folder (None), by path inside `folder`."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="session")
def previous_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good site, built by the CLI from the repository's content/, to be left alone."""
    out = tmp_path_factory.mktemp("previous") / "out"
    assert main(["build", "--content", str(REPO / "content"), "--out", str(out)]) == 0
    return out


@pytest.fixture
def out(previous_output: Path, tmp_path: Path) -> Path:
    """An --out folder holding a previous, good build: the state a bad build must not touch."""
    folder = tmp_path / "out"
    shutil.copytree(previous_output, folder)
    return folder


def _check_problem_lines(case: Case, lines: list[str]) -> None:
    """Each problem is one line and a hint, at a line that exists in an existing file."""
    assert lines, "a bad site must report at least one problem"
    problems = lines[0::2]
    hints = lines[1::2]
    assert len(problems) == len(hints), f"a problem without its hint line:\n{lines}"
    for problem, hint in zip(problems, hints, strict=True):
        match = PROBLEM_LINE.match(problem)
        assert match, f"not a 'path:line: severity: message' line: {problem!r}"
        assert HINT_LINE.match(hint), f"not a '  hint: ...' line after {problem!r}: {hint!r}"
        source = case.folder / match["path"]
        assert source.is_file(), f"{problem!r} names a file that is not there"
        line_count = len(source.read_bytes().splitlines()) or 1
        assert 1 <= int(match["line"]) <= line_count, (
            f"{problem!r}: line {match['line']} is outside the file ({line_count} lines)"
        )


def _compare_or_regen(case: Case, lines: list[str]) -> None:
    if REGEN:
        case.expected_path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        return
    assert lines == case.expected, (
        f"{case.name}: the problems printed differ from {case.expected_path.name}; "
        "if the change is right, regenerate with `pytest --regen` and review it"
    )


def test_every_required_case_is_there() -> None:
    assert sorted((REQUIRED_CASES | SUBPROCESS_CASES) - set(CASES)) == []
    for name in CASES:
        assert REGEN or (INVALID / name / "expected.txt").is_file(), f"{name}: no expected.txt"


@pytest.mark.parametrize("name", CASES)
def test_bad_site_reports_every_problem(
    name: str,
    out: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _snapshot(out)
    assert "index.html" in before and ".site-gen" in before  # a real previous build

    run = _run(_load_case(name), out, capsys=capsys, mp=monkeypatch)

    assert "Traceback" not in run.stderr
    problem_lines = run.lines
    failed = bool(problem_lines) and problem_lines[-1].startswith("Build failed: ")
    summary = problem_lines.pop() if failed else None
    _compare_or_regen(_load_case(name), problem_lines)
    case = _load_case(name)
    _check_problem_lines(case, problem_lines)
    if case.errors:
        assert run.status == 1, run.stderr
        assert (
            summary == f"Build failed: {_plural(case.errors, 'error')}. {out} was left as it was."
        )
        assert run.stdout == ""
        assert _snapshot(out) == before, "a failed build changed the previous output"
        beside = sorted(p.name for p in out.parent.iterdir() if p.name != cache.DEFAULT_NAME)
        assert beside == ["out"], "left files beside --out"
    else:
        # Warnings only: they are printed, and the site is built anyway.
        assert run.status == 0, run.stderr
        assert summary is None
        assert run.stdout.startswith("Built "), run.stdout
        assert f" {_plural(case.warnings, 'warning')} (" in run.stdout
        after = _snapshot(out)
        assert after["index.html"] != before["index.html"], "the new site was not written"


@pytest.mark.parametrize("name", [n for n in CASES if _warning_only(n)])
def test_strict_turns_warnings_into_a_failed_build(
    name: str,
    out: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = _load_case(name)
    before = _snapshot(out)

    run = _run(case, out, "--strict", capsys=capsys, mp=monkeypatch)

    assert "Traceback" not in run.stderr
    assert run.status == 1, run.stderr
    *problem_lines, summary = run.lines
    assert problem_lines == case.expected
    assert summary == (
        f"Build failed: 0 errors, {_plural(case.warnings, 'warning')} (--strict). "
        f"{out} was left as it was."
    )
    assert run.stdout == ""
    assert _snapshot(out) == before, "a --strict build with warnings changed the output"


def test_all_problems_of_all_files_come_in_one_run() -> None:
    """The several-problems case must keep proving it: problems in several files, one run."""
    case = _load_case("several-problems")
    paths = {m["path"] for m in map(PROBLEM_LINE.match, case.expected) if m}
    assert case.errors >= 5
    assert len(paths) >= 4, paths


def test_file_not_utf8_case_holds_a_latin1_byte() -> None:
    """Guard the fixture against an editor or a git filter 'fixing' its encoding."""
    data = (INVALID / "file-not-utf8/content/meetings/evidence-group/2021-07-30.md").read_bytes()
    assert b"Caf\xe9 Royal" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
