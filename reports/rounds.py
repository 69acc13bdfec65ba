"""What a round's page reads: who was invited, who answered (and their latest result in the
round), and the round's matrix over those latest results."""

import hashlib
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery, UUIDField

from reports.matrix import Person, people_from_results
from results.models import AssessmentResult
from teams.models import Delivery, Invitation, Member, Response, Round


def response_rate(*, invited: int, answered: int) -> int | None:
    """Per cent of the invited who answered, rounded; None when nobody was invited."""
    return round(100 * answered / invited) if invited else None


@dataclass(frozen=True)
class RoundStatus:
    """Each invitation of the round with its member, answers and latest result's id."""

    round: Round
    invitations: list[Invitation]

    @property
    def answered(self) -> list[Member]:
        return [invitation.member for invitation in self.invitations if invitation.answers]

    @property
    def not_answered(self) -> list[Member]:
        return [invitation.member for invitation in self.invitations if not invitation.answers]

    @property
    def response_rate(self) -> int | None:
        return response_rate(invited=len(self.invitations), answered=len(self.answered))


@dataclass(frozen=True)
class InvitationState:
    """What the page shows of one invitation outside its cached content."""

    pk: int
    member_name: str
    delivery: str
    delivery_error: str
    answered: bool
    # The member has left the team: they are no longer emailed.
    removed: bool

    @property
    def awaits_answer(self) -> bool:
        return not self.answered and not self.removed


@dataclass(frozen=True)
class RoundSummary:
    """Each invitation's state, read on every view in two light queries (no model instances):
    enough for the page around the cached content, and to name everything that content shows."""

    states: list[InvitationState]
    fingerprint: str

    @property
    def has_answers(self) -> bool:
        return any(state.answered for state in self.states)

    @property
    def not_answered_count(self) -> int:
        return sum(1 for state in self.states if not state.answered)

    @property
    def undelivered(self) -> list[InvitationState]:
        return [state for state in self.states if state.delivery == Delivery.FAILED]

    @property
    def delivered_awaiting_answer(self) -> list[InvitationState]:
        """Who may have lost an email that arrived: offered "Send again" besides the undelivered."""
        return [
            state
            for state in self.states
            if state.awaits_answer and state.delivery != Delivery.FAILED
        ]


def round_summary(*, team_round: Round) -> RoundSummary:
    shown = list(
        team_round.invitations.order_by("member__name", "pk").values_list(
            "pk",
            "delivery",
            "delivery_error",
            "reminded_at",
            "member__name",
            "member__email",
            "member__user_id",
            "member__removed_at",
        )
    )
    answers = list(
        Response.objects.filter(invitation__round=team_round)
        .order_by()
        .values_list("invitation_id", "pk")
    )
    counts = Counter(invitation_id for invitation_id, _ in answers)
    # A response's id grows with every answer, so the latest ids name the latest answers.
    latest = dict(sorted(answers, key=lambda row: row[1]))
    states = [
        InvitationState(
            pk=row[0],
            member_name=row[4],
            delivery=row[1],
            delivery_error=row[2],
            answered=row[0] in counts,
            removed=row[7] is not None,
        )
        for row in shown
    ]
    digest = hashlib.sha256(repr((shown, sorted(counts.items()), sorted(latest.items()))).encode())
    return RoundSummary(states=states, fingerprint=digest.hexdigest()[:24])


def round_status(*, team_round: Round) -> RoundStatus:
    """One query, whatever the number of members."""
    latest = Response.objects.filter(invitation=OuterRef("pk")).order_by(
        "-result__created", "-result__id"
    )
    invitations = (
        team_round.invitations.select_related("member")
        .annotate(
            answers=Count("responses"),
            latest_result_id=Subquery(latest.values("result_id")[:1], output_field=UUIDField()),
        )
        .order_by("member__name", "pk")
    )
    return RoundStatus(round=team_round, invitations=list(invitations))


def round_results(*, team_round: Round) -> QuerySet[AssessmentResult]:
    """Every result given through the round's invitations (not only the latest of each)."""
    return team_round.assessment.results.filter(invitation_response__invitation__round=team_round)


def round_people(*, team_round: Round) -> list[Person]:
    """Each member's latest result in the round, for its matrix; one query."""
    return people_from_results(round_results(team_round=team_round).order_by("-created", "-id"))
