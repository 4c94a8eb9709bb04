"""The benchmark corpus: deterministic, realistic enough to exercise the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpus import CorpusSpec, generate
from site_gen.pipeline import BuildOptions, build


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(CorpusSpec(60, groups=4, years=6), tmp_path_factory.mktemp("c") / "content")


def test_the_same_seed_gives_the_same_files(corpus: Path, tmp_path: Path) -> None:
    again = generate(CorpusSpec(60, groups=4, years=6), tmp_path / "again")
    assert files_of(again) == files_of(corpus)
    other = generate(CorpusSpec(60, groups=4, years=6, seed=2), tmp_path / "other")
    assert files_of(other) != files_of(corpus)


def test_it_has_the_meetings_and_groups_asked_for(corpus: Path) -> None:
    meetings = sorted((corpus / "meetings").rglob("*.md"))
    assert len(meetings) == 60
    assert len(list((corpus / "groups").glob("*.yaml"))) == 4
    assert {p.parent.name for p in meetings} == {p.stem for p in (corpus / "groups").iterdir()}
    bodies = [p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in meetings]
    average = sum(len(b.encode()) for b in bodies) / len(bodies)
    assert 4_500 < average < 8_000  # about 6 KB of minutes a meeting


def test_it_builds_with_every_kind_of_link_and_only_owner_warnings(
    corpus: Path, tmp_path: Path
) -> None:
    result = build(BuildOptions(content=corpus, out=tmp_path / "out", cache=False))
    assert not result.failed
    site = result.site
    assert site is not None and len(site.meetings) == 60
    # Only the deliberately unresolvable owners are warned about.
    assert result.problems
    assert all("matches no attendee" in p.message for p in result.problems)
    owners = [o for a in site.actions for o in a.owners]
    assert any(o.person_id for o in owners) and any(o.body_id for o in owners)
    assert any(o.group for o in owners)
    kinds = {e.kind.value for a in site.actions for e in a.events}
    assert kinds == {"raised", "updated", "mentioned"}
    assert any(a.action_id is None for a in site.actions)  # unnumbered actions too
    html = "".join(m.body_html for m in site.meetings)
    for marked in ('class="action-ref"', "<em>", "<strong>", 'href="https://www.example.org/'):
        assert marked in html
    # Memberships change over time: people join after the record starts and leave before it ends.
    assert any(m.start for g in site.groups for m in g.memberships)
    attendee_counts = {len(s.attendees) for m in site.meetings for s in m.sections}
    assert len(attendee_counts) > 3
