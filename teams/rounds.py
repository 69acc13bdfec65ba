"""Running a round: inviting every member, recording their answers, reminding who is missing,
closing, extending or cancelling it, and telling the managers when everyone has answered."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery, UUIDField
from django.http import HttpRequest
from django.utils import timezone

from assessments.models import Assessment
from audit.events import record_event
from limits.rates import take_a_send_again_turn
from results.models import AssessmentResult, newest_first_order
from results.submissions import record_result
from teams.emails import EXTENSION, INVITATION, REMINDER
from teams.models import (
    REMINDER_INTERVAL_HOURS,
    Delivery,
    Invitation,
    Member,
    Response,
    Reviews,
    Round,
    Team,
    default_round_name,
)
from teams.tasks import send_all_answered_email, send_invitation_email


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


class RoundAlreadyOpen(Exception):
    """The team already has an open round of the assessment's name family: one at a time."""

    def __init__(self, open_round: Round) -> None:
        super().__init__(str(open_round))
        self.open_round = open_round


class RoundCancelled(Exception):
    """The round was cancelled while the answer was on its way: nothing is stored."""


def record_round_event(action: str, *, request: HttpRequest, team_round: Round) -> None:
    """What a manager did with a round or read of it, in the audit trail under its assessment
    and team."""
    record_event(
        action=action,
        request=request,
        assessment=team_round.assessment.slug,
        team=team_round.team.slug,
    )


def open_round_in_family(*, team: Team, assessment: Assessment) -> Round | None:
    return (
        Round.objects.open()
        .in_family_of(assessment)
        .filter(team=team)
        .select_related("assessment")
        .first()
    )


@transaction.atomic
def start_round(
    *,
    team: Team,
    assessment: Assessment,
    closes_on: date,
    started_by: AbstractBaseUser,
    name: str = "",
    message: str = "",
    reviews: str = Reviews.SELF,
) -> Round:
    """The round, one invitation with its own token per current member, and their emails; while
    the team has an open round of the same name family this raises RoundAlreadyOpen and nothing
    is made or sent."""
    # Locked, so two starts at once cannot both find no open round.
    Team.objects.select_for_update().filter(pk=team.pk).first()
    already_open = open_round_in_family(team=team, assessment=assessment)
    if already_open is not None:
        raise RoundAlreadyOpen(already_open)
    new_round = Round.objects.create(
        team=team,
        assessment=assessment,
        closes_on=closes_on,
        started_by=started_by,
        name=name or default_round_name(assessment=assessment, closes_on=closes_on),
        message=message,
        reviews=reviews,
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(round=new_round, member=member) for member in Member.current.filter(team=team)
    )
    queue_emails(invitation_ids=[invitation.pk for invitation in invitations], kind=INVITATION)
    return new_round


def locked_round(team_round: Round) -> Round:
    """The round's row, locked until the transaction ends: closing, cancelling, extending and
    answering one round take turns."""
    return Round.objects.select_for_update().get(pk=team_round.pk)


@transaction.atomic
def close_round(*, team_round: Round, now: datetime | None = None) -> None:
    """Closed from now on: its links take no more answers."""
    now = now or timezone.now()
    Round.objects.filter(pk=team_round.pk, closed_at__isnull=True).update(closed_at=now)
    team_round.closed_at = now


@transaction.atomic
def extend_round(*, team_round: Round, closes_on: date, notify: bool) -> int:
    """The round closes on `closes_on` instead (a round closed early is open again); with
    `notify`, the members who have not answered are told. Returns how many are told. A closed
    round opens again only while no other round of its family is open (else RoundAlreadyOpen)."""
    if not team_round.is_open():
        Team.objects.select_for_update().filter(pk=team_round.team_id).first()
        already_open = open_round_in_family(team=team_round.team, assessment=team_round.assessment)
        if already_open is not None:
            raise RoundAlreadyOpen(already_open)
    Round.objects.filter(pk=team_round.pk).update(closes_on=closes_on, closed_at=None)
    team_round.closes_on, team_round.closed_at = closes_on, None
    if not notify:
        return 0
    waiting = list(
        team_round.invitations.filter(
            member__removed_at__isnull=True, responses__isnull=True
        ).values_list("pk", flat=True)
    )
    queue_emails(invitation_ids=waiting, kind=EXTENSION)
    return len(waiting)


def has_answers(team_round: Round) -> bool:
    return Response.objects.filter(invitation__round=team_round).exists()


class RoundHasAnswers(Exception):
    """A round with answers is closed, not cancelled: cancelling would hide them."""


@transaction.atomic
def cancel_round(*, team_round: Round, now: datetime | None = None) -> None:
    """The round is gone from the team page and the trend, and its links answer 404; a round
    with answers raises RoundHasAnswers (checked under the round's lock, so an answer arriving
    at the same moment is either refused or seen)."""
    locked_round(team_round)
    if has_answers(team_round):
        raise RoundHasAnswers
    now = now or timezone.now()
    Round.objects.filter(pk=team_round.pk).update(cancelled_at=now)
    team_round.cancelled_at = now


@transaction.atomic
def record_invitation_answer(
    *,
    invitation: Invitation,
    current: dict[str, int | None],
    desired: dict[str, int | None],
    role: str = "",
) -> AssessmentResult:
    """The member's answer, stored under their name and person key whatever was typed, in the
    team's scope, continuing the chain of their answers in this team. When it is the last
    member's first answer, the team's managers are told (once)."""
    if locked_round(invitation.round).cancelled:
        raise RoundCancelled
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
    tell_managers_if_all_answered(team_round=invitation.round)
    return result


def tell_managers_if_all_answered(*, team_round: Round) -> None:
    """Once every current member invited has answered, the managers get one email: the stamp
    is set once, so answering again (or a late second answer) sends nothing."""
    waiting = team_round.invitations.filter(member__removed_at__isnull=True, responses__isnull=True)
    if waiting.exists():
        return
    first_time = Round.objects.filter(pk=team_round.pk, all_answered_at__isnull=True).update(
        all_answered_at=timezone.now()
    )
    if first_time:
        round_id = team_round.pk
        transaction.on_commit(
            lambda: send_all_answered_email.enqueue(round_id=round_id), robust=True
        )


def due_for_reminder(*, team_round: Round, now: datetime) -> QuerySet[Invitation]:
    """Current members who have not answered and were not reminded in the last 24 hours."""
    recently = now - timedelta(hours=REMINDER_INTERVAL_HOURS)
    return team_round.invitations.filter(
        member__removed_at__isnull=True, responses__isnull=True
    ).filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=recently))


@transaction.atomic
def remind_round(*, team_round: Round, now: datetime | None = None) -> int:
    """Email a reminder to everyone due one in an open round; returns how many were reminded."""
    now = now or timezone.now()
    if not team_round.is_open(now=now):
        return 0
    # Locked, so two clicks at once (or a click and cron) remind each person once; only the
    # invitations themselves (PostgreSQL cannot lock the outer join's empty side).
    due = list(
        due_for_reminder(team_round=team_round, now=now)
        .select_for_update(of=("self",))
        .values_list("pk", flat=True)
    )
    Invitation.objects.filter(pk__in=due).update(
        reminded_at=now, delivery=Delivery.QUEUED, delivery_attempts=0, delivery_error=""
    )
    queue_emails(invitation_ids=due, kind=REMINDER)
    return len(due)


def open_rounds(*, now: datetime | None = None) -> QuerySet[Round]:
    return Round.objects.open(now=now).select_related("team", "assessment")


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
    return AssessmentResult.objects.filter(invitation_response__invitation__member=member).newest()


def latest_answer(*, invitation: Invitation) -> AssessmentResult | None:
    """The member's latest result in the round: the one that counts."""
    return AssessmentResult.objects.filter(invitation_response__invitation=invitation).newest()


def with_latest_answer_id(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    """Each invitation with `latest_answer_id`, the id of latest_answer() (None before the member
    answers), read in the same query: a link not answered yet needs no second one."""
    latest = Response.objects.filter(invitation=OuterRef("pk")).order_by(
        *newest_first_order(through="result__")
    )
    return invitations.annotate(
        latest_answer_id=Subquery(latest.values("result_id")[:1], output_field=UUIDField())
    )
