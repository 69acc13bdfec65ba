"""The limits' settings: read from the environment, and refused loudly when malformed."""

import os
from unittest import mock

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from assessor import env
from limits.models import CounterCacheEntry


def environment(**values: str):
    return mock.patch.dict(os.environ, values)


class SubmitRateTests(SimpleTestCase):
    def test_the_default_is_twenty_in_ten_minutes(self):
        with environment(ASSESSOR_SUBMIT_RATE=""):
            self.assertEqual(env.rate("ASSESSOR_SUBMIT_RATE", "20/10m"), (20, 600))

    def test_a_rate_is_a_count_per_window_of_seconds_minutes_hours_or_days(self):
        for text, rate in [("5/s", (5, 1)), ("100/h", (100, 3600)), ("3/2d", (3, 172800))]:
            with self.subTest(text=text), environment(ASSESSOR_SUBMIT_RATE=text):
                self.assertEqual(env.rate("ASSESSOR_SUBMIT_RATE", "20/10m"), rate)

    def test_off_turns_the_limit_off(self):
        with environment(ASSESSOR_SUBMIT_RATE="OFF"):
            self.assertIsNone(env.rate("ASSESSOR_SUBMIT_RATE", "20/10m"))

    def test_anything_else_stops_the_site_from_starting(self):
        for text in ["20", "20/", "0/10m", "twenty/10m", "20/10x", "20/0m", "-1/m"]:
            with (
                self.subTest(text=text),
                environment(ASSESSOR_SUBMIT_RATE=text),
                self.assertRaisesMessage(ImproperlyConfigured, "ASSESSOR_SUBMIT_RATE must be"),
            ):
                env.rate("ASSESSOR_SUBMIT_RATE", "20/10m")


class TrustedProxiesTests(SimpleTestCase):
    def test_unset_trusts_no_proxy(self):
        with environment(DJANGO_TRUSTED_PROXIES=""):
            self.assertEqual(env.proxies("DJANGO_TRUSTED_PROXIES"), ())

    def test_a_number_is_how_many_proxies(self):
        with environment(DJANGO_TRUSTED_PROXIES="2"):
            self.assertEqual(env.proxies("DJANGO_TRUSTED_PROXIES"), 2)

    def test_a_list_names_addresses_and_networks(self):
        with environment(DJANGO_TRUSTED_PROXIES="10.0.0.0/8, 192.0.2.7,::1"):
            self.assertEqual(
                env.proxies("DJANGO_TRUSTED_PROXIES"), ("10.0.0.0/8", "192.0.2.7", "::1")
            )

    def test_a_malformed_list_stops_the_site_from_starting(self):
        with (
            environment(DJANGO_TRUSTED_PROXIES="10.0.0.0/8,proxy.example.com"),
            self.assertRaisesMessage(ImproperlyConfigured, "DJANGO_TRUSTED_PROXIES must be"),
        ):
            env.proxies("DJANGO_TRUSTED_PROXIES")


class RetentionDaysTests(SimpleTestCase):
    def test_unset_keeps_forever_and_days_are_whole_positive_numbers(self):
        with environment(DJANGO_RESULT_RETENTION_DAYS=""):
            self.assertIsNone(env.days("DJANGO_RESULT_RETENTION_DAYS"))
        with environment(DJANGO_RESULT_RETENTION_DAYS="730"):
            self.assertEqual(env.days("DJANGO_RESULT_RETENTION_DAYS"), 730)
        for text in ["0", "-3", "two years"]:
            with (
                self.subTest(text=text),
                environment(DJANGO_RESULT_RETENTION_DAYS=text),
                self.assertRaisesMessage(ImproperlyConfigured, "whole number of days"),
            ):
                env.days("DJANGO_RESULT_RETENTION_DAYS")


class CounterCacheEntryTests(SimpleTestCase):
    def test_an_entry_is_named_by_its_key(self):
        self.assertEqual(str(CounterCacheEntry(cache_key=":1:limit:x")), ":1:limit:x")
