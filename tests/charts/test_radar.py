"""The radar chart's geometry, checked point by point."""

import math

from django.test import SimpleTestCase

from charts.radar import (
    RADIUS,
    Point,
    Series,
    boxes_overlap,
    label_box,
    label_lines,
    radar_chart,
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

        # Clockwise from the top: up, right, down, left; c3 is unrated, so at the centre.
        self.assertEqual(
            chart.series[0].points,
            (Point(0, -140), Point(70, 0), Point(0, 35), Point(0, 0)),
        )
        self.assertEqual(chart.series[0].svg_points, "0,-140 70,0 0,35 0,0")

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

    def test_ratings_outside_the_scale_stay_inside_the_chart(self):
        chart = radar_chart(
            categories=categories(3),
            ratings=RATINGS,
            series=[Series(name="Odd", values={"c0": 9, "c1": -2, "c2": "3"})],
        )

        self.assertEqual(chart.series[0].points, (Point(0, -140), Point(0, 0), Point(0, 0)))

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


class LabelLinesTests(SimpleTestCase):
    def test_a_short_name_stays_on_one_line(self):
        self.assertEqual(label_lines("On-call", width=14, max_lines=3), ["On-call"])

    def test_a_name_wraps_at_spaces(self):
        self.assertEqual(
            label_lines("Front-end: HTML, CSS and accessibility", width=14, max_lines=3),
            ["Front-end:", "HTML, CSS and", "accessibility"],
        )

    def test_a_name_longer_than_its_lines_ends_in_an_ellipsis_after_a_whole_word(self):
        self.assertEqual(
            label_lines("Observability and incident response", width=14, max_lines=2),
            ["Observability", "and incident…"],
        )
        self.assertEqual(
            label_lines("Front-end: HTML, CSS and accessibility", width=13, max_lines=2),
            ["Front-end:", "HTML, CSS…"],
        )

    def test_a_word_too_long_for_a_line_is_cut_and_ends_the_label(self):
        self.assertEqual(
            label_lines("Supercalifragilisticexpialidocious skills", width=11, max_lines=3),
            ["Supercalif…"],
        )
        self.assertEqual(
            label_lines("Data Supercalifragilistic", width=8, max_lines=3), ["Data", "Superca…"]
        )
