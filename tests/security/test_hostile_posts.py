"""Attacks with the body of a form post: a charset other than UTF-8, or bytes that are no text.

The attacker first opens a form to get a CSRF cookie, as a browser would, so the site's CSRF
check reads the body; every such post must be a plain 400 page with one log line, never a 500.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.test import Client, TestCase

from results.models import AssessmentResult
from tests.factories import make_assessment, make_result, make_team, member_names, open_round

FORM = "application/x-www-form-urlencoded"
OTHER_CHARSETS = ["latin-1", "utf-16", "ascii", "x-no-such-charset", "utf8"]
ANSWER = "v=sports&name=Mallory&jumping=2&running=1"


@contextmanager
def log_records() -> Iterator[list[logging.LogRecord]]:
    """Every record logged meanwhile, however many (assertLogs wants at least one)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.DEBUG)
    handler.emit = records.append
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield records
    finally:
        root.removeHandler(handler)


class HostilePostTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", name="Sports")
        cls.result = make_result(cls.assessment, name="Victoria")
        team = make_team(members=member_names(1))
        cls.invitation = open_round(team=team, assessment=cls.assessment).invitations.get()

    def targets(self) -> list[str]:
        return [
            "/assessment/",
            "/accounts/login/",
            "/i18n/setlang/",
            f"/i/{self.invitation.token}/",
            f"/results/{self.result.pk}/delete/",
            "/manage/teams/",
            "/no-such-page/",
        ]

    def attacker(self) -> Client:
        """A client holding the CSRF cookie the answer form hands out, as a browser would."""
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        client.get("/assessment/", {"v": "sports"})
        return client

    def post(self, path: str, body: bytes, content_type: str):
        client = self.attacker()
        token = client.cookies["csrftoken"].value
        with log_records() as records:
            response = client.generic(
                "POST", path, body, content_type=content_type, HTTP_X_CSRFTOKEN=token
            )
        return response, records

    def assert_bad_request_page_logged_once(self, response, records) -> None:
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "<h1>Bad request</h1>", status_code=400)
        self.assertContains(response, 'class="site-header"', status_code=400)
        self.assertEqual(len(records), 1, [record.getMessage() for record in records])
        self.assertEqual(records[0].levelno, logging.WARNING)
        self.assertIsNone(records[0].exc_info)
        self.assertLess(len(records[0].getMessage()), 300)


class OtherCharsetTests(HostilePostTestCase):
    def test_a_form_in_another_charset_is_a_400_page_on_every_form(self):
        for charset in OTHER_CHARSETS:
            for path in self.targets():
                with self.subTest(charset=charset, path=path):
                    body = ANSWER.encode("utf-16" if charset == "utf-16" else "latin-1")

                    response, records = self.post(path, body, f"{FORM}; charset={charset}")

                    self.assert_bad_request_page_logged_once(response, records)
        self.assertEqual(AssessmentResult.objects.count(), 1)

    def test_another_charset_in_capitals_or_quotes_is_refused_too(self):
        for content_type in [f"{FORM}; charset=LATIN-1", f'{FORM}; charset="latin-1"']:
            with self.subTest(content_type=content_type):
                response, records = self.post("/assessment/", ANSWER.encode(), content_type)

                self.assert_bad_request_page_logged_once(response, records)

    def test_a_multipart_form_in_another_charset_is_a_400_page(self):
        body = b'--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nMallory\r\n--xyz--\r\n'

        response, records = self.post(
            "/assessment/", body, "multipart/form-data; boundary=xyz; charset=utf-16"
        )

        self.assert_bad_request_page_logged_once(response, records)

    def test_the_erase_form_in_another_charset_erases_nothing(self):
        path = f"/results/{self.result.pk}/delete/"

        self.post(path, b"erase=yes", f"{FORM}; charset=latin-1")

        self.assertTrue(AssessmentResult.objects.filter(pk=self.result.pk).exists())


class UndecodableBodyTests(HostilePostTestCase):
    def test_a_form_body_that_is_not_utf_8_is_a_400_page_and_stores_nothing(self):
        for body in [b"v=sports&name=\xff\xfeM&jumping=2&running=1", b"\xc3"]:
            with self.subTest(body=body):
                response, records = self.post("/assessment/", body, FORM)

                self.assert_bad_request_page_logged_once(response, records)
        self.assertEqual(AssessmentResult.objects.count(), 1)

    def test_a_percent_escaped_value_that_is_not_utf_8_is_a_400_page(self):
        response, records = self.post("/assessment/", b"v=sports&name=%FF%FE&jumping=2", FORM)

        self.assert_bad_request_page_logged_once(response, records)
        self.assertEqual(AssessmentResult.objects.count(), 1)

    def test_a_utf_8_form_still_goes_through(self):
        body = b"v=sports&name=Jos%C3%A9&jumping=2&running=1"

        response, _ = self.post("/assessment/", body, f"{FORM}; charset=UTF-8")

        self.assertEqual(response.status_code, 302)
        self.assertTrue(AssessmentResult.objects.filter(name="José").exists())
