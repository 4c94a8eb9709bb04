"""The site-gen command line: every command of site_gen.commands, each loaded when it may run."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from site_gen import __version__
from site_gen.commands import COMMANDS


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` the one command of that name."""
    parser = argparse.ArgumentParser(
        prog="site-gen",
        description="Build a public website from published minutes written in Markdown.",
    )
    parser.add_argument("--version", action="version", version=f"site_gen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(module_name)
        sub = commands.add_parser(name, help=module.HELP, description=module.DESCRIPTION)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    only = words[0] if words and words[0] in COMMANDS else None
    args = make_parser(only).parse_args(words)
    run: Callable[[argparse.Namespace], int] = args.run
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
