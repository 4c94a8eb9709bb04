"""Finding an action by its number, in Chromium, on a generated archive built with its search
index: the exact matches first in search, in the index filter, and through the "find an
action" form; the filter and sort over the whole index, page by page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from benchmarks.corpus import CorpusSpec, generate
from browser.conftest import PageLog, _unavailable
from browser.serve import serve
from site_gen.outputs.search import find_pagefind
from site_gen.pipeline import BuildOptions, build


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if find_pagefind() is None:
        _unavailable("Pagefind is not installed: pip install 'site-gen[search]'")
    root = tmp_path_factory.mktemp("numbers")
    content = generate(CorpusSpec(150, groups=3, years=5), root / "content")
    out = root / "out"
    result = build(BuildOptions(content=content, out=out, search=True))
    assert not result.failed, [p.format() for p in result.problems]
    return out


@pytest.fixture(scope="module")
def archive_url(archive: Path) -> Iterator[str]:
    with serve(archive) as url:
        yield url


def pages_numbered(archive: Path, number: str) -> list[str]:
    actions = json.loads((archive / "data/actions.json").read_text())["actions"]
    return sorted(a["page"] for a in actions if a["number"] == number)


# As readers type a number: bare, with a word or a letter, with the punctuation around it.
TYPED_2_1 = ["2.1", "action 2.1", "A2.1", " Action  2.1 ", "a 2.1"]
TYPED_2_1 += ["Action 2.1.", "#2.1", "(2.1)", "actions 2.1", "action no. 2.1", "Action number 2.1"]


@pytest.mark.parametrize("query", TYPED_2_1)
def test_the_exact_number_comes_first_in_search(
    query: str, archive: Path, archive_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    page, log = page_and_log
    expected = [archive_url + p for p in pages_numbered(archive, "2.1")]
    assert len(expected) == 3
    page.goto(archive_url + "search.html?q=" + quote(query))
    page.wait_for_function(
        "document.getElementById('search-status').textContent.includes('result')"
    )
    links = page.eval_on_selector_all("#search-results > li h2 a", "as => as.map(a => a.href)")
    assert sorted(links[: len(expected)]) == expected, links[:6]
    assert len(links) > len(expected), "the full-text results follow"
    assert not set(links[len(expected) :]) & set(expected), "not listed twice"
    assert "3 exact matches" in page.inner_text("#search-status")
    assert not log.errors, log.errors


@pytest.mark.parametrize("query", ["action 2.1", "Action no. 2.1.", "#2.1"])
def test_the_index_filter_puts_the_exact_number_first_and_covers_every_page(
    query: str, archive: Path, archive_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    page, log = page_and_log
    page.goto(archive_url + "actions/index.html")
    page.focus("#filter-q")  # the whole index is fetched at the filter's first use
    page.wait_for_function("document.querySelector('.filter-count').textContent.includes('of')")
    assert page.is_hidden("#list-filters"), "one filter: the links step aside"
    total = len(json.loads((archive / "data/actions.json").read_text())["actions"])
    assert page.inner_text(".filter-count").startswith(f"Showing {total} of {total} actions.")
    page.fill("#filter-q", query)
    page.wait_for_function("document.querySelector('.filter-count').textContent.includes('3 of')")
    first = page.eval_on_selector_all(
        "table[data-filterable] tbody th a", "as => as.slice(0, 3).map(a => a.href)"
    )
    assert sorted(first) == [archive_url + p for p in pages_numbered(archive, "2.1")]
    # Sorting by a column sorts the whole index, not the hundred rows in view.
    page.fill("#filter-q", "")
    page.click("th button:text-is('Raised')")
    newest = page.eval_on_selector("table[data-filterable] tbody time", "t => t.dateTime")
    page.click("th button:text-is('Raised')")
    oldest = page.eval_on_selector("table[data-filterable] tbody time", "t => t.dateTime")
    assert oldest < newest
    assert page.get_attribute("th:has(button:text-is('Raised'))", "aria-sort") == "ascending"
    assert "sort=date" in page.url
    page.click(".list-pager button:has-text('2')")
    assert "Page 2 of" in page.inner_text(".filter-count")
    assert not log.errors, log.errors


def test_the_find_an_action_form_opens_the_action(
    archive: Path, archive_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    page, log = page_and_log
    target = pages_numbered(archive, "2.1")[0]
    group = target.split("/")[1]
    page.goto(archive_url + "actions/index.html")
    page.select_option("#find-group", group)
    page.fill("#find-number", "Action no. 2.1.")
    page.click("button:text-is('Find action')")
    page.wait_for_url(archive_url + target)
    page.goto(archive_url + f"actions/find.html?group={group}&number=999.9")
    page.wait_for_selector("#find-status:not([hidden])")
    assert "No action numbered 999.9" in page.inner_text("#find-status")
    assert not log.errors, log.errors


def test_without_javascript_the_form_leads_to_the_groups_numbers(
    browser: Any, archive: Path, archive_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        target = pages_numbered(archive, "2.1")[0]
        group = target.split("/")[1]
        page.goto(archive_url + f"groups/{group}/actions/index.html")
        page.fill("#find-number", "2.1")
        page.click("button:text-is('Find action')")
        assert "actions/find.html" in page.url
        page.click(f"a[data-group='{group}']")
        page.click("a[data-number='2.1']")
        assert page.url == archive_url + target
        page.goto(archive_url + "actions/index.html")
        assert page.is_visible("#list-filters") and page.is_visible(".list-pager")
        page.click(".list-pager >> text=Next")
        assert page.url.endswith("actions/index-2.html")
    finally:
        context.close()


@pytest.fixture(scope="module")
def record_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The record fixture (decisions with numbers, votes, a withheld one), with its index."""
    if find_pagefind() is None:
        _unavailable("Pagefind is not installed: pip install 'site-gen[search]'")
    content = Path(__file__).resolve().parents[1] / "fixtures/record-site/content"
    out = tmp_path_factory.mktemp("record") / "out"
    result = build(BuildOptions(content=content, out=out, search=True))
    assert not result.failed, [p.format() for p in result.problems]
    with serve(out) as url:
        yield url


@pytest.mark.parametrize(
    "query", ["D2.1", "d 2.1", "decision 2.1", "decision D2.1", "Resolution D2.1.", "#D2.1"]
)
def test_a_decision_number_finds_the_decision_first(
    query: str, record_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    page, log = page_and_log
    page.goto(record_url + "search.html?q=" + quote(query))
    page.wait_for_function(
        "document.getElementById('search-status').textContent.includes('result')"
    )
    first = page.eval_on_selector("#search-results > li h2 a", "a => a.href")
    assert first == record_url + "groups/board/decisions/d2-1.html"
    page.goto(record_url + "decisions/index.html")
    page.wait_for_selector("#filter-q")
    page.fill("#filter-q", query)
    page.wait_for_function("document.querySelector('.filter-count').textContent.includes('1 of')")
    assert page.inner_text("table.decisions-table tbody th") == "D2.1"
    assert not log.errors, log.errors
