"""Knowing, before parsing anything, that a build has nothing to do.

An author often builds again with nothing changed (a second `make`, a CI run on an
unrelated commit). When every input is exactly what made the output (the content files
read, the papers on disk, the theme, site_gen's code and the build's options) and the
output is still as it was written, the build can stop after reading the content: the
problems and figures it would report are those recorded by the build that made it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from site_gen.cache import code_fingerprint
from site_gen.load import ContentFiles, FileReference, PaperFile, load_papers
from site_gen.problems import Problem, Problems

if TYPE_CHECKING:
    from site_gen.model import Site


@dataclass(frozen=True)
class SiteCounts:
    """What a build reports about the site it made."""

    meetings: int
    people: int
    actions: int

    @classmethod
    def of(cls, site: Site) -> SiteCounts:
        return cls(len(site.meetings), len(site.people), len(site.actions))


@dataclass(frozen=True)
class BuildMemo:
    """What a successful build leaves for the next one to compare with."""

    inputs: str  # inputs_key() of the build
    papers: tuple[FileReference, ...]  # every paper the meetings named, as written
    papers_key: str  # papers_key() of those papers as they were on disk
    problems: tuple[Problem, ...]  # the warnings the build reported
    counts: SiteCounts

    def still_current(self, inputs: str, content: Path) -> bool:
        """Whether a build from `inputs` would make what this build made."""
        if inputs != self.inputs:
            return False
        problems = Problems()
        found = load_papers(content, self.papers, problems)
        return not problems.items and papers_key(found) == self.papers_key


def inputs_key(files: ContentFiles, theme: bytes, settings: Iterable[object]) -> str:
    """A digest of what a build reads before it parses: content files, theme, code, options.

    `theme` is the theme's digest; `settings` everything else that changes the output (the
    options and what indexes the site for search)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{code_fingerprint()}\n{[repr(s) for s in settings]!r}\n".encode())
    h.update(theme)
    sources = [files.site, files.people, *files.groups, *files.meetings]
    for source in sources:
        if source is None:
            h.update(b"\1")
            continue
        for part in (source.path, source.relative, source.text):
            h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    h.update("\0".join(sorted(files.group_files)).encode())
    return h.hexdigest()


def papers_key(papers: Mapping[str, PaperFile]) -> str:
    """The papers as they are on disk (their bytes are read only when written)."""
    found = []
    for paper in sorted(papers.values(), key=lambda p: p.relative):
        try:
            stat = os.stat(paper.path)
        except OSError:
            return "unreadable"  # never taken for unchanged
        # The change time too: a file rewritten with its size and time kept (cp -p) has a
        # new one, which no program can set.
        found.append(
            f"{paper.relative} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} {stat.st_ino}"
        )
    return "\n".join(found)
