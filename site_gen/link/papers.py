"""A meeting's papers: where each file is published, and what kind of file it is."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from site_gen import urls
from site_gen.load import PaperFile
from site_gen.model import Paper
from site_gen.parse.records import MeetingRecord
from site_gen.problems import Problems
from site_gen.slugs import slugify

# The formats committee papers come in, named as a reader would. The standard library's own
# table (used for the rest) knows neither the Office nor the OpenDocument formats.
_KINDS = {
    ".pdf": ("PDF", "application/pdf"),
    ".doc": ("Word document", "application/msword"),
    ".docx": (
        "Word document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".odt": ("OpenDocument text", "application/vnd.oasis.opendocument.text"),
    ".rtf": ("Rich text document", "application/rtf"),
    ".txt": ("Plain text", "text/plain"),
    ".csv": ("CSV spreadsheet", "text/csv"),
    ".xls": ("Excel spreadsheet", "application/vnd.ms-excel"),
    ".xlsx": (
        "Excel spreadsheet",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ".ods": ("OpenDocument spreadsheet", "application/vnd.oasis.opendocument.spreadsheet"),
    ".ppt": ("PowerPoint presentation", "application/vnd.ms-powerpoint"),
    ".pptx": (
        "PowerPoint presentation",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ".odp": ("OpenDocument presentation", "application/vnd.oasis.opendocument.presentation"),
    ".png": ("PNG image", "image/png"),
    ".jpg": ("JPEG image", "image/jpeg"),
    ".jpeg": ("JPEG image", "image/jpeg"),
    ".gif": ("GIF image", "image/gif"),
    ".webp": ("WebP image", "image/webp"),
    ".mp3": ("MP3 audio", "audio/mpeg"),
    ".mp4": ("MP4 video", "video/mp4"),
    ".zip": ("ZIP archive", "application/zip"),
    ".epub": ("EPUB book", "application/epub+zip"),
}
# Built-in types only, never the machine's own files: the same content builds the same site.
_BUILT_IN_TYPES = mimetypes.MimeTypes(filenames=())


def file_kind(name: str) -> tuple[str, str]:
    """(what a reader calls it, media type) for a file name: ("PDF", "application/pdf")."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _KINDS:
        return _KINDS[suffix]
    media_type = _BUILT_IN_TYPES.guess_type(f"file{suffix}")[0] or "application/octet-stream"
    return (f"{suffix[1:].upper()} file" if suffix else "File"), media_type


def published_name(relative: str) -> str:
    """A safe file name for the copy: "Slides (final).PDF" -> "slides-final.pdf"."""
    path = PurePosixPath(relative)
    stem = slugify(path.stem) or "paper"
    suffix = slugify(path.suffix)
    return f"{stem}.{suffix}" if suffix else stem


@dataclass
class GroupPapers:
    """One group's published paper names: one per source file, never two files under one name."""

    group: str
    problems: Problems
    names: dict[str, str] = field(default_factory=dict)  # source file -> published name
    taken: set[str] = field(default_factory=set)

    def name_for(self, source: str, cited_in: str, line: int) -> str:
        if source in self.names:
            return self.names[source]
        wanted = published_name(source)
        name, n = wanted, 1
        stem, dot, suffix = wanted.rpartition(".") if "." in wanted else (wanted, "", "")
        while name in self.taken:
            n += 1
            name = f"{stem}-{n}{dot}{suffix}"
        if name != wanted:
            first = next(s for s, taken in self.names.items() if taken == wanted)
            self.problems.warning(
                cited_in,
                line,
                f"papers {first!r} and {source!r} would both be published as {wanted!r}; "
                f"{source!r} is published as {name!r}",
                "rename one of the files so that their names differ in letters or digits",
                code="paper-name-clash",
            )
        self.taken.add(name)
        self.names[source] = name
        return name


def link_papers(
    record: MeetingRecord, loaded: Mapping[str, PaperFile], names: GroupPapers
) -> tuple[Paper, ...]:
    """The meeting's public papers; a file that could not be loaded is left out (reported)."""
    papers = []
    for entry in record.papers:
        if entry.url:
            papers.append(Paper(entry.title, entry.url, external=True))
            continue
        file = loaded.get(entry.file)
        if file is None:
            continue
        kind, media_type = file_kind(file.relative)
        name = names.name_for(file.relative, record.path, entry.line)
        papers.append(
            Paper(
                entry.title,
                urls.paper_file(record.group, name),
                external=False,
                size=file.size,
                kind=kind,
                media_type=media_type,
                source=file.relative,
            )
        )
    return tuple(papers)
