"""manage.py purge_results: erase results older than DJANGO_RESULT_RETENTION_DAYS."""

from datetime import datetime

from django.db.models import Count

from audit.events import record_event
from audit.models import AuditEvent
from audit.retention import PurgeCommand, Purged
from results.erasure import after_erasure
from results.models import AssessmentResult


class Command(PurgeCommand):
    help = "Erase results older than DJANGO_RESULT_RETENTION_DAYS (or --older-than DAYS)."
    records = "results"
    retention_setting = "RESULT_RETENTION_DAYS"
    environment_variable = "DJANGO_RESULT_RETENTION_DAYS"
    done_verb = "Erased"
    dry_run_verb = "Would erase"

    def purge(self, *, cutoff: datetime, dry_run: bool) -> Purged:
        """Counted per assessment, and each assessment's purge recorded in the audit trail."""
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
                record_event(action=AuditEvent.Action.RESULTS_PURGED, assessment=slug, count=count)
        return Purged(total=sum(count for _, count in per_assessment), per_group=per_assessment)
