"""A generated archive of a few hundred meetings (benchmarks/corpus.py) dressed as an
institution's site (a logo and a brand colour), and one page of each kind found in it.

The browser tests build it once per session; scripts/screenshots.py photographs it.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

from benchmarks.corpus import CorpusSpec, generate

MEETINGS = 300
BRAND_COLOUR = "#6d2077"


def logo_png(size: int = 96) -> bytes:
    """A square PNG logo: an "M" in the brand colour on white (made here, so no file is kept)."""
    brand = bytes(int(BRAND_COLOUR[i : i + 2], 16) for i in (1, 3, 5))
    rows = []
    for y in range(size):
        row = bytearray(b"\0")  # filter: none
        for x in range(size):
            u, v = x * 8 // size, y * 8 // size
            stroke = 1 <= v <= 6 and (
                u in (1, 6) or (u in (2, 5) and v in (2, 3)) or (u in (3, 4) and v in (3, 4))
            )
            row += brand if stroke else b"\xff\xff\xff"
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def _with_decisions(content: Path) -> None:
    """A decision in every third meeting (the generator writes none): numbered by the
    meeting's number, carried with votes, mover and seconder, or without a number."""
    for n, path in enumerate(sorted((content / "meetings").rglob("*.md"))):
        if n % 3:
            continue
        text = path.read_text(encoding="utf-8")
        number = re.search(r"^number: (\d+)$", text, re.MULTILINE)
        tag = f" (D{number.group(1)}.1)" if number and n % 2 == 0 else ""
        decision = (
            "\n**Agreed:** to approve the report and its recommendations, moved by the Chair, "
            f"seconded by the Vice-Chair (for 7, against 2, abstentions 1){tag}\n"
        )
        path.write_text(text + decision, encoding="utf-8")


def make_archive(folder: Path, meetings: int = MEETINGS) -> Path:
    """The content folder of a generated archive, with decisions, a logo and a brand colour."""
    content = generate(CorpusSpec(meetings), folder / "content")
    _with_decisions(content)
    (content / "images").mkdir()
    (content / "images" / "logo.png").write_bytes(logo_png())
    site = content / "site.yaml"
    extra = f'logo: images/logo.png\nbrand_colour: "{BRAND_COLOUR}"\n'
    site.write_text(site.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return content


def _first(out: Path, pattern: str, *needles: str) -> str:
    """The first page (in name order) under `out` matching `pattern` that holds every needle."""
    for path in sorted(out.glob(pattern)):
        html = path.read_text(encoding="utf-8")
        if all(re.search(n, html) for n in needles):
            return path.relative_to(out).as_posix()
    raise AssertionError(f"no page {pattern} holds {needles}")


def page_kinds(out: Path) -> dict[str, str]:
    """One page of each kind the archive has, the fullest of its kind where that matters:
    a meeting with earlier actions, decisions and neighbours; a person with actions,
    overdue ones and former roles; a group with attendance."""
    searchable = (out / "pagefind").is_dir()  # built where Pagefind is installed
    return {
        "home": "index.html",
        "group": _first(out, "groups/*/index.html", "attendance-table", "history-table"),
        "meeting": _first(
            out, "groups/*/*.html", "followups-heading", "decisions-heading", 'rel="prev"'
        ),
        "people": "people/index.html",
        "person": _first(out, "people/*.html", 'class="overdue"', "Former role", "log-table"),
        "action": _first(out, "groups/*/actions/*-*.html", "history-heading"),
        "actions index": "actions/index.html",
        "actions by status": "actions/status-open.html",
        "group actions": _first(out, "groups/*/actions/index.html", "actions-table"),
        "decision": _first(out, "groups/*/decisions/d*.html", "Votes"),
        "decisions index": "decisions/index.html",
        "data": "data/index.html",
        **({"search": "search.html?q=budget"} if searchable else {}),
        "not found": "404.html",
    }
