"""A meeting's papers as its page lists them: title, and kind and size or where it leads."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.model import Meeting

_UNITS = ("KB", "MB", "GB", "TB")


@dataclass(frozen=True)
class PaperView:
    title: str
    url: str  # an output path (make it relative with rel()), or an external address
    external: bool
    details: str  # "PDF, 1.2 MB", or "external link"
    media_type: str


def human_size(size: int) -> str:
    """'512 bytes', '245 KB', '1.2 MB': as file sizes are shown on GOV.UK (1 KB = 1024 bytes)."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    value = size / 1024
    for unit in _UNITS:
        # Below what would round up to 1024 of this unit: never "1024 KB".
        if value < (1023.5 if unit == "KB" else 1023.95) or unit == _UNITS[-1]:
            # Whole kilobytes; one decimal for megabytes and up, where it tells files apart.
            return f"{value:.0f} {unit}" if unit == "KB" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def paper_views(meeting: Meeting) -> list[PaperView]:
    return [
        PaperView(
            paper.title,
            paper.url,
            paper.external,
            "external link" if paper.external else f"{paper.kind}, {human_size(paper.size)}",
            paper.media_type,
        )
        for paper in meeting.papers
    ]
