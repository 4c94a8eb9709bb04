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

    @classmethod
    def of(cls, site: Site) -> SiteCounts:
        return cls(len(site.meetings), len(site.people), len(site.actions))
