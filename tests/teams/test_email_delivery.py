"""Invitations through the real stack: gunicorn takes the request, a `db_worker` process sends
the emails from the PostgreSQL queue to a real SMTP server (aiosmtpd), and with that server
down the request still answers at once and the emails go out once it is back."""

import re
import sys
import time
from contextlib import contextmanager
from datetime import date, timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import Message
from pathlib import Path
from tempfile import TemporaryDirectory

from aiosmtpd.controller import Controller
from django.test import SimpleTestCase, tag

from tests.servers import (
    SAMPLE_VERSION,
    Server,
    csrf_credentials,
    fetch,
    free_port,
    gunicorn,
    manage,
    postgresql_database,
    running,
)

PASSWORD = "a-long-manager-password-2026"
WAIT = 40  # seconds: the longest any email may take to arrive
# A failed send is tried again after 1, 2, 4 and 8 s.
RETRY_SECONDS = "1"


class Inbox:
    """aiosmtpd's handler: keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int) -> list[Message]:
        deadline = time.monotonic() + WAIT
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.messages


@contextmanager
def db_worker(*, database_url: str, **environment: str):
    """`manage.py db_worker` as production runs it; stopped (bounded) however the test ends."""
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2"]
    command += ["--no-startup-delay", "--no-reload"]
    with TemporaryDirectory(prefix="worker-") as directory:
        log_path = Path(directory) / "worker.log"
        with running(command, log_path=log_path, database_url=database_url, **environment):
            yield


def sign_in(server: Server) -> dict[str, str]:
    csrf_cookie, token = csrf_credentials(server, "/accounts/login/")
    reply = server.request(
        "POST",
        "/accounts/login/",
        form={"csrfmiddlewaretoken": token, "username": "maria", "password": PASSWORD},
        cookies={"csrftoken": csrf_cookie},
    )
    assert reply.status_code == 302, reply.text
    return {"csrftoken": csrf_cookie, "sessionid": reply.cookies["sessionid"]}


def post(server: Server, path: str, cookies: dict[str, str], **form: str):
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"',
        server.request("GET", "/manage/teams/", cookies=cookies).text,
    ).group(1)
    return server.request(
        "POST", path, form={"csrfmiddlewaretoken": token, **form}, cookies=cookies
    )


@tag("load")
class EmailThroughTheWorkerTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.database_url = cls.enterClassContext(postgresql_database())
        manage(
            "createmanager",
            "maria",
            "--no-input",
            database_url=cls.database_url,
            DJANGO_MANAGER_PASSWORD=PASSWORD,
        )
        cls.smtp_port = free_port()
        environment = {
            "EMAIL_URL": f"smtp://127.0.0.1:{cls.smtp_port}/?timeout=5",
            "EMAIL_RETRY_SECONDS": RETRY_SECONDS,
            "DJANGO_SITE_URL": "https://assessor.example.com",
        }
        cls.server = cls.enterClassContext(gunicorn(database_url=cls.database_url, **environment))
        cls.enterClassContext(db_worker(database_url=cls.database_url, **environment))
        cls.cookies = sign_in(cls.server)

    def smtp_server(self, inbox: Inbox) -> Controller:
        controller = Controller(inbox, hostname="127.0.0.1", port=self.smtp_port)
        controller.start()
        self.addCleanup(controller.stop)
        return controller

    def start_round(self, team: str, members: str):
        created = post(self.server, "/manage/teams/", self.cookies, name=team, members=members)
        self.assertEqual(created.status_code, 302, created.text)
        closes_on = (date.today() + timedelta(days=7)).isoformat()
        started = time.monotonic()
        reply = post(
            self.server,
            f"{created.headers['Location']}rounds/",
            self.cookies,
            assessment=SAMPLE_VERSION,
            closes_on=closes_on,
        )
        elapsed = time.monotonic() - started
        print(f"{team}: starting the round answered {reply.status_code} in {elapsed:.2f} s")
        return reply

    def test_the_worker_sends_each_member_their_invitation_over_smtp(self):
        inbox = Inbox()
        self.smtp_server(inbox)

        reply = self.start_round(
            "Platform", "Ada Lovelace <ada@example.com>\nGrace Hopper, grace@example.com"
        )

        self.assertEqual(reply.status_code, 302)
        messages = inbox.wait_for(2)
        self.assertEqual(
            sorted(m["To"] for m in messages),
            ["Ada Lovelace <ada@example.com>", "Grace Hopper <grace@example.com>"],
        )
        tokens = dict(
            fetch(
                self.database_url,
                "SELECT m.email, i.token FROM teams_invitation i "
                "JOIN teams_member m ON m.id = i.member_id",
            )
        )
        ada = next(m for m in messages if "ada@" in m["To"])
        subject = str(make_header(decode_header(ada["Subject"])))
        self.assertIn("Software engineering skills 2026", subject)
        text = ada.get_payload()[0].get_payload(decode=True).decode()
        self.assertIn(f"https://assessor.example.com/i/{tokens['ada@example.com']}/", text)
        self.assertEqual(ada.get_payload()[1].get_content_type(), "text/html")

    def test_with_the_smtp_server_down_the_round_starts_and_the_emails_go_out_once_it_is_back(self):
        reply = self.start_round("Data", "Edsger Dijkstra <edsger@example.com>")

        self.assertEqual(reply.status_code, 302)
        failed = self.wait_for_state("edsger@example.com", "failed")
        self.assertEqual(failed, "failed")
        page = self.server.request("GET", reply.headers["Location"], cookies=self.cookies)
        self.assertIn("Emails not delivered", page.text)

        inbox = Inbox()
        self.smtp_server(inbox)
        messages = inbox.wait_for(1)

        self.assertEqual([m["To"] for m in messages], ["Edsger Dijkstra <edsger@example.com>"])
        self.assertEqual(self.wait_for_state("edsger@example.com", "sent"), "sent")

    def wait_for_state(self, email: str, state: str) -> str | None:
        deadline = time.monotonic() + WAIT
        query = (
            "SELECT i.delivery FROM teams_invitation i JOIN teams_member m ON m.id = i.member_id "
            f"WHERE m.email = '{email}'"
        )
        while time.monotonic() < deadline:
            rows = fetch(self.database_url, query)
            if rows and rows[0][0] == state:
                return state
            time.sleep(0.1)
        return rows[0][0] if rows else None
