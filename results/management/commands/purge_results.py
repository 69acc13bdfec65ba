"""manage.py purge_results: erase results older than DJANGO_RESULT_RETENTION_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from audit.events import record_event
from audit.models import AuditEvent
from audit.retention import retention_cutoff
from results.erasure import after_erasure
from results.models import AssessmentResult


class Command(BaseCommand):
    help = "Erase results older than DJANGO_RESULT_RETENTION_DAYS (or --older-than DAYS)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--older-than", type=int, metavar="DAYS")
        parser.add_argument("--dry-run", action="store_true", help="Count, erase nothing.")

    def handle(self, *args, older_than: int | None, dry_run: bool, **options) -> None:
        cutoff = retention_cutoff(
            older_than=older_than,
            default_days=settings.RESULT_RETENTION_DAYS,
            setting="DJANGO_RESULT_RETENTION_DAYS",
        )
        # One transaction: the counts printed are what went, and a failure erases nothing.
        with transaction.atomic():
            old = AssessmentResult.objects.filter(created__lt=cutoff)
            per_assessment = list(
                old.order_by("assessment__slug")
                .values_list("assessment__slug")
                .annotate(count=Count("pk"))
            )
            if not dry_run:
                old.delete()
                after_erasure()
                for slug, count in per_assessment:
                    record_event(
                        action=AuditEvent.Action.RESULTS_PURGED, assessment=slug, count=count
                    )
        verb = "Would erase" if dry_run else "Erased"
        total = sum(count for _, count in per_assessment)
        self.stdout.write(f"{verb} {total} results from before {cutoff:%Y-%m-%d %H:%M %Z}.")
        for slug, count in per_assessment:
            self.stdout.write(f"  {slug}: {count}")
