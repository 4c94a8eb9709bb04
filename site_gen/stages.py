"""The stages of a build that has work to do: parse, link, render and write.

site_gen.pipeline reads the content and calls build_site when the output must change.
"""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import chain
from pathlib import Path

import jinja2

from site_gen.cache import BuildCache
from site_gen.link import link_site
from site_gen.link.linker import ParsedContent
from site_gen.load import ContentFiles, FileReference, PaperFile, load_content, load_papers
from site_gen.model import Site
from site_gen.output_folder import check_output_folder
from site_gen.parallel import in_background
from site_gen.parse import parse_group, parse_people, parse_site
from site_gen.parse.batch import parse_meetings
from site_gen.pipeline import BuildOptions, BuildResult
from site_gen.problems import Problems
from site_gen.progress import counted
from site_gen.render import (
    RenderError,
    make_environment,
    minutes_digests,
    page_files,
    render_fingerprint,
    site_fingerprint,
)
from site_gen.theme import static_files, theme_dirs
from site_gen.unchanged import BuildMemo, SiteCounts, papers_key
from site_gen.views import meeting_pages, site_pages
from site_gen.write import (
    KEPT,
    Deferred,
    OutputRecord,
    StaleOutput,
    WriteSummary,
    output_unchanged,
    remove_stale_staging,
    write_site,
)


def parse_content(
    files: ContentFiles, problems: Problems, cache: BuildCache | None = None, jobs: int = 1
) -> ParsedContent:
    config = parse_site(files.site, problems)
    groups = (parse_group(f, problems) for f in files.groups)
    meetings = []
    outlines = []
    for parsed in parse_meetings(files.meetings, cache, jobs, config.allow_raw_html):
        problems.items.extend(parsed.problems)  # reported again when reused from the cache
        if parsed.record:
            meetings.append(parsed.record)
            outlines.append(parsed.outline)
    return ParsedContent(
        config=config,
        people=parse_people(files.people, problems),
        groups=tuple(g for g in groups if g),
        meetings=tuple(meetings),
        group_files=files.group_files,
        meeting_outlines=tuple(outlines),
    )


def load_meeting_papers(content: Path, parsed: ParsedContent, problems: Problems) -> ParsedContent:
    """The papers the meetings name, found in the content folder (the load stage's job)."""
    private = tuple(
        FileReference(paper.file, meeting.path, paper.line)
        for meeting in parsed.meetings
        for paper in meeting.private_papers
    )
    return replace(parsed, papers=load_papers(content, paper_references(parsed), problems, private))


def paper_references(parsed: ParsedContent) -> tuple[FileReference, ...]:
    """Every paper file the meetings name, as written."""
    return tuple(
        FileReference(paper.file, meeting.path, paper.line)
        for meeting in parsed.meetings
        for paper in meeting.papers
        if paper.file
    )


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
    return parse_and_link(content, load_content(content, problems), problems, drafts, cache, jobs)


def parse_and_link(
    content: Path,
    files: ContentFiles,
    problems: Problems,
    drafts: bool,
    cache: BuildCache | None = None,
    jobs: int = 1,
) -> tuple[ParsedContent, Site]:
    parsed = parse_content(files, problems, cache, jobs)
    parsed = load_meeting_papers(content, parsed, problems)
    # What the stages build lives until the end of the build: keep the garbage collector
    # from walking it again and again (on a big site that is half the time of a rebuild).
    gc.freeze()
    site = link_site(parsed, problems, include_drafts=drafts)
    gc.freeze()
    return parsed, site


def build_site(
    options: BuildOptions,
    files: ContentFiles,
    problems: Problems,
    cache: BuildCache | None,
    jobs: int,
    finish: tuple[Callable[[Path], None] | None, str],
    inputs: str,
) -> BuildResult:
    """Parse, link, render and write the content read into `files`. `finish` indexes the
    site for search (or None) and names what it does; `inputs` is the unchanged.inputs_key
    of this build, recorded for the next one ("" for none)."""
    finish_key = finish[1]
    dirs = theme_dirs(options.templates)
    parsed, site = parse_and_link(options.content, files, problems, options.drafts, cache, jobs)
    if options.base_url is not None:
        base_url = options.base_url.rstrip("/") + "/" if options.base_url else ""
        site = replace(site, config=replace(site.config, base_url=base_url))
    if _stops(problems, options.strict):
        return BuildResult(tuple(problems.sorted()), site, None)

    check_output_folder(options.out, options.content, options.force)
    remove_stale_staging(options.out.resolve())  # left by a build that was killed
    papers = papers_key(parsed.papers)
    extra = f"{finish_key}\n{papers}\ndrafts: {options.drafts}"
    fingerprint = render_fingerprint(dirs, site)  # code, theme, settings: in every page's key
    site_key = site_fingerprint(parsed, fingerprint, extra) if cache else ""
    render_key = fingerprint.hex() if cache else ""
    minutes = minutes_digests(site) if cache else {}
    previous = cache.output_record(options.out) if cache else None
    if not isinstance(previous, OutputRecord):
        previous = None
    try:
        keys = (site_key, minutes, fingerprint)
        written = _write_changes(site, dirs, options, parsed, previous, keys, finish, jobs)
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
    result = BuildResult(tuple(problems.sorted()), site, written, counts=SiteCounts.of(site))
    if cache and written.record:
        record = replace(written.record, site_key=site_key, parts=minutes, render_key=render_key)
        cache.put_output_record(options.out, record)
        if inputs:
            cache.put_memo(options.out, _memo(inputs, parsed, papers, result))
        cache.flush()
    return result


def _memo(inputs: str, parsed: ParsedContent, papers: str, result: BuildResult) -> BuildMemo:
    assert result.counts is not None
    return BuildMemo(inputs, paper_references(parsed), papers, result.problems, result.counts)


def _write_changes(
    site: Site,
    dirs: list[Path],
    options: BuildOptions,
    parsed: ParsedContent,
    previous: OutputRecord | None,
    keys: tuple[str, dict[str, bytes], bytes],
    finish: tuple[Callable[[Path], None] | None, str],
    jobs: int,
) -> WriteSummary:
    """Write what changed since `previous`, the record of the build that made the output.

    `keys` are this build's site fingerprint and minutes digests (render.site_fingerprint,
    render.minutes_digests). With the same fingerprint as the output's, only the pages of
    meetings whose minutes changed can differ: the others are kept without being made, nor
    even their keys worked out. Otherwise every file is keyed, and made if its key changed.
    """
    site_key, minutes, fingerprint = keys
    if (
        previous
        and site_key
        and previous.site_key == site_key
        and previous.parts.keys() == minutes.keys()
    ):
        changed = {path for path, d in minutes.items() if previous.parts[path] != d}
        if not changed and output_unchanged(options.out, previous):
            return WriteSummary(len(previous.made), 0, previous)  # the very same inputs
        if changed:
            try:  # write_site checks that each file kept is still as on record
                return _write_minutes(site, dirs, fingerprint, options, previous, changed, finish)
            except StaleOutput:  # changed by hand since: make every file
                pass
    papers = paper_files(site, parsed.papers)
    # With other code, theme or settings than the output's, no page's key can be the same.
    renewed = previous is not None and previous.render_key != fingerprint.hex()
    return _write(site, dirs, fingerprint, options, papers, previous, finish, jobs, renewed)


def _write_minutes(
    site: Site,
    dirs: list[Path],
    fingerprint: bytes,
    options: BuildOptions,
    previous: OutputRecord,
    changed: set[str],
    finish: tuple[Callable[[Path], None] | None, str],
) -> WriteSummary:
    """The pages of the meetings whose minutes changed; every other file kept as it is."""
    env = make_environment(dirs)
    made = page_files(site, meeting_pages(site, changed), env, fingerprint)
    kept = ((name, KEPT) for name in sorted(previous.made - changed))
    return write_site(
        chain(made, kept),
        options.out,
        finish[0],
        previous=previous,
        finish_key=finish[1],
    )


def _write(
    site: Site,
    dirs: list[Path],
    fingerprint: bytes,
    options: BuildOptions,
    papers: Iterator[tuple[str, bytes]],
    previous: OutputRecord | None,
    finish: tuple[Callable[[Path], None] | None, str],
    jobs: int,
    renewed: bool = False,
) -> WriteSummary:
    # Imported here: a rebuild that only makes pages of edited minutes never needs them.
    from site_gen.outputs.extras import extra_files

    # Pages are rendered as they are written, and only those whose inputs changed.
    env = make_environment(dirs)
    pages = list(page_files(site, site_pages(site), env, fingerprint, renewed))
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
