"""Hostile content: markup, scripts, unsafe links and unsafe names never get through."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from site_gen import cache
from site_gen.pipeline import BuildOptions, build

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def write(root: Path, files: dict[str, str]) -> Path:
    content = root / "content"
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


def tags_of(out: Path) -> list[tuple[str, str, list[tuple[str, str | None]]]]:
    found = []
    for page in sorted(out.rglob("*.html")):
        parser = _Tags()
        parser.feed(page.read_text(encoding="utf-8"))
        found.extend((page.name, tag, attrs) for tag, attrs in parser.tags)
    return found


HOSTILE_SITE = {
    "site.yaml": f"title: 'Council {PAYLOAD}'\norganisation: '{PAYLOAD}'\nlicence: '{PAYLOAD}'\n",
    "groups/board.yaml": (
        f"name: 'Board {PAYLOAD}'\ndescription: '{PAYLOAD}'\n"
        "members:\n  - name: '../../etc/passwd'\n    role: '<b>Chair</b>'\n"
    ),
    "meetings/board/2024-01-10.md": f"""---
date: 2024-01-10
number: 1
title: '{PAYLOAD}'
location: '{PAYLOAD}'
attendance:
  - label: '{PAYLOAD}'
    kind: present
    people:
      - '<img src=x onerror=alert(2)>, {PAYLOAD}'
      - ../../etc/passwd, Chair
action_updates:
  "0.1": {{status: closed, note: '{PAYLOAD}', task: '{PAYLOAD}'}}
---

## Item {PAYLOAD}

<script>alert(3)</script> <a href="javascript:alert(4)">x</a>
[click](javascript:alert(5)) [data](data:text/html;base64,PHNjcmlwdD4=) ![img](data:image/svg+xml,x)
[ok](https://example.org)

Actions:

- <img src=x onerror=alert(6)> to fix things (1.1)
""",
}


THEME_SCRIPTS = ("static/filter.js", "static/search.js", "static/find.js", "static/numbers.js")


def _theme_script(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    sources = [value or "" for name, value in attrs if name == "src"]
    return tag == "script" and len(sources) == 1 and sources[0].endswith(THEME_SCRIPTS)


def test_nothing_executable_or_unsafe_reaches_the_pages(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(BuildOptions(content=write(tmp_path, HOSTILE_SITE), out=out))
    assert not result.failed, [p.format() for p in result.problems]
    tags = tags_of(out)
    assert tags, "the site was built"
    # The theme's own scripts (the action filter, search) are files under static/, never inline.
    unsafe = [
        (p, t)
        for p, t, attrs in tags
        if t in ("script", "img", "iframe", "object") and not _theme_script(t, attrs)
    ]
    assert not unsafe
    for page, tag, attrs in tags:
        for name, value in attrs:
            assert not name.startswith("on"), (page, tag, name)
            if name in ("href", "src"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:"))
    assert any(dict(a).get("href") == "https://example.org" for _, t, a in tags if t == "a")
    # The text is still there, escaped, for a reader to see.
    meeting = (out / "groups" / "board" / "2024-01-10.html").read_text()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in meeting


def test_names_make_safe_addresses_inside_the_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(BuildOptions(content=write(tmp_path, HOSTILE_SITE), out=out))
    assert (out / "people" / "etc-passwd.html").is_file()
    everything = {p.resolve() for p in tmp_path.rglob("*")}
    assert all(out.resolve() in p.parents or p == out.resolve() or "content" in p.parts
               or cache.DEFAULT_NAME in p.parts  # the build cache, beside the output
               for p in everything)  # fmt: skip
    assert not (tmp_path / "etc").exists()


def test_unicode_and_spaces_in_file_names_and_names(tmp_path: Path) -> None:
    files = {
        "site.yaml": "title: Cyngor\n",
        "groups/Pwyllgor Iâith.yaml": "name: Pwyllgor Iaith\nmembers:\n  - Siân Ó Súilleabháin\n",
        "meetings/Pwyllgor Iaith/Cyfarfod Ionawr ☃.md": (
            "---\ngroup: Pwyllgor Iâith\ndate: 2024-01-10\nattendance:\n"
            "  - {label: Yn bresennol, kind: present, people: [Siân Ó Súilleabháin, Łukasz Żółć]}\n"
            "---\n\nTestun.\n"
        ),
    }
    out = tmp_path / "out"
    result = build(BuildOptions(content=write(tmp_path, files), out=out))
    assert not result.failed, [p.format() for p in result.problems]
    assert (out / "groups" / "pwyllgor-iaith" / "2024-01-10.html").is_file()
    assert (out / "people" / "sian-o-suilleabhain.html").is_file()
    assert (out / "people" / "lukasz-zolc.html").is_file()
    assert all(p.name.isascii() for p in out.rglob("*"))


def test_namesakes_never_share_a_page_silently(tmp_path: Path) -> None:
    files = {
        "site.yaml": "title: T\n",
        "groups/board.yaml": "name: Board\n",
        "meetings/board/2024-01-10.md": (
            "---\ndate: 2024-01-10\nattendance:\n"
            "  - {kind: present, people: [Siân Jones, Sian Jones]}\n---\n"
        ),
    }
    out = tmp_path / "out"
    result = build(BuildOptions(content=write(tmp_path, files), out=out))
    assert (out / "people" / "sian-jones.html").is_file()
    assert (out / "people" / "sian-jones-2.html").is_file()
    (warning,) = [p for p in result.problems if "page address" in p.message]
    assert (warning.line, warning.severity) == (4, "warning")
    assert "'Sian Jones' and 'Siân Jones' would share the page address 'sian-jones'" in (
        warning.message
    )


def test_raw_html_only_when_the_site_enables_it(tmp_path: Path) -> None:
    files = {
        "site.yaml": "title: T\nallow_raw_html: true\n",
        "groups/board.yaml": "name: Board\n",
        "meetings/board/2024-01-10.md": (
            "---\ndate: 2024-01-10\n---\n\n<b>Bold</b> <!-- SECRET-NOTE -->\n"
        ),
    }
    out = tmp_path / "out"
    build(BuildOptions(content=write(tmp_path, files), out=out))
    page = (out / "groups" / "board" / "2024-01-10.html").read_text()
    assert "<b>Bold</b>" in page and "SECRET-NOTE" not in page
