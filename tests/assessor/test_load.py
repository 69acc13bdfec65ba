"""Concurrent load on gunicorn (4 workers): every acknowledged answer is stored exactly once.

On SQLite and on PostgreSQL: 1,000 answers from 16 concurrent clients, and the same with one
worker killed a third of the way through.
"""

from collections import Counter

from django.test import SimpleTestCase, tag

from tests.servers import (
    fire_submissions,
    gunicorn,
    postgresql_database,
    sqlite_database,
    stored_results,
)

TOTAL = 1000
CLIENTS = 16
WORKERS = 4


class LoadTests:
    """Run against the database the subclass names."""

    database_name: str

    def database(self):
        raise NotImplementedError

    def assert_acknowledged_answers_stored_once(self, outcome, stored):
        self.assertEqual(outcome.refused, [], "error responses")
        self.assertEqual(outcome.sent, TOTAL)
        stored_ids = dict(stored)
        for acknowledgement in outcome.acknowledged:
            self.assertEqual(stored_ids.get(acknowledgement.result_id), acknowledgement.name)
        duplicated = [
            name for name, count in Counter(name for _, name in stored).items() if count > 1
        ]
        self.assertEqual(duplicated, [])

    def test_a_thousand_concurrent_answers_are_each_stored_exactly_once(self):
        with self.database() as url, gunicorn(database_url=url, workers=WORKERS) as server:
            outcome = fire_submissions([server], total=TOTAL, clients=CLIENTS)
            stored = stored_results(url)

        print(f"{self.database_name}: {outcome.summary()}; stored {len(stored)}")
        self.assertEqual(outcome.failed, [])
        self.assertEqual(len(outcome.acknowledged), TOTAL)
        self.assertEqual(len(stored), TOTAL)
        self.assert_acknowledged_answers_stored_once(outcome, stored)

    def test_a_worker_killed_mid_run_loses_no_acknowledged_answer(self):
        killed = []
        with self.database() as url, gunicorn(database_url=url, workers=WORKERS) as server:
            outcome = fire_submissions(
                [server],
                total=TOTAL,
                clients=CLIENTS,
                midway=lambda: killed.append(server.kill_a_worker()),
            )
            booted = server.worker_pids()
            stored = stored_results(url)

        pid, unacknowledged = killed[0], len(stored) - len(outcome.acknowledged)
        # A request the worker was answering fails: no retries, so no other request can.
        when = "mid-request" if outcome.failed else "between requests"
        print(
            f"{self.database_name}, worker {pid} killed {when}: {outcome.summary()}; "
            f"stored {len(stored)} ({unacknowledged} of them unacknowledged); "
            f"workers booted {len(booted)}"
        )
        self.assertEqual(len(booted), WORKERS + 1, "gunicorn replaced the killed worker")
        self.assert_acknowledged_answers_stored_once(outcome, stored)
        # An answer may be stored by a worker killed before it could reply, never otherwise.
        self.assertLessEqual(unacknowledged, len(outcome.failed))


@tag("load")
class SqliteLoadTests(LoadTests, SimpleTestCase):
    database_name = "SQLite"
    database = staticmethod(sqlite_database)


@tag("load")
class PostgresqlLoadTests(LoadTests, SimpleTestCase):
    database_name = "PostgreSQL"
    database = staticmethod(postgresql_database)
