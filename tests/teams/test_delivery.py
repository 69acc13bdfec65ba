"""A failed send: recorded, shown as not delivered, retried later, and sendable again."""

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import TestCase
from django.utils import timezone

from teams.models import Delivery, Invitation
from teams.tasks import MAX_ATTEMPTS, retry_delay, send_invitation_email
from tests.factories import make_assessment, make_team, make_user, open_round


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


REFUSING = "tests.teams.test_delivery.RefusingBackend"


class DeliveryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.team = make_team(name="Platform", managers=(cls.manager,), members=["Ada"])
        cls.assessment = make_assessment(slug="sports")

    def setUp(self):
        self.client.force_login(self.manager)

    def start_round(self):
        closes_on = (timezone.localdate() + timedelta(days=3)).isoformat()
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                f"/manage/teams/{self.team.slug}/rounds/",
                {"assessment": "sports", "closes_on": closes_on},
            )

    def test_a_refused_send_does_not_fail_the_request_and_shows_as_not_delivered(self):
        with self.settings(EMAIL_BACKEND=REFUSING):
            response = self.start_round()

        invitation = Invitation.objects.get()
        self.assertEqual(response.status_code, 302)
        self.assertEqual(invitation.delivery, Delivery.FAILED)
        self.assertEqual(invitation.delivery_attempts, 1)
        self.assertIn("Connection refused", invitation.delivery_error)
        page = self.client.get(response.url)
        self.assertContains(page, "Emails not delivered")
        self.assertContains(
            page, f"/manage/rounds/{invitation.round_id}/invitations/{invitation.pk}/send/"
        )

    def test_a_queue_that_cannot_be_reached_does_not_fail_the_request(self):
        broken = mock.patch.object(
            type(send_invitation_email), "enqueue", side_effect=ConnectionError("queue down")
        )

        with broken, self.assertLogs(level="ERROR"):
            response = self.start_round()

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Invitation.objects.get().delivery, Delivery.QUEUED)

    def test_send_again_delivers_once_the_server_is_back(self):
        with self.settings(EMAIL_BACKEND=REFUSING):
            self.start_round()
        invitation = Invitation.objects.get()

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"/manage/rounds/{invitation.round_id}/invitations/{invitation.pk}/send/",
                follow=True,
            )

        invitation.refresh_from_db()
        self.assertContains(response, "The email to Ada is on its way again.")
        self.assertNotContains(response, "Emails not delivered")
        self.assertEqual((invitation.delivery, invitation.delivery_error), (Delivery.SENT, ""))
        self.assertEqual(len(mail.outbox), 1)

    def test_send_again_refuses_get_and_another_rounds_invitation(self):
        team_round = open_round(team=self.team, assessment=self.assessment)
        other = open_round(members=["Grace"], assessment=self.assessment)
        foreign = other.invitations.get()

        self.assertEqual(
            self.client.get(
                f"/manage/rounds/{team_round.pk}/invitations/{foreign.pk}/send/"
            ).status_code,
            405,
        )
        self.assertEqual(
            self.client.post(
                f"/manage/rounds/{team_round.pk}/invitations/{foreign.pk}/send/"
            ).status_code,
            404,
        )

    def test_a_backend_that_can_wait_is_asked_to_retry_later_with_growing_delays(self):
        team_round = open_round(team=self.team, assessment=self.assessment)
        invitation = team_round.invitations.get()
        backend = mock.Mock(supports_defer=True)
        enqueued = mock.Mock()

        with (
            self.settings(EMAIL_BACKEND=REFUSING),
            mock.patch.object(type(send_invitation_email), "get_backend", return_value=backend),
            mock.patch.object(
                type(send_invitation_email), "using", return_value=mock.Mock(enqueue=enqueued)
            ) as using,
        ):
            send_invitation_email.call(invitation_id=invitation.pk, kind="invitation")

        self.assertEqual(
            enqueued.call_args.kwargs, {"invitation_id": invitation.pk, "kind": "invitation"}
        )
        run_after = using.call_args.kwargs["run_after"]
        self.assertAlmostEqual(
            (run_after - timezone.now()).total_seconds(), retry_delay(1).total_seconds(), delta=5
        )
        self.assertEqual(retry_delay(3), 4 * retry_delay(1))

    def test_after_the_last_attempt_no_retry_is_queued(self):
        team_round = open_round(team=self.team, assessment=self.assessment)
        invitation = team_round.invitations.get()
        Invitation.objects.filter(pk=invitation.pk).update(delivery_attempts=MAX_ATTEMPTS - 1)
        backend = mock.Mock(supports_defer=True)

        with (
            self.settings(EMAIL_BACKEND=REFUSING),
            mock.patch.object(type(send_invitation_email), "get_backend", return_value=backend),
            mock.patch.object(type(send_invitation_email), "using") as using,
        ):
            outcome = send_invitation_email.call(invitation_id=invitation.pk, kind="reminder")

        self.assertEqual(outcome, "failed")
        using.assert_not_called()

    def test_an_invitation_gone_before_its_email_is_skipped(self):
        self.assertEqual(
            send_invitation_email.call(invitation_id=999_999, kind="invitation"), "gone"
        )
