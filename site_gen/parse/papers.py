"""A meeting's papers: files in the content folder to publish with it, or links elsewhere.

    papers:
      - {title: Slides, file: papers/2021-07-30-slides.pdf}
      - {title: The Case for Change, url: https://example.org/case-for-change}
      - {title: Legal advice, file: papers/advice.pdf, private: true}

A paper marked private is dropped here, unread: it is never checked, listed or copied;
only its file's name is kept, so that no other meeting publishes the same file.
`private:` is true or false (yes or no), or the clerk's notes (a mapping or list), which
make it private too; anything else is an error, and the paper is kept off the site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from site_gen.parse.fields import FieldReader, as_mapping
from site_gen.parse.records import PaperRecord
from site_gen.yaml_lines import YamlList, YamlMap

PAPER_KEYS = {"title", "file", "url", "private"}
# Files a browser would run as part of the site: an author's script must never get in that way.
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".xml")


def _web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def parse_papers(fields: FieldReader) -> tuple[tuple[PaperRecord, ...], tuple[PaperRecord, ...]]:
    """The meeting's public papers, and the files of those marked private."""
    papers, private = [], []
    for value, line in fields.items("papers"):
        entry = as_mapping(value, fields.path, line, fields.problems, "a paper")
        if entry is None:
            continue
        paper = FieldReader(entry, fields.path, fields.problems, "a paper")
        notes = isinstance(entry.get("private"), YamlMap | YamlList)
        if notes or paper.flag("private", invalid=True):
            file = entry.get("file")
            if isinstance(file, str) and file.strip():
                private.append(PaperRecord("", file.strip(), "", paper.line("file")))
            continue
        paper.unknown_keys(PAPER_KEYS, withheld_by="private: true")
        title = paper.text("title", required=True)
        file, url = paper.text("file"), paper.text("url")
        if bool(file) == bool(url):
            fields.problems.error(
                fields.path,
                line,
                "a paper needs a 'file' or a 'url', not both" if file else "a paper has no 'file'",
                "write 'file: papers/name.pdf' (inside the content folder) "
                "or 'url: https://...' (a page elsewhere)",
                code="paper-source",
            )
            continue
        if url and not _web_address(url):
            paper.error(
                "url",
                f"a paper's url must be a web address: {url!r}",
                "write it in full, starting with https:// or http://",
                code="paper-url",
            )
            continue
        if file.lower().endswith(ACTIVE_SUFFIXES):
            paper.error(
                "file",
                f"paper {file!r} is a kind of file a browser runs as part of the site",
                "publish it as PDF (or another document format), or link to it with 'url:'",
                code="paper-kind",
            )
            continue
        if title:
            papers.append(PaperRecord(title, file, url, paper.line("file" if file else "url")))
    return tuple(papers), tuple(private)
