"""Radar chart geometry: categories, a scale and series of ratings in, SVG drawing data out.

Every series stays visible where series coincide: each has its own marker, and they nest, the
series drawn later smaller than those beneath it. A category without a value (not applicable,
not rated, no target) is a gap in its series, never a point at the centre.
"""

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from django.utils.text import get_text_list
from django.utils.translation import gettext

from charts.labels import LabelLine, label_lines

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
# Each ring's number; the scale's words are in the legend, where they can be read on a phone.
RING_NUMBER_SIZE = 12.0
# Room kept between a ring's number and the nearest marker on a spoke.
RING_NUMBER_GAP = 1.5

SeriesStyle = Literal["solid", "dashed", "dotted"]
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Point:
    x: float
    y: float


# (left, top, right, bottom)
Box = tuple[float, float, float, float]


def svg_points(points: Sequence[Point]) -> str:
    """The `points` attribute of an SVG polygon or polyline."""
    return " ".join(f"{point.x:g},{point.y:g}" for point in points)


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]

    @property
    def svg_points(self) -> str:
        return svg_points(self.points)


@dataclass(frozen=True)
class Marker:
    """The symbol drawn at each point of a series: an SVG path around (0, 0)."""

    shape: str
    path: str
    stroke_width: float
    # How far from its point the symbol reaches, half its outline's stroke included.
    reach: float


def circle_marker(radius: float) -> Marker:
    return Marker(
        shape="circle",
        path=f"M{-radius:g},0a{radius:g},{radius:g} 0 1,0 {2 * radius:g},0"
        f"a{radius:g},{radius:g} 0 1,0 {-2 * radius:g},0Z",
        stroke_width=0,
        reach=radius,
    )


def square_marker(half_side: float, *, stroke_width: float) -> Marker:
    return Marker(
        shape="square",
        path=f"M{-half_side:g},{-half_side:g}h{2 * half_side:g}v{2 * half_side:g}"
        f"h{-2 * half_side:g}Z",
        stroke_width=stroke_width,
        reach=round((half_side + stroke_width / 2) * math.sqrt(2), 2),
    )


def diamond_marker(half_diagonal: float, *, stroke_width: float) -> Marker:
    h = half_diagonal
    return Marker(
        shape="diamond",
        path=f"M0,{-h:g} {h:g},0 0,{h:g} {-h:g},0Z",
        stroke_width=stroke_width,
        # The stroke's mitre at the tips reaches √2 times its half width beyond them.
        reach=round(h + stroke_width / 2 * math.sqrt(2), 2),
    )


# Largest first, which is the order they are drawn in: where points coincide, each marker sits
# inside the one beneath, so a filled disc, an open square and a small diamond all show.
MARKERS: dict[SeriesStyle, Marker] = {
    "solid": circle_marker(7.0),
    "dashed": square_marker(3.5, stroke_width=2.0),
    "dotted": diamond_marker(3.25, stroke_width=1.0),
}
LARGEST_REACH = max(marker.reach for marker in MARKERS.values())


@dataclass(frozen=True)
class Series:
    """One shape to draw: ratings by category slug; a slug missing or None is a gap."""

    name: str
    values: Mapping[str, float | None]
    style: SeriesStyle = "solid"


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
    # The baseline's middle of the ring's number, or None where the number would touch a spoke
    # (and so a data point) or a category's label: crowded charts leave inner rings unnumbered.
    number_at: Point | None = None


@dataclass(frozen=True)
class SeriesShape:
    name: str
    style: SeriesStyle
    # One per spoke, None where the series has no value.
    points: tuple[Point | None, ...]

    @property
    def marker(self) -> Marker:
        return MARKERS[self.style]

    @property
    def marked_points(self) -> list[Point]:
        return [point for point in self.points if point is not None]

    @property
    def closed(self) -> bool:
        """Whether the series goes all the way round, with no gap."""
        return None not in self.points

    @property
    def runs(self) -> list[tuple[Point, ...]]:
        """The points between gaps, in order round the chart: each run of two or more is a line
        (a point alone has only its marker). A series without gaps is one run."""
        count = len(self.points)
        if self.closed:
            return [tuple(self.points)]  # type: ignore[arg-type]
        # Start after a gap, so no run is split where the circle closes.
        start = next(i for i in range(count) if self.points[i - 1] is None)
        runs: list[tuple[Point, ...]] = []
        run: list[Point] = []
        for offset in range(count):
            point = self.points[(start + offset) % count]
            if point is None:
                runs.append(tuple(run))
                run = []
            else:
                run.append(point)
        runs.append(tuple(run))
        return [run for run in runs if len(run) > 1]

    @property
    def svg_lines(self) -> list[str]:
        """The `points` of each polyline of a series with gaps."""
        return [svg_points(run) for run in self.runs]

    @property
    def svg_areas(self) -> list[str]:
        """The `points` of the filled shape: the whole polygon, or with gaps a fan from the
        centre over each run, so no area is claimed beside a category without a value."""
        if self.closed:
            return [svg_points(self.marked_points)]
        return [svg_points((Point(0, 0), *run)) for run in self.runs]


@dataclass(frozen=True)
class RadarChart:
    view_box: tuple[float, float, float, float]
    ratings: tuple[str, ...]
    spokes: tuple[Spoke, ...]
    rings: tuple[Ring, ...]
    series: tuple[SeriesShape, ...]

    # The labels were measured at these sizes, so the template sets them rather than the CSS.
    font_size: float = FONT_SIZE
    ring_number_size: float = RING_NUMBER_SIZE

    @property
    def svg_view_box(self) -> str:
        return " ".join(f"{value:g}" for value in self.view_box)

    @property
    def series_names(self) -> str:
        """The series' names as one phrase ("a, b and c"), joined in the reader's language."""
        return get_text_list([shape.name for shape in self.series], gettext("and"))

    @property
    def series_in_drawing_order(self) -> list[SeriesShape]:
        """Largest markers (and widest lines) first, so those drawn over them sit inside."""
        return sorted(self.series, key=lambda shape: -shape.marker.reach)

    @property
    def markers(self) -> list[Marker]:
        """Each marker the series use, once."""
        return list({shape.marker.shape: shape.marker for shape in self.series}.values())


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
            number_at=ring_number_at(step, top=top, spokes=spokes),
        )
        for step in range(1, top + 1)
    )
    shapes = tuple(
        SeriesShape(
            name=one.name,
            style=one.style,
            points=tuple(
                series_point(direction, one.values.get(slug), top=top)
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


def series_point(direction: tuple[float, float], value: object, *, top: int) -> Point | None:
    steps = on_scale(value, top)
    return None if steps is None else point_at(direction, RADIUS * steps / top)


def on_scale(value: object, top: int) -> float | None:
    """A rating (or an average of ratings) as a distance in steps, nothing beyond the top;
    None for no value at all, which the chart shows as a gap."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    return max(0, min(value, top))


def ring_number_at(step: int, *, top: int, spokes: Sequence[Spoke]) -> Point | None:
    """Where ring `step` gets its number: the middle of its edge between the first two spokes,
    the roomiest place that is not on a spoke, if the number clears every spoke by more than
    the largest marker (data points lie only on spokes)."""
    first, second = (point_at(spoke_direction(i, len(spokes)), RADIUS * step / top) for i in (0, 1))
    middle = Point((first.x + second.x) / 2, (first.y + second.y) / 2)
    box = ring_number_box(str(step), middle)
    # Inside the outer ring, it cannot reach the categories' labels, which are all outside.
    if any(
        box_segment_distance(box, Point(0, 0), spoke.end) <= LARGEST_REACH + RING_NUMBER_GAP
        for spoke in spokes
    ):
        return None
    # The baseline sits below the middle by about a third of the font size (digits' height).
    return Point(round(middle.x, 2), round(middle.y + 0.35 * RING_NUMBER_SIZE, 2))


def ring_number_box(text: str, middle: Point) -> Box:
    """The box a ring's number covers, centred on `middle`, with its halo."""
    half_width = len(text) * 0.58 * RING_NUMBER_SIZE / 2 + 1
    half_height = 0.5 * RING_NUMBER_SIZE
    return (
        middle.x - half_width,
        middle.y - half_height,
        middle.x + half_width,
        middle.y + half_height,
    )


def box_segment_distance(box: Box, start: Point, end: Point) -> float:
    """The shortest distance between a box and a line segment; 0 where they meet."""
    if segment_meets_box(start, end, box):
        return 0.0
    left, top, right, bottom = box
    corners = [Point(left, top), Point(right, top), Point(right, bottom), Point(left, bottom)]
    return min(
        *(point_segment_distance(corner, start, end) for corner in corners),
        point_box_distance(start, box),
        point_box_distance(end, box),
    )


def point_segment_distance(point: Point, start: Point, end: Point) -> float:
    dx, dy = end.x - start.x, end.y - start.y
    length_squared = dx * dx + dy * dy
    along = 0.0
    if length_squared:
        along = ((point.x - start.x) * dx + (point.y - start.y) * dy) / length_squared
        along = max(0.0, min(1.0, along))
    return math.hypot(point.x - start.x - along * dx, point.y - start.y - along * dy)


def point_box_distance(point: Point, box: Box) -> float:
    left, top, right, bottom = box
    return math.hypot(
        max(left - point.x, 0, point.x - right), max(top - point.y, 0, point.y - bottom)
    )


def segment_meets_box(start: Point, end: Point, box: Box) -> bool:
    """Liang–Barsky clipping: whether any part of the segment lies in the box."""
    left, top, right, bottom = box
    dx, dy = end.x - start.x, end.y - start.y
    enter, leave = 0.0, 1.0
    for p, q in (
        (-dx, start.x - left),
        (dx, right - start.x),
        (-dy, start.y - top),
        (dy, bottom - start.y),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            enter = max(enter, t)
        else:
            leave = min(leave, t)
        if enter > leave:
            return False
    return True


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
