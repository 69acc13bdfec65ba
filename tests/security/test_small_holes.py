"""Small holes found by trying the team pages as a hostile colleague would: a race on a team's
name, names that break email headers, rounds that never close, an old invitation claiming an
account, and "Send again" as a way to flood a mailbox."""

import json
import tempfile
import threading
import unittest
from datetime import timedelta
from io import StringIO
from pathlib import Path
from unittest import mock

from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import Client, TestCase, TransactionTestCase
from django.utils import timezone
from django.utils.text import slugify

from assessments.models import Assessment
from teams import membership
from teams.membership import unique_team_slug
from teams.models import Invitation, Member, Round, Team
from tests.factories import (
    answer_invitation,
    make_assessment,
    make_team,
    make_user,
    member_names,
    open_round,
)

TEAMS = "/manage/teams/"
LINE_BREAKS = ["Platform\r\nBcc: everyone@example.com", "Plat\nform", "Plat\u2028form"]
CONTROL_CHARACTERS = ["Plat\tform", "Plat\x07form", "Plat\x1b[2J", "Plat\x7fform", "Plat\x85form"]


def looked_before_the_other_team_was_inserted():
    """unique_team_slug as it answers when this request looks for a free slug just before
    another request inserts a team of the same name: the first look misses that team."""
    looks = []

    def stale_first_look(name: str) -> str:
        looks.append(name)
        return slugify(name) if len(looks) == 1 else unique_team_slug(name)

    return mock.patch("teams.membership.unique_team_slug", stale_first_look)


class TeamNameRaceTests(TestCase):
    def test_a_team_whose_slug_is_taken_between_look_and_insert_gets_the_next_free_one(self):
        self.client.force_login(make_user(manager=True))
        make_team(name="Platform", slug="platform")

        with looked_before_the_other_team_was_inserted():
            response = self.client.post(TEAMS, {"name": "Platform", "members": ""})

        team = Team.objects.get(slug="platform-2")
        self.assertRedirects(response, team.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(Team.objects.filter(name="Platform").count(), 2)


@unittest.skipUnless(
    connection.vendor == "postgresql",
    "SQLite's IMMEDIATE transactions take the write lock before the slug is looked up, so two "
    "team creations never overlap there (TeamNameRaceTests forces the overlap on both).",
)
class TeamNameRaceOnPostgresqlTests(TransactionTestCase):
    def test_two_managers_creating_the_same_team_name_at_once_both_get_a_team(self):
        boss = User.objects.create_superuser("boss", "boss@example.com", "pw")
        both_looked = threading.Barrier(2, timeout=10)
        looked = threading.local()
        real_slug = membership.unique_team_slug
        statuses = []

        def slug_once_both_have_looked(name: str) -> str:
            slug = real_slug(name)
            if not getattr(looked, "once", False):
                looked.once = True
                both_looked.wait()
            return slug

        def create_team() -> None:
            client = Client(raise_request_exception=False)
            client.force_login(boss)
            try:
                statuses.append(client.post(TEAMS, {"name": "Platform", "members": ""}).status_code)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=create_team) for _ in range(2)]
        with mock.patch("teams.membership.unique_team_slug", slug_once_both_have_looked):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

        self.assertEqual(statuses, [302, 302])
        self.assertEqual(
            sorted(Team.objects.values_list("slug", flat=True)), ["platform", "platform-2"]
        )


class OneLineNameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        cls.team = make_team(name="Platform", slug="platform", managers=(cls.manager,))

    def setUp(self):
        self.client.force_login(self.manager)

    def test_a_team_name_with_a_line_break_or_control_character_is_refused(self):
        for name in LINE_BREAKS + CONTROL_CHARACTERS:
            with self.subTest(name=name):
                response = self.client.post(TEAMS, {"name": name, "members": ""})

                self.assertContains(response, "must be one line", status_code=400)
        self.assertEqual(Team.objects.count(), 1)

    def test_a_member_name_with_a_control_character_is_refused_on_both_member_forms(self):
        # A line break splits the text area's line in two, each of which is then wrong.
        for name in ["Ada\tLovelace", "Ada\x07", "Ada\x1b[2J", "Ada\x7f"]:
            line = f"{name} <ada@example.com>"
            with self.subTest(name=name):
                created = self.client.post(TEAMS, {"name": "Other", "members": line})
                added = self.client.post("/manage/teams/platform/members/", {"members": line})

                self.assertContains(created, "Line 1: the name must not hold", status_code=400)
                self.assertContains(added, "Line 1: the name must not hold", status_code=400)
        self.assertFalse(Member.objects.exists())

    def test_team_and_member_names_with_a_line_break_are_refused_in_the_admin(self):
        self.client.force_login(User.objects.create_superuser("boss", "boss@example.com", "pw"))

        team = self.client.post(
            "/admin/teams/team/add/",
            {
                "name": "Plat\nform",
                "slug": "plat",
                "members-TOTAL_FORMS": "0",
                "members-INITIAL_FORMS": "0",
            },
        )
        member = self.client.post(
            "/admin/teams/member/add/",
            {"team": self.team.pk, "name": "Ada\r\nBcc: x@example.com", "email": "a@example.com"},
        )

        self.assertContains(team, "must be one line")
        self.assertContains(member, "must be one line")
        self.assertEqual(Team.objects.count(), 1)
        self.assertFalse(Member.objects.exists())

    def test_an_assessment_name_with_a_line_break_is_refused_by_the_builder(self):
        data = {
            "assessment-name": "Sports\r\nBcc: everyone@example.com",
            "assessment-slug": "sports",
            "assessment-ratings": "Good\nBetter",
            "action": "save",
            "categories-TOTAL_FORMS": "1",
            "categories-INITIAL_FORMS": "0",
            "categories-0-name": "Jumping",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
        }

        response = self.client.post("/manage/assessments/new/", data)

        self.assertContains(response, "must be one line", status_code=400)
        self.assertFalse(Assessment.objects.exists())

    def test_an_assessment_name_with_a_control_character_is_refused_by_the_admin(self):
        self.client.force_login(User.objects.create_superuser("boss", "boss@example.com", "pw"))
        original = make_assessment(slug="sports")

        added = self.client.post(
            "/admin/assessments/assessment/add/",
            {
                "name": "Sports\x1b[2J",
                "slug": "sports-2",
                "assessment": '{"categories": [["Jumping", "jumping"]], "ratings": ["A", "B"]}',
            },
        )
        copied = self.client.post(
            f"/admin/assessments/assessment/{original.pk}/new-version/",
            {"name": "Sports\nBcc: x@example.com", "slug": "sports-3"},
        )

        self.assertContains(added, "must be one line")
        self.assertContains(copied, "must be one line")
        self.assertEqual(Assessment.objects.count(), 1)

    def test_an_assessment_file_whose_name_has_a_line_break_is_refused_by_the_loader(self):
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        definition = {
            "name": "Sports\nBcc: everyone@example.com",
            "slug": "sports",
            "categories": [["Jumping", "jumping"]],
            "ratings": ["Good", "Better"],
        }
        (folder / "sports.json").write_text(json.dumps(definition))

        with self.assertRaisesMessage(CommandError, "must be one line"):
            call_command("load_assessment", folder / "sports.json", stdout=StringIO())

        self.assertFalse(Assessment.objects.exists())


class RoundLengthTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        cls.team = make_team(slug="platform", managers=(cls.manager,), members=member_names(1))
        make_assessment(slug="sports")

    def start_round(self, closes_on):
        self.client.force_login(self.manager)
        return self.client.post(
            "/manage/teams/platform/rounds/",
            {"assessment": "sports", "closes_on": closes_on.isoformat()},
        )

    def test_a_round_closing_in_year_9999_is_refused_and_nobody_is_invited(self):
        response = self.start_round(timezone.localdate().replace(year=9999, month=12, day=31))

        self.assertContains(response, "at most 365 days from today", status_code=400)
        self.assertFalse(Round.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_a_round_may_close_365_days_ahead_but_not_366(self):
        today = timezone.localdate()

        too_long = self.start_round(today + timedelta(days=366))
        longest = self.start_round(today + timedelta(days=365))

        self.assertEqual(too_long.status_code, 400)
        self.assertEqual(longest.status_code, 302)
        self.assertEqual(Round.objects.get().closes_on, today + timedelta(days=365))


class ClosedRoundSignupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        assessment = make_assessment(slug="sports")
        team = make_team(members=member_names(1))
        yesterday = timezone.localdate() - timedelta(days=1)
        cls.invitation = open_round(
            team=team, assessment=assessment, closes_on=yesterday
        ).invitations.get()
        cls.url = f"/accounts/signup/?invitation={cls.invitation.token}"

    def test_an_old_leaked_link_cannot_claim_the_members_results_once_the_round_closed(self):
        data = {"username": "mallory", "password1": "x-Tr0ub4dor&3", "password2": "x-Tr0ub4dor&3"}

        shown = self.client.get(self.url)
        posted = self.client.post(self.url, data)

        self.assertContains(shown, "This invitation has expired", status_code=410)
        self.assertEqual(posted.status_code, 410)
        self.assertNotContains(shown, 'name="password1"', status_code=410)
        self.assertFalse(User.objects.filter(username="mallory").exists())
        self.assertIsNone(Member.objects.get().user)


class SendAgainTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        team = make_team(managers=(cls.manager,))
        cls.ada = Member.objects.create(team=team, name="Ada", email="ada@example.com")
        cls.round = open_round(team=team, assessment=make_assessment(slug="sports", name="Sports"))
        cls.invitation = cls.round.invitations.get()
        # The invitation arrived: Ada says she lost it.
        Invitation.objects.filter(pk=cls.invitation.pk).update(delivery="sent")
        cls.url = f"/manage/rounds/{cls.round.pk}/invitations/{cls.invitation.pk}/send/"

    def setUp(self):
        self.client.force_login(self.manager)

    def send_again(self):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url)

    def test_the_round_page_offers_send_again_to_whoever_has_not_answered(self):
        response = self.client.get(self.round.get_absolute_url())

        self.assertContains(response, f'action="{self.url}"')
        self.assertContains(response, "Send to Ada again")

    def test_a_fourth_send_in_an_hour_is_a_429_sends_nothing_and_the_round_page_says_so(self):
        sent = [self.send_again().status_code for _ in range(3)]

        refused = self.send_again()

        self.assertEqual(sent, [302, 302, 302])
        self.assertEqual(len(mail.outbox), 3)
        self.assertEqual(refused.status_code, 429)
        self.assertContains(refused, "Nothing was sent", status_code=429)
        self.assertContains(refused, "<h1>Sports", status_code=429)
        self.assertGreater(int(refused["Retry-After"]), 0)

    def test_the_limit_is_per_invitation(self):
        grace = Member.objects.create(team=self.ada.team, name="Grace", email="grace@example.com")
        other = Invitation.objects.create(round=self.round, member=grace)
        for _ in range(4):
            self.send_again()

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"/manage/rounds/{self.round.pk}/invitations/{other.pk}/send/"
            )

        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            [message.to for message in mail.outbox[3:]], [["Grace <grace@example.com>"]]
        )

    def test_nothing_is_sent_again_once_answered_or_closed(self):
        answer_invitation(self.invitation)
        answered = self.send_again()
        Round.objects.filter(pk=self.round.pk).update(
            closes_on=timezone.localdate() - timedelta(days=1)
        )
        closed = self.send_again()

        self.assertEqual((answered.status_code, closed.status_code), (302, 302))
        self.assertEqual(mail.outbox, [])
        self.assertNotContains(self.client.get(self.round.get_absolute_url()), "Send to Ada again")
