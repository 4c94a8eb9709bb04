"""The one configured Markdown parser for minutes."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.normalize import normalize
from mdit_py_plugins.anchors import anchors_plugin

from site_gen.slugs import slugify

from .action_lists import action_lists_plugin
from .action_refs import action_refs_plugin
from .decision_refs import decision_refs_plugin
from .decisions import decisions_plugin
from .fail_closed import fail_closed_plugin
from .front_matter import front_matter_plugin
from .raw_html import raw_html_plugin
from .withheld import withheld_plugin


def make_markdown(*, allow_html: bool = False) -> MarkdownIt:
    """A fresh CommonMark parser with tables, strikethrough, agenda anchors, actions and decisions.

    Feed it whole files, front matter included, so token line numbers match the file.
    Raw HTML is escaped unless `allow_html`, HTML comments are blanked out before parsing,
    and only http(s), mailto and tel links are made; withheld blocks (exempt, confidential,
    private) never reach the page, and a ':::' line the parser did not take as a marker
    stops the build (markdown.fail_closed).
    """
    md = MarkdownIt("commonmark")
    md.enable(["table", "strikethrough"])
    md.core.ruler.at("normalize", _normalize)
    md.use(front_matter_plugin)
    md.use(raw_html_plugin, allow=allow_html)
    md.use(withheld_plugin)
    md.use(fail_closed_plugin)
    # Every "##" heading is an agenda item and needs a stable id to link to.
    md.use(anchors_plugin, min_level=2, max_level=2, slug_func=_heading_slug)
    md.use(action_lists_plugin)
    md.use(action_refs_plugin)
    md.use(decisions_plugin)
    md.use(decision_refs_plugin)
    return md


def _normalize(state: StateCore) -> None:
    """markdown-it's own normalising, where there is anything to normalise: the load has
    made every line end '\n' already, and the two patterns took a pass of each file."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def _heading_slug(title: str) -> str:
    # A heading of only punctuation would otherwise get an empty id="".
    slug = slugify(title) or "section"
    # Page templates use "main" and "...-heading" ids, action items "action-..." and
    # decisions "decision-...": an agenda item must never take one of them.
    if slug == "main" or slug.endswith("-heading") or slug.startswith(("action-", "decision-")):
        slug = f"item-{slug}"
    return slug
