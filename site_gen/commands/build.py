"""`site-gen build`: the site, from the content folder into the output folder."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from site_gen.commands.options import add_content_option, add_templates_option
from site_gen.output_folder import UnsafeOutput, write_failure
from site_gen.pipeline import BuildOptions, BuildResult, build
from site_gen.progress import Progress, Stopwatch
from site_gen.urls import is_site_address

HELP = "build the site"
DESCRIPTION = "Build the site from the content folder."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_content_option(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("output"),
        help="where the site is written (default: output)",
    )
    add_templates_option(parser)
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="publish draft meetings too, for a preview (without it they are checked, not built)",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (for CI)")
    parser.add_argument(
        "--force", action="store_true", help="replace an --out folder that site_gen did not make"
    )
    parser.add_argument(
        "--base-url",
        type=_base_url,
        default=None,
        metavar="URL",
        help="the site's public address, for canonical links, feeds, calendars and the sitemap "
        "(overrides base_url in site.yaml), e.g. https://example.org/minutes/",
    )
    parser.add_argument(
        "--no-search",
        action="store_true",
        help="do not build the search index (built by default when Pagefind is installed)",
    )
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="build from scratch: neither use nor update the build cache",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="where the build cache lives (default: .site-gen-cache beside the --out folder)",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=0,
        help="worker processes for parsing and rendering (default: one per core)",
    )


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def _base_url(value: str) -> str:
    if not is_site_address(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a web address: give it as https://host/path/"
        )
    return value


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def build_summary(result: BuildResult, out: Path, took: Stopwatch) -> str:
    counts = result.counts
    assert counts is not None and result.written is not None
    warnings = sum(1 for p in result.problems if p.severity == "warning")
    unchanged = result.written.files - result.written.changed
    return (
        f"Built {_count(result.written.files, 'file')} into {out}: "
        f"{_count(counts.meetings, 'meeting')}, {_count(counts.people, 'person', 'people')}, "
        f"{_count(counts.actions, 'action')}, {_count(warnings, 'warning')}"
        f"{counts.drafts_note()} ({_count(result.written.changed, 'file')} changed, "
        f"{unchanged} unchanged) in {took}."
    )


def _search_failed(exc: Exception) -> bool:
    """Whether `exc` is outputs.search.SearchIndexFailed. Only a build that indexes the site
    loads that module (a tenth of a build with nothing to do): one that did not cannot
    have raised it."""
    search = sys.modules.get("site_gen.outputs.search")
    return search is not None and isinstance(exc, search.SearchIndexFailed)


def _built(options: BuildOptions, progress: Progress) -> BuildResult | int:
    """The build's result, or the exit code of a build that stopped (having said why)."""
    try:
        return build(replace(options, progress=progress))
    except UnsafeOutput as exc:
        print(f"site-gen: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a read-only file system: the old site is kept
        print(f"site-gen: error: {write_failure(exc, options.out)}", file=sys.stderr)
        return 1
    except Exception as exc:
        if not _search_failed(exc):
            raise
        print(
            f"site-gen: error: search index failed, {options.out} was left as it was: {exc}",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:  # Ctrl-C: the new site is never swapped in half-made
        print(f"site-gen: interrupted; {options.out} was left as it was", file=sys.stderr)
        return 130
    finally:
        progress.clear()


def run_build(options: BuildOptions) -> int:
    if not options.content.is_dir():
        print(f"site-gen: error: content folder {options.content} does not exist", file=sys.stderr)
        return 2
    if options.templates is not None and not options.templates.is_dir():
        print(
            f"site-gen: error: templates folder {options.templates} does not exist", file=sys.stderr
        )
        return 2
    took, progress = Stopwatch(), Progress()
    result = _built(options, progress)
    if isinstance(result, int):
        return result
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    if result.failed:
        errors = sum(1 for p in result.problems if p.severity == "error")
        warnings = len(result.problems) - errors
        reason = _count(errors, "error")
        if options.strict and warnings:
            reason += f", {_count(warnings, 'warning')} (--strict)"
        print(f"Build failed: {reason}. {options.out} was left as it was.", file=sys.stderr)
        return 1
    for notice in result.notices:
        print(f"site-gen: warning: {notice}", file=sys.stderr)
    print(build_summary(result, options.out, took))
    return 0


def run(args: argparse.Namespace) -> int:
    return run_build(
        BuildOptions(
            content=args.content,
            out=args.out,
            templates=args.templates,
            drafts=args.drafts,
            strict=args.strict,
            force=args.force,
            search=not args.no_search,
            base_url=args.base_url,
            cache=args.cache,
            cache_dir=args.cache_dir,
            jobs=args.jobs,
        )
    )
