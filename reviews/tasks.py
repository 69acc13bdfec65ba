"""The colleagues' emails leave the request through Django's Tasks, as the invitations do."""

import logging

from django_tasks import task

from reviews.emails import peer_review_message
from reviews.models import PeerReview

logger = logging.getLogger(__name__)


@task()
def send_peer_review_email(*, review_id: int, kind: str) -> str:
    """Send one request for a review, or a reminder of it. A failure is logged; the member's
    peers page and the round's reminders are the ways to try again."""
    review = (
        PeerReview.objects.select_related("member", "reviewer", "round__team", "round__assessment")
        .filter(pk=review_id, reviewer__isnull=False)
        .first()
    )
    if review is None:
        return "gone"
    try:
        peer_review_message(review=review, kind=kind).send()
    except Exception as error:  # Whatever the mail server does, the worker carries on.
        logger.warning("Email for review %s failed: %r", review_id, error)
        return "failed"
    return "sent"
