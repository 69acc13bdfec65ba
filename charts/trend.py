"""Trend chart geometry: a value per round for each of a few lines, drawn as SVG data.

Lines differ by marker shape, dash pattern and colour, so they read in greyscale and for
colour-blind readers; past eight, no set of looks stays apart, so a chart has at most eight
lines and the caller chooses which. Points of one round that would hide each other are spread
sideways within the round's column. A missing value breaks its line rather than joining across.
Lengths are SVG user units, drawn at least one to one pixel (the CSS sees to it), so the text
is as large on a phone as on a wide screen.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from charts.labels import LabelLine, label_lines, label_lines_keeping_end

WIDTH = 720.0
FONT_SIZE = 12.0
LINE_HEIGHT = 14.0
# Average glyph width of a sans-serif font: labels are measured with it, never exactly.
CHAR_WIDTH = 0.58 * FONT_SIZE
# Each round's label gets up to this many lines below the plot.
X_LABEL_LINES = 3
# Room for the rating labels on the left, and the round labels below.
LEFT, RIGHT, TOP = 110.0, 12.0, 16.0
BOTTOM = 12.0 + X_LABEL_LINES * LINE_HEIGHT + 6.0
PLOT_HEIGHT = 230.0
HEIGHT = TOP + PLOT_HEIGHT + BOTTOM
# Past this many rounds only every n-th label is printed, so each has room.
MAX_X_LABELS = 8
# Markers are about this big: points of one round closer than this in height would hide each
# other, so they are spread sideways in the round's column, this far apart where it has room.
MARKER_SIZE = 12.0
SPREAD = 9.0


@dataclass(frozen=True)
class LineStyle:
    dash: str
    marker: str
    colour: int


# Every look has a marker of its own; dashes and colours differ between neighbours too.
LINE_STYLES = (
    LineStyle(dash="", marker="circle", colour=0),
    LineStyle(dash="9 4", marker="square", colour=1),
    LineStyle(dash="2 4", marker="triangle", colour=2),
    LineStyle(dash="12 4 2 4", marker="diamond", colour=3),
    LineStyle(dash="", marker="plus", colour=4),
    LineStyle(dash="9 4", marker="triangle-down", colour=5),
    LineStyle(dash="2 4", marker="star", colour=6),
    LineStyle(dash="12 4 2 4", marker="cross", colour=7),
)
MAX_LINES = len(LINE_STYLES)


@dataclass(frozen=True)
class TrendLine:
    """One line: its name and a value per round (None where there is none)."""

    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Tick:
    position: float
    # In full; `lines` may shorten it to fit.
    label: str
    lines: tuple[LabelLine, ...]


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    value: float


@dataclass(frozen=True)
class PlottedLine:
    name: str
    dash: str
    marker: str
    colour: int
    segments: tuple[str, ...]
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class TrendChart:
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    lines: tuple[PlottedLine, ...]
    plot_left: float = LEFT
    plot_right: float = WIDTH - RIGHT
    plot_top: float = TOP
    plot_bottom: float = HEIGHT - BOTTOM
    # The text was measured at this size, so the template sets it rather than the CSS.
    font_size: float = FONT_SIZE
    width: float = WIDTH
    view_box: str = f"0 0 {WIDTH:g} {HEIGHT:g}"


def column_width(count: int) -> float:
    return (WIDTH - LEFT - RIGHT) / count


def x_position(index: int, count: int) -> float:
    """The middle of round `index`'s column: each round has a column's width for its label."""
    return LEFT + (index + 0.5) * column_width(count)


def y_position(value: float, *, top: int) -> float:
    """1 (the lowest rating) at the bottom of the plot, `top` at its top."""
    span = max(top - 1, 1)
    return TOP + PLOT_HEIGHT - (value - 1) * PLOT_HEIGHT / span


def spread_positions(lines: Sequence[TrendLine], *, count: int, top: int) -> list[list[float]]:
    """Each line's x per round: the middle of the round's column, except where points of that
    round lie within MARKER_SIZE of each other in height; those are spread sideways, in the
    order of the lines, centred on the middle and kept inside the column."""
    xs = [[x_position(index, count) for index in range(count)] for _ in lines]
    for index in range(count):
        heights = sorted(
            (y_position(value, top=top), number)
            for number, line in enumerate(lines)
            if (value := line.values[index]) is not None
        )
        clusters: list[list[int]] = []
        previous = -math.inf
        for height, number in heights:
            if height - previous < MARKER_SIZE:
                clusters[-1].append(number)
            else:
                clusters.append([number])
            previous = height
        for cluster in clusters:
            gap = min(SPREAD, 0.8 * column_width(count) / max(len(cluster) - 1, 1))
            for place, number in enumerate(sorted(cluster)):
                xs[number][index] += (place - (len(cluster) - 1) / 2) * gap
    return xs


def plot_line(line: TrendLine, style: LineStyle, *, xs: Sequence[float], top: int) -> PlottedLine:
    segments: list[str] = []
    markers: list[Marker] = []
    run: list[str] = []
    for x, value in zip(xs, line.values, strict=True):
        if value is None:
            if run:
                segments.append(" ".join(run))
            run = []
            continue
        y = y_position(value, top=top)
        markers.append(Marker(x=round(x, 2), y=round(y, 2), value=value))
        run.append(f"{x:.2f},{y:.2f}")
    if run:
        segments.append(" ".join(run))
    return PlottedLine(
        name=line.name,
        dash=style.dash,
        marker=style.marker,
        colour=style.colour,
        # A single point is not a line: its marker shows it.
        segments=tuple(segment for segment in segments if " " in segment),
        markers=tuple(markers),
    )


def round_ticks(rounds: Sequence[str]) -> tuple[Tick, ...]:
    """A label under every round, or every n-th past MAX_X_LABELS, wrapped into the columns
    it may use."""
    count = len(rounds)
    step = math.ceil(count / MAX_X_LABELS)
    characters = max(int(step * column_width(count) / CHAR_WIDTH) - 1, 4)
    return tuple(
        Tick(
            position=x_position(index, count),
            label=label,
            lines=tuple(
                LabelLine(text=text, y=TOP + PLOT_HEIGHT + 20 + number * LINE_HEIGHT)
                for number, text in enumerate(
                    label_lines_keeping_end(label, width=characters, max_lines=X_LABEL_LINES)
                )
            ),
        )
        for index, label in enumerate(rounds)
        if index % step == 0
    )


def rating_ticks(ratings: Sequence[str]) -> tuple[Tick, ...]:
    characters = int((LEFT - 8) / CHAR_WIDTH)
    ticks = []
    for value, label in enumerate(ratings, start=1):
        position = y_position(value, top=len(ratings))
        # The baseline a third of the text's height below the gridline centres it there.
        text = label_lines(label, width=characters, max_lines=1)[0]
        line = LabelLine(text=text, y=round(position + FONT_SIZE / 3, 2))
        ticks.append(Tick(position=position, label=label, lines=(line,)))
    return tuple(ticks)


def trend_chart(
    *, rounds: Sequence[str], ratings: Sequence[str], lines: Sequence[TrendLine]
) -> TrendChart | None:
    """A chart of `lines` (at most MAX_LINES) over `rounds` (their labels, oldest first) on
    the scale `ratings` (lowest first); None when there is nothing to draw."""
    if len(lines) > MAX_LINES:
        raise ValueError(f"A trend chart has at most {MAX_LINES} lines, not {len(lines)}.")
    if not rounds or not ratings or not any(v is not None for line in lines for v in line.values):
        return None
    top = len(ratings)
    xs = spread_positions(lines, count=len(rounds), top=top)
    return TrendChart(
        x_ticks=round_ticks(rounds),
        y_ticks=rating_ticks(ratings),
        lines=tuple(
            plot_line(line, style, xs=line_xs, top=top)
            for line, style, line_xs in zip(lines, LINE_STYLES, xs, strict=False)
        ),
    )
