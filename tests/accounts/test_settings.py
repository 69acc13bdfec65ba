"""The OIDC_* variables: off when unset, loud when incomplete, and what they turn on."""

import subprocess
import sys

from django.conf import settings
from django.test import SimpleTestCase

from tests.accounts.provider import (
    LOCK_OUT_BACKEND,
    PASSWORD_BACKEND,
    SIGN_ON_BACKEND,
    closed_port_url,
    provider,
)
from tests.assessor.test_settings import (
    PRODUCTION,
    clean_environment,
    deploy_check,
    load_settings,
    setting,
)

SIGN_ON = {
    **PRODUCTION,
    "OIDC_ISSUER_URL": "https://sso.example.com/realms/staff",
    "OIDC_CLIENT_ID": "assessor",
    "OIDC_CLIENT_SECRET": "s3cret",
}


class SignOnSettingsTests(SimpleTestCase):
    def test_without_the_variables_passwords_alone_sign_in(self):
        self.assertEqual(
            setting("(s.OIDC_ISSUER_URL, s.AUTHENTICATION_BACKENDS)", **PRODUCTION),
            repr(("", [LOCK_OUT_BACKEND, PASSWORD_BACKEND])),
        )

    def test_an_issuer_turns_sign_on_on_beside_passwords(self):
        self.assertEqual(
            setting(
                "(s.OIDC_RP_CLIENT_ID, s.OIDC_RP_CLIENT_SECRET, s.AUTHENTICATION_BACKENDS,"
                " s.OIDC_RP_SCOPES, s.OIDC_PROVIDER_NAME, s.OIDC_USE_PKCE)",
                **SIGN_ON,
            ),
            repr(
                (
                    "assessor",
                    "s3cret",
                    [LOCK_OUT_BACKEND, PASSWORD_BACKEND, SIGN_ON_BACKEND],
                    "openid email profile",
                    "your company account",
                    True,
                )
            ),
        )

    def test_oidc_only_leaves_no_password_backend(self):
        self.assertEqual(
            setting("s.AUTHENTICATION_BACKENDS", OIDC_ONLY="1", **SIGN_ON),
            repr([LOCK_OUT_BACKEND, SIGN_ON_BACKEND]),
        )

    def test_the_managers_group_asks_for_the_groups_scope(self):
        self.assertEqual(
            setting("s.OIDC_RP_SCOPES", OIDC_MANAGERS_GROUP="assessor-managers", **SIGN_ON),
            repr("openid email profile groups"),
        )

    def test_the_provider_name_is_the_buttons_words(self):
        self.assertEqual(
            setting("s.OIDC_PROVIDER_NAME", OIDC_PROVIDER_NAME="Example SSO", **SIGN_ON),
            repr("Example SSO"),
        )

    def test_an_issuer_without_the_client_refuses_to_start(self):
        outcome = load_settings(**PRODUCTION, OIDC_ISSUER_URL="https://sso.example.com")

        self.assertIn("OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set", outcome.stderr)

    def test_oidc_only_without_an_issuer_refuses_to_start(self):
        outcome = load_settings(**PRODUCTION, OIDC_ONLY="1")

        self.assertIn("OIDC_ONLY=1 needs OIDC_ISSUER_URL", outcome.stderr)


class StartUpTests(SimpleTestCase):
    def test_production_with_an_unreadable_provider_does_not_start(self):
        outcome = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=settings.BASE_DIR,
            env=clean_environment(**{**SIGN_ON, "OIDC_ISSUER_URL": closed_port_url()}),
            capture_output=True,
            text=True,
            check=False,
        )

        self.assertNotEqual(outcome.returncode, 0)
        self.assertIn("ImproperlyConfigured: OIDC_ISSUER_URL: the provider's", outcome.stderr)

    def test_production_with_a_readable_provider_starts_and_passes_the_deploy_check(self):
        with provider() as issuer:
            outcome = deploy_check(
                **{**SIGN_ON, "OIDC_ISSUER_URL": issuer, "OIDC_ONLY": "1"},
                DJANGO_ALLOWED_HOSTS="assessor.example.com",
            )

        self.assertEqual(outcome.returncode, 0, outcome.stderr)
        self.assertIn("System check identified no issues", outcome.stdout)
