"""Import one group's files and build its site with the real command line, failures recorded.

Each file is imported by its own `site-gen import` call, oldest first, into one fresh content
folder: as a clerk adds minutes one at a time, later meetings see the actions of earlier ones,
and a file that fails, or crashes the importer, is a row of its own that hides nothing else.
What a file produced is the meeting files that appeared in the content folder during its call.
The group folder's name is given as `--group` (a clerk importing a group's archive knows the
group) unless the importer is left to infer it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The real command line, as `site-gen` runs it (site_gen.cli:main is the console script).
SITE_GEN: tuple[str, ...] = (sys.executable, "-m", "site_gen.cli")
IMPORT_TIMEOUT = 600  # seconds for one file
BUILD_TIMEOUT = 1800  # seconds for one group's site

_PROBLEM = re.compile(r"^\S.*?: (error|warning): ", re.MULTILINE)
_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)(?:[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?)?(?!\d)"
)


def date_order(path: Path) -> tuple[str, str]:
    """Sort key, oldest first: the most precise date written in the path (file name over
    folder), "2017" for a year file; undated files last, by name."""
    best = ""
    for part in path.parts:
        for match in _DATE.finditer(part):
            found = "-".join(p for p in match.groups() if p)
            if len(found) >= len(best):
                best = found
    return (best or "9999", path.as_posix())


def group_files(folder: Path) -> list[Path]:
    """Every file of a group's folder (hidden ones aside), oldest first."""
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(files, key=lambda p: date_order(p.relative_to(folder)))


@dataclass
class FileImport:
    path: Path
    meetings: list[Path]  # meeting files it wrote
    failure: str = ""  # why the importer refused it (or crashed, or ran out of time)
    note: str = ""  # why an accepted file wrote no meeting (a cancelled meeting, say)

    @property
    def imported(self) -> bool:
        """The importer accepted the file, or wrote meetings from it."""
        return not self.failure or bool(self.meetings)


@dataclass
class GroupRun:
    group: str
    imports: list[FileImport] = field(default_factory=list)
    built: bool = False
    build_failure: str = ""
    errors: int = 0
    warnings: int = 0
    out: Path | None = None  # the built site, when the build succeeded

    drafts: set[str] = field(default_factory=set)  # days of meetings it wrote as drafts

    @property
    def files_imported(self) -> int:
        return sum(1 for f in self.imports if f.imported)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def _run(argv: Sequence[str], timeout: int) -> tuple[int | None, str, str]:
    """Exit status (None when it ran out of time), stdout and stderr; never raises."""
    try:
        done = subprocess.run(
            list(argv), capture_output=True, text=True, timeout=timeout, errors="replace"
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout if isinstance(exc.stdout, str) else ""
        return None, out, f"stopped after {timeout} s"
    except OSError as exc:
        return None, "", f"could not run: {exc}"
    return done.returncode, done.stdout, done.stderr


def _meeting_files(content: Path) -> set[Path]:
    return set((content / "meetings").rglob("*.md"))


def import_file(
    path: Path, content: Path, group: str | None, cli: Sequence[str] = SITE_GEN
) -> FileImport:
    before = _meeting_files(content)
    argv = [*cli, "import", str(path), "--content", str(content), "--status", "approved"]
    code, out, err = _run([*argv, "--group", group] if group else argv, IMPORT_TIMEOUT)
    done = FileImport(path, sorted(_meeting_files(content) - before))
    if code is None:
        done.failure = err
    elif code not in (0, 1) or "Traceback (most recent call last)" in err:
        done.failure = f"importer crashed (exit {code}): {_last_line(err)}"
    elif code == 1:
        done.failure = _said_of(path, out + err) or _last_line(out + err) or "exit 1"
    elif not done.meetings:
        done.note = _said_of(path, out) or "nothing written"
    return done


_LINE_NUMBER = re.compile(r"^\d+:\s*")


def _said_of(path: Path, report: str) -> str:
    """What the import report says of the file ("path[:line]: not imported: ..."), the line
    saying it was not imported first."""
    prefix = f"{path}:"
    said = [line[len(prefix) :] for line in report.splitlines() if line.startswith(prefix)]
    said.sort(key=lambda text: "not imported" not in text)
    if not said:
        return ""
    text = _LINE_NUMBER.sub("", said[0].strip())
    return text.removeprefix("not imported:").strip()[:200]


_STATUS = re.compile(r"^status:\s*(\S+)", re.MULTILINE)
_DAY = re.compile(r"^date:\s*(\d{4}-\d{2}-\d{2})", re.MULTILINE)


def draft_days(content: Path) -> set[str]:
    """Days of the meetings written as drafts: the site never publishes those."""
    days = set()
    for path in _meeting_files(content):
        front = path.read_text(encoding="utf-8", errors="replace").split("\n---", 1)[0]
        status, day = _STATUS.search(front), _DAY.search(front)
        if status and day and status.group(1).strip("'\"") == "draft":
            days.add(day.group(1))
    return days


def build_site(run: GroupRun, content: Path, out: Path, cli: Sequence[str] = SITE_GEN) -> None:
    argv = [*cli, "build", "--content", str(content), "--out", str(out)]
    code, stdout, stderr = _run([*argv, "--no-search", "--no-cache"], BUILD_TIMEOUT)
    severities = _PROBLEM.findall(stderr)
    run.errors = severities.count("error")
    run.warnings = severities.count("warning")
    if code == 0 and (out / "data" / "meetings.json").is_file():
        run.built, run.out = True, out
    elif code is None:
        run.build_failure = stderr
    elif "Traceback (most recent call last)" in stderr:
        run.build_failure = f"build crashed (exit {code}): {_last_line(stderr)}"
    else:
        run.build_failure = f"build failed (exit {code}): {_last_line(stderr or stdout)}"


def run_group(
    folder: Path, work: Path, cli: Sequence[str] = SITE_GEN, infer_group: bool = False
) -> GroupRun:
    """Import the group's files into `work`/content and build `work`/site."""
    run = GroupRun(folder.name)
    content = work / "content"
    group = None if infer_group else folder.name
    for path in group_files(folder):
        run.imports.append(import_file(path, content, group, cli))
    run.drafts = draft_days(content)
    build_site(run, content, work / "site", cli)
    return run
