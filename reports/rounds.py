"""What a round's page reads: who was invited, who answered (and their latest result in the
round), and the round's matrix over those latest results."""

import hashlib
from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery, UUIDField

from reports.matrix import Person, people_from_results
from results.models import AssessmentResult
from teams.models import Delivery, Invitation, Member, Response, Round


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
    def undelivered(self) -> list[Invitation]:
        return [
            invitation for invitation in self.invitations if invitation.delivery == Delivery.FAILED
        ]

    @property
    def response_rate(self) -> int | None:
        """Per cent of the invited who answered, rounded; None when nobody was invited."""
        if not self.invitations:
            return None
        return round(100 * len(self.answered) / len(self.invitations))

    def fingerprint(self) -> str:
        """Names everything the page shows of the invitations, for the cache key of its text."""
        shown = [
            (
                invitation.pk,
                invitation.delivery,
                invitation.reminded_at,
                invitation.answers,
                invitation.latest_result_id,
                invitation.member.name,
                invitation.member.email,
                invitation.member.user_id,
                invitation.member.removed_at,
            )
            for invitation in self.invitations
        ]
        return hashlib.sha256(repr(shown).encode()).hexdigest()[:24]


def round_status(*, round: Round) -> RoundStatus:
    """One query, whatever the number of members."""
    latest = Response.objects.filter(invitation=OuterRef("pk")).order_by(
        "-result__created", "-result__id"
    )
    invitations = (
        round.invitations.select_related("member")
        .annotate(
            answers=Count("responses"),
            latest_result_id=Subquery(latest.values("result_id")[:1], output_field=UUIDField()),
        )
        .order_by("member__name", "pk")
    )
    return RoundStatus(round=round, invitations=list(invitations))


def round_results(*, round: Round) -> QuerySet[AssessmentResult]:
    """Every result given through the round's invitations (not only the latest of each)."""
    return round.assessment.results.filter(invitation_response__invitation__round=round)


def round_people(*, round: Round) -> list[Person]:
    """Each member's latest result in the round, for its matrix; one query."""
    return people_from_results(round_results(round=round).order_by("-created", "-id"))
