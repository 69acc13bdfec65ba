"""Password reset, through the client and the outbox: Django's flow under /accounts/, one answer
for known and unknown addresses, 5 requests per client address per hour, none with OIDC_ONLY."""

import re

from django.contrib.auth.models import User
from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse

from assessor.log import hide_capabilities
from tests.accounts.provider import sign_on_settings
from tests.factories import make_user

RESET = "/accounts/password_reset/"
SENT = "/accounts/password_reset/done/"
NEW_PASSWORD = "amber-kettle-harbour-93"
# The link as DJANGO_SITE_URL starts it in the tests.
RESET_LINK = re.compile(r"http://127\.0\.0\.1:8000(/accounts/reset/[^/\s]+/[^/\s]+/)")


class PasswordResetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ada = User.objects.create_user(
            "ada", email="ada@example.com", password="old-password-of-ada-17", first_name="Ada"
        )

    def ask_for_a_link(self, email: str, **headers: str):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(RESET, {"email": email}, headers=headers)

    def test_the_routes_are_djangos_flow_under_accounts(self):
        self.assertEqual(reverse("accounts:password_reset"), RESET)
        self.assertEqual(reverse("accounts:password_reset_done"), SENT)
        self.assertEqual(
            reverse("accounts:password_reset_confirm", args=["MQ", "abc-123"]),
            "/accounts/reset/MQ/abc-123/",
        )
        self.assertEqual(reverse("accounts:password_reset_complete"), "/accounts/reset/done/")

    def test_the_sign_in_page_links_to_the_reset_form(self):
        response = self.client.get("/accounts/login/")

        self.assertContains(response, f'<a href="{RESET}">Forgot your password?</a>', html=True)

    def test_the_reset_form_asks_for_an_email_address(self):
        response = self.client.get(RESET)

        self.assertContains(response, 'name="email"')

    def test_a_known_address_gets_a_link_that_sets_a_new_password(self):
        response = self.ask_for_a_link("ADA@example.com")

        self.assertRedirects(response, SENT)
        [message] = mail.outbox
        self.assertEqual(message.to, ["ada@example.com"])
        self.assertEqual(message.subject, "Choose a new password for Assessor")
        self.assertIn("Hello Ada,", message.body)
        self.assertIn("username ada", message.body)
        link = RESET_LINK.search(message.body)[1]
        form = self.client.get(link, follow=True)
        self.assertContains(form, 'name="new_password1"')
        saved = self.client.post(
            form.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
        self.assertRedirects(saved, "/accounts/reset/done/")
        self.assertTrue(self.client.login(username="ada", password=NEW_PASSWORD))

    def test_a_link_works_only_once(self):
        self.ask_for_a_link("ada@example.com")
        link = RESET_LINK.search(mail.outbox[0].body)[1]
        form = self.client.get(link, follow=True)
        self.client.post(
            form.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )

        again = self.client.get(link, follow=True)

        self.assertContains(again, "This link does not work")
        self.assertNotContains(again, 'name="new_password1"')

    def test_an_unknown_address_gets_the_same_answer_and_no_email(self):
        known = self.ask_for_a_link("ada@example.com")
        mail.outbox.clear()

        unknown = self.ask_for_a_link("nobody@example.com")

        self.assertEqual(unknown.status_code, known.status_code)
        self.assertEqual(unknown["Location"], known["Location"])
        self.assertEqual(mail.outbox, [])
        self.assertContains(self.client.get(unknown["Location"]), "If an account has that address")

    def test_an_account_without_a_password_gets_the_same_answer_and_no_email(self):
        # Made by single sign-on: a password would be a second way in.
        grace = make_user(username="grace", email="grace@example.com")
        grace.set_unusable_password()
        grace.save()

        response = self.ask_for_a_link("grace@example.com")

        self.assertRedirects(response, SENT)
        self.assertEqual(mail.outbox, [])

    def test_the_email_is_in_the_language_of_the_request(self):
        self.ask_for_a_link("ada@example.com", accept_language="de")

        html, _ = mail.outbox[0].alternatives[0]
        self.assertIn('<html lang="de">', html)

    def test_no_email_leaves_before_the_request_commits(self):
        self.client.post(RESET, {"email": "ada@example.com"})

        self.assertEqual(mail.outbox, [])

    def test_two_different_new_passwords_are_a_400_and_change_nothing(self):
        self.ask_for_a_link("ada@example.com")
        form = self.client.get(RESET_LINK.search(mail.outbox[0].body)[1], follow=True)

        response = self.client.post(
            form.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
        )

        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.client.login(username="ada", password=NEW_PASSWORD))

    def test_a_wrong_link_says_so(self):
        response = self.client.get("/accounts/reset/MQ/not-a-token/")

        self.assertContains(response, "This link does not work")

    def test_the_links_secret_is_cut_short_in_logs(self):
        line = '"GET /accounts/reset/MQ/cz9k2a-0123456789abcdef0123456789abcdef/ HTTP/1.1" 302'

        self.assertEqual(hide_capabilities(line), '"GET /accounts/reset/MQ/cz9k2a-…/ HTTP/1.1" 302')


class PasswordResetLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        User.objects.create_user("ada", email="ada@example.com", password="old-password-of-ada-17")

    def ask_for_a_link(self, email: str, address: str = "203.0.113.9"):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(RESET, {"email": email}, REMOTE_ADDR=address)

    def test_the_sixth_request_in_an_hour_from_one_address_is_a_429_and_sends_nothing(self):
        # Unknown addresses take turns too, or the refusal would tell the known ones apart.
        for email in ["a@example.com", "b@example.com", "c@example.com", "d@example.com"]:
            self.ask_for_a_link(email)
        self.assertEqual(self.ask_for_a_link("ada@example.com").status_code, 302)

        refused = self.ask_for_a_link("ada@example.com")

        self.assertContains(refused, "asked for as many links as it may", status_code=429)
        self.assertTrue(3500 <= int(refused["Retry-After"]) <= 3600)
        self.assertEqual(len(mail.outbox), 1)

    def test_another_address_has_turns_of_its_own(self):
        for _ in range(5):
            self.ask_for_a_link("nobody@example.com")

        response = self.ask_for_a_link("ada@example.com", address="203.0.113.10")

        self.assertRedirects(response, SENT)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_form_with_errors_takes_no_turn(self):
        for _ in range(5):
            self.assertEqual(self.ask_for_a_link("not an address").status_code, 400)

        response = self.ask_for_a_link("ada@example.com")

        self.assertRedirects(response, SENT)


@override_settings(**sign_on_settings(issuer="http://127.0.0.1:9", OIDC_ONLY=True))
class PasswordResetWithOidcOnlyTests(TestCase):
    def test_every_page_of_the_flow_is_not_found(self):
        ada = make_user(username="ada", email="ada@example.com")
        for path in [RESET, SENT, "/accounts/reset/MQ/abc-123/", "/accounts/reset/done/"]:
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)
        with self.captureOnCommitCallbacks(execute=True):
            posted = self.client.post(RESET, {"email": ada.email})

        self.assertEqual(posted.status_code, 404)
        self.assertEqual(mail.outbox, [])

    def test_the_sign_in_page_does_not_offer_it(self):
        response = self.client.get("/accounts/login/")

        self.assertNotContains(response, RESET)
