"""The charts of the results and comparison pages tell the truth: where current, desired and a
role's target coincide all three show; "not applicable" and "no target" are gaps in the chart,
not points at its centre, and the table beside it says so."""

from django.test import TestCase

from tests.charts.drawn import drawn_chart
from tests.factories import make_assessment, make_result

RICH = {
    "ratings": ["Good", "Better", "Best"],
    "not-applicable": True,
    "categories": [
        ["Swimming", "swimming"],
        ["Cycling", "cycling"],
        ["Running", "running"],
        ["Rowing", "rowing"],
        ["Climbing", "climbing"],
    ],
    # No target in rowing or climbing.
    "roles": [
        {"name": "Coach", "slug": "coach", "targets": {"swimming": 2, "cycling": 2, "running": 2}}
    ],
}
CENTRE = (0.0, 0.0)


class ResultChartTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Multisport", slug="multi", assessment=RICH)
        # Current, desired and target equal wherever there is a target; climbing n/a.
        ratings = {"swimming": 2, "cycling": 2, "running": 2, "rowing": 1, "climbing": None}
        cls.earlier = make_result(cls.assessment, name="Ada", current={**ratings, "rowing": None})
        cls.result = make_result(
            cls.assessment,
            name="Ada",
            role="coach",
            current=ratings,
            desired=ratings,
            previous=cls.earlier,
        )

    def test_current_desired_and_target_each_show_where_they_coincide(self):
        response = self.client.get(self.result.get_absolute_url())

        chart = drawn_chart(response.content.decode(), chart_class="radar-chart")

        self.assertEqual(
            [series.kind for series in chart.series],
            ["radar-series radar-solid", "radar-series radar-dashed", "radar-series radar-dotted"],
        )
        coinciding = chart.coinciding()
        # Current and desired at four categories; the target with each at three.
        self.assertEqual(len(coinciding), 4 + 3 + 3)
        for beneath, above, point in coinciding:
            self.assertNotEqual(beneath.marker, above.marker, point)
            self.assertNotEqual(chart.markers[beneath.marker[1:]], chart.markers[above.marker[1:]])

    def test_not_applicable_and_no_target_are_gaps_not_points_at_the_centre(self):
        response = self.client.get(self.result.get_absolute_url())

        chart = drawn_chart(response.content.decode(), chart_class="radar-chart")

        current, desired, target = chart.series
        self.assertEqual([len(s.points) for s in (current, desired, target)], [4, 4, 3])
        for series in chart.series:
            self.assertNotIn(CENTRE, series.points)
            self.assertNotIn(CENTRE, series.outline)

    def test_the_table_says_not_applicable_and_no_target_where_the_chart_has_gaps(self):
        response = self.client.get(self.result.get_absolute_url())

        self.assertContains(
            response,
            '<tr><th scope="row">Climbing</th><td colspan="3">Not applicable</td>'
            "<td>No target</td></tr>",
            html=True,
        )
        self.assertContains(
            response,
            '<tr><th scope="row">Rowing</th><td>Good</td><td>Good</td><td>No</td>'
            "<td>No target</td></tr>",
            html=True,
        )

    def test_the_comparison_chart_has_a_gap_where_either_answer_was_not_applicable(self):
        response = self.client.get(f"/results/{self.result.pk}/compare/{self.earlier.pk}/")

        chart = drawn_chart(response.content.decode(), chart_class="radar-chart")

        earlier, later = sorted(chart.series, key=lambda series: series.kind)
        self.assertEqual((earlier.kind, len(earlier.points)), ("radar-series radar-dashed", 3))
        self.assertEqual((later.kind, len(later.points)), ("radar-series radar-solid", 4))
        for series in chart.series:
            self.assertNotIn(CENTRE, series.points)
            self.assertNotIn(CENTRE, series.outline)
        for beneath, above, point in chart.coinciding():
            self.assertNotEqual(beneath.marker, above.marker, point)

    def test_the_comparison_table_says_not_applicable(self):
        response = self.client.get(f"/results/{self.result.pk}/compare/{self.earlier.pk}/")

        self.assertContains(
            response,
            '<tr><th scope="row">Rowing</th><td class="change-unrated"><span aria-hidden="true" '
            'class="change-mark"></span>Not rated in both</td><td>Not applicable</td>'
            "<td>Good</td></tr>",
            html=True,
        )
