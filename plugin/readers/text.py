"""Plain text files and HTML mail bodies.

HTML is turned into text by one forward scan (`html_to_text`): each search for a tag's end
either moves the scan past what it searched or ends it, so the cost is linear in the markup.
(Regular expressions such as `<script.*?</script>` over the whole body were quadratic on a
body of 100,000 unclosed `<title` or `<br` tags.)"""

from __future__ import annotations

import html
import re

from .model import Extracted, Limits, bounded

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_NAME = re.compile(r"\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]{0,20})")
_DROP = {"script", "style", "head", "title"}       # elements whose content is no text
_BREAKS = {"/p", "/div", "/tr", "/li", "/table", "/blockquote", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6"}
_SPACES = re.compile(r"[ \t\u00a0]+")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is taken as cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read(name: str, data: bytes, limits: Limits) -> Extracted:
    # Decoding more than needed is wasted work: 4 bytes per character is the UTF-8 maximum.
    text = decode(data[: limits.max_text_chars * 4]).replace("\r\n", "\n").replace("\r", "\n")
    return Extracted(name=name, kind="txt", text=bounded(text, limits))


def html_to_text(markup: str) -> str:
    """Readable text from an HTML body: block ends become line breaks, cells tabs, entities decoded."""
    lower = markup.lower()
    out: list[str] = []
    unclosed: set[str] = set()   # elements with no end tag after the scan's position: never searched again
    position, end = 0, len(markup)
    while position < end:
        start = markup.find("<", position)
        if start == -1:
            out.append(markup[position:])
            break
        out.append(markup[position:start])
        if markup.startswith("<!--", start):
            close = markup.find("-->", start + 4)
            if close == -1:   # an unclosed comment hides the rest
                break
            out.append(" ")
            position = close + 3
            continue
        close = markup.find(">", start + 1)
        if close == -1:   # no tag ends after here: the rest is text, as written
            out.append(markup[start:])
            break
        position = close + 1
        name = _NAME.match(markup, start + 1, close)
        if name is None:
            continue
        slash, tag = name.group(1), name.group(2).lower()
        if not slash and tag in _DROP and tag not in unclosed:
            finish = lower.find(f"</{tag}", position)
            if finish == -1:
                unclosed.add(tag)
            else:
                after = markup.find(">", finish)
                position = after + 1 if after != -1 else end
                out.append(" ")
        elif tag == "br" and not slash or slash + tag in _BREAKS:
            out.append("\n")
        elif slash and tag in ("td", "th"):
            out.append("\t")
    text = html.unescape("".join(out))
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "").split("\n"))
    return collapse_blank_lines(lines).strip()


def collapse_blank_lines(lines) -> str:
    """The lines joined, with runs of blank lines made one blank line (linear, unlike a regex)."""
    out: list[str] = []
    blank = 0
    for line in lines:
        blank = blank + 1 if not line.strip() else 0
        if blank < 2:
            out.append(line)
    return "\n".join(out)
