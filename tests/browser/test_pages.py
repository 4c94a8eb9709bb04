"""Every page of the sample site in Chromium: loads without console errors or failed
requests, every link resolves (anchors included), and the accessibility scan (axe-core)
finds no serious or critical violation on each kind of page."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit
from urllib.request import urlopen

import pytest
from test_site_links import check_links, check_pages

from browser.conftest import PageLog

# One page of each kind, for the accessibility scan.
PAGE_KINDS = {
    "home": "index.html",
    "group": "groups/evidence-group/index.html",
    "meeting": "groups/evidence-group/2021-07-30.html",
    "person": "people/dez-holmes.html",
    "people": "people/index.html",
    "action": "groups/evidence-group/actions/3-1.html",
    "action index": "actions/index.html",
    "action index by status": "actions/status-open.html",
    "search": "search.html",
    "data": "data/index.html",
}


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _links(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            "a[href], link[href], script[src], img[src]",
            "els => els.map(e => e.href || e.src)",
        )
    )


def test_every_page_loads_cleanly_and_every_link_resolves(
    searchable_site: Path, site_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    page, log = page_and_log
    pages = _pages(searchable_site)
    assert len(pages) >= 40
    ids: dict[str, set[str]] = {}
    targets: dict[str, str] = {}  # link -> the page it was found on
    for path in pages:
        page.goto(site_url + path, wait_until="load")
        if path == "search.html":
            page.wait_for_function("document.querySelector('.search-status') !== null")
        assert not log.errors, f"{path}: {log.errors}"
        ids[site_url + path] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        for link in _links(page):
            if link.startswith(site_url):
                targets.setdefault(link, path)
    assert len(targets) > 100
    for link, found_on in sorted(targets.items()):
        url, fragment = urldefrag(link)
        if url in ids:
            assert not fragment or fragment in ids[url], f"{found_on}: no #{fragment} in {url}"
        else:
            with urlopen(url, timeout=10) as response:  # a feed, calendar, data file or script
                assert response.status == 200, f"{found_on}: {url}"
            assert not fragment, f"{found_on}: #{fragment} on a file that is not a page"
    problems = check_links(searchable_site) + check_pages(searchable_site)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_serious_accessibility_violation(
    kind: str, site_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, log = page_and_log
    page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
    results = Axe().run(page)
    violations = results.response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
    assert urlsplit(page.url).path.endswith(PAGE_KINDS[kind].rsplit("/", 1)[-1])
    assert not log.errors, log.errors


def test_the_axe_scan_finds_what_it_should(
    site_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    """The scan is live: a page broken on purpose (an image without alt text, white on white)
    reports serious violations, so a clean result above means something."""
    from axe_playwright_python.sync_playwright import Axe

    page, _ = page_and_log
    page.goto(site_url + "index.html")
    page.evaluate(
        """() => {
        const img = document.createElement('img'); img.src = 'static/style.css';
        document.querySelector('main').append(img);
        document.querySelector('h1').style.color = '#fafafa';
    }"""
    )
    found = {v["id"] for v in Axe().run(page).response["violations"]}
    assert {"image-alt", "color-contrast"} <= found
