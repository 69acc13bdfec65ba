"""The fixed contract (field names, context keys, status codes, JSON keys) in every language."""

import re

from django.conf import settings
from django.test import TestCase
from django.urls import reverse

from tests.factories import TRIATHLON, make_assessment, make_result, make_user

SHIPPED = [code for code, _ in settings.LANGUAGES]


def field_names(response) -> list[str]:
    return sorted(set(re.findall(r'name="([^"]+)"', response.content.decode())))


def first_line(response) -> str:
    return b"".join(response.streaming_content).decode().splitlines()[0]


class ContractInEveryLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="tri", name="Triathlon", assessment=TRIATHLON)
        cls.result = make_result(cls.assessment, name="Ada")
        cls.manager = make_user(manager=True)

    def get(self, path: str, language: str, **kwargs):
        return self.client.get(path, headers={"accept-language": language}, **kwargs)

    def test_the_answer_form_has_the_same_fields_and_context_in_every_language(self):
        pages = {code: self.get(self.assessment.get_absolute_url(), code) for code in SHIPPED}

        english = pages["en-gb"]
        for code, page in pages.items():
            with self.subTest(language=code):
                self.assertEqual(page.status_code, 200)
                self.assertEqual(field_names(page), field_names(english))
                self.assertEqual(page.context.keys(), english.context.keys())

    def test_a_bad_answer_is_a_400_with_the_form_in_every_language(self):
        for code in SHIPPED:
            with self.subTest(language=code):
                response = self.client.post(
                    reverse("results:answer"),
                    {"v": "tri", "name": "Ada"},
                    headers={"accept-language": code},
                )

                self.assertEqual(response.status_code, 400)
                self.assertIn("form", response.context)

    def test_status_codes_are_the_same_in_every_language(self):
        self.client.force_login(self.manager)
        paths = {
            self.result.get_absolute_url(): 200,
            reverse("results:json", args=[self.result.pk]): 200,
            reverse("reports:matrix", args=["tri"]): 200,
            reverse("reports:csv", args=["tri"]): 200,
            "/results/not-a-result/": 404,
            reverse("reports:matrix", args=["no-such-assessment"]): 404,
        }
        for code in SHIPPED:
            for path, status in paths.items():
                with self.subTest(language=code, path=path):
                    self.assertEqual(self.get(path, code).status_code, status)

    def test_the_json_and_the_csv_header_do_not_change_with_the_language(self):
        self.client.force_login(self.manager)
        json_url = reverse("results:json", args=[self.result.pk])
        csv_url = reverse("reports:csv", args=["tri"])
        english_json = self.get(json_url, "en-gb").json()
        english_header = first_line(self.get(csv_url, "en-gb"))

        for code in SHIPPED:
            with self.subTest(language=code):
                self.assertEqual(self.get(json_url, code).json(), english_json)
                self.assertEqual(first_line(self.get(csv_url, code)), english_header)
