"""A round's life through the manager's pages: its name, one open round per family, closing,
extending and cancelling it, its message, the all-answered email, the Copy button."""

from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.test import TestCase, override_settings
from django.utils import timezone

from assessments.versions import save_as_new_version
from audit.models import AuditEvent
from teams.models import Round
from tests.factories import (
    answer_invitation,
    closed_round,
    make_assessment,
    make_team,
    make_user,
    open_round,
)

ENGLISH_MONTHS = (
    "January February March April May June July August September October November December"
)
GERMAN_MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"


def month_and_year(day, months: str) -> str:
    return f"{months.split()[day.month - 1]} {day.year}"


def in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


class RoundTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True, email="maria@example.com")
        cls.assessment = make_assessment(name="Sports 2026", slug="sports")
        cls.team = make_team(
            name="Platform", slug="platform", managers=(cls.manager,), members=["Ada", "Grace"]
        )
        cls.team_url = "/manage/teams/platform/"

    def setUp(self):
        self.client.force_login(self.manager)

    def start(self, **fields):
        data = {"assessment": "sports", "closes_on": in_days(14), **fields}
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(f"{self.team_url}rounds/", data)

    def post(self, url: str, data: dict | None = None):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data or {})


class RoundNameTests(RoundTestCase):
    def test_a_round_started_without_a_name_is_named_after_its_assessment_and_month(self):
        self.start()

        started = Round.objects.get()
        closes_on = timezone.localdate() + timedelta(days=14)
        expected = f"Sports 2026 — {month_and_year(closes_on, ENGLISH_MONTHS)}"
        self.assertEqual(started.name, expected)
        self.assertContains(self.client.get(self.team_url), expected)
        self.assertContains(self.client.get(started.get_absolute_url()), f"<h1>{expected}</h1>")
        self.assertTrue(all(f"the round “{expected}”" in message.body for message in mail.outbox))

    @override_settings(LANGUAGE_CODE="de")
    def test_the_default_name_is_in_the_sites_language(self):
        self.start()

        closes_on = timezone.localdate() + timedelta(days=14)
        self.assertEqual(
            Round.objects.get().name, f"Sports 2026 — {month_and_year(closes_on, GERMAN_MONTHS)}"
        )

    def test_a_given_name_is_shown_on_the_team_page_the_round_page_and_in_the_emails(self):
        self.start(name="Spring check-in")

        started = Round.objects.get()
        self.assertContains(self.client.get(self.team_url), "Spring check-in")
        self.assertContains(self.client.get(started.get_absolute_url()), "<h1>Spring check-in</h1>")
        for message in mail.outbox:
            self.assertEqual(message.subject, "Sports 2026: your self-assessment for Platform")
            self.assertIn("in the round “Spring check-in”", message.body)
            self.assertIn("in the round “Spring check-in”", message.alternatives[0][0])

    def test_a_name_with_a_line_break_is_a_400_and_nothing_is_sent(self):
        response = self.start(name="Spring\ncheck-in")

        self.assertEqual(response.status_code, 400)
        self.assertFalse(Round.objects.exists())
        self.assertEqual(mail.outbox, [])


class OneOpenRoundTests(RoundTestCase):
    def test_starting_a_second_round_while_one_is_open_is_a_400_naming_it_and_linking_to_close(
        self,
    ):
        self.start(name="Spring check-in")
        first = Round.objects.get()
        mail.outbox.clear()

        response = self.start(name="Again")

        self.assertContains(response, "“Spring check-in” is still open", status_code=400)
        self.assertContains(response, f'href="/manage/rounds/{first.pk}/close/"', status_code=400)
        self.assertEqual(Round.objects.count(), 1)
        self.assertEqual(mail.outbox, [])

    def test_another_version_of_the_same_assessment_counts_as_the_same_family(self):
        open_round(team=self.team, assessment=self.assessment)
        save_as_new_version(self.assessment, name="Sports 2027", slug="sports-2027")

        response = self.start(assessment="sports-2027")

        self.assertEqual(response.status_code, 400)
        self.assertEqual(Round.objects.count(), 1)

    def test_another_assessment_or_another_team_may_have_its_own_open_round(self):
        open_round(team=self.team, assessment=self.assessment)
        make_assessment(name="Triathlon", slug="tri")
        open_round(team=make_team(members=["Linus"]), assessment=make_assessment(slug="other"))

        response = self.start(assessment="tri")

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Round.objects.filter(team=self.team).count(), 2)

    def test_once_the_open_round_is_closed_a_new_one_may_start(self):
        team_round = open_round(team=self.team, assessment=self.assessment)
        self.post(f"/manage/rounds/{team_round.pk}/close/")

        self.assertEqual(self.start().status_code, 302)

    def test_once_the_open_round_is_cancelled_a_new_one_may_start(self):
        team_round = open_round(team=self.team, assessment=self.assessment)
        self.post(f"/manage/rounds/{team_round.pk}/cancel/")

        self.assertEqual(self.start().status_code, 302)


class CloseTests(RoundTestCase):
    def setUp(self):
        super().setUp()
        self.round = open_round(team=self.team, assessment=self.assessment)
        self.url = f"/manage/rounds/{self.round.pk}/close/"

    def test_get_asks_and_changes_nothing(self):
        response = self.client.get(self.url)

        self.assertContains(response, f'<form method="post" action="{self.url}">')
        self.round.refresh_from_db()
        self.assertTrue(self.round.is_open())

    def test_post_closes_the_round_now_its_links_answer_410_and_the_trail_says_who(self):
        invitation = self.round.invitations.first()

        response = self.client.post(self.url, follow=True)

        self.assertRedirects(response, self.round.get_absolute_url())
        self.assertContains(response, "is closed: its links take no more answers")
        link = self.client.get(invitation.get_absolute_url())
        self.assertContains(link, "was closed on", status_code=410)
        self.round.refresh_from_db()
        self.assertFalse(self.round.is_open())
        event = AuditEvent.objects.get(action=AuditEvent.Action.ROUND_CLOSED)
        self.assertEqual((event.actor, event.team), (self.manager, "platform"))
        self.assertContains(self.client.get(self.team_url), "(closed)")

    def test_closing_a_closed_round_is_a_400(self):
        self.client.post(self.url)

        response = self.client.post(self.url)

        self.assertContains(response, "closed already", status_code=400)
        self.assertEqual(
            AuditEvent.objects.filter(action=AuditEvent.Action.ROUND_CLOSED).count(), 1
        )


class ExtendTests(RoundTestCase):
    def setUp(self):
        super().setUp()
        self.round = open_round(team=self.team, assessment=self.assessment)
        answer_invitation(self.round.invitations.get(member__name="Ada"))
        self.url = f"/manage/rounds/{self.round.pk}/extend/"

    def test_get_shows_the_form(self):
        response = self.client.get(self.url)

        self.assertContains(response, 'name="closes_on"')
        self.assertContains(response, 'name="notify"')

    def test_a_later_date_moves_the_closing_date_and_emails_nobody_without_notify(self):
        response = self.post(self.url, {"closes_on": in_days(30)})

        self.assertRedirects(response, self.round.get_absolute_url())
        self.round.refresh_from_db()
        self.assertEqual(self.round.closes_on.isoformat(), in_days(30))
        self.assertEqual(mail.outbox, [])
        self.assertTrue(AuditEvent.objects.filter(action=AuditEvent.Action.ROUND_EXTENDED))

    def test_with_notify_the_members_who_have_not_answered_are_emailed(self):
        response = self.post(self.url, {"closes_on": in_days(30), "notify": "on"})

        self.assertEqual(response.status_code, 302)
        self.assertEqual([message.to for message in mail.outbox], [["Grace <grace@example.com>"]])
        self.assertIn("Sports 2026: open until", mail.outbox[0].subject)
        self.assertIn("is open for longer", mail.outbox[0].body)

    def test_a_date_not_later_than_the_current_one_or_past_a_year_is_a_400_and_changes_nothing(
        self,
    ):
        current = self.round.closes_on
        for closes_on in [
            current.isoformat(),
            (current - timedelta(days=1)).isoformat(),
            in_days(366),
            "",
            "tomorrow",
        ]:
            with self.subTest(closes_on=closes_on):
                response = self.post(self.url, {"closes_on": closes_on, "notify": "on"})

                self.assertEqual(response.status_code, 400)
                self.assertContains(response, 'name="closes_on"', status_code=400)
                self.round.refresh_from_db()
                self.assertEqual(self.round.closes_on, current)
        self.assertEqual(mail.outbox, [])
        self.assertFalse(AuditEvent.objects.filter(action=AuditEvent.Action.ROUND_EXTENDED))

    def test_a_round_closed_early_opens_again(self):
        self.client.post(f"/manage/rounds/{self.round.pk}/close/")

        self.post(self.url, {"closes_on": in_days(30)})

        grace = self.round.invitations.get(member__name="Grace")
        self.assertEqual(self.client.get(grace.get_absolute_url()).status_code, 200)

    def test_a_closed_round_does_not_open_beside_another_open_round_of_its_family(self):
        old = closed_round(team=self.team, assessment=self.assessment)

        response = self.post(f"/manage/rounds/{old.pk}/extend/", {"closes_on": in_days(30)})

        self.assertContains(response, "only one round of it is open", status_code=400)
        old.refresh_from_db()
        self.assertFalse(old.is_open())


class CancelTests(RoundTestCase):
    def setUp(self):
        super().setUp()
        self.round = open_round(team=self.team, assessment=self.assessment, name="Mistake")
        self.url = f"/manage/rounds/{self.round.pk}/cancel/"

    def test_get_asks(self):
        response = self.client.get(self.url)

        self.assertContains(response, f'<form method="post" action="{self.url}">')
        self.assertIsNone(Round.objects.get().cancelled_at)

    def test_a_round_without_answers_vanishes_its_links_are_404_and_the_trail_says_who(self):
        invitation = self.round.invitations.first()

        response = self.client.post(self.url, follow=True)

        self.assertRedirects(response, self.team_url)
        self.assertContains(response, "“Mistake” is cancelled")
        self.assertNotContains(response, f'href="/manage/rounds/{self.round.pk}/"')
        self.assertEqual(self.client.get(invitation.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.get(self.round.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get(f"{self.team_url}trend/"), "Mistake")
        self.assertEqual(self.client.get(f"{self.team_url}trend.json").json()["rounds"], [])
        self.assertTrue(AuditEvent.objects.filter(action=AuditEvent.Action.ROUND_CANCELLED))

    def test_a_round_with_answers_is_a_400_that_offers_to_close_it(self):
        answer_invitation(self.round.invitations.first())

        response = self.client.post(self.url)

        self.assertContains(response, "cannot be cancelled", status_code=400)
        self.assertContains(
            response, f'href="/manage/rounds/{self.round.pk}/close/"', status_code=400
        )
        self.assertIsNone(Round.objects.get().cancelled_at)
        self.assertFalse(AuditEvent.objects.filter(action=AuditEvent.Action.ROUND_CANCELLED))


class MessageTests(RoundTestCase):
    def test_the_invitation_carries_the_message_escaped_in_its_html(self):
        self.start(message="Please answer by Friday.\n<b>Thanks</b> & see you")

        ada = next(message for message in mail.outbox if "ada@" in message.to[0])
        self.assertIn("Please answer by Friday.\n<b>Thanks</b> & see you", ada.body)
        html = ada.alternatives[0][0]
        self.assertIn("Please answer by Friday.<br>&lt;b&gt;Thanks&lt;/b&gt; &amp; see you", html)
        self.assertNotIn("<b>Thanks", html)

    def test_a_message_over_2000_characters_is_a_400_and_nothing_is_started_or_sent(self):
        response = self.start(message="x" * 2001)

        self.assertContains(response, "at most 2000 characters", status_code=400)
        self.assertFalse(Round.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_a_reminder_does_not_repeat_the_message(self):
        self.start(message="Only once, please.")
        started = Round.objects.get()
        mail.outbox.clear()

        self.post(f"/manage/rounds/{started.pk}/remind/")

        self.assertEqual(len(mail.outbox), 2)
        self.assertNotIn("Only once", mail.outbox[0].body)


class AllAnsweredTests(RoundTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.co_manager = make_user(username="carl", manager=True, email="carl@example.com")
        cls.team.managers.add(cls.co_manager, make_user(username="noemail", manager=True, email=""))

    def setUp(self):
        super().setUp()
        self.round = open_round(team=self.team, assessment=self.assessment, name="Spring")
        self.ada = self.round.invitations.get(member__name="Ada")
        self.grace = self.round.invitations.get(member__name="Grace")

    def answer(self, invitation):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(invitation.get_absolute_url(), {"jumping": "2", "running": "1"})

    def test_the_last_answer_tells_each_manager_once_and_answering_again_tells_nobody(self):
        self.answer(self.ada)
        self.assertEqual(mail.outbox, [])

        self.answer(self.grace)

        self.assertEqual(
            sorted(message.to for message in mail.outbox),
            [["carl@example.com"], ["maria@example.com"]],
        )
        self.assertEqual(mail.outbox[0].subject, "Spring: everyone in Platform has answered")
        self.assertIn(f"/manage/rounds/{self.round.pk}/", mail.outbox[0].body)
        mail.outbox.clear()

        self.answer(self.grace)
        self.answer(self.ada)

        self.assertEqual(mail.outbox, [])


class CopyButtonTests(RoundTestCase):
    def test_each_personal_link_is_whole_in_a_field_with_a_copy_button_from_a_static_script(self):
        team_round = open_round(team=self.team, assessment=self.assessment)
        ada = team_round.invitations.get(member__name="Ada")

        response = self.client.get(team_round.get_absolute_url())

        link = f"{settings.SITE_URL}/i/{ada.token}/"
        self.assertContains(
            response,
            f'<input type="text" readonly id="link-{ada.pk}" value="{link}" size="{len(link)}">',
        )
        self.assertContains(response, f'data-copy="link-{ada.pk}"')
        # Hidden until the script runs: without JavaScript the field is the way to copy.
        self.assertContains(response, "hidden>Copy")
        self.assertContains(response, '<script src="/static/js/copy.js" defer></script>')
        self.assertNotContains(response, "<script>")
