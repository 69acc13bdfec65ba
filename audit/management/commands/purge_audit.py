"""manage.py purge_audit: delete audit events older than DJANGO_AUDIT_RETENTION_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from audit.models import AuditEvent
from audit.retention import retention_cutoff


class Command(BaseCommand):
    help = "Delete audit events older than DJANGO_AUDIT_RETENTION_DAYS (or --older-than DAYS)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--older-than", type=int, metavar="DAYS")
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, older_than: int | None, dry_run: bool, **options) -> None:
        cutoff = retention_cutoff(
            older_than=older_than,
            default_days=settings.AUDIT_RETENTION_DAYS,
            setting="DJANGO_AUDIT_RETENTION_DAYS",
        )
        with transaction.atomic():
            old = AuditEvent.objects.filter(created__lt=cutoff)
            count = old.count() if dry_run else old.delete()[0]
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} audit events from before {cutoff:%Y-%m-%d %H:%M %Z}.")
