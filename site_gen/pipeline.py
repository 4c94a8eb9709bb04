"""The build, top to bottom: load -> parse -> link -> render -> write.

This module reads the content and, when every input is what made the output, stops there
(site_gen.unchanged); the stages that parse, link, render and write are in site_gen.stages.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from site_gen.cache import BuildCache, check_cache_dir, default_cache_dir
from site_gen.load import load_content
from site_gen.output_folder import MARKER, UnsafeOutput, check_output_folder
from site_gen.output_lock import output_lock
from site_gen.outputs.search import find_pagefind, search_indexer
from site_gen.parallel import available_cores
from site_gen.problems import Problem, Problems
from site_gen.progress import ProgressHook
from site_gen.swap import recover
from site_gen.theme import theme_dirs, theme_fingerprint
from site_gen.unchanged import BuildMemo, SiteCounts, inputs_key
from site_gen.write import (
    OutputRecord,
    WriteSummary,
    output_unchanged,
    remove_stale_staging,
)

if TYPE_CHECKING:
    from site_gen.model import Site


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
    site: Site | None  # None when the build stopped early (content errors, or no change)
    written: WriteSummary | None  # None: nothing was written
    notices: tuple[str, ...] = ()  # about the build, not the content (e.g. no search index)
    counts: SiteCounts | None = None  # of the site built

    @property
    def failed(self) -> bool:
        return self.written is None


def open_cache(options: BuildOptions) -> BuildCache | None:
    """The build cache for these options, or None for a build without one."""
    if not options.cache:
        return None
    folder = options.cache_dir or default_cache_dir(options.out)
    unsafe = check_cache_dir(folder, options.content, options.out)
    if unsafe and options.cache_dir:
        raise UnsafeOutput(unsafe)
    return None if unsafe else BuildCache(folder)


def _indexer_key() -> str:
    """Names the search indexer, so an unchanged site keeps its index only while the same
    Pagefind would make it."""
    binary = find_pagefind()
    if binary is None:
        return ""
    stat = binary.stat()
    return f"pagefind {binary} {stat.st_size} {stat.st_mtime_ns}"


def build(options: BuildOptions) -> BuildResult:
    # An --out that must not be replaced is refused before anything is made beside it; then
    # this build holds the output folder (one build at a time: site_gen.output_lock), and
    # first of all puts back a site that a killed build took down (see site_gen.swap).
    check_output_folder(options.out, options.content, options.force)
    with output_lock(options.out):
        recover(options.out.resolve(), MARKER)
        check_output_folder(options.out, options.content, options.force)
        return _build_holding_output(options)


def _build_holding_output(options: BuildOptions) -> BuildResult:
    cache = open_cache(options)
    try:
        result = _build(options, cache, options.jobs or available_cores())
        if cache and cache.notice:  # an unsafe cache folder: built without it, and said so
            result = replace(result, notices=(*result.notices, cache.notice))
        return result
    finally:
        gc.unfreeze()
        if cache:
            cache.close()


def _build(options: BuildOptions, cache: BuildCache | None, jobs: int) -> BuildResult:
    problems = Problems()
    files = load_content(options.content, problems)
    dirs = theme_dirs(options.templates)
    # A --drafts build is a preview: never a search index that could carry draft text.
    index_for_search, notice = search_indexer(options.search and not options.drafts)
    finish_key = _indexer_key() if index_for_search else ""
    notices = (notice,) if notice else ()
    inputs = ""
    if cache and not problems.items:
        settings = (options.drafts, options.strict, options.base_url, finish_key, options.content)
        inputs = inputs_key(files, theme_fingerprint(dirs), settings)
        unchanged = _unchanged_output(cache, options, inputs)
        if unchanged is not None:
            return replace(unchanged, notices=notices)

    # Only now the stages that parse, link and render: a build that finds nothing changed
    # never imports them (on a big site, a third of its time).
    from site_gen.stages import build_site

    finish = (index_for_search, finish_key)
    return replace(
        build_site(options, files, problems, cache, jobs, finish, inputs), notices=notices
    )


def _unchanged_output(cache: BuildCache, options: BuildOptions, inputs: str) -> BuildResult | None:
    """The result of the build that made the output, if this build would make it again."""
    memo = cache.memo(options.out)
    if not isinstance(memo, BuildMemo) or not memo.still_current(inputs, options.content):
        return None
    previous = cache.output_record(options.out)
    if not isinstance(previous, OutputRecord):
        return None
    check_output_folder(options.out, options.content, options.force)
    if not output_unchanged(options.out, previous):
        return None
    remove_stale_staging(options.out.resolve())  # left by a build that was killed
    written = WriteSummary(len(previous.made), 0, previous)
    return BuildResult(memo.problems, None, written, counts=memo.counts)
