"""/healthz: what load balancers poll to learn whether an app server can reach its database."""

import socket
from unittest import mock

from django.contrib.auth.models import User
from django.db import connection
from django.db.utils import ConnectionHandler
from django.test import TestCase, override_settings
from django.urls import reverse


def unreachable_database():
    """A connection like the test database's, pointed where no database answers."""
    if connection.vendor == "postgresql":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        # Without the pool, which Django keys by alias and would hand out the real database's
        # connections.
        options = {k: v for k, v in connection.settings_dict["OPTIONS"].items() if k != "pool"}
        settings = {
            **connection.settings_dict,
            "HOST": "127.0.0.1",
            "PORT": closed_port,
            "OPTIONS": options,
        }
    else:
        settings = {**connection.settings_dict, "NAME": "/nonexistent-directory/db.sqlite3"}
    return ConnectionHandler({"default": settings})["default"]


class HealthzTests(TestCase):
    def test_the_address_is_healthz(self):
        self.assertEqual(reverse("assessor:healthz"), "/healthz")

    def test_healthz_is_200_when_the_database_answers(self):
        response = self.client.get("/healthz")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok\n")
        self.assertIn("no-cache", response["Cache-Control"])

    def test_healthz_is_503_when_the_database_is_unreachable(self):
        with (
            mock.patch("assessor.views.connection", unreachable_database()),
            self.assertLogs("django.request", "ERROR") as logs,
        ):
            response = self.client.get("/healthz")

        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.content, b"database unavailable\n")
        self.assertEqual(len(logs.records), 1)
        self.assertIn("Health check failed: /healthz: ", logs.output[0])

    def test_healthz_does_not_touch_the_session(self):
        self.client.force_login(User.objects.create_user("ada"))

        with self.assertNumQueries(1):
            response = self.client.get("/healthz")

        self.assertEqual(response.cookies, {})
        self.assertNotIn("Cookie", response.get("Vary", ""))

    def test_healthz_answers_head_and_refuses_post(self):
        self.assertEqual(self.client.head("/healthz").status_code, 200)
        self.assertEqual(self.client.post("/healthz").status_code, 405)

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_healthz_answers_plain_http_while_pages_redirect_to_https(self):
        self.assertEqual(self.client.get("/healthz").status_code, 200)
        self.assertRedirects(
            self.client.get("/"), "https://testserver/", 301, fetch_redirect_response=False
        )
