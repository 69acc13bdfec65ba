"""Trend chart geometry: positions on the scale, gaps for missing values, at most eight lines
that each look their own, points spread where they would hide each other, rounds named."""

import itertools
import math

from django.template.loader import render_to_string
from django.test import SimpleTestCase

from charts.trend import (
    CHAR_WIDTH,
    FONT_SIZE,
    LEFT,
    LINE_STYLES,
    MAX_LINES,
    MAX_X_LABELS,
    PLOT_HEIGHT,
    RIGHT,
    SPREAD,
    TOP,
    WIDTH,
    TrendLine,
    column_width,
    trend_chart,
)
from tests.charts.drawn import drawn_chart

RATINGS = ["Good", "Better", "Best"]


class TrendChartTests(SimpleTestCase):
    def test_nothing_to_draw_is_no_chart(self):
        self.assertIsNone(trend_chart(rounds=[], ratings=RATINGS, lines=[]))
        self.assertIsNone(
            trend_chart(rounds=["r1"], ratings=RATINGS, lines=[TrendLine("a", [None])])
        )

    def test_the_lowest_rating_is_at_the_bottom_and_the_top_rating_at_the_top(self):
        chart = trend_chart(rounds=["r1", "r2"], ratings=RATINGS, lines=[TrendLine("a", [1, 3])])

        first, last = chart.lines[0].markers
        self.assertEqual((first.y, last.y), (TOP + PLOT_HEIGHT, TOP))
        self.assertEqual([tick.label for tick in chart.y_ticks], RATINGS)

    def test_each_round_sits_in_the_middle_of_a_column_of_its_own(self):
        chart = trend_chart(
            rounds=["r1", "r2", "r3"], ratings=RATINGS, lines=[TrendLine("a", [1, 2, 3])]
        )

        width = (WIDTH - LEFT - RIGHT) / 3
        self.assertEqual(
            [marker.x for marker in chart.lines[0].markers],
            [round(LEFT + width * (n + 0.5), 2) for n in range(3)],
        )

    def test_a_missing_value_breaks_the_line(self):
        chart = trend_chart(
            rounds=["r1", "r2", "r3", "r4", "r5"],
            ratings=RATINGS,
            lines=[TrendLine("a", [1, 2, None, 3, 2])],
        )

        self.assertEqual(len(chart.lines[0].segments), 2)
        self.assertEqual(len(chart.lines[0].markers), 4)

    def test_a_lone_point_has_a_marker_and_no_line(self):
        chart = trend_chart(rounds=["r1"], ratings=RATINGS, lines=[TrendLine("a", [2])])

        self.assertEqual(chart.lines[0].segments, ())
        self.assertEqual(chart.lines[0].markers[0].x, (LEFT + WIDTH - RIGHT) / 2)


class LineStyleTests(SimpleTestCase):
    def test_eight_lines_each_have_their_own_marker_dash_and_colour_combination(self):
        lines = [TrendLine(str(n), [1, 2]) for n in range(MAX_LINES)]

        chart = trend_chart(rounds=["r1", "r2"], ratings=RATINGS, lines=lines)

        self.assertEqual(MAX_LINES, 8)
        self.assertEqual(len({line.marker for line in chart.lines}), 8)
        self.assertEqual(len({line.colour for line in chart.lines}), 8)
        # Neighbours in the legend differ in dash too, not only in marker and colour.
        for first, second in itertools.pairwise(LINE_STYLES):
            self.assertNotEqual(first.dash, second.dash)

    def test_more_lines_than_looks_are_refused_rather_than_drawn_alike(self):
        lines = [TrendLine(str(n), [1, 2]) for n in range(MAX_LINES + 1)]

        with self.assertRaises(ValueError):
            trend_chart(rounds=["r1", "r2"], ratings=RATINGS, lines=lines)


class SpreadTests(SimpleTestCase):
    def test_equal_values_in_a_round_are_spread_sideways_around_the_middle(self):
        lines = [TrendLine(str(n), [2, 2]) for n in range(3)]

        chart = trend_chart(rounds=["r1", "r2"], ratings=RATINGS, lines=lines)

        middle = round(LEFT + column_width(2) / 2, 2)
        self.assertEqual(
            [line.markers[0].x for line in chart.lines], [middle - SPREAD, middle, middle + SPREAD]
        )
        self.assertEqual(len({line.markers[0].y for line in chart.lines}), 1)

    def test_values_far_apart_stay_in_the_middle(self):
        chart = trend_chart(
            rounds=["r1"], ratings=RATINGS, lines=[TrendLine("a", [1]), TrendLine("b", [3])]
        )

        self.assertEqual(chart.lines[0].markers[0].x, chart.lines[1].markers[0].x)

    def test_eight_equal_values_in_twenty_rounds_stay_inside_their_column(self):
        lines = [TrendLine(str(n), [1] * 20) for n in range(8)]

        chart = trend_chart(rounds=[f"r{n}" for n in range(20)], ratings=RATINGS, lines=lines)

        xs = [line.markers[0].x for line in chart.lines]
        self.assertEqual(len(set(xs)), 8)
        self.assertLess(max(xs) - min(xs), column_width(20))


class RoundLabelTests(SimpleTestCase):
    def test_past_eight_rounds_only_some_labels_are_printed(self):
        rounds = [f"r{n}" for n in range(20)]

        chart = trend_chart(rounds=rounds, ratings=RATINGS, lines=[TrendLine("a", [1] * 20)])

        self.assertEqual(
            [tick.label for tick in chart.x_ticks], ["r0", "r3", "r6", "r9", "r12", "r15", "r18"]
        )

    def test_a_round_keeps_its_whole_name_and_shows_as_much_as_its_column_holds(self):
        for count in range(1, 21):
            rounds = [f"Software engineering skills 2026 · {n + 1} Dec 2026" for n in range(count)]
            with self.subTest(rounds=count):
                chart = trend_chart(
                    rounds=rounds, ratings=RATINGS, lines=[TrendLine("a", [1] * count)]
                )

                step = math.ceil(count / MAX_X_LABELS)
                for tick in chart.x_ticks:
                    self.assertIn(tick.label, rounds)
                    self.assertLessEqual(len(tick.lines), 3)
                    for line in tick.lines:
                        self.assertLess(len(line.text) * CHAR_WIDTH, step * column_width(count))
                    # The date at the end, which tells the rounds apart, is kept.
                    self.assertTrue(tick.label.endswith(tick.lines[-1].text), tick)

    def test_the_text_is_drawn_at_11_units_or_more(self):
        chart = trend_chart(rounds=["r1"], ratings=RATINGS, lines=[TrendLine("a", [2])])

        self.assertGreaterEqual(chart.font_size, 11)
        self.assertEqual(chart.font_size, FONT_SIZE)


class DrawnTrendTests(SimpleTestCase):
    def test_no_two_markers_are_drawn_at_the_same_place(self):
        lines = [TrendLine(f"Category {n}", [1, 2, None, 2, n % 3 + 1]) for n in range(8)]
        chart = trend_chart(rounds=[f"r{n}" for n in range(5)], ratings=RATINGS, lines=lines)

        html = render_to_string(
            "charts/trend_chart.html",
            {"chart": chart, "chart_id": "trend", "title": "T", "description": "D"},
        )

        drawn = drawn_chart(html, chart_class="trend-chart")
        self.assertEqual(len(drawn.series), 8)
        self.assertEqual(len({series.marker for series in drawn.series}), 8)
        points = [point for series in drawn.series for point in series.points]
        self.assertEqual(len(points), 8 * 4)
        self.assertEqual(len(set(points)), len(points))
        self.assertEqual(drawn.coinciding(), [])
