"""Drafts are checked in every build, never published.

A build without --drafts links the published meetings alone. So that a draft with a
duplicate action id or a misspelt group does not pass as "no problems", the content is
linked a second time with the drafts in, and what that finds in the drafts' own files is
reported. The model of that second linking is thrown away: nothing of a draft reaches the
site. A draft's errors are reported as warnings: the minutes being written must not stop
the published site from being built, yet the clerk hears of them before publishing
(and `--strict`, as in CI, fails on them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from site_gen.parse.content import ParsedContent
from site_gen.problems import Problem, Problems, Severity
from site_gen.vocabulary import MeetingStatus

DRAFT_HINT = "this meeting is a draft, so it is a warning for now: an error once it is published"


def draft_paths(content: ParsedContent) -> frozenset[str]:
    return frozenset(m.path for m in content.meetings if m.lifecycle.status is MeetingStatus.DRAFT)


def check_drafts(
    content: ParsedContent,
    problems: Problems,
    link_with_drafts: Callable[[ParsedContent, Problems], object],
) -> int:
    """Report the problems of the drafts of `content` (linked by `link_with_drafts`, into a
    scratch list) and give how many drafts there are, all of them left out of the site."""
    drafts = draft_paths(content)
    if not drafts:
        return 0
    found = Problems()
    # Only the drafts' groups: actions and decisions are linked group by group.
    groups = {m.group for m in content.meetings if m.path in drafts}
    link_with_drafts(
        replace(content, meetings=tuple(m for m in content.meetings if m.group in groups)), found
    )
    problems.items.extend(as_draft(p) for p in found.items if p.path in drafts)
    return len(drafts)


def as_draft(problem: Problem) -> Problem:
    if problem.severity is Severity.WARNING:
        return problem
    hint = f"{problem.hint} ({DRAFT_HINT})" if problem.hint else DRAFT_HINT
    return Problem(
        problem.path, problem.line, Severity.WARNING, problem.message, hint, problem.code
    )
