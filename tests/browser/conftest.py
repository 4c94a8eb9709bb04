"""Browser tests: the sample site, built with its search index, served on localhost and read
in Debian's Chromium through Playwright (no browser download).

Without Chromium or Playwright these tests skip with the reason, except in CI (CI=true),
where they fail: CI installs Chromium, so its absence there is a broken set-up.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser.archive import make_archive
from browser.serve import serve
from site_gen.outputs.search import find_pagefind
from site_gen.pipeline import BuildOptions, build

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SITE_GEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests (.ci/run installs Chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed: pip install -e '.[test]'")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def searchable_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site with its Pagefind index: what `make site` publishes."""
    if find_pagefind() is None:
        _unavailable("Pagefind is not installed: pip install 'site-gen[search]'")
    out = tmp_path_factory.mktemp("browser") / "output"
    result = build(BuildOptions(content=REPO / "content", out=out, search=True))
    assert not result.failed and not result.notices, result
    return out


@pytest.fixture(scope="session")
def site_url(searchable_site: Path) -> Iterator[str]:
    with serve(searchable_site) as url:
        yield url


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated archive of 300 meetings with a logo and a brand colour, built once per
    session (with its search index where Pagefind is installed)."""
    folder = tmp_path_factory.mktemp("archive")
    out = folder / "output"
    search = find_pagefind() is not None
    result = build(BuildOptions(content=make_archive(folder), out=out, search=search))
    assert not result.failed, [p.format() for p in result.problems]
    return out


@pytest.fixture(scope="session")
def archive_url(archive: Path) -> Iterator[str]:
    """The archive served as a static host serves a site: 404.html for any missing address."""
    with serve(archive, not_found="404.html") as url:
        yield url


class PageLog:
    """What went wrong while a page was open: console errors, uncaught exceptions, failed
    or missing requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def _failed(self, request: Any) -> None:
        if request.failure != "net::ERR_ABORTED":  # the test moved on before it finished
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def attach(self, page: Any) -> None:
        page.on(
            "console",
            lambda m: (
                self.errors.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("requestfailed", self._failed)
        page.on(
            "response",
            lambda r: self.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
        )


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page_and_log(context: Any) -> tuple[Any, PageLog]:
    page = context.new_page()
    log = PageLog()
    log.attach(page)
    return page, log
