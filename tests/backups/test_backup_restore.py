"""backup and restore: a copy that restores whole, only into an empty database, never half-written.

They run as a deployment runs them, `manage.py` in its own process against SQLite files (the
PostgreSQL round trip under load is in tests/assessor/test_backup_under_load.py).
"""

import sqlite3
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from tests.servers import manage as run_manage

SAMPLE = Path(settings.BASE_DIR) / "samples" / "engineering-2026.json"
STORE_A_RESULT = """
from assessments.models import Assessment
from results.submissions import record_result
assessment = Assessment.objects.get()
print(record_result(assessment=assessment, name="Ada", current={"python-django": 2},
                    desired={"python-django": 3}).pk)
"""


def manage(*arguments: str, database_url: str, **environment: str):
    """`manage.py` as a deployment runs it; the test reads how it ended."""
    return run_manage(*arguments, database_url=database_url, check=False, **environment)


def rows(path: Path, query: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


class SQLiteBackupTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = Path(cls.enterClassContext(tempfile.TemporaryDirectory()))
        cls.site = cls.folder / "site.sqlite3"
        cls.site_url = f"sqlite:///{cls.site}"
        manage("migrate", database_url=cls.site_url)
        manage("load_assessment", str(SAMPLE), database_url=cls.site_url)
        stored = manage("shell", "-c", STORE_A_RESULT, database_url=cls.site_url)
        cls.result_id = stored.stdout.split()[-1].replace("-", "")
        cls.backup = cls.folder / "site.backup"
        cls.made = manage("backup", str(cls.backup), database_url=cls.site_url)

    def test_backup_says_what_it_did(self):
        self.assertEqual(self.made.returncode, 0, self.made.stderr)
        self.assertIn(
            f"Backed up an SQLite database, {self.site} to {self.backup}", self.made.stdout
        )

    def test_the_backup_restores_into_a_new_file_with_every_row(self):
        restored = self.folder / "restored-new.sqlite3"

        outcome = manage("restore", str(self.backup), database_url=f"sqlite:///{restored}")

        self.assertEqual(outcome.returncode, 0, outcome.stderr)
        self.assertIn(f"Restored {self.backup} into an SQLite database, {restored}", outcome.stdout)
        query = "SELECT * FROM results_assessmentresult"
        self.assertEqual(rows(restored, query), rows(self.site, query))
        self.assertEqual(
            rows(restored, "SELECT id FROM results_assessmentresult"), [(self.result_id,)]
        )

    def test_a_database_with_tables_is_refused_unless_forced(self):
        existing = self.folder / "existing.sqlite3"
        manage("migrate", database_url=f"sqlite:///{existing}")

        refused = manage("restore", str(self.backup), database_url=f"sqlite:///{existing}")
        forced = manage(
            "restore", "--force", str(self.backup), database_url=f"sqlite:///{existing}"
        )

        self.assertEqual(refused.returncode, 1)
        self.assertIn("restore only into an empty database", refused.stderr)
        self.assertEqual(forced.returncode, 0, forced.stderr)
        self.assertEqual(
            rows(existing, "SELECT id FROM results_assessmentresult"), [(self.result_id,)]
        )

    def test_a_file_that_is_not_a_backup_is_refused(self):
        junk = self.folder / "junk"
        junk.write_text("not a database")
        target = self.folder / "from-junk.sqlite3"

        outcome = manage("restore", str(junk), database_url=f"sqlite:///{target}")

        self.assertEqual(outcome.returncode, 1)
        self.assertIn("is not a backup", outcome.stderr)

    def test_a_missing_backup_file_is_refused(self):
        outcome = manage(
            "restore", str(self.folder / "nothing"), database_url=f"sqlite:///{self.folder}/x.db"
        )

        self.assertIn("There is no backup file", outcome.stderr)

    def test_a_sqlite_backup_is_refused_for_postgresql(self):
        outcome = manage(
            "restore", str(self.backup), database_url="postgres://nobody@127.0.0.1:1/none"
        )

        self.assertEqual(outcome.returncode, 1)
        self.assertIn(
            "is an SQLite backup, but DATABASE_URL names a PostgreSQL database", outcome.stderr
        )

    def test_a_backup_into_a_missing_folder_says_so(self):
        outcome = manage(
            "backup", str(self.folder / "no" / "such.backup"), database_url=self.site_url
        )

        self.assertEqual(outcome.returncode, 1)
        self.assertIn("There is no folder", outcome.stderr)

    def test_a_failed_backup_leaves_no_file_under_the_name_or_beside_it(self):
        with tempfile.TemporaryDirectory() as folder:
            broken = Path(folder) / "broken.sqlite3"
            broken.write_bytes(b"this is not a database" * 1000)
            backups = Path(folder) / "backups"
            backups.mkdir()

            outcome = manage(
                "backup", str(backups / "site.backup"), database_url=f"sqlite:///{broken}"
            )

            self.assertEqual(outcome.returncode, 1)
            self.assertIn("The SQLite backup failed", outcome.stderr)
            self.assertEqual(list(backups.iterdir()), [])


class PostgreSQLBackupFailureTests(SimpleTestCase):
    def test_without_pg_dump_the_error_says_what_to_install(self):
        with tempfile.TemporaryDirectory() as folder:
            outcome = manage(
                "backup",
                f"{folder}/site.backup",
                database_url="postgres://postgres@127.0.0.1:5432/none",
                PATH=folder,
            )

            self.assertEqual(outcome.returncode, 1)
            self.assertIn(
                "pg_dump was not found: install PostgreSQL's client tools", outcome.stderr
            )
            self.assertEqual(list(Path(folder).iterdir()), [])

    def test_a_failed_dump_leaves_no_file_under_the_name_or_beside_it(self):
        with tempfile.TemporaryDirectory() as folder:
            outcome = manage(
                "backup",
                f"{folder}/site.backup",
                # Nothing listens on port 1, so pg_dump fails after it started writing.
                database_url="postgres://postgres@127.0.0.1:1/none",
            )

            self.assertEqual(outcome.returncode, 1)
            self.assertIn("pg_dump failed", outcome.stderr)
            self.assertEqual(list(Path(folder).iterdir()), [])
