"""Trend chart geometry: positions on the scale, gaps for missing values, distinct line styles."""

from django.test import SimpleTestCase

from charts.trend import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, TrendLine, trend_chart

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
        self.assertEqual((first.x, first.y), (LEFT, HEIGHT - BOTTOM))
        self.assertEqual((last.x, last.y), (WIDTH - RIGHT, TOP))
        self.assertEqual([tick.label for tick in chart.y_ticks], RATINGS)

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

    def test_lines_differ_in_dash_and_marker_not_only_colour(self):
        lines = [TrendLine(str(n), [1, 2]) for n in range(20)]

        chart = trend_chart(rounds=["r1", "r2"], ratings=RATINGS, lines=lines)

        self.assertEqual(len({(line.dash, line.marker) for line in chart.lines}), 20)

    def test_past_eight_rounds_only_some_labels_are_printed(self):
        rounds = [f"r{n}" for n in range(20)]

        chart = trend_chart(rounds=rounds, ratings=RATINGS, lines=[TrendLine("a", [1] * 20)])

        self.assertEqual(
            [tick.label for tick in chart.x_ticks], ["r0", "r3", "r6", "r9", "r12", "r15", "r18"]
        )
