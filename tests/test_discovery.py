"""Discovery and publishing options through the real command: robots.txt, a sitemap and
canonical links only with a base URL, a description and Open Graph tags on every page,
--base-url, and search that is built when Pagefind is there and skipped with a warning when
it is not."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_site_links import NOT_FOUND, check_links, check_pages, scan_site

from site_gen.outputs.search import find_pagefind

REPO = Path(__file__).resolve().parent.parent
BASE = "https://minutes.example.org/review/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def site_gen(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_gen.cli", "build", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path


def test_robots_without_a_base_url(sample_site: Path) -> None:
    assert (sample_site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert not (sample_site / "sitemap.xml").exists(), "a sitemap needs absolute URLs"


def test_base_url_gives_a_sitemap_and_canonical_links(workdir: Path) -> None:
    result = site_gen("--out", "site", "--no-search", "--base-url", BASE.rstrip("/"), cwd=workdir)
    assert result.returncode == 0, result.stderr
    out = workdir / "site"
    assert (out / "robots.txt").read_text().splitlines()[-1] == f"Sitemap: {BASE}sitemap.xml"
    root = ET.parse(out / "sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    locs = [u.findtext(f"{SM}loc") for u in root]
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert locs == sorted(BASE + p for p in pages - {NOT_FOUND, "search.html"})
    lastmod = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root}
    assert lastmod[BASE + "groups/evidence-group/2021-07-30.html"] == "2021-07-30"
    problems = check_links(out, BASE) + check_pages(out)
    assert problems == [], "\n".join(problems)
    meeting = (out / "groups/evidence-group/2021-07-30.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}groups/evidence-group/2021-07-30.html">' in meeting
    assert f'<meta property="og:url" content="{BASE}groups/evidence-group/2021-07-30.html">' in (
        meeting
    )


def test_base_url_option_overrides_site_yaml(workdir: Path) -> None:
    with (workdir / "content/site.yaml").open("a", encoding="utf-8") as f:
        f.write("base_url: https://old.example.org/\n")
    result = site_gen("--out", "site", "--no-search", "--base-url", BASE, cwd=workdir)
    assert result.returncode == 0, result.stderr
    text = (workdir / "site/index.html").read_text(encoding="utf-8")
    assert f'href="{BASE}index.html"' in text and "old.example.org" not in text


def test_a_base_url_that_is_not_a_web_address_is_refused(workdir: Path) -> None:
    for bad in ("minutes.example.org", "ftp://x.org/", "https://x.org/?q=1"):
        result = site_gen("--out", "site", "--base-url", bad, cwd=workdir)
        assert result.returncode == 2, bad
        assert "is not a web address" in result.stderr and "Traceback" not in result.stderr
    assert not (workdir / "site").exists()


def test_every_page_has_a_description_and_open_graph_tags(sample_site: Path) -> None:
    import html
    import re

    descriptions = {}
    for path in scan_site(sample_site):
        text = (sample_site / path).read_text(encoding="utf-8")
        description = re.search(r'<meta name="description" content="([^"]*)">', text)
        title = re.search(r'<meta property="og:title" content="([^"]*)">', text)
        assert title and title.group(1), path
        if path == NOT_FOUND:
            continue
        assert description and 20 <= len(html.unescape(description.group(1))) <= 300, path
        assert f'<meta property="og:description" content="{description.group(1)}">' in text
        descriptions[path] = description.group(1)
    assert len(set(descriptions.values())) == len(descriptions), "each page describes itself"


# --- search: built with Pagefind, skipped with a warning without it --------------------------


def _without_pagefind(tmp_path: Path, fake_binary: str | None = None) -> dict[str, str]:
    """An environment where the pagefind_bin package cannot be imported and PATH has no
    pagefind (or a fake one), to run the real command as on a machine without Pagefind."""
    blocker = tmp_path / "blocker"
    (blocker / "pagefind_bin").mkdir(parents=True)
    (blocker / "pagefind_bin" / "__init__.py").write_text("raise ImportError('not here')\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    if fake_binary is not None:
        fake = bin_dir / "pagefind"
        fake.write_text(fake_binary)
        fake.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(blocker), str(REPO)])}
    env["PATH"] = os.pathsep.join([str(bin_dir), "/usr/bin", "/bin"])
    return env


def test_search_index_is_built_by_default(workdir: Path) -> None:
    if find_pagefind() is None:
        pytest.skip("Pagefind is not installed: pip install 'site-gen[search]'")
    result = site_gen("--out", "site", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    bundle = workdir / "site" / "pagefind"
    assert (bundle / "pagefind.js").is_file() and list(bundle.glob("fragment/*"))
    assert list(bundle.glob("filter/*")), "the group, year and kind filters are indexed"
    nosearch = site_gen("--out", "plain", "--no-search", cwd=workdir)
    assert nosearch.returncode == 0 and not (workdir / "plain" / "pagefind").exists()


def test_a_build_without_pagefind_works_and_says_so(workdir: Path, tmp_path: Path) -> None:
    result = site_gen("--out", "site", cwd=workdir, env=_without_pagefind(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "warning: search index not built: Pagefind is not installed" in result.stderr
    assert "Traceback" not in result.stderr
    assert (workdir / "site" / "search.html").is_file()
    assert not (workdir / "site" / "pagefind").exists()


def test_a_failing_indexer_leaves_the_previous_site(workdir: Path, tmp_path: Path) -> None:
    first = site_gen("--out", "site", "--no-search", cwd=workdir)
    assert first.returncode == 0, first.stderr
    before = sorted(p.relative_to(workdir / "site") for p in (workdir / "site").rglob("*"))
    env = _without_pagefind(tmp_path, "#!/bin/sh\necho 'indexing broke' >&2\nexit 3\n")
    result = site_gen("--out", "site", cwd=workdir, env=env)
    assert result.returncode == 1
    assert "search index failed" in result.stderr and "indexing broke" in result.stderr
    assert "Traceback" not in result.stderr
    after = sorted(p.relative_to(workdir / "site") for p in (workdir / "site").rglob("*"))
    assert after == before
    assert not [p for p in workdir.iterdir() if p.name.startswith(".site.")], "no staging left"


def test_the_search_index_is_deterministic_but_for_pagefinds_filter_order(workdir: Path) -> None:
    """Two builds with search, into folders of other names, give the same bytes, except where
    Pagefind itself varies: it writes a filter's values in hash-map order (a known upstream
    limit, Pagefind issue 638), so the filter index and the two files that name it by hash may
    differ. Every page, feed, data file, fragment and word index is identical."""
    if find_pagefind() is None:
        pytest.skip("Pagefind is not installed: pip install 'site-gen[search]'")
    trees = []
    for name in ("one", "two", "three"):
        assert site_gen("--out", name, cwd=workdir).returncode == 0
        out = workdir / name
        trees.append(
            {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        )
    may_vary = re.compile(r"^pagefind/(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|filter/.*)$")
    for tree in trees[1:]:
        stable_a = {k: v for k, v in trees[0].items() if not may_vary.match(k)}
        stable_b = {k: v for k, v in tree.items() if not may_vary.match(k)}
        assert stable_a == stable_b
        assert len(trees[0]) == len(tree)
    assert any(k.startswith("pagefind/fragment/") for k in trees[0])
    assert any(k.startswith("pagefind/index/") for k in trees[0])
