"""Text for the charts' labels: names wrapped into short lines, cut short with "…" when too long.

SVG text does not wrap, and the server cannot measure it, so labels are sized in characters.
"""

import textwrap


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
