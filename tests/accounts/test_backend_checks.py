"""The backend's own checks on what the provider sends, and the sign-on rule on its claims."""

import base64
import dataclasses
import json
from unittest import mock

from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.test import TestCase, override_settings

from accounts.backends import SignOnBackend
from accounts.provider import provider_configuration
from accounts.sign_on import SignInRefused, sign_on
from tests.accounts.provider import (
    ProviderTestCase,
    authorize,
    set_claims,
    signed_in_user_id,
    start_sign_on,
)
from tests.accounts.test_provider import serving


def unsigned_token(header: dict) -> str:
    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part(header)}.{part({'sub': 'x'})}.c2ln"


class KeyChecksTests(ProviderTestCase):
    def backend(self) -> SignOnBackend:
        backend = SignOnBackend()
        backend.use_provider(provider_configuration())
        return backend

    def test_a_token_naming_a_key_the_provider_does_not_publish_is_refused(self):
        with self.assertRaisesMessage(SuspiciousOperation, "no key of the provider matches"):
            self.backend().retrieve_matching_jwk(unsigned_token({"alg": "RS256", "kid": "gone"}))

    def test_an_unreadable_token_is_refused(self):
        with self.assertRaisesMessage(SuspiciousOperation, "ID token unreadable"):
            self.backend().retrieve_matching_jwk("not a token")

    def test_an_unusable_published_key_is_refused(self):
        backend = self.backend()
        with (
            serving(lambda _: b'{"keys": [{"kty": "RSA", "n": "", "e": ""}]}') as address,
            mock.patch.object(backend, "OIDC_OP_JWKS_ENDPOINT", f"{address}/jwks"),
            self.assertRaisesMessage(SuspiciousOperation, "the provider's key is unusable"),
        ):
            backend.retrieve_matching_jwk(unsigned_token({"alg": "RS256"}))

    def test_user_info_about_another_subject_signs_nobody_in(self):
        set_claims(self.issuer, "ada-sub", email="ada@example.com", email_verified=True)
        callback = authorize(start_sign_on(self.client), "ada-sub")

        with (
            mock.patch.object(SignOnBackend, "get_userinfo", return_value={"sub": "grace-sub"}),
            self.assertLogs("accounts.views", "WARNING"),
        ):
            response = self.client.get(callback)

        self.assertContains(response, "Sign-in failed", status_code=400)
        self.assertFalse(User.objects.exists())

    def test_a_token_endpoint_in_trouble_gives_the_provider_trouble_page(self):
        set_claims(self.issuer, "ada-sub", email="ada@example.com", email_verified=True)
        callback = authorize(start_sign_on(self.client), "ada-sub")

        with serving(lambda _: b"{}", status=503) as address:
            broken = dataclasses.replace(provider_configuration(), token_endpoint=address)
            with (
                mock.patch("accounts.backends.provider_configuration", return_value=broken),
                self.assertLogs("accounts.views", "WARNING") as logs,
            ):
                response = self.client.get(callback)

        self.assertContains(response, "could not be reached", status_code=502)
        self.assertIsNone(signed_in_user_id(self.client))
        self.assertIn("status: 503", logs.output[0])


class SignOnRuleTests(TestCase):
    ISSUER = "https://sso.example.com"

    def test_given_and_family_names_are_kept_apart(self):
        user = sign_on(
            issuer=self.ISSUER,
            claims={
                "sub": "s",
                "email": "ada@example.com",
                "email_verified": "true",
                "name": "Ada King, Countess of Lovelace",
                "given_name": "Ada",
                "family_name": "Lovelace",
            },
        )

        self.assertEqual((user.first_name, user.last_name), ("Ada", "Lovelace"))

    def test_claims_without_a_subject_are_refused(self):
        with self.assertRaisesMessage(SignInRefused, "did not say who you are"):
            sign_on(issuer=self.ISSUER, claims={"email": "ada@example.com"})

    def test_an_unverified_new_email_leaves_the_old_one(self):
        claims = {"sub": "s", "email": "ada@example.com", "email_verified": True}
        sign_on(issuer=self.ISSUER, claims=claims)

        user = sign_on(
            issuer=self.ISSUER, claims={**claims, "email": "x@example.com", "email_verified": False}
        )

        self.assertEqual(user.email, "ada@example.com")

    @override_settings(OIDC_MANAGERS_GROUP="assessor-managers")
    def test_a_returning_person_costs_a_fixed_number_of_queries(self):
        claims = {"sub": "s", "email": "ada@example.com", "email_verified": True}
        sign_on(issuer=self.ISSUER, claims={**claims, "groups": ["assessor-managers"]})

        # The identity with its user; the user's and the identity's updates; team members to
        # link; the Managers group and whether the user is in it; the savepoint and its release.
        with self.assertNumQueries(8):
            sign_on(issuer=self.ISSUER, claims={**claims, "groups": ["assessor-managers"]})
