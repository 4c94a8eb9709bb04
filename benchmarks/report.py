"""What a benchmark session measured, as figures (JSON) and as Markdown ready to paste.

The builds table gives medians per tool and scenario; the targets table judges each of
issue 16's targets (benchmarks.targets); the scaling table gives the time per meeting of a
cold build at each archive size, with the largest page and data file each wrote.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.machine import machine_sentence
from benchmarks.measure import OutputSizes
from benchmarks.targets import MB, Verdict, judge, per_meeting_ratio, targets_table

SCENARIOS = (
    "cold",
    "warm",
    "meeting edited",
    "meeting edited (serve)",
    "template edited",
    "person renamed",
)
LABELS = {  # how the builds table names each scenario
    "warm": "nothing changed",
    "meeting edited": "one meeting edited, build",
    "meeting edited (serve)": "one meeting edited, serve: save to reloaded page",
    "template edited": "base.html edited",
    "person renamed": "one person renamed",
}
FLOOR = "markdown-it-py floor"


@dataclass(frozen=True)
class Measure:
    tool: str
    scenario: str
    meetings: int
    seconds: float
    peak_pss_mb: float = 0.0  # 0: not sampled (the serve measurement times a page, not a build)
    max_rss_mb: float = 0.0
    files: int = 0
    output: OutputSizes | None = None  # after cold builds only


@dataclass
class Session:
    machine: dict[str, object]
    settings: dict[str, object]
    measures: list[Measure] = field(default_factory=list)
    floor_seconds: list[float] = field(default_factory=list)
    render_cost: str = ""  # the per-page-kind table, when benchmarks.render_cost exists
    failures: list[str] = field(default_factory=list)  # parts that failed after the rounds


Rows = dict[str, dict[str, float]]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _found(session: Session, tool: str, scenario: str, meetings: int) -> list[Measure]:
    wanted = (tool, scenario, meetings)
    return [m for m in session.measures if (m.tool, m.scenario, m.meetings) == wanted]


def summary(session: Session, meetings: int, jobs: int) -> Rows:
    """Median time, peak memory and files for each tool and scenario at `meetings`."""
    rows: Rows = {}
    pairs = [("site_gen", s) for s in SCENARIOS] + [("hugo", "cold"), ("pelican", "cold")]
    for tool, scenario in pairs:
        found = _found(session, tool, scenario, meetings)
        if found:
            seconds = median([m.seconds for m in found])
            rows[f"{tool} {scenario}"] = {
                "runs": len(found),
                "seconds": seconds,
                "peak_pss_mb": max(m.peak_pss_mb for m in found),
                "max_rss_mb": max(m.max_rss_mb for m in found),
                "files": found[0].files,
                "pages_per_second": found[0].files / seconds if seconds else 0.0,
            }
    if session.floor_seconds:
        one_core = median(session.floor_seconds)
        rows[FLOOR] = {
            "runs": len(session.floor_seconds),
            "seconds": one_core / jobs,
            "one_core_seconds": one_core,
        }
    return rows


def ratios(rows: Rows) -> dict[str, float]:
    """Every site_gen time over Hugo's and Pelican's cold builds and the floor."""
    found: dict[str, float] = {}
    cold = rows.get("site_gen cold", {}).get("seconds")
    if cold is not None:
        for peer in ("hugo cold", "pelican cold", FLOOR):
            if peer in rows:
                found[f"site_gen cold / {peer}"] = cold / rows[peer]["seconds"]
    if "hugo cold" in rows:
        for scenario in SCENARIOS[1:]:
            if f"site_gen {scenario}" in rows:
                found[f"site_gen {scenario} / hugo cold"] = (
                    rows[f"site_gen {scenario}"]["seconds"] / rows["hugo cold"]["seconds"]
                )
    return found


def seconds_per_meeting(session: Session) -> dict[int, float]:
    """The median cold build's seconds per meeting, at each archive size measured."""
    sizes = {m.meetings for m in session.measures if m.tool == "site_gen"}
    per: dict[int, float] = {}
    for size in sorted(sizes):
        found = _found(session, "site_gen", "cold", size)
        if found:
            per[size] = median([m.seconds for m in found]) / size
    return per


def _peak_memory(rows: Rows) -> tuple[float | None, str]:
    hugo = rows.get("hugo cold")
    builds = {s: rows[f"site_gen {s}"]["peak_pss_mb"] for s in SCENARIOS if f"site_gen {s}" in rows}
    if not hugo or not builds:
        return None, ""
    worst = max(builds, key=lambda s: builds[s])
    note = (
        f"{builds[worst]:,.0f} MB, {LABELS.get(worst, worst)}; Hugo {hugo['peak_pss_mb']:,.0f} MB"
    )
    return builds[worst] / max(hugo["peak_pss_mb"], 1e-9), note


def _time_notes(rows: Rows) -> dict[str, str]:
    """Each scenario's own median beside its ratio, and Hugo's: the seconds behind a ratio
    (and the only figure when Hugo was not run)."""
    hugo = rows.get("hugo cold")
    notes: dict[str, str] = {}
    for scenario in SCENARIOS:
        row = rows.get(f"site_gen {scenario}")
        if row is not None:
            notes[scenario] = f"{row['seconds']:.2f} s" + (
                f" against {hugo['seconds']:.2f} s" if hugo else ", no Hugo measured"
            )
    return notes


def cold_output(session: Session, meetings: int) -> OutputSizes | None:
    found = [m.output for m in _found(session, "site_gen", "cold", meetings) if m.output]
    return found[-1] if found else None


def verdicts(session: Session, rows: Rows, meetings: int) -> list[Verdict]:
    """Each of issue 16's targets against this session's figures at `meetings`."""
    to_hugo = ratios(rows)
    measured: dict[str, float | None] = {
        s: to_hugo.get(f"site_gen {s} / hugo cold") for s in SCENARIOS
    }
    notes = _time_notes(rows)
    measured["memory"], notes["memory"] = _peak_memory(rows)
    per = seconds_per_meeting(session)
    measured["scaling"] = per_meeting_ratio(per)
    if measured["scaling"] is not None:
        notes["scaling"] = f"{max(per):,} against {min(per):,} meetings"
    output = cold_output(session, meetings)
    if output is not None:
        measured["largest page"] = output.largest_html.bytes / MB
        notes["largest page"] = output.largest_html.name
    return judge(measured, notes)


def builds_table(rows: Rows) -> str:
    lines = [
        "| build | runs | median time | pages/s | peak memory (PSS, tree) | max RSS |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in rows.items():
        if name == FLOOR:
            lines.append(
                f"| {name} (one core {row['one_core_seconds']:.2f} s, divided by cores) "
                f"| {row['runs']:.0f} | {row['seconds']:.2f} s | | | |"
            )
            continue
        tool, _, scenario = name.partition(" ")
        label = f"{tool}, {LABELS.get(scenario, scenario)}"
        memory = f"{row['peak_pss_mb']:,.0f} MB" if row["peak_pss_mb"] else ""
        rss = f"{row['max_rss_mb']:,.0f} MB" if row["max_rss_mb"] else ""
        rate = f"{row['pages_per_second']:,.0f}" if row["pages_per_second"] else ""
        lines.append(
            f"| {label} | {row['runs']:.0f} | {row['seconds']:.2f} s | {rate} | {memory} | {rss} |"
        )
    return "\n".join(lines)


def _megabytes(size: int) -> str:
    return f"{size / MB:,.1f} MB"


def _warm(session: Session, meetings: int) -> str:
    """The median build with nothing changed: reading the archive, and no more, should
    grow with it."""
    found = _found(session, "site_gen", "warm", meetings)
    return f"{median([m.seconds for m in found]):.2f} s" if found else ""


def scaling_table(session: Session) -> str:
    per = seconds_per_meeting(session)
    lines = [
        "| meetings | cold build | time per meeting | over the smallest | nothing changed | "
        "files | largest page | largest data file |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for size, seconds in per.items():
        output = cold_output(session, size)
        sizes = ["", "", ""]
        if output is not None:
            page, data = output.largest_html, output.largest_data
            sizes = [
                f"{output.files:,}",
                f"{page.name}, {_megabytes(page.bytes)}",
                f"{data.name}, {_megabytes(data.bytes)}",
            ]
        ratio = seconds / per[min(per)]
        lines.append(
            f"| {size:,} | {seconds * size:.2f} s | {1000 * seconds:.2f} ms | {ratio:.2f} x "
            f"| {_warm(session, size)} | " + " | ".join(sizes) + " |"
        )
    return "\n".join(lines)


def rounds_heading(rows: Rows) -> str:
    """How many rounds the medians are of: the alternating rounds, counted by the cold
    builds that open each (serve's saves are timed after the rounds, and said apart)."""
    cold = [int(row["runs"]) for name, row in rows.items() if name.endswith(" cold")]
    rounds = max(cold, default=0)
    heading = f"medians of {rounds} rounds" if rounds > 1 else "one round"
    serve = rows.get("site_gen meeting edited (serve)")
    if serve is not None:
        saves = int(serve["runs"])
        heading += f" (serve: of {saves} saves)" if saves > 1 else " (serve: one save)"
    return heading


def markdown(session: Session, meetings: int, jobs: int, command: str) -> str:
    """The whole report as Markdown, to paste into README and the performance page."""
    rows = summary(session, meetings, jobs)
    parts = [
        f"### site_gen, Hugo and Pelican: {meetings:,} meetings, {rounds_heading(rows)}",
        f"`{command}`",
        f"Machine: {machine_sentence(session.machine)}.",
        builds_table(rows),
        "Targets of issue 16 (times as ratios to Hugo's cold build in the same session):",
        targets_table(verdicts(session, rows, meetings)),
        "Time per meeting of a cold build at each archive size:",
        scaling_table(session),
    ]
    if session.render_cost:
        parts += ["Render cost per page kind:", session.render_cost]
    if session.failures:
        parts.append("Not measured: " + "; ".join(session.failures) + ".")
    return "\n\n".join(parts) + "\n"
