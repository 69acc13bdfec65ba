"""backups.copies in this process, against SQLite files of their own (the test database lives in
memory, shared with the test's open transaction, which SQLite's backup cannot copy)."""

import sqlite3
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.db.utils import ConnectionHandler, load_backend
from django.test import TestCase

from backups.copies import backup_database, engine_of, restore_database


def connection_to(settings_dict: dict):
    """A connection of its own, under an alias of its own (the test database's is guarded)."""
    full = ConnectionHandler({"default": settings_dict}).settings["default"]
    return load_backend(full["ENGINE"]).DatabaseWrapper(full, alias="copy")


def sqlite_connection(path: Path):
    """A connection to an SQLite file, as `DATABASE_URL` would name it."""
    return connection_to({"ENGINE": "django.db.backends.sqlite3", "NAME": path})


def postgresql_connection():
    """A PostgreSQL database nothing listens for."""
    settings_dict = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "none",
        "USER": "postgres",
        "PASSWORD": "secret",
        "HOST": "127.0.0.1",
        "PORT": "1",
    }
    return connection_to(settings_dict)


class BackupAndRestoreTests(TestCase):
    def setUp(self):
        self.folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        self.site_path = self.folder / "site.sqlite3"
        site = sqlite3.connect(self.site_path)
        site.execute("PRAGMA journal_mode=WAL")
        site.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, name TEXT)")
        site.executemany("INSERT INTO answers (name) VALUES (?)", [("Ada",), ("Grace",)])
        site.commit()
        site.close()
        self.site = sqlite_connection(self.site_path)
        self.addCleanup(self.site.close)

    def rows(self, path: Path) -> list[tuple]:
        copy = sqlite3.connect(path)
        try:
            return copy.execute("SELECT id, name FROM answers").fetchall()
        finally:
            copy.close()

    def test_the_commands_back_up_and_restore_into_a_new_file_and_say_so(self):
        backup, restored = self.folder / "site.backup", self.folder / "restored.sqlite3"
        target = sqlite_connection(restored)
        self.addCleanup(target.close)
        made, loaded = StringIO(), StringIO()

        with mock.patch("backups.management.commands.backup.connection", self.site):
            call_command("backup", str(backup), stdout=made)
        with mock.patch("backups.management.commands.restore.connection", target):
            call_command("restore", str(backup), stdout=loaded)

        self.assertIn(
            f"Backed up an SQLite database, {self.site_path} to {backup}", made.getvalue()
        )
        self.assertIn(
            f"Restored {backup} into an SQLite database, {restored} (1 tables)", loaded.getvalue()
        )
        self.assertEqual(self.rows(restored), [(1, "Ada"), (2, "Grace")])

    def test_a_backup_file_stands_alone_without_a_write_ahead_log(self):
        backup = self.folder / "site.backup"

        backup_database(connection=self.site, destination=backup)

        copy = sqlite3.connect(backup)
        try:
            (journal,) = copy.execute("PRAGMA journal_mode").fetchone()
        finally:
            copy.close()
        self.assertEqual(journal, "delete")
        self.assertEqual(backup.stat().st_mode & 0o777, 0o600)

    def test_restore_refuses_a_database_with_tables_unless_forced(self):
        backup = self.folder / "site.backup"
        backup_database(connection=self.site, destination=backup)
        path = self.folder / "existing.sqlite3"
        existing = sqlite3.connect(path)
        existing.execute("CREATE TABLE kept (id INTEGER)")
        existing.close()
        target = sqlite_connection(path)
        self.addCleanup(target.close)

        with self.assertRaisesMessage(CommandError, "restore only into an empty database"):
            restore_database(connection=target, source=backup, force=False)
        tables = restore_database(connection=target, source=backup, force=True)

        self.assertEqual(tables, 1)
        self.assertEqual(self.rows(path), [(1, "Ada"), (2, "Grace")])

    def test_restore_says_which_engine_a_backup_is_for(self):
        dump = self.folder / "site.dump"
        dump.write_bytes(b"PGDMP\x01\x0e\x00")

        with self.assertRaisesMessage(CommandError, "is a PostgreSQL backup, but DATABASE_URL"):
            restore_database(connection=self.site, source=dump, force=False)

    def test_a_failed_pg_dump_leaves_no_file(self):
        backups = self.folder / "backups"
        backups.mkdir()

        with self.assertRaisesMessage(CommandError, "pg_dump failed"):
            backup_database(connection=postgresql_connection(), destination=backups / "x")

        self.assertEqual(list(backups.iterdir()), [])

    def test_other_engines_are_refused(self):
        mysql = type("Connection", (), {"vendor": "mysql"})()

        with self.assertRaisesMessage(CommandError, "not mysql"):
            engine_of(mysql)
