"""Turns: N per window, shared through the limits cache, refused with the wait until one frees."""

from unittest import mock

from django.core.cache import caches
from django.test import TestCase, override_settings

from limits.models import CounterCacheEntry
from limits.rates import RateLimited, take_a_turn, take_an_invitation_turn


class TakeATurnTests(TestCase):
    def test_the_turn_past_the_count_is_refused_with_the_seconds_until_one_frees(self):
        for _ in range(3):
            take_a_turn(scope="test", key="203.0.113.9", rate=(3, 600))

        with self.assertRaises(RateLimited) as refused:
            take_a_turn(scope="test", key="203.0.113.9", rate=(3, 600))

        self.assertTrue(590 <= refused.exception.retry_after <= 600)

    def test_another_key_has_turns_of_its_own(self):
        for _ in range(3):
            take_a_turn(scope="test", key="203.0.113.9", rate=(3, 600))

        for _ in range(3):
            take_a_turn(scope="test", key="203.0.113.10", rate=(3, 600))

        self.assertEqual(CounterCacheEntry.objects.count(), 6)
        for key in ["203.0.113.9", "203.0.113.10"]:
            with self.subTest(key=key), self.assertRaises(RateLimited):
                take_a_turn(scope="test", key=key, rate=(3, 600))

    def test_a_turn_frees_once_its_window_has_passed(self):
        take_a_turn(scope="test", key="203.0.113.9", rate=(1, 60))
        # The window passes: the database cache sees the turn's row as expired.
        CounterCacheEntry.objects.update(expires="2000-01-01T00:00:00Z")

        take_a_turn(scope="test", key="203.0.113.9", rate=(1, 60))

        self.assertEqual(CounterCacheEntry.objects.count(), 1)

    def test_no_rate_means_no_limit(self):
        for _ in range(50):
            take_a_turn(scope="test", key="203.0.113.9", rate=None)

        self.assertEqual(CounterCacheEntry.objects.count(), 0)

    def test_the_counters_live_in_the_database_table_the_migration_made(self):
        take_a_turn(scope="test", key="203.0.113.9", rate=(3, 600))

        self.assertEqual(CounterCacheEntry.objects.count(), 1)
        self.assertNotIn("203.0.113.9", CounterCacheEntry.objects.get().cache_key)

    def test_a_turn_taken_by_another_worker_in_between_is_not_taken_twice(self):
        cache = caches["limits"]
        # Another worker takes the only turn between this one's read and its add.
        with mock.patch.object(cache, "get_many", return_value={}):
            take_a_turn(scope="test", key="203.0.113.9", rate=(1, 600))
            with self.assertRaises(RateLimited) as refused:
                take_a_turn(scope="test", key="203.0.113.9", rate=(1, 600))

        self.assertEqual(refused.exception.retry_after, 600)


@override_settings(SUBMIT_RATE=(20, 600))
class InvitationTurnTests(TestCase):
    def test_a_personal_link_has_the_submission_rate_of_its_own(self):
        for _ in range(20):
            take_an_invitation_turn("Zx81kQ_u-Lp3mN0")

        with self.assertRaises(RateLimited):
            take_an_invitation_turn("Zx81kQ_u-Lp3mN0")
        take_an_invitation_turn("another-token")
        self.assertEqual(CounterCacheEntry.objects.count(), 21)
