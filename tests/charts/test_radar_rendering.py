"""The radar chart as the template draws it: where series coincide every one still shows, and a
category without a value is a gap, never a point at the centre."""

from django.template.loader import render_to_string
from django.test import SimpleTestCase

from charts.radar import Series, radar_chart
from tests.charts.drawn import drawn_chart

RATINGS = ["Learning", "Practising", "Confident", "Expert"]
CATEGORIES = [[f"Category {n}", f"c{n}"] for n in range(5)]
CENTRE = (0.0, 0.0)


def drawn(*series: Series):
    chart = radar_chart(categories=CATEGORIES, ratings=RATINGS, series=list(series))
    html = render_to_string(
        "charts/radar_chart.html", {"chart": chart, "chart_id": "chart", "title": "A chart"}
    )
    return drawn_chart(html, chart_class="radar-chart")


class DrawnRadarTests(SimpleTestCase):
    def test_equal_current_desired_and_target_all_show_with_their_own_markers(self):
        equal = {slug: 2 for _, slug in CATEGORIES}

        chart = drawn(
            Series(name="Current", values=equal),
            Series(name="Desired", values=equal, style="dashed"),
            Series(name="Target", values=equal, style="dotted"),
        )

        coinciding = chart.coinciding()
        self.assertEqual(len(coinciding), 3 * len(CATEGORIES))
        for beneath, above, point in coinciding:
            self.assertNotEqual(beneath.marker, above.marker, point)
            self.assertNotEqual(chart.markers[beneath.marker[1:]], chart.markers[above.marker[1:]])
        # Drawn largest first: the filled disc, then the open square, then the small diamond.
        self.assertEqual(
            [series.marker for series in chart.series],
            ["#chart-circle", "#chart-square", "#chart-diamond"],
        )

    def test_not_applicable_is_a_gap_in_every_series(self):
        ratings = {"c0": 3, "c1": 2, "c2": None, "c3": 2, "c4": 4}

        chart = drawn(
            Series(name="Current", values=ratings),
            Series(name="Desired", values=ratings, style="dashed"),
        )

        for series in chart.series:
            self.assertEqual(len(series.points), 4)
            self.assertNotIn(CENTRE, series.points)
            self.assertNotIn(CENTRE, series.outline)

    def test_a_role_without_a_target_leaves_a_gap_in_the_target_series(self):
        chart = drawn(
            Series(name="Current", values={slug: 2 for _, slug in CATEGORIES}),
            Series(name="Target", values={"c0": 3, "c1": 3, "c3": 2}, style="dotted"),
        )

        target = chart.series[1]
        self.assertEqual(target.kind, "radar-series radar-dotted")
        self.assertEqual(len(target.points), 3)
        self.assertNotIn(CENTRE, target.points)
        self.assertNotIn(CENTRE, target.outline)

    def test_the_rings_are_numbered_and_the_legend_names_them(self):
        chart = radar_chart(categories=CATEGORIES, ratings=RATINGS, series=[])

        html = render_to_string(
            "charts/radar_chart.html", {"chart": chart, "chart_id": "chart", "title": "A chart"}
        )

        self.assertEqual(
            drawn_chart(html, chart_class="radar-chart").texts[:4], ["1", "2", "3", "4"]
        )
        self.assertInHTML(
            '<ol aria-labelledby="chart-scale"><li><span class="radar-ring-number">1</span> '
            'Learning</li><li><span class="radar-ring-number">2</span> Practising</li>'
            '<li><span class="radar-ring-number">3</span> Confident</li>'
            '<li><span class="radar-ring-number">4</span> Expert</li></ol>',
            html,
        )
