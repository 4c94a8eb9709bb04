"""Relative links between output paths: the fast way must agree with posixpath.relpath."""

from __future__ import annotations

import posixpath

import pytest

from site_gen import urls

PAGES = [
    "index.html",
    "404.html",
    "people/index.html",
    "people/sian-jones.html",
    "groups/audit/index.html",
    "groups/audit/2021-07-30.html",
    "groups/audit/actions/3-1.html",
    "groups/audit-committee/actions/index.html",
    "actions/status-open.html",
    "static/style.css",
]


@pytest.mark.parametrize("from_page", PAGES)
def test_relative_agrees_with_relpath(from_page: str) -> None:
    for to in PAGES:
        expected = posixpath.relpath(to, posixpath.dirname(from_page) or ".")
        assert urls.relative(from_page, to) == expected
        assert urls.relative(from_page, f"{to}#item-2") == f"{expected}#item-2"
    assert urls.relative(from_page, "#main") == "#main"
