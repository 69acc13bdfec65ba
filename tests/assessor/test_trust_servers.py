"""Real gunicorn servers: one submission limit across app servers, and backups taken under load.

- Two app servers sharing one Redis (and, without Redis, one database) count one limit.
- While 16 clients submit answers, `manage.py backup` runs; the backup is restored into a fresh
  database, where every answer acknowledged before the backup began is, field for field.
- The access log names results only by a short prefix.
"""

import tempfile
import threading
from contextlib import ExitStack, contextmanager

from django.test import SimpleTestCase, tag

from tests.servers import (
    LoadOutcome,
    csrf_credentials,
    fetch,
    fire_submissions,
    gunicorn,
    manage,
    postgresql_database,
    redis_namespace,
    sample_answer,
    sqlite_database,
)

RATE = "5/10m"
ATTEMPTS = 8
TOTAL = 800
CLIENTS = 16
WORKERS = 4
# Every field as the database holds it, as text, so the comparison is exact on both engines.
RESULT_COLUMNS = ", ".join(
    f"CAST({column} AS TEXT)"
    for column in [
        "id",
        "assessment_id",
        "assessment_version",
        "name",
        "current",
        "desired",
        "user_id",
        "person",
        "created",
    ]
)


def result_rows(database_url: str) -> dict[str, tuple]:
    """Every stored result's fields as text, by its id without hyphens."""
    rows = fetch(database_url, f"SELECT {RESULT_COLUMNS} FROM results_assessmentresult")
    return {row[0].replace("-", ""): row for row in rows}


def submit_alternately(servers, attempts: int) -> list[int]:
    """`attempts` answers from 127.0.0.1, to each server in turn; their status codes."""
    credentials = [csrf_credentials(server) for server in servers]
    statuses = []
    for number in range(attempts):
        server = servers[number % len(servers)]
        cookie, token = credentials[number % len(servers)]
        form = {**sample_answer(f"limited {number}", number), "csrfmiddlewaretoken": token}
        reply = server.request("POST", "/assessment/", form=form, cookies={"csrftoken": cookie})
        statuses.append(reply.status_code)
    return statuses


@tag("load")
class SharedLimitTests(SimpleTestCase):
    def assert_one_limit(self, statuses: list[int], stored: int, where: str) -> None:
        print(f"{where}: {ATTEMPTS} answers from one address at {RATE}: statuses {statuses}")
        self.assertEqual(statuses.count(302), 5)
        self.assertEqual(statuses[5:], [429] * (ATTEMPTS - 5))
        self.assertEqual(stored, 5)

    def test_two_app_servers_sharing_one_redis_enforce_one_limit(self):
        with (
            postgresql_database() as url,
            redis_namespace() as redis_environment,
            gunicorn(database_url=url, ASSESSOR_SUBMIT_RATE=RATE, **redis_environment) as first,
            gunicorn(database_url=url, ASSESSOR_SUBMIT_RATE=RATE, **redis_environment) as second,
        ):
            statuses = submit_alternately([first, second], ATTEMPTS)
            stored = len(result_rows(url))

        self.assert_one_limit(statuses, stored, "Two servers, one Redis")

    def test_without_redis_two_app_servers_on_one_database_enforce_one_limit(self):
        with (
            sqlite_database() as url,
            gunicorn(database_url=url, ASSESSOR_SUBMIT_RATE=RATE) as first,
            gunicorn(database_url=url, ASSESSOR_SUBMIT_RATE=RATE) as second,
        ):
            statuses = submit_alternately([first, second], ATTEMPTS)
            stored = len(result_rows(url))

        self.assert_one_limit(statuses, stored, "Two servers, one SQLite database, no Redis")

    def test_the_access_log_names_a_result_only_by_a_prefix(self):
        with sqlite_database() as url, gunicorn(database_url=url) as server:
            cookie, token = csrf_credentials(server)
            form = {**sample_answer("Ada", 1), "csrfmiddlewaretoken": token}
            reply = server.request("POST", "/assessment/", form=form, cookies={"csrftoken": cookie})
            location = reply.headers["Location"]
            server.request("GET", location)
            server.request("GET", location.rstrip("/") + "/missing/")
            log = server.log()

        result_id = location.split("/")[2]
        self.assertNotIn(result_id, log)
        self.assertIn(f'"GET /results/{result_id[:8]}…/ HTTP/1.1" 200', log)
        self.assertIn(f"Not Found: /results/{result_id[:8]}…/missing/", log)


class BackupUnderLoadTests:
    """Run against the database the subclass names."""

    database_name: str

    def source_database(self):
        raise NotImplementedError

    def empty_database(self):
        raise NotImplementedError

    def test_a_backup_taken_under_load_restores_every_answer_acknowledged_before_it(self):
        outcome = LoadOutcome()
        before_backup: list = []
        backup_done = threading.Event()
        with ExitStack() as stack:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="backup-"))
            backup_file = f"{folder}/site.backup"
            url = stack.enter_context(self.source_database())
            server = stack.enter_context(gunicorn(database_url=url, workers=WORKERS))

            def take_backup() -> None:
                before_backup.extend(outcome.acknowledged)
                manage("backup", backup_file, database_url=url)
                backup_done.set()

            fire_submissions(
                [server], total=TOTAL, clients=CLIENTS, midway=take_backup, outcome=outcome
            )
            stored = result_rows(url)
            restored_url = stack.enter_context(self.empty_database())
            manage("restore", backup_file, database_url=restored_url)
            restored = result_rows(restored_url)

        acknowledged_before = {ack.result_id.replace("-", "") for ack in before_backup}
        print(
            f"{self.database_name} backup under load: sent {outcome.sent}, acknowledged "
            f"{len(outcome.acknowledged)} ({len(acknowledged_before)} before the backup began), "
            f"in the backup and restored {len(restored)}, stored by the end {len(stored)}"
        )
        self.assertTrue(backup_done.is_set())
        self.assertEqual(outcome.failed, [])
        self.assertEqual(outcome.refused, [])
        self.assertGreater(len(acknowledged_before), 0)
        # Answers kept arriving while the backup ran: it holds a moment between the two.
        self.assertGreater(len(stored), len(restored))
        for result_id in acknowledged_before:
            self.assertEqual(restored.get(result_id), stored[result_id])
        for result_id, row in restored.items():
            self.assertEqual(row, stored[result_id])


@contextmanager
def empty_sqlite_database():
    with tempfile.TemporaryDirectory(prefix="restored-") as directory:
        yield f"sqlite:///{directory}/db.sqlite3"


@tag("load")
class SqliteBackupUnderLoadTests(BackupUnderLoadTests, SimpleTestCase):
    database_name = "SQLite"

    def source_database(self):
        return sqlite_database()

    def empty_database(self):
        return empty_sqlite_database()


@tag("load")
class PostgresqlBackupUnderLoadTests(BackupUnderLoadTests, SimpleTestCase):
    database_name = "PostgreSQL"

    def source_database(self):
        return postgresql_database()

    def empty_database(self):
        return postgresql_database(prepared=False)
