"""The benchmark's pieces do what they claim (no timings are asserted): the scenarios make
the edit they name and the build then shows it, the targets are judged met or missed as
their figures say, the scaling ratio is of time per meeting, the largest files are found,
and a whole session at a tiny size writes its JSON and a Markdown report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from benchmarks import scenarios
from benchmarks.measure import Largest, OutputSizes, output_sizes, run_measured
from benchmarks.peer_tools import PEERS, peers_environment
from benchmarks.report import (
    Measure,
    Session,
    builds_table,
    markdown,
    scaling_table,
    seconds_per_meeting,
    summary,
)
from benchmarks.report import verdicts as judge_session
from benchmarks.run import Bench, _after_rounds, main, optional_module
from benchmarks.targets import TARGETS, Target, Verdict, per_meeting_ratio, targets_table
from site_gen.pipeline import BuildOptions, BuildResult, build


def _build(content: Path, out: Path, templates: Path | None = None) -> BuildResult:
    result = build(BuildOptions(content=content, out=out, templates=templates, search=False))
    assert not result.failed, "\n".join(p.format() for p in result.problems)
    return result


def _texts(folder: Path, pattern: str) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(folder.rglob(pattern))}


# --- the scenarios ----------------------------------------------------------------------------


def test_edit_meeting_changes_one_meeting_and_the_build_remakes_its_page(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _build(small_corpus_copy, out)
    before = _texts(small_corpus_copy, "*.md")
    pages_before = _texts(out, "*.html")

    edited = scenarios.edit_meeting(small_corpus_copy, 7)
    after = _texts(small_corpus_copy, "*.md")
    assert [p for p in after if after[p] != before[p]] == [edited]
    result = _build(small_corpus_copy, out)

    note = "Correction 7: the figures in this item were updated"
    showing = [p for p, text in _texts(out, "*.html").items() if note in text]
    meeting_pages = [p for p in showing if p.parent.parent.name == "groups"]
    assert len(meeting_pages) == 1 and meeting_pages[0].stem in edited.name
    assert result.written is not None
    # The edit remade the pages that show the minutes, not the site.
    assert 1 <= result.written.changed < len(pages_before) // 4

    scenarios.edit_meeting(small_corpus_copy, 8)  # a second edit replaces the first
    text = edited.read_text(encoding="utf-8")
    assert "Correction 8:" in text and "Correction 7:" not in text


def test_edit_template_and_rename_person_show_on_every_page_they_claim(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    theme = scenarios.theme_override(tmp_path / "theme")
    scenarios.edit_template(theme, 3)
    renamed = scenarios.rename_person(small_corpus_copy, 2)
    original = scenarios.renamed_person(small_corpus_copy)
    assert renamed != original and original in (small_corpus_copy / "people.yaml").read_text()

    out = tmp_path / "out"
    result = _build(small_corpus_copy, out, theme)
    pages = _texts(out, "*.html")
    assert all("(revision 3)" in text for text in pages.values())
    assert any(renamed in text for text in pages.values())
    # The old name stays an alias: the minutes that use it still find the person.
    assert not any("unknown" in p.message and original in p.message for p in result.problems)


def test_an_edit_that_finds_nothing_to_change_stops_the_benchmark(tmp_path: Path) -> None:
    meeting = tmp_path / "content" / "meetings" / "board" / "2024-01-01.md"
    meeting.parent.mkdir(parents=True)
    meeting.write_text("---\ngroup: board\n---\n\n## Only item\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no '## Item 2:' to edit"):
        scenarios.edit_meeting(tmp_path / "content", 1)
    assert meeting.read_text(encoding="utf-8").endswith("## Only item\n")


# --- the targets ------------------------------------------------------------------------------


def test_a_verdict_is_met_at_the_limit_missed_above_it_and_never_met_unmeasured() -> None:
    target = Target("cold", "cold build", 6.0, "x Hugo cold")
    assert Verdict(target, 6.0).judgement() == "met"
    assert Verdict(target, 12.0).judgement() == "missed: 2.0 x over"
    assert Verdict(target, 12.0).met is False
    unmeasured = Verdict(target, None)
    assert unmeasured.met is None and unmeasured.judgement() == "not measured"
    table = targets_table([Verdict(target, 12.0, "24.00 s against 2.00 s"), unmeasured])
    assert "| cold build | 12.00 x Hugo cold (24.00 s against 2.00 s) | 6.00 x Hugo cold |" in table
    assert table.count("\n") == 3  # header, rule, two rows


def test_issue_16s_targets_are_all_judged() -> None:
    limits = {t.key: t.limit for t in TARGETS}
    assert limits == {
        "cold": 6.0,
        "memory": 1.0,
        "warm": 0.15,
        "meeting edited": 0.3,
        "meeting edited (serve)": 0.1,
        "template edited": 4.0,
        "scaling": 1.2,
        "largest page": 1.0,
    }


def test_the_scaling_ratio_is_time_per_meeting_largest_over_smallest() -> None:
    assert per_meeting_ratio({20000: 0.012, 1000: 0.010, 5000: 0.5}) == pytest.approx(1.2)
    assert per_meeting_ratio({1000: 0.01}) is None
    session = Session({}, {})
    for seconds in (9.0, 10.0, 30.0):  # the median, 10 s, over 1,000 meetings
        session.measures.append(Measure("site_gen", "cold", 1000, seconds))
    session.measures.append(Measure("site_gen", "cold", 20000, 240.0))
    session.measures.append(Measure("site_gen", "warm", 20000, 1.0))  # not a cold build
    session.measures.append(Measure("hugo", "cold", 500, 1.0))  # not site_gen
    per = seconds_per_meeting(session)
    assert per == {1000: pytest.approx(0.010), 20000: pytest.approx(0.012)}


def _session() -> Session:
    page = Largest("actions/index.html", 3_000_000)
    sizes = OutputSizes(100, 9_000_000, page, Largest("data/actions.json", 5_000_000))
    session = Session({}, {})
    session.measures += [
        Measure("site_gen", "cold", 5000, 10.0, 800.0, 600.0, 100, sizes),
        Measure("hugo", "cold", 5000, 2.0, 700.0, 700.0, 40),
        Measure("site_gen", "warm", 5000, 0.2, 90.0, 90.0, 100),
        Measure("site_gen", "meeting edited", 5000, 1.0, 200.0, 200.0, 100),
        Measure("site_gen", "meeting edited (serve)", 5000, 0.1),
        Measure("site_gen", "meeting edited (serve)", 5000, 0.3),
        Measure("site_gen", "meeting edited (serve)", 5000, 0.2),
        Measure("site_gen", "cold", 1000, 1.0),
    ]
    return session


def test_each_target_is_judged_from_the_sessions_medians() -> None:
    session = _session()
    rows = summary(session, 5000, 2)
    found = {v.target.key: v for v in judge_session(session, rows, 5000)}
    assert found["cold"].measured == pytest.approx(5.0) and found["cold"].met
    assert found["warm"].measured == pytest.approx(0.1) and found["warm"].met
    assert found["meeting edited"].measured == pytest.approx(0.5)
    assert found["meeting edited"].judgement() == "missed: 1.7 x over"
    assert found["meeting edited (serve)"].measured == pytest.approx(0.1)  # median 0.2 s
    assert found["memory"].measured == pytest.approx(800 / 700) and not found["memory"].met
    assert "cold" in found["memory"].note
    assert found["largest page"].measured == pytest.approx(3.0)
    assert found["largest page"].note == "actions/index.html"
    assert found["scaling"].measured == pytest.approx(2.0)  # 2 ms a meeting over 1 ms
    assert found["template edited"].judgement() == "not measured"
    table = builds_table(rows)
    assert "| site_gen, one meeting edited, serve: save to reloaded page | 3 | 0.20 s |" in table
    scaling = scaling_table(session).splitlines()
    assert scaling[2].startswith("| 1,000 | 1.00 s | 1.00 ms | 1.00 x |  | ")
    assert scaling[3].startswith("| 5,000 | 10.00 s | 2.00 ms | 2.00 x | 0.20 s | 100 | ")
    assert "actions/index.html, 3.0 MB | data/actions.json, 5.0 MB |" in scaling[3]


# --- measuring --------------------------------------------------------------------------------


def test_output_sizes_names_the_largest_page_and_data_file(tmp_path: Path) -> None:
    for name, size in {"a.html": 5, "b/index.html": 9, "data/x.json": 20, "feed.xml": 3}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    sizes = output_sizes(tmp_path)
    assert (sizes.files, sizes.bytes) == (4, 37)
    assert sizes.largest_html == Largest("b/index.html", 9)
    assert sizes.largest_data == Largest("data/x.json", 20)


def test_run_measured_returns_the_output_and_stops_on_failure() -> None:
    run = run_measured([sys.executable, "-c", "print('Built 3 files')"])
    assert run.stdout == "Built 3 files\n" and run.peak_pss_mb >= 0 and run.max_rss_mb > 0
    with pytest.raises(SystemExit, match="failed with status 3"):
        run_measured([sys.executable, "-c", "raise SystemExit(3)"])


def test_a_missing_optional_part_is_none() -> None:
    assert optional_module("benchmarks.no_such_part") is None
    assert optional_module("benchmarks.targets") is not None


def test_a_part_that_fails_after_the_rounds_is_reported_not_raised() -> None:
    session = Session({}, {})

    def failing() -> None:
        raise SystemExit("site-gen build failed with status 1")

    _after_rounds(session, "scaling at 20,000 meetings", failing)
    _after_rounds(session, "render cost per page kind", lambda: None)
    assert session.failures == ["scaling at 20,000 meetings: site-gen build failed with status 1"]
    assert "Not measured: scaling at 20,000 meetings" in markdown(session, 5000, 2, "make bench")


def test_each_session_starts_from_the_corpus_as_generated(tmp_path: Path) -> None:
    bench = Bench(tmp_path, 6, 1)
    bench.prepare(peers=False)
    generated = _texts(bench.corpus, "*.md")
    scenarios.edit_meeting(bench.content, 1)
    assert _texts(bench.content, "*.md") != {
        bench.content / p.relative_to(bench.corpus): t for p, t in generated.items()
    }
    stamp = tmp_path / "prepared-6.stamp"
    made = stamp.stat().st_mtime_ns
    Bench(tmp_path, 6, 1).prepare(peers=False)  # a second session: the same corpus, a new copy
    assert stamp.stat().st_mtime_ns == made
    assert _texts(bench.content, "*.md") == {
        bench.content / p.relative_to(bench.corpus): t for p, t in generated.items()
    }


def test_the_peers_environment_is_the_work_folders_and_reused_while_the_pins_stay(
    tmp_path: Path,
) -> None:
    venv = tmp_path / "peers-venv"
    venv.mkdir()
    (venv / ".installed").write_text("\n".join(PEERS), encoding="utf-8")
    (venv / "kept").touch()
    assert peers_environment(tmp_path) == venv  # no pip run: the same pins are installed
    assert (venv / "kept").exists()
    assert all("==" in pin for pin in PEERS)  # sessions on other days compare the same peers


def test_a_whole_session_writes_its_figures_and_a_report_ready_to_paste(tmp_path: Path) -> None:
    work = tmp_path / "work"
    args = ["--meetings", "8", "--runs", "1", "--site-gen-only", "--scaling", "4"]
    assert main([*args, "--jobs", "1", "--work", str(work)]) == 0
    figures = json.loads((work / "results.json").read_text(encoding="utf-8"))
    report = (work / "results.md").read_text(encoding="utf-8")
    assert {t["key"] for t in figures["targets"]} == {t.key for t in TARGETS}
    assert set(figures["seconds_per_meeting"]) == {"4", "8"}
    for scenario in ("cold", "warm", "meeting edited", "template edited", "person renamed"):
        assert f"site_gen {scenario}" in figures["summary"]
    assert "load_average_at_end" in figures["machine"]
    assert "| cold build | " in report and "not measured" in report  # no Hugo here
    assert "| 4 | " in report and "| 8 | " in report  # a scaling row per size


def test_the_reports_heading_counts_the_rounds_not_serves_saves() -> None:
    # Two alternating rounds (a cold build each), then three saves timed in serve.
    session = _session()
    session.measures.append(Measure("site_gen", "cold", 5000, 12.0))
    session.measures.append(Measure("hugo", "cold", 5000, 2.5))
    heading = markdown(session, 5000, 2, "bench").splitlines()[0]
    assert heading.endswith(": 5,000 meetings, medians of 2 rounds (serve: of 3 saves)")
    one = Session({}, {}, [Measure("site_gen", "cold", 5000, 10.0)])
    assert markdown(one, 5000, 2, "bench").splitlines()[0].endswith(", one round")
