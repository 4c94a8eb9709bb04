"""Render stage: pages as (output path, bytes), from views and Jinja2 templates."""

from __future__ import annotations

import hashlib
import pickle
import traceback
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

import jinja2

from site_gen import __version__, urls
from site_gen.cache import code_fingerprint, digest, value_digest
from site_gen.link.linker import ParsedContent
from site_gen.model import Site
from site_gen.parse.outline import without_lines
from site_gen.theme import theme_fingerprint
from site_gen.views.page import Page, PageSource
from site_gen.write import Deferred


def make_environment(dirs: list[Path]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,  # every string from content is escaped unless marked safe here
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _page_renderer(site: Site, env: jinja2.Environment) -> Callable[[Page], bytes]:
    common = {"site": site.config, "generator": f"site_gen {__version__}", "urls": urls}
    base_url = site.config.base_url

    def render(page: Page) -> bytes:
        template = env.get_template(page.template)
        # The 404 page is served at whatever address was missed, so relative links from it
        # cannot work; with a known base URL its links are absolute.
        if page.path == urls.NOT_FOUND and base_url:
            link = partial(_absolute, base_url)
        else:
            link = partial(urls.relative, page.path)
        html = template.render(common, page=page, rel=link, **page.names())
        return html.encode("utf-8")

    return render


def page_renderer(site: Site, env: jinja2.Environment) -> Callable[[Page], bytes]:
    """A page's HTML; RenderError for a template that fails."""
    return partial(_render_or_fail, _page_renderer(site, env))


class RenderError(Exception):
    """A template failed on a page: a plain exception that survives the trip back from a
    worker process (Jinja's own errors do not always unpickle)."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(path, line, message)
        self.path, self.line, self.message = path, line, message


def page_files(
    site: Site,
    pages: Iterable[PageSource],
    env: jinja2.Environment,
    fingerprint: bytes,
    renewed: bool = False,
) -> Iterator[tuple[str, Deferred]]:
    """Each page as a file that is rendered only if its inputs changed since the last build.

    A page's key is a digest of everything its HTML is made from: site_gen's code, every
    theme file, the site's settings (`fingerprint`, from render_fingerprint), and the page's
    view with all it carries to its template. A view is made when its key or its HTML is
    asked for, and not kept. `renewed`: `fingerprint` is not the last build's, so no key
    can match.
    """
    render = _page_renderer(site, env)
    for path, make_view in pages:
        yield (
            path,
            Deferred(
                partial(_render_made, render, make_view),
                partial(_key_made, fingerprint, make_view),
                partial(_key_and_render, render, fingerprint, make_view),
                renewed,
            ),
        )


def _render_made(render: Callable[[Page], bytes], make_view: Callable[[], Page]) -> bytes:
    return _render_or_fail(render, make_view())


def _key_made(fingerprint: bytes, make_view: Callable[[], Page]) -> str:
    return page_key(fingerprint, make_view())


def _key_and_render(
    render: Callable[[Page], bytes], fingerprint: bytes, make_view: Callable[[], Page]
) -> tuple[str, bytes]:
    view = make_view()  # made once for both
    return page_key(fingerprint, view), _render_or_fail(render, view)


def _render_or_fail(render: Callable[[Page], bytes], page: Page) -> bytes:
    try:
        return render(page)
    except jinja2.TemplateError as exc:
        path, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
        if not path:  # an error while rendering: Jinja shows the template's line as a frame
            path, line = _template_frame(exc) or (page.template, 1)
        raise RenderError(str(path), line or 1, exc.message or str(exc)) from None


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
    return (frames[-1].filename, frames[-1].lineno or 1) if frames else None


def render_fingerprint(dirs: list[Path], site: Site) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{code_fingerprint()}\n{site.config!r}\n".encode())
    h.update(theme_fingerprint(dirs))
    return h.digest()


def site_fingerprint(parsed: ParsedContent, fingerprint: bytes, extra: str) -> str:
    """A digest of everything a build's output is made from but the minutes themselves:
    site_gen's code, the theme and the settings (`fingerprint`, from render_fingerprint),
    what the site was linked from (every content file as parsed, without source lines, which
    only problem reports show; each meeting by its outline, parse.outline, without its
    minutes) and `extra` (what else the caller's output depends on, such as its options).

    The minutes are left out because only their own meeting's page shows them (see
    minutes_digests): with the same fingerprint, only the pages of meetings whose minutes
    changed can differ, and with the same minutes too, no file at all."""
    assert len(parsed.meeting_outlines) == len(parsed.meetings), "made by parse_content"
    h = hashlib.blake2b(fingerprint, digest_size=20)
    h.update(extra.encode() + b"\0")
    files = [parsed.config, parsed.people, parsed.groups, sorted(parsed.group_files)]
    h.update(value_digest(without_lines(files)))
    for outline in parsed.meeting_outlines:
        h.update(outline)
    return h.hexdigest()


def minutes_digests(site: Site) -> dict[str, bytes]:
    """Each meeting's minutes (its body HTML), by the address of the one page that shows
    them: the part of the model that site_fingerprint leaves out."""
    return {m.url: digest(m.body_html.encode("utf-8", "surrogatepass")) for m in site.meetings}


def page_key(fingerprint: bytes, page: Page) -> str:
    """A digest of `page` and all it holds, or "" if it cannot be pickled (always render)."""
    try:
        return hashlib.blake2b(fingerprint + value_digest(page), digest_size=20).hexdigest()
    except (pickle.PicklingError, TypeError, ValueError, AttributeError, RecursionError):
        return ""


def _absolute(base_url: str, to: str) -> str:
    return base_url + to
