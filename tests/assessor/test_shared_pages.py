"""The form and results pages are cached whole for signed-out visitors, and never shown to anyone
with a header, a message or a CSRF token that is not their own."""

import re

from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.base import SessionBase
from django.test import Client, RequestFactory, TestCase

from assessor.fragments import is_anonymous_visit
from tests.factories import TRIATHLON, make_assessment, make_result, make_user


def token_in(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


class SharedPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Triathlon", slug="tri", assessment=TRIATHLON)
        cls.result = make_result(cls.assessment, name="Ada")
        cls.user = make_user(username="grace")
        cls.pages = {"form": "/assessment/?v=tri", "results": cls.result.get_absolute_url()}

    def test_a_signed_out_visitor_after_the_first_gets_the_page_without_any_rendering(self):
        for page, url in self.pages.items():
            with self.subTest(page):
                first = Client().get(url)

                second = Client().get(url)

                self.assertNotEqual(first.templates, [])
                self.assertEqual(second.templates, [])
                self.assertContains(second, "Triathlon")
                self.assertContains(second, ">Sign in</a>")

    def test_every_copy_tells_http_caches_that_it_depends_on_the_cookies(self):
        for page, url in self.pages.items():
            with self.subTest(page):
                responses = [Client().get(url), Client().get(url)]

                self.assertEqual([r["Vary"] for r in responses], ["Cookie", "Cookie"])

    def test_a_signed_in_visitor_sees_their_own_header_on_a_page_cached_for_others(self):
        for page, url in self.pages.items():
            with self.subTest(page):
                Client().get(url)
                self.client.force_login(self.user)

                response = self.client.get(url)
                signed_out = Client().get(url)

                self.assertContains(response, "Signed in as <strong>grace</strong>")
                self.assertNotContains(response, ">Sign in</a>")
                self.assertNotContains(signed_out, "grace")

    def test_the_sign_out_button_carries_the_visitors_own_working_token(self):
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(self.user)
        page = self.client.get(self.result.get_absolute_url())

        response = self.client.post("/accounts/logout/", {"csrfmiddlewaretoken": token_in(page)})

        self.assertContains(response, "signed out")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_text_that_looks_like_the_token_placeholder_is_shown_as_typed(self):
        result = make_result(self.assessment, name="<csrf-token>")
        client = Client()
        client.get(result.get_absolute_url())

        response = client.get(result.get_absolute_url())

        self.assertContains(response, "Results for &lt;csrf-token&gt;")
        self.assertNotIn("csrftoken", client.cookies)


class AnonymousVisitTests(TestCase):
    def request(self, **cookies):
        request = RequestFactory().get("/")
        request.COOKIES.update(cookies)
        request.session = SessionBase()
        request._messages = FallbackStorage(request)
        return request

    def test_a_visitor_without_session_or_messages_is_anonymous(self):
        self.assertTrue(is_anonymous_visit(self.request()))

    def test_a_visitor_with_a_session_is_not(self):
        self.assertFalse(is_anonymous_visit(self.request(sessionid="abc")))

    def test_a_visitor_with_a_message_waiting_is_not(self):
        request = self.request()
        messages.info(request, "Saved.")

        self.assertFalse(is_anonymous_visit(request))
