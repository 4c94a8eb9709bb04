"""Where a cold build's time goes, stage by stage, and the render cost of each kind of page.

    python -m benchmarks.render_cost CONTENT [--jobs N]

Runs the stages of a `--no-cache` build in this one process (parse with `--jobs` workers, the
rest on one core, nothing written) and prints Markdown tables: every stage's seconds (wall
clock, and this process's CPU time), then per kind of page (by template) how many pages, the
CPU seconds to make their views and to render them, the milliseconds a page and its size,
then each output module's CPU seconds and bytes. CPU time, not the clock, so that figures
from a busy machine still compare; one core's figures: a build spreads the render over its
workers. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from site_gen.outputs.common import OutputContext
from site_gen.outputs.registry import OUTPUTS
from site_gen.problems import Problems
from site_gen.render import make_environment, page_renderer
from site_gen.stages import gather, site_pages
from site_gen.theme import theme_dirs


@dataclass
class Kind:
    pages: int = 0
    view_seconds: float = 0.0  # making the pages' views from the model
    render_seconds: float = 0.0  # the template
    bytes: int = 0
    largest: int = 0


@dataclass
class Costs:
    stages: dict[str, tuple[float, float]] = field(default_factory=dict)  # wall, CPU
    kinds: dict[str, Kind] = field(default_factory=lambda: defaultdict(Kind))
    outputs: dict[str, tuple[float, int, int]] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start, cpu = time.perf_counter(), time.process_time()
        yield
        self.stages[name] = (time.perf_counter() - start, time.process_time() - cpu)


def measure(content: Path, jobs: int) -> Costs:
    costs = Costs()
    problems = Problems()
    with costs.stage("load, parse and link"):
        _, site = gather(content, problems, drafts=False, jobs=jobs)
    gc.freeze()  # as the build does: the model lives to the end
    with costs.stage("site_pages (addresses)"):
        sources = list(site_pages(site))
    render = page_renderer(site, make_environment(theme_dirs(None)))
    with costs.stage("pages (views and render)"):
        for source in sources:
            start = time.process_time()
            page = source.make()
            made = time.process_time()
            html = render(page)
            kind = costs.kinds[page.template]
            kind.pages += 1
            kind.view_seconds += made - start
            kind.render_seconds += time.process_time() - made
            kind.bytes += len(html)
            kind.largest = max(kind.largest, len(html))
    context = OutputContext(site, render, [s.path for s in sources])
    with costs.stage("outputs"):
        for output in OUTPUTS:
            start, count, size = time.process_time(), 0, 0
            for _, data in output.files(context):
                count, size = count + 1, size + len(data)
            costs.outputs[_output_name(output.files)] = (time.process_time() - start, count, size)
    return costs


def _output_name(files: object) -> str:
    """The output module's name, from the closure site_gen.outputs.registry.module makes."""
    cells = getattr(files, "__closure__", None) or ()
    names = [c.cell_contents for c in cells if isinstance(c.cell_contents, str)]
    return names[0].rsplit(".", 1)[-1] if names else repr(files)


def table(costs: Costs) -> str:
    lines = ["| stage | seconds | CPU seconds |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, (wall, cpu) in costs.stages.items()]
    lines += [
        "",
        "| page kind | pages | views CPU s | render CPU s | ms a page | MB | largest KB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    ordered = sorted(costs.kinds.items(), key=lambda item: -item[1].render_seconds)
    for name, kind in ordered:
        total = kind.view_seconds + kind.render_seconds
        lines.append(
            f"| {name} | {kind.pages:,} | {kind.view_seconds:.2f} | {kind.render_seconds:.2f}"
            f" | {1000 * total / max(kind.pages, 1):.2f} | {kind.bytes / 1e6:.1f}"
            f" | {kind.largest / 1000:.0f} |"
        )
    lines += ["", "| output | CPU seconds | files | MB |", "| --- | ---: | ---: | ---: |"]
    for name, (seconds, count, size) in costs.outputs.items():
        lines.append(f"| {name} | {seconds:.2f} | {count:,} | {size / 1e6:.1f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="a content folder (benchmarks.corpus)")
    parser.add_argument("--jobs", type=int, default=2, help="workers for the parse")
    args = parser.parse_args(argv)
    print(table(measure(args.content, args.jobs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
