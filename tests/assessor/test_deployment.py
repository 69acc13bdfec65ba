"""The production stack for real: gunicorn, WhiteNoise, /healthz, logs, and two app servers
sharing one PostgreSQL and one Redis."""

import re
import secrets

import redis
from django.test import SimpleTestCase, tag

from tests.servers import (
    BASE_DIR,
    REDIS_URL,
    csrf_credentials,
    fetch,
    fire_submissions,
    gunicorn,
    manage,
    postgresql_database,
    redis_namespace,
    sqlite_database,
    stored_results,
)


@tag("load")
class ProductionStackTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        url = cls.enterClassContext(sqlite_database())
        cls.server = cls.enterClassContext(gunicorn(database_url=url))

    def test_pages_are_served_with_debug_off(self):
        reply = self.server.request("GET", "/nowhere/")

        self.assertEqual(reply.status_code, 404)
        self.assertIn("<h1>Not found</h1>", reply.text)
        self.assertNotIn("Django tried these URL patterns", reply.text)

    def test_static_files_have_hashed_names_long_cache_headers_and_compression(self):
        home = self.server.request("GET", "/")
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.text)

        reply = self.server.request("GET", stylesheet[1], headers={"Accept-Encoding": "gzip"})

        self.assertEqual(reply.status_code, 200)
        self.assertEqual(reply.headers["Content-Encoding"], "gzip")
        # requests undoes the compression: the gzip sent is the file's.
        self.assertEqual(reply.content, (BASE_DIR / "static/css/site.css").read_bytes())
        self.assertIn("max-age=315360000", reply.headers["Cache-Control"])
        self.assertIn("immutable", reply.headers["Cache-Control"])

    def test_healthz_is_200_while_the_database_answers(self):
        reply = self.server.request("GET", "/healthz")

        self.assertEqual((reply.status_code, reply.text), (200, "ok\n"))

    def test_a_request_error_is_one_log_line_with_its_path(self):
        self.server.request("GET", "/missing-page/")

        lines = [line for line in self.server.log().splitlines() if "django.request" in line]
        self.assertIn("WARNING django.request Not Found: /missing-page/", lines[-1])


@tag("load")
class UnreachableDatabaseTests(SimpleTestCase):
    def test_healthz_is_503_and_logged_when_the_database_is_unreachable(self):
        unreachable = "sqlite:////nonexistent-directory/db.sqlite3"

        with gunicorn(database_url=unreachable) as server:
            reply = server.request("GET", "/healthz")
            log = server.log()

        self.assertEqual((reply.status_code, reply.text), (503, "database unavailable\n"))
        self.assertIn("ERROR django.request Health check failed: /healthz: ", log)


@tag("load")
class TwoInstanceTests(SimpleTestCase):
    """N app servers behind a load balancer, on one PostgreSQL, sessions in one Redis."""

    def test_answers_sent_to_two_servers_are_each_stored_once_and_readable_on_the_other(self):
        with (
            postgresql_database() as url,
            redis_namespace() as redis_environment,
            gunicorn(database_url=url, **redis_environment) as first,
            gunicorn(database_url=url, **redis_environment) as second,
        ):
            servers = [first, second]
            outcome = fire_submissions(servers, total=200, clients=4)
            on_the_other = {
                ack.name: servers[1 - ack.server].request("GET", f"/results/{ack.result_id}/")
                for ack in outcome.acknowledged
            }
            stored = stored_results(url)

        print(f"two servers: {outcome.summary()}; stored {len(stored)}")
        self.assertEqual((outcome.refused, outcome.failed), ([], []))
        self.assertEqual({ack.server for ack in outcome.acknowledged}, {0, 1})
        self.assertEqual(
            sorted(stored), sorted((ack.result_id, ack.name) for ack in outcome.acknowledged)
        )
        self.assertEqual(len(stored), 200)
        for name, reply in on_the_other.items():
            self.assertEqual(reply.status_code, 200)
            self.assertIn(f"Results for {name}", reply.text)

    def test_a_sign_in_on_one_server_holds_on_the_other_through_redis(self):
        password = secrets.token_urlsafe(16)
        with postgresql_database() as url:
            manage(
                *("createsuperuser", "--noinput", "--username", "boss", "--email", "b@example.com"),
                database_url=url,
                DJANGO_SUPERUSER_PASSWORD=password,
            )
            with (
                redis_namespace() as redis_environment,
                gunicorn(database_url=url, **redis_environment) as first,
                gunicorn(database_url=url, **redis_environment) as second,
            ):
                csrf_cookie, token = csrf_credentials(first, "/admin/login/")
                sign_in = first.request(
                    "POST",
                    "/admin/login/",
                    form={"username": "boss", "password": password, "csrfmiddlewaretoken": token},
                    cookies={"csrftoken": csrf_cookie},
                )
                session = sign_in.cookies["sessionid"]
                admin_on_the_other = second.request(
                    "GET", "/admin/", cookies={"sessionid": session}
                )
                sessions_in_the_database = fetch(url, "SELECT count(*) FROM django_session")
                prefix = redis_environment["REDIS_KEY_PREFIX"]
                in_redis = redis.Redis.from_url(REDIS_URL).exists(
                    f"{prefix}:1:django.contrib.sessions.cache{session}"
                )
                sign_out = second.request(
                    "POST",
                    "/admin/logout/",
                    form={"csrfmiddlewaretoken": token},
                    cookies={"csrftoken": csrf_cookie, "sessionid": session},
                )
                admin_after = first.request("GET", "/admin/", cookies={"sessionid": session})

        self.assertEqual(sign_in.status_code, 302)
        self.assertEqual(admin_on_the_other.status_code, 200)
        self.assertIn("Site administration", admin_on_the_other.text)
        self.assertEqual((sessions_in_the_database, in_redis), ([(0,)], 1))
        self.assertEqual(sign_out.status_code, 200)
        self.assertEqual(admin_after.status_code, 302)
