"""Email leaves the request through Django's Tasks: a worker sends it, and retries a failure."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from teams.emails import all_answered_messages, invitation_message
from teams.models import Delivery, Invitation, Round

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def retry_delay(attempts: int) -> timedelta:
    """Waits that double: with the default 60 s, 1, 2, 4 and 8 minutes."""
    return timedelta(seconds=settings.EMAIL_RETRY_SECONDS * 2 ** (attempts - 1))


@task()
def send_invitation_email(*, invitation_id: int, kind: str) -> str:
    """Send one invitation or reminder; a failure is recorded on the invitation (the round page
    shows it as not delivered) and tried again later where the backend can wait."""
    invitation = (
        Invitation.objects.select_related(
            "member", "round__team", "round__assessment", "round__started_by"
        )
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return "gone"
    attempts = invitation.delivery_attempts + 1
    try:
        invitation_message(invitation=invitation, kind=kind).send()
    except Exception as error:  # Whatever the mail server or network does, it is recorded.
        logger.warning(
            "Email to invitation %s failed (attempt %s): %r", invitation_id, attempts, error
        )
        Invitation.objects.filter(pk=invitation_id).update(
            delivery=Delivery.FAILED,
            delivery_attempts=F("delivery_attempts") + 1,
            delivery_error=str(error)[:200] or type(error).__name__,
        )
        backend = send_invitation_email.get_backend()
        if attempts < MAX_ATTEMPTS and backend.supports_defer:
            send_invitation_email.using(run_after=timezone.now() + retry_delay(attempts)).enqueue(
                invitation_id=invitation_id, kind=kind
            )
        return "failed"
    Invitation.objects.filter(pk=invitation_id).update(
        delivery=Delivery.SENT,
        delivery_attempts=F("delivery_attempts") + 1,
        delivery_error="",
        delivered_at=timezone.now(),
    )
    return "sent"


@task()
def send_all_answered_email(*, round_id: int) -> int:
    """Tell the round's managers that everyone has answered; returns how many were told. Sent
    once (the round's stamp says so), so a failure is logged, not retried."""
    team_round = Round.objects.select_related("team", "assessment").filter(pk=round_id).first()
    if team_round is None:
        return 0
    sent = 0
    for message in all_answered_messages(team_round=team_round):
        try:
            message.send()
        except Exception as error:  # One manager's server failing does not stop the others.
            logger.warning("All-answered email for round %s failed: %r", round_id, error)
            continue
        sent += 1
    return sent
