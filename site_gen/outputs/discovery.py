"""How search engines find the site: robots.txt always, sitemap.xml with a base_url.

A sitemap must list absolute URLs, so without base_url there is none; robots.txt then just
allows everything. (Crawlers read robots.txt only at a host's root: for a site served under a
sub-path, copy its lines into the host's own robots.txt.)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence

from site_gen import urls
from site_gen.model import Site
from site_gen.outputs.common import OutputContext, is_public, meeting_updated

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
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for path in sorted(set(page_paths) - NOT_LISTED - hidden):
        entry = ET.SubElement(root, "url")
        ET.SubElement(entry, "loc").text = site.config.base_url + path
        if path in changed:
            ET.SubElement(entry, "lastmod").text = changed[path].isoformat()
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def files(context: OutputContext) -> Iterator[tuple[str, bytes]]:
    site = context.site
    yield urls.ROBOTS, robots(site)
    if site.config.base_url:
        yield urls.SITEMAP, sitemap(site, context.pages)
