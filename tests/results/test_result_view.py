"""The private results page at /results/<id>/."""

import uuid

from django.test import TestCase

from tests.factories import make_assessment, make_result


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
        self.assertContains(response, "Sports, version sports-2026")
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

    def test_the_page_takes_one_query(self):
        with self.assertNumQueries(1):
            self.client.get(self.result.get_absolute_url())

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
