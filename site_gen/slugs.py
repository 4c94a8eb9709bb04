"""Readable, safe ASCII slugs for page addresses and anchors."""

import re

from anyascii import anyascii

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_words: int | None = None) -> str:
    """Return a lowercase ASCII slug: letters, digits and single hyphens.

    Any script is transliterated ("Siân Ó Súilleabháin" -> "sian-o-suilleabhain"), so
    the result is always safe as a file name: no dots, slashes or spaces survive.
    """
    words = _NOT_SLUG.sub(" ", anyascii(text).lower()).split()
    if max_words is not None:
        words = words[:max_words]
    return "-".join(words)


def unique_slug(base: str, taken: set[str], fallback: str = "item") -> str:
    """`base` (or `fallback` if empty), suffixed -2, -3 ... until not in `taken`; recorded."""
    stem = base or fallback
    slug, n = stem, 1
    while slug in taken:
        n += 1
        slug = f"{stem}-{n}"
    taken.add(slug)
    return slug
