"""The radar chart's geometry, checked point by point."""

import itertools
import math

from django.test import SimpleTestCase

from charts.radar import (
    LARGEST_REACH,
    MARKERS,
    RADIUS,
    RING_NUMBER_SIZE,
    Point,
    Series,
    box_segment_distance,
    boxes_overlap,
    label_box,
    radar_chart,
    ring_number_box,
)

RATINGS = ["Learning", "Practising", "Confident", "Expert"]
LONG_NAMES = [
    "Python and Django",
    "Front-end: HTML, CSS and accessibility",
    "Observability and incident response",
    "Estimating and planning work with the team",
    "Writing documentation that people actually read",
    "Data protection and privacy law (GDPR)",
    "Supercalifragilisticexpialidocious",
    "On-call",
]


def categories(count: int, names: list[str] | None = None) -> list[list[str]]:
    names = names or [f"Category {index}" for index in range(count)]
    return [[names[index % len(names)], f"c{index}"] for index in range(count)]


def distance(point: Point) -> float:
    return math.hypot(point.x, point.y)


class RadarChartGeometryTests(SimpleTestCase):
    def test_a_known_result_gives_known_points(self):
        chart = radar_chart(
            categories=categories(4),
            ratings=RATINGS,
            series=[Series(name="Current", values={"c0": 4, "c1": 2, "c2": 1})],
        )

        # Clockwise from the top: up, right, down, left; c3 is unrated, so a gap.
        self.assertEqual(chart.series[0].points, (Point(0, -140), Point(70, 0), Point(0, 35), None))
        self.assertEqual(chart.series[0].svg_lines, ["0,-140 70,0 0,35"])

    def test_the_top_rating_lands_on_the_outer_ring_for_3_to_20_categories(self):
        for count in range(3, 21):
            with self.subTest(count=count):
                chart = radar_chart(
                    categories=categories(count),
                    ratings=RATINGS,
                    series=[Series(name="Top", values={f"c{i}": 4 for i in range(count)})],
                )

                self.assertEqual(chart.series[0].points, chart.rings[-1].points)
                self.assertEqual(chart.series[0].points, tuple(s.end for s in chart.spokes))
                for point in chart.series[0].points:
                    self.assertAlmostEqual(distance(point), RADIUS, delta=0.01)

    def test_three_categories_make_a_triangle_pointing_up(self):
        chart = radar_chart(categories=categories(3), ratings=RATINGS, series=[])

        self.assertEqual(
            [spoke.end for spoke in chart.spokes],
            [Point(0, -140), Point(121.24, 70), Point(-121.24, 70)],
        )

    def test_twenty_categories_get_evenly_spaced_spokes(self):
        chart = radar_chart(categories=categories(20), ratings=RATINGS, series=[])

        self.assertEqual(len(chart.spokes), 20)
        self.assertEqual(chart.spokes[5].end, Point(140, 0))
        self.assertEqual(chart.spokes[10].end, Point(0, 140))
        self.assertEqual(chart.spokes[15].end, Point(-140, 0))
        self.assertEqual(chart.spokes[1].end, Point(43.26, -133.15))

    def test_there_is_one_ring_per_rating_evenly_spaced(self):
        chart = radar_chart(categories=categories(5), ratings=RATINGS, series=[])

        self.assertEqual([ring.label for ring in chart.rings], RATINGS)
        self.assertEqual(
            [ring.points[0] for ring in chart.rings],
            [Point(0, -35), Point(0, -70), Point(0, -105), Point(0, -140)],
        )

    def test_ratings_outside_the_scale_stay_inside_the_chart_and_text_is_no_rating(self):
        chart = radar_chart(
            categories=categories(3),
            ratings=RATINGS,
            series=[Series(name="Odd", values={"c0": 9, "c1": -2, "c2": "3"})],
        )

        self.assertEqual(chart.series[0].points, (Point(0, -140), Point(0, 0), None))

    def test_each_series_keeps_its_name_and_style(self):
        chart = radar_chart(
            categories=categories(3),
            ratings=RATINGS,
            series=[
                Series(name="Desired", values={}, style="dashed"),
                Series(name="Current", values={}),
            ],
        )

        self.assertEqual(
            [(s.name, s.style) for s in chart.series], [("Desired", "dashed"), ("Current", "solid")]
        )
        self.assertEqual([s.name for s in chart.series_in_drawing_order], ["Current", "Desired"])

    def test_fewer_than_three_categories_or_no_scale_give_no_chart(self):
        self.assertIsNone(radar_chart(categories=categories(2), ratings=RATINGS, series=[]))
        self.assertIsNone(radar_chart(categories=categories(0), ratings=RATINGS, series=[]))
        self.assertIsNone(radar_chart(categories=categories(3), ratings=[], series=[]))


class RadarChartLabelTests(SimpleTestCase):
    def test_labels_lean_away_from_their_spoke(self):
        chart = radar_chart(categories=categories(4), ratings=RATINGS, series=[])

        top, right, bottom, left = (spoke.label for spoke in chart.spokes)

        self.assertEqual(
            [top.anchor, right.anchor, bottom.anchor, left.anchor],
            ["middle", "start", "middle", "end"],
        )
        self.assertLess(top.lines[-1].y, -RADIUS)
        self.assertGreater(bottom.lines[0].y, RADIUS)
        self.assertGreater(right.x, RADIUS)
        self.assertLess(left.x, -RADIUS)

    def test_a_label_keeps_the_full_name_and_wraps_it_into_lines(self):
        chart = radar_chart(
            categories=[["Python and Django", "a"], ["SQL", "b"], ["Testing", "c"]],
            ratings=RATINGS,
            series=[],
        )

        label = chart.spokes[0].label

        self.assertEqual(label.name, "Python and Django")
        self.assertEqual([line.text for line in label.lines], ["Python and", "Django"])
        self.assertEqual(label.lines[1].y - label.lines[0].y, 19)

    def test_no_two_labels_overlap_from_3_to_20_long_categories(self):
        for count in range(3, 21):
            with self.subTest(count=count):
                chart = radar_chart(
                    categories=categories(count, LONG_NAMES), ratings=RATINGS, series=[]
                )
                boxes = [label_box(spoke.label) for spoke in chart.spokes]

                for i, first in enumerate(boxes):
                    for second in boxes[i + 1 :]:
                        self.assertFalse(boxes_overlap(first, second), (first, second))

    def test_the_view_box_holds_every_label(self):
        for count in [3, 11, 20]:
            with self.subTest(count=count):
                chart = radar_chart(
                    categories=categories(count, LONG_NAMES), ratings=RATINGS, series=[]
                )
                x, y, width, height = chart.view_box

                self.assertEqual(x, -width / 2)
                self.assertEqual(chart.svg_view_box, f"{x:g} {y:g} {width:g} {height:g}")
                for spoke in chart.spokes:
                    left, top, right, bottom = label_box(spoke.label)
                    self.assertTrue(x <= left and right <= x + width, spoke.label)
                    self.assertTrue(y <= top and bottom <= y + height, spoke.label)

    def test_a_crowded_chart_shortens_long_names_but_keeps_them_in_full(self):
        chart = radar_chart(categories=categories(20, LONG_NAMES), ratings=RATINGS, series=[])

        names = [name for name, _ in categories(20, LONG_NAMES)]
        labels = [spoke.label for spoke in chart.spokes]
        shortened = [label for label in labels if label.lines[-1].text.endswith("…")]

        self.assertEqual([label.name for label in labels], names)
        self.assertTrue(shortened)
        for label in shortened:
            shown = " ".join(line.text for line in label.lines).removesuffix("…")
            self.assertTrue(label.name.startswith(shown.rstrip(" ,:;-")), label)
            self.assertLess(len(shown), len(label.name))


class RadarChartGapTests(SimpleTestCase):
    def test_a_category_without_a_value_is_a_gap_not_a_point_at_the_centre(self):
        chart = radar_chart(
            categories=categories(5),
            ratings=RATINGS,
            series=[Series(name="Current", values={"c0": 2, "c1": 2, "c2": None, "c3": 2})],
        )

        shape = chart.series[0]
        self.assertEqual([point is None for point in shape.points], [0, 0, 1, 0, 1])
        self.assertNotIn(Point(0, 0), shape.marked_points)
        self.assertEqual(len(shape.marked_points), 3)
        self.assertFalse(shape.closed)

    def test_the_line_breaks_at_a_gap_and_joins_across_the_top(self):
        chart = radar_chart(
            categories=categories(6),
            ratings=RATINGS,
            series=[Series(name="Current", values={"c0": 4, "c1": 4, "c3": 4, "c4": 4, "c5": 4})],
        )

        top = [spoke.end for spoke in chart.spokes]
        # c2 is missing: one line from c3 round through c0 to c1; none across c2.
        self.assertEqual(chart.series[0].runs, [(top[3], top[4], top[5], top[0], top[1])])

    def test_a_point_between_two_gaps_keeps_its_marker_but_draws_no_line(self):
        chart = radar_chart(
            categories=categories(4),
            ratings=RATINGS,
            series=[Series(name="Target", values={"c1": 3}, style="dotted")],
        )

        self.assertEqual(chart.series[0].runs, [])
        self.assertEqual(chart.series[0].marked_points, [Point(105, 0)])

    def test_the_filled_area_leaves_out_the_sectors_beside_a_gap(self):
        chart = radar_chart(
            categories=categories(4),
            ratings=RATINGS,
            series=[Series(name="Current", values={"c0": 4, "c1": 4, "c2": 4})],
        )

        # A fan from the centre over the run c0 → c2; nothing between c2, c3 and c0.
        self.assertEqual(chart.series[0].svg_areas, ["0,0 0,-140 140,0 0,140"])

    def test_a_series_without_gaps_is_one_closed_shape(self):
        chart = radar_chart(
            categories=categories(3),
            ratings=RATINGS,
            series=[Series(name="Current", values={"c0": 4, "c1": 4, "c2": 4})],
        )

        self.assertTrue(chart.series[0].closed)
        self.assertEqual(chart.series[0].svg_areas, [chart.rings[-1].svg_points])


class CoincidingSeriesTests(SimpleTestCase):
    def test_where_points_coincide_each_later_marker_is_another_shape_inside_the_one_beneath(self):
        equal = {f"c{index}": 3 for index in range(5)}
        chart = radar_chart(
            categories=categories(5),
            ratings=RATINGS,
            series=[
                Series(name="Current", values=equal),
                Series(name="Desired", values=equal, style="dashed"),
                Series(name="Target", values=equal, style="dotted"),
            ],
        )

        drawn = chart.series_in_drawing_order
        self.assertEqual([shape.name for shape in drawn], ["Current", "Desired", "Target"])
        for beneath, above in itertools.combinations(drawn, 2):
            self.assertEqual(beneath.points, above.points)
            self.assertNotEqual(beneath.marker.shape, above.marker.shape)
            self.assertNotEqual(beneath.marker.path, above.marker.path)
            self.assertLess(above.marker.reach, beneath.marker.reach)

    def test_every_style_has_its_own_marker_and_they_nest_in_drawing_order(self):
        reaches = [MARKERS[style].reach for style in ("solid", "dashed", "dotted")]

        self.assertEqual(len({MARKERS[style].shape for style in MARKERS}), 3)
        self.assertEqual(reaches, sorted(reaches, reverse=True))
        self.assertEqual(len(set(reaches)), 3)


class RingNumberTests(SimpleTestCase):
    def test_no_ring_number_touches_a_spoke_a_marker_or_a_label_from_3_to_20_categories(self):
        for count, top in itertools.product(range(3, 21), range(2, 8)):
            with self.subTest(count=count, ratings=top):
                chart = radar_chart(
                    categories=categories(count, LONG_NAMES),
                    ratings=[f"Rating {n}" for n in range(top)],
                    series=[],
                )

                for ring in chart.rings:
                    if ring.number_at is None:
                        continue
                    box = number_box(ring)
                    for spoke in chart.spokes:
                        self.assertGreater(
                            box_segment_distance(box, Point(0, 0), spoke.end), LARGEST_REACH
                        )
                        self.assertFalse(boxes_overlap(box, label_box(spoke.label)))

    def test_every_ring_is_numbered_on_a_roomy_chart_and_crowded_ones_skip_only_inner_rings(self):
        roomy = radar_chart(categories=categories(5), ratings=RATINGS, series=[])
        sample = radar_chart(categories=categories(11), ratings=RATINGS, series=[])
        crowded = radar_chart(categories=categories(20), ratings=RATINGS, series=[])

        numbered = [
            [ring.rating for ring in chart.rings if ring.number_at]
            for chart in (roomy, sample, crowded)
        ]
        self.assertEqual(numbered, [[1, 2, 3, 4], [2, 3, 4], [3, 4]])

    def test_a_ring_number_sits_in_the_first_sector_on_its_ring(self):
        chart = radar_chart(categories=categories(4), ratings=RATINGS, series=[])

        # Between the top and the right spoke, on the middle of the outer ring's edge.
        outer = chart.rings[-1].number_at
        self.assertEqual(outer.x, 70)
        self.assertAlmostEqual(outer.y, -70 + 0.35 * RING_NUMBER_SIZE)


def number_box(ring) -> tuple[float, float, float, float]:
    """The box of a ring's number as drawn: from its baseline back to its middle."""
    middle = Point(ring.number_at.x, ring.number_at.y - 0.35 * RING_NUMBER_SIZE)
    return ring_number_box(str(ring.rating), middle)


class BoxSegmentDistanceTests(SimpleTestCase):
    def test_a_segment_through_a_box_is_at_no_distance(self):
        self.assertEqual(box_segment_distance((-1, -1, 1, 1), Point(-5, 0), Point(5, 0)), 0)

    def test_a_segment_beside_a_box_is_at_the_gap_between_them(self):
        self.assertEqual(box_segment_distance((0, 0, 2, 2), Point(5, -3), Point(5, 3)), 3)
        self.assertEqual(box_segment_distance((0, 0, 2, 2), Point(1, 5), Point(1, 9)), 3)

    def test_a_diagonal_segment_passing_a_corner_is_measured_to_the_corner(self):
        distance = box_segment_distance((0, 0, 2, 2), Point(0, 6), Point(6, 0))

        self.assertAlmostEqual(distance, math.sqrt(2))
