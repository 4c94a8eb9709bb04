"""One rule reads a number as readers type it, in every tool that reads one: the same action
or decision is found through search, the index filter and "find an action" whichever way the
number is written. And the index filter fetches the whole index only once the reader uses it.
In Chromium, on the record fixture (action 2.1 and decision D2.1 of the board) built with its
search index."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from browser.conftest import PageLog, _unavailable
from browser.serve import serve
from site_gen.outputs.search import find_pagefind
from site_gen.pipeline import BuildOptions, build

REPO = Path(__file__).resolve().parents[2]
RECORD = REPO / "tests/fixtures/record-site/content"

# Action 2.1 of the board: bare, with a word or a letter, with the punctuation around it.
ACTION_2_1 = ["2.1", "action 2.1", "A2.1", "a 2.1", " Action  2.1 ", "Action 2.1.", "#2.1"]
ACTION_2_1 += ["(2.1)", "actions 2.1", "action no. 2.1", "Action number 2.1", "action #2.1"]
# Decision D2.1 of the board, as search and the decisions filter read it.
DECISION_2_1 = ["D2.1", "d 2.1", "decision 2.1", "decision D2.1", "Resolution D2.1.", "#D2.1"]
DECISION_2_1 += ["resolution no. D2.1", "(D2.1)"]
# No action's number: a decision's, or a word and a letter that disagree.
NOT_AN_ACTION = ["D2.1", "decision 2.1", "action D2.1", "resolution 2.1"]


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    if find_pagefind() is None:
        _unavailable("Pagefind is not installed: pip install 'site-gen[search]'")
    out = tmp_path_factory.mktemp("number-forms") / "out"
    result = build(BuildOptions(content=RECORD, out=out, search=True))
    assert not result.failed, [p.format() for p in result.problems]
    with serve(out) as url:
        yield out, url


def action_page(out: Path, number: str, group: str = "board") -> str:
    actions = json.loads((out / "data/actions.json").read_text())["actions"]
    (page,) = [a["page"] for a in actions if a["number"] == number and a["group_id"] == group]
    return str(page)


def decision_page(out: Path, number: str) -> str:
    decisions = json.loads((out / "data/decisions.json").read_text())["decisions"]
    (page,) = [d["page"] for d in decisions if d["number"] == number]
    return str(page)


def search_first(page: Any, url: str, typed: str) -> tuple[str, str]:
    page.goto(url + "search.html?q=" + quote(typed))
    page.wait_for_function("document.getElementById('search-status').textContent.includes('.')")
    first = page.eval_on_selector_all("#search-results > li h2 a", "as => as.map(a => a.href)")
    return (first[0] if first else ""), page.inner_text("#search-status")


def filter_first(page: Any, typed: str) -> str:
    page.fill("#filter-q", typed)
    page.wait_for_function("document.querySelector('.filter-count').textContent.includes('of')")
    return str(page.eval_on_selector_all("table tbody th a", "as => as.length ? as[0].href : ''"))


def test_search_finds_the_same_action_and_decision_however_typed(
    record: tuple[Path, str], page_and_log: tuple[Any, PageLog]
) -> None:
    out, url = record
    page, log = page_and_log
    action, decision = url + action_page(out, "2.1"), url + decision_page(out, "D2.1")
    found = {typed: search_first(page, url, typed) for typed in ACTION_2_1 + DECISION_2_1}
    wrong = {
        typed: first
        for typed, (first, status) in found.items()
        if first != (action if typed in ACTION_2_1 else decision)
        or not status.startswith("1 exact match ")
    }
    assert not wrong
    assert not log.errors, log.errors


def test_the_filters_find_the_same_action_and_decision_however_typed(
    record: tuple[Path, str], page_and_log: tuple[Any, PageLog]
) -> None:
    out, url = record
    page, log = page_and_log
    action, decision = url + action_page(out, "2.1"), url + decision_page(out, "D2.1")
    page.goto(url + "actions/index.html")
    wrong = {t: f for t in ACTION_2_1 if (f := filter_first(page, t)) != action}
    # A number of the other kind is words (here found in no row), never an exact match.
    wrong |= {t: f for t in ["D2.1", "action D2.1", "#D2.1"] if (f := filter_first(page, t))}
    page.goto(url + "decisions/index.html")
    wrong |= {t: f for t in DECISION_2_1 if (f := filter_first(page, t)) != decision}
    wrong |= {t: f for t in ["A2.1", "action A2.1", "(A2.1)"] if (f := filter_first(page, t))}
    assert not wrong
    assert not log.errors, log.errors


def test_find_an_action_opens_the_same_action_however_typed(
    record: tuple[Path, str], page_and_log: tuple[Any, PageLog]
) -> None:
    out, url = record
    page, log = page_and_log
    action = url + action_page(out, "2.1")
    wrong = {}
    for typed in ACTION_2_1:
        page.goto(url + "actions/find.html?group=board&number=" + quote(typed))
        try:
            page.wait_for_url(action, timeout=5000)
        except Exception:  # Playwright's timeout: the page it stopped at is the finding
            wrong[typed] = page.url
    for typed in NOT_AN_ACTION:
        page.goto(url + "actions/find.html?group=board&number=" + quote(typed))
        page.wait_for_selector("#find-status:not([hidden])")
        if "No action numbered" not in page.inner_text("#find-status"):
            wrong[typed] = page.url
    assert not wrong
    assert not log.errors, log.errors


@pytest.mark.parametrize("index", ["actions/index.html", "decisions/index.html"])
def test_the_filter_fetches_the_whole_index_only_once_the_reader_uses_it(
    index: str, record: tuple[Path, str], page_and_log: tuple[Any, PageLog]
) -> None:
    _, url = record
    page, log = page_and_log
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if r.url.endswith("rows.json") else None)
    page.goto(url + index, wait_until="networkidle")
    assert page.is_visible("#filter-q"), "the filter is there, ready"
    assert fetched == [], "nothing more than the page for a reader who never filters"
    assert page.is_visible("#list-filters"), "until then the links that filter stay"
    page.fill("#filter-q", "board")
    page.wait_for_function("document.querySelector('.filter-count').textContent.includes('of')")
    page.fill("#filter-q", "the")
    page.wait_for_load_state("networkidle")
    assert len(fetched) == 1 and fetched[0].startswith(url), fetched
    assert page.is_hidden("#list-filters"), "one filter: the links step aside"
    assert "This page's rows only" not in page.inner_text(".filter-count")
    # An address that filters (a shared link) is a use: the index comes with the page.
    fetched.clear()
    page.goto(url + index + "?q=board", wait_until="networkidle")
    assert len(fetched) == 1, fetched
    assert page.input_value("#filter-q") == "board"
    assert "of" in page.inner_text(".filter-count")
    assert not log.errors, log.errors


def test_one_number_rule_in_the_theme_scripts() -> None:
    """The rule is written once, in static/numbers.js; the tools that read numbers load it."""
    static = REPO / "templates/static"
    rule = re.compile(r"no\\\.\?\|number\|#")  # the rule's words: "no.", "number", "#"
    holding = sorted(p.name for p in static.glob("*.js") if rule.search(p.read_text()))
    assert holding == ["numbers.js"]
    for template in ("actions.html", "decisions.html", "find_action.html", "search.html"):
        text = (REPO / "templates" / template).read_text()
        tags = re.findall(r"<script[^>]*static/(\w+)\.js", text)
        assert tags[0] == "numbers", (template, tags)
