"""Capability addresses: kept out of caches, search indexes, other sites' Referer and the logs."""

import logging
import subprocess
import sys

from django.conf import settings
from django.test import Client, SimpleTestCase, TestCase
from gunicorn.config import Config

from assessor.log import GunicornLogger, HideCapabilityAddresses, hide_capabilities
from tests.assessor.test_settings import clean_environment
from tests.factories import TRIATHLON, make_assessment, make_result, make_user

RESULT_ID = "6f1c2a3b-1d2e-4f5a-8b9c-0d1e2f3a4b5c"
# A request under a result's address that no route answers (so no database is needed), in a
# fresh interpreter with logging configured as in production.
NOT_FOUND_REQUEST = f"""
import django
django.setup()
from django.test import Client
print("status", Client().get("/results/{RESULT_ID}/nothing-here/").status_code)
"""


class CapabilityHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        cls.first = make_result(assessment, name="Ada")
        cls.second = make_result(assessment, name="Ada")

    def capability_addresses(self) -> list[str]:
        return [
            f"/results/{self.second.pk}/",
            f"/results/{self.second.pk}.json",
            f"/results/{self.second.pk}/compare/{self.first.pk}/",
            f"/results/{self.second.pk}/delete/",
            # A wrong key gets the same treatment: it is somebody's mistyped key.
            f"/results/{RESULT_ID}/",
            # Personal invitation links (the teams app), whatever answers them, and the sign-up
            # page they lead to.
            "/i/some-invitation-token/",
            # A colleague's review link (the reviews app).
            "/r/some-review-token/",
            "/accounts/signup/?invitation=some-invitation-token",
        ]

    def test_every_capability_page_is_private_unstored_and_unindexed(self):
        for address in self.capability_addresses():
            with self.subTest(address=address):
                response = self.client.get(address)

                self.assertEqual(response["Cache-Control"], "private, no-store")
                self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")

    def test_a_cached_result_page_for_a_signed_in_visitor_is_private_too(self):
        self.client.force_login(make_user())
        self.client.get(f"/results/{self.second.pk}/")

        response = self.client.get(f"/results/{self.second.pk}/")

        self.assertEqual(response["Cache-Control"], "private, no-store")

    def test_other_pages_are_left_alone(self):
        response = self.client.get("/")

        self.assertNotIn("X-Robots-Tag", response)
        self.assertNotIn("no-store", response.get("Cache-Control", ""))

    def test_no_capability_address_leaks_to_another_site_in_a_referer(self):
        response = self.client.get(f"/results/{self.second.pk}/")

        self.assertEqual(response["Referrer-Policy"], "same-origin")


class RobotsTxtTests(TestCase):
    def test_robots_txt_disallows_results_invitations_and_manager_pages(self):
        response = Client().get("/robots.txt")

        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertEqual(
            response.content.decode(),
            "User-agent: *\nDisallow: /results/\nDisallow: /i/\nDisallow: /r/\n"
            "Disallow: /accounts/signup/\nDisallow: /manage/\n",
        )

    def test_robots_txt_answers_only_reads(self):
        self.assertEqual(Client().post("/robots.txt").status_code, 405)


class CapabilityLogTests(TestCase):
    def test_a_result_id_is_cut_to_a_short_prefix(self):
        self.assertEqual(
            hide_capabilities(f"Not Found: /results/{RESULT_ID}/compare/{RESULT_ID}/"),
            "Not Found: /results/6f1c2a3b…/compare/6f1c2a3b…/",
        )

    def test_a_review_token_is_cut_to_a_short_prefix(self):
        self.assertEqual(
            hide_capabilities('"POST /r/Qw81kQ_u-Lp3mN0/ HTTP/1.1" 302'),
            '"POST /r/Qw81kQ…/ HTTP/1.1" 302',
        )

    def test_an_invitation_token_is_cut_to_a_short_prefix(self):
        self.assertEqual(
            hide_capabilities('"GET /i/Zx81kQ_u-Lp3mN0/ HTTP/1.1" 200'),
            '"GET /i/Zx81kQ…/ HTTP/1.1" 200',
        )

    def test_an_invitation_token_in_the_sign_up_pages_query_is_cut_short_too(self):
        self.assertEqual(
            hide_capabilities('"GET /accounts/signup/?invitation=Zx81kQ_u-Lp3mN0&x=1 HTTP/1.1"'),
            '"GET /accounts/signup/?invitation=Zx81kQ…&x=1 HTTP/1.1"',
        )

    def test_the_filter_rewrites_a_records_arguments_too(self):
        record = logging.LogRecord(
            "django.request",
            logging.WARNING,
            __file__,
            1,
            "Not Found: %s",
            (f"/results/{RESULT_ID}/",),
            None,
        )

        HideCapabilityAddresses().filter(record)

        self.assertEqual(record.getMessage(), "Not Found: /results/6f1c2a3b…/")

    def test_a_404_for_a_result_is_logged_on_stdout_with_only_its_prefix(self):
        outcome = subprocess.run(
            [sys.executable, "-c", NOT_FOUND_REQUEST],
            cwd=settings.BASE_DIR,
            env=clean_environment(
                DJANGO_SETTINGS_MODULE="assessor.test_settings", DJANGO_ALLOWED_HOSTS="testserver"
            ),
            capture_output=True,
            text=True,
            check=False,
        )

        self.assertIn(
            "WARNING django.request Not Found: /results/6f1c2a3b…/nothing-here/", outcome.stdout
        )
        self.assertNotIn(RESULT_ID, outcome.stdout + outcome.stderr)
        self.assertIn("status 404", outcome.stdout)


class GunicornLoggerTests(SimpleTestCase):
    def test_gunicorns_access_lines_name_a_result_only_by_its_prefix(self):
        logger = GunicornLogger(Config())
        record = logging.LogRecord(
            "gunicorn.access",
            logging.INFO,
            __file__,
            1,
            '"%(r)s" %(s)s',
            {"r": f"GET /results/{RESULT_ID}/ HTTP/1.1", "s": "200"},
            None,
        )

        kept = all(log_filter.filter(record) for log_filter in logger.access_log.filters)

        self.assertTrue(kept)
        self.assertEqual(record.getMessage(), '"GET /results/6f1c2a3b…/ HTTP/1.1" 200')


class FaviconTests(TestCase):
    def test_every_page_links_the_icon(self):
        response = Client().get("/")

        self.assertContains(response, '<link rel="icon" href="/static/img/favicon.svg"')

    def test_favicon_ico_is_not_a_404_but_the_way_to_the_icon(self):
        response = Client().get("/favicon.ico")

        self.assertRedirects(
            response, "/static/img/favicon.svg", status_code=301, fetch_redirect_response=False
        )
        self.assertTrue((settings.BASE_DIR / "static" / "img" / "favicon.svg").exists())
