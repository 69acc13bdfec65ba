"""Numbers and dates follow the language's own formats (Django's locale formats)."""

from django.test import TestCase
from django.urls import reverse

from tests.factories import (
    TRIATHLON,
    make_assessment,
    make_result,
    make_user,
)


class FormatsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        slugs = cls.assessment.category_slugs
        make_result(cls.assessment, name="Ada", current=dict.fromkeys(slugs, 1))
        make_result(cls.assessment, name="Bo", current=dict.fromkeys(slugs, 2))
        cls.manager = make_user(manager=True)

    def test_the_matrix_average_uses_the_languages_decimal_separator(self):
        self.client.force_login(self.manager)
        url = reverse("reports:matrix", args=["tri"])

        english = self.client.get(url)
        german = self.client.get(url, headers={"accept-language": "de"})

        self.assertContains(english, '<td class="number">1.5</td>')
        self.assertContains(german, '<td class="number">1,5</td>')
        self.assertNotContains(german, '<td class="number">1.5</td>')
