"""Requests bigger than any form on the site are refused before a view runs, and logged."""

import re

from django.test import Client, TestCase

from assessments.definition import MAX_CATEGORIES, MAX_SLUG_LENGTH
from assessments.models import Assessment
from results.models import AssessmentResult

FORM_URL = "/assessment/"
# The limits the README promises, written out rather than read from the settings, so that
# raising a setting past them fails here.
MAX_FIELDS = 250
MAX_BODY_BYTES = 512 * 1024


def biggest_assessment_definition() -> dict:
    """As many categories as an assessment may have, each with the longest slug allowed."""
    slugs = [f"{n:03d}-".ljust(MAX_SLUG_LENGTH, "s") for n in range(MAX_CATEGORIES)]
    return {
        "categories": [[f"Skill {n}", slug] for n, slug in enumerate(slugs)],
        "ratings": ["Learning", "Practising", "Confident", "Expert"],
    }


class RequestLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = Assessment.objects.create(
            name="Everything", slug="everything", assessment=biggest_assessment_definition()
        )

    def setUp(self):
        # A real browser's post: it carries the CSRF cookie and token, so the CSRF check
        # reads the body before the view does.
        self.client = Client(enforce_csrf_checks=True)
        form_page = self.client.get(FORM_URL, {"v": "everything"})
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.text)[1]

    def biggest_answer(self) -> dict[str, str]:
        answer = {"csrfmiddlewaretoken": self.token, "v": "everything", "name": "\U0001f600" * 100}
        for _, slug in self.assessment.categories:
            answer[slug] = "4"
            answer[f"{slug}-levelup"] = "on"
        return answer

    def test_the_biggest_answer_the_site_can_have_fits_within_the_limits(self):
        answer = self.biggest_answer()

        response = self.client.post(FORM_URL, answer)

        self.assertEqual(len(answer), 2 * MAX_CATEGORIES + 3)
        self.assertLess(len(answer), MAX_FIELDS)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(AssessmentResult.objects.count(), 1)

    def test_more_fields_than_any_form_has_are_refused_with_400_and_logged(self):
        answer = self.biggest_answer()
        for n in range(MAX_FIELDS + 1 - len(answer)):
            answer[f"extra-{n}"] = "x"

        with self.assertLogs("django.security.TooManyFieldsSent", "ERROR") as logs:
            response = self.client.post(FORM_URL, answer)

        self.assertContains(response, "<h1>Bad request</h1>", status_code=400)
        self.assertIn("number of GET/POST parameters exceeded", logs.output[0])
        self.assertEqual(AssessmentResult.objects.count(), 0)

    def test_a_query_string_with_more_fields_than_any_form_has_is_refused_with_400(self):
        query = {f"extra-{n}": "x" for n in range(MAX_FIELDS)}

        with self.assertLogs("django.security.TooManyFieldsSent", "ERROR"):
            response = self.client.get(FORM_URL, {"v": "everything", **query})

        self.assertEqual(response.status_code, 400)

    def test_a_body_past_the_size_limit_is_refused_with_413_and_logged(self):
        answer = {**self.biggest_answer(), "name": "x" * MAX_BODY_BYTES}

        with self.assertLogs("django.security.RequestDataTooBig", "ERROR") as logs:
            response = self.client.post(FORM_URL, answer)

        self.assertContains(response, "<h1>Too much data</h1>", status_code=413)
        self.assertIn("exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE", logs.output[0])
        self.assertEqual(AssessmentResult.objects.count(), 0)

    def test_a_body_past_the_size_limit_is_413_when_the_view_is_first_to_read_it(self):
        answer = {**self.biggest_answer(), "name": "x" * MAX_BODY_BYTES}

        with self.assertLogs("django.security.RequestDataTooBig", "ERROR"):
            response = Client().post(FORM_URL, answer)

        self.assertEqual(response.status_code, 413)
        self.assertEqual(AssessmentResult.objects.count(), 0)
