"""The command: import and build each group, score it against the labels, print the table."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.import_recall.labels import LabelError, Meeting, read_labels
from benchmarks.import_recall.names import name_key
from benchmarks.import_recall.opendata import RecoveredMeeting, read_site
from benchmarks.import_recall.report import (
    GroupResult,
    MeetingResult,
    as_json,
    details,
    failures,
    table,
)
from benchmarks.import_recall.runs import run_group
from benchmarks.import_recall.score import match, score

PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpus"
DEFAULT_LABELS = PROJECT / "benchmarks" / "corpus_labels.yaml"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.import_recall",
        description="Import each group folder of a corpus of real minutes with site-gen, "
        "build it, and print how much of the hand-labelled record the built site recovered.",
    )
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help="folder of group folders (default: ../shared/corpus)")  # fmt: skip
    parser.add_argument("labels", nargs="?", type=Path, default=DEFAULT_LABELS,
                        help="labels file (default: benchmarks/corpus_labels.yaml)")  # fmt: skip
    parser.add_argument("--group", action="append", default=[], metavar="NAME",
                        help="measure only this group folder (repeatable)")  # fmt: skip
    parser.add_argument("--details", action="store_true", help="a line per labelled meeting")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep each group's imported content and site in DIR")  # fmt: skip
    parser.add_argument("--infer-group", action="store_true",
                        help="let the importer infer each file's group (default: the folder's "
                        "name is given as --group)")  # fmt: skip
    parser.add_argument("--per-file", action="store_true",
                        help="import each file with its own site-gen import call (default: "
                        "each group's files in one call, as an archive)")  # fmt: skip
    parser.add_argument("--key", metavar="NAME", help="print the name key of NAME and stop")
    return parser.parse_args(argv)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def measure_group(
    folder: Path, labels: list[Meeting], work: Path, args: argparse.Namespace
) -> GroupResult:
    _say(f"{folder.name}: importing and building ...")
    run = run_group(folder, work, infer_group=args.infer_group, per_file=args.per_file)
    recovered: list[RecoveredMeeting] = []
    if run.out is not None:
        try:
            recovered = read_site(run.out)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            run.built, run.build_failure = False, f"open data unreadable: {exc}"
    result = GroupResult(run)
    for label, (found, other) in zip(labels, match(labels, recovered), strict=True):
        days = {d.isoformat() for d in (label.day, *label.other_days)}
        tally = score(label, found, other, draft=bool(days & run.drafts))
        result.meetings.append(MeetingResult(label, found.meeting_id if found else None, tally))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.key is not None:
        print(name_key(args.key) or "(no name left after normalising)")
        return 0
    try:
        labels, problems = read_labels(args.labels)
    except LabelError as exc:
        _say(f"error: {exc}")
        return 2
    for problem in problems:
        _say(f"{args.labels}: warning: {problem}")
    if not args.corpus.is_dir():
        _say(f"error: corpus folder {args.corpus} does not exist")
        return 2
    folders = sorted(p for p in args.corpus.iterdir() if p.is_dir() and not p.name.startswith("."))
    if args.group:
        folders = [p for p in folders if p.name in args.group]
    for label in labels:
        if not (args.corpus / label.file).is_file():
            _say(f"{args.labels}: warning: {label.file} is not in {args.corpus}")
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        _say(f"error: {args.keep} is not empty: each group is imported into a fresh folder")
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="import-recall-"))
    try:
        results = [
            measure_group(
                folder,
                [m for m in labels if m.group == folder.name],
                work / folder.name,
                args,
            )
            for folder in folders
        ]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    for line in failures(results):
        print(f"- {line}")
    if args.details:
        print()
        print("\n".join(details(results)))
    if args.json:
        args.json.write_text(json.dumps(as_json(results), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
