"""A site's brand colour: read from "#1d4f91" or "#16a", and judged by WCAG 2.2 contrast.

The colour fills the header band (its text is white, near-black or black, whichever reads)
and draws the rules and borders of the theme on white, where WCAG 1.4.11 asks 3:1 of
things a reader must see. Links keep the theme's own blue: a brand colour is not asked to
be a text colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WHITE = "#ffffff"
NEAR_BLACK = "#0b0c0c"
BLACK = "#000000"
TEXT_CONTRAST = 4.5  # WCAG 1.4.3, normal text
GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11, borders and rules a reader must see
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def parse_hex(text: str) -> str | None:
    """'#16A' or '#1166aa' as '#1166aa'; None for anything else."""
    if not _HEX.fullmatch(text):
        return None
    digits = text[1:].lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of '#rrggbb' (WCAG 2.2's definition)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two '#rrggbb' colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darker(colour: str, step: float = 0.95) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * step):02x}" for c in (r, g, b))


def darkened_until(colour: str, ratio: float) -> str:
    """The nearest darker shade of `colour` that has `ratio` against white."""
    while contrast(colour, WHITE) < ratio:
        colour = darker(colour)
    return colour


@dataclass(frozen=True)
class Brand:
    """The colours the theme is given: the band and the text written on it."""

    colour: str
    on_colour: str  # white, near-black or black: the first that reads at 4.5:1


def brand(colour: str) -> Brand:
    """Every colour reads at 4.5:1 with white or with black (the larger of the two ratios is
    never below 4.58:1); near-black is softer, and chosen where it reads as well."""
    for on in (WHITE, NEAR_BLACK):
        if contrast(colour, on) >= TEXT_CONTRAST:
            return Brand(colour, on)
    return Brand(colour, BLACK)
