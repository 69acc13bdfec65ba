"""The managers' view of their members' goals: the round page's column and the round CSV's
columns, within scope; notes only once the member shares them."""

import csv
import io
import re
from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from audit.models import AuditEvent
from tests.factories import (
    answer_invitation,
    make_assessment,
    make_team,
    make_user,
    open_round,
    plan_data,
    plan_url,
)

RESULT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NOTE = "Ask Grace about the long jump"


def text_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def goals_column(response) -> list[str]:
    """The text of each row's cell in the Responses table's goals column."""
    cells = re.findall(r'<td class="goals-column">(.*?)</td>', response.content.decode())
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]


class RoundGoalsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        cls.other_manager = make_user(manager=True)
        make_team(name="Other team", managers=(cls.other_manager,), members=["Olga"])
        team = make_team(managers=(cls.manager,), members=["Ada Lovelace"])
        cls.assessment = make_assessment(slug="sports")
        cls.round = open_round(team=team, assessment=cls.assessment)
        cls.invitation = cls.round.invitations.get()
        cls.first = answer_invitation(cls.invitation, jumping=1, running=1)

    def plan(self, *, share_notes: bool) -> None:
        due = timezone.localdate() + timedelta(days=30)
        goals = [
            {"category": "jumping", "target": 2, "due": due, "note": NOTE},
            {"category": "running", "target": 3, "due": due, "note": ""},
        ]
        response = self.client.post(plan_url(self.first), plan_data(goals, share_notes=share_notes))
        self.assertEqual(response.status_code, 302)


class RoundPageGoalsTests(RoundGoalsTestCase):
    def test_the_round_page_counts_each_members_goals_against_their_latest_answer(self):
        self.plan(share_notes=False)
        latest = answer_invitation(self.invitation, jumping=2, running=2)
        self.client.force_login(self.manager)

        page = self.client.get(f"/manage/rounds/{self.round.pk}/")
        table = list(
            csv.reader(
                io.StringIO(text_of(self.client.get(f"/manage/rounds/{self.round.pk}/results.csv")))
            )
        )

        self.assertContains(page, "goals: 1 reached, 1 on the way")
        # Reading the goals is reading the round: audited as such, like every other read.
        self.assertEqual(
            list(AuditEvent.objects.exclude(action="signed_in").values_list("action", flat=True)),
            ["csv_exported", "round_read"],
        )
        header, rows = table[0], {row[0]: row for row in table[1:]}
        self.assertEqual(header[-2:], ["goals_reached", "goals_total"])
        self.assertEqual(rows[str(latest.pk)][-2:], ["1", "2"])
        self.assertEqual(rows[str(self.first.pk)][-2:], ["0", "2"])

    def test_the_members_row_shows_their_goals_as_soon_as_they_plan(self):
        answer_invitation(self.invitation, jumping=2, running=2)
        self.client.force_login(self.manager)
        before = self.client.get(f"/manage/rounds/{self.round.pk}/")
        self.client.logout()
        self.plan(share_notes=False)
        self.client.force_login(self.manager)

        after = self.client.get(f"/manage/rounds/{self.round.pk}/")

        self.assertEqual(goals_column(before), ["no plan"])
        # The table is cached content: its key follows the plan written since.
        self.assertEqual(goals_column(after), ["goals: 1 reached, 1 on the way"])

    def test_a_round_without_plans_has_no_goals_section_and_zero_goal_columns(self):
        self.client.force_login(self.manager)

        page = self.client.get(f"/manage/rounds/{self.round.pk}/")
        table = list(
            csv.reader(
                io.StringIO(text_of(self.client.get(f"/manage/rounds/{self.round.pk}/results.csv")))
            )
        )

        self.assertNotContains(page, "Development goals")
        self.assertEqual(table[1][-2:], ["0", "0"])

    def test_notes_are_hidden_from_managers_until_the_member_shares_them(self):
        self.plan(share_notes=False)
        self.client.force_login(self.manager)
        round_page = self.client.get(f"/manage/rounds/{self.round.pk}/")
        result_page = self.client.get(f"/manage/results/{self.first.pk}/", follow=True)
        document = self.client.get(f"/results/{self.first.pk}.json").json()
        self.client.logout()

        self.plan(share_notes=True)
        self.client.force_login(self.manager)
        shared_round_page = self.client.get(f"/manage/rounds/{self.round.pk}/")
        shared_result_page = self.client.get(f"/manage/results/{self.first.pk}/", follow=True)

        self.assertNotContains(round_page, NOTE)
        self.assertContains(round_page, "goals: 0 reached, 0 on the way")
        self.assertNotContains(result_page, NOTE)
        self.assertEqual(document["plan"]["goals"][0]["note"], "")
        self.assertContains(shared_round_page, NOTE)
        self.assertContains(shared_result_page, NOTE)

    def test_the_plan_form_is_not_a_way_round_the_unshared_notes(self):
        self.plan(share_notes=False)
        self.client.force_login(self.manager)
        due = timezone.localdate() + timedelta(days=30)
        replacement = [{"category": "running", "target": 2, "due": due, "note": ""}]

        result_page = self.client.get(f"/manage/results/{self.first.pk}/", follow=True)
        form = self.client.get(plan_url(self.first))
        overwrite = self.client.post(plan_url(self.first), plan_data(replacement))
        self.client.logout()
        members_page = self.client.get(self.first.get_absolute_url())

        self.assertNotContains(result_page, plan_url(self.first))
        self.assertEqual(form.status_code, 403)
        self.assertNotContains(form, NOTE, status_code=403)
        self.assertEqual(overwrite.status_code, 403)
        # The member's plan, and its note, are as the member left them.
        self.assertContains(members_page, NOTE)

    def test_the_member_reads_their_own_notes_unshared(self):
        self.plan(share_notes=False)

        page = self.client.get(self.first.get_absolute_url())

        self.assertContains(page, NOTE)


class OtherTeamsManagerTests(RoundGoalsTestCase):
    def test_another_teams_manager_finds_neither_the_goals_nor_the_address_anywhere(self):
        self.plan(share_notes=True)
        self.client.force_login(self.other_manager)

        refused = [
            self.client.get(f"/manage/rounds/{self.round.pk}/"),
            self.client.get(f"/manage/rounds/{self.round.pk}/results.csv"),
            self.client.get(f"/manage/results/{self.first.pk}/"),
        ]
        reachable = [
            self.client.get("/manage/"),
            self.client.get("/manage/sports/"),
            self.client.get("/manage/sports/results.csv"),
        ]

        self.assertEqual([response.status_code for response in refused], [404, 404, 404])
        for response in reachable:
            text = text_of(response)
            self.assertEqual(response.status_code, 200)
            self.assertNotIn(str(self.first.pk), RESULT_ID.findall(text))
            self.assertNotIn(NOTE, text)
            self.assertNotIn("goals:", text)
