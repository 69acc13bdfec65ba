"""What a round's page shows of its reviews: per member, whether they answered, the managers'
review (written, shared), colleagues answered of asked, and self and manager side by side."""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings

from results.models import AssessmentResult, newest_first_order
from reviews.models import ManagerReview, PeerReview
from reviews.opinions import peer_view
from teams.models import Member, Response, Round


@dataclass(frozen=True)
class CategoryPair:
    name: str
    own_label: str
    manager_label: str


@dataclass(frozen=True)
class MemberReviews:
    member: Member
    answered: bool
    review: ManagerReview | None
    peers_asked: int
    peers_answered: int
    needed: int
    pairs: list[CategoryPair]

    @property
    def peers_shown(self) -> bool:
        return self.peers_answered >= self.needed

    @property
    def peers_awaited(self) -> bool:
        """Some colleague asked has not answered yet: the round's Remind reaches them too."""
        return self.peers_answered < self.peers_asked


def latest_answers(*, round: Round) -> dict[int, AssessmentResult]:
    """Each invitation's latest result in the round (the one that counts), by invitation id: one
    query for the whole round, read newest first so each invitation's first is its latest."""
    latest: dict[int, AssessmentResult] = {}
    responses = (
        Response.objects.filter(invitation__round=round)
        .select_related("result")
        .order_by(*newest_first_order(through="result__"))
    )
    for response in responses:
        latest.setdefault(response.invitation_id, response.result)
    return latest


def round_reviews(*, round: Round) -> list[MemberReviews]:
    """Every invited member, in name order. Colleagues are counted, never named. A constant
    number of queries however many members the round has."""
    assessment = round.assessment
    reviews = {
        review.member_id: review
        for review in ManagerReview.objects.filter(round=round).select_related("written_by")
    }
    asked, answered = Counter(), Counter()
    for member_id, updated in PeerReview.objects.filter(round=round).values_list(
        "member_id", "updated"
    ):
        asked[member_id] += 1
        answered[member_id] += updated is not None
    answers = latest_answers(round=round)
    states = []
    invitations = round.invitations.select_related("member").order_by("member__name", "pk")
    for invitation in invitations:
        member = invitation.member
        result = answers.get(invitation.pk)
        review = reviews.get(member.pk)
        pairs = []
        for name, slug in assessment.categories:
            own = assessment.rating(result.current.get(slug)) if result else None
            other = assessment.rating(review.ratings.get(slug)) if review else None
            pairs.append(
                CategoryPair(
                    name=name,
                    own_label=assessment.rating_label(own) or "",
                    manager_label=assessment.rating_label(other) or "",
                )
            )
        states.append(
            MemberReviews(
                member=member,
                answered=result is not None,
                review=review,
                peers_asked=asked[member.pk],
                peers_answered=answered[member.pk],
                needed=settings.ASSESSOR_MIN_PEER_REVIEWS,
                pairs=pairs,
            )
        )
    return states


def review_columns(*, round: Round) -> tuple[list[str], dict[object, list[object]]]:
    """The round CSV's extra columns: `manager_<slug>` (the current review, shared or not, as a
    step) and `colleagues_<slug>` (the average to 2 decimals, empty below the threshold), and
    the cells of each result of the round by its id. Nothing for a round without reviews."""
    if not round.asks_manager:
        return [], {}
    assessment = round.assessment
    slugs = assessment.category_slugs
    header = [f"manager_{slug}" for slug in slugs]
    if round.asks_peers:
        header += [f"colleagues_{slug}" for slug in slugs]
    reviews = {review.member_id: review for review in ManagerReview.objects.filter(round=round)}
    members = dict(
        Response.objects.filter(invitation__round=round)
        .order_by()
        .values_list("result_id", "invitation__member")
    )
    cells_of_member: dict[int, list[object]] = {}
    for member_id in set(members.values()):
        review = reviews.get(member_id)
        cells: list[object] = [
            (assessment.rating(review.ratings.get(slug)) if review else None) or ""
            for slug in slugs
        ]
        if round.asks_peers:
            peers = peer_view(round=round, member=member_id, assessment=assessment)
            cells += [
                "" if (average := peers.average.get(slug)) is None else f"{average:.2f}"
                for slug in slugs
            ]
        cells_of_member[member_id] = cells
    return header, {result_id: cells_of_member[member] for result_id, member in members.items()}
