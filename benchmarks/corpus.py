"""A realistic content folder of minutes, generated deterministically from a seed.

N meetings across G groups over Y years: group memberships that change over time (members
join and leave, chairs change), attendance drawn from the memberships of the day, officers
in attendance, observers from other groups, agenda items of prose with links and emphasis,
0 to 8 actions per meeting with owners written the ways clerks write them (a first name, a
full name, a role, a body, two people), updates to earlier actions, references to them in
the prose, and now and then an owner nobody can resolve. Bodies average about 6 KB.

    python -m benchmarks.corpus --meetings 5000 --out /tmp/corpus-5000

The same arguments always give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SIZES = (100, 1_000, 5_000, 20_000)


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words(
    "Aisha Alan Alice Amir Andrew Anita Ben Bronwen Carlos Catherine Chidi Chloe Daniel "
    "Deborah Dev Eleanor Emeka Fatima Fiona George Grace Hamish Hannah Ibrahim Imogen "
    "Isaac Jack Janet Joanna Jonathan Karen Kwame Laura Leon Lucy Mahmood Margaret Marek "
    "Martin Mei Michael Nadia Neil Nicola Oliver Olivia Patrick Priya Rachel Rhys Robert "
    "Rosa Samuel Sarah Simon Sophie Stephen Tariq Teresa Thomas Usha Victoria William Yusuf "
    "Zainab Siân Zoë Łukasz Øyvind José Aoife Dúnlaith Renée"
)
SURNAMES = [
    *_words(
        "Abbott Adeyemi Ahmed Ali Allen Armstrong Bailey Baker Bennett Bhatt Bishop Brennan "
        "Brown Campbell Carter Chen Clarke Coleman Collins Cooper Davies Dawson Edwards Ellis "
        "Evans Fernandes Fletcher Foster Gallagher Gill Graham Green Griffiths Hall Harris "
        "Hughes Hussain Jackson James Jenkins Johnson Jones Kaur Kelly Khan Kowalski Lewis "
        "Lloyd Macdonald Marshall Martin Mason Mitchell Moore Morgan Murphy Murray Nowak "
        "Obi Okafor Owen Palmer Parker Patel Phillips Price Quinn Rahman Reid Richards "
        "Roberts Robinson Rossi Scott Shah Simmonds Singh Smith Stewart Taylor Thomas Thompson "
        "Turner Walker Ward Watson White Williams Wilson Wood Wright Young"
    ),
    "Ó Súilleabháin",
]

GROUP_NAMES = (
    "Audit Committee",
    "Planning Board",
    "Finance Committee",
    "Evidence Group",
    "Housing Panel",
    "Transport Board",
    "Health Scrutiny Committee",
    "Education Board",
    "Standards Committee",
    "Licensing Committee",
    "Climate Panel",
    "Children's Services Board",
    "Culture and Leisure Panel",
    "Pensions Committee",
    "Digital Services Board",
    "Community Safety Partnership",
)
BODIES = (
    ("Secretariat", ("the secretariat", "Secretariat team")),
    ("Finance Team", ("the finance team", "Finance")),
    ("Legal Services", ("Legal",)),
    ("Communications Team", ("the comms team", "Comms")),
)
UNRESOLVABLE_OWNERS = ("the consultants", "Cllr Nobody", "Mx Unknown", "the working party")
OFFICER_ROLES = ("Clerk", "Director of Finance", "Head of Policy", "Monitoring Officer", "Analyst")

AGENDA_TITLES = (
    "Finance report",
    "Risk register",
    "Performance dashboard",
    "Consultation responses",
    "Annual work programme",
    "Update from the working groups",
    "Evidence review",
    "Budget monitoring",
    "Service delivery plan",
    "Procurement update",
    "Equality impact assessment",
    "Audit findings",
    "Communications plan",
    "Partnership agreements",
    "Forward plan",
)
SUBJECTS = (
    "The committee",
    "Members",
    "The Chair",
    "The officer",
    "The report",
    "The group",
    "One member",
    "The secretariat",
    "The lead officer",
    "Several members",
)
VERBS = (
    "noted",
    "discussed",
    "welcomed",
    "questioned",
    "considered",
    "agreed",
    "reviewed",
    "highlighted",
    "raised concerns about",
    "asked for more detail on",
)
OBJECTS = (
    "the proposed changes to the schedule of fees",
    "the progress made since the last meeting",
    "the risks set out in the appendix",
    "the timetable for the public consultation",
    "the findings of the internal review",
    "the revised terms of reference",
    "the draft response to the government consultation",
    "the variance against the approved budget",
    "the staffing position in the service",
    "the equality implications of the proposals",
    "the evidence gathered from residents",
    "the options appraisal for the new system",
    "the recommendations of the external auditor",
    "the quarterly performance figures",
    "the lessons learned from the pilot",
)
CLAUSES = (
    "and asked that the figures be broken down by area",
    "noting that the data for the final quarter were provisional",
    "although it was acknowledged that the position remained uncertain",
    "with particular reference to the needs of older residents",
    "and the importance of clear communication with partners was stressed",
    "while recognising the pressures on the service over the winter",
    "subject to the comments made during the discussion",
    "and officers undertook to circulate a short briefing note",
    "in the light of the recent guidance from the regulator",
    "and it was felt that more could be done to involve young people",
)
TASKS = (
    "circulate the revised budget to members before the next meeting",
    "report back on the outcome of the consultation",
    "share the evidence summary with the group",
    "arrange a briefing session on the new regulations",
    "update the risk register to reflect the discussion",
    "write to the minister setting out the committee's concerns",
    "prepare an options paper for the autumn meeting",
    "confirm the dates of next year's meetings",
    "meet the service leads to agree a recovery plan",
    "publish the response on the website",
    "review the terms of reference and propose amendments",
    "provide a breakdown of the spending by ward",
    "invite the external auditor to a future meeting",
    "draft a communications plan for the launch",
    "check the legal position and advise members",
)
NOTES = (
    "Completed; the paper was circulated on time.",
    "Superseded by the new work programme.",
    "Briefing held; slides available from the secretariat.",
    "Awaiting a reply from the department.",
    "Partly done; the remainder will follow next quarter.",
)
LINK_TEXTS = ("the report", "the published paper", "the consultation page", "the appendix")

ACTION_COUNT_WEIGHTS = (10, 12, 16, 18, 16, 12, 8, 5, 3)  # 0 to 8 actions per meeting


@dataclass(frozen=True)
class CorpusSpec:
    meetings: int
    groups: int = 12
    years: int = 20
    seed: int = 1
    start_year: int = 2005

    @property
    def start(self) -> date:
        return date(self.start_year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + self.years, 1, 1) - timedelta(days=1)


@dataclass(frozen=True)
class Person:
    name: str
    alias: str = ""  # another spelling clerks use for the same person
    affiliation: str = ""

    @property
    def first(self) -> str:
        return self.name.split()[0]


@dataclass(frozen=True)
class Term:
    person: Person
    role: str
    start: date
    end: date
    founding: bool = False  # in post from before the record begins: no 'from' date

    def active(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass
class GroupPlan:
    slug: str
    name: str
    terms: list[Term] = field(default_factory=list)  # members, chair, vice-chair
    officers: list[Term] = field(default_factory=list)  # staff in attendance, not members
    open_actions: list[str] = field(default_factory=list)  # ids not yet closed or dropped
    raised: list[str] = field(default_factory=list)  # every numbered action id so far


class _People:
    """Unique names drawn from the name lists in a seeded order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        pairs = [(f, s) for s in SURNAMES for f in FIRST_NAMES]
        rng.shuffle(pairs)
        self._pairs = iter(pairs)
        self.everyone: list[Person] = []

    def new(self, affiliation: str = "") -> Person:
        first, surname = next(self._pairs)
        name = f"{first} {surname}"
        alias = ""
        ascii_name = _fold(name)
        if ascii_name != name:
            alias = ascii_name  # "Sian Jones" is how half the minutes spell "Siân Jones"
        elif self.rng.random() < 0.05:
            alias = f"{first} {chr(self.rng.randrange(65, 91))}. {surname}"
        person = Person(name, alias, affiliation)
        self.everyone.append(person)
        return person


_FOLD = str.maketrans("âëíóúáéŁłØøÓÚ", "aeiouaeLlOoOU")


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(name).lower().replace("'", "")).strip("-")


def _years(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(days=int(rng.uniform(low, high) * 365))


def _seat(
    rng: random.Random,
    role: str,
    spec: CorpusSpec,
    pick: Iterator[Person],
    term_years: tuple[float, float],
) -> Iterator[Term]:
    """The people who hold one seat, one after the other, from the start of the record."""
    day, founding = spec.start, True
    while day <= spec.end:
        until = min(day + _years(rng, *term_years), spec.end)
        yield Term(next(pick), role, day, until, founding)
        day, founding = until + timedelta(days=1), False


def _plan_groups(spec: CorpusSpec, rng: random.Random, people: _People) -> list[GroupPlan]:
    plans: list[GroupPlan] = []
    for n in range(spec.groups):
        name = GROUP_NAMES[n % len(GROUP_NAMES)]
        if n >= len(GROUP_NAMES):
            name = f"{name} {n // len(GROUP_NAMES) + 1}"
        plan = GroupPlan(_slug(name), name)
        others = [t.person for p in plans for t in p.terms if t.role == "Member"]

        def members(others: list[Person] = others) -> Iterator[Person]:
            while True:
                # Some people sit on several groups: that is what links the site together.
                if others and rng.random() < 0.15:
                    yield others.pop(rng.randrange(len(others)))
                else:
                    yield people.new(affiliation=rng.choice(("Councillor", "Independent member")))

        pick = members()
        plan.terms.extend(_seat(rng, "Chair", spec, pick, (3, 6)))
        plan.terms.extend(_seat(rng, "Vice-Chair", spec, pick, (2, 5)))
        for _ in range(rng.randint(8, 12)):
            plan.terms.extend(_seat(rng, "Member", spec, pick, (3, 9)))
        for _ in range(2):
            role = rng.choice(OFFICER_ROLES)
            plan.officers.extend(_seat(rng, role, spec, _staff(people, role), (4, 10)))
        plans.append(plan)
    return plans


def _staff(people: _People, role: str) -> Iterator[Person]:
    while True:
        yield people.new(affiliation=role)


def _meeting_dates(rng: random.Random, spec: CorpusSpec, count: int) -> list[date]:
    """`count` distinct dates spread over the years, roughly evenly, in order."""
    span = (spec.end - spec.start).days
    if count > span:
        raise ValueError(f"{count} meetings do not fit in {spec.years} years for one group")
    step = span / count
    days: list[int] = []
    for n in range(count):
        low = max(int(n * step), days[-1] + 1 if days else 0)
        high = max(low, int((n + 1) * step) - 1)
        days.append(rng.randint(low, min(high, span - (count - n))))
    return [spec.start + timedelta(days=d) for d in days]


def _yaml_text(text: str) -> str:
    """A YAML scalar: plain where that is safe, else double-quoted (JSON is valid YAML)."""
    if re.fullmatch(r"[A-Za-zÀ-ž][^:#\"'\n]*", text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


class _MeetingWriter:
    """One meeting file: front matter and about 6 KB of minutes."""

    def __init__(self, rng: random.Random, plan: GroupPlan, number: int, day: date) -> None:
        self.rng, self.plan, self.number, self.day = rng, plan, number, day
        self.members = [t for t in plan.terms if t.active(day)]
        self.officers = [t.person for t in plan.officers if t.active(day)]
        self.apologies = [t for t in self.members if rng.random() < 0.12]
        self.present = [t for t in self.members if t not in self.apologies]
        self.observer: Person | None = None
        if rng.random() < 0.2:
            former = [t.person for t in plan.terms if not t.active(day)]
            self.observer = rng.choice(former) if former else None
        self.attendees = [t.person for t in self.present] + self.officers
        # A first name names an owner only when no one else in the attendance has it.
        listed = [*self.attendees, *(t.person for t in self.apologies)]
        listed += [self.observer] if self.observer else []
        first_names = [p.first for p in listed]
        self.unique_first = {p.first for p in listed if first_names.count(p.first) == 1}

    def _entry(self, person: Person, role: str) -> str:
        written = person.alias if person.alias and self.rng.random() < 0.3 else person.name
        return f"      - {_yaml_text(f'{written}, {role}' if role else written)}"

    def front_matter(self, updates: list[tuple[str, str, str]]) -> list[str]:
        group = self.plan
        lines = ["---", f"group: {group.slug}", f"date: {self.day.isoformat()}"]
        lines += [f"number: {self.number}", "status: approved", "attendance:"]
        lines += [f"  - label: {_yaml_text(group.name + ' members')}", "    kind: present"]
        lines.append("    people:")
        for term in self.present:
            lines.append(self._entry(term.person, "" if term.role == "Member" else term.role))
        lines += ["  - label: Officers", "    kind: in_attendance", "    people:"]
        for term in (t for t in group.officers if t.active(self.day)):
            lines.append(self._entry(term.person, term.role))
        if self.rng.random() < 0.4:
            lines.append("      - body: Secretariat")
        if self.observer:
            lines += ["  - label: Observing", "    kind: observer", "    people:"]
            lines.append(self._entry(self.observer, self.observer.affiliation))
        if self.apologies:
            lines += ["  - label: Apologies", "    kind: apologies", "    people:"]
            lines.extend(self._entry(t.person, "") for t in self.apologies)
        if updates:
            lines.append("action_updates:")
            for action_id, status, note in updates:
                if note:
                    lines.append(f'  "{action_id}": {{status: {status}, note: {_yaml_text(note)}}}')
                else:
                    lines.append(f'  "{action_id}": {status}')
        lines.append("---")
        return lines

    def owner(self) -> str:
        rng, roll = self.rng, self.rng.random()
        person = rng.choice(self.attendees)
        if roll < 0.02:
            return rng.choice(UNRESOLVABLE_OWNERS)  # a warning, as in real minutes
        if roll < 0.32 and person.first in self.unique_first:
            return person.first
        if roll < 0.55:
            return person.name
        if roll < 0.67:
            roles = sorted({t.role for t in self.present if t.role != "Member"})
            if roles:
                return rng.choice(roles)
        if roll < 0.82:
            body, aliases = rng.choice(BODIES)
            names: tuple[str, ...] = (body, *aliases)
            return rng.choice(names)
        if roll < 0.87:
            return "The group"
        other = rng.choice(self.attendees)
        if other != person:
            return f"{person.name} and {other.name}"
        return person.name

    def sentence(self) -> str:
        rng = self.rng
        text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        roll = rng.random()
        if roll < 0.5:
            text += f", {rng.choice(CLAUSES)}"
        if roll < 0.1:
            text += f" (see [{rng.choice(LINK_TEXTS)}]({self._url()}))"
        elif roll < 0.2:
            words = text.split()
            k = rng.randrange(1, len(words))
            word = words[k].rstrip(",")
            marked = f"*{word}*" if roll < 0.15 else f"**{word}**"
            words[k] = marked + words[k][len(word) :]
            text = " ".join(words)
        return text + "."

    def _url(self) -> str:
        paper = self.rng.randrange(1, 99)
        return f"https://www.example.org/{self.plan.slug}/{self.day.year}/paper-{paper}"

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def references(self) -> str:
        """Prose that mentions earlier actions by id, as minutes do under matters arising."""
        rng, raised = self.rng, self.plan.raised
        if not raised:
            return "There were no matters arising."
        ids = sorted(set(rng.sample(raised[-40:], min(len(raised[-40:]), rng.randint(1, 3)))))
        if len(ids) == 1:
            return f"Members noted that action {ids[0]} had been discussed with officers."
        listed = ", ".join(ids[:-1]) + f" and {ids[-1]}"
        return f"The Chair confirmed that actions {listed} had been considered by the group."

    def body(self, actions: list[str]) -> list[str]:
        rng = self.rng
        titles = rng.sample(AGENDA_TITLES, rng.randint(3, 5))
        items = ["Minutes of the last meeting and matters arising", *titles]
        items.append("Any other business")
        # Actions are raised under two of the substantive items (not the first or last).
        action_items = set(rng.sample(range(2, len(items)), 2))
        split = rng.randint(0, len(actions))
        chunks = [actions[:split], actions[split:]]
        lines: list[str] = []
        for n, title in enumerate(items, 1):
            lines += ["", f"## Item {n}: {title}", ""]
            if n == 1:
                lines.append("- The minutes of the last meeting were agreed as a correct record.")
                lines.append(f"- {self.references()}")
            elif n == len(items):
                lines.append(self.paragraph(2))
            else:
                lines.append(self.paragraph(rng.randint(3, 5)))
                lines += ["", "Discussion:", ""]
                points = rng.randint(3, 4)
                lines.extend(f"- {self.paragraph(rng.randint(2, 3))}" for _ in range(points))
                if n in action_items and (chunk := chunks.pop()):
                    lines += ["", "Actions:", ""]
                    lines.extend(f"- {a}" for a in chunk)
        return lines

    def write(self) -> str:
        rng, plan = self.rng, self.plan
        updates: list[tuple[str, str, str]] = []
        for action_id in sorted(set(rng.sample(plan.open_actions, min(3, len(plan.open_actions))))):
            status = rng.choice(("in_progress", "closed", "closed", "dropped"))
            if status in ("closed", "dropped"):
                plan.open_actions.remove(action_id)
            updates.append((action_id, status, rng.choice(NOTES) if rng.random() < 0.5 else ""))
        actions = []
        count = rng.choices(range(len(ACTION_COUNT_WEIGHTS)), ACTION_COUNT_WEIGHTS)[0]
        for k in range(1, count + 1):
            task = rng.choice(TASKS)
            if rng.random() < 0.05:
                actions.append(f"{self.owner()} to {task}")  # unnumbered, as clerks sometimes do
                continue
            action_id = f"{self.number}.{k}"
            actions.append(f"{self.owner()} to {task} ({action_id})")
        body = self.body(actions)
        for k in range(1, count + 1):
            action_id = f"{self.number}.{k}"
            if any(a.endswith(f"({action_id})") for a in actions):
                plan.open_actions.append(action_id)
                plan.raised.append(action_id)
        return "\n".join([*self.front_matter(updates), *body, ""])


def _group_file(plan: GroupPlan) -> str:
    lines = [f"name: {_yaml_text(plan.name)}"]
    lines.append(f"description: The {plan.name} meets regularly; these are its published minutes.")
    lines.append("members:")
    for term in plan.terms:
        lines.append(f"  - name: {_yaml_text(term.person.name)}")
        if term.role != "Member":
            lines.append(f"    role: {term.role}")
        if not term.founding:
            lines.append(f"    from: {term.start.isoformat()}")
        lines.append(f"    until: {term.end.isoformat()}")
    return "\n".join(lines) + "\n"


def _people_file(people: list[Person]) -> str:
    lines = ["people:"]
    for person in people:
        lines.append(f"  - name: {_yaml_text(person.name)}")
        if person.alias:
            lines.append(f"    aliases: [{_yaml_text(person.alias)}]")
        if person.affiliation:
            lines.append(f"    affiliation: {_yaml_text(person.affiliation)}")
    lines.append("bodies:")
    for body, aliases in BODIES:
        lines.append(f"  - name: {body}")
        lines.append(f"    aliases: [{', '.join(aliases)}]")
    return "\n".join(lines) + "\n"


SITE_FILE = """\
title: Generated minutes for benchmarks
organisation: A generated organisation
language: en-GB
licence: Generated text, free to use.
"""


def generate(spec: CorpusSpec, out: Path) -> Path:
    """Write the content folder for `spec` into `out` (which must not exist yet)."""
    rng = random.Random(spec.seed)
    people = _People(rng)
    plans = _plan_groups(spec, rng, people)
    out.mkdir(parents=True)
    (out / "site.yaml").write_text(SITE_FILE, encoding="utf-8")
    (out / "groups").mkdir()
    per_group = [
        spec.meetings // spec.groups + (n < spec.meetings % spec.groups) for n in range(spec.groups)
    ]
    for plan, count in zip(plans, per_group, strict=True):
        folder = out / "meetings" / plan.slug
        folder.mkdir(parents=True)
        for number, day in enumerate(_meeting_dates(rng, spec, count), 1):
            text = _MeetingWriter(rng, plan, number, day).write()
            (folder / f"{day.isoformat()}.md").write_text(text, encoding="utf-8")
        (out / "groups" / f"{plan.slug}.yaml").write_text(_group_file(plan), encoding="utf-8")
    (out / "people.yaml").write_text(_people_file(people.everyone), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, required=True, help=f"e.g. one of {SIZES}")
    parser.add_argument("--groups", type=int, default=12)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="a folder that does not exist yet")
    args = parser.parse_args(argv)
    spec = CorpusSpec(args.meetings, args.groups, args.years, args.seed)
    generate(spec, args.out)
    print(f"Wrote {spec.meetings} meetings of {spec.groups} groups over {spec.years} years")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
