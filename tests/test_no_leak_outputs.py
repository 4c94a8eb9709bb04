"""The no-leak fixture through every later output: the search index, feeds, calendars and
data files hold no sentinel, with and without a --drafts preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_no_leak import CONTENT, leaked, readable_bytes

from site_gen.outputs.search import find_pagefind
from site_gen.pipeline import BuildOptions, build

LATER_OUTPUTS = ("pagefind/", "feeds/", "calendars/", "data/", "sitemap.xml", "robots.txt")
# A --drafts preview shows drafts on purpose. Feeds, calendars and the sitemap still leave them
# out, and no search index is built; data files leave out draft meetings, but facts the
# preview derives from them (a role written in draft minutes) are as its pages show them.
PREVIEW_CLEAN = ("pagefind/", "feeds/", "calendars/", "sitemap.xml", "robots.txt")


@pytest.mark.parametrize("drafts", [False, True])
def test_no_sentinel_in_the_search_index_feeds_calendars_or_data(
    tmp_path: Path, drafts: bool
) -> None:
    if find_pagefind() is None:
        pytest.skip("Pagefind is not installed: pip install 'site-gen[search]'")
    out = tmp_path / "out"
    result = build(
        BuildOptions(
            content=CONTENT, out=out, drafts=drafts, search=True, base_url="https://x.example/"
        )
    )
    assert not result.failed and not result.notices, result
    clean = PREVIEW_CLEAN if drafts else LATER_OUTPUTS
    assert {path: hits for path, hits in leaked(out).items() if path.startswith(clean)} == {}
    if drafts:
        assert not (out / "pagefind").exists(), "a --drafts preview is never indexed"
        return
    assert leaked(out) == {}
    index = sorted(p for p in (out / "pagefind").rglob("*") if p.is_file())
    assert len(index) > 5, "the site was indexed"
    # The scan reads the index: public text is found in it, decompressed.
    indexed = b"".join(readable_bytes(p) for p in index)
    assert b"public-control-body" in indexed.lower()
