"""Real gunicorn servers for the tests that need them, and clients that submit answers to them.

Each server gets a database of its own making (a SQLite file or a fresh PostgreSQL database),
listens on a free loopback port, and is stopped however the test ends.
"""

import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis
import requests
from django.conf import settings

from assessments.definition import category_pair

BASE_DIR = Path(settings.BASE_DIR)
SAMPLE = BASE_DIR / "samples" / "engineering-2026.json"
SAMPLE_DEFINITION = json.loads(SAMPLE.read_text())
SAMPLE_VERSION = SAMPLE_DEFINITION["slug"]
# Every server in one test run shares the key, as a deployment's app servers must.
SECRET_KEY = secrets.token_urlsafe(50)
# What the Makefile passes; outside make, the PostgreSQL the issue names.
POSTGRES_URL = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
TIMEOUT = 30  # seconds for a server to listen, a request to be answered, a process to stop
COMMAND_TIMEOUT = 120
RESULT_PATH = re.compile(r"^/results/([0-9a-f-]{36})/$")


def server_environment(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings, except that the local stack speaks plain HTTP (as `make serve`)."""
    ours = ("DJANGO_", "DATABASE_", "REDIS_", "GUNICORN_", "WEB_CONCURRENCY")
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith(ours)},
        "DJANGO_SETTINGS_MODULE": "assessor.settings",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SITE_URL": "http://127.0.0.1:8000",
        "DJANGO_DEFAULT_FROM_EMAIL": "assessor@localhost",
        "DATABASE_URL": database_url,
        # Load tests send every answer from 127.0.0.1; the limit's own server tests set a rate.
        "ASSESSOR_SUBMIT_RATE": "off",
        **extra,
    }


def manage(*arguments: str, database_url: str, check: bool = True, **extra: str):
    """`manage.py` in a process of its own; with `check`, a failure raises with its errors."""
    outcome = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=server_environment(database_url, **extra),
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )
    if check and outcome.returncode:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{outcome.stderr}")
    return outcome


@cache
def collect_static() -> None:
    """Once per test run: the servers serve the hashed, compressed files, as in production."""
    manage("collectstatic", "--noinput", database_url="sqlite://:memory:")


def prepare(database_url: str) -> None:
    manage("migrate", "--noinput", database_url=database_url)
    manage("load_assessment", str(SAMPLE), database_url=database_url)


@contextmanager
def sqlite_database() -> Iterator[str]:
    """A migrated SQLite file holding the sample assessment, deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="assessor-") as directory:
        url = f"sqlite:///{directory}/db.sqlite3"
        prepare(url)
        yield url


@contextmanager
def postgresql_database(*, prepared: bool = True) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database holding the sample assessment, dropped afterwards
    (or, not `prepared`, an empty one, as a restore wants it). It is named after POSTGRES_URL's
    database, so that runs on a shared server stay apart."""
    parts = urlsplit(POSTGRES_URL)
    name = f"{parts.path.lstrip('/')}_servers_{secrets.token_hex(4)}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = urlunsplit(parts._replace(path=f"/{name}"))
        if prepared:
            prepare(url)
        yield url
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def redis_namespace() -> Iterator[dict[str, str]]:
    """REDIS_URL and a key prefix of its own for the servers; its keys are deleted afterwards."""
    prefix = f"assessor-test-{secrets.token_hex(4)}"
    try:
        yield {"REDIS_URL": REDIS_URL, "REDIS_KEY_PREFIX": prefix}
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def fetch(database_url: str, query: str) -> list[tuple]:
    """Rows straight from the database with its driver, not through Django."""
    if database_url.startswith("sqlite"):
        with closing(sqlite3.connect(urlsplit(database_url).path)) as connection:
            return connection.execute(query).fetchall()
    with psycopg.connect(database_url) as connection:
        return connection.execute(query).fetchall()


def stored_results(database_url: str) -> list[tuple[str, str]]:
    """(result id, name) of every stored result."""
    rows = fetch(database_url, "SELECT id, name FROM results_assessmentresult")
    return [(str(uuid.UUID(str(result_id))), name) for result_id, name in rows]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@contextmanager
def running(
    command: list[str], *, log_path: Path, **environment: str
) -> Iterator[subprocess.Popen]:
    """`command` in the repository with server_environment(**environment), its output appended
    to `log_path` (gunicorn reopens /dev/stdout: two descriptors that did not both append would
    overwrite each other's lines); terminated, or killed past TIMEOUT, however the test ends."""
    with log_path.open("a") as log:
        env = server_environment(**environment)
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(TIMEOUT)


@dataclass
class Server:
    port: int
    log_path: Path

    def request(self, method: str, path: str, *, form=None, **options: Any) -> requests.Response:
        """One request, redirects not followed; `options` are requests' (cookies, headers)."""
        with requests.Session() as session:
            session.trust_env = False  # no proxy from the environment between test and server
            return session.request(
                method,
                f"http://127.0.0.1:{self.port}{path}",
                data=form,
                allow_redirects=False,
                timeout=TIMEOUT,
                **options,
            )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def worker_pids(self) -> list[int]:
        """The workers gunicorn booted, killed ones included, in boot order."""
        return [int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", self.log())]

    def kill_a_worker(self) -> int:
        """SIGKILL a worker in the middle of a request; gunicorn replaces it. The other workers
        pause for a moment first, so that under load the requests queue up for this one."""
        *others, pid = self.worker_pids()
        for other in others:
            os.kill(other, signal.SIGSTOP)
        time.sleep(0.5)
        os.kill(pid, signal.SIGKILL)
        for other in others:
            os.kill(other, signal.SIGCONT)
        return pid


@contextmanager
def gunicorn(*, database_url: str, workers: int = 2, **environment: str) -> Iterator[Server]:
    """gunicorn with the repository's config on a free loopback port, once it listens."""
    collect_static()
    server_config = ("-m", "gunicorn", "--config", "assessor/gunicorn.conf.py")
    with tempfile.TemporaryDirectory(prefix="gunicorn-") as directory:
        server = Server(free_port(), Path(directory) / "gunicorn.log")
        command = [sys.executable, *server_config, "--bind", f"127.0.0.1:{server.port}"]
        command += ["--workers", str(workers)]
        with running(
            command, log_path=server.log_path, database_url=database_url, **environment
        ) as process:
            deadline = time.monotonic() + TIMEOUT
            while not listening(server.port):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not listen:\n{server.log()}")
                time.sleep(0.1)
            yield server


@dataclass(frozen=True)
class Acknowledgement:
    name: str
    result_id: str
    server: int


@dataclass
class LoadOutcome:
    # Filled from many threads at once: list.append is atomic.
    acknowledged: list[Acknowledgement] = field(default_factory=list)
    refused: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return len(self.acknowledged) + len(self.refused) + len(self.failed)

    def summary(self) -> str:
        return (
            f"sent {self.sent}, acknowledged {len(self.acknowledged)}, "
            f"refused {len(self.refused)}, failed without an answer {len(self.failed)}"
        )


def sample_answer(name: str, number: int) -> dict[str, str]:
    """A valid answer to the sample assessment, varied by number."""
    top = len(SAMPLE_DEFINITION["ratings"])
    answer = {"v": SAMPLE_VERSION, "name": name}
    for position, (_, slug) in enumerate(map(category_pair, SAMPLE_DEFINITION["categories"])):
        answer[slug] = str((number + position) % top + 1)
        if (number + position) % 3 == 0:
            answer[f"{slug}-levelup"] = "on"
    return answer


def csrf_credentials(server: Server, path: str = f"/assessment/?v={SAMPLE_VERSION}"):
    """What a browser has after opening a form: the CSRF cookie and the form's token."""
    reply = server.request("GET", path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', reply.text)
    if reply.status_code != 200 or token is None:
        raise AssertionError(f"The form at {path} did not load: {reply.status_code}")
    return reply.cookies["csrftoken"], token.group(1)


def fire_submissions(
    servers: list[Server],
    *,
    total: int,
    clients: int,
    midway: Callable[[], None] | None = None,
    deadline_seconds: float = 300,
    outcome: LoadOutcome | None = None,
) -> LoadOutcome:
    """Send `total` answers from `clients` concurrent clients, answer i to servers[i % len]
    with the CSRF cookie and token of that server's form.

    `midway` runs once, before answer total // 3 is sent. Nothing is retried (a failed request
    counts as failed), and nothing is sent past the deadline. Pass an `outcome` to read the
    acknowledgements while the clients are still sending.
    """
    outcome = outcome if outcome is not None else LoadOutcome()
    credentials = [csrf_credentials(server) for server in servers]
    deadline = time.monotonic() + deadline_seconds

    def submit(number: int) -> None:
        if time.monotonic() > deadline:
            return
        if number == total // 3 and midway is not None:
            midway()
        name, server = f"load {number}", number % len(servers)
        csrf_cookie, token = credentials[server]
        form = {**sample_answer(name, number), "csrfmiddlewaretoken": token}
        try:
            reply = servers[server].request(
                "POST", "/assessment/", form=form, cookies={"csrftoken": csrf_cookie}
            )
        except requests.RequestException as error:
            outcome.failed.append((name, repr(error)))
            return
        location = RESULT_PATH.match(reply.headers.get("Location", ""))
        if reply.status_code == 302 and location:
            outcome.acknowledged.append(Acknowledgement(name, location.group(1), server))
        else:
            outcome.refused.append((name, reply.status_code))

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(submit, range(total)))
    return outcome
