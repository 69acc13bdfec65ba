"""The environment's parsers: what each variable's text means, and a malformed one named."""

import os
from unittest import mock

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from assessor import env


def environment(**values: str):
    return mock.patch.dict(os.environ, values)


class FlagTests(SimpleTestCase):
    def test_on_is_one_true_yes_or_on_in_any_case_and_empty_is_the_default(self):
        for value, expected in [("1", True), ("TRUE", True), (" yes ", True), ("off", False)]:
            with self.subTest(value=value), environment(DJANGO_DEBUG=value):
                self.assertIs(env.flag("DJANGO_DEBUG", default=False), expected)
        with environment(DJANGO_DEBUG=""):
            self.assertIs(env.flag("DJANGO_DEBUG", default=True), True)


class WholeNumberTests(SimpleTestCase):
    def test_empty_is_the_default_and_digits_are_the_number(self):
        with environment(EMAIL_RETRY_SECONDS=""):
            self.assertEqual(env.whole_number("EMAIL_RETRY_SECONDS", default=60), 60)
        with environment(EMAIL_RETRY_SECONDS=" 5 "):
            self.assertEqual(env.whole_number("EMAIL_RETRY_SECONDS", default=60), 5)

    def test_anything_else_stops_the_site_from_starting_naming_the_variable(self):
        for value in ["-1", "1.5", "a year"]:
            with (
                self.subTest(value=value),
                environment(DJANGO_SECURE_HSTS_SECONDS=value),
                self.assertRaisesMessage(
                    ImproperlyConfigured, "DJANGO_SECURE_HSTS_SECONDS must be a whole number"
                ),
            ):
                env.whole_number("DJANGO_SECURE_HSTS_SECONDS", default=0)


class NeededInProductionTests(SimpleTestCase):
    def test_a_set_value_is_used_whatever_debug_says(self):
        with environment(DJANGO_SITE_URL="https://a.example"):
            for debug in (True, False):
                self.assertEqual(
                    env.needed_in_production(
                        "DJANGO_SITE_URL", debug=debug, development="http://x", meaning="m"
                    ),
                    "https://a.example",
                )

    def test_a_missing_value_is_the_development_one_only_with_debug(self):
        with environment(DJANGO_SITE_URL=""):
            self.assertEqual(
                env.needed_in_production(
                    "DJANGO_SITE_URL", debug=True, development="http://x", meaning="m"
                ),
                "http://x",
            )
            with self.assertRaisesMessage(ImproperlyConfigured, "DJANGO_SITE_URL must be set"):
                env.needed_in_production(
                    "DJANGO_SITE_URL", debug=False, development="http://x", meaning="m"
                )
