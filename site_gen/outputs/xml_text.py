"""XML written as text, for documents of a fixed shape made in bulk (feeds, the sitemap).

Values are escaped as ElementTree escapes them, so the bytes are those ET.indent and
ET.tostring would give for the same tree (tests compare them), at a fraction of the cost
of building and walking a tree of elements.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

# What ElementTree escapes in an attribute beyond &, < and >: the quote, and the
# whitespace a parser would otherwise normalise to a space.
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def text(value: str) -> str:
    """Character data: &, < and > escaped."""
    return escape(value)


def attribute(value: str) -> str:
    """An attribute's value, to go between double quotes."""
    return escape(value, _ATTRIBUTE_ENTITIES)


def element(indent: str, tag: str, value: str) -> str:
    """One line: an element that holds only text (ElementTree's short form when empty)."""
    if not value:
        return f"{indent}<{tag} />"
    return f"{indent}<{tag}>{text(value)}</{tag}>"
