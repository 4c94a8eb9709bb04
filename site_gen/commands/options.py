"""Options that several site-gen commands share, defined once so they read the same."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="the content folder (default: content)",
    )


def add_templates_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--templates",
        type=Path,
        default=None,
        help="a folder of templates that override the default theme by file name",
    )
