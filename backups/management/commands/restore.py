"""manage.py restore FILE: load a backup into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection

from backups.copies import describe, restore_database


class Command(BaseCommand):
    help = "Load a backup made by `backup` into the database, which must be empty."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Restore even into a database that has tables."
        )

    def handle(self, *args, file: Path, force: bool, **options) -> None:
        tables = restore_database(connection=connection, source=file, force=force)
        self.stdout.write(f"Restored {file} into {describe(connection)} ({tables} tables).")
