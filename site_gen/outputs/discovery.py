"""How search engines find the site: robots.txt always, sitemap.xml with a base_url.

A sitemap must list absolute URLs, so without base_url there is none; robots.txt then just
allows everything. (Crawlers read robots.txt only at a host's root: for a site served under a
sub-path, copy its lines into the host's own robots.txt.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from site_gen import urls
from site_gen.model import Site
from site_gen.outputs.common import is_public, meeting_updated
from site_gen.outputs.xml_text import element

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_LISTED = {urls.NOT_FOUND, urls.SEARCH}


def robots(site: Site) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if site.config.base_url:
        lines.append(f"Sitemap: {site.config.base_url}{urls.SITEMAP}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap(site: Site, page_paths: Sequence[str]) -> bytes:
    """Every public page, in a fixed order; meeting pages with their date as lastmod."""
    changed = {m.url: meeting_updated(m) for m in site.meetings}
    hidden = {m.url for m in site.meetings if not is_public(m)}  # drafts are noindex
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAP_NS}">']
    for path in sorted(set(page_paths) - NOT_LISTED - hidden):
        lines += ["  <url>", element("    ", "loc", site.config.base_url + path)]
        if path in changed:
            lines.append(f"    <lastmod>{changed[path].isoformat()}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def files(site: Site, page_paths: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    yield urls.ROBOTS, robots(site)
    if site.config.base_url:
        yield urls.SITEMAP, sitemap(site, page_paths)
