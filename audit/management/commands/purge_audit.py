"""manage.py purge_audit: delete audit events older than DJANGO_AUDIT_RETENTION_DAYS."""

from datetime import datetime

from audit.models import AuditEvent
from audit.retention import PurgeCommand, Purged


class Command(PurgeCommand):
    help = "Delete audit events older than DJANGO_AUDIT_RETENTION_DAYS (or --older-than DAYS)."
    records = "audit events"
    retention_setting = "AUDIT_RETENTION_DAYS"
    environment_variable = "DJANGO_AUDIT_RETENTION_DAYS"

    def purge(self, *, cutoff: datetime, dry_run: bool) -> Purged:
        old = AuditEvent.objects.filter(created__lt=cutoff)
        return Purged(total=old.count() if dry_run else old.delete()[0])
