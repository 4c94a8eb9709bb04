"""The build, top to bottom: load -> parse -> link -> render -> write."""

from __future__ import annotations

import gc
import os
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

import jinja2

from site_gen.cache import BuildCache, check_cache_dir, default_cache_dir
from site_gen.link import link_site
from site_gen.link.linker import ParsedContent
from site_gen.load import ContentFiles, FileReference, PaperFile, load_content, load_papers
from site_gen.model import Site
from site_gen.outputs import extra_files
from site_gen.outputs.search import find_pagefind, search_indexer
from site_gen.parallel import available_cores, in_background
from site_gen.parse import parse_group, parse_people, parse_site
from site_gen.parse.batch import parse_meetings
from site_gen.problems import Problem, Problems
from site_gen.progress import ProgressHook, counted
from site_gen.render import (
    RenderError,
    make_environment,
    page_files,
    site_fingerprint,
    static_files,
    theme_dirs,
)
from site_gen.views import site_pages
from site_gen.write import (
    Deferred,
    OutputRecord,
    UnsafeOutput,
    WriteSummary,
    check_output_folder,
    output_unchanged,
    remove_stale_staging,
    write_site,
)


@dataclass(frozen=True)
class BuildOptions:
    content: Path
    out: Path
    templates: Path | None = None
    drafts: bool = False
    strict: bool = False
    force: bool = False
    search: bool = False  # index the site with Pagefind when it is installed
    base_url: str | None = None  # overrides site.yaml's base_url
    progress: ProgressHook | None = None  # told of each page rendered and written
    cache: bool = True  # reuse and record work in the build cache
    cache_dir: Path | None = None  # default: .site-gen-cache beside the output folder
    jobs: int = 0  # worker processes; 0: one per core


@dataclass(frozen=True)
class BuildResult:
    problems: tuple[Problem, ...]
    site: Site | None
    written: WriteSummary | None  # None: nothing was written
    notices: tuple[str, ...] = ()  # about the build, not the content (e.g. no search index)

    @property
    def failed(self) -> bool:
        return self.written is None


def parse_content(
    files: ContentFiles, problems: Problems, cache: BuildCache | None = None, jobs: int = 1
) -> ParsedContent:
    config = parse_site(files.site, problems)
    groups = (parse_group(f, problems) for f in files.groups)
    meetings = []
    for parsed in parse_meetings(files.meetings, cache, jobs, config.allow_raw_html):
        problems.items.extend(parsed.problems)  # reported again when reused from the cache
        if parsed.record:
            meetings.append(parsed.record)
    return ParsedContent(
        config=config,
        people=parse_people(files.people, problems),
        groups=tuple(g for g in groups if g),
        meetings=tuple(meetings),
        group_files=files.group_files,
    )


def open_cache(options: BuildOptions) -> BuildCache | None:
    """The build cache for these options, or None for a build without one."""
    if not options.cache:
        return None
    folder = options.cache_dir or default_cache_dir(options.out)
    unsafe = check_cache_dir(folder, options.content, options.out)
    if unsafe and options.cache_dir:
        raise UnsafeOutput(unsafe)
    return None if unsafe else BuildCache(folder)


def load_meeting_papers(content: Path, parsed: ParsedContent, problems: Problems) -> ParsedContent:
    """The papers the meetings name, found in the content folder (the load stage's job)."""
    wanted = (
        FileReference(paper.file, meeting.path, paper.line)
        for meeting in parsed.meetings
        for paper in meeting.papers
        if paper.file
    )
    return replace(parsed, papers=load_papers(content, wanted, problems))


def paper_files(site: Site, papers: Mapping[str, PaperFile]) -> Iterator[tuple[str, bytes]]:
    """The published meetings' paper files, as (output path, bytes), read one at a time."""
    copies = {p.url: p.source for m in site.meetings for p in m.papers if not p.external}
    loaded = {paper.relative: paper for paper in papers.values()}
    for url in sorted(copies):
        yield url, loaded[copies[url]].read()


def _stops(problems: Problems, strict: bool) -> bool:
    return bool(problems.errors or (strict and problems.warnings))


TEMPLATE_HINT = "fix the template; the names a template may use are in site_gen/views/"


def _template_problem(exc: jinja2.TemplateError, problems: Problems) -> None:
    """Where in which template: syntax errors say so; for errors while rendering, Jinja2 puts
    the template's file and line into the traceback."""
    path = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if path is None:
        frames = [
            f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")
        ]
        if frames:
            path, line = frames[-1].filename, frames[-1].lineno
    problems.error(
        str(path or "templates"),
        line or 1,
        f"template error: {exc.message}",
        TEMPLATE_HINT,
        code="template",
    )


def _check_unique_paths(pages: Sequence[tuple[str, object]]) -> None:
    """Two pages at one address would silently lose one: that is a bug, never content."""
    seen: set[str] = set()
    for path, _ in pages:
        if path in seen:
            raise RuntimeError(f"two pages were made for {path}")
        seen.add(path)


def gather(
    content: Path,
    problems: Problems,
    drafts: bool,
    cache: BuildCache | None = None,
    jobs: int = 1,
) -> tuple[ParsedContent, Site]:
    """Load, parse and link: everything a build or a check knows before rendering."""
    files = load_content(content, problems)
    parsed = parse_content(files, problems, cache, jobs)
    parsed = load_meeting_papers(content, parsed, problems)
    # What the stages build lives until the end of the build: keep the garbage collector
    # from walking it again and again (on a big site that is half the time of a rebuild).
    gc.freeze()
    site = link_site(parsed, problems, include_drafts=drafts)
    gc.freeze()
    return parsed, site


def _indexer_key() -> str:
    """Names the search indexer, so an unchanged site keeps its index only while the same
    Pagefind would make it."""
    binary = find_pagefind()
    if binary is None:
        return ""
    stat = binary.stat()
    return f"pagefind {binary} {stat.st_size} {stat.st_mtime_ns}"


def _papers_key(papers: Mapping[str, PaperFile]) -> str:
    """The papers as they are on disk (their bytes are read only when written)."""
    found = []
    for paper in sorted(papers.values(), key=lambda p: p.relative):
        try:
            stat = os.stat(paper.path)
        except OSError:
            return "unreadable"  # never taken for unchanged
        found.append(f"{paper.relative} {stat.st_size} {stat.st_mtime_ns} {stat.st_ino}")
    return "\n".join(found)


def build(options: BuildOptions) -> BuildResult:
    cache = open_cache(options)
    try:
        return _build(options, cache, options.jobs or available_cores())
    finally:
        gc.unfreeze()
        if cache:
            cache.close()


def _build(options: BuildOptions, cache: BuildCache | None, jobs: int) -> BuildResult:
    problems = Problems()
    parsed, site = gather(options.content, problems, options.drafts, cache, jobs)
    if options.base_url is not None:
        base_url = options.base_url.rstrip("/") + "/" if options.base_url else ""
        site = replace(site, config=replace(site.config, base_url=base_url))
    if _stops(problems, options.strict):
        return BuildResult(tuple(problems.sorted()), site, None)

    check_output_folder(options.out, options.content, options.force)
    remove_stale_staging(options.out.resolve())  # left by a build that was killed
    dirs = theme_dirs(options.templates)
    # A --drafts build is a preview: never a search index that could carry draft text.
    index_for_search, notice = search_indexer(options.search and not options.drafts)
    finish_key = _indexer_key() if index_for_search else ""
    inputs = f"{finish_key}\n{_papers_key(parsed.papers)}"
    site_key = site_fingerprint(site, dirs, inputs) if cache else ""
    previous = cache.output_record(options.out) if cache else None
    if not isinstance(previous, OutputRecord):
        previous = None
    if previous and previous.site_key == site_key and output_unchanged(options.out, previous):
        # The same model, theme, papers and code as the build that made the output, which
        # is still as it was written: there is nothing to do.
        written = WriteSummary(len(previous.made), 0, previous)
    else:
        try:
            written = _write(
                site,
                dirs,
                options,
                paper_files(site, parsed.papers),
                previous,
                (index_for_search, finish_key),
                jobs,
            )
        except jinja2.TemplateError as exc:
            _template_problem(exc, problems)
            return BuildResult(tuple(problems.sorted()), site, None)
        except RenderError as exc:
            problems.error(
                exc.path,
                exc.line,
                f"template error: {exc.message}",
                TEMPLATE_HINT,
                code="template",
            )
            return BuildResult(tuple(problems.sorted()), site, None)
        if cache and written.record:
            cache.put_output_record(options.out, replace(written.record, site_key=site_key))
            cache.flush()
    notices = (notice,) if notice else ()
    return BuildResult(tuple(problems.sorted()), site, written, notices)


def _write(
    site: Site,
    dirs: list[Path],
    options: BuildOptions,
    papers: Iterator[tuple[str, bytes]],
    previous: OutputRecord | None,
    finish: tuple[Callable[[Path], None] | None, str],
    jobs: int,
) -> WriteSummary:
    # Pages are rendered as they are written, and only those whose inputs changed.
    pages = list(page_files(site, site_pages(site), make_environment(dirs), dirs))
    pages = list(counted(pages, options.progress, "rendering", len(pages)))
    _check_unique_paths(pages)
    paths = [path for path, _ in pages]
    # Feeds, calendars and data are made by another process while pages are rendered, on
    # the cores left: each forked process ends up with a copy of much of the model.
    extras = in_background(lambda: list(extra_files(site, paths)), jobs)
    output: list[tuple[str, bytes | Deferred]] = [*pages, *static_files(dirs)]
    # Papers are read one at a time while they are written, never all held at once.
    files_out = chain(counted(output, options.progress, "writing", len(output)), papers)
    try:
        # Into a new folder that replaces the output only when complete: a template error
        # leaves the previous site as it was.
        return write_site(
            files_out,
            options.out,
            finish[0],
            previous=previous,
            jobs=max(1, jobs - 1),
            finish_key=finish[1],
            late=extras,
        )
    except BaseException:
        extras()  # let the other process finish, rather than leave it behind
        raise
