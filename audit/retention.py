"""Retention: how old is too old, for the results and for the audit trail alike."""

from datetime import datetime, timedelta

from django.core.management.base import CommandError
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
