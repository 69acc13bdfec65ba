"""The submission limit: ASSESSOR_SUBMIT_RATE answers per client address, then 429."""

from django.test import TestCase, override_settings

from results.models import AssessmentResult
from tests.factories import make_assessment

ANSWER = {"v": "sports", "name": "Ada", "jumping": "2", "running": "1"}


@override_settings(SUBMIT_RATE=(20, 600), TRUSTED_PROXIES=())
class SubmissionLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_assessment(slug="sports")

    def submit(self, address: str = "203.0.113.9", **headers):
        return self.client.post("/assessment/", ANSWER, REMOTE_ADDR=address, **headers)

    def test_the_21st_answer_within_ten_minutes_is_refused_and_stores_nothing(self):
        statuses = [self.submit().status_code for _ in range(20)]

        response = self.submit()

        self.assertEqual(statuses, [302] * 20)
        self.assertEqual(response.status_code, 429)
        self.assertTrue(590 <= int(response["Retry-After"]) <= 600)
        self.assertEqual(AssessmentResult.objects.count(), 20)

    def test_the_refusal_is_a_page_in_the_sites_style(self):
        for _ in range(20):
            self.submit()

        response = self.submit()

        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, "<h1>Too many answers</h1>", html=True, status_code=429)
        self.assertContains(response, "Nothing was saved", status_code=429)
        self.assertContains(response, "try again in 10 minutes", status_code=429)

    def test_another_address_still_gets_through(self):
        for _ in range(21):
            self.submit()

        response = self.submit(address="198.51.100.7")

        self.assertEqual(response.status_code, 302)
        self.assertEqual(AssessmentResult.objects.count(), 21)

    def test_a_forged_forwarded_header_changes_nothing_without_trusted_proxies(self):
        for number in range(20):
            self.submit(HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")

        response = self.submit(HTTP_X_FORWARDED_FOR="198.51.100.99")

        self.assertEqual(response.status_code, 429)

    @override_settings(TRUSTED_PROXIES=1)
    def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(self):
        for _ in range(20):
            self.submit(address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")

        other_client = self.submit(address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
        same_client = self.submit(address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")

        self.assertEqual((other_client.status_code, same_client.status_code), (302, 429))

    def test_a_refused_answer_with_errors_does_not_use_a_turn(self):
        for _ in range(25):
            self.client.post("/assessment/", {**ANSWER, "name": ""}, REMOTE_ADDR="203.0.113.9")

        self.assertEqual(self.submit().status_code, 302)

    @override_settings(SUBMIT_RATE=None)
    def test_off_means_no_limit(self):
        statuses = {self.submit().status_code for _ in range(30)}

        self.assertEqual(statuses, {302})


class TestSettingsTests(TestCase):
    def test_the_test_settings_turn_the_limit_off_for_code_that_sends_many_answers(self):
        make_assessment(slug="sports")

        statuses = {self.client.post("/assessment/", ANSWER).status_code for _ in range(25)}

        self.assertEqual(statuses, {302})
