"""`site-gen init [FOLDER]`: a new body's minutes repository that builds at once.

It writes, from the starter files in site_gen/starter/: the content (site.yaml, people.yaml,
one group, a first meeting), the JSON Schemas with editor settings that name them, a CI
workflow that installs this very site_gen (its repository, pinned to one commit) and publishes
to GitHub Pages, a .gitignore and a short README. It writes only into a folder that is new or
empty (a fresh `git init` or clone counts as empty), so it never replaces anyone's file.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from site_gen.commands.new import yaml_scalar
from site_gen.install_source import InstallSource, fetchable, install_source, is_commit
from site_gen.problems import Problems
from site_gen.progress import plural
from site_gen.shipped import shipped_folder
from site_gen.slugs import slugify
from site_gen.stages import gather

HELP = "start a new body's minutes: content, editor settings and a publishing workflow"
DESCRIPTION = (
    "Make FOLDER (new or empty) a minutes repository that builds at once: content/ with "
    "site.yaml, people.yaml, one group and its first meeting; schemas/ and .vscode/ so "
    "editors check the YAML as you type; and .github/workflows/pages.yml, which installs this "
    "site_gen pinned to one commit and publishes the site to GitHub Pages."
)
STARTER = Path(__file__).resolve().parent.parent / "starter"
# Where the workflow installs site_gen from when this copy cannot say (see install_source).
# No address that looks real: the workflow's first step stops, saying what to write there.
PLACEHOLDER_REPOSITORY = "set me: the address of the git repository site_gen comes from"
PLACEHOLDER_COMMIT = "set me: the commit of it to install (40 hex digits)"
# Starter files are stored without a leading dot, so packaging never passes them over.
HIDDEN_PREFIX = "dot-"
# Names of people in the starter's group: the clerk replaces them with the real members.
CHAIR = "Alex Morgan"
MEMBERS = ("Sam Patel", "Jo Williams")


class InitRefused(Exception):
    """Why nothing was written: (path, message, hint)."""

    def __init__(self, path: Path, message: str, hint: str) -> None:
        super().__init__(f"{path}: error: {message}\n  hint: {hint}")


@dataclass(frozen=True)
class Body:
    """What the new site says of the body whose minutes it publishes."""

    group: str
    organisation: str
    title: str
    first_meeting: date

    @property
    def slug(self) -> str:
        return slugify(self.group) or "committee"


def check_folder(folder: Path) -> None:
    """Refuse a folder that is a file or holds anything but an empty repository's .git."""
    if folder.exists() and not folder.is_dir():
        raise InitRefused(
            folder, "is a file, not a folder", "give the name of a new folder for the site"
        )
    if not folder.is_dir():
        return
    present = sorted(entry.name for entry in folder.iterdir() if entry.name != ".git")
    if present:
        shown = ", ".join(present[:3]) + (", ..." if len(present) > 3 else "")
        raise InitRefused(
            folder,
            f"the folder is not empty ({plural(len(present), 'entry', 'entries')}: {shown}); "
            "nothing was written",
            "give a new folder's name (site-gen init my-minutes), or run it in an empty folder",
        )


def _environment() -> jinja2.Environment:
    # [[ ]] and [% %], so the workflow's own ${{ }} expressions pass through untouched.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(STARTER),
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # YAML, Markdown and JSON, each value quoted by the yaml filter
    )
    env.filters["yaml"] = yaml_scalar
    return env


def _target(name: str, body: Body) -> str:
    """A starter file's place in the new folder: dot- names hidden, GROUP and DATE filled in."""
    parts = [
        "." + part.removeprefix(HIDDEN_PREFIX) if part.startswith(HIDDEN_PREFIX) else part
        for part in name.split("/")
    ]
    path = "/".join(parts)
    path = path.replace("meetings/GROUP/DATE.md", f"meetings/{body.slug}/{body.first_meeting}.md")
    return path.replace("groups/GROUP.yaml", f"groups/{body.slug}.yaml")


def starter_files(body: Body, source: InstallSource) -> dict[str, str]:
    """Every file of the new folder but the schemas, by its path inside it."""
    env = _environment()
    values = {
        "group": body.group,
        "slug": body.slug,
        "organisation": body.organisation,
        "title": body.title,
        "description": f"The {body.group} of {body.organisation}.",
        "date": body.first_meeting.isoformat(),
        "chair": CHAIR,
        "members": MEMBERS,
        "repository": source.repository or PLACEHOLDER_REPOSITORY,
        "commit": source.commit or PLACEHOLDER_COMMIT,
    }
    files = {}
    for name in sorted(env.list_templates()):
        files[_target(name, body)] = env.get_template(name).render(values)
    return files


def write_folder(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as file:  # never replace a file
            file.write(text)
    shutil.copytree(shipped_folder("schemas"), folder / "schemas")


def notes_on(source: InstallSource) -> list[str]:
    """What the clerk must still do for the workflow to install site_gen."""
    notes = []
    if source.repository is None:
        notes.append(
            "set SITE_GEN_REPOSITORY in .github/workflows/pages.yml to site_gen's git "
            "repository: this copy was not installed from one (or use --repository)"
        )
    if source.commit is None:
        notes.append(
            "set SITE_GEN_COMMIT in .github/workflows/pages.yml to the commit to install "
            "(or use --commit)"
        )
    return notes


# --- the command ---------------------------------------------------------------------------------


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def _commit(text: str) -> str:
    if not is_commit(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a commit: give its 40 hex digits")
    return text


def _repository(text: str) -> str:
    address = fetchable(text)
    if address is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a repository's address: give one CI can fetch, "
            "e.g. https://github.com/OWNER/site_gen"
        )
    return address


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "folder", metavar="FOLDER", nargs="?", type=Path, default=Path("."),
        help="the new site's folder, new or empty (default: this folder)",
    )  # fmt: skip
    parser.add_argument("--group", default="Committee", help="the group's name")
    parser.add_argument(
        "--organisation", default="Our organisation", help="the body the group belongs to"
    )
    parser.add_argument("--title", default=None, help="the site's title (default: from --group)")
    parser.add_argument(
        "--date", type=_day, default=None, help="the first meeting's date (default: today)"
    )
    parser.add_argument(
        "--repository",
        type=_repository,
        default=None,
        help="the git repository CI installs site_gen from (an https, ssh or git@ address)",
    )
    parser.add_argument(
        "--commit", type=_commit, default=None, help="the commit of it to install (40 hex digits)"
    )


def _source(args: argparse.Namespace) -> InstallSource:
    found = install_source() if args.repository is None or args.commit is None else None
    return InstallSource(
        args.repository or (found.repository if found else None),
        args.commit or (found.commit if found else None),
    )


def command_name() -> str:
    """How the clerk runs site-gen: its name when that is on PATH, else the full path run."""
    ran = Path(sys.argv[0])
    on_path = shutil.which("site-gen")
    if ran.name != "site-gen" or (on_path and Path(on_path).resolve() == ran.resolve()):
        return "site-gen"
    return str(ran.resolve())  # e.g. a clone's .venv/bin/site-gen, from any folder


def _report(folder: Path, body: Body, problems: Problems, notes: list[str]) -> None:
    print(f"Made the minutes of {body.group} in {folder}: content, schemas, editor settings")
    print("  and .github/workflows/pages.yml to publish on GitHub Pages.")
    if problems.items:  # a starter that does not build is a bug: say so plainly
        print(f"  note: the new content has {plural(len(problems.items), 'problem')}:")
        for problem in problems.sorted():
            print(f"    {problem.format()}")
    for note in notes:
        print(f"  note: {note}")
    where = "" if folder == Path(".") else f"cd {folder}, then "
    run = command_name()
    print(
        f"Next: {where}{run} serve to preview; edit content/groups/{body.slug}.yaml (the "
        f"members) and the first meeting; {run} new meeting {body.slug} for the next one."
    )


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    group = " ".join(args.group.split()) or "Committee"
    body = Body(
        group=group,
        organisation=" ".join(args.organisation.split()) or "Our organisation",
        title=args.title or f"{group} minutes",
        first_meeting=args.date or date.today(),
    )
    try:
        check_folder(folder)
    except InitRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    source = _source(args)
    try:
        write_folder(folder, starter_files(body, source))
    except OSError as exc:
        print(f"{folder}: error: could not write the new site: {exc}", file=sys.stderr)
        return 1
    problems = Problems()
    gather(folder / "content", problems, drafts=True)
    _report(folder, body, problems, notes_on(source))
    return 0
