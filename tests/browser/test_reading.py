"""What a reader does, in Chromium: search, filter the action list, move by keyboard,
print a meeting, read without JavaScript, and use the site served under a sub-path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from browser.conftest import PageLog
from browser.serve import serve

MEETING = "groups/evidence-group/2021-07-30.html"


def search(page: Any, url: str) -> list[str]:
    """Open the search page at `url` and return the links of its results, sub-results too."""
    page.goto(url)
    page.wait_for_function(
        "document.getElementById('search-status').textContent.includes('result')"
    )
    return list(page.eval_on_selector_all("#search-results a", "as => as.map(a => a.href)"))


def test_search_finds_nice_and_poverty_in_the_meeting(
    site_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    page, log = page_and_log
    links = search(page, site_url + "search.html?q=NICE")
    assert site_url + MEETING in links, links
    # Results link to the agenda item, not just the page.
    assert (
        site_url + MEETING + "#agenda-item-2-update-and-reflections-on-the-case-for-change"
    ) in links
    assert "NICE" in page.inner_text("#search-results mark")
    # Typing a new query searches again and keeps the query in the address.
    page.fill("#search-q", "poverty")
    page.wait_for_function(
        "document.getElementById('search-status').textContent.includes('poverty')"
    )
    page.wait_for_function("document.querySelectorAll('#search-results a').length > 0")
    links = page.eval_on_selector_all("#search-results a", "as => as.map(a => a.href)")
    assert any(link.startswith(site_url + MEETING) for link in links), links
    assert page.url.endswith("search.html?q=poverty")
    assert not log.errors, log.errors


def test_search_filters_by_kind_and_group(site_url: str, page_and_log: tuple[Any, PageLog]) -> None:
    page, log = page_and_log
    everything = search(page, site_url + "search.html?q=NICE")
    meetings = search(page, site_url + "search.html?q=NICE&kind=Meeting")
    people = search(page, site_url + "search.html?q=NICE&kind=Person")
    assert meetings and all(link.startswith(site_url + MEETING) for link in meetings)
    assert people and all("/people/" in link for link in people)
    assert len(set(everything)) > len(set(meetings))
    assert page.input_value("#search-kind") == "Person", "the form shows the shared URL's filter"
    # Actions raised in 2021: numbered from meeting 3, never 1.5 (raised before the record).
    actions = search(page, site_url + "search.html?q=action&kind=Action&year=2021")
    assert actions and all("/actions/" in link for link in actions)
    assert not [link for link in actions if link.endswith(("1-5.html", "2-4.html"))]
    assert not log.errors, log.errors


def visible_rows(page: Any) -> int:
    return int(
        page.eval_on_selector_all(
            "table[data-filterable] tbody tr", "rs => rs.filter(r => !r.hidden).length"
        )
    )


def test_the_instant_filter_narrows_the_action_list(
    site_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    page, log = page_and_log
    page.goto(site_url + "actions/index.html")
    total = visible_rows(page)
    assert total == 13
    assert page.inner_text(".filter-count") == "", "the whole index comes at the first use"
    page.select_option("#filter-status", "closed")
    page.wait_for_function("document.querySelector('.filter-count').textContent.includes('of')")
    assert visible_rows(page) == 1
    assert page.url.endswith("actions/index.html?status=closed")
    assert page.inner_text(".filter-count") == "Showing 1 of 13 actions."
    page.select_option("#filter-status", "")
    page.select_option("#filter-owner", "Dez Holmes")
    assert visible_rows(page) == 1
    page.select_option("#filter-owner", "")
    page.fill("#filter-q", "review team")
    narrowed = visible_rows(page)
    assert 0 < narrowed < total
    # The address is the filter: opening it again gives the same list.
    shared = page.url
    page.goto(shared)
    page.wait_for_function("document.querySelector('.filter-count').textContent.includes('of')")
    assert page.input_value("#filter-q") == "review team"
    assert visible_rows(page) == narrowed
    assert not log.errors, log.errors


def test_static_filter_pages_work_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "actions/index.html")
        assert page.is_hidden("#action-filter"), "no half-built filter without JavaScript"
        assert visible_rows(page) == 13
        page.click("nav.filters >> text=Closed")
        assert page.url.endswith("actions/status-closed.html")
        assert visible_rows(page) == 1
        page.click("nav.filters >> text=2021")
        assert page.url.endswith("actions/year-2021.html")
        assert visible_rows(page) == 6  # 3.1 to 3.3 and three unnumbered
        page.goto(site_url + "search.html")
        assert page.is_visible("text=Search needs JavaScript")
    finally:
        context.close()


def test_keyboard_reaches_a_visible_skip_link_first(
    site_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    page, _ = page_and_log
    page.goto(site_url + MEETING)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    box = page.evaluate("JSON.stringify(document.activeElement.getBoundingClientRect())")
    assert '"width":0' not in box, "the skip link shows when focused"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert float(outline.removesuffix("px")) >= 2, "focus is visible"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_a_meeting_prints_as_clean_minutes(
    site_url: str, page_and_log: tuple[Any, PageLog]
) -> None:
    page, _ = page_and_log
    page.goto(site_url + MEETING)
    page.emulate_media(media="print")
    for hidden in (
        ".site-header nav",
        ".skip-link",
        ".pager",
        ".follow",
        ".breadcrumbs",
        ".contents",
    ):
        assert page.eval_on_selector(hidden, "e => getComputedStyle(e).display") == "none", hidden
    for shown in ("h1", ".facts", ".attendance", ".minutes"):
        assert page.is_visible(shown), shown
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 3


def test_the_site_works_under_a_sub_path(searchable_site: Path, browser: Any) -> None:
    """As on GitHub Pages (https://user.github.io/project/): links, assets and search."""
    with serve(searchable_site, prefix="/minutes/review/") as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            log = PageLog()
            log.attach(page)
            page.goto(url + MEETING)
            page.click("text=Actions")
            assert page.url == url + "actions/index.html"
            links = search(page, url + "search.html?q=poverty")
            assert (
                url + MEETING + "#agenda-item-2-update-and-reflections-on-the-case-for-change"
                in links
            )
            assert not log.errors, log.errors
        finally:
            context.close()
