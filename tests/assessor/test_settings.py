"""Settings read the environment, once, and refuse to start production without what it needs:
a real secret key, the site's address and the sender of its emails."""

import os
import subprocess
import sys

from django.conf import settings
from django.test import SimpleTestCase

STRONG_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2


PRODUCTION = {
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_SITE_URL": "https://assessor.example.com",
    "DJANGO_DEFAULT_FROM_EMAIL": "skills@example.com",
}


def clean_environment(**environment: str) -> dict[str, str]:
    """This process's environment without any configuration, plus exactly these values."""
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "OIDC_"))
    }
    for name in [
        "DATABASE_URL",
        "DATABASE_DISABLE_SERVER_SIDE_CURSORS",
        "REDIS_URL",
        "REDIS_KEY_PREFIX",
    ]:
        env.pop(name, None)
    return {**env, **environment}


def load_settings(
    code: str = "print(s.DEBUG, s.DATABASES['default']['ENGINE'])", **environment: str
) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with exactly this environment, then run code."""
    return subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings as s; {code}"],
        env=clean_environment(DJANGO_SETTINGS_MODULE="assessor.settings", **environment),
        capture_output=True,
        text=True,
        check=False,
    )


def setting(expression: str, **environment: str) -> str:
    """The repr of a settings expression, e.g. setting("s.SECURE_SSL_REDIRECT")."""
    outcome = load_settings(f"print(repr({expression}))", **environment)
    if outcome.returncode:
        raise AssertionError(outcome.stderr)
    return outcome.stdout.strip()


class SecretKeyTests(SimpleTestCase):
    def test_production_without_a_secret_key_refuses_to_start(self):
        outcome = load_settings(**{**PRODUCTION, "DJANGO_SECRET_KEY": ""})

        self.assertNotEqual(outcome.returncode, 0)
        self.assertIn("DJANGO_SECRET_KEY must be set", outcome.stderr)

    def test_production_with_a_weak_secret_key_refuses_to_start(self):
        for weak in ["short", "django-insecure-" + "x1y2z3" * 10, "a" * 60]:
            with self.subTest(weak=weak[:20]):
                outcome = load_settings(**{**PRODUCTION, "DJANGO_SECRET_KEY": weak})

                self.assertIn("DJANGO_SECRET_KEY must be set", outcome.stderr)

    def test_production_with_a_strong_key_starts(self):
        outcome = load_settings(**PRODUCTION)

        self.assertEqual(outcome.stdout.split(), ["False", "django.db.backends.sqlite3"])

    def test_debug_mode_starts_without_a_key_a_site_address_or_a_sender(self):
        outcome = load_settings(DJANGO_DEBUG="1")

        self.assertEqual(outcome.stdout.split()[0], "True")

    def test_database_url_selects_the_database(self):
        outcome = load_settings(
            DJANGO_DEBUG="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/test"
        )

        self.assertEqual(outcome.stdout.split()[1], "django.db.backends.postgresql")


class ProductionAddressTests(SimpleTestCase):
    def test_production_without_the_sites_address_refuses_to_start(self):
        outcome = load_settings(**{**PRODUCTION, "DJANGO_SITE_URL": ""})

        self.assertNotEqual(outcome.returncode, 0)
        self.assertIn("DJANGO_SITE_URL must be set when DJANGO_DEBUG is off", outcome.stderr)

    def test_production_without_the_sender_of_its_emails_refuses_to_start(self):
        outcome = load_settings(**{**PRODUCTION, "DJANGO_DEFAULT_FROM_EMAIL": " "})

        self.assertNotEqual(outcome.returncode, 0)
        self.assertIn(
            "DJANGO_DEFAULT_FROM_EMAIL must be set when DJANGO_DEBUG is off", outcome.stderr
        )

    def test_a_site_address_that_is_no_web_address_refuses_to_start(self):
        outcome = load_settings(**{**PRODUCTION, "DJANGO_SITE_URL": "assessor.example.com"})

        self.assertIn("DJANGO_SITE_URL must start with https://", outcome.stderr)

    def test_development_falls_back_to_the_local_address_and_sender(self):
        configured = setting("(s.SITE_URL, s.DEFAULT_FROM_EMAIL)", DJANGO_DEBUG="1")

        self.assertEqual(configured, repr(("http://127.0.0.1:8000", "assessor@localhost")))

    def test_a_trailing_slash_is_left_off_the_sites_address(self):
        configured = setting(
            "s.SITE_URL", **{**PRODUCTION, "DJANGO_SITE_URL": "https://a.example/"}
        )

        self.assertEqual(configured, repr("https://a.example"))


class DatabaseSettingTests(SimpleTestCase):
    def test_sqlite_keeps_its_connection_open_between_requests(self):
        database = "s.DATABASES['default']"

        self.assertEqual(setting(f"{database}['CONN_MAX_AGE']", **PRODUCTION), "600")

    def test_postgresql_connections_come_from_psycopgs_pool_without_a_check_per_request(self):
        database = "s.DATABASES['default']"
        postgres = {**PRODUCTION, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"}

        pool = setting(f"{database}['OPTIONS']['pool']", **postgres)
        checks = setting(f"{database}.get('CONN_HEALTH_CHECKS', False)", **postgres)

        self.assertEqual(pool, "{'min_size': 1, 'max_size': 4, 'timeout': 10}")
        self.assertEqual(setting(f"{database}['CONN_MAX_AGE']", **postgres), "0")
        self.assertEqual(checks, "False")

    def test_server_side_cursors_can_be_turned_off_for_pgbouncer(self):
        flag = "s.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False)"

        self.assertEqual(setting(flag, **PRODUCTION), "False")
        self.assertEqual(
            setting(flag, DATABASE_DISABLE_SERVER_SIDE_CURSORS="1", **PRODUCTION), "True"
        )


class RedisSettingTests(SimpleTestCase):
    def test_without_redis_sessions_live_in_the_database(self):
        self.assertEqual(
            setting("(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'])", **PRODUCTION),
            repr(
                (
                    "assessor.sessions",
                    "django.core.cache.backends.locmem.LocMemCache",
                )
            ),
        )

    def test_redis_url_puts_the_cache_and_the_sessions_in_redis(self):
        redis = {
            "REDIS_URL": "redis://127.0.0.1:6379/3",
            "REDIS_KEY_PREFIX": "staging",
            **PRODUCTION,
        }

        self.assertEqual(
            setting("s.CACHES['default']", **redis),
            repr(
                {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": "redis://127.0.0.1:6379/3",
                    "KEY_PREFIX": "staging",
                }
            ),
        )
        self.assertEqual(
            setting("s.SESSION_ENGINE", **redis), repr("django.contrib.sessions.backends.cache")
        )


class HttpsSettingTests(SimpleTestCase):
    HTTPS = "(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"

    def test_production_redirects_to_https_and_keeps_cookies_to_https(self):
        self.assertEqual(setting(self.HTTPS, **PRODUCTION), "(True, True, True)")
        self.assertEqual(setting("s.SECURE_HSTS_SECONDS", **PRODUCTION), "31536000")

    def test_development_uses_plain_http(self):
        self.assertEqual(setting(self.HTTPS, DJANGO_DEBUG="1"), "(False, False, False)")
        self.assertEqual(setting("s.SECURE_HSTS_SECONDS", DJANGO_DEBUG="1"), "0")

    def test_the_redirect_and_the_secure_cookies_can_be_switched_off(self):
        local = {"DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_SECURE_COOKIES": "0", **PRODUCTION}

        self.assertEqual(setting(self.HTTPS, **local), "(False, False, False)")

    def test_the_proxy_ssl_header_is_trusted_only_when_asked(self):
        header = "s.SECURE_PROXY_SSL_HEADER"

        self.assertEqual(setting(header, **PRODUCTION), "None")
        self.assertEqual(
            setting(header, DJANGO_SECURE_PROXY_SSL_HEADER="1", **PRODUCTION),
            repr(("HTTP_X_FORWARDED_PROTO", "https")),
        )


def deploy_check(**environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=clean_environment(**environment),
        capture_output=True,
        text=True,
        check=False,
    )


class DeployCheckTests(SimpleTestCase):
    def test_the_deploy_check_passes_with_production_settings(self):
        outcome = deploy_check(DJANGO_ALLOWED_HOSTS="assessor.example.com", **PRODUCTION)

        self.assertEqual(outcome.returncode, 0, outcome.stderr)
        self.assertIn("System check identified no issues", outcome.stdout)

    def test_the_deploy_check_catches_a_switched_off_https_redirect(self):
        outcome = deploy_check(DJANGO_SECURE_SSL_REDIRECT="0", **PRODUCTION)

        self.assertNotEqual(outcome.returncode, 0)
        self.assertIn("security.W008", outcome.stderr)


class StaleAfterDaysTests(SimpleTestCase):
    def test_a_year_unless_the_environment_says_otherwise(self):
        self.assertEqual(setting("s.STALE_AFTER_DAYS", DJANGO_DEBUG="1"), "365")
        self.assertEqual(
            setting("s.STALE_AFTER_DAYS", DJANGO_DEBUG="1", ASSESSOR_STALE_AFTER_DAYS="90"), "90"
        )

    def test_a_malformed_number_of_days_stops_the_site_naming_the_variable(self):
        outcome = load_settings(DJANGO_DEBUG="1", ASSESSOR_STALE_AFTER_DAYS="a year")

        self.assertIn("ASSESSOR_STALE_AFTER_DAYS must be a whole number of days", outcome.stderr)
