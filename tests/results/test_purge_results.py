"""purge_results: results older than the retention period are erased, per assessment."""

from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from audit.models import AuditEvent
from results.models import AssessmentResult
from tests.factories import make_assessment, make_result


class PurgeResultsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        long_ago = timezone.now() - timedelta(days=400)
        cls.sports = make_assessment(slug="sports")
        cls.chess = make_assessment(slug="chess")
        make_result(cls.sports, name="Old 1", created=long_ago)
        make_result(cls.sports, name="Old 2", created=long_ago)
        make_result(cls.chess, name="Old 3", created=long_ago)
        cls.recent = make_result(cls.sports, name="Recent")

    def purge(self, *arguments: str) -> str:
        out = StringIO()
        call_command("purge_results", *arguments, stdout=out)
        return out.getvalue()

    def test_older_results_are_erased_and_counted_per_assessment(self):
        output = self.purge("--older-than", "365")

        self.assertEqual(list(AssessmentResult.objects.all()), [self.recent])
        self.assertIn("Erased 3 results from before", output)
        self.assertIn("  chess: 1\n  sports: 2\n", output)

    def test_the_purge_is_in_the_audit_trail_per_assessment(self):
        self.purge("--older-than", "365")

        self.assertEqual(
            list(
                AuditEvent.objects.order_by("assessment").values_list(
                    "action", "assessment", "count"
                )
            ),
            [("results_purged", "chess", 1), ("results_purged", "sports", 2)],
        )

    def test_a_dry_run_counts_and_changes_nothing(self):
        output = self.purge("--older-than", "365", "--dry-run")

        self.assertIn("Would erase 3 results", output)
        self.assertEqual(AssessmentResult.objects.count(), 4)
        self.assertEqual(AuditEvent.objects.count(), 0)

    @override_settings(RESULT_RETENTION_DAYS=365)
    def test_the_retention_setting_is_the_default(self):
        self.purge()

        self.assertEqual(list(AssessmentResult.objects.all()), [self.recent])

    @override_settings(RESULT_RETENTION_DAYS=365)
    def test_older_than_wins_over_the_setting(self):
        self.purge("--older-than", "500")

        self.assertEqual(AssessmentResult.objects.count(), 4)

    @override_settings(RESULT_RETENTION_DAYS=None)
    def test_without_the_setting_or_days_it_refuses_and_says_why(self):
        with self.assertRaisesMessage(CommandError, "DJANGO_RESULT_RETENTION_DAYS is not set"):
            self.purge()

        self.assertEqual(AssessmentResult.objects.count(), 4)

    def test_a_failure_midway_erases_nothing(self):
        with (
            self.assertRaises(RuntimeError),
            self.settings(RESULT_RETENTION_DAYS=365),
            mock.patch(
                "results.management.commands.purge_results.record_event",
                side_effect=RuntimeError("the audit trail is unavailable"),
            ),
        ):
            self.purge()

        self.assertEqual(AssessmentResult.objects.count(), 4)
