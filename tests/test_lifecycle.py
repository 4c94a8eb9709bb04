"""The minutes lifecycle, built end to end: approved, corrected, scheduled, draft."""

from __future__ import annotations

from pathlib import Path

from site_gen.pipeline import BuildOptions, BuildResult, build

GROUP = "name: Board\nmembers:\n  - {name: Ann Lee, role: Chair}\n"
PRESENT = "attendance:\n  - {kind: present, people: [Ann Lee]}\n"


def site(tmp_path: Path, meetings: dict[str, str]) -> tuple[BuildResult, Path]:
    content = tmp_path / "content"
    (content / "groups").mkdir(parents=True)
    (content / "meetings" / "board").mkdir(parents=True)
    (content / "site.yaml").write_text("title: T\n")
    (content / "groups" / "board.yaml").write_text(GROUP)
    for day, front in meetings.items():
        text = f"---\ndate: {day}\n{front}---\n\n## Item 1\n\nText of {day}.\n"
        (content / "meetings" / "board" / f"{day}.md").write_text(text)
    out = tmp_path / "out"
    return build(BuildOptions(content=content, out=out)), out


def page(out: Path, day: str) -> str:
    return (out / "groups" / "board" / f"{day}.html").read_text()


def test_approval_is_linked_both_ways(tmp_path: Path) -> None:
    result, out = site(
        tmp_path,
        {
            "2024-01-10": f"status: approved\napproved_at: 2024-02-14\n{PRESENT}",
            "2024-02-14": PRESENT,
        },
    )
    assert not result.problems
    assert 'approved at <a href="2024-02-14.html">the meeting of 14 February 2024</a>' in page(
        out, "2024-01-10"
    )
    assert 'the minutes of <a href="2024-01-10.html">10 January 2024</a>' in page(out, "2024-02-14")


def test_corrected_minutes_show_their_dated_corrections(tmp_path: Path) -> None:
    front = (
        "status: corrected\ncorrections:\n"
        "  - {date: 2024-03-01, note: Second correction}\n"
        "  - {date: 2024-02-20, note: First correction}\n"
    )
    _, out = site(tmp_path, {"2024-01-10": front})
    html = page(out, "2024-01-10")
    assert '<span class="status status-corrected">corrected</span>' in html
    first = html.index('<time datetime="2024-02-20">20 February 2024</time>: First correction')
    assert first < html.index("Second correction")  # in date order


def test_corrected_without_a_correction_is_an_error(tmp_path: Path) -> None:
    result, out = site(tmp_path, {"2024-01-10": "status: corrected\n"})
    assert result.failed and not out.exists()
    (error,) = [p for p in result.problems if p.severity == "error"]
    assert (error.line, error.message) == (3, "corrected minutes need at least one correction")


def test_scheduled_meetings_cannot_update_actions(tmp_path: Path) -> None:
    result, out = site(
        tmp_path,
        {"2024-05-01": 'status: scheduled\naction_updates: {"1.1": closed}\n'},
    )
    assert result.failed and not out.exists()
    assert [(p.line, p.message) for p in result.problems] == [
        (4, "a scheduled meeting has no minutes yet, so it cannot raise or update actions")
    ]


def test_scheduled_meetings_are_upcoming_and_their_agenda_mentions_actions(
    tmp_path: Path,
) -> None:
    result, out = site(
        tmp_path,
        {"2024-01-10": PRESENT, "2024-05-01": "status: scheduled\nlocation: Town Hall\n"},
    )
    agenda = tmp_path / "content" / "meetings" / "board" / "2024-05-01.md"
    agenda.write_text(agenda.read_text() + "\nReview of action 0.4.\n")
    result = build(BuildOptions(content=tmp_path / "content", out=out))
    assert not result.problems
    group = (out / "groups" / "board" / "index.html").read_text()
    upcoming = group[group.index('id="upcoming-heading"') : group.index('id="meetings-heading"')]
    assert "2024-05-01.html" in upcoming and "2024-01-10.html" not in upcoming
    assert "Town Hall" in page(out, "2024-05-01")
    action = (out / "groups" / "board" / "actions" / "0-4.html").read_text()
    assert "Mentioned</strong> at" in action and "2024-05-01.html" in action


def test_drafts_are_left_out_and_so_are_their_updates(tmp_path: Path) -> None:
    result, out = site(
        tmp_path,
        {
            "2024-01-10": PRESENT,
            "2024-02-14": 'status: draft\naction_updates: {"0.1": closed}\n' + PRESENT,
        },
    )
    assert not result.problems
    assert not (out / "groups" / "board" / "2024-02-14.html").exists()
    assert not (out / "groups" / "board" / "actions" / "0-1.html").exists()
    assert "2024-02-14" not in (out / "groups" / "board" / "index.html").read_text()
