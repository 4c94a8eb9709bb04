"""A link and page-structure checker for a built site, run here on the sample site.

`check_links(out_dir)` and `check_pages(out_dir)` take any output folder and return a list of
problems (empty when all is well), so tests of other fixture sites can reuse them:

    from test_site_links import check_links, check_pages

Rules for links (every href and src of every .html page):
- a relative URL resolves to a file inside the output folder: never a folder, never outside it;
- a #fragment matches an id in the target page (or in the same page for "#id");
- no root-relative ("/x") or protocol-relative ("//host") URLs, no other schemes (javascript:...);
- external http(s) and mailto links only where authors write them: the minutes body (an element
  of class "minutes") and a meeting's list of papers (class "papers"); they are collected, never
  fetched. A <link rel=canonical> or rel=alternate may be absolute: those must be absolute by
  their nature.
"""

from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from site_gen.pipeline import BuildOptions, build

NOT_FOUND = "404.html"
AUTHORED_CLASSES = {"minutes", "papers"}  # where authors' own external links may appear
ABSOLUTE_LINK_RELS = {"canonical", "alternate"}
EXTERNAL_SCHEMES = {"http", "https", "mailto"}
SAMPLE_EXTERNAL_LINKS = {
    (
        "groups/evidence-group/2021-07-30.html",
        "https://www.childrenscommissioner.gov.uk/2016/12/27/"
        "an-estimated-four-out-of-five-young-carers-receive-no-support/",
    )
}


@dataclass(frozen=True)
class Ref:
    """One href or src in a page."""

    tag: str
    attr: str
    value: str
    line: int
    in_minutes: bool
    rel: frozenset[str]


@dataclass
class PageScan:
    path: str  # relative to the output folder, with forward slashes
    refs: list[Ref] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    id_refs: list[tuple[str, str, int]] = field(default_factory=list)  # attr, id, line
    h1_count: int = 0
    lang: str | None = None
    titles: list[str] = field(default_factory=list)
    mains: list[str | None] = field(default_factory=list)  # the id of each <main>


class _PageParser(HTMLParser):
    def __init__(self, scan: PageScan) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = scan
        self._minutes_tag: str | None = None  # the tag of the minutes element we are inside
        self._minutes_depth = 0
        self._title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if self._minutes_tag == tag:
            self._minutes_depth += 1
        elif self._minutes_tag is None and AUTHORED_CLASSES & set(
            (_attr(attrs, "class") or "").split()
        ):
            self._minutes_tag, self._minutes_depth = tag, 1
        if tag == "title":
            self._title = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._minutes_tag:
            self._minutes_depth -= 1
            if self._minutes_depth == 0:
                self._minutes_tag = None
        if tag == "title" and self._title is not None:
            self.scan.titles.append("".join(self._title).strip())
            self._title = None

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        scan = self.scan
        rel = frozenset((_attr(attrs, "rel") or "").lower().split())
        for name, value in attrs:
            if name in ("href", "src"):
                in_minutes = self._minutes_tag is not None
                scan.refs.append(Ref(tag, name, value or "", line, in_minutes, rel))
            elif name == "id" and value is not None:
                scan.ids.append(value)
            elif name in ("aria-labelledby", "aria-describedby", "for") and value:
                scan.id_refs.extend((name, target, line) for target in value.split())
        if tag == "h1":
            scan.h1_count += 1
        elif tag == "html":
            scan.lang = _attr(attrs, "lang")
        elif tag == "main":
            scan.mains.append(_attr(attrs, "id"))


def _attr(attrs: list[tuple[str, str | None]], name: str) -> str | None:
    return next((value for key, value in attrs if key == name), None)


def scan_page(out_dir: Path, path: str) -> PageScan:
    scan = PageScan(path)
    parser = _PageParser(scan)
    parser.feed((out_dir / path).read_text(encoding="utf-8"))
    parser.close()
    return scan


def scan_site(out_dir: Path) -> dict[str, PageScan]:
    """Every .html page of a built site, parsed, by its path relative to `out_dir`."""
    pages = sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*.html"))
    return {path: scan_page(out_dir, path) for path in pages}


@dataclass
class LinkReport:
    problems: list[str] = field(default_factory=list)
    external: set[tuple[str, str]] = field(default_factory=set)  # (page, url)
    edges: dict[str, set[str]] = field(default_factory=dict)  # page -> pages it links to


@dataclass(frozen=True)
class _Context:
    out_dir: Path
    pages: dict[str, PageScan]
    base_url: str
    report: LinkReport


def link_report(out_dir: Path, base_url: str = "") -> LinkReport:
    out_dir = out_dir.resolve()
    context = _Context(out_dir, scan_site(out_dir), base_url, LinkReport())
    report = context.report
    for path, scan in context.pages.items():
        report.edges[path] = set()
        for ref in scan.refs:
            problem = _check_ref(context, path, ref)
            if problem:
                report.problems.append(
                    f"{path}:{ref.line}: <{ref.tag} {ref.attr}={ref.value!r}>: {problem}"
                )
    return report


def _check_ref(context: _Context, path: str, ref: Ref) -> str:
    value = ref.value.strip()
    if not value:
        return "empty link"
    base_url = context.base_url
    if base_url and value.startswith(base_url) and not ref.rel & ABSOLUTE_LINK_RELS:
        # The site's own address: only the 404 page, served at any depth, needs it.
        if path != NOT_FOUND:
            return "absolute link to the site's own base_url: link relatively"
        return _check_internal(context, path, urlsplit(value[len(base_url) :]), from_root=True)
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in EXTERNAL_SCHEMES:
        if ref.tag == "link" and "canonical" in ref.rel and base_url:
            if value != base_url + path:
                return f"canonical link is not {base_url + path}"
            return ""
        if ref.in_minutes or (ref.tag == "link" and ref.rel & ABSOLUTE_LINK_RELS):
            context.report.external.add((path, value))
            return ""
        return "external link outside the minutes body: site pages link only relatively"
    if scheme or parts.netloc:
        return f"URL with a scheme or host ({scheme or '//'}) is not allowed"
    if parts.path.startswith("/"):
        if path == NOT_FOUND and not base_url:
            # Served at any depth: without a base_url, its links start at the host's root.
            return _check_internal(context, path, parts._replace(path=parts.path[1:]), True)
        return "absolute path: links must be relative so the site works from any path and disk"
    return _check_internal(context, path, parts)


def _check_internal(
    context: _Context, path: str, parts: SplitResult, from_root: bool = False
) -> str:
    out_dir, pages, report = context.out_dir, context.pages, context.report
    if not parts.path and not from_root:
        if not parts.fragment:
            return "link to nothing"
        if unquote(parts.fragment) not in pages[path].ids:
            return f"no id {unquote(parts.fragment)!r} in this page"
        return ""
    folder = "" if from_root else posixpath.dirname(path)
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if target == ".." or target.startswith("../"):
        return "escapes the output folder"
    file = out_dir / target
    if not parts.path or parts.path.endswith("/") or file.is_dir():
        return "links to a folder: link to the file (index.html) so the site works from disk"
    if not file.is_file():
        return f"no such file: {target}"
    if target in pages:
        report.edges[path].add(target)
    if parts.fragment:
        if target not in pages:
            return f"#fragment on a file that is not an HTML page: {target}"
        if unquote(parts.fragment) not in pages[target].ids:
            return f"no id {unquote(parts.fragment)!r} in {target}"
    return ""


def check_links(out_dir: Path, base_url: str = "") -> list[str]:
    """Every broken, folder, escaping, absolute or misplaced external link in a built site.

    With the site's `base_url` (as site.yaml gives it, ending in "/"), the 404 page may link
    absolutely into the site, and those links are checked as internal ones; canonical links
    must be base_url + the page's path.
    """
    return link_report(out_dir, base_url).problems


def external_links(out_dir: Path, base_url: str = "") -> set[tuple[str, str]]:
    """The (page, url) of every external link, as allowed by check_links; never fetched."""
    return link_report(out_dir, base_url).external


def check_pages(out_dir: Path) -> list[str]:
    """Every page has one <h1>, a lang, a <title>, one <main id="main">, unique ids,
    and aria-labelledby / aria-describedby / for that point at ids of the page."""
    problems = []
    for path, scan in scan_site(out_dir).items():
        if scan.h1_count != 1:
            problems.append(f"{path}: {scan.h1_count} <h1> elements, expected exactly 1")
        if not (scan.lang or "").strip():
            problems.append(f"{path}: <html> has no lang attribute")
        if len(scan.titles) != 1 or not scan.titles[0]:
            problems.append(f"{path}: expected one non-empty <title>, found {scan.titles!r}")
        if scan.mains != ["main"]:
            problems.append(f'{path}: expected one <main id="main">, found ids {scan.mains!r}')
        seen: set[str] = set()
        for id_ in scan.ids:
            if id_ in seen:
                problems.append(f"{path}: id {id_!r} is used more than once")
            seen.add(id_)
        for attr, target, line in scan.id_refs:
            if target not in seen:
                problems.append(f"{path}:{line}: {attr} points at missing id {target!r}")
    return problems


def unreachable_pages(out_dir: Path, start: str = "index.html") -> set[str]:
    """Pages that cannot be reached by following links from `start` (404.html excepted)."""
    report = link_report(out_dir)
    seen, todo = {start}, [start]
    while todo:
        for target in report.edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return set(report.edges) - seen - {NOT_FOUND}


# --- the sample site ---------------------------------------------------------------------


def test_sample_site_links(sample_site: Path) -> None:
    problems = check_links(sample_site)
    assert problems == [], "\n".join(problems)


def test_sample_site_external_links_are_the_minutes_link(sample_site: Path) -> None:
    assert external_links(sample_site) == SAMPLE_EXTERNAL_LINKS


def test_sample_site_page_structure(sample_site: Path) -> None:
    problems = check_pages(sample_site)
    assert problems == [], "\n".join(problems)


def test_sample_site_lang_is_the_configured_language(sample_site: Path) -> None:
    langs = {scan.lang for scan in scan_site(sample_site).values()}
    assert langs == {"en-GB"}


def test_sample_site_every_page_is_reachable_from_home(sample_site: Path) -> None:
    assert unreachable_pages(sample_site) == set()


def test_sample_site_with_a_base_url(sample_content: Path, tmp_path: Path) -> None:
    """With base_url set, canonical links appear and the 404 page links absolutely."""
    base = "https://minutes.example.org/review/"
    content = tmp_path / "content"
    shutil.copytree(sample_content, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write(f"base_url: {base}\n")
    out = tmp_path / "output"
    result = build(BuildOptions(content=content, out=out))
    assert not result.failed, [p.format() for p in result.problems]
    problems = check_links(out, base) + check_pages(out)
    assert problems == [], "\n".join(problems)
    report = link_report(out, base)
    assert report.external == SAMPLE_EXTERNAL_LINKS
    pages = scan_site(out)
    for path, scan in pages.items():
        canonical = [r.value for r in scan.refs if "canonical" in r.rel]
        assert canonical == ([] if path == NOT_FOUND else [base + path]), path
    assert any(r.value.startswith(base) for r in pages[NOT_FOUND].refs if r.tag == "a")


def test_sample_site_has_pages_to_check(sample_site: Path) -> None:
    """The checks above must not pass by finding nothing."""
    pages = scan_site(sample_site)
    assert len(pages) >= 30
    assert sum(len(scan.refs) for scan in pages.values()) > 500


# --- the checker itself ------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="en"><head><title>{title}</title><link rel="stylesheet" href="{css}"></head>
<body><main id="main"><h1 id="top">A page</h1>
{body}
</main></body></html>
"""


def _write(root: Path, path: str, body: str = "", css: str = "../static/style.css") -> None:
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(PAGE.format(title=path, css=css, body=body), encoding="utf-8")


def test_checker_finds_every_kind_of_bad_link(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "style.css").write_text("body {}\n", encoding="utf-8")
    _write(tmp_path, "index.html", css="static/style.css", body='<a href="a/b.html#top">ok</a>')
    _write(
        tmp_path,
        "a/b.html",
        body="\n".join(
            [
                '<a href="c.html">ok, sibling</a>',
                '<a href="#top">ok, same page</a>',
                '<a href="../index.html#top">ok, up</a>',
                '<a href="missing.html">1</a>',
                '<a href="../a/">2</a>',
                '<a href="../static">3</a>',
                '<a href="../../outside.html">4</a>',
                '<a href="/index.html">5</a>',
                '<a href="#nowhere">6</a>',
                '<a href="c.html#nowhere">7</a>',
                '<a href="https://example.org/">8</a>',
                '<a href="javascript:alert(1)">9</a>',
                '<a href="//example.org/x.html">10</a>',
                '<img src="pic.png" alt="11">',
                '<a href="">12</a>',
                '<a href="../static/style.css#x">13</a>',
                '<div class="minutes"><div><a href="https://example.org/ok">ok</a></div></div>',
                '<a href="http://example.org/after">14</a>',
            ]
        ),
    )
    _write(tmp_path, "a/c.html")
    problems = check_links(tmp_path)
    assert len(problems) == 14, "\n".join(problems)
    assert all(p.startswith("a/b.html:") for p in problems), "\n".join(problems)
    expected = [
        "no such file: a/missing.html",
        "links to a folder",
        "links to a folder",
        "escapes the output folder",
        "absolute path",
        "no id 'nowhere' in this page",
        "no id 'nowhere' in a/c.html",
        "external link outside the minutes body",
        "scheme or host (javascript)",
        "scheme or host (//)",
        "no such file: a/pic.png",
        "empty link",
        "not an HTML page",
        "external link outside the minutes body",
    ]
    for problem, words in zip(problems, expected, strict=True):
        assert words in problem
    assert external_links(tmp_path) == {("a/b.html", "https://example.org/ok")}


def test_checker_allows_an_absolute_canonical_link(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", css="index.html", body="")
    page = tmp_path / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace("</head>", '<link rel="canonical" href="https://x.example/"></head>'),
        encoding="utf-8",
    )
    assert check_links(tmp_path) == []


def test_checker_with_a_base_url(tmp_path: Path) -> None:
    base = "https://minutes.example.org/sub/"
    _write(tmp_path, "index.html", css="index.html", body=f'<a href="{base}index.html">x</a>')
    _write(
        tmp_path,
        "404.html",
        css="index.html",
        body=f'<a href="{base}index.html">ok</a><a href="{base}gone.html">1</a>',
    )
    _write(tmp_path, "a/b.html", css="../index.html")
    page = tmp_path / "a" / "b.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</head>", f'<link rel="canonical" href="{base}b.html"></head>'
        ),
        encoding="utf-8",
    )
    problems = check_links(tmp_path, base)
    assert len(problems) == 3, "\n".join(problems)
    assert "404.html" in problems[0] and "no such file: gone.html" in problems[0]
    assert "a/b.html" in problems[1] and f"canonical link is not {base}a/b.html" in problems[1]
    assert "index.html" in problems[2] and "site's own base_url" in problems[2]


def test_checker_finds_page_structure_problems(tmp_path: Path) -> None:
    (tmp_path / "ok.html").write_text(
        '<html lang="en"><title>T</title><main id="main"><h1>One</h1></main></html>',
        encoding="utf-8",
    )
    (tmp_path / "bad.html").write_text(
        "<html><title> </title><main><h1>One</h1><h1>Two</h1>"
        '<p id="x"></p><p id="x"></p><section aria-labelledby="gone"></section></main></html>',
        encoding="utf-8",
    )
    problems = check_pages(tmp_path)
    assert all(p.startswith("bad.html") for p in problems), problems
    assert len(problems) == 6, "\n".join(problems)
    text = "\n".join(problems)
    for words in ("2 <h1>", "no lang", "<title>", "<main", "'x' is used more", "'gone'"):
        assert words in text


def test_checker_finds_unreachable_pages(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", css="index.html", body='<a href="a.html">a</a>')
    _write(tmp_path, "a.html", css="index.html")
    _write(tmp_path, "orphan.html", css="index.html")
    _write(tmp_path, "404.html", css="index.html")
    assert unreachable_pages(tmp_path) == {"orphan.html"}
