"""The build, top to bottom: load -> parse -> link -> render -> write."""

from __future__ import annotations

import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

import jinja2

from site_gen.link import link_site
from site_gen.link.linker import ParsedContent
from site_gen.load import ContentFiles, FileReference, PaperFile, load_content, load_papers
from site_gen.markdown import make_markdown
from site_gen.model import Site
from site_gen.outputs import extra_files
from site_gen.outputs.search import search_indexer
from site_gen.parse import parse_group, parse_meeting, parse_people, parse_site
from site_gen.problems import Problem, Problems
from site_gen.progress import ProgressHook, counted
from site_gen.render import make_environment, render_pages, static_files, theme_dirs
from site_gen.views import site_pages
from site_gen.write import WriteSummary, check_output_folder, write_site


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


@dataclass(frozen=True)
class BuildResult:
    problems: tuple[Problem, ...]
    site: Site | None
    written: WriteSummary | None  # None: nothing was written
    notices: tuple[str, ...] = ()  # about the build, not the content (e.g. no search index)

    @property
    def failed(self) -> bool:
        return self.written is None


def parse_content(files: ContentFiles, problems: Problems) -> ParsedContent:
    config = parse_site(files.site, problems)
    md = make_markdown(allow_html=config.allow_raw_html)
    groups = (parse_group(f, problems) for f in files.groups)
    meetings = (parse_meeting(f, md, problems) for f in files.meetings)
    return ParsedContent(
        config=config,
        people=parse_people(files.people, problems),
        groups=tuple(g for g in groups if g),
        meetings=tuple(m for m in meetings if m),
        group_files=files.group_files,
    )


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
        "fix the template; the names a template may use are in site_gen/views/",
        code="template",
    )


def _check_unique_paths(pages: list[tuple[str, bytes]]) -> None:
    """Two pages at one address would silently lose one: that is a bug, never content."""
    seen: set[str] = set()
    for path, _ in pages:
        if path in seen:
            raise RuntimeError(f"two pages were made for {path}")
        seen.add(path)


def gather(content: Path, problems: Problems, drafts: bool) -> tuple[ParsedContent, Site]:
    """Load, parse and link: everything a build or a check knows before rendering."""
    files = load_content(content, problems)
    parsed = load_meeting_papers(content, parse_content(files, problems), problems)
    return parsed, link_site(parsed, problems, include_drafts=drafts)


def build(options: BuildOptions) -> BuildResult:
    problems = Problems()
    parsed, site = gather(options.content, problems, options.drafts)
    if options.base_url is not None:
        base_url = options.base_url.rstrip("/") + "/" if options.base_url else ""
        site = replace(site, config=replace(site.config, base_url=base_url))
    if _stops(problems, options.strict):
        return BuildResult(tuple(problems.sorted()), site, None)

    check_output_folder(options.out, options.content, options.force)
    dirs = theme_dirs(options.templates)
    views = list(site_pages(site))
    try:
        # Render everything before writing anything: a template error must not leave half a site.
        rendered = render_pages(site, views, make_environment(dirs))
        pages = list(counted(rendered, options.progress, "rendering", len(views)))
    except jinja2.TemplateError as exc:
        _template_problem(exc, problems)
        return BuildResult(tuple(problems.sorted()), site, None)
    _check_unique_paths(pages)
    extras = extra_files(site, [path for path, _ in pages])
    papers = paper_files(site, parsed.papers)
    # A --drafts build is a preview: never a search index that could carry draft text.
    index_for_search, notice = search_indexer(options.search and not options.drafts)
    output = [*pages, *static_files(dirs), *extras]
    # Papers are read one at a time while they are written, never all held at once.
    files_out = chain(counted(output, options.progress, "writing", len(output)), papers)
    written = write_site(files_out, options.out, index_for_search)
    notices = (notice,) if notice else ()
    return BuildResult(tuple(problems.sorted()), site, written, notices)
