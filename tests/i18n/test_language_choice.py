"""How the language is chosen: the menu, Accept-Language, LANGUAGE_CODE; and it stays chosen."""

from django.conf import settings
from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape

from tests.factories import make_assessment

SHIPPED = [code for code, _ in settings.LANGUAGES]


class LanguageChoiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Triathlon")

    def test_without_a_choice_or_a_header_the_page_is_in_the_site_language(self):
        response = self.client.get("/")

        self.assertContains(response, '<html lang="en-gb">')

    def test_accept_language_de_serves_german(self):
        response = self.client.get("/", headers={"accept-language": "de-DE,de;q=0.9,en;q=0.5"})

        self.assertContains(response, '<html lang="de">')

    def test_an_unshipped_language_falls_back_to_the_site_language(self):
        response = self.client.get("/", headers={"accept-language": "ja"})

        self.assertContains(response, '<html lang="en-gb">')

    def test_the_footer_menu_offers_every_language_in_its_own_name_and_returns_here(self):
        page = self.assessment.get_absolute_url()

        response = self.client.get(page)

        self.assertContains(response, f'action="{reverse("set_language")}"')
        self.assertContains(response, f'<input type="hidden" name="next" value="{escape(page)}">')
        for code, name in settings.LANGUAGES:
            self.assertContains(response, f'<option value="{code}" lang="{code}"')
            self.assertContains(response, name)

    def test_the_menu_switches_the_language_and_keeps_the_visitor_on_the_page(self):
        page = self.assessment.get_absolute_url()

        response = self.client.post(reverse("set_language"), {"language": "fr", "next": page})

        self.assertRedirects(response, page, fetch_redirect_response=False)
        self.assertContains(self.client.get(page), '<html lang="fr">')

    def test_the_choice_survives_to_the_next_page_and_beats_accept_language(self):
        self.client.post(reverse("set_language"), {"language": "es", "next": "/"})

        next_page = self.client.get(reverse("accounts:login"), headers={"accept-language": "de"})

        self.assertEqual(self.client.cookies[settings.LANGUAGE_COOKIE_NAME].value, "es")
        self.assertContains(next_page, '<html lang="es">')

    def test_the_menu_refuses_to_send_the_visitor_to_another_site(self):
        response = self.client.post(
            reverse("set_language"), {"language": "de", "next": "https://evil.example/"}
        )

        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/")

    def test_the_selected_option_is_the_current_language(self):
        response = self.client.get("/", headers={"accept-language": "de"})

        self.assertContains(response, '<option value="de" lang="de" selected>')
        self.assertNotContains(response, '<option value="en-gb" lang="en-gb" selected>')

    def test_urls_do_not_change_with_the_language(self):
        german = self.client.get("/", headers={"accept-language": "de"})

        self.assertEqual(german.status_code, 200)
        self.assertEqual(self.client.get("/de/").status_code, 404)
