"""Cached fragments vary by language: a German visitor never gets the English copy."""

from django.test import TestCase
from django.urls import reverse

from tests.factories import TRIATHLON, make_assessment, make_result, make_user

GERMAN = {"accept-language": "de"}


def rendered(response) -> list[str]:
    return [template.name for template in response.templates]


class CacheByLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="tri", name="Triathlon", assessment=TRIATHLON)
        cls.result = make_result(cls.assessment, name="Ada")
        cls.manager = make_user(manager=True)

    def assert_rendered_afresh_in_german(self, url: str, fragment: str) -> None:
        english = self.client.get(url)
        german = self.client.get(url, headers=GERMAN)
        german_again = self.client.get(url, headers=GERMAN)

        self.assertIn(fragment, rendered(english))
        # Not the English copy from the cache: German renders its own, once.
        self.assertIn(fragment, rendered(german))
        self.assertNotIn(fragment, rendered(german_again))
        self.assertContains(german_again, '<html lang="de">')

    def test_the_forms_categories_are_cached_per_language(self):
        self.assert_rendered_afresh_in_german(
            self.assessment.get_absolute_url(), "results/answer_categories.html"
        )

    def test_the_result_content_is_cached_per_language(self):
        self.assert_rendered_afresh_in_german(
            self.result.get_absolute_url(), "results/result_content.html"
        )

    def test_the_matrix_is_cached_per_language(self):
        self.client.force_login(self.manager)

        self.assert_rendered_afresh_in_german(
            reverse("reports:matrix", args=["tri"]), "reports/matrix_content.html"
        )

    def test_the_menus_next_is_each_visitors_own_page_even_when_the_content_is_cached(self):
        self.client.get(self.result.get_absolute_url() + "?from=mail")

        response = self.client.get(self.result.get_absolute_url())

        self.assertNotIn("results/result_content.html", rendered(response))
        self.assertContains(
            response, f'name="next" value="{self.result.get_absolute_url()}"', html=False
        )
        self.assertNotContains(response, "from=mail")
