"""The record over years in Chromium: the fixture site with two groups, decisions, papers and
a history (tests/fixtures/record-site/), read as a visitor would, on a desktop and a phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser.conftest import PageLog
from browser.serve import serve
from site_gen.pipeline import BuildOptions, build

CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "record-site" / "content"

PAGE_KINDS = {
    "home with recent changes": "index.html",
    "group with history and decisions": "groups/board/index.html",
    "meeting with papers and decisions": "groups/board/2022-06-15.html",
    "decision": "groups/board/decisions/d1-1.html",
    "withheld decision": "groups/board/decisions/d2-2.html",
    "decisions index": "decisions/index.html",
    "action with related decisions": "groups/board/actions/2-1.html",
}


@pytest.fixture(scope="module")
def record_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("record-browser") / "output"
    result = build(BuildOptions(content=CONTENT, out=out, search=False))
    assert not result.failed, result.problems
    with serve(out) as url:
        yield url


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_serious_accessibility_violation(
    kind: str, record_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, log = page_and_log
    page.goto(record_url + PAGE_KINDS[kind], wait_until="networkidle")
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
    assert not log.errors, log.errors


def test_a_paper_downloads_and_a_decision_anchor_is_reached(
    record_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    page, log = page_and_log
    page.goto(record_url + "groups/board/2022-06-15.html")
    href = page.get_attribute(".papers a[type='application/pdf']", "href")
    assert href == "papers/terms-of-reference-final.pdf"
    response = page.request.get(record_url + "groups/board/" + href)
    assert response.ok and response.body().startswith(b"%PDF-1.4")
    # From the decision's page back to the decision in the minutes: the anchor is there.
    page.goto(record_url + "groups/board/decisions/d1-1.html")
    page.click("text=15 June 2022")
    assert page.url.endswith("2022-06-15.html#decision-d1-1")
    assert page.locator("#decision-d1-1").is_visible()
    assert not log.errors, log.errors


def test_the_history_table_scrolls_on_a_phone_not_the_page(browser: Any, record_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(record_url + "groups/board/index.html")
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= 360, f"the page is {page_width}px wide on a 360px phone"
        region = page.locator("[aria-labelledby='history-caption']")
        assert region.is_visible()
        assert region.evaluate("e => e.scrollWidth >= e.clientWidth")
    finally:
        context.close()
