"""Render stage: pages as HTML, from their views and the theme's Jinja2 templates."""

from __future__ import annotations

import posixpath
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Generic, TypeVar

import jinja2

from site_gen import __version__, urls
from site_gen.model import Site
from site_gen.parallel import map_shared
from site_gen.views.page import Page, PageSource

N = TypeVar("N")
TEMPLATE_HINT = "fix the template; the names a template may use are in site_gen/pages/"


def make_environment(dirs: Sequence[Path]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,  # every string from content is escaped unless marked safe here
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class RenderError(Exception):
    """A template failed on a page: a plain exception that survives the trip back from a
    worker process (Jinja's own errors do not always unpickle)."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(path, line, message)
        self.path, self.line, self.message = path, line, message


def page_renderer(site: Site, env: jinja2.Environment) -> Callable[[Page], bytes]:
    """A page's HTML, or RenderError where its template fails. The pages it renders share
    one Fragments: a row that many pages list is rendered once."""
    common = {"site": site.config, "generator": f"site_gen {__version__}", "urls": urls}
    return partial(_render, env, common, site.config.base_url, Fragments())


def _render(
    env: jinja2.Environment,
    common: dict[str, object],
    base_url: str,
    fragments: Fragments,
    page: Page,
) -> bytes:
    # The 404 page is served at whatever address was missed (a static host answers
    # /a/b/c with it), so relative links from it cannot work: with a known base URL its
    # links are absolute, else root-relative (right for a site at the root of its host).
    if page.path == urls.NOT_FOUND:
        link, origin = partial(_absolute, base_url or "/"), f"absolute {base_url}"
    else:
        # rel() depends on the page's folder alone: pages of one folder share fragments.
        link, origin = partial(urls.relative, page.path), posixpath.dirname(page.path)
    once = partial(fragments.once, origin)
    try:
        template = env.get_template(page.template)
        html = template.render(common, page=page, rel=link, once=once, **page.names())
    except jinja2.TemplateError as exc:
        raise template_error(exc, page.template) from None
    except Exception as exc:  # a theme's code failing its own way: `{{ 1 // 0 }}`, an unpack
        failed = _in_template(exc)
        if failed is None:
            raise  # not the theme's: a fault of site_gen itself, shown as one
        raise failed from None
    return html.encode("utf-8")


class Fragments:
    """HTML that many pages repeat (an action's row, a meeting's line), rendered once.

    A template wraps such a piece in `{% call once(a, b, ...) %}...{% endcall %}`, passing
    every value the piece reads besides rel(): the piece is rendered the first time, and the
    same Markup is reused wherever the same call block meets the same values on a page of
    the same folder (rel() gives the same links there); with `keep=False` it is rendered in
    place. Values are compared by equality, so the page views' frozen rows are keys as they
    are; a piece with an unhashable value is rendered every time.

    Only the pieces of the latest folder are kept: pages come kind by kind, a folder's
    together, so those of a folder left behind would only cost memory (tens of megabytes
    of index rows at 5,000 meetings, in each worker that renders pages).
    """

    def __init__(self) -> None:
        self._made: dict[tuple[object, ...], str] = {}
        self._origin = ""

    def once(
        self, origin: str, *values: object, caller: Callable[[], str], keep: bool = True
    ) -> str:
        """The block's HTML for `values`; with `keep` false, made and not kept (a block whose
        values no other page meets: keeping it would only cost memory)."""
        if not keep:
            return caller()
        if origin != self._origin:
            self._made.clear()
            self._origin = origin
        # The call block's compiled code tells one block from another, in any template.
        block = getattr(getattr(caller, "_func", caller), "__code__", caller)
        key = (block, origin, *values)
        try:
            made = self._made.get(key)
        except TypeError:  # an unhashable value: nothing to key it by
            return caller()
        if made is None:
            made = self._made[key] = caller()
        return made


def template_error(exc: jinja2.TemplateError, default: str = "templates") -> RenderError:
    """Where in which template: syntax errors say so; for errors while rendering, Jinja2 puts
    the template's file and line into the traceback."""
    path, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not path:
        path, line = _template_frame(exc) or (default, 1)
    return RenderError(str(path), line or 1, exc.message or str(exc))


def _in_template(exc: Exception) -> RenderError | None:
    """An error other than Jinja's raised by a template's own code, as the template's problem
    (the last template line the traceback passed); None when no template was running it."""
    frame = _template_frame(exc)
    if frame is None:
        return None
    path, line = frame
    return RenderError(path, line, f"{type(exc).__name__}: {exc}")


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    # Jinja2 rewrites the traceback so that a template's frames name its file and line.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
    return (frames[-1].filename, frames[-1].lineno or 1) if frames else None


def _absolute(base_url: str, to: str) -> str:
    return base_url + to


@dataclass(frozen=True)
class _Job(Generic[N]):
    """What the workers share: the pages, how to render one, and what to note of each."""

    pages: Sequence[PageSource]
    render: Callable[[Page], bytes]
    note: Callable[[Page], N]


def _render_some(job: _Job[N], indexes: Sequence[int]) -> list[tuple[str, bytes, N]]:
    found = []
    for index in indexes:
        page = job.pages[index].make()  # made here, used twice, and let go
        found.append((page.path, job.render(page), job.note(page)))
    return found


def render_pages(
    pages: Sequence[PageSource],
    render: Callable[[Page], bytes],
    note: Callable[[Page], N],
    jobs: int = 1,
) -> Iterator[tuple[str, bytes, N]]:
    """Each page's address, HTML and `note(page)`, in order: in forked workers that each
    make their own share of the views when that pays, else here, one page at a time."""
    return map_shared(_render_some, _Job(pages, render, note), len(pages), jobs)
