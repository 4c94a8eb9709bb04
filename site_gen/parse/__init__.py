"""Parse stage: each content file on its own, into frozen records with source lines."""

from site_gen.parse.group_file import parse_group
from site_gen.parse.meeting_file import parse_meeting
from site_gen.parse.people_file import parse_people
from site_gen.parse.records import (
    BodyRecord,
    EntryRecord,
    GroupRecord,
    HeadingRecord,
    MeetingRecord,
    MembershipRecord,
    PeopleRecord,
    PersonRecord,
    SectionRecord,
    SiteConfig,
    UpdateRecord,
)
from site_gen.parse.site_file import parse_site

__all__ = [
    "BodyRecord",
    "EntryRecord",
    "GroupRecord",
    "HeadingRecord",
    "MeetingRecord",
    "MembershipRecord",
    "PeopleRecord",
    "PersonRecord",
    "SectionRecord",
    "SiteConfig",
    "UpdateRecord",
    "parse_group",
    "parse_meeting",
    "parse_people",
    "parse_site",
]
