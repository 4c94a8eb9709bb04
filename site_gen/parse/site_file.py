"""site.yaml: the site's title and settings."""

from __future__ import annotations

import re

from site_gen import colours
from site_gen.load import SourceFile
from site_gen.parse.fields import FieldReader, as_mapping
from site_gen.parse.records import SiteConfig
from site_gen.problems import Problems
from site_gen.urls import is_site_address
from site_gen.yaml_lines import parse_yaml

# A BCP 47 language tag's shape (RFC 5646 section 2.1): a 2-3 letter language (or 4-8 for
# registered ones), then subtags of 1-8 letters or digits. Enough to keep it a plain name.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*", re.ASCII)

SITE_KEYS = {
    "title",
    "organisation",
    "language",
    "licence",
    "base_url",
    "allow_raw_html",
    "private",
    "overdue_after",
    "logo",
    "brand_colour",
}
# Images a browser only shows: never SVG, which can carry scripts (site_gen.paper_types).
LOGO_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".gif")


def parse_site(source: SourceFile | None, problems: Problems) -> SiteConfig:
    if source is None:
        return SiteConfig(title="Minutes")
    data = parse_yaml(source.text, source.path, problems)
    mapping = as_mapping(data, source.path, 1, problems, "site.yaml") if data is not None else None
    if mapping is None:
        return SiteConfig(title="Minutes")
    fields = FieldReader(mapping, source.path, problems, "site.yaml")
    fields.unknown_keys(SITE_KEYS)
    base_url = fields.text("base_url")
    if base_url and not is_site_address(base_url):
        fields.error(
            "base_url",
            f"base_url must be a web address (https://host/path/), not {base_url!r}",
            "write it in full, e.g. 'base_url: https://minutes.example.org/'",
            code="bad-url",
        )
        base_url = ""
    overdue_after = fields.integer("overdue_after")
    if overdue_after == 0:
        fields.error(
            "overdue_after",
            "'overdue_after' must be at least 1",
            "the number of later meetings after which an open action is overdue, e.g. 3",
            code="out-of-range",
        )
    language = fields.text("language", default="en")
    if not LANGUAGE_TAG.fullmatch(language):
        # It reaches file names (Pagefind names its index files by it) and markup attributes.
        fields.error(
            "language",
            f"language {language!r} is not a language tag",
            "write a BCP 47 tag: letters, digits and hyphens, e.g. en, en-GB, cy or fr-CA",
            code="bad-language",
        )
        language = "en"
    colour = _brand_colour(fields)
    logo = _logo(fields)
    return SiteConfig(
        title=fields.text("title", required=True, default="Minutes"),
        organisation=fields.text("organisation"),
        language=language,
        licence=fields.text("licence"),
        base_url=base_url.rstrip("/") + "/" if base_url else "",
        allow_raw_html=fields.flag("allow_raw_html"),
        overdue_after=overdue_after or 3,
        logo=logo,
        logo_named_at=(source.path, fields.line("logo")) if logo else ("", 0),
        brand_colour=colour,
        brand_text=colours.brand(colour).on_colour if colour else "",
    )


def _logo(fields: FieldReader) -> str:
    """The logo's path inside the content folder, if it names an image (found at load)."""
    logo = fields.text("logo")
    if logo and not logo.lower().endswith(LOGO_TYPES):
        fields.error(
            "logo",
            f"logo {logo!r} is not an image file",
            "name an image inside the content folder: " + ", ".join(LOGO_TYPES),
            code="bad-logo",
        )
        return ""
    return logo


def _brand_colour(fields: FieldReader) -> str:
    """'#rrggbb', checked against white (WCAG 2.2): the theme draws rules and borders in it."""
    written = fields.text("brand_colour")
    if not written:
        return ""
    colour = colours.parse_hex(written)
    if colour is None:
        fields.error(
            "brand_colour",
            f"brand_colour {written!r} is not a colour",
            "write it as a hex colour, e.g. 'brand_colour: \"#1d4f91\"' (quoted: YAML reads # "
            "as a comment)",
            code="bad-colour",
        )
        return ""
    ratio = colours.contrast(colour, colours.WHITE)
    if ratio < colours.GRAPHIC_CONTRAST:
        suggestion = colours.darkened_until(colour, colours.GRAPHIC_CONTRAST)
        fields.problems.warning(
            fields.path,
            fields.line("brand_colour"),
            f"brand_colour {colour} has a contrast of {ratio:.2f}:1 with white, below the "
            f"{colours.GRAPHIC_CONTRAST:.0f}:1 that WCAG 2.2 (1.4.11) asks of the rules and "
            "borders drawn in it",
            f'choose a darker shade, e.g. "{suggestion}"',
            code="low-contrast",
        )
    return colour
