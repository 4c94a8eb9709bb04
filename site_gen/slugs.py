"""Readable, safe ASCII slugs for page addresses and anchors."""

import re

from anyascii import anyascii

from site_gen.unicode_text import folded

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Slugs name files: a long name must still make a file name (at most 255 bytes) with room
# for a suffix and an extension. Whole words are kept, the last one cut only if alone.
MAX_SLUG = 80


def slugify(text: str, max_words: int | None = None) -> str:
    """Return a lowercase ASCII slug: letters, digits and single hyphens.

    Any script is transliterated ("Siân Ó Súilleabháin" -> "sian-o-suilleabhain"), so
    the result is always safe as a file name: no dots, slashes or spaces survive. Text is
    folded first (unicode_text.folded), so invisible characters never split a word.
    """
    words = _NOT_SLUG.sub(" ", anyascii(folded(text)).lower()).split()
    if max_words is not None:
        words = words[:max_words]
    slug = "-".join(words)
    if len(slug) > MAX_SLUG:
        cut = slug.rfind("-", 0, MAX_SLUG + 1)
        slug = slug[: cut if cut > 0 else MAX_SLUG]
    return slug


def unique_slug(base: str, taken: set[str], fallback: str = "item") -> str:
    """`base` (or `fallback` if empty), suffixed -2, -3 ... until not in `taken`; recorded."""
    stem = base or fallback
    slug, n = stem, 1
    while slug in taken:
        n += 1
        slug = f"{stem}-{n}"
    taken.add(slug)
    return slug
