"""Trend chart geometry: a value per round for each of several lines, drawn as SVG data.

Lines differ by dash pattern and marker shape as well as colour, so they read in greyscale and
for colour-blind readers; a missing value breaks its line rather than joining across it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640.0
HEIGHT = 300.0
# Room for the rating labels on the left and half a date label on the right.
LEFT, RIGHT, TOP, BOTTOM = 110.0, 44.0, 16.0, 44.0
DASHES = ("", "9 4", "2 4", "12 4 2 4")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
COLOURS = 6
# Past this many rounds only every n-th label is printed, so they do not overlap.
MAX_X_LABELS = 8


@dataclass(frozen=True)
class TrendLine:
    """One line: its name and a value per round (None where there is none)."""

    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


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
    view_box: str = f"0 0 {WIDTH:g} {HEIGHT:g}"


def x_position(index: int, count: int) -> float:
    if count == 1:
        return (LEFT + WIDTH - RIGHT) / 2
    return LEFT + index * (WIDTH - LEFT - RIGHT) / (count - 1)


def y_position(value: float, *, top: int) -> float:
    """1 (the lowest rating) at the bottom of the plot, `top` at its top."""
    span = max(top - 1, 1)
    return HEIGHT - BOTTOM - (value - 1) * (HEIGHT - TOP - BOTTOM) / span


def plot_line(line: TrendLine, index: int, *, count: int, top: int) -> PlottedLine:
    segments: list[str] = []
    markers: list[Marker] = []
    run: list[str] = []
    for position, value in enumerate(line.values):
        if value is None:
            if run:
                segments.append(" ".join(run))
            run = []
            continue
        x, y = x_position(position, count), y_position(value, top=top)
        markers.append(Marker(x=round(x, 2), y=round(y, 2), value=value))
        run.append(f"{x:.2f},{y:.2f}")
    if run:
        segments.append(" ".join(run))
    return PlottedLine(
        name=line.name,
        dash=DASHES[index % len(DASHES)],
        marker=MARKERS[index % len(MARKERS)],
        colour=index % COLOURS,
        # A single point is not a line: its marker shows it.
        segments=tuple(segment for segment in segments if " " in segment),
        markers=tuple(markers),
    )


def trend_chart(
    *, rounds: Sequence[str], ratings: Sequence[str], lines: Sequence[TrendLine]
) -> TrendChart | None:
    """A chart of `lines` over `rounds` (oldest first) on the scale `ratings` (lowest first);
    None when there is nothing to draw."""
    if not rounds or not ratings or not any(v is not None for line in lines for v in line.values):
        return None
    top = len(ratings)
    step = -(-len(rounds) // MAX_X_LABELS)
    return TrendChart(
        x_ticks=tuple(
            Tick(position=x_position(index, len(rounds)), label=label)
            for index, label in enumerate(rounds)
            if index % step == 0
        ),
        y_ticks=tuple(
            Tick(position=y_position(value, top=top), label=label)
            for value, label in enumerate(ratings, start=1)
        ),
        lines=tuple(
            plot_line(line, index, count=len(rounds), top=top) for index, line in enumerate(lines)
        ),
    )
