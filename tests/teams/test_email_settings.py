"""Email and task settings from the environment: EMAIL_URL, the console in development, the
database queue in production."""

from django.test import SimpleTestCase

from tests.assessor.test_settings import PRODUCTION, setting


class EmailSettingsTests(SimpleTestCase):
    def test_email_url_configures_smtp(self):
        url = "smtp://mailer:s3cret@mail.example.com:587/?tls=True&timeout=3"

        configured = setting(
            "(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
            "s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_TIMEOUT)",
            EMAIL_URL=url,
            **PRODUCTION,
        )

        self.assertEqual(
            configured,
            repr(
                (
                    "django.core.mail.backends.smtp.EmailBackend",
                    *("mail.example.com", 587, "mailer", "s3cret", True, 3),
                )
            ),
        )

    def test_development_without_email_url_prints_emails_and_sends_at_once(self):
        configured = setting("(s.EMAIL_BACKEND, s.TASKS['default']['BACKEND'])", DJANGO_DEBUG="1")

        self.assertEqual(
            configured,
            repr(
                (
                    "django.core.mail.backends.console.EmailBackend",
                    "django_tasks.backends.immediate.ImmediateBackend",
                )
            ),
        )

    def test_production_queues_emails_in_the_database_for_the_worker(self):
        configured = setting("(s.TASKS['default']['BACKEND'], s.EMAIL_TIMEOUT)", **PRODUCTION)

        self.assertEqual(configured, repr(("django_tasks_db.DatabaseBackend", 10)))

    def test_the_site_address_and_sender_come_from_the_environment(self):
        configured = setting(
            "(s.SITE_URL, s.DEFAULT_FROM_EMAIL, s.EMAIL_RETRY_SECONDS)",
            **{
                **PRODUCTION,
                "DJANGO_SITE_URL": "https://skills.example.org",
                "DJANGO_DEFAULT_FROM_EMAIL": "team@example.org",
                "EMAIL_RETRY_SECONDS": "5",
            },
        )

        self.assertEqual(configured, repr(("https://skills.example.org", "team@example.org", 5)))
