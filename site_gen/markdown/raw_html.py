"""Raw HTML in minutes: comments are dropped, everything else is escaped unless allowed.

The parser always recognises HTML (so an author's <!-- note --> is known to be a comment and
never shown), and the renderer escapes what it found unless the site enables raw HTML.
"""

from __future__ import annotations

import posixpath
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


# An HTML comment; one never closed runs to the end of the text it is in (fail closed).
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def strip_comments(text: str) -> str:
    return COMMENT.sub("", text)


def _is_comment(token: Token) -> bool:
    return token.type in ("html_block", "html_inline") and token.content.lstrip().startswith("<!--")


def _without_comments(children: list[Token]) -> list[Token]:
    """Children minus comments, at any depth (an image's alt text has children too)."""
    kept = []
    for child in children:
        if _is_comment(child):
            continue
        if child.children:
            child.children = _without_comments(child.children)
        kept.append(child)
    return kept


def _clean_inline(token: Token, line: int, env: Any) -> None:
    children = token.children or []
    # Plugins read the inline source too (an action's owner and task): clean it as well.
    for comment in (c.content for c in children if _is_comment(c)):
        token.content = token.content.replace(comment, "", 1)
    token.children = _without_comments(children)
    for child in token.children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "text" and "<!--" in child.content:
            # Shown as text, the author's private note would be published.
            report(
                env,
                line,
                "error",
                "an HTML comment is not closed",
                "end it with '-->'",
                code="html-comment-unclosed",
            )


def _drop_comments(state: StateCore) -> None:
    kept = []
    for token in state.tokens:
        line = (token.map[0] + 1 if token.map else 1) + state.env.get("line_offset", 0)
        if token.type == "html_block" and "<!--" in token.content:
            if "-->" not in token.content[token.content.index("<!--") :]:
                report(
                    state.env,
                    line,
                    "warning",
                    "an HTML comment is not closed: the rest of its block is hidden",
                    "end the comment with '-->'",
                    code="html-comment-unclosed",
                )
            token.content = strip_comments(token.content)
            if not token.content.strip():
                continue  # the block was only a comment
        if token.type == "inline":
            _clean_inline(token, line, state.env)
        kept.append(token)
    state.tokens = kept


def _escaped_block(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f"<p>{escapeHtml(tokens[idx].content.rstrip())}</p>\n"


def _escaped_inline(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return escapeHtml(tokens[idx].content)


def safe_link(url: str) -> bool:
    """Web, mail and phone links, and relative links that stay inside the site.

    Minutes are rendered for pages at groups/<group>/, so a relative link may climb two
    folders at most; "/x" and "//host/x" are refused (the first breaks the site opened from
    disk or served under a path, the second is another site without a scheme).
    """
    match = _SCHEME.match(url)
    if match is not None:
        return match.group(1).lower() in _SAFE_SCHEMES
    path = url.split("#", 1)[0].split("?", 1)[0]
    if path.startswith(("/", "\\")):
        return False
    return not posixpath.normpath(posixpath.join("groups/group", path)).startswith("..")


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """An image from another site becomes a link to it: readers are not tracked by pixels."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    if _SCHEME.match(src):
        alt = escapeHtml(self.renderInlineAsText(token.children or [], options, env))
        return f'<a href="{escapeHtml(src)}">{alt or "image"}</a>'
    return str(self.image(tokens, idx, options, env))


def raw_html_plugin(md: MarkdownIt, allow: bool = False) -> None:
    md.options["html"] = True  # recognise HTML, to know comments from text
    md.core.ruler.after("inline", "drop_html_comments", _drop_comments)
    if not allow:
        md.add_render_rule("html_block", _escaped_block)
        md.add_render_rule("html_inline", _escaped_inline)
    # An allow-list: javascript:, vbscript:, data: and file: links never become links.
    md.validateLink = safe_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image)
