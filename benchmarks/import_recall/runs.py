"""Import one group's files and build its site with the real command line, failures recorded.

By default the group's files are imported as an archive is: one `site-gen import` call with
every file, oldest first, into a fresh content folder; a file is imported unless the report
says it was not (`path[:line]: not imported: ...`). If that call crashes, the files are
imported again one call each into a fresh folder, so one bad file hides nothing else. With
`per_file`, each file always has its own call (as a clerk adds minutes one at a time), and a
file produced the meeting files that appeared during its call. The group folder's name is
given as `--group` (a clerk importing a group's archive knows the group) unless the importer
is left to infer it.
"""

from __future__ import annotations

import re
import shutil
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
    import_note: str = ""  # how the import as a whole went wrong, when it did

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


def _import_argv(
    paths: Sequence[Path], content: Path, group: str | None, cli: Sequence[str]
) -> list[str]:
    argv = [*cli, "import", *map(str, paths), "--content", str(content), "--status", "approved"]
    return [*argv, "--group", group] if group else argv


def _crash(code: int | None, err: str) -> str:
    """Why the command did not end as a command should; empty when it did."""
    if code is None:
        return err
    if code not in (0, 1) or "Traceback (most recent call last)" in err:
        return f"importer crashed (exit {code}): {_last_line(err)}"
    return ""


def import_file(
    path: Path, content: Path, group: str | None, cli: Sequence[str] = SITE_GEN
) -> FileImport:
    before = _meeting_files(content)
    code, out, err = _run(_import_argv([path], content, group, cli), IMPORT_TIMEOUT)
    done = FileImport(path, sorted(_meeting_files(content) - before), _crash(code, err))
    if not done.failure and code == 1:
        done.failure = _said_of(path, out + err) or _last_line(out + err) or "exit 1"
    elif not done.failure and not done.meetings:
        done.note = _said_of(path, out) or "nothing written"
    return done


def import_archive(
    paths: Sequence[Path], content: Path, group: str | None, cli: Sequence[str] = SITE_GEN
) -> tuple[list[FileImport], str]:
    """Every file in one command. Per file: whether the report says it was not imported (the
    meetings a file wrote are not told apart here). Second: why the command failed, if it did."""
    timeout = IMPORT_TIMEOUT * max(1, len(paths))
    code, out, err = _run(_import_argv(paths, content, group, cli), timeout)
    crash = _crash(code, err)
    if crash:
        return [], crash
    files = [FileImport(p, [], _said_of(p, out + err, refused_only=True)) for p in paths]
    if code == 1 and not any(f.failure for f in files):
        return files, f"exit 1 with no file said not imported: {_last_line(out + err)}"
    return files, ""


_LINE_NUMBER = re.compile(r"^\d+:\s*")


def _said_of(path: Path, report: str, refused_only: bool = False) -> str:
    """What the import report says of the file ("path[:line]: not imported: ..."), the line
    saying it was not imported first (and only that one, with `refused_only`)."""
    prefix = f"{path}:"
    said = [line[len(prefix) :] for line in report.splitlines() if line.startswith(prefix)]
    said.sort(key=lambda text: "not imported" not in text)
    if refused_only:
        said = [text for text in said if "not imported" in text]
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
    folder: Path,
    work: Path,
    cli: Sequence[str] = SITE_GEN,
    infer_group: bool = False,
    per_file: bool = False,
) -> GroupRun:
    """Import the group's files into `work`/content and build `work`/site."""
    run = GroupRun(folder.name)
    content = work / "content"
    group = None if infer_group else folder.name
    files = group_files(folder)
    if files and not per_file:
        run.imports, run.import_note = import_archive(files, content, group, cli)
        if not run.imports:  # the one command crashed: file by file, from the start
            run.import_note += "; imported again file by file"
            shutil.rmtree(content, ignore_errors=True)
    if not run.imports:
        run.imports = [import_file(path, content, group, cli) for path in files]
    run.drafts = draft_days(content)
    build_site(run, content, work / "site", cli)
    return run
