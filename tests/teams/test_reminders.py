"""Reminders: only to who has not answered, at most once a day, never in a closed round."""

from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from teams.models import Invitation, Member
from teams.rounds import remind_round
from tests.factories import (
    RemindsAsManager,
    answer_invitation,
    closed_round,
    make_assessment,
    make_team,
    make_user,
    open_round,
)


class ReminderTestCase(RemindsAsManager, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.assessment = make_assessment(name="Sports 2026", slug="sports")
        cls.team = make_team(name="Platform", managers=(cls.manager,))
        cls.round = open_round(
            team=cls.team, members=["Ada", "Grace", "Linus"], assessment=cls.assessment
        )
        answer_invitation(cls.round.invitations.get(member__name="Ada"))
        cls.url = f"/manage/rounds/{cls.round.pk}/remind/"


class RemindViewTests(ReminderTestCase):
    def test_only_who_has_not_answered_is_reminded_and_the_manager_is_told_how_many(self):
        response = self.remind()

        self.assertRedirects(response, f"/manage/rounds/{self.round.pk}/")
        self.assertContains(response, "2 people were reminded.")
        self.assertEqual(
            self.recipients(), ["Grace <grace@example.com>", "Linus <linus@example.com>"]
        )
        self.assertTrue(all(m.subject.startswith("Reminder: Sports 2026") for m in mail.outbox))
        grace = Invitation.objects.get(member__name="Grace")
        self.assertIn(f"/i/{grace.token}/", mail.outbox[0].body + mail.outbox[1].body)
        self.assertEqual(Invitation.objects.filter(reminded_at__isnull=False).count(), 2)

    def test_a_second_click_within_24_hours_sends_nothing_and_says_so(self):
        self.remind()
        mail.outbox.clear()

        response = self.remind()

        self.assertContains(response, "Nobody was reminded")
        self.assertEqual(mail.outbox, [])

    def test_after_24_hours_a_reminder_goes_again(self):
        self.remind()
        mail.outbox.clear()
        later = timezone.now() + timedelta(hours=24, minutes=1)

        with mock.patch("django.utils.timezone.now", return_value=later):
            self.remind()

        self.assertEqual(len(mail.outbox), 2)

    def test_the_invitation_itself_is_no_reminder(self):
        Invitation.objects.update(delivered_at=timezone.now(), delivery="sent")

        self.remind()

        self.assertEqual(len(mail.outbox), 2)

    def test_a_removed_member_is_not_reminded(self):
        Member.objects.filter(name="Linus").update(removed_at=timezone.now())

        self.remind()

        self.assertEqual(self.recipients(), ["Grace <grace@example.com>"])

    def test_a_closed_round_sends_nothing(self):
        self.round.closes_on = timezone.localdate() - timedelta(days=1)
        self.round.save()

        response = self.remind()

        self.assertContains(response, "This round has closed")
        self.assertEqual(mail.outbox, [])
        self.assertFalse(Invitation.objects.filter(reminded_at__isnull=False).exists())

    def test_get_previews_who_gets_one_and_the_text_and_sends_nothing(self):
        response = self.client.get(self.url)

        self.assertContains(response, "2 people will get a reminder")
        self.assertContains(response, "grace@example.com")
        self.assertContains(response, "linus@example.com")
        self.assertNotContains(response, "ada@example.com")
        self.assertContains(response, "This is a reminder: you have not yet answered")
        self.assertContains(response, f'action="{self.url}"')
        self.assertEqual(mail.outbox, [])
        self.assertFalse(Invitation.objects.filter(reminded_at__isnull=False).exists())

    def test_the_preview_of_a_round_where_nobody_is_due_offers_no_button(self):
        self.remind()

        response = self.client.get(self.url)

        self.assertContains(response, "Nobody is due a reminder")
        self.assertNotContains(response, f'action="{self.url}"')


class SendRemindersCommandTests(ReminderTestCase):
    def run_command(self) -> str:
        out = StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_reminders", stdout=out)
        return out.getvalue()

    def test_every_open_round_is_reminded_and_the_command_says_what_it_sent(self):
        open_round(team=make_team(name="Data"), members=["Edsger"], assessment=self.assessment)
        closed = closed_round(team=self.team, assessment=self.assessment)

        output = self.run_command()

        self.assertEqual(
            self.recipients(),
            [
                "Edsger <edsger@example.com>",
                "Grace <grace@example.com>",
                "Linus <linus@example.com>",
            ],
        )
        self.assertIn("Platform — Sports 2026 — ", output)
        self.assertIn("reminded 2", output)
        self.assertIn("Sent 3 reminder(s).", output)
        self.assertFalse(closed.invitations.filter(reminded_at__isnull=False).exists())

    def test_run_twice_in_a_day_it_sends_once(self):
        self.run_command()
        mail.outbox.clear()

        output = self.run_command()

        self.assertEqual(mail.outbox, [])
        self.assertIn("Sent 0 reminder(s).", output)


class RemindRoundTests(ReminderTestCase):
    def test_a_closed_round_reminds_nobody_even_when_asked_directly(self):
        self.round.closes_on = timezone.localdate() - timedelta(days=1)

        self.assertEqual(remind_round(team_round=self.round), 0)
