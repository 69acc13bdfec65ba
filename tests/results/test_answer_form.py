"""The blank answer form's radio groups are rendered once per assessment, and every visitor
still gets a CSRF token of their own."""

import re

from django.test import Client, TestCase

from assessments.models import Assessment
from results.models import AssessmentResult
from tests.factories import JUMPING_RUNNING

FORM_TEMPLATE = "results/answer_categories.html"


def token_in(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


class CachedFormMarkupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = Assessment.objects.create(
            name="Sports", slug="sports", assessment=JUMPING_RUNNING
        )

    def form_page(self, client=None):
        return (client or self.client).get("/assessment/", {"v": "sports"})

    def test_the_second_visit_is_served_from_the_cache(self):
        first = self.form_page()

        second = self.form_page()

        self.assertIn(FORM_TEMPLATE, [t.name for t in first.templates])
        self.assertNotIn(FORM_TEMPLATE, [t.name for t in second.templates])
        self.assertContains(second, '<input type="radio" name="running" value="3" required>')

    def test_a_changed_assessment_is_rendered_afresh(self):
        self.form_page()
        self.assessment.assessment = {**JUMPING_RUNNING, "ratings": ["Low", "Mid", "Top"]}
        self.assessment.save()

        response = self.form_page()

        self.assertContains(response, "<span>Top</span>", count=2)
        self.assertNotContains(response, "<span>Best</span>")

    def test_each_visitor_gets_their_own_working_csrf_token(self):
        ada, grace = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
        ada_token, grace_token = token_in(self.form_page(ada)), token_in(self.form_page(grace))
        answer = {"v": "sports", "jumping": "1", "running": "2"}

        swapped = grace.post(
            "/assessment/", {**answer, "name": "Eve", "csrfmiddlewaretoken": ada_token}
        )
        ada_saved = ada.post(
            "/assessment/", {**answer, "name": "Ada", "csrfmiddlewaretoken": ada_token}
        )
        grace_saved = grace.post(
            "/assessment/", {**answer, "name": "Grace", "csrfmiddlewaretoken": grace_token}
        )

        self.assertNotEqual(ada.cookies["csrftoken"].value, grace.cookies["csrftoken"].value)
        self.assertEqual(swapped.status_code, 403)
        self.assertEqual((ada_saved.status_code, grace_saved.status_code), (302, 302))
        self.assertEqual(
            sorted(AssessmentResult.objects.values_list("name", flat=True)), ["Ada", "Grace"]
        )

    def test_a_form_with_errors_is_never_cached(self):
        self.client.post("/assessment/", {"v": "sports", "name": "Ada <b>", "jumping": "2"})

        response = self.form_page()

        self.assertNotContains(response, "Ada &lt;b&gt;")
        self.assertNotContains(response, "checked")
