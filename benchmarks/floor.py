"""The markdown-it-py floor: parse and render every meeting's body in one process.

    python -m benchmarks.floor CONTENT

Prints the seconds spent in markdown-it-py alone (files read beforehand), which no Python
build of these pages can go below on one core.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from markdown_it import MarkdownIt


def bodies(content: Path) -> list[str]:
    texts = (p.read_text(encoding="utf-8") for p in sorted((content / "meetings").rglob("*.md")))
    return [text.split("\n---\n", 1)[1] for text in texts]


def floor_seconds(content: Path) -> float:
    texts = bodies(content)
    md = MarkdownIt("commonmark")
    start = time.perf_counter()
    for text in texts:
        md.render(text)
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"{floor_seconds(Path(sys.argv[1])):.4f}")
