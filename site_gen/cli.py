"""The site-gen command line."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from site_gen import __version__
from site_gen.cli_options import add_content_option, add_templates_option
from site_gen.output_folder import UnsafeOutput, write_failure
from site_gen.outputs.search import SearchIndexFailed
from site_gen.pipeline import BuildOptions, BuildResult, build
from site_gen.progress import Progress, Stopwatch


def _add_build_arguments(parser: argparse.ArgumentParser) -> None:
    add_content_option(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("output"),
        help="where the site is written (default: output)",
    )
    add_templates_option(parser)
    parser.add_argument(
        "--drafts", action="store_true", help="include meetings whose status is draft"
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
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a web address: give it as https://host/path/"
        )
    return value


# The author's commands, each a module that adds its own options and runs itself. They are
# imported only when they may be run: a build that finds nothing changed takes a fraction of
# a second, and loading the preview server or the importer would be much of it.
AUTHOR_COMMANDS = {
    "serve": "site_gen.serve",
    "new": "site_gen.scaffold",
    "check": "site_gen.check",
    "import": "site_gen.importer",
}


def make_parser(only_build: bool = False) -> argparse.ArgumentParser:
    """The whole command line, or with `only_build` just the build command."""
    parser = argparse.ArgumentParser(
        prog="site-gen",
        description="Build a public website from published minutes written in Markdown.",
    )
    parser.add_argument("--version", action="version", version=f"site_gen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_parser = commands.add_parser(
        "build", help="build the site", description="Build the site from the content folder."
    )
    _add_build_arguments(build_parser)
    for name, module_name in {} if only_build else AUTHOR_COMMANDS.items():
        module = importlib.import_module(module_name)
        sub = commands.add_parser(name, help=module.HELP, description=module.DESCRIPTION)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


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
        f"{_count(counts.actions, 'action')}, {_count(warnings, 'warning')} "
        f"({_count(result.written.changed, 'file')} changed, {unchanged} unchanged) in {took}."
    )


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
    try:
        result = build(replace(options, progress=progress))
    except UnsafeOutput as exc:
        print(f"site-gen: error: {exc}", file=sys.stderr)
        return 2
    except SearchIndexFailed as exc:
        print(
            f"site-gen: error: search index failed, {options.out} was left as it was: {exc}",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:  # a full disk, a read-only file system: the old site is kept
        print(f"site-gen: error: {write_failure(exc, options.out)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C: the new site is never swapped in half-made
        print(f"site-gen: interrupted; {options.out} was left as it was", file=sys.stderr)
        return 130
    finally:
        progress.clear()
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


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = make_parser(only_build=words[:1] == ["build"]).parse_args(words)
    if args.command == "build":
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
    run: Callable[[argparse.Namespace], int] = args.run
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
