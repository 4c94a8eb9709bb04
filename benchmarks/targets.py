"""Issue 16's targets, each judged against what one benchmark session measured.

Times are ratios to Hugo's cold build of the same content in the same session (medians),
so a busy or a fast machine moves both sides alike. A target that could not be measured
(no Hugo with --site-gen-only, no serve measurement, one size only) says so rather than
passing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MB = 1_000_000


@dataclass(frozen=True)
class Target:
    key: str  # the measured value's name in `measured()`
    label: str
    limit: float  # measured must be at most this
    unit: str


TARGETS = (
    Target("cold", "cold build", 6.0, "x Hugo cold"),
    Target("memory", "peak memory, any build (PSS of the process tree)", 1.0, "x Hugo's peak"),
    Target("warm", "nothing changed", 0.15, "x Hugo cold"),
    Target("meeting edited", "one meeting's minutes edited, `build`", 0.3, "x Hugo cold"),
    Target(
        "meeting edited (serve)",
        "one meeting's minutes edited, `serve`: save to reloaded page",
        0.1,
        "x Hugo cold",
    ),
    Target("template edited", "base.html edited", 4.0, "x Hugo cold"),
    Target("scaling", "time per meeting, largest archive / smallest", 1.2, "x"),
    Target("largest page", "largest HTML page", 1.0, "MB"),
)


@dataclass(frozen=True)
class Verdict:
    target: Target
    measured: float | None
    note: str = ""  # what the figure is of (a file's name, the sizes compared)

    @property
    def met(self) -> bool | None:
        return None if self.measured is None else self.measured <= self.target.limit

    def judgement(self) -> str:
        """'met', 'not measured', or how far off: the factor the figure must shrink by."""
        if self.measured is None:
            return "not measured"
        if self.met:
            return "met"
        return f"missed: {self.measured / self.target.limit:.1f} x over"


def judge(measured: Mapping[str, float | None], notes: Mapping[str, str]) -> list[Verdict]:
    return [Verdict(t, measured.get(t.key), notes.get(t.key, "")) for t in TARGETS]


def per_meeting_ratio(seconds_per_meeting: Mapping[int, float]) -> float | None:
    """Time per meeting of the largest archive over that of the smallest: 1.0 is linear,
    more is worse than linear. None with fewer than two sizes."""
    if len(seconds_per_meeting) < 2:
        return None
    sizes = sorted(seconds_per_meeting)
    return seconds_per_meeting[sizes[-1]] / seconds_per_meeting[sizes[0]]


def _figure(value: float, unit: str) -> str:
    return f"{value:.2f} {unit}"


def targets_table(verdicts: Sequence[Verdict]) -> str:
    lines = ["| target | measured | at most | |", "| --- | ---: | ---: | --- |"]
    for v in verdicts:
        unit = v.target.unit
        measured = "" if v.measured is None else _figure(v.measured, unit)
        if v.note:
            measured = f"{measured} ({v.note})" if measured else f"({v.note})"
        limit = _figure(v.target.limit, unit)
        lines.append(f"| {v.target.label} | {measured} | {limit} | {v.judgement()} |")
    return "\n".join(lines)
