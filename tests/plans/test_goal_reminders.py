"""A member with a goal due in the next 14 days gets one email about it (send_reminders)."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone, translation
from django.utils.formats import date_format

from teams.models import Member
from tests.factories import (
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    open_round,
    plan_data,
    plan_url,
)


def send_reminders() -> str:
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_reminders", stdout=out)
    return out.getvalue()


class GoalReminderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        cls.team = make_team(members=["Ada Lovelace"])
        cls.round = open_round(team=cls.team, assessment=cls.assessment)
        cls.result = answer_invitation(cls.round.invitations.get(), jumping=1)
        cls.today = timezone.localdate()

    def plan(self, *, days_ahead: int, result=None, target: int = 3) -> None:
        due = self.today + timedelta(days=days_ahead)
        goals = [{"category": "jumping", "target": target, "due": due, "note": ""}]
        self.client.post(plan_url(result or self.result), plan_data(goals))

    def test_a_goal_due_within_14_days_is_emailed_once(self):
        self.plan(days_ahead=14)

        first = send_reminders()
        second = send_reminders()

        goal_emails = [email for email in mail.outbox if "goal" in email.subject]
        self.assertEqual(len(goal_emails), 1)
        self.assertEqual(goal_emails[0].to, ["Ada Lovelace <ada@example.com>"])
        due = (self.today + timedelta(days=14)).strftime("%-d %B %Y")
        self.assertIn(f"Your goal in Jumping is due on {due}", goal_emails[0].subject)
        self.assertIn(f"/results/{self.result.pk}/", goal_emails[0].body)
        self.assertIn("Sent 1 goal reminder(s).", first)
        self.assertIn("Sent 0 goal reminder(s).", second)

    def test_a_goal_due_later_is_not_emailed_yet(self):
        self.plan(days_ahead=15)

        send_reminders()

        self.assertFalse([email for email in mail.outbox if "goal" in email.subject])

    def test_the_email_is_in_the_members_language(self):
        Member.objects.update(language="de")
        self.plan(days_ahead=3)

        send_reminders()

        (email,) = mail.outbox
        with translation.override("de"):
            german_date = date_format(self.today + timedelta(days=3), "DATE_FORMAT")
        # The wording is translated after merging (make messages); the date is German already.
        self.assertIn(german_date, email.subject)
        self.assertIn(".", german_date)

    def test_a_goal_reached_by_a_later_answer_is_not_emailed(self):
        self.plan(days_ahead=3, target=2)
        self.client.post(
            f"/results/{self.result.pk}/again/", {"v": "sports", "jumping": "2", "running": "1"}
        )

        send_reminders()

        self.assertFalse([email for email in mail.outbox if "goal" in email.subject])

    def test_a_public_link_answer_has_nobody_to_email(self):
        public = make_result(self.assessment, name="Ada Lovelace")
        self.plan(days_ahead=3, result=public)

        send_reminders()

        self.assertEqual(mail.outbox, [])
