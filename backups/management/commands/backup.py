"""manage.py backup FILE: a consistent copy of the database, taken while the site serves."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection

from backups.copies import backup_database, describe


class Command(BaseCommand):
    help = "Write a consistent copy of the database to FILE (SQLite file or pg_dump archive)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        backup_database(connection=connection, destination=file)
        size = file.stat().st_size
        self.stdout.write(f"Backed up {describe(connection)} to {file} ({size:,} bytes).")
