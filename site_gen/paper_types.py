"""Which files may be published as papers: an allow-list of document types, each judged by the
file's own bytes and by the name it will be published under.

A web server picks a file's media type from its published name, and a browser may run what
it is given (HTML, SVG, XML with a stylesheet, a web archive). So a paper is published only
when the name it is published under (site_gen.link.papers.published_name: "p1." and "html"
in full-width letters is published as "p1.html") ends in a suffix of this list, and the file
that will be copied (the target of a link, not the link) starts as that type's files do.
Anything else is refused: whatever the name says, an SVG or HTML file is never published.

The signatures are the formats' own (a short table, each a line or two; Office and
OpenDocument files are ZIP archives whose parts name their kind, read with zipfile).
A general detector (libmagic) would be a C library to install and knows thousands of types
we would refuse anyway.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from site_gen.slugs import slugify

_HEAD = 8192  # bytes read to judge a file


@dataclass(frozen=True)
class DocumentType:
    kind: str  # what a reader calls it: "PDF"
    media_type: str
    looks_right: Callable[[bytes, Path], bool]


def _starts(*signatures: bytes) -> Callable[[bytes, Path], bool]:
    return lambda head, path: head.startswith(signatures)


def _office_open(main_part: str) -> Callable[[bytes, Path], bool]:
    """An Office Open XML file (docx, xlsx, pptx): a ZIP archive with its main part."""

    def looks_right(head: bytes, path: Path) -> bool:
        names = _zip_names(head, path)
        return "[Content_Types].xml" in names and main_part in names

    return looks_right


def _open_document(media_type: str) -> Callable[[bytes, Path], bool]:
    """An OpenDocument file: a ZIP archive whose first part, "mimetype", names its kind."""

    def looks_right(head: bytes, path: Path) -> bool:
        return (
            head.startswith(b"PK\x03\x04")
            and head[30:38] == b"mimetype"
            and head[38 : 38 + len(media_type)] == media_type.encode("ascii")
        )

    return looks_right


def _zip_names(head: bytes, path: Path) -> set[str]:
    if not head.startswith(b"PK\x03\x04"):
        return set()
    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()


# What a browser takes for markup when it sniffs (the WHATWG MIME Sniffing standard's
# patterns for HTML and XML), anywhere near the start of a text file.
_MARKUP = re.compile(
    rb"<(?:!doctype|html|head|script|iframe|h1|div|font|table|a[\s>]|style|title|b[\s>]"
    rb"|body|br|p[\s>]|svg|\?xml|!--|object|embed|meta|link|math|xsl|base|form)",
    re.IGNORECASE,
)


def _plain_text(head: bytes, path: Path) -> bool:
    """Text without markup a browser could take for a page: no NUL, no leading "<", none
    of the tags a browser sniffs for."""
    body = head.removeprefix(b"\xef\xbb\xbf")
    return b"\0" not in body and not body.lstrip().startswith(b"<") and not _MARKUP.search(body)


_OLE2 = _starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # Word, Excel, PowerPoint 97-2003
_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."

ALLOWED: dict[str, DocumentType] = {
    "pdf": DocumentType("PDF", "application/pdf", _starts(b"%PDF")),
    "doc": DocumentType("Word document", "application/msword", _OLE2),
    "docx": DocumentType(
        "Word document", _OOXML + "wordprocessingml.document", _office_open("word/document.xml")
    ),
    "odt": DocumentType("OpenDocument text", _ODF + "text", _open_document(_ODF + "text")),
    "rtf": DocumentType("Rich text document", "application/rtf", _starts(b"{\\rtf")),
    "txt": DocumentType("Plain text", "text/plain", _plain_text),
    "csv": DocumentType("CSV spreadsheet", "text/csv", _plain_text),
    "xls": DocumentType("Excel spreadsheet", "application/vnd.ms-excel", _OLE2),
    "xlsx": DocumentType(
        "Excel spreadsheet", _OOXML + "spreadsheetml.sheet", _office_open("xl/workbook.xml")
    ),
    "ods": DocumentType(
        "OpenDocument spreadsheet", _ODF + "spreadsheet", _open_document(_ODF + "spreadsheet")
    ),
    "ppt": DocumentType("PowerPoint presentation", "application/vnd.ms-powerpoint", _OLE2),
    "pptx": DocumentType(
        "PowerPoint presentation",
        _OOXML + "presentationml.presentation",
        _office_open("ppt/presentation.xml"),
    ),
    "odp": DocumentType(
        "OpenDocument presentation", _ODF + "presentation", _open_document(_ODF + "presentation")
    ),
    "png": DocumentType("PNG image", "image/png", _starts(b"\x89PNG\r\n\x1a\n")),
    "jpg": DocumentType("JPEG image", "image/jpeg", _starts(b"\xff\xd8\xff")),
    "jpeg": DocumentType("JPEG image", "image/jpeg", _starts(b"\xff\xd8\xff")),
    "gif": DocumentType("GIF image", "image/gif", _starts(b"GIF87a", b"GIF89a")),
    "webp": DocumentType(
        "WebP image", "image/webp", lambda head, path: head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    ),
}
ALLOWED_LIST = ", ".join(sorted(ALLOWED))


def published_suffix(relative: str) -> str:
    """The suffix a paper is published under, as its published name has it ("pdf", or "")."""
    return slugify(PurePosixPath(relative).suffix)


def refusal(path: Path, relative: str) -> str | None:
    """Why the file at `path` (published from `relative`) must not be published, or None."""
    suffix = published_suffix(relative)
    allowed = ALLOWED.get(suffix)
    if allowed is None:
        what = f"'.{suffix}'" if suffix else "no suffix"
        return f"has {what}, which is not a kind of document published as a paper"
    try:
        with open(path, "rb") as file:
            head = file.read(_HEAD)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not allowed.looks_right(head, path):
        return f"is named as a {allowed.kind} ('.{suffix}') but its content is not one"
    return None
