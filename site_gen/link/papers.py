"""A meeting's papers: where each file is published, and what kind of file it is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from site_gen import urls
from site_gen.load import PaperFile
from site_gen.model import Paper
from site_gen.paper_types import ALLOWED, published_suffix
from site_gen.parse.records import MeetingRecord
from site_gen.problems import Problems
from site_gen.slugs import slugify


def file_kind(name: str) -> tuple[str, str]:
    """(what a reader calls it, media type) for a paper's name: ("PDF", "application/pdf").
    Only the allowed document types are ever published (site_gen.paper_types)."""
    found = ALLOWED.get(published_suffix(name))
    if found is None:
        suffix = published_suffix(name)
        return (f"{suffix.upper()} file" if suffix else "File"), "application/octet-stream"
    return found.kind, found.media_type


def published_name(relative: str) -> str:
    """A safe file name for the copy: "Slides (final).PDF" -> "slides-final.pdf"."""
    stem = slugify(PurePosixPath(relative).stem) or "paper"
    suffix = published_suffix(relative)  # the suffix the paper's type was checked against
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
