"""site.yaml: the site's title and settings."""

from __future__ import annotations

import re

from site_gen.load import SourceFile
from site_gen.parse.fields import FieldReader, as_mapping
from site_gen.parse.records import SiteConfig
from site_gen.problems import Problems
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
}


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
    if base_url and not base_url.lower().startswith(("https://", "http://")):
        fields.error(
            "base_url",
            f"base_url must be a web address, not {base_url!r}",
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
    return SiteConfig(
        title=fields.text("title", required=True, default="Minutes"),
        organisation=fields.text("organisation"),
        language=language,
        licence=fields.text("licence"),
        base_url=base_url.rstrip("/") + "/" if base_url else "",
        allow_raw_html=fields.flag("allow_raw_html"),
        overdue_after=overdue_after or 3,
    )
