"""The private results page at /results/<id>/."""

import re
import uuid
from datetime import timedelta

from django.contrib.staticfiles import finders
from django.test import TestCase

from assessments.versions import save_as_new_version
from results.models import AssessmentResult
from tests.factories import TRIATHLON, make_assessment, make_result


class ResultPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Sports", slug="sports-2026")
        cls.result = make_result(
            cls.assessment,
            name="Ada",
            current={"jumping": 2, "running": 1},
            desired={"jumping": 2, "running": 2},
        )

    def test_the_page_shows_who_which_assessment_and_when(self):
        response = self.client.get(self.result.get_absolute_url())

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Results for Ada")
        self.assertContains(response, "Sports ·")
        # The version's slug is the managers' word for it, not the member's.
        self.assertNotContains(response, "sports-2026")
        self.assertContains(response, f'datetime="{self.result.created.isoformat()}"')

    def test_each_category_shows_current_desired_and_levelup_by_label(self):
        response = self.client.get(self.result.get_absolute_url())

        self.assertContains(
            response,
            '<tr><th scope="row">Jumping</th><td>Better</td><td>Better</td><td>No</td></tr>',
            html=True,
        )
        self.assertContains(
            response,
            '<tr><th scope="row">Running</th><td>Good</td><td>Better</td><td>Yes</td></tr>',
            html=True,
        )

    def test_the_first_view_takes_six_queries_however_many_earlier_results(self):
        previous = None
        for days in [30, 20, 10]:
            previous = make_result(
                self.assessment,
                name="Ada",
                previous=previous,
                created=self.result.created - timedelta(days),
            )
        AssessmentResult.objects.filter(pk=self.result.pk).update(previous=previous)

        # The result with its assessment, its current and desired ratings (read only when the
        # content is not cached yet), the version links, the person's chain, the person's plans
        # (none).
        with self.assertNumQueries(6):
            response = self.client.get(self.result.get_absolute_url())

        self.assertEqual(len(response.context["earlier_results"]), 3)

    def test_a_result_answered_from_nothing_reads_no_earlier_results_once_drawn(self):
        self.client.get(self.result.get_absolute_url())

        # No earlier result to offer, so none to look for: the result with its assessment, and
        # the person's plans.
        with self.assertNumQueries(2):
            response = self.client.get(self.result.get_absolute_url())

        self.assertContains(response, "Results for Ada")

    def test_an_unknown_result_is_404(self):
        response = self.client.get(f"/results/{uuid.uuid4()}/")

        self.assertContains(response, "Not found", status_code=404)

    def test_a_malformed_result_id_is_404(self):
        for bad in ["1", "not-a-uuid", f"{self.result.pk}x", "..%2f"]:
            with self.subTest(bad=bad):
                self.assertEqual(self.client.get(f"/results/{bad}/").status_code, 404)

    def test_hostile_names_are_escaped(self):
        hostile = make_result(self.assessment, name='<script>alert("x")</script>')

        response = self.client.get(hostile.get_absolute_url())

        self.assertNotContains(response, '<script>alert("x")</script>')
        self.assertContains(response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")

    def test_a_category_missing_from_the_stored_answer_shows_a_dash(self):
        partial = make_result(self.assessment, current={"jumping": 3}, desired={"jumping": 3})

        response = self.client.get(partial.get_absolute_url())

        self.assertContains(
            response,
            '<tr><th scope="row">Running</th><td>—</td><td>—</td><td>No</td></tr>',
            html=True,
        )

    def test_post_is_405(self):
        self.assertEqual(self.client.post(self.result.get_absolute_url()).status_code, 405)


class ResultPageChartTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Triathlon", slug="tri-2026", assessment=TRIATHLON)
        cls.result = make_result(
            cls.assessment,
            name="Ada",
            current={"swimming": 3, "cycling": 2, "running": 1},
            desired={"swimming": 3, "cycling": 3, "running": 1},
        )

    def test_three_categories_get_a_radar_chart_of_current_and_desired(self):
        response = self.client.get(self.result.get_absolute_url())

        chart = response.context["chart"]
        self.assertEqual([series.name for series in chart.series], ["Current", "Desired"])
        # Best on the outer ring (radius 140), Better at 2/3 of it, Good at 1/3.
        self.assertContains(response, 'points="0,-140 80.83,46.67 -40.41,23.33"')
        self.assertContains(response, 'points="0,-140 121.24,70 -40.41,23.33"')

    def test_the_chart_is_an_image_named_by_its_title_and_description(self):
        response = self.client.get(self.result.get_absolute_url())

        self.assertContains(
            response, 'role="img"\n    aria-labelledby="result-chart-title result-chart-desc"'
        )
        self.assertContains(
            response, '<title id="result-chart-title">Current and desired ratings</title>'
        )
        self.assertContains(
            response,
            "A radar chart of Current and Desired over 3 categories, one spoke each. Rings mark "
            "the ratings from Good (innermost) to Best (outermost)",
        )

    def test_each_category_label_carries_its_full_name(self):
        response = self.client.get(self.result.get_absolute_url())

        for name in ["Swimming", "Cycling", "Running"]:
            self.assertContains(response, f"<title>{name}</title>")

    def test_the_legend_is_html_and_the_series_differ_by_more_than_colour(self):
        response = self.client.get(self.result.get_absolute_url())

        self.assertContains(response, '<figcaption class="radar-legend">')
        self.assertContains(response, 'class="radar-series radar-solid"')
        self.assertContains(response, 'class="radar-series radar-dashed"')
        self.assertContains(response, 'fill="url(#result-chart-hatch)"')

    def test_two_categories_get_the_table_alone(self):
        two = make_result(make_assessment(), name="Ada")

        response = self.client.get(two.get_absolute_url())

        self.assertIsNone(response.context["chart"])
        self.assertNotContains(response, "<svg")
        self.assertContains(response, '<table class="results">')

    def test_the_page_has_no_inline_scripts_or_styles(self):
        response = self.client.get(self.result.get_absolute_url())

        html = response.content.decode()
        self.assertEqual(re.findall(r"<script(?![^>]*\bsrc=)", html), [])
        self.assertNotIn("style=", html)
        self.assertNotIn("onclick", html)

    def test_it_offers_the_json_download_and_a_print_button_that_needs_javascript(self):
        response = self.client.get(self.result.get_absolute_url())

        self.assertContains(response, f'<a href="/results/{self.result.pk}.json" download=')
        self.assertContains(
            response, '<button type="button" class="button" data-print hidden>Print</button>'
        )
        self.assertContains(response, '<script src="/static/js/print.js" defer></script>')
        self.assertIsNotNone(finders.find("js/print.js"))


class ResultPageEarlierResultsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.v1 = make_assessment(slug="sports-2025")
        cls.v2 = save_as_new_version(cls.v1, name="Sports", slug="sports-2026")
        cls.result = make_result(cls.v2, name="Ada")
        cls.created = cls.result.created

    def test_earlier_results_of_the_chain_link_to_a_comparison(self):
        on_v1 = make_result(self.v1, name="Ada", created=self.created - timedelta(days=300))
        AssessmentResult.objects.filter(pk=self.result.pk).update(previous=on_v1)

        response = self.client.get(self.result.get_absolute_url())

        self.assertContains(response, "Change over time")
        self.assertContains(
            response, f'<a href="/results/{self.result.pk}/compare/{on_v1.pk}/">your result of'
        )
        self.assertNotContains(response, "sports-2025")

    def test_a_namesakes_results_are_not_offered(self):
        make_result(self.v1, name=" ada", created=self.created - timedelta(days=300))
        make_result(self.v1, name="Grace", created=self.created - timedelta(days=300))
        make_result(self.v1, name="Ada", created=self.created + timedelta(days=1))

        response = self.client.get(self.result.get_absolute_url())

        self.assertEqual(response.context["earlier_results"], [])
        self.assertNotContains(response, "Change over time")
