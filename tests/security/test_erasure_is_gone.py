"""Erased means gone: after a result is erased (through its own address, by a manager's
"erase person", or in the admin), an attacker who can read the cache or copy the SQLite files
finds nothing of it: no rendered page holding its name, and not its row in the database file or
its write-ahead log."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import SimpleTestCase, TestCase

from results.models import AssessmentResult
from teams.models import Member
from tests.factories import answer_invitation, make_assessment, make_team, make_user, open_round
from tests.servers import (
    csrf_credentials,
    gunicorn,
    manage,
    sample_answer,
    sqlite_database,
)

VICTORIA = "Victoria Quillfeather"


def cached_bytes() -> bytes:
    """Everything the cache holds, as an attacker reading its memory would (the tests' cache
    is Django's local-memory one, which keeps each value pickled)."""
    return b"".join(cache._cache.values())


def cached_page_keys() -> set[str]:
    return {key for key in cache._cache if ":html:" in key}


class CachedPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", name="Sports")
        cls.boss = User.objects.create_superuser("boss", "boss@example.com", "pw")
        cls.manager = make_user(manager=True)

    def answer_publicly(self, name: str) -> AssessmentResult:
        self.client.post(
            "/assessment/", {"v": "sports", "name": name, "jumping": "3", "running": "2"}
        )
        return AssessmentResult.objects.get(name=name)

    def read_pages_showing(self, result: AssessmentResult) -> None:
        self.client.get(result.get_absolute_url())
        self.client.force_login(self.manager)
        self.client.get("/manage/sports/")
        self.client.logout()
        self.assertIn(VICTORIA.encode(), cached_bytes())

    def assert_nothing_cached_shows(self, name: str, pages_before: set[str]) -> None:
        self.assertNotIn(name.encode(), cached_bytes())
        self.assertFalse(pages_before & cached_page_keys())

    def test_erased_through_its_address_no_cached_page_shows_it(self):
        result = self.answer_publicly(VICTORIA)
        self.read_pages_showing(result)
        before = cached_page_keys()

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/results/{result.pk}/delete/")

        self.assert_nothing_cached_shows(VICTORIA, before)

    def test_erased_by_a_manager_no_cached_page_shows_it(self):
        result = self.answer_publicly(VICTORIA)
        self.read_pages_showing(result)
        before = cached_page_keys()
        self.client.force_login(self.manager)

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/manage/results/{result.pk}/erase-person/")

        self.assertFalse(AssessmentResult.objects.exists())
        self.assert_nothing_cached_shows(VICTORIA, before)

    def test_erased_in_the_admin_no_cached_page_shows_it(self):
        result = self.answer_publicly(VICTORIA)
        self.read_pages_showing(result)
        before = cached_page_keys()
        self.client.force_login(self.boss)

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                "/admin/results/assessmentresult/",
                {"action": "delete_selected", "_selected_action": [result.pk], "post": "yes"},
            )

        self.assertFalse(AssessmentResult.objects.exists())
        self.assert_nothing_cached_shows(VICTORIA, before)

    def test_an_invitation_answer_erased_leaves_no_cached_round_page_with_its_ratings(self):
        team = make_team(managers=(self.manager,))
        Member.objects.create(team=team, name=VICTORIA, email="v@example.com")
        team_round = open_round(team=team, assessment=self.assessment)
        result = answer_invitation(team_round.invitations.get(), jumping=3)
        self.client.force_login(self.manager)
        self.client.get(team_round.get_absolute_url())
        round_pages = {key for key in cached_page_keys() if f":round:{team_round.pk}:" in key}
        self.assertTrue(round_pages)

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/manage/results/{result.pk}/erase-person/")

        self.assertFalse(round_pages & cached_page_keys())


class SqliteFilesTests(SimpleTestCase):
    """Through a real server on a SQLite file, its connection open as in production, so the
    write-ahead log is there to be read."""

    PASSWORD = "erasure-Test-pass-42"

    def files_hold(self, database: Path, name: str) -> list[str]:
        """The files of the database (and its WAL) that hold `name` in any case."""
        wanted = name.lower().encode()
        return [
            path.name
            for path in database.parent.glob(f"{database.name}*")
            if wanted in path.read_bytes().lower()
        ]

    def answer(self, server, name: str) -> str:
        cookie, token = csrf_credentials(server)
        form = {**sample_answer(name, 1), "csrfmiddlewaretoken": token}
        reply = server.request("POST", "/assessment/", form=form, cookies={"csrftoken": cookie})
        self.assertEqual(reply.status_code, 302, reply.text)
        return reply.headers["Location"]

    def sign_in(self, server, username: str) -> dict[str, str]:
        cookie, token = csrf_credentials(server, "/accounts/login/")
        form = {"username": username, "password": self.PASSWORD, "csrfmiddlewaretoken": token}
        reply = server.request("POST", "/accounts/login/", form=form, cookies={"csrftoken": cookie})
        self.assertEqual(reply.status_code, 302, reply.text)
        return {"csrftoken": cookie, **reply.cookies.get_dict()}

    def post_form_of(self, server, page: str, cookies: dict[str, str], **fields: str):
        """Open `page`, then post its form back with `fields`, as a browser would."""
        shown = server.request("GET", page, cookies=cookies)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', shown.text).group(1)
        cookies = {**cookies, **shown.cookies.get_dict()}
        return server.request(
            "POST", page, form={**fields, "csrfmiddlewaretoken": token}, cookies=cookies
        )

    def test_an_erased_result_is_in_neither_the_database_file_nor_its_wal(self):
        names = ["Victoria Quillfeather", "Walburga Erasable", "Xanthippe Adminsworth"]
        with sqlite_database() as url:
            database = Path(urlsplit(url).path)
            for username, command in [("maria", "createmanager"), ("boss", "createsuperuser")]:
                extra = ["--username", username, "--email", f"{username}@example.com"]
                manage(
                    command,
                    *(extra if command == "createsuperuser" else [username]),
                    "--no-input",
                    database_url=url,
                    DJANGO_MANAGER_PASSWORD=self.PASSWORD,
                    DJANGO_SUPERUSER_PASSWORD=self.PASSWORD,
                )
            with gunicorn(database_url=url, workers=1) as server:
                by_address, by_manager, in_admin = (self.answer(server, name) for name in names)
                for name in names:
                    self.assertTrue(self.files_hold(database, name), name)

                erased = self.post_form_of(server, f"{by_address}delete/", {})
                manager = self.sign_in(server, "maria")
                result_id = by_manager.strip("/").rsplit("/", 1)[1]
                erased_by_manager = self.post_form_of(
                    server, f"/manage/results/{result_id}/erase-person/", manager
                )
                boss = self.sign_in(server, "boss")
                admin_id = in_admin.strip("/").rsplit("/", 1)[1]
                erased_in_admin = self.post_form_of(
                    server,
                    "/admin/results/assessmentresult/",
                    boss,
                    action="delete_selected",
                    _selected_action=admin_id,
                    post="yes",
                )

                self.assertEqual(
                    [
                        erased.status_code,
                        erased_by_manager.status_code,
                        erased_in_admin.status_code,
                    ],
                    [302, 302, 302],
                )
                for name in names:
                    self.assertEqual(self.files_hold(database, name), [], name)
