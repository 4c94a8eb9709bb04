"""Load stage: the only code that reads the content folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


def _read(path: Path, root: Path, problems: Problems) -> SourceFile | None:
    shown = str(path)
    try:
        data = path.read_bytes()
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceFile(shown, text, path.relative_to(root).as_posix())


def load_content(content_dir: Path, problems: Problems) -> ContentFiles:
    """Read every content file, in a stable order. Unreadable files become problems."""

    def read_optional(name: str) -> SourceFile | None:
        path = content_dir / name
        return _read(path, content_dir, problems) if path.is_file() else None

    def read_all(paths: list[Path]) -> tuple[SourceFile, ...]:
        files = (_read(p, content_dir, problems) for p in sorted(paths))
        return tuple(f for f in files if f is not None)

    site_path = content_dir / "site.yaml"
    if not site_path.is_file():
        problems.error(
            str(site_path),
            1,
            "site.yaml is missing",
            "create it with at least a 'title:' line",
            code="missing-file",
        )
    group_paths = [p for p in (content_dir / "groups").glob("*.yaml") if p.is_file()]
    meetings = read_all([p for p in (content_dir / "meetings").rglob("*.md") if p.is_file()])
    return ContentFiles(
        read_optional("site.yaml"),
        read_optional("people.yaml"),
        read_all(group_paths),
        meetings,
        frozenset(slugify(p.stem) for p in group_paths),
    )
