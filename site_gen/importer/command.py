"""The import command line."""

from __future__ import annotations

import argparse

HELP = "turn minutes in text, Markdown or Word files into content"
DESCRIPTION = HELP


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+")


def run(args: argparse.Namespace) -> int:
    return 2
