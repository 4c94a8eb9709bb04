"""Render stage: pages as (output path, bytes), from views and Jinja2 templates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from importlib import resources
from pathlib import Path

import jinja2

from site_gen import __version__, urls
from site_gen.model import Site
from site_gen.views import Page


def default_theme() -> Path:
    """The default templates: inside the installed package, or templates/ in a checkout."""
    packaged = Path(str(resources.files("site_gen"))) / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "templates"


def theme_dirs(override: Path | None) -> list[Path]:
    """Where templates and static files are looked up: the site's own folder first."""
    return [override, default_theme()] if override else [default_theme()]


def make_environment(dirs: list[Path]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,  # every string from content is escaped unless marked safe here
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_pages(
    site: Site, pages: Iterable[Page], env: jinja2.Environment
) -> Iterator[tuple[str, bytes]]:
    common = {"site": site.config, "generator": f"site_gen {__version__}", "urls": urls}
    base_url = site.config.base_url
    for page in pages:
        template = env.get_template(page.template)
        # The 404 page is served at whatever address was missed, so relative links from it
        # cannot work; with a known base URL its links are absolute.
        if page.path == urls.NOT_FOUND and base_url:
            link = partial(_absolute, base_url)
        else:
            link = partial(urls.relative, page.path)
        html = template.render(common, page=page, rel=link, **page.context)
        yield page.path, html.encode("utf-8")


def _absolute(base_url: str, to: str) -> str:
    return base_url + to


def static_files(dirs: list[Path]) -> Iterator[tuple[str, bytes]]:
    """The theme's static/ files; a file in the site's theme replaces the default of that name."""
    found: dict[str, Path] = {}
    for theme in reversed(dirs):
        static = theme / "static"
        if static.is_dir():
            for path in static.rglob("*"):
                if path.is_file():
                    found[path.relative_to(theme).as_posix()] = path
    for name in sorted(found):
        yield name, found[name].read_bytes()
