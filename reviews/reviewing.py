"""Writing second opinions: the managers' review and its sign-off, asking colleagues, their
reviews, and reminding the colleagues who have not answered."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from reviews.models import ManagerReview, PeerReview
from reviews.tasks import send_peer_review_email
from teams.models import REMINDER_INTERVAL_HOURS, Member, Round

ASKED = "asked"
REMINDER = "reminder"


@transaction.atomic
def store_manager_review(
    *,
    round: Round,
    member: Member,
    ratings: dict[str, int | None],
    comments: dict[str, str],
    comment: str,
    written_by: AbstractBaseUser,
) -> ManagerReview:
    """Store or replace the review of `member` in `round`. A stored change un-shares it: the
    member sees it again only once a manager has signed it off again."""
    review, _ = ManagerReview.objects.update_or_create(
        round=round,
        member=member,
        defaults={
            "ratings": ratings,
            "comments": comments,
            "comment": comment,
            "written_by": written_by,
            "updated": timezone.now(),
            "shared_at": None,
        },
    )
    return review


def share_manager_review(*, review: ManagerReview) -> None:
    """The sign-off: the member sees the review as it stands now."""
    ManagerReview.objects.filter(pk=review.pk).update(shared_at=timezone.now())


def queue_peer_emails(*, review_ids: Iterable[int], kind: str) -> None:
    """Each email is its own task, queued once the transaction that asked for it commits."""
    ids = list(review_ids)

    def enqueue() -> None:
        for review_id in ids:
            send_peer_review_email.enqueue(review_id=review_id, kind=kind)

    transaction.on_commit(enqueue, robust=True)


@transaction.atomic
def ask_colleagues(*, round: Round, member: Member, colleagues: Iterable[int]) -> list[PeerReview]:
    """A review link for each colleague (by member id) not asked before, and their emails.
    The form has checked that each is a current colleague and that the maximum holds."""
    already = set(
        PeerReview.objects.filter(round=round, member=member).values_list("reviewer_id", flat=True)
    )
    asked = PeerReview.objects.bulk_create(
        PeerReview(round=round, member=member, reviewer_id=colleague)
        for colleague in colleagues
        if colleague not in already
    )
    # bulk_create does not give ids back on every database: read them.
    ids = PeerReview.objects.filter(
        round=round, member=member, reviewer_id__in=[review.reviewer_id for review in asked]
    ).values_list("pk", flat=True)
    queue_peer_emails(review_ids=ids, kind=ASKED)
    return asked


def store_peer_review(
    *, review: PeerReview, ratings: dict[str, int | None], comments: dict[str, str], comment: str
) -> None:
    """Store or replace one colleague's review: one UPDATE, saved whole or not at all."""
    PeerReview.objects.filter(pk=review.pk).update(
        ratings=ratings, comments=comments, comment=comment, updated=timezone.now()
    )


def peers_due_for_reminder(*, round: Round, now: datetime) -> QuerySet[PeerReview]:
    """Colleagues asked who have not answered and were not reminded in the last 24 hours (for
    this colleague reviewed), while both are still members of the team."""
    recently = now - timedelta(hours=REMINDER_INTERVAL_HOURS)
    return PeerReview.objects.filter(
        round=round,
        updated__isnull=True,
        # A reviewer whose member row is gone (SET_NULL) has no address to remind.
        reviewer__isnull=False,
        reviewer__removed_at__isnull=True,
        member__removed_at__isnull=True,
    ).filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=recently))


@transaction.atomic
def remind_peers(*, round: Round, now: datetime | None = None) -> int:
    """Email a reminder to every colleague due one in an open round; returns how many."""
    now = now or timezone.now()
    if not round.asks_peers or not round.is_open(now=now):
        return 0
    due = list(
        peers_due_for_reminder(round=round, now=now)
        .select_for_update(of=("self",))
        .values_list("pk", flat=True)
    )
    PeerReview.objects.filter(pk__in=due).update(reminded_at=now)
    queue_peer_emails(review_ids=due, kind=REMINDER)
    return len(due)
