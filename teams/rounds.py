"""Running a round: inviting every member, recording their answers, reminding who is missing."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from assessments.models import Assessment
from limits.rates import take_a_send_again_turn
from results.models import AssessmentResult
from results.submissions import record_result
from teams.emails import INVITATION, REMINDER
from teams.models import (
    REMINDER_INTERVAL_HOURS,
    Delivery,
    Invitation,
    Member,
    Response,
    Reviews,
    Round,
    Team,
)
from teams.tasks import send_invitation_email


def queue_emails(*, invitation_ids: Iterable[int], kind: str) -> None:
    """Each email is its own task, queued once the transaction that asked for it has committed,
    so a worker never looks for an invitation that is not there yet (or never will be)."""
    ids = list(invitation_ids)

    def enqueue() -> None:
        for invitation_id in ids:
            send_invitation_email.enqueue(invitation_id=invitation_id, kind=kind)

    # Robust: a queue that cannot be reached is logged, and the round page offers to send again;
    # the manager's request still succeeds, its changes already committed.
    transaction.on_commit(enqueue, robust=True)


@transaction.atomic
def start_round(
    *,
    team: Team,
    assessment: Assessment,
    closes_on: date,
    started_by: AbstractBaseUser,
    reviews: str = Reviews.SELF,
) -> Round:
    """The round, one invitation with its own token per current member, and their emails."""
    round = Round.objects.create(
        team=team,
        assessment=assessment,
        closes_on=closes_on,
        started_by=started_by,
        reviews=reviews,
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(round=round, member=member) for member in Member.current.filter(team=team)
    )
    queue_emails(invitation_ids=[invitation.pk for invitation in invitations], kind=INVITATION)
    return round


@transaction.atomic
def record_invitation_answer(
    *,
    invitation: Invitation,
    current: dict[str, int | None],
    desired: dict[str, int | None],
    role: str = "",
) -> AssessmentResult:
    """The member's answer, stored under their name and person key whatever was typed, in the
    team's scope, continuing the chain of their answers in this team."""
    member = invitation.member
    team = invitation.round.team
    result = record_result(
        assessment=invitation.round.assessment,
        name=member.name,
        current=current,
        desired=desired,
        user=member.user,
        role=role,
        person=member.person_key,
        previous=latest_team_answer(member=member),
        team_scope=team.pk,
    )
    Response.objects.create(invitation=invitation, result=result)
    return result


def due_for_reminder(*, round: Round, now: datetime) -> QuerySet[Invitation]:
    """Current members who have not answered and were not reminded in the last 24 hours."""
    recently = now - timedelta(hours=REMINDER_INTERVAL_HOURS)
    return round.invitations.filter(member__removed_at__isnull=True, responses__isnull=True).filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lte=recently)
    )


@transaction.atomic
def remind_round(*, round: Round, now: datetime | None = None) -> int:
    """Email a reminder to everyone due one in an open round; returns how many were reminded."""
    now = now or timezone.now()
    if not round.is_open(now=now):
        return 0
    # Locked, so two clicks at once (or a click and cron) remind each person once; only the
    # invitations themselves (PostgreSQL cannot lock the outer join's empty side).
    due = list(
        due_for_reminder(round=round, now=now)
        .select_for_update(of=("self",))
        .values_list("pk", flat=True)
    )
    Invitation.objects.filter(pk__in=due).update(
        reminded_at=now, delivery=Delivery.QUEUED, delivery_attempts=0, delivery_error=""
    )
    queue_emails(invitation_ids=due, kind=REMINDER)
    return len(due)


def open_rounds(*, now: datetime | None = None) -> QuerySet[Round]:
    today = timezone.localdate(now or timezone.now())
    return Round.objects.filter(closes_on__gte=today).select_related("team", "assessment")


def may_send_again(*, invitation: Invitation) -> bool:
    """Whether a manager may send the email again: to a current member who has not answered,
    while the round is open (whether the last email arrived or was lost)."""
    return (
        invitation.round.is_open()
        and invitation.member.removed_at is None
        and not invitation.responses.exists()
    )


@transaction.atomic
def send_again(*, invitation: Invitation) -> None:
    """A manager asks for an invitation to go out again; past SEND_AGAIN_RATE for it this raises
    RateLimited and nothing is sent."""
    take_a_send_again_turn(invitation.pk)
    Invitation.objects.filter(pk=invitation.pk).update(
        delivery=Delivery.QUEUED, delivery_attempts=0, delivery_error=""
    )
    kind = REMINDER if invitation.reminded_at else INVITATION
    queue_emails(invitation_ids=[invitation.pk], kind=kind)


def latest_team_answer(*, member: Member) -> AssessmentResult | None:
    """The member's latest answer to any of their team's invitations."""
    return (
        AssessmentResult.objects.filter(invitation_response__invitation__member=member)
        .order_by("-created", "-id")
        .first()
    )


def latest_answer(*, invitation: Invitation) -> AssessmentResult | None:
    """The member's latest result in the round: the one that counts."""
    return (
        AssessmentResult.objects.filter(invitation_response__invitation=invitation)
        .order_by("-created", "-id")
        .first()
    )
