"""The hand labels of ../shared/corpus keep their own rules and point at what is there."""

from __future__ import annotations

import re
from datetime import date

import pytest

from benchmarks.import_recall.__main__ import DEFAULT_CORPUS, DEFAULT_LABELS
from benchmarks.import_recall.labels import Meeting, read_labels

pytestmark = pytest.mark.skipif(not DEFAULT_CORPUS.is_dir(), reason="../shared/corpus is absent")


@pytest.fixture(scope="module")
def labels() -> list[Meeting]:
    meetings, problems = read_labels(DEFAULT_LABELS)
    assert problems == []
    return meetings


def _written(day: date) -> set[str]:
    """Ways minutes write a day: ISO, compact, slashed, long, short, day first."""
    month, short = day.strftime("%B"), day.strftime("%b")
    return {
        day.isoformat(),
        day.strftime("%Y%m%d"),
        day.strftime("%Y_%m_%d"),
        f"{month} {day.day}, {day.year}",
        f"{short} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        f"{day.day} {month}, {day.year}",
    }


def test_every_labelled_file_is_in_the_corpus_and_every_group_is_sampled(
    labels: list[Meeting],
) -> None:
    for label in labels:
        assert (DEFAULT_CORPUS / label.file).is_file(), label.file
    groups = [p for p in DEFAULT_CORPUS.iterdir() if p.is_dir()]
    assert {label.group for label in labels} == {g.name for g in groups}
    for group in groups:
        files = [p for p in group.rglob("*") if p.is_file()]
        held = [m for m in labels if m.group == group.name and m.held]
        assert len(held) >= min(3, len(files)), group.name
    assert 30 <= len(labels) <= 50


def test_each_labelled_day_is_written_in_its_file_or_path(labels: list[Meeting]) -> None:
    for label in labels:
        text = (DEFAULT_CORPUS / label.file).read_text(encoding="utf-8", errors="replace")
        haystack = " ".join(text.split()) + " " + label.file
        days = [label.meeting] if label.meeting else [label.day, *label.other_days]
        assert any(w in haystack for d in days if d for w in _written(d)), (label.file, days)


def test_the_labels_copy_no_text_of_the_minutes(labels: list[Meeting]) -> None:
    def runs(text: str, n: int = 6) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9]+", text.casefold())
        return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}

    for label in labels:
        source = (DEFAULT_CORPUS / label.file).read_text(encoding="utf-8", errors="replace")
        copied = runs(label.notes) & runs(source)
        assert not copied, (label.file, copied)
