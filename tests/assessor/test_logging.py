"""Logs: on stdout, one line per record, and one line per failed request naming its path."""

import logging
import subprocess
import sys

from django.conf import settings
from django.test import SimpleTestCase

from assessor.log import OneLineFormatter
from tests.assessor.test_settings import clean_environment

# A request to a view that raises, in a fresh interpreter where logging is configured
# as in production and nothing else has touched it.
FAILING_REQUEST = """
import django
from django.conf import settings
django.setup()
settings.ROOT_URLCONF = "tests.assessor.test_error_pages"
from django.test import Client
print("status", Client(raise_request_exception=False).get("/fail/500/").status_code)
"""


class OneLineFormatterTests(SimpleTestCase):
    def test_a_traceback_stays_on_its_records_line(self):
        formatter = OneLineFormatter("%(levelname)s %(message)s")
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            record = logging.LogRecord(
                "django.request", logging.ERROR, __file__, 1, "Failed: %s", ("/x/",), sys.exc_info()
            )

        line = formatter.format(record)

        self.assertNotIn("\n", line)
        self.assertTrue(line.startswith("ERROR Failed: /x/\\nTraceback (most recent call last):"))
        self.assertTrue(line.endswith("RuntimeError: boom"))


class RequestErrorLogTests(SimpleTestCase):
    def test_a_server_error_is_one_line_on_stdout_with_the_path(self):
        outcome = subprocess.run(
            [sys.executable, "-c", FAILING_REQUEST],
            cwd=settings.BASE_DIR,
            env=clean_environment(
                DJANGO_SETTINGS_MODULE="assessor.test_settings", DJANGO_ALLOWED_HOSTS="testserver"
            ),
            capture_output=True,
            text=True,
            check=False,
        )

        lines = outcome.stdout.splitlines()
        self.assertEqual(outcome.stderr, "")
        self.assertEqual(len(lines), 2, lines)
        self.assertIn("ERROR django.request Internal Server Error: /fail/500/\\n", lines[0])
        self.assertTrue(lines[0].endswith("RuntimeError: boom"))
        self.assertEqual(lines[1], "status 500")
