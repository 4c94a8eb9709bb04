"""Pages stay in proportion to what they show, not to the size of the archive."""

from __future__ import annotations

import re
from datetime import date

import pytest

from benchmarks.corpus import CorpusSpec, generate
from site_gen.model import Site
from site_gen.pages import group as group_page
from site_gen.pages import person as person_page
from site_gen.pages.lookups import Lookups
from site_gen.problems import Problems
from site_gen.render import make_environment, page_renderer
from site_gen.stages import gather
from site_gen.theme import default_theme
from site_gen.views.history import status_changes


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """One group's busy archive: many meetings, and more actions left open than a page shows."""
    content = generate(
        CorpusSpec(meetings=160, groups=1, years=4),
        tmp_path_factory.mktemp("archive") / "content",
    )
    problems = Problems()
    _, linked = gather(content, problems, drafts=False)
    assert not problems.errors
    return linked


def test_a_group_page_shows_its_latest_open_actions_and_counts_them_all(site: Site) -> None:
    lookups = Lookups(site)
    group = site.groups[0]
    open_actions = [a for a in site.actions if a.group == group.slug and a.status.is_open]
    assert len(open_actions) > group_page.LATEST_OPEN_ACTIONS  # else this proves nothing
    page = group_page.page(group, lookups)
    view = page.view
    assert isinstance(view, group_page.GroupView)
    assert view.open_total == len(open_actions)
    assert [row.url for row in view.open_actions] == [
        a.url for a in open_actions[-group_page.LATEST_OPEN_ACTIONS :]
    ]
    html = page_renderer(site, make_environment([default_theme()]))(page).decode()
    assert f"{len(open_actions)} actions are open; the latest 50 are below" in html
    rows = html.split('id="actions-heading"')[1].split("</table>")[0].count("<tr>")
    assert rows == 1 + group_page.LATEST_OPEN_ACTIONS  # the heading's row and the actions


def test_a_groups_history_counts_the_actions_open_at_each_year_end(site: Site) -> None:
    lookups = Lookups(site)
    group = site.groups[0]
    view = group_page.page(group, lookups).view
    assert isinstance(view, group_page.GroupView)
    actions = [a for a in site.actions if a.group == group.slug]
    assert len(view.history) >= 3
    for row in view.history:
        end = date(row.year, 12, 31)
        expected = 0
        for action in actions:  # the status after the last change on or before the year's end
            before = [status for day, status, _ in status_changes(action, site) if day <= end]
            expected += bool(before and before[-1].is_open)
        assert row.open_at_end == expected, row.year
    assert any(row.open_at_end for row in view.history)


def test_a_person_page_lists_the_latest_meetings_and_counts_every_year(site: Site) -> None:
    lookups = Lookups(site)
    render = page_renderer(site, make_environment([default_theme()]))
    busiest = max(site.people, key=lambda p: len({m.key for m, _, _ in lookups.attended_by[p.id]}))
    attended = {m.key: m for m, _, _ in lookups.attended_by[busiest.id]}
    assert len(attended) > person_page.LATEST_MEETINGS  # else this proves nothing
    view = person_page.page(busiest, lookups).view
    assert isinstance(view, person_page.PersonView)
    listed = [row for _, rows, _ in view.attendance for row in rows]
    newest = sorted(attended.values(), key=lambda m: (m.date, m.group), reverse=True)
    assert [row.meeting.url for row in listed] == [
        m.url for m in newest[: person_page.LATEST_MEETINGS]
    ]
    # Every year counted, by group, with the same totals as the meetings themselves.
    years = {y.year: y for y in view.years}
    assert sorted(years, reverse=True) == [y.year for y in view.years]
    assert years.keys() == {m.date.year for m in attended.values()}
    for year, counted in years.items():
        held = [m for m in attended.values() if m.date.year == year]
        assert counted.meetings == len(held) == sum(n for _, n in counted.groups)
        assert counted.listed == sum(row.year == year for row in listed)
    html = render(person_page.page(busiest, lookups)).decode()
    log = html.split('id="attendance-heading"')[1]
    assert log.count('<th scope="row"><a href="../') >= person_page.LATEST_MEETINGS
    assert f"The latest {person_page.LATEST_MEETINGS} of {len(attended)} meetings" in html
    # Each year's link leads to that year on the group's page.
    group_html = render(group_page.page(site.groups[0], lookups)).decode()
    for year in years:
        assert f'id="year-{year}"' in group_html
        assert re.search(rf'href="\.\./groups/[^"#]+#year-{year}"', log), year
