"""The site's settings (site.yaml), as the parse stage reads them and the model carries them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteConfig:
    title: str
    organisation: str = ""
    language: str = "en"
    licence: str = ""
    base_url: str = ""
    allow_raw_html: bool = False  # only for sites that trust every author
    overdue_after: int = 3  # an open action is overdue after this many later meetings
