"""The recall table, per group and in total, in Markdown; and the same as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from benchmarks.import_recall.labels import Meeting
from benchmarks.import_recall.runs import GroupRun
from benchmarks.import_recall.score import Ratio, Tally, total


@dataclass
class MeetingResult:
    label: Meeting
    meeting_id: str | None
    tally: Tally


@dataclass
class GroupResult:
    run: GroupRun
    meetings: list[MeetingResult] = field(default_factory=list)

    @property
    def tally(self) -> Tally:
        return total(m.tally for m in self.meetings)


COLUMNS = (
    "group", "files", "imported", "meetings", "errors", "warnings", "present",
    "attendee precision", "apologies", "numbered actions", "false raises",
    "unnumbered actions", "owners", "status updates", "decisions",
)  # fmt: skip


def ratio(r: Ratio) -> str:
    if r.total == 0:
        return "-" if r.found == 0 else f"{r.found}/0"
    return f"{r.found}/{r.total} ({100 * r.found / r.total:.0f}%)"


def _row(name: str, files: int, imported: int, errors: str, warnings: str, t: Tally) -> list[str]:
    meetings = ratio(t.meetings) + "".join(
        f", {n} {what}"
        for n, what in ((t.other_day, "on another date"), (t.drafts, "kept as drafts"))
        if n
    )
    unnumbered = ratio(t.unnumbered) + (f" +{t.extra_unnumbered}" if t.extra_unnumbered else "")
    decisions = ratio(t.decisions) + (f" +{t.extra_decisions}" if t.extra_decisions else "")
    return [
        name, str(files), str(imported), meetings, errors, warnings, ratio(t.present),
        ratio(t.precision), ratio(t.apologies), ratio(t.numbered), str(t.false_raises),
        unnumbered, ratio(t.owners), ratio(t.updates), decisions,
    ]  # fmt: skip


def _build_cell(run: GroupRun, count: int) -> str:
    return str(count) if run.built else f"{count} (failed)"


def table(results: Sequence[GroupResult]) -> str:
    rows = [
        _row(
            r.run.group,
            len(r.run.imports),
            r.run.files_imported,
            _build_cell(r.run, r.run.errors),
            str(r.run.warnings),
            r.tally,
        )
        for r in results
    ]
    rows.append(
        _row(
            "**total**",
            sum(len(r.run.imports) for r in results),
            sum(r.run.files_imported for r in results),
            str(sum(r.run.errors for r in results)),
            str(sum(r.run.warnings for r in results)),
            total(r.tally for r in results),
        )
    )
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def failures(results: Sequence[GroupResult]) -> list[str]:
    found = []
    for r in results:
        if r.run.import_note:
            found.append(f"{r.run.group}: import: {r.run.import_note}")
        for f in r.run.imports:
            if f.failure:
                found.append(f"{r.run.group}: {f.path.name}: {f.failure}")
            elif f.note:
                found.append(f"{r.run.group}: {f.path.name}: nothing written: {f.note}")
        if not r.run.built:
            found.append(f"{r.run.group}: site not built: {r.run.build_failure}")
    return found


def details(results: Sequence[GroupResult]) -> list[str]:
    """One line per labelled meeting: where it was found and what was missed (counts only)."""
    lines = []
    for r in results:
        for m in r.meetings:
            t = m.tally
            where = m.meeting_id or (
                "not held" if not m.label.held else "draft" if t.drafts else "NOT FOUND"
            )
            lines.append(
                f"{m.label.file} {m.label.day}: {where}; present {ratio(t.present)}, "
                f"apologies {ratio(t.apologies)}, precision {ratio(t.precision)}, "
                f"numbered {ratio(t.numbered)} (false {t.false_raises}), "
                f"unnumbered {ratio(t.unnumbered)} (+{t.extra_unnumbered}), "
                f"owners {ratio(t.owners)}, updates {ratio(t.updates)}, "
                f"decisions {ratio(t.decisions)} (+{t.extra_decisions})"
            )
    return lines


def as_json(results: Sequence[GroupResult]) -> dict[str, Any]:
    def tally(t: Tally) -> dict[str, Any]:
        return asdict(t)

    return {
        "groups": [
            {
                "group": r.run.group,
                "files": len(r.run.imports),
                "imported": r.run.files_imported,
                "built": r.run.built,
                "errors": r.run.errors,
                "warnings": r.run.warnings,
                "failures": [f"{f.path.name}: {f.failure}" for f in r.run.imports if f.failure]
                + ([r.run.build_failure] if not r.run.built else []),
                "notes": [f"{f.path.name}: {f.note}" for f in r.run.imports if f.note]
                + ([r.run.import_note] if r.run.import_note else []),
                "tally": tally(r.tally),
                "meetings": [
                    {
                        "file": m.label.file,
                        "date": m.label.day.isoformat(),
                        "found": m.meeting_id,
                        "tally": tally(m.tally),
                    }
                    for m in r.meetings
                ],
            }
            for r in results
        ],
        "total": tally(total(r.tally for r in results)),
    }
