"""HTML (a page saved from a website, a Word document through mammoth, a table inside
Markdown) as Markdown lines, each with the source line of the element it came from.

BeautifulSoup (with the standard library's parser, which records where each tag starts)
finds the minutes in the page: navigation, scripts, styles, forms, hidden elements and the
page's footer are dropped, and the content is `<main>` or a single `<article>` when the
page has one. Each block then becomes Markdown lines of its own: headings, paragraphs,
list items (nested), tables as pipe tables (a presence column of "x" stays a column the
recogniser can read), `<dl>` as "term: definition" lines ("Present: A, B, C"). markdownify
writes the inline part of each block (links, emphasis, code): converting block by block is
what lets every line keep its place in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString
from markdownify import MarkdownConverter

from site_gen.importer.document import Line

_DROPPED = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
    "canvas",
    "audio",
    "video",
    "object",
    "embed",
    "select",
    "input",
    "head",
)
_PAGE_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {
    *_HEADINGS,
    "p",
    "ul",
    "ol",
    "table",
    "pre",
    "blockquote",
    "dl",
    "hr",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "body",
    "html",
    "center",
    "figure",
    "address",
    "details",
    "fieldset",
    "li",
    "dt",
    "dd",
    "tr",
    "tbody",
    "thead",
    "tfoot",
    "caption",
}
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_KEPT_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_BREAK = "\x1e"  # a <br>: a new line, where the source's own line ends are only spaces


class _Inline(MarkdownConverter):
    """Inline Markdown of one block: links, emphasis, code; whitespace made single."""

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _BREAK


_CONVERTER = _Inline(
    autolinks=False,
    escape_underscores=False,
    escape_misc=False,
    heading_style="ATX",
    bullets="-",
    strip=["img"],
)


@dataclass
class HtmlText:
    lines: list[Line] = field(default_factory=list)
    title: Line | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class _Walk:
    paragraphs: bool  # number lines by paragraph (a Word document), not by source line
    offset: int  # source line of the fragment's first line, less one
    out: HtmlText = field(default_factory=HtmlText)
    counter: int = 0

    def number(self, el: Tag | None) -> int:
        if self.paragraphs:
            self.counter += 1
            return self.counter
        line = el.sourceline if el is not None and el.sourceline else 1
        return line + self.offset

    def add(self, number: int, text: str) -> None:
        for part in text.split("\n"):
            self.out.lines.append(Line(number, part.rstrip()))

    def blank(self) -> None:
        if self.out.lines and self.out.lines[-1].text:
            self.out.lines.append(Line(self.out.lines[-1].number, ""))


def read_html(html: str, *, paragraphs: bool = False, first_line: int = 1) -> HtmlText:
    soup = BeautifulSoup(html, "html.parser")
    walk = _Walk(paragraphs, first_line - 1)
    title = soup.find("title")
    if isinstance(title, Tag) and title.get_text(strip=True):
        walk.out.title = Line(walk.number(title), " ".join(title.get_text().split()))
        walk.counter = 0
    dropped = _drop_furniture(soup)
    images = len(soup.find_all("img"))
    _blocks(_content_root(soup), walk, 0)
    while walk.out.lines and not walk.out.lines[-1].text:
        walk.out.lines.pop()
    if dropped:
        walk.out.notes.append(
            f"{dropped} parts of the page that are not minutes left out "
            "(navigation, scripts, styles, forms, hidden elements)"
        )
    if images:
        walk.out.notes.append(f"{images} image{'s' if images != 1 else ''} left out")
    return walk.out


def _drop_furniture(soup: BeautifulSoup) -> int:
    dropped = 0
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for el in list(soup.find_all(True)):
        if el.decomposed:
            continue
        role = str(el.get("role") or "").casefold()
        style = str(el.get("style") or "")
        if (
            el.name in _DROPPED
            or (el.name == "footer" and el.find_parent(["article", "main"]) is None)
            or role in _PAGE_FURNITURE_ROLES
            or el.has_attr("hidden")
            or str(el.get("aria-hidden") or "").casefold() == "true"
            or _HIDDEN_STYLE.search(style)
        ):
            if el.name != "head":
                dropped += 1
            el.decompose()
    return dropped


def _content_root(soup: BeautifulSoup) -> Tag:
    for name in ("main", "article"):
        found = soup.find_all(name)
        if len(found) == 1 and found[0].get_text(strip=True):
            return found[0]
    body = soup.find("body")
    return body if isinstance(body, Tag) else soup


def _inline(el: Tag | list[Tag | NavigableString]) -> str:
    """The inline Markdown of an element (or a run of nodes), each <br> a new line."""
    if isinstance(el, list):
        html = "".join(str(node) for node in el)
        markdown = _CONVERTER.convert(html)
    else:
        markdown = _CONVERTER.convert("".join(str(node) for node in el.children))
    markdown = _LINK.sub(_link, " ".join(markdown.split(" ")))
    return "\n".join(" ".join(part.split()) for part in markdown.split(_BREAK) if part.strip())


def _link(match: re.Match[str]) -> str:
    """Links to other pages of the old site lead nowhere from the new one: their text stays."""
    text, href = match[1], match[2]
    if href.startswith(_KEPT_SCHEMES):
        return match.group() if text.strip() else href
    return text


def _is_block(node: object) -> bool:
    return isinstance(node, Tag) and node.name in _BLOCKS


def _blocks(root: Tag, walk: _Walk, depth: int) -> None:
    """Each block child of `root` in order; runs of inline content become paragraphs."""
    run: list[Tag | NavigableString] = []

    def flush() -> None:
        if not run:
            return
        text = _inline(list(run))
        if text:
            walk.blank()
            walk.add(_run_number(run, walk), text)
            walk.blank()
        run.clear()

    for node in list(root.children):
        if _is_block(node):
            flush()
            assert isinstance(node, Tag)
            _block(node, walk, depth)
        elif isinstance(node, (Tag, NavigableString)):
            run.append(node)
    flush()


def _run_number(run: list[Tag | NavigableString], walk: _Walk) -> int:
    """The line a run of inline content is on: its first tag's, else the tag after it (text
    has no recorded place), else the line before it."""
    first = next((n for n in run if isinstance(n, Tag) and n.sourceline), None)
    if first is None:
        after = run[-1].find_next(lambda t: isinstance(t, Tag) and t.sourceline is not None)
        first = after if isinstance(after, Tag) else None
    if first is None and not walk.paragraphs:
        return walk.out.lines[-1].number if walk.out.lines else walk.offset + 1
    return walk.number(first)


def _block(el: Tag, walk: _Walk, depth: int) -> None:
    name = el.name
    if name in _HEADINGS:
        text = _inline(el).replace("\n", " ")
        if text:
            walk.blank()
            walk.add(walk.number(el), f"{'#' * _HEADINGS[name]} {text}")
            walk.blank()
    elif name == "p":
        text = _inline(el)
        if text:
            walk.blank()
            walk.add(walk.number(el), text)
            walk.blank()
    elif name in ("ul", "ol"):
        walk.blank()
        _list(el, walk, 0)
        walk.blank()
    elif name == "table":
        walk.blank()
        _table(el, walk)
        walk.blank()
    elif name == "pre":
        number = walk.number(el)
        walk.blank()
        walk.add(number, "```")
        for offset, text in enumerate(el.get_text().rstrip("\n").split("\n")):
            walk.out.lines.append(Line(number if walk.paragraphs else number + offset, text))
        walk.add(number, "```")
        walk.blank()
    elif name == "blockquote":
        inner = _Walk(walk.paragraphs, walk.offset, counter=walk.counter)
        _blocks(el, inner, depth + 1)
        walk.counter = inner.counter
        walk.blank()
        for line in inner.out.lines:
            walk.out.lines.append(Line(line.number, f"> {line.text}".rstrip()))
        walk.blank()
    elif name == "dl":
        walk.blank()
        _definitions(el, walk)
        walk.blank()
    elif name == "hr":
        walk.blank()  # never "---": under a paragraph that would make it a heading
    else:
        _blocks(el, walk, depth + 1)


def _list(el: Tag, walk: _Walk, level: int) -> None:
    ordered = el.name == "ol"
    number = int(str(el.get("start") or "1")) if str(el.get("start") or "1").isdigit() else 1
    for item in el.find_all("li", recursive=False):
        marker = f"{number}." if ordered else "-"
        number += 1
        nested = [c for c in item.children if isinstance(c, Tag) and c.name in ("ul", "ol")]
        own = [c for c in item.children if c not in nested]
        text = _inline([c for c in own if isinstance(c, (Tag, NavigableString))])
        indent = "   " * level if ordered else "  " * level
        lines = text.split("\n") if text else [""]
        line_number = walk.number(item)
        walk.out.lines.append(Line(line_number, f"{indent}{marker} {lines[0]}".rstrip()))
        for more in lines[1:]:
            walk.out.lines.append(Line(line_number, f"{indent}{' ' * (len(marker) + 1)}{more}"))
        for sub in nested:
            _list(sub, walk, level + 1)


def _rows(table: Tag) -> Iterator[Tag]:
    for row in table.find_all("tr"):
        if row.find_parent("table") is table:
            yield row


def _table(table: Tag, walk: _Walk) -> None:
    rows = []
    for row in _rows(table):
        cells = []
        for cell in row.find_all(["td", "th"], recursive=False):
            text = _inline(cell).replace("\n", " ").replace("|", "\\|").strip()
            span = str(cell.get("colspan") or "1")
            cells.extend([text] + [""] * (int(span) - 1 if span.isdigit() else 0))
        if cells:
            rows.append((walk.number(row), cells))
    if not rows:
        return
    width = max(len(cells) for _, cells in rows)
    for index, (number, cells) in enumerate(rows):
        cells += [""] * (width - len(cells))
        walk.out.lines.append(Line(number, "| " + " | ".join(cells) + " |"))
        if index == 0:
            walk.out.lines.append(Line(number, "|" + " --- |" * width))


def _definitions(dl: Tag, walk: _Walk) -> None:
    term: Tag | None = None
    values: list[str] = []

    def flush() -> None:
        if term is not None:
            label = _inline(term).replace("\n", " ")
            walk.add(walk.number(term), f"{label}: {'; '.join(values)}".rstrip())

    for child in dl.find_all(["dt", "dd"], recursive=False):
        if child.name == "dt":
            flush()
            term, values = child, []
        else:
            values.append(_inline(child).replace("\n", " "))
    flush()
