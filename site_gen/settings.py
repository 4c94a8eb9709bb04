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
    # The institution's look: an image inside the content folder (named_at: where site.yaml
    # names it, for problems), and a colour for the header band and rules, "#rrggbb", with
    # the text colour that reads best on it (site_gen.colours).
    logo: str = ""
    logo_named_at: tuple[str, int] = ("", 0)
    brand_colour: str = ""
    brand_text: str = ""
