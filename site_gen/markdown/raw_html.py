"""Raw HTML in minutes: comments are dropped, everything else is escaped unless allowed.

The parser always recognises HTML (so an author's <!-- note --> is known to be a comment and
never shown), and the renderer escapes what it found unless the site enables raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .problems import report

_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def _is_comment(token: Token) -> bool:
    return token.type in ("html_block", "html_inline") and token.content.lstrip().startswith("<!--")


def _drop_comments(state: StateCore) -> None:
    for token in state.tokens:
        line = token.map[0] + 1 if token.map else 1
        if token.type == "html_block" and _is_comment(token) and "-->" not in token.content:
            report(
                state.env,
                line,
                "warning",
                "an HTML comment is not closed: the rest of the file is hidden",
                "end the comment with '-->'",
            )
        if token.children:
            token.children = [c for c in token.children if not _is_comment(c)]
            if any(c.type == "text" and "<!--" in c.content for c in token.children):
                # Shown as text, the author's private note would be published.
                report(
                    state.env,
                    line,
                    "error",
                    "an HTML comment is not closed",
                    "end the comment with '-->' on the same paragraph",
                )
    state.tokens = [t for t in state.tokens if not _is_comment(t)]


def _escaped_block(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f"<p>{escapeHtml(tokens[idx].content.rstrip())}</p>\n"


def _escaped_inline(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return escapeHtml(tokens[idx].content)


def safe_link(url: str) -> bool:
    """Only web, mail and phone links, or links with no scheme (relative, #anchors)."""
    match = _SCHEME.match(url)
    return match is None or match.group(1).lower() in _SAFE_SCHEMES


def raw_html_plugin(md: MarkdownIt, allow: bool = False) -> None:
    md.options["html"] = True  # recognise HTML, to know comments from text
    md.core.ruler.after("inline", "drop_html_comments", _drop_comments)
    if not allow:
        md.add_render_rule("html_block", _escaped_block)
        md.add_render_rule("html_inline", _escaped_inline)
    # An allow-list: javascript:, vbscript:, data: and file: links never become links.
    md.validateLink = safe_link  # type: ignore[method-assign]
