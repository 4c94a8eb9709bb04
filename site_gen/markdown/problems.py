"""Problems the Markdown plugins find, handed to the parse stage through env."""

from __future__ import annotations

from dataclasses import dataclass

from .common import Env, env_list

ENV_KEY = "markdown_problems"


@dataclass(frozen=True)
class MarkdownProblem:
    line: int  # 1-based line in the text given to md
    severity: str  # "error" or "warning"
    message: str
    hint: str
    code: str = "markdown"  # the kind of problem, as Problem.code


def report(
    env: Env, line: int, severity: str, message: str, hint: str, *, code: str = "markdown"
) -> None:
    env_list(env, ENV_KEY).append(MarkdownProblem(line, severity, message, hint, code))
