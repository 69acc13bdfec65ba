"""Settings read the environment and refuse to start production without a real secret key."""

import os
import subprocess
import sys

from django.test import SimpleTestCase

STRONG_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2


def load_settings(**environment: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with exactly this environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(environment)
    code = "import assessor.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


class SecretKeyTests(SimpleTestCase):
    def test_production_without_a_secret_key_refuses_to_start(self):
        outcome = load_settings()

        self.assertNotEqual(outcome.returncode, 0)
        self.assertIn("DJANGO_SECRET_KEY must be set", outcome.stderr)

    def test_production_with_a_weak_secret_key_refuses_to_start(self):
        for weak in ["short", "django-insecure-" + "x1y2z3" * 10, "a" * 60]:
            with self.subTest(weak=weak[:20]):
                outcome = load_settings(DJANGO_SECRET_KEY=weak)

                self.assertIn("DJANGO_SECRET_KEY must be set", outcome.stderr)

    def test_production_with_a_strong_key_starts(self):
        outcome = load_settings(DJANGO_SECRET_KEY=STRONG_KEY)

        self.assertEqual(outcome.stdout.split(), ["False", "django.db.backends.sqlite3"])

    def test_debug_mode_starts_without_a_key(self):
        outcome = load_settings(DJANGO_DEBUG="1")

        self.assertEqual(outcome.stdout.split()[0], "True")

    def test_database_url_selects_the_database(self):
        outcome = load_settings(
            DJANGO_DEBUG="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/test"
        )

        self.assertEqual(outcome.stdout.split()[1], "django.db.backends.postgresql")
