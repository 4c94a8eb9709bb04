"""Markdown for minutes: markdown-it-py set up with the action and decision plugins."""

from site_gen.vocabulary import Votes

from .action_lists import ActionItem, ReviewedItem, action_lists_plugin
from .action_refs import ActionRef, action_refs_plugin
from .decision_refs import DecisionRef, decision_refs_plugin
from .decisions import DecisionItem, decisions_plugin
from .factory import make_markdown
from .problems import MarkdownProblem
from .withheld import WithheldItem

__all__ = [
    "ActionItem",
    "ActionRef",
    "DecisionItem",
    "DecisionRef",
    "MarkdownProblem",
    "ReviewedItem",
    "Votes",
    "WithheldItem",
    "action_lists_plugin",
    "action_refs_plugin",
    "decision_refs_plugin",
    "decisions_plugin",
    "make_markdown",
]
