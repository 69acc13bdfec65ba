"""Numbers and dates follow the language's own formats (Django's locale formats)."""

from datetime import UTC, date, datetime

from django.test import TestCase
from django.urls import reverse

from tests.factories import (
    TRIATHLON,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
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


class DatesTests(TestCase):
    """Every date people read is DATE_FORMAT in their language, the month written out."""

    LONG_DATES = {
        "en-gb": "17 December 2026",
        "de": "17. Dezember 2026",
        "fr": "17 décembre 2026",
        "es": "17 de diciembre de 2026",
    }

    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        cls.round = open_round(
            team=make_team(managers=(cls.manager,), members=["Ada"]),
            assessment=make_assessment(),
            closes_on=date(2026, 12, 17),
        )

    def test_the_round_page_and_the_personal_link_give_the_closing_date_in_each_language(self):
        self.client.force_login(self.manager)
        invitation = self.round.invitations.get()

        for language, long_date in self.LONG_DATES.items():
            with self.subTest(language=language):
                headers = {"accept-language": language}
                round_page = self.client.get(self.round.get_absolute_url(), headers=headers)
                # Open or, once the day has passed, closed (410): either page gives the date.
                link = self.client.get(invitation.get_absolute_url(), headers=headers)

                self.assertIn(long_date, round_page.content.decode())
                self.assertIn(long_date, link.content.decode())

    def test_the_home_page_dates_an_assessment_in_each_language(self):
        assessment = make_assessment(name="Sports")
        type(assessment).objects.filter(pk=assessment.pk).update(
            created=datetime(2026, 12, 17, 12, tzinfo=UTC)
        )

        for language, long_date in self.LONG_DATES.items():
            with self.subTest(language=language):
                response = self.client.get("/", headers={"accept-language": language})

                self.assertContains(response, long_date)
