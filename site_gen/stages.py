"""The stages of a build that has work to do, as site_gen.pipeline.build calls them, and the
gather step every command shares: load, parse and link, all a build knows before rendering.

Loaded only by a build that parses: one that finds its output current never imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path

from jinja2 import Environment

from site_gen import urls
from site_gen.incremental.keys import PageNote
from site_gen.incremental.session import Plan
from site_gen.link import link_site
from site_gen.load import ContentFiles, PaperFile, load_content, load_papers
from site_gen.model import Site
from site_gen.outputs.registry import output_files, outputs_show_minutes
from site_gen.outputs.search import Finish
from site_gen.pages import pages_by_kind as pages_by_kind
from site_gen.pages import site_pages as site_pages
from site_gen.parallel import in_background
from site_gen.parse.content import (
    FileParses,
    ParsedContent,
    Reuse,
    paper_references,
    parse_content,
    parse_everything,
    private_paper_references,
    with_papers,
)
from site_gen.problems import Problems
from site_gen.progress import ProgressHook, counted
from site_gen.render import (
    TEMPLATE_HINT,
    RenderError,
    make_environment,
    page_renderer,
    render_pages,
)
from site_gen.spool import Spool
from site_gen.theme import static_files
from site_gen.views.page import Page
from site_gen.write import KEEP, MAKE, Intent, Written, apply, plan

__all__ = ["outputs_show_minutes", "pages_by_kind", "site_pages"]


def parse(
    content: Path,
    files: ContentFiles,
    problems: Problems,
    reuse: Reuse,
    jobs: int,
    kept: FileParses | None = None,
) -> ParsedContent:
    """Every file parsed (`reuse`, `kept`: see parse_content); then the papers the meetings
    name, found in the content folder (the load stage's work, which has to wait for the
    parse to know them)."""
    parsed = parse_content(files, problems, reuse, jobs, kept)
    private = private_paper_references(parsed)
    return with_papers(parsed, load_papers(content, paper_references(parsed), problems, private))


Linker = Callable[[Problems], Site]


def link_everything(parsed: ParsedContent, problems: Problems, link: Linker) -> Site:
    """The reuse of a build that has no model to reuse: link it."""
    return link(problems)


def link(
    parsed: ParsedContent,
    problems: Problems,
    drafts: bool,
    base_url: str | None,
    reuse: Callable[[ParsedContent, Problems, Linker], Site] = link_everything,
) -> Site:
    """The model, with `base_url` (the --base-url option) in place of site.yaml's. `reuse`
    may give a model linked before from the same content (site_gen.incremental's)."""
    return reuse(parsed, problems, partial(_link, parsed, drafts, base_url))


def _link(parsed: ParsedContent, drafts: bool, base_url: str | None, problems: Problems) -> Site:
    site = link_site(parsed, problems, include_drafts=drafts)
    if base_url is None:
        return site
    address = base_url.rstrip("/") + "/" if base_url else ""
    return replace(site, config=replace(site.config, base_url=address))


def gather(
    content: Path,
    problems: Problems,
    drafts: bool,
    *,
    base_url: str | None = None,
    reuse: Reuse = parse_everything,
    jobs: int = 1,
) -> tuple[ParsedContent, Site]:
    """Load, parse and link: everything a command knows of the content before rendering,
    with every problem the build finds in it."""
    parsed = parse(content, load_content(content, problems), problems, reuse, jobs)
    return parsed, link(parsed, problems, drafts, base_url)


@dataclass
class Made:
    """The files of a build as they are made: every file with what the write does with it,
    the bytes of those to make (pages rendered as they are written, then the theme's static
    files and the papers, read one at a time), and the outputs, made meanwhile by another
    process. `notes` fills in as the pages are rendered."""

    intents: list[tuple[str, Intent]]
    files: Iterator[tuple[str, bytes]]
    outputs: Outputs | None
    notes: dict[str, PageNote] = field(default_factory=dict)


class Outputs:
    """The outputs' files: made meanwhile in another process where one can be had, each
    written to a spool beside the output folder as it is made and read back as it is
    placed (site_gen.spool), so that no process holds them all; else made here, one at a
    time, as the write asks for them."""

    def __init__(self, make: Callable[[], Iterable[tuple[str, bytes]]], jobs: int, out: Path):
        self._make: Callable[[], Iterable[tuple[str, bytes]]] | None = make
        self._spool: Spool | None = Spool(out)
        spool = self._spool
        self._names = in_background(lambda: spool.fill(make()), jobs)
        if not self._names.elsewhere:  # no other process: nothing to spool
            self.cancel()

    def files(self) -> Iterable[tuple[str, bytes]]:
        if self._spool is None:
            assert self._make is not None, "asked for once"
            make, self._make = self._make, None
            return make()
        return self._spool.drain(self._names.result())

    def cancel(self) -> None:
        """Stop the work if it still runs, and remove the spool: the build is over."""
        self._names.cancel()
        if self._spool is not None:
            self._spool.remove()
            self._spool = None


def render(
    site: Site,
    papers: Mapping[str, PaperFile],
    todo: Plan,
    dirs: Sequence[Path],
    note: Callable[[Page], PageNote],
    jobs: int,
    progress: ProgressHook | None = None,
    environment: Callable[[Callable[[Sequence[Path]], Environment]], Environment] | None = None,
    *,
    out: Path,
) -> Made:
    """The pages `todo` lists, and when it says so the outputs, static files and papers;
    `environment` gives the theme's Jinja environment from how to make one (the session's,
    kept between serve's builds), else one is made."""
    env = environment(make_environment) if environment else make_environment(dirs)
    renderer = page_renderer(site, env)
    intents = [(name, KEEP) for name in todo.keep]
    intents += [(page.path, MAKE) for page in todo.pages]
    statics: list[tuple[str, bytes]] = []
    copies: list[tuple[str, PaperFile]] = []
    outputs = None
    if todo.everything_else:
        statics = list(static_files(list(dirs)))
        copies = paper_copies(site, papers)
        intents += [(name, MAKE) for name, _ in chain(statics, copies)]
        # Made by another process while the pages' workers render them and this one writes.
        outputs = Outputs(partial(output_files, site, renderer, todo.every_page), jobs, out)
    made = Made(intents, iter(()), outputs, dict(todo.notes))
    pages = render_pages(todo.pages, renderer, note, jobs)
    files = chain(
        counted(_noted(pages, made.notes), progress, "rendering", len(todo.pages)),
        statics,
        ((name, paper.read()) for name, paper in copies),  # read as each is written
    )
    made.files = counted(files, progress, "writing", len(todo.pages) + len(statics) + len(copies))
    return made


def _noted(
    pages: Iterator[tuple[str, bytes, PageNote]], notes: dict[str, PageNote]
) -> Iterator[tuple[str, bytes]]:
    for path, data, note in pages:
        notes[path] = note
        yield path, data


def paper_copies(site: Site, papers: Mapping[str, PaperFile]) -> list[tuple[str, PaperFile]]:
    """The published meetings' paper files, by output path, in order; and the site's logo."""
    copies = {p.url: p.source for m in site.meetings for p in m.papers if not p.external}
    loaded = {paper.relative: paper for paper in papers.values()}
    found = {url: loaded[copies[url]] for url in copies}
    logo = papers.get(site.config.logo) if site.config.logo else None  # by the path as written
    if logo is not None:
        found[urls.site_logo(site.config.logo)] = logo
    return sorted(found.items(), key=lambda item: item[0])


def write(made: Made, todo: Plan, out: Path, finish: Finish | None) -> Written:
    """The files `made` into `out`, as the write stage plans it."""
    planned = plan(
        made.intents,
        todo.on_disk,
        finish=None if finish is None else finish.key,
        late=made.outputs is not None,
    )
    outputs = made.outputs
    try:
        return apply(
            planned,
            out,
            made.files,
            late=None if outputs is None else outputs.files,
            finish=None if finish is None else finish.run,
        )
    finally:
        if outputs is not None:
            outputs.cancel()  # if it is still running, the build failed; the spool goes


def template_problem(failed: RenderError, problems: Problems) -> None:
    message = f"template error: {failed.message}"
    problems.error(failed.path, failed.line, message, TEMPLATE_HINT, code="template")
