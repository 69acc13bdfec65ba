"""The page frame (head links, the signed-out header, the footer's language menu) is drawn once per
release and language, and never holds a visitor's CSRF token, name or address."""

from unittest import mock

from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.test import TestCase

from pages import cache as page_cache
from tests.factories import make_assessment, make_user

FORM = "/assessment/?v=frame"


def footer_key(release: str, language: str) -> str:
    return make_template_fragment_key("footer", [release, language])


class FrameCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_assessment(name="Frame", slug="frame")

    def test_the_footer_is_drawn_from_the_cache_until_the_release_changes(self):
        self.client.get(FORM)
        fragments = caches["template_fragments"]
        fragments.set(
            footer_key(page_cache.RELEASE, settings.LANGUAGE_CODE),
            "<p>the footer as drawn before</p>",
        )

        cached = self.client.get(FORM)
        with mock.patch.object(page_cache, "RELEASE", "another-release"):
            next_release = self.client.get(FORM)

        self.assertContains(cached, "the footer as drawn before")
        self.assertNotContains(next_release, "the footer as drawn before")
        self.assertContains(next_release, "Change language")

    def test_each_language_has_its_own_frame(self):
        self.client.get(FORM)

        german = self.client.get(FORM, headers={"accept-language": "de"})

        self.assertContains(german, "Sprache ändern")
        self.assertContains(german, '<option value="de" lang="de" selected>', html=False)
        self.assertNotContains(german, "Change language")

    def test_each_visitor_gets_their_own_token_and_return_address(self):
        first = self.client.get(FORM)
        self.client.cookies.clear()

        second = self.client.get("/assessment/?v=frame&again=1")

        token = first.context["csrf_token"]
        self.assertNotEqual(str(token), str(second.context["csrf_token"]))
        self.assertContains(second, 'name="next" value="/assessment/?v=frame&amp;again=1"')
        self.assertNotContains(second, str(token))

    def test_a_signed_in_header_names_its_own_user_whatever_was_drawn_before(self):
        self.client.get(FORM)
        for name in ("ada", "grace"):
            self.client.force_login(make_user(username=name))

            response = self.client.get(FORM)

            self.assertContains(response, f"Signed in as <strong>{name}</strong>", html=True)
            self.assertNotContains(response, "Sign in</a>")
