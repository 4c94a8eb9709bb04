"""The build, top to bottom: load -> parse -> link -> render -> write.

`build` names every stage in order. Beside them stands the build session
(site_gen.incremental), which remembers what the last build made: it answers whether the
output is still current, offers the parse stage earlier parses, says which files must be
made, and records what was. The stages themselves know nothing of it.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from site_gen.incremental.session import Memory, Session
from site_gen.load import load_content
from site_gen.output_folder import check_output_folder
from site_gen.output_lock import output_lock
from site_gen.problems import Problem, Problems
from site_gen.progress import ProgressHook
from site_gen.site_counts import SiteCounts
from site_gen.theme import theme_dirs
from site_gen.write import remove_stale_staging

if TYPE_CHECKING:
    from site_gen.model import Site
    from site_gen.outputs.search import Finish
    from site_gen.write import Written


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
    progress: ProgressHook | None = None  # told of each page rendered
    cache: bool = True  # reuse and record work in the build cache
    cache_dir: Path | None = None  # default: .site-gen-cache beside the output folder
    jobs: int = 0  # worker processes; 0: one per core


@dataclass(frozen=True)
class BuildResult:
    problems: tuple[Problem, ...]
    site: Site | None  # None when the build stopped early (content errors, or no change)
    written: Written | None  # None: nothing was written
    notices: tuple[str, ...] = ()  # about the build, not the content (e.g. no search index)
    counts: SiteCounts | None = None  # of the site built

    @property
    def failed(self) -> bool:
        return self.written is None


def build(options: BuildOptions, memory: Memory | None = None) -> BuildResult:
    """Load, parse, link, render, write: each step below is a stage, in order. Beside them,
    the build session remembers what the last build made (site_gen.incremental), and with
    `memory` (site-gen serve's) what this process made last, the linked model included."""
    out, content = options.out, options.content
    check_output_folder(out, content, options.force)  # before anything is made beside it
    finish, notice = _search_indexer(options.search and not options.drafts)  # drafts: never
    problems, dirs = Problems(), theme_dirs(options.templates)
    with _output_held(options), _session(options, dirs, finish, memory) as session:
        said = partial(session.notices, notice)
        replay = session.replay_unread()  # no content file changed since: none is read
        if replay is None:
            files = load_content(content, problems, memory.loads if memory else None)  # load
            replay = session.replay(files, problems)  # the output is current: nothing to do
        if replay is not None:
            return BuildResult(replay.problems, None, replay.written, said(), replay.counts)
        stages = importlib.import_module("site_gen.stages")  # only now: a third of a replay
        jobs = options.jobs or _cores()
        kept = session.kept_files()
        parsed = stages.parse(content, files, problems, session.reuse, jobs, kept)  # parse
        site = stages.link(parsed, problems, options.drafts, options.base_url, session.relink)
        if problems.stop(options.strict):  # errors (or, with --strict, warnings) stop here
            return BuildResult(tuple(problems.sorted()), site, None, said())
        with _heap_frozen():
            pages = stages.pages_by_kind(site, session.kept_lookups())
            minutes_shown = stages.outputs_show_minutes()
            todo = session.plan(parsed, site, pages, minutes_shown)  # what must be made
            # The files as read and as parsed are linked into the model: of them the render
            # and the record need only the papers. Let go, they leave room for what the
            # render makes (and the render's workers fork without them).
            papers, references = parsed.papers, stages.paper_references(parsed)
            del files, kept, parsed
            try:
                made = stages.render(
                    site,
                    papers,
                    todo,
                    dirs,
                    session.note,
                    jobs,
                    options.progress,
                    session.environment,
                    out=out,
                )  # render pages and outputs
                written = stages.write(made, todo, out, finish)  # write
            except stages.RenderError as failed:  # a template failed: nothing is written
                stages.template_problem(failed, problems)
                return BuildResult(tuple(problems.sorted()), site, None, said())
        found, counts = tuple(problems.sorted()), SiteCounts.of(site)
        session.record(written, made.notes, references, found, counts)
        return BuildResult(found, site, written, said(), counts)


def _cores() -> int:
    from site_gen.parallel import available_cores  # loaded with the stages, after a replay

    return available_cores()


def _search_indexer(wanted: bool) -> tuple[Finish | None, str]:
    """outputs.search.search_indexer, loaded only by a build that indexes the site (loading
    it, and the subprocess machinery it needs, was a tenth of a build with nothing to do)."""
    if not wanted:
        return None, ""
    from site_gen.outputs.search import search_indexer

    return search_indexer(wanted)


def _session(
    options: BuildOptions, dirs: list[Path], finish: Finish | None, memory: Memory | None
) -> Session:
    # Every option that changes what the build makes, or what it reports.
    index = finish.key if finish else ""
    settings = (options.drafts, options.strict, options.base_url, index, options.content)
    return Session(
        options.out,
        options.content,
        dirs,
        settings,
        cache=options.cache,
        cache_dir=options.cache_dir,
        memory=memory,
    )


@contextmanager
def _output_held(options: BuildOptions) -> Iterator[None]:
    """This build alone writes into the output's folder (site_gen.output_lock); holding it, a
    site that a killed build took down is put back, and the output is checked again."""
    with output_lock(options.out):
        remove_stale_staging(options.out.resolve())
        check_output_folder(options.out, options.content, options.force)
        yield


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """What the stages made lives to the end of the build: the garbage collector is spared
    walking it again and again (on a big site, half the time of a rebuild)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
