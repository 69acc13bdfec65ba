"""Radar chart geometry: categories, a scale and series of ratings in, SVG drawing data out."""

import itertools
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from django.utils.text import get_text_list
from django.utils.translation import gettext

# Fewer spokes than this draw a line or a point, not a shape: the table says it better.
MIN_CATEGORIES = 3
# Lengths are in SVG user units; the centre is (0, 0) and the outer ring has this radius.
RADIUS = 140.0
LABEL_GAP = 10.0
FONT_SIZE = 17.0
LINE_HEIGHT = 19.0
# How far a line's baseline sits below the top of its line box.
ASCENT = 0.8
# Average glyph width of a sans-serif font: labels are measured with it, never exactly.
CHAR_WIDTH = 0.58 * FONT_SIZE
# Labels keep this much room between them side by side.
LABEL_PADDING = 6.0
MARGIN = 4.0
# How much further out a label may move to clear its neighbours.
MAX_LIFT = 2 * LINE_HEIGHT
# (characters per line, lines) for a category's label, from roomiest to most crowded.
LABEL_SIZES = ((14, 3), (14, 2), (11, 2), (18, 1), (14, 1), (11, 1), (8, 1))
# A spoke this close to vertical gets a label centred on it, else one leaning away from it.
CENTRED_LABEL_SLOPE = 0.15

SeriesStyle = Literal["solid", "dashed", "dotted"]
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]

    @property
    def svg_points(self) -> str:
        """The `points` attribute of an SVG polygon."""
        return " ".join(f"{point.x:g},{point.y:g}" for point in self.points)


@dataclass(frozen=True)
class Series:
    """One shape to draw: ratings by category slug; a missing slug sits at the centre."""

    name: str
    values: Mapping[str, float | None]
    style: SeriesStyle = "solid"


@dataclass(frozen=True)
class LabelLine:
    text: str
    y: float


@dataclass(frozen=True)
class Label:
    name: str
    x: float
    anchor: Anchor
    lines: tuple[LabelLine, ...]


@dataclass(frozen=True)
class Spoke:
    slug: str
    end: Point
    label: Label


@dataclass(frozen=True)
class Ring(Polygon):
    rating: int
    label: str


@dataclass(frozen=True)
class SeriesShape(Polygon):
    name: str
    style: SeriesStyle


@dataclass(frozen=True)
class RadarChart:
    view_box: tuple[float, float, float, float]
    ratings: tuple[str, ...]
    spokes: tuple[Spoke, ...]
    rings: tuple[Ring, ...]
    series: tuple[SeriesShape, ...]

    # The labels were measured at this size, so the template sets it rather than the CSS.
    font_size: float = FONT_SIZE

    @property
    def svg_view_box(self) -> str:
        return " ".join(f"{value:g}" for value in self.view_box)

    @property
    def series_names(self) -> str:
        """The series' names as one phrase ("a, b and c"), joined in the reader's language."""
        return get_text_list([shape.name for shape in self.series], gettext("and"))

    @property
    def series_in_drawing_order(self) -> list[SeriesShape]:
        """Filled (solid) shapes first, so the outlines drawn over them stay visible."""
        return sorted(self.series, key=lambda shape: shape.style != "solid")


def radar_chart(
    *,
    categories: Sequence[Sequence[str]],
    ratings: Sequence[str],
    series: Sequence[Series],
) -> RadarChart | None:
    """Drawing data for a radar chart of `series` over `categories` ([name, slug] pairs).

    One spoke per category, clockwise from the top; one ring per rating, the top rating on the
    outer ring; a rating of r lies r/len(ratings) of the way out. Returns None for fewer than
    MIN_CATEGORIES categories or an empty scale, where a chart would mislead.
    """
    count, top = len(categories), len(ratings)
    if count < MIN_CATEGORIES or top == 0:
        return None
    directions = [spoke_direction(index, count) for index in range(count)]
    labels = category_labels([name for name, _ in categories], directions)
    spokes = tuple(
        Spoke(slug=slug, end=point_at(direction, RADIUS), label=label)
        for (_, slug), direction, label in zip(categories, directions, labels, strict=True)
    )
    rings = tuple(
        Ring(
            rating=step,
            label=ratings[step - 1],
            points=tuple(point_at(direction, RADIUS * step / top) for direction in directions),
        )
        for step in range(1, top + 1)
    )
    shapes = tuple(
        SeriesShape(
            name=one.name,
            style=one.style,
            points=tuple(
                point_at(direction, RADIUS * on_scale(one.values.get(slug), top) / top)
                for (_, slug), direction in zip(categories, directions, strict=True)
            ),
        )
        for one in series
    )
    return RadarChart(
        view_box=view_box([spoke.label for spoke in spokes]),
        ratings=tuple(ratings),
        spokes=spokes,
        rings=rings,
        series=shapes,
    )


def spoke_direction(index: int, count: int) -> tuple[float, float]:
    """Unit vector of spoke `index` of `count`: the first points up, the rest follow clockwise."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return math.cos(angle), math.sin(angle)


def point_at(direction: tuple[float, float], distance: float) -> Point:
    # Two decimals are finer than any screen and keep the page small.
    return Point(round(direction[0] * distance, 2) + 0.0, round(direction[1] * distance, 2) + 0.0)


def on_scale(value: float | None, top: int) -> float:
    """A rating (or an average of ratings) as a distance in steps: unrated is the centre,
    nothing beyond the top."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return 0
    return max(0, min(value, top))


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


def category_labels(names: Sequence[str], directions: Sequence[tuple[float, float]]) -> list[Label]:
    """Labels as long as they can be without overlapping their neighbours.

    While some overlap, a label centred on a vertical spoke first moves further out (its
    neighbours lean sideways, so a little height clears them), then the biggest overlapping
    label is cut shorter, and labels that cannot get shorter move outwards, until none
    overlap or none can change any more.
    """
    count = len(names)
    steps, lifts = [0] * count, [0.0] * count
    centred = [abs(dx) < CENTRED_LABEL_SLOPE for dx, _ in directions]

    def place(k: int) -> Label:
        return category_label(names[k], directions[k], *LABEL_SIZES[steps[k]], lift=lifts[k])

    labels = [place(k) for k in range(count)]
    boxes = [label_box(label) for label in labels]
    overlaps = {
        (i, j)
        for i, j in itertools.combinations(range(count), 2)
        if boxes_overlap(boxes[i], boxes[j])
    }
    while True:
        crowded = {k for pair in overlaps for k in pair}
        # One change at a time, so no label is cut for a clash an earlier change solved.
        movable = [k for k in crowded if lifts[k] < MAX_LIFT]
        shrinkable = [k for k in crowded if steps[k] < len(LABEL_SIZES) - 1]
        if centred_movable := [k for k in movable if centred[k]]:
            changed = min(centred_movable)
            lifts[changed] += LINE_HEIGHT / 2
        elif shrinkable:
            changed = max(shrinkable, key=lambda k: (box_area(boxes[k]), -k))
            steps[changed] += 1
        elif movable:
            # As short as they go and still touching: move the one nearest upright outwards.
            changed = max(movable, key=lambda k: (abs(directions[k][1]), -k))
            lifts[changed] += LINE_HEIGHT / 2
        else:
            return labels
        labels[changed] = place(changed)
        boxes[changed] = label_box(labels[changed])
        overlaps = {pair for pair in overlaps if changed not in pair} | {
            (min(k, changed), max(k, changed))
            for k in range(count)
            if k != changed and boxes_overlap(boxes[k], boxes[changed])
        }


def category_label(
    name: str, direction: tuple[float, float], width: int, max_lines: int, *, lift: float = 0.0
) -> Label:
    dx, dy = direction
    anchor_point = point_at(direction, RADIUS + LABEL_GAP + lift)
    if abs(dx) < CENTRED_LABEL_SLOPE:
        anchor: Anchor = "middle"
    else:
        anchor = "start" if dx > 0 else "end"
    lines = label_lines(name, width=width, max_lines=max_lines)
    # The block of lines sits above the spoke's end at the top, below it at the bottom and
    # centred on it at the sides; `above` slides smoothly between those.
    above = (1 - dy) / 2
    first_baseline = anchor_point.y + ASCENT * LINE_HEIGHT - len(lines) * LINE_HEIGHT * above
    return Label(
        name=name,
        x=anchor_point.x,
        anchor=anchor,
        lines=tuple(
            LabelLine(text=text, y=round(first_baseline + index * LINE_HEIGHT, 2))
            for index, text in enumerate(lines)
        ),
    )


Box = tuple[float, float, float, float]


def label_box(label: Label) -> Box:
    """(left, top, right, bottom) a label is expected to cover, from average glyph widths."""
    width = max(len(line.text) for line in label.lines) * CHAR_WIDTH
    left = {"start": 0, "middle": width / 2, "end": width}[label.anchor]
    top = label.lines[0].y - ASCENT * LINE_HEIGHT
    bottom = label.lines[-1].y + (1 - ASCENT) * LINE_HEIGHT
    return (label.x - left, top, label.x - left + width, bottom)


def boxes_overlap(first: Box, second: Box) -> bool:
    return (
        first[0] < second[2] + LABEL_PADDING
        and second[0] < first[2] + LABEL_PADDING
        and first[1] < second[3]
        and second[1] < first[3]
    )


def box_area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def view_box(labels: Sequence[Label]) -> tuple[float, float, float, float]:
    """A box holding the rings and every label, centred left to right on the chart's centre."""
    half_width, top, bottom = RADIUS, -RADIUS, RADIUS
    for left, label_top, right, label_bottom in map(label_box, labels):
        half_width = max(half_width, -left, right)
        top, bottom = min(top, label_top), max(bottom, label_bottom)
    half_width = math.ceil(half_width + MARGIN)
    top, bottom = math.floor(top - MARGIN), math.ceil(bottom + MARGIN)
    return (-half_width, top, 2 * half_width, bottom - top)
