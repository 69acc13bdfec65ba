"""Real gunicorn servers for the tests that need them, and clients that submit answers to them.

Each server gets a database of its own making (a SQLite file or a fresh PostgreSQL database),
listens on a loopback socket the test opened, is bounded in time, and is always stopped.
"""

import ctypes
import http.client
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
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg
import redis
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
SAMPLE = BASE_DIR / "samples" / "engineering-2026.json"
SAMPLE_DEFINITION = json.loads(SAMPLE.read_text())
SAMPLE_VERSION = SAMPLE_DEFINITION["slug"]
# Every server in one test run shares the key, as a deployment's app servers must.
SECRET_KEY = secrets.token_urlsafe(50)
# What the Makefile passes; outside make, the PostgreSQL the issue names.
POSTGRES_URL = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
COMMAND_TIMEOUT = 120
READY_TIMEOUT = 30
STOP_TIMEOUT = 15
REQUEST_TIMEOUT = 30
ESTABLISHED = "01"  # the TCP state in /proc/net/tcp
RESULT_PATH = re.compile(r"^/results/([0-9a-f-]{36})/$")


def server_environment(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings, except that the local stack speaks plain HTTP (as `make serve`)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "GUNICORN_", "WEB_CONCURRENCY"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="assessor.settings",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_DEBUG="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SITE_URL="http://127.0.0.1:8000",
        DJANGO_DEFAULT_FROM_EMAIL="assessor@localhost",
        DATABASE_URL=database_url,
        # Load tests send every answer from 127.0.0.1; the limit's own server tests set a rate.
        ASSESSOR_SUBMIT_RATE="off",
    )
    environment.update(extra)
    return environment


def manage(*arguments: str, database_url: str, **extra: str) -> None:
    outcome = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=server_environment(database_url, **extra),
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if outcome.returncode:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{outcome.stderr}")


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
    (or, not `prepared`, an empty one: no tables, as a restore wants it).

    It is named after POSTGRES_URL's database, so that runs on a shared server stay apart.
    """
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
        connection = sqlite3.connect(urlsplit(database_url).path)
        try:
            return connection.execute(query).fetchall()
        finally:
            connection.close()
    with psycopg.connect(database_url) as connection:
        return connection.execute(query).fetchall()


def stored_results(database_url: str) -> list[tuple[str, str]]:
    """(result id, name) of every stored result."""
    rows = fetch(database_url, "SELECT id, name FROM results_assessmentresult")
    return [(str(uuid.UUID(str(result_id))), name) for result_id, name in rows]


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    content: bytes

    @property
    def body(self) -> str:
        return self.content.decode()

    def cookies(self) -> dict[str, str]:
        jar = SimpleCookie()
        for header in self.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return {name: morsel.value for name, morsel in jar.items()}


def die_with_parent() -> None:
    """Runs in the child before gunicorn: if the test process dies, the server follows."""
    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log_path: Path

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        cookies: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        headers = dict(headers or {})
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def worker_pids(self) -> list[int]:
        """The workers gunicorn booted, killed ones included, in boot order."""
        return [int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", self.log())]

    def client_connections(self) -> set[str]:
        """The server's side of every open client connection, as /proc names its sockets."""
        connections = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                local, state, inode = (line.split()[index] for index in (1, 3, 9))
                if int(local.rsplit(":", 1)[1], 16) == self.port and state == ESTABLISHED:
                    connections.add(f"socket:[{inode}]")
        return connections

    def holds_a_connection(self, pid: int) -> bool:
        descriptors = Path(f"/proc/{pid}/fd")
        try:
            held = {os.readlink(descriptor) for descriptor in descriptors.iterdir()}
        except FileNotFoundError:  # the worker, or one of its descriptors, just went
            return False
        return bool(held & self.client_connections())

    def kill_a_worker(self) -> tuple[int, bool]:
        """SIGKILL a worker in the middle of a request if one is found within 5 s; gunicorn
        replaces it. Each candidate is stopped first, so the request cannot finish meanwhile.
        Returns the pid and whether it held a request."""
        deadline = time.monotonic() + 5
        while True:
            if not self.worker_pids() and time.monotonic() > deadline:
                raise RuntimeError(f"no gunicorn worker found to kill:\n{self.log()}")
            for pid in self.worker_pids():
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGSTOP)
                    busy = self.holds_a_connection(pid)
                    if busy or time.monotonic() > deadline:
                        os.kill(pid, signal.SIGKILL)
                        return pid, busy
                    os.kill(pid, signal.SIGCONT)

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                self.request("GET", "/healthz")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn was not ready within {READY_TIMEOUT} s:\n{self.log()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(STOP_TIMEOUT)


@contextmanager
def gunicorn(*, database_url: str, workers: int = 2, **environment: str) -> Iterator[Server]:
    """gunicorn with the repository's config on a free loopback port; stopped however it ends."""
    collect_static()
    with tempfile.TemporaryDirectory(prefix="gunicorn-") as directory:
        log_path = Path(directory) / "gunicorn.log"
        # Append mode: gunicorn reopens /dev/stdout for its own messages, and two descriptors
        # that did not both append would overwrite each other's lines.
        with socket.socket() as listener, log_path.open("a") as log:
            listener.bind(("127.0.0.1", 0))
            listener.listen(128)
            process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "--config", "assessor/gunicorn.conf.py"),
                    *("--bind", f"fd://{listener.fileno()}", "--workers", str(workers)),
                ],
                cwd=BASE_DIR,
                env=server_environment(database_url, **environment),
                stdout=log,
                stderr=subprocess.STDOUT,
                pass_fds=[listener.fileno()],
                start_new_session=True,
                preexec_fn=die_with_parent,
            )
            server = Server(process, listener.getsockname()[1], log_path)
        try:
            server.wait_until_ready()
            yield server
        finally:
            server.stop()


@dataclass(frozen=True)
class Acknowledgement:
    name: str
    result_id: str
    server: int


@dataclass
class LoadOutcome:
    sent: int = 0
    acknowledged: list[Acknowledgement] = field(default_factory=list)
    refused: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"sent {self.sent}, acknowledged {len(self.acknowledged)}, "
            f"refused {len(self.refused)}, failed without an answer {len(self.failed)}"
        )


def sample_answer(name: str, number: int) -> dict[str, str]:
    """A valid answer to the sample assessment, varied by number."""
    top = len(SAMPLE_DEFINITION["ratings"])
    answer = {"v": SAMPLE_VERSION, "name": name}
    for position, (_, slug) in enumerate(SAMPLE_DEFINITION["categories"]):
        answer[slug] = str((number + position) % top + 1)
        if (number + position) % 3 == 0:
            answer[f"{slug}-levelup"] = "on"
    return answer


def csrf_credentials(server: Server, path: str = f"/assessment/?v={SAMPLE_VERSION}"):
    """What a browser has after opening a form: the CSRF cookie and the form's token."""
    reply = server.request("GET", path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', reply.body)
    if reply.status != 200 or token is None:
        raise AssertionError(f"The form at {path} did not load: {reply.status}")
    return reply.cookies()["csrftoken"], token.group(1)


def fire_submissions(
    servers: list[Server],
    *,
    total: int,
    clients: int,
    midway: Callable[[], None] | None = None,
    deadline_seconds: float = 300,
    outcome: LoadOutcome | None = None,
) -> LoadOutcome:
    """Send `total` answers from `clients` concurrent clients, answer i to servers[i % len].

    Each client first opens the form, as a browser would. `midway` runs once, when a third of
    the answers have been sent. Nothing is retried: a failed request counts as failed. Pass an
    `outcome` to read the acknowledgements while the clients are still sending.
    """
    outcome = outcome if outcome is not None else LoadOutcome()
    lock = threading.Lock()
    numbers = iter(range(total))
    deadline = time.monotonic() + deadline_seconds
    midway_at = total // 3

    def next_number() -> int | None:
        with lock:
            number = next(numbers, None)
            if number is None or time.monotonic() > deadline:
                return None
            outcome.sent += 1
            run_midway = number == midway_at and midway is not None
        if run_midway:
            midway()
        return number

    def client(client_number: int) -> None:
        try:
            csrf_cookie, token = csrf_credentials(servers[client_number % len(servers)])
        except (OSError, http.client.HTTPException, AssertionError) as error:
            with lock:
                outcome.failed.append((f"client {client_number} opening the form", repr(error)))
            return
        while (number := next_number()) is not None:
            name = f"load {client_number}-{number}"
            server = number % len(servers)
            form = {**sample_answer(name, number), "csrfmiddlewaretoken": token}
            try:
                reply = servers[server].request(
                    "POST", "/assessment/", form=form, cookies={"csrftoken": csrf_cookie}
                )
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    outcome.failed.append((name, repr(error)))
                continue
            location = RESULT_PATH.match(reply.headers.get("Location", ""))
            with lock:
                if reply.status == 302 and location:
                    outcome.acknowledged.append(Acknowledgement(name, location.group(1), server))
                else:
                    outcome.refused.append((name, reply.status))

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(deadline_seconds + REQUEST_TIMEOUT)
    return outcome
