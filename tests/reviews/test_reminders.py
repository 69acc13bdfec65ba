"""Reminders reach the colleagues asked for a review who have not given it: at most once per
24 hours for each reviewer and colleague reviewed, counted but never named to the managers."""

import re
from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from reviews.models import PeerReview
from tests.factories import (
    RemindsAsManager,
    answer_invitation,
    ask_peer,
    make_assessment,
    make_team,
    make_user,
    open_round,
)


class ColleagueReminderTestCase(RemindsAsManager, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.team = make_team(name="Platform", managers=(cls.manager,))
        cls.round = open_round(
            team=cls.team,
            members=["Ana", "Ben", "Cy", "Di"],
            assessment=make_assessment(name="Sports 2026", slug="sports"),
            reviews="peers",
        )
        # Every member has answered: the only reminders due are the colleagues'.
        for invitation in cls.round.invitations.all():
            answer_invitation(invitation)
        cls.ana, cls.ben, cls.cy, cls.di = (
            cls.team.members.get(name=name) for name in ["Ana", "Ben", "Cy", "Di"]
        )
        # Ana asked Ben (not answered yet) and Cy (answered).
        cls.ben_for_ana = ask_peer(cls.round, cls.ana, cls.ben)
        ask_peer(cls.round, cls.ana, cls.cy, sports=2)
        cls.url = f"/manage/rounds/{cls.round.pk}/remind/"


class RemindColleaguesTests(ColleagueReminderTestCase):
    def test_a_colleague_who_has_not_answered_gets_a_reminder_with_their_review_link(self):
        response = self.remind()

        self.assertRedirects(response, f"/manage/rounds/{self.round.pk}/")
        self.assertContains(response, "1 colleague was reminded of a review they were asked for.")
        self.assertEqual(self.recipients(), [f"Ben <{self.ben.email}>"])
        self.assertTrue(mail.outbox[0].subject.startswith("Reminder: Ana asks for your view"))
        self.assertIn("This is a reminder: Ana would still like your view.", mail.outbox[0].body)
        self.assertIn(f"/r/{self.ben_for_ana.token}/", mail.outbox[0].body)

    def test_a_second_click_within_24_hours_reminds_no_colleague_and_says_so(self):
        self.remind()
        mail.outbox.clear()

        response = self.remind()

        self.assertContains(response, "Nobody was reminded")
        self.assertEqual(mail.outbox, [])

    def test_after_24_hours_the_colleague_is_reminded_again(self):
        self.remind()
        mail.outbox.clear()
        later = timezone.now() + timedelta(hours=24, minutes=1)

        with mock.patch("django.utils.timezone.now", return_value=later):
            self.remind()

        self.assertEqual(self.recipients(), [f"Ben <{self.ben.email}>"])

    def test_each_colleague_reviewed_has_its_own_reminder_and_its_own_24_hours(self):
        self.remind()
        mail.outbox.clear()
        ben_for_di = ask_peer(self.round, self.di, self.ben)

        self.remind()

        self.assertEqual(self.recipients(), [f"Ben <{self.ben.email}>"])
        self.assertIn(f"/r/{ben_for_di.token}/", mail.outbox[0].body)
        self.assertNotIn(f"/r/{self.ben_for_ana.token}/", mail.outbox[0].body)

    def test_a_colleague_who_left_the_team_is_not_reminded(self):
        self.ben.removed_at = timezone.now()
        self.ben.save()

        self.remind()

        self.assertEqual(mail.outbox, [])

    def test_a_closed_round_reminds_no_colleague(self):
        self.round.closes_on = timezone.localdate() - timedelta(days=1)
        self.round.save()

        response = self.remind()

        self.assertContains(response, "This round has closed")
        self.assertEqual(mail.outbox, [])
        self.assertFalse(PeerReview.objects.filter(reminded_at__isnull=False).exists())

    def test_members_and_colleagues_are_reminded_by_one_click(self):
        self.round.invitations.get(member=self.di).responses.all().delete()

        response = self.remind()

        self.assertContains(response, "1 person was reminded.")
        self.assertContains(response, "1 colleague was reminded of a review they were asked for.")
        self.assertEqual(self.recipients(), [f"Ben <{self.ben.email}>", f"Di <{self.di.email}>"])


class RemindPreviewTests(ColleagueReminderTestCase):
    def test_the_preview_counts_the_colleagues_due_without_naming_them(self):
        ask_peer(self.round, self.di, self.cy)

        response = self.client.get(self.url)

        self.assertContains(response, "2 colleagues will be reminded of a review")
        self.assertContains(response, "Send 2 reminders")
        self.assertContains(response, f'action="{self.url}"')
        # The page's words, not its attributes: a CSRF token may hold "Cy" by chance.
        words = re.sub(r"<[^>]*>", " ", response.content.decode())
        for reviewer in (self.ben, self.cy):
            self.assertIsNone(re.search(rf"\b{reviewer.name}\b", words))
            self.assertNotContains(response, reviewer.email)
        self.assertEqual(mail.outbox, [])
        self.assertFalse(PeerReview.objects.filter(reminded_at__isnull=False).exists())

    def test_once_reminded_the_preview_says_nobody_is_due(self):
        self.remind()

        response = self.client.get(self.url)

        self.assertContains(response, "Nobody is due a reminder")
        self.assertNotContains(response, f'action="{self.url}"')

    def test_the_round_page_offers_to_remind_while_a_colleague_has_not_answered(self):
        round_page = f"/manage/rounds/{self.round.pk}/"

        offered = self.client.get(round_page)
        PeerReview.objects.update(updated=timezone.now())
        not_offered = self.client.get(round_page)

        self.assertContains(offered, f'href="{self.url}"')
        self.assertNotContains(not_offered, f'href="{self.url}"')

    def test_another_teams_manager_gets_404(self):
        self.client.force_login(make_user(username="otto", manager=True))

        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url).status_code, 404)


class SendRemindersCommandTests(ColleagueReminderTestCase):
    def test_the_command_reminds_the_colleagues_and_counts_them(self):
        out = StringIO()

        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_reminders", stdout=out)

        self.assertEqual(self.recipients(), [f"Ben <{self.ben.email}>"])
        self.assertIn("reminded 0, colleagues 1.", out.getvalue())
        self.assertIn("Sent 1 reminder(s).", out.getvalue())
        self.assertNotIn("Ben", out.getvalue())
