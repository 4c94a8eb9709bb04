"""Load stage: the only code that reads the content folder."""

from __future__ import annotations

import hashlib
import os
import stat
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from site_gen.hidden_files import hidden
from site_gen.meetings_folder import walk_meetings
from site_gen.paper_types import ALLOWED_LIST, refusal
from site_gen.problems import Problems
from site_gen.slugs import slugify


@dataclass(frozen=True)
class SourceFile:
    """A content file's text, and the path to show in problem reports."""

    path: str
    text: str
    relative: str  # path inside the content folder, with forward slashes


@dataclass(frozen=True)
class ContentFiles:
    site: SourceFile | None
    people: SourceFile | None
    groups: tuple[SourceFile, ...]
    meetings: tuple[SourceFile, ...]
    group_files: frozenset[str]  # slugs of every groups/*.yaml, including unreadable ones
    # Whether a file was read through a link (to a file elsewhere in the content folder):
    # a watcher sees the file linked to change, under its own name, never the link.
    through_links: bool = field(default=False, compare=False)


def _read(path: Path, root: Path, problems: Problems, inside: bool = False) -> SourceFile | None:
    """`path`'s text; `inside`: known to be inside the content folder (a file, not a link, in
    folders that are not links below one inside it), so not resolved again."""
    shown = str(path)
    if not inside and not path.resolve().is_relative_to(root.resolve()):
        # A link (or a file in a linked folder) that leads out of the content folder is never
        # opened: its text must not reach the site, nor even a message about it.
        problems.error(
            shown,
            1,
            "this file is a link to a file outside the content folder; it was not read",
            "copy the file into the content folder instead of linking to it",
            code="outside-content",
        )
        return None
    return _read_text(shown, path.relative_to(root).as_posix(), problems)


def _read_text(shown: str, relative: str, problems: Problems) -> SourceFile | None:
    """The text of the file at `shown` (at `relative` in the content folder)."""
    try:
        with open(shown, "rb") as opened:
            data = opened.read()
    except OSError as exc:
        problems.error(
            shown,
            1,
            f"cannot read the file: {exc.strerror}",
            "check its permissions",
            code="unreadable-file",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.error(
            shown,
            line,
            f"file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "save the file as UTF-8 (most editors offer it under 'Save As' or 'Encoding')",
            code="not-utf8",
        )
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceFile(shown, text, relative)


def _linked_folders_outside(
    meetings: Path, linked: list[str], root: Path, problems: Problems
) -> None:
    """Report each linked folder under `meetings` (`linked`, by their paths from it) that
    leads out of the content folder: its files are never read (the search for meetings does
    not follow linked folders)."""
    inside = root.resolve()
    for relative in linked:
        path = meetings / relative
        if not path.resolve().is_relative_to(inside):
            problems.error(
                str(path),
                1,
                "this folder is a link to a folder outside the content folder; "
                "its files were not read",
                "move the minutes into the content folder instead of linking to them",
                code="outside-content",
            )


def load_content(
    content_dir: Path, problems: Problems, memory: LoadMemory | None = None
) -> ContentFiles:
    """Read every content file, in a stable order. Unreadable files become problems.
    With `memory` (site-gen serve's), only the files its watcher saw change are read again
    when that is enough to know the rest; else every file is."""
    if memory is not None:
        again = memory.reload(content_dir)
        if again is not None:
            return again
    found = Problems()
    files = _load_all(content_dir, found)
    problems.items.extend(found.items)
    if memory is not None:
        memory.loaded(files if not found.items else None)
    return files


def _load_all(content_dir: Path, problems: Problems) -> ContentFiles:
    def read_optional(name: str) -> SourceFile | None:
        path = content_dir / name
        return _read(path, content_dir, problems) if path.is_file() else None

    site_path = content_dir / "site.yaml"
    if not site_path.is_file():
        problems.error(
            str(site_path),
            1,
            "site.yaml is missing",
            "create it with at least a 'title:' line",
            code="missing-file",
        )
    group_paths = sorted(
        p for p in (content_dir / "groups").glob("*.yaml") if p.is_file() and not hidden(p.name)
    )  # a Mac's "._board.yaml" twin is no group, as under meetings/
    meetings_dir = content_dir / "meetings"
    found = walk_meetings(str(meetings_dir))
    _linked_folders_outside(meetings_dir, found.linked_folders, content_dir, problems)
    meetings = _read_minutes(content_dir, found.minutes, problems)
    _minutes_not_markdown(content_dir, found.others, problems)
    groups = (_read(p, content_dir, problems) for p in group_paths)
    others = [content_dir / name for name in ("site.yaml", "people.yaml", "meetings")]
    others.extend(group_paths)
    return ContentFiles(
        read_optional("site.yaml"),
        read_optional("people.yaml"),
        tuple(group for group in groups if group is not None),
        meetings,
        frozenset(slugify(p.stem) for p in group_paths),
        any(not plain for _, plain in found.minutes) or _any_linked(others, content_dir),
    )


def _read_minutes(
    content_dir: Path, minutes: list[tuple[str, bool]], problems: Problems
) -> tuple[SourceFile, ...]:
    """The text of each of `minutes` (walk_meetings'), in their order. A plain file in a
    meetings folder inside the content folder is not resolved again (resolving 5,000 paths
    was a third of reading them)."""
    folder = content_dir / "meetings"
    plain = folder.resolve().is_relative_to(content_dir.resolve())
    shown = str(folder)
    read = []
    for relative, plain_file in minutes:
        if plain and plain_file:
            source = _read_text(f"{shown}/{relative}", f"meetings/{relative}", problems)
        else:
            source = _read(folder / relative, content_dir, problems)
        if source is not None:
            read.append(source)
    return tuple(read)


def _any_linked(paths: Iterable[Path], root: Path) -> bool:
    """Whether any of `paths` (in `root`) that exists is reached through a link."""
    inside = root.resolve()
    return any(p.exists() and p.resolve() != inside / p.relative_to(root) for p in paths)


# Minutes saved in a format the build does not read: each would be left out in silence.
_IMPORTABLE = {".txt", ".text", ".docx"}  # what site-gen import reads
_NOT_MARKDOWN = {".doc", ".odt", ".rtf", ".pdf", ".html", ".htm"}
_PLAIN_TEXT = {".txt", ".text"}  # a meeting file already, if it opens with front matter
_MARKDOWN_SPELLINGS = {".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".md.txt"}


def _has_front_matter(path: Path) -> bool:
    """Does the file open with a '---' line, as a meeting file does (saved with .txt)?"""
    try:
        with path.open("rb") as opened:
            first = opened.readline(64)
    except OSError:
        return False
    return first.removeprefix(b"\xef\xbb\xbf").rstrip() == b"---"


def _minutes_not_markdown(content_dir: Path, others: list[str], problems: Problems) -> None:
    """Warn of each file under meetings/ (`others`: walk_meetings', outside hidden folders)
    that looks like minutes but is not a .md file."""
    meetings = content_dir / "meetings"
    for relative in others:
        path = meetings / relative
        hint = _not_markdown_hint(path, content_dir)
        if hint is not None:
            problems.warning(
                str(path),
                1,
                f"this {_kind(path)} file is not read: only .md files under meetings/ are minutes",
                hint,
                code="not-markdown",
            )


def _kind(path: Path) -> str:
    suffix = "".join(path.suffixes[-2:]).lower() if len(path.suffixes) > 1 else ""
    return suffix if suffix in _MARKDOWN_SPELLINGS else path.suffix.lower()


def _not_markdown_hint(path: Path, content_dir: Path) -> str | None:
    """What to do with the file at `path` under meetings/, if it looks like minutes but is
    not a .md file; None for any other file (and for hidden ones, an editor's)."""
    kind = _kind(path)
    if path.name.startswith((".", "~")) or not path.is_file():
        return None
    misspelt = kind in _MARKDOWN_SPELLINGS or (kind == ".md" and not path.name.endswith(".md"))
    if misspelt or (kind in _PLAIN_TEXT and _has_front_matter(path)):  # ".MD" is not read
        return f"rename it to {path.name[: -len(kind)]}.md"
    if kind in _IMPORTABLE:
        return (
            f"make it a meeting file with 'site-gen import --content {content_dir} {path}', "
            "then move it out of meetings/"
        )
    if kind in _NOT_MARKDOWN:
        return (
            "save it as .docx or plain text and run 'site-gen import' on it, then move "
            "it out of meetings/ (papers belong under papers/)"
        )
    return None


@dataclass(frozen=True)
class FileReference:
    """A file of the content folder that a content file names, such as a meeting's paper."""

    relative: str  # as written: "papers/2021-07-30-slides.pdf"
    cited_in: str  # the path shown in problem reports
    line: int
    kind: str = "paper"  # what the content file names it as, in problem reports: "logo"

    @property
    def example(self) -> str:
        """A path of this kind of file, for hints."""
        return "'images/logo.png'" if self.kind == "logo" else "'papers/2021-07-30-slides.pdf'"


@dataclass(frozen=True)
class PaperFile:
    """A paper found in the content folder: its size now, its bytes when the site is written."""

    relative: str  # inside the content folder, with forward slashes
    size: int
    path: Path

    def read(self) -> bytes:
        # Read at write time, one file at a time: papers can be large and many.
        return self.path.read_bytes()


def _is_content_file(relative: PurePosixPath) -> bool:
    """site.yaml, people.yaml, a group or a meeting: never published as they are."""
    parts = relative.parts
    return (
        relative.as_posix() in ("site.yaml", "people.yaml")
        or (parts[0] == "groups" and relative.suffix == ".yaml")
        or (parts[0] == "meetings" and relative.suffix == ".md")
    )


def _paper(content_dir: Path, ref: FileReference, problems: Problems) -> PaperFile | None:
    """The paper `ref` names, or None with a problem at its line (never an exception)."""
    if any(unicodedata.category(char) == "Cc" for char in ref.relative):
        problems.error(
            ref.cited_in,
            ref.line,
            f"{ref.kind} {ref.relative!r} has a control character in its name",
            f"write the file's name as it is on disk, e.g. {ref.example}",
            code="paper-name",
        )
        return None
    try:
        return _find_paper(content_dir, ref, problems)
    except (OSError, ValueError) as exc:  # a name too long for the file system, say
        problems.error(
            ref.cited_in,
            ref.line,
            f"{ref.kind} {ref.relative!r} cannot be read: {getattr(exc, 'strerror', None) or exc}",
            "check the file's name and its permissions",
            code="paper-unreadable",
        )
        return None


def _find_paper(content_dir: Path, ref: FileReference, problems: Problems) -> PaperFile | None:
    written = PurePosixPath(ref.relative.replace("\\", "/"))
    example = f"e.g. {ref.example}"
    root = content_dir.resolve()
    target = (content_dir / written).resolve()
    if written.is_absolute() or ".." in written.parts or not target.is_relative_to(root):
        problems.error(
            ref.cited_in,
            ref.line,
            f"{ref.kind} {ref.relative!r} is outside the content folder",
            f"copy it into the content folder and write its path from there, {example}",
            code="paper-outside-content",
        )
        return None
    relative = target.relative_to(root)
    if hidden(relative.as_posix()) or _is_content_file(PurePosixPath(relative.as_posix())):
        problems.error(
            ref.cited_in,
            ref.line,
            f"{ref.relative!r} is a content or hidden file, not a {ref.kind}",
            "keep the logo in a folder of its own, e.g. content/images/"
            if ref.kind == "logo"
            else "keep papers in their own folder, e.g. content/papers/",
            code="paper-kind",
        )
        return None
    if not target.is_file():
        problems.error(
            ref.cited_in,
            ref.line,
            f"{ref.kind} {ref.relative!r} does not exist",
            f"check the file's name; its path is written from the content folder, {example}",
            code="paper-missing",
        )
        return None
    refused = refusal(target, relative.as_posix())
    if refused:
        linked = "" if relative.as_posix() == ref.relative else f"(a link to {relative}) "
        problems.error(
            ref.cited_in,
            ref.line,
            f"{ref.kind} {ref.relative!r} {linked}{refused}",
            _kinds_hint(ref),
            code="paper-kind",
        )
        return None
    return PaperFile(relative.as_posix(), target.stat().st_size, target)


def _kinds_hint(ref: FileReference) -> str:
    if ref.kind == "logo":
        return "a logo is a PNG, JPEG, WebP or GIF image (never SVG): save it as one"
    return (
        f"publish papers of these kinds only: {ALLOWED_LIST}; "
        "for anything else, link to it with 'url:'"
    )


def load_papers(
    content_dir: Path,
    references: Iterable[FileReference],
    problems: Problems,
    private: Iterable[FileReference] = (),
) -> dict[str, PaperFile]:
    """The papers meetings name, by the path they are written with; problems for the rest.

    A paper must be a file inside the content folder (never through "..", an absolute path
    or a link out of it), and not one of the content files the site is built from, nor a
    file that a meeting marks `private` (`private`: those references, never opened): the
    clerk who marks a paper private means it, wherever else it is listed.
    """
    kept_back = {_where(content_dir, ref): ref for ref in private}
    kept_back.pop(None, None)
    found: dict[str, PaperFile] = {}
    for ref in references:
        marked = kept_back.get(_where(content_dir, ref))
        if marked is not None:
            problems.error(
                ref.cited_in,
                ref.line,
                f"{ref.kind} {ref.relative!r} is marked private at "
                f"{marked.cited_in}:{marked.line}, so it is published nowhere",
                f"take it out of these {ref.kind}s, or, if it may be published, take "
                "'private' off where it is marked",
                code="paper-private-elsewhere",
            )
            continue
        paper = _paper(content_dir, ref, problems)
        if paper is not None:
            found[ref.relative] = paper
    return found


def _where(content_dir: Path, ref: FileReference) -> Path | None:
    """The file `ref` names, links followed (nothing is opened), or None if it names none."""
    try:
        return (content_dir / PurePosixPath(ref.relative.replace("\\", "/"))).resolve()
    except (OSError, ValueError, RuntimeError):
        return None


@dataclass
class LoadMemory:
    """What `site-gen serve` keeps of its last load: the files as read, and every path its
    watcher saw change since (None: not known, so the next load reads everything). Only a
    process that tells it every change (`watched`) has a load read less than everything."""

    watched: bool = False
    files: ContentFiles | None = None
    changed: set[str] | None = None

    def saw(self, paths: Iterable[str]) -> None:
        """The watcher saw these (absolute) paths change."""
        if self.changed is not None:
            self.changed.update(paths)

    def loaded(self, files: ContentFiles | None) -> None:
        """`files` were read now (None: read with problems, so read them all next time)."""
        self.files = files
        self.changed = set() if files is not None and self.watched else None

    def reload(self, content_dir: Path) -> ContentFiles | None:
        """The content as it is now, reading again only the meetings that changed; None when
        a full read is needed (nothing kept, or a change other than to a meeting's file)."""
        if self.files is None or self.changed is None or self.files.through_links:
            return None
        changed, self.changed = self.changed, set()  # saves from now on are seen next time
        files = _with_meetings_changed(self.files, content_dir, changed)
        self.loaded(files)
        return files


def _with_meetings_changed(
    files: ContentFiles, content_dir: Path, changed: set[str]
) -> ContentFiles | None:
    """`files` with the meetings at the `changed` paths read again (or left out, if gone),
    or None when a path is anything else a full read would see differently."""
    root = content_dir.resolve()
    meetings = {source.relative: source for source in files.meetings}
    folders = _folders_holding(meetings)
    for name in changed:
        path = Path(name)
        if not path.is_relative_to(root):
            continue  # a template: not content
        relative = path.relative_to(root).as_posix()
        what = _what_changed(relative, path, folders)
        if what == "full read":
            return None
        if what == "gone":
            meetings.pop(relative, None)
        elif what == "meeting":
            found = Problems()
            source = _read(content_dir / relative, content_dir, found, inside=True)
            if source is None or found.items:
                return None  # the full read reports it
            meetings[relative] = source
    ordered = sorted(meetings.values(), key=lambda source: source.relative.split("/"))
    return replace(files, meetings=tuple(ordered))


def _folders_holding(meetings: Iterable[str]) -> set[str]:
    """Every folder that holds one of `meetings` (relative paths), however deep."""
    folders = {name.rpartition("/")[0] for name in meetings}
    for folder in list(folders):
        while "/" in folder:
            folder = folder.rpartition("/")[0]
            folders.add(folder)
    return folders


def _what_changed(relative: str, path: Path, folders: set[str]) -> str:
    """What a change at `path` is to the load: a "meeting" to read again, one "gone", a
    change that needs a "full read", or "nothing" it reads."""
    try:
        mode: int | None = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if relative in folders:
        return "full read"  # a folder of meetings renamed, deleted or made a link
    if not _is_minutes_file(relative):
        return "full read" if _read_in_full_read(relative, path, mode) else "nothing"
    if relative.rpartition("/")[0] not in folders:
        return "full read"  # a new folder, or a link to one: the full read decides
    if mode is None or (stat.S_ISLNK(mode) and not path.is_file()):
        return "gone"  # deleted, or a link to nothing (an editor's lock)
    return "meeting" if stat.S_ISREG(mode) else "full read"  # a link: the full read decides


def _is_minutes_file(relative: str) -> bool:
    return relative.startswith("meetings/") and relative.endswith(".md") and not hidden(relative)


def _read_in_full_read(relative: str, path: Path, mode: int | None) -> bool:
    """Whether a change at `path` (not a meeting's file nor a folder that holds one) could
    change what a full read finds: any content file or folder, or a file under meetings/
    that it would warn about."""
    if not relative.startswith("meetings/"):
        top = relative.partition("/")[0]
        return top in (".", "meetings", "groups", "site.yaml", "people.yaml")
    if hidden(relative):
        return False  # a full read skips hidden files and folders
    if mode is not None and (stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
        return True
    return _not_markdown_hint(path, Path(".")) is not None


# Content unchanged, told without reading it ----------------------------------------------

RACY_NS = 2_000_000_000  # a file changed this recently may change again, unseen, in its tick


def content_stats(content_dir: Path) -> str | None:
    """A digest of every file a full load would look at, each by its path and its own state
    on disk (size, modification and change times, inode, device; a link's own, never its
    target's); None when one was changed too recently to tell a later change by it.

    Equal digests: the same files, none written since (a write, or a time set back, sets
    the change time, which no program can set), so the load would read the same text. As
    git does for its index, a file changed in the last seconds is not judged by its state:
    an edit within the same tick of the clock could leave all of it as it was. Only where
    the change time is the inode's (POSIX): on Windows it is the file's creation time."""
    if os.name != "posix":
        return None
    now = time.time_ns()
    meetings = walk_meetings(str(content_dir / "meetings"))
    names = ["site.yaml", "people.yaml", "groups", "meetings"]
    names += [f"groups/{p.name}" for p in sorted((content_dir / "groups").glob("*.yaml"))]
    names += [f"meetings/{relative}" for relative, _ in meetings.minutes]
    names += [f"meetings/{relative}" for relative in meetings.linked_folders + meetings.others]
    h = hashlib.blake2b(digest_size=20)
    shown = str(content_dir)
    for name in names:
        try:
            found = os.lstat(f"{shown}/{name}")
        except OSError:
            h.update(f"{name}\0-\0".encode("utf-8", "surrogateescape"))
            continue
        if found.st_ctime_ns > now - RACY_NS:
            return None
        state = (found.st_mode, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
        h.update(
            f"{name}\0{state}{found.st_ino} {found.st_dev}\0".encode("utf-8", "surrogateescape")
        )
    return h.hexdigest()
