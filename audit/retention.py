"""Retention: how old is too old, for the results and for the audit trail alike, and the one
shape of the commands that delete what is older (purge_results, purge_audit)."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone


def retention_cutoff(*, older_than: int | None, default_days: int | None, setting: str) -> datetime:
    """The moment before which records go: --older-than DAYS, else the setting, else refuse."""
    days = older_than if older_than is not None else default_days
    if days is None:
        raise CommandError(
            f"Nothing to purge by: {setting} is not set (keep forever) and no --older-than DAYS "
            "was given."
        )
    if days < 1:
        raise CommandError("--older-than must be at least 1 day.")
    return timezone.now() - timedelta(days=days)


@dataclass(frozen=True)
class Purged:
    """What a purge deleted (or, in a dry run, would delete): in all, and per group if any."""

    total: int
    per_group: list[tuple[str, int]] = field(default_factory=list)


class PurgeCommand(BaseCommand):
    """Delete the records older than a retention period: --older-than DAYS, else the setting
    (days, None to keep forever), else refuse; --dry-run only counts. A subclass names what it
    deletes and how, in `purge`, which runs in one transaction: the counts printed are what went,
    and a failure deletes nothing."""

    # What is deleted, as the output names it ("audit events"); the Django setting holding the
    # number of days, and the environment variable it is read from (named in the refusal).
    records: str
    retention_setting: str
    environment_variable: str
    # The output's verbs: done, and what a dry run says instead.
    done_verb = "Deleted"
    dry_run_verb = "Would delete"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--older-than", type=int, metavar="DAYS")
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, older_than: int | None, dry_run: bool, **options) -> None:
        cutoff = retention_cutoff(
            older_than=older_than,
            default_days=getattr(settings, self.retention_setting),
            setting=self.environment_variable,
        )
        with transaction.atomic():
            purged = self.purge(cutoff=cutoff, dry_run=dry_run)
        verb = self.dry_run_verb if dry_run else self.done_verb
        self.stdout.write(
            f"{verb} {purged.total} {self.records} from before {cutoff:%Y-%m-%d %H:%M %Z}."
        )
        for group, count in purged.per_group:
            self.stdout.write(f"  {group}: {count}")

    def purge(self, *, cutoff: datetime, dry_run: bool) -> Purged:
        raise NotImplementedError
