"""The same corpus as a Hugo site and as a Pelican site, set up as a user would for minutes.

Hugo: each meeting is a page under content/meetings/<group>/, attendees and groups are
taxonomies (so every person gets a term page listing their meetings, as site_gen gives
every person a page), with a few plain layouts. Pelican: each meeting is an article, its
group the category and its attendees the tags, with the default theme.

Neither makes RSS feeds or sitemaps, which site_gen does not make either: the comparison is
of the same job. The bodies are the very same Markdown.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Meeting:
    group: str
    date: date
    number: int
    title: str
    attendees: tuple[str, ...]  # names as written, without roles
    body: str


def read_meetings(content: Path) -> Iterator[Meeting]:
    """Each meeting of a site_gen content folder, with the names its attendance lists."""
    for path in sorted((content / "meetings").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.safe_load(front)
        names = []
        for section in data.get("attendance", []):
            for entry in section.get("people", []):
                if isinstance(entry, str):
                    names.append(entry.partition(",")[0].strip())
        group = str(data["group"])
        title = f"{group.replace('-', ' ').title()} meeting {data['number']}"
        yield Meeting(group, data["date"], int(data["number"]), title, tuple(names), body)


HUGO_CONFIG = """\
baseURL = "https://minutes.example.org/"
title = "Generated minutes for benchmarks"
languageCode = "en-gb"
disableKinds = ["rss", "sitemap", "robotsTXT"]

[taxonomies]
attendee = "attendees"
group = "groups"
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<h2>Attendance</h2>
<ul>{{ range .GetTerms "attendees" }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul>
{{ .Content }}
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Date.Format "2 January 2006" }}</li>
{{ end }}</ul>
{{ end }}
""",
}


def hugo_site(content: Path, site: Path) -> Path:
    """Write a Hugo project for the meetings of `content` into `site`."""
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    for meeting in read_meetings(content):
        folder = site / "content" / "meetings" / meeting.group
        folder.mkdir(parents=True, exist_ok=True)
        front = {
            "title": meeting.title,
            "date": meeting.date.isoformat(),
            "groups": [meeting.group],
            "attendees": list(meeting.attendees),
        }
        text = f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n{meeting.body}"
        (folder / f"{meeting.date.isoformat()}.md").write_text(text, encoding="utf-8")
    return site


PELICAN_CONFIG = """\
AUTHOR = "Secretariat"
SITENAME = "Generated minutes for benchmarks"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
DEFAULT_PAGINATION = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""


def pelican_site(content: Path, site: Path) -> Path:
    """Write a Pelican project for the meetings of `content` into `site`."""
    (site / "content").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(PELICAN_CONFIG, encoding="utf-8")
    for meeting in read_meetings(content):
        folder = site / "content" / meeting.group
        folder.mkdir(exist_ok=True)
        # Pelican's tags are split at commas: names never contain one here.
        header = [
            f"Title: {meeting.title}",
            f"Date: {meeting.date.isoformat()}",
            f"Category: {meeting.group}",
            f"Tags: {', '.join(meeting.attendees)}",
            f"Slug: {meeting.group}-{meeting.date.isoformat()}",
        ]
        text = "\n".join(header) + "\n\n" + meeting.body
        (folder / f"{meeting.date.isoformat()}.md").write_text(text, encoding="utf-8")
    return site
