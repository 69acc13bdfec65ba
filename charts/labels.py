"""Text for the charts' labels: names wrapped into short lines, cut short with "…" when too long.

SVG text does not wrap, and the server cannot measure it, so labels are sized in characters.
"""

import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelLine:
    """One line of a label and the y of its baseline."""

    text: str
    y: float


def label_lines(name: str, *, width: int, max_lines: int) -> list[str]:
    """The name wrapped into at most `max_lines` lines of `width` characters, cut short with "…".

    Words are never split: a word too long for a line ends the label there.
    """
    lines = textwrap.wrap(name, width=width, break_long_words=False) or [""]
    first_too_long = next((i for i, line in enumerate(lines) if len(line) > width), len(lines))
    if first_too_long == len(lines) and len(lines) <= max_lines:
        return lines
    last = min(first_too_long, max_lines - 1)
    return [*lines[:last], with_ellipsis(lines[last], width=width)]


def with_ellipsis(line: str, *, width: int) -> str:
    """The line ended with "…" within `width`, dropping whole words where it can."""
    if len(line) < width:
        return line.rstrip(" ,:;-") + "…"
    words = line.split()
    if len(words) > 1:
        return with_ellipsis(" ".join(words[:-1]), width=width)
    return line[: width - 1] + "…"


def label_lines_keeping_end(name: str, *, width: int, max_lines: int) -> list[str]:
    """Like label_lines, but a name too long loses words from its middle rather than its end:
    its first line stays, ended with "…", and so do as many of its last words as fill the other
    lines, since the end of a name (a date, a month) is often what tells it from its neighbours.
    """
    lines = textwrap.wrap(name, width=width, break_long_words=False) or [""]
    if len(lines) <= max_lines and all(len(line) <= width for line in lines):
        return lines
    first = with_ellipsis(lines[0], width=width)
    rest = name.split()[len(lines[0].split()) :]
    return [first, *last_lines(rest, width=width, count=max_lines - 1)]


def last_lines(words: list[str], *, width: int, count: int) -> list[str]:
    """As many of the last words as fill `count` lines of `width`, wrapped from the end."""
    lines: list[str] = []
    for word in reversed(words):
        if len(word) > width:
            word = word[: width - 1] + "…"
        if lines and len(word) + 1 + len(lines[0]) <= width:
            lines[0] = f"{word} {lines[0]}"
        elif len(lines) < count:
            lines.insert(0, word)
        else:
            break
    return lines
