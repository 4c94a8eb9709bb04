"""Markdown for minutes: markdown-it-py set up with the action list and reference plugins."""

from .action_lists import ActionItem, action_lists_plugin
from .action_refs import ActionRef, action_refs_plugin
from .factory import make_markdown
from .problems import MarkdownProblem
from .withheld import WithheldItem

__all__ = [
    "ActionItem",
    "ActionRef",
    "MarkdownProblem",
    "WithheldItem",
    "action_lists_plugin",
    "action_refs_plugin",
    "make_markdown",
]
