"""The managers' view in a team's reports: the shared reviews of a round, per member for the
matrix and averaged per category for the trend.

Only shared reviews count here: a review being written (or changed since its sign-off, which
un-shares it) is a draft the round page shows its managers, not yet the team's view. The
member's own pages follow the same rule (reviews.opinions).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

from django.db.models import Count, Max

from assessments.models import Assessment
from reviews.models import ManagerReview
from teams.models import Reviews, Round, Team


def latest_reviewed_round(*, team: Team, assessment: Assessment) -> Round | None:
    """The team's latest round of this assessment version that asked for the managers' review
    (a cancelled round is gone): the round whose reviews the matrix's manager view shows."""
    return (
        team.rounds.not_cancelled()
        .filter(assessment=assessment)
        .exclude(reviews=Reviews.SELF)
        .order_by("-created", "-pk")
        .first()
    )


def shared_reviews_by_person(*, team_round: Round) -> dict[str, ManagerReview]:
    """The round's shared reviews by their member's person key (results.models.person_key), so
    a matrix row, which is a person's latest result, finds its member's review: one query."""
    shared = ManagerReview.objects.filter(round=team_round, shared_at__isnull=False).select_related(
        "member"
    )
    return {review.member.person_key: review for review in shared}


def reviews_freshness(*, team_round: Round) -> str:
    """Changes whenever a review of the round is written, changed, shared, un-shared or erased:
    how many there are, the latest `updated` (every write sets it, and an edit un-shares) and the
    latest `shared_at` (the sign-off sets it, and it is always the newest); for cache keys."""
    figures = ManagerReview.objects.filter(round=team_round).aggregate(
        count=Count("pk"), updated=Max("updated"), shared=Max("shared_at")
    )
    stamps = [figures["updated"], figures["shared"]]
    return ":".join(
        [str(figures["count"]), *(stamp.isoformat() if stamp else "-" for stamp in stamps)]
    )


@dataclass(frozen=True)
class ManagerAverages:
    """One round's shared reviews, averaged: how many members have one, and per category slug
    the average step (None where none of them rated it on the scale)."""

    reviewed: int
    categories: dict[str, float | None]


def manager_averages(rounds: Iterable[Round]) -> dict[int, ManagerAverages]:
    """Per round id, for the rounds that asked for the managers' review (each with its
    `assessment` loaded): one query whatever the number of rounds."""
    asking = {team_round.pk: team_round for team_round in rounds if team_round.asks_manager}
    ratings_by_round: dict[int, list[dict]] = defaultdict(list)
    shared = ManagerReview.objects.filter(round__in=list(asking), shared_at__isnull=False)
    for round_id, ratings in shared.order_by().values_list("round_id", "ratings"):
        ratings_by_round[round_id].append(ratings)
    averages = {}
    for round_id, team_round in asking.items():
        assessment = team_round.assessment
        reviews = ratings_by_round[round_id]
        categories = {}
        for slug in assessment.category_slugs:
            steps = [step for ratings in reviews if (step := assessment.rating(ratings.get(slug)))]
            categories[slug] = fmean(steps) if steps else None
        averages[round_id] = ManagerAverages(reviewed=len(reviews), categories=categories)
    return averages
