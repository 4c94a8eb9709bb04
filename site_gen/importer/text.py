"""Small readings of a line of minutes shared by the inference steps."""

from __future__ import annotations

import html
import re

from site_gen.conventions.action_text import ACTION_ID, START_ID
from site_gen.importer.document import Line

MARKDOWN_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d{1,3}[.)])\s+(?P<text>.*)$")
_EMPHASIS = re.compile(r"(?<!\\)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
# A Markdown link or image: its words are what a reader reads ("[Jane Smith](https://...)").
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
ID = re.compile(rf"(?<![\w.]){ACTION_ID}(?![\w]|\.\d)")
REF_PHRASE = re.compile(
    rf"\b(?i:actions?)\s+{ACTION_ID}(?![\w]|\.\d)"
    rf"(?:(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s*&\s*){ACTION_ID}(?![\w]|\.\d))*"
)


# Bullets that word processors, PDFs and Word's web pages use; Markdown knows "-", "*", "+".
# Word's bullets set in the Symbol or Wingdings font come out of a PDF as characters of the
# private use area (U+F0B7, U+F0A7, ...).
_BULLETS = re.compile(r"^(\s*)[•●◦▪‣∙·\uf0b7\uf0a7\uf0a8\uf076\uf0d8\uf0fc\uf06f]\s*")


def markdown_bullets(lines: list[Line]) -> tuple[list[Line], tuple[str, ...]]:
    """Lines with their "•" bullets written as Markdown's "- ", and a note of how many."""
    out, count = [], 0
    for line in lines:
        text, found = _BULLETS.subn(r"\1- ", line.text)
        count += found
        out.append(Line(line.number, text))
    return out, ((f"{count} '•' bullets written as Markdown '- '",) if count else ())


def plain(text: str) -> str:
    """The words of a line without Markdown marks: "**Present:** A" -> "Present: A"."""
    text = text.strip()
    heading = MARKDOWN_HEADING.match(text)
    if heading:
        text = heading["title"]
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("**", "").replace("__", "")
    # A character reference is the character it names: "Ann Lee&#x20;", "Ann&nbsp;Lee".
    return " ".join(html.unescape(_ESCAPE.sub(r"\1", text)).split())


def list_item(text: str) -> str | None:
    """The text of a list item line, or None for any other line."""
    match = LIST_ITEM.match(text)
    return match["text"] if match else None


def start_id(text: str) -> tuple[str | None, str]:
    """The action id written at the start of `text`, and the rest."""
    match = START_ID.match(text)
    if not match:
        return None, text
    found = next(match[g] for g in ("p", "b", "n") if match[g])
    return found, text[match.end() :]


def word_count(text: str) -> int:
    return len(text.split())
