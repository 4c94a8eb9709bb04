"""The action and decision indexes at archive scale, and finding an action by its number,
built through the real pipeline from generated archives (benchmarks/corpus.py).

Pages of at most 100 rows, open and in-progress first and newest first, every action on
exactly one page of each index, status counts that agree on every page that shows them,
page sizes bounded by the rows per page rather than the archive, and the number lookups
(the search page's search/ids/ files and the "find an action" pages) exact.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from benchmarks.corpus import CorpusSpec, generate
from site_gen.pipeline import BuildOptions, build
from site_gen.views.paging import ROWS

ROW = re.compile(r"<tr[ >].*?</tr>", re.S)
ACTION_LINK = re.compile(r'<th scope="row"><a href="([^"]+)">')
OPEN = {"open", "in_progress"}


def build_archive(root: Path, meetings: int) -> Path:
    content = generate(CorpusSpec(meetings, groups=3, years=5), root / "content")
    out = root / "out"
    result = build(BuildOptions(content=content, out=out, search=False))
    assert not result.failed, [p.format() for p in result.problems]
    return out


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("archive"), 150)


def actions_data(out: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads((out / "data/actions.json").read_text())["actions"]
    return rows


def index_pages(out: Path, first: str) -> list[Path]:
    """The pages of the index whose first page is `first`, following its numbered links."""
    stem = first.removesuffix(".html")
    pages = [out / first]
    n = 2
    while (out / f"{stem}-{n}.html").is_file():
        pages.append(out / f"{stem}-{n}.html")
        n += 1
    return pages


def body_rows(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return ROW.findall(body)


def listed(out: Path, first: str) -> list[str]:
    """Every action page an index lists, page after page, as paths from the site's root."""
    found = []
    for page in index_pages(out, first):
        rows = body_rows(page)
        assert 0 < len(rows) <= ROWS, page
        folder = page.parent.relative_to(out)
        for row in rows:
            href = ACTION_LINK.search(row)
            assert href, row
            found.append(str((folder / href.group(1)).as_posix()).replace("actions/../", ""))
    return [_normal(p) for p in found]


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def test_every_action_is_on_exactly_one_page_open_first_newest_first(archive: Path) -> None:
    data = actions_data(archive)
    assert len(data) > 3 * ROWS, "the archive is big enough to need several pages"
    pages = listed(archive, "actions/index.html")
    assert sorted(pages) == sorted(str(a["page"]) for a in data)
    by_page = {str(a["page"]): a for a in data}
    shown = [by_page[p] for p in pages]
    still_open = [a["status"] in OPEN for a in shown]
    assert still_open == sorted(still_open, reverse=True), "open and in progress come first"
    for bucket in (True, False):
        days = [str(a["raised_date"] or "") for a in shown if (a["status"] in OPEN) is bucket]
        assert days == sorted(days, reverse=True), "newest first"


def test_pages_link_to_each_other_by_number(archive: Path) -> None:
    pages = index_pages(archive, "actions/index.html")
    assert len(pages) >= 4
    second = pages[1].read_text(encoding="utf-8")
    assert 'href="index.html"' in second and 'href="index-3.html"' in second
    assert re.search(r'aria-current="page"><span class="visually-hidden">Page </span>2<', second)
    assert f"of {len(pages)}" in second
    # Every page but the last is full, in every group's index too.
    for group in {str(a["group_id"]) for a in actions_data(archive)}:
        group_pages = index_pages(archive, f"groups/{group}/actions/index.html")
        assert len(group_pages) > 1
        for page in group_pages[:-1]:
            assert len(body_rows(page)) == ROWS, page


def test_status_counts_agree_on_the_home_page_the_index_and_the_status_pages(
    archive: Path,
) -> None:
    data = actions_data(archive)
    home = (archive / "index.html").read_text(encoding="utf-8")
    index = (archive / "actions/index.html").read_text(encoding="utf-8")
    for status in ("open", "in_progress", "closed", "dropped"):
        expected = sum(1 for a in data if a["status"] == status)
        first = f"actions/status-{status.replace('_', '-')}.html"
        assert len(listed(archive, first)) == expected, status
        label = status.replace("_", " ").capitalize()
        assert f">{label} ({expected})</a>" in index, status
        assert f"({expected})" in (archive / first).read_text(encoding="utf-8"), status
        if status == "open":
            figure = re.search(r"(\d+) open actions?</a>", home)
            assert figure and int(figure.group(1)) == expected, "the home page's figure"
    assert f">All ({len(data)})</a>" in index


def test_the_owner_links_are_folded_away_and_the_script_form_is_the_one_filter(
    archive: Path,
) -> None:
    html = (archive / "actions/index.html").read_text(encoding="utf-8")
    details = html[html.index('<details class="owner-filters">') : html.index("</details>")]
    assert details.count("<li>") > 10, "the owners are listed, inside a <details>"
    assert 'id="list-filters"' in html, "the links the script hides where it runs"
    assert 'data-rows="rows.json"' in html


def page_sizes(out: Path) -> dict[str, int]:
    """Every index page's size: action and decision indexes of the site, statuses, years
    and groups."""
    sizes = {}
    for path in [*out.glob("actions/*.html"), *out.glob("decisions/*.html")]:
        sizes[str(path.relative_to(out))] = path.stat().st_size
    for path in [*out.glob("groups/*/actions/index*.html"), *out.glob("groups/*/decisions/*.html")]:
        if path.parent.name == "actions" or path.name.startswith("index"):
            sizes[str(path.relative_to(out))] = path.stat().st_size
    return sizes


def test_index_pages_are_bounded_by_rows_per_page_not_by_the_archive(tmp_path: Path) -> None:
    """Four times the meetings, the same largest index page (give or take the filter links,
    which grow with people and years, not meetings); and the all-actions index split into
    about four times as many pages."""
    small = build_archive(tmp_path / "small", 80)
    large = build_archive(tmp_path / "large", 320)
    small_sizes, large_sizes = page_sizes(small), page_sizes(large)
    assert len(index_pages(large, "actions/index.html")) >= 3 * len(
        index_pages(small, "actions/index.html")
    )
    largest_small, largest_large = max(small_sizes.values()), max(large_sizes.values())
    assert largest_large < 1.25 * largest_small, (largest_small, largest_large)
    rows = json.loads((large / "actions/rows.json").read_text())["rows"]
    assert len(rows) > 8 * ROWS
    # No page holds more than ROWS rows: the size of a page is its rows' size plus a fixed part.
    for name in large_sizes:
        if "<tbody>" in (large / name).read_text(encoding="utf-8"):
            assert len(body_rows(large / name)) <= ROWS, name


def test_search_ids_list_each_groups_exact_number_first(archive: Path) -> None:
    """search/ids/2.json holds the actions numbered 2.x, one of each number per group, in
    number order: what the search page shows first for "2.1", "action 2.1" or "A2.1"."""
    data = actions_data(archive)
    entries = json.loads((archive / "search/ids/2.json").read_text())["ids"]
    numbered = [e for e in entries if e["kind"] == "action" and e["number"] == "2.1"]
    expected = sorted(str(a["page"]) for a in data if a["number"] == "2.1")
    assert len(expected) == 3, "each of the three groups has an action 2.1"
    assert sorted(e["page"] for e in numbered) == expected
    assert len({e["group"] for e in numbered}) == len(numbered), "one per group"
    assert all(e["number"].split(".")[0] == "2" for e in entries)
    positions = [entries.index(e) for e in numbered]
    assert positions == list(range(len(numbered))), "2.1 before 2.2 and 2.10"
    for entry in entries:
        assert (archive / entry["page"]).is_file(), entry
    # Every numbered action is in the file of its leading number, and nowhere else.
    files = {p.stem: json.loads(p.read_text())["ids"] for p in (archive / "search/ids").iterdir()}
    for action in data:
        if action["number"]:
            major = str(action["number"]).split(".")[0]
            assert [e["page"] for e in files[major]].count(action["page"]) == 1
    search = (archive / "search.html").read_text(encoding="utf-8")
    shards = re.search(r'data-id-shards="([^"]*)"', search)
    assert shards and set(shards.group(1).split()) == set(files)


def test_find_an_action_pages_link_every_number_of_the_group(archive: Path) -> None:
    data = actions_data(archive)
    group = str(data[0]["group_id"])
    html = (archive / f"groups/{group}/actions/find.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<a href="([^"]+)" data-number="([^"]+)">', html))
    expected = {
        str(a["page"]).rsplit("/", 1)[1]: str(a["number"]).lower()
        for a in data
        if a["group_id"] == group and a["number"]
    }
    assert links == expected
    site = (archive / "actions/find.html").read_text(encoding="utf-8")
    assert f'data-group="{group}"' in site
    index = (archive / "actions/index.html").read_text(encoding="utf-8")
    form = index[index.index('<form class="find-action"') :]
    form = form[: form.index("</form>")]
    assert 'action="find.html"' in form and 'name="group"' in form and 'name="number"' in form
    own = (archive / f"groups/{group}/actions/index.html").read_text(encoding="utf-8")
    assert f'<option value="{group}" selected>' in own, "the group's own index chooses it"


def test_decision_indexes_are_paged_newest_first(tmp_path: Path) -> None:
    """A group with 150 decisions: two pages, newest first."""
    content = tmp_path / "content"
    (content / "groups").mkdir(parents=True)
    (content / "meetings/board").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Decisions at scale\n")
    (content / "groups/board.yaml").write_text("name: Board\n")
    for n in range(1, 51):
        day = date(2020, 1, 1).replace(year=2020 + (n - 1) // 12, month=(n - 1) % 12 + 1)
        body = "\n\n".join(f"Agreed: to adopt proposal {n}-{k} (D{n}.{k})" for k in (1, 2, 3))
        (content / f"meetings/board/{day.isoformat()}.md").write_text(
            f"---\ndate: {day.isoformat()}\nnumber: {n}\n---\n\n## Item 1: Business\n\n{body}\n"
        )
    out = tmp_path / "out"
    result = build(BuildOptions(content=content, out=out, search=False))
    assert not result.failed, [p.format() for p in result.problems]
    pages = index_pages(out, "decisions/index.html")
    assert len(pages) == 2
    first = [unescape(r) for r in body_rows(pages[0])]
    assert len(first) == ROWS and "D50.3" in first[0] and "D50.2" in first[1]
    assert "D1.1" in body_rows(pages[1])[-1]
    assert len(index_pages(out, "groups/board/decisions/index.html")) == 2
    rows = json.loads((out / "decisions/rows.json").read_text())["rows"]
    assert [r[1] for r in rows[:2]] == ["D50.3", "D50.2"]
