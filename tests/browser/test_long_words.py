"""Minutes as clerks write them hold long addresses and long unbroken words: in an action's
task, a decision, an update's note, a table of the minutes. None of them may widen a page
beyond the screen, at 390 or 1280 px, in the pages as built or in the rows the script
filter draws. The site is made from nothing by the real `site-gen init` and `build`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.request import urlopen

import pytest
from build_cli import build_args, site_gen

from browser.serve import serve

LONG_URL = "https://example.org/" + "-".join(["statement-of-accounts"] * 6) + ".pdf"
LONG_WORD = "Supercalifragilistic" * 5
GROUP = "finance-committee"
MEETING = f"""---
group: {GROUP}
date: 2025-04-01
number: 2
status: approved
attendance:
  - label: Members
    kind: present
    people: [Alex Morgan, Sam Patel, Jo Williams]
action_updates:
  "1.2": {{status: in_progress, note: "see {LONG_URL}"}}
---

## Accounts

| Paper | Where |
|---|---|
| Accounts | {LONG_URL} |

**Agreed:** to adopt {LONG_URL} (D2.1)

Actions:

- Alex Morgan to read {LONG_URL} (2.1)
- Sam Patel to check {LONG_WORD} (2.2)
"""
PAGES = [
    "index.html",
    f"groups/{GROUP}/index.html",
    f"groups/{GROUP}/2025-04-01.html",
    f"groups/{GROUP}/actions/index.html",
    f"groups/{GROUP}/actions/1-2.html",
    f"groups/{GROUP}/decisions/d2-1.html",
    "actions/index.html",
    "actions/status-open.html",
    "decisions/index.html",
    "people/alex-morgan.html",
    "people/sam-patel.html",
]


@pytest.fixture(scope="module")
def long_words_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("long-words")
    made = site_gen("init", folder / "site", "--group", "Finance Committee", "--date", "2025-03-04")
    assert made.returncode == 0, made.stderr
    content = folder / "site" / "content"
    (content / "meetings" / GROUP / "2025-04-01.md").write_text(MEETING, encoding="utf-8")
    built = site_gen(*build_args(content, folder / "out", "--no-search"))
    assert built.returncode == 0, built.stderr
    with serve(folder / "out") as url:
        yield url


def _too_wide(page: Any, url: str, width: int) -> str | None:
    page.goto(url, wait_until="load")
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    return f"{url} is {scrolled}px wide at {width}px" if scrolled > width else None


@pytest.mark.parametrize("width", [390, 1280])
def test_long_words_never_widen_a_page(browser: Any, long_words_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        wide = [_too_wide(page, long_words_url + path, width) for path in PAGES]
        # The rows the script filter draws from rows.json, not the rows the build wrote.
        page.goto(long_words_url + "actions/index.html", wait_until="load")
        page.fill("#filter-q", "check")
        page.wait_for_function("document.body.textContent.includes('Supercalifragilistic')")
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        wide.append(f"filtered actions: {scrolled}px" if scrolled > width else None)
    finally:
        context.close()
    assert [w for w in wide if w] == []


def test_the_long_words_are_on_the_pages_to_widen_them(long_words_url: str) -> None:
    """The pages checked above do carry the long words (the test could otherwise pass on a
    site that dropped them)."""
    with urlopen(long_words_url + "actions/index.html") as response:
        text = response.read().decode("utf-8")
    assert LONG_WORD in text and LONG_URL in text
