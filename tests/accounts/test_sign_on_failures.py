"""ID tokens the site must not believe, a provider that is down: nobody signed in, never a 500."""

import dataclasses
from datetime import timedelta
from unittest import mock

from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.test import Client, TestCase, override_settings

from accounts.backends import SignOnBackend
from accounts.provider import provider_configuration
from tests.accounts.provider import (
    CLIENT_ID,
    ProviderTestCase,
    authorize,
    closed_port_url,
    id_token,
    provider,
    set_claims,
    sign_on,
    sign_on_settings,
    signed_in_user_id,
    start_sign_on,
)

ADA = {"email": "ada@example.com", "email_verified": True, "name": "Ada Lovelace"}


class ExpiredIdTokenTests(ProviderTestCase):
    # Tokens that expired ten minutes before they were issued: well past the clock leeway.
    provider_options = {"access_token_max_age": timedelta(minutes=-10)}

    def test_an_expired_id_token_signs_nobody_in(self):
        set_claims(self.issuer, "ada-sub", **ADA)

        with self.assertLogs("accounts.views", "WARNING") as logs:
            response = sign_on(self.client, "ada-sub")

        self.assertContains(response, "Sign-in failed", status_code=400)
        self.assertIsNone(signed_in_user_id(self.client))
        self.assertFalse(User.objects.exists())
        self.assertIn("expired", logs.output[0])


class WronglySignedIdTokenTests(ProviderTestCase):
    def test_an_id_token_signed_with_another_key_signs_nobody_in(self):
        set_claims(self.issuer, "ada-sub", **ADA)
        real = provider_configuration()
        # Another provider's key set: the token is well formed but not signed by its key.
        with provider() as other_issuer:
            impostor_keys = dataclasses.replace(real, jwks_uri=f"{other_issuer}/jwks")
            with (
                mock.patch("accounts.backends.provider_configuration", return_value=impostor_keys),
                self.assertLogs("accounts.views", "WARNING") as logs,
            ):
                response = sign_on(self.client, "ada-sub")

        self.assertContains(response, "Sign-in failed", status_code=400)
        self.assertIsNone(signed_in_user_id(self.client))
        self.assertIn("Signature verification failed", logs.output[0])

    def test_an_id_token_for_another_client_or_from_another_issuer_is_refused(self):
        set_claims(self.issuer, "ada-sub", **ADA)
        token = id_token(self.issuer, "ada-sub")
        real = provider_configuration()
        for name, client_id, expected in [
            ("audience", "another-client", real),
            ("issuer", CLIENT_ID, dataclasses.replace(real, issuer="http://other.example")),
        ]:
            with self.subTest(name), override_settings(OIDC_RP_CLIENT_ID=client_id):
                backend = SignOnBackend()
                backend.use_provider(expected)
                key = backend.retrieve_matching_jwk(token)

                with self.assertRaisesMessage(SuspiciousOperation, "ID token refused"):
                    backend.get_payload_data(token, key)

    def test_an_id_token_for_this_client_from_this_issuer_is_read(self):
        set_claims(self.issuer, "ada-sub", **ADA)
        token = id_token(self.issuer, "ada-sub")
        backend = SignOnBackend()
        backend.use_provider(provider_configuration())

        claims = backend.get_payload_data(token, backend.retrieve_matching_jwk(token))

        self.assertEqual((claims["sub"], claims["email"]), ("ada-sub", "ada@example.com"))


class ProviderDownTests(TestCase):
    def test_a_provider_that_cannot_be_reached_gives_a_failure_page_when_sign_in_starts(self):
        with (
            override_settings(**sign_on_settings(issuer=closed_port_url())),
            self.assertLogs("accounts.views", "WARNING") as logs,
        ):
            response = self.client.get("/oidc/authenticate/")

        self.assertContains(response, "<h1>Sign-in failed</h1>", status_code=502, html=True)
        self.assertContains(response, "could not be reached", status_code=502)
        self.assertIn("openid-configuration", logs.output[0])

    def test_a_provider_that_goes_down_during_sign_in_gives_a_failure_page(self):
        with provider() as issuer, override_settings(**sign_on_settings(issuer=issuer)):
            set_claims(issuer, "ada-sub", **ADA)
            callback = authorize(start_sign_on(self.client), "ada-sub")
            known = provider_configuration()
        # The server has stopped; the site still knows its endpoints from discovery.

        with (
            override_settings(**sign_on_settings(issuer=issuer)),
            mock.patch("accounts.backends.provider_configuration", return_value=known),
            self.assertLogs("accounts.views", "WARNING") as logs,
        ):
            response = self.client.get(callback)

        self.assertContains(response, "could not be reached", status_code=502)
        self.assertIsNone(signed_in_user_id(self.client))
        self.assertIn("ConnectionError", logs.output[0])


class SignOnOffTests(TestCase):
    def test_the_sign_on_addresses_are_not_found_while_it_is_off(self):
        for url in ["/oidc/authenticate/", "/oidc/callback/?code=x&state=y"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_sign_in_page_offers_only_the_password_form(self):
        response = self.client.get("/accounts/login/")

        self.assertNotContains(response, "/oidc/authenticate/")
        self.assertNotContains(response, "Or with a password")
        self.assertContains(response, 'name="password"')

    def test_a_password_sign_in_ignores_a_code_and_state_in_the_address(self):
        User.objects.create_user("ada", password="quiet-otter-lantern-42")
        with override_settings(**sign_on_settings(issuer=closed_port_url())):
            right = Client().post(
                "/accounts/login/?code=x&state=y",
                {"username": "ada", "password": "quiet-otter-lantern-42"},
            )
            wrong = Client().post(
                "/accounts/login/?code=x&state=y", {"username": "ada", "password": "wrong"}
            )

        self.assertRedirects(right, "/accounts/profile/", fetch_redirect_response=False)
        self.assertContains(wrong, "Please enter a correct username and password")
