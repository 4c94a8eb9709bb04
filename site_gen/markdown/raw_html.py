"""Raw HTML in minutes: escaped unless allowed; links and images only where safe.

Comments never get this far: markdown.fail_closed blanks them out of the source first.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


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
    md.options["html"] = True  # recognise HTML, to escape it as written
    if not allow:
        md.add_render_rule("html_block", _escaped_block)
        md.add_render_rule("html_inline", _escaped_inline)
    # An allow-list: javascript:, vbscript:, data: and file: links never become links.
    md.validateLink = safe_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image)
