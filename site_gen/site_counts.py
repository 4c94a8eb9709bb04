"""What a build reports about the site it made (and a build with nothing to do reports again)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a build with nothing to do never loads the model
    from site_gen.model import Site


@dataclass(frozen=True)
class SiteCounts:
    meetings: int
    people: int
    actions: int
    drafts_left_out: int = 0

    @classmethod
    def of(cls, site: Site) -> SiteCounts:
        return cls(len(site.meetings), len(site.people), len(site.actions), site.drafts_left_out)

    def drafts_note(self) -> str:
        """ ", 2 drafts left out (--drafts previews them)", or nothing."""
        n = self.drafts_left_out
        if not n:
            return ""
        return f", {n} draft{'' if n == 1 else 's'} left out (--drafts previews them)"
