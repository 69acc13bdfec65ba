"""What second opinions show: the managers' shared review, colleagues' averages above the
anonymity threshold, and how both differ from a member's own ratings.

Colleagues' ratings are only ever read out of here as averages over at least
ASSESSOR_MIN_PEER_REVIEWS reviewers, and their comments without names, sorted by their text:
nothing here returns who reviewed whom.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from statistics import fmean

from django.conf import settings
from django.utils.translation import gettext as _

from assessments.models import Assessment
from charts.radar import RadarChart, Series, radar_chart
from results.models import AssessmentResult
from reviews.models import ManagerReview, PeerReview
from teams.models import Invitation, Member, Round

# A difference of this many steps or more (on the unrounded average) is called out in words.
CALLED_OUT_STEPS = 2.0


@dataclass(frozen=True)
class PeerView:
    """Colleagues' reviews of one member in one round, as anyone may read them: how many
    answered, and only once that is at least `needed`, the averages and comments."""

    count: int
    needed: int
    # Per category slug: the average, or None where fewer than `needed` rated it.
    average: dict[str, float | None] = field(default_factory=dict)
    comments: dict[str, list[str]] = field(default_factory=dict)
    comment: list[str] = field(default_factory=list)
    # When the latest of them was given or changed: with `count`, it names what is shown.
    latest: datetime | None = None

    @property
    def shown(self) -> bool:
        return self.count >= self.needed


def peer_view(*, round: Round, member: Member | int, assessment: Assessment) -> PeerView:
    """The threshold is on the colleagues who answered; each category's average on those who
    rated it (not "not applicable"), so a category that fewer rated shows no average."""
    needed = settings.ASSESSOR_MIN_PEER_REVIEWS
    answered = list(
        PeerReview.objects.filter(round=round, member=member, updated__isnull=False).values_list(
            "ratings", "comments", "comment", "updated"
        )
    )
    latest = max((updated for *_, updated in answered), default=None)
    if len(answered) < needed:
        return PeerView(count=len(answered), needed=needed, latest=latest)
    average, comments = {}, {}
    for slug in assessment.category_slugs:
        steps = [rating for ratings, *_ in answered if (rating := ratings.get(slug)) is not None]
        average[slug] = fmean(steps) if len(steps) >= needed else None
        texts = sorted(text for _, notes, *_ in answered if (text := notes.get(slug)))
        if average[slug] is not None and texts:
            comments[slug] = texts
    overall = sorted(text for _, _, text, _ in answered if text)
    return PeerView(
        count=len(answered),
        needed=needed,
        average=average,
        comments=comments,
        comment=overall,
        latest=latest,
    )


def shared_review(*, round: Round, member: Member | int) -> ManagerReview | None:
    # One at most (one review per member and round), so no first(): its ORDER BY and LIMIT
    # cost a third of this read.
    shared = list(ManagerReview.objects.filter(round=round, member=member, shared_at__isnull=False))
    return shared[0] if shared else None


@dataclass(frozen=True)
class OpinionRow:
    """One category: the result's own rating and each other view with its difference in steps
    (the other view minus one's own)."""

    name: str
    slug: str
    own: int | None
    own_label: str
    manager: int | None = None
    manager_label: str = ""
    manager_difference: float | None = None
    manager_comment: str = ""
    colleagues: float | None = None
    colleagues_difference: float | None = None
    colleague_comments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CalledOut:
    """A category where one's own rating and another view differ by CALLED_OUT_STEPS or more."""

    category: str
    view: str
    difference: float
    slug: str = ""


@dataclass(frozen=True)
class SecondOpinions:
    """The second opinions on the member who gave a result, as the member may read them: the
    managers' review once shared, and colleagues' view (None in a round that does not ask
    colleagues). Read on every view of the result's page, in small queries; compared with the
    result's own ratings only when the section is drawn (compare_opinions)."""

    manager: ManagerReview | None
    peers: PeerView | None

    @property
    def freshness(self) -> str:
        """Names what they show, for the keys of cached sections: storing a review (which
        un-shares it), the sign-off, a colleague's answer or change, and erasing them all
        change it. Short, as cache keys must be."""
        parts = ["manager"]
        if self.manager is not None:
            review = self.manager
            parts += [str(review.pk), stamp(review.updated), stamp(review.shared_at)]
        if self.peers is not None:
            parts += ["peers", str(self.peers.count), str(self.peers.needed)]
            parts.append(stamp(self.peers.latest))
        return hashlib.sha256(" ".join(parts).encode()).hexdigest()[:16]


def stamp(moment: datetime | None) -> str:
    return "-" if moment is None else moment.isoformat()


@dataclass(frozen=True)
class ResultOpinions:
    """The second opinions beside one result, category by category."""

    manager: ManagerReview | None
    peers: PeerView | None
    rows: list[OpinionRow]

    @property
    def blind_spots(self) -> list[CalledOut]:
        """Where one rates oneself higher than others do."""
        return self.called_out(lambda difference: difference <= -CALLED_OUT_STEPS)

    @property
    def hidden_strengths(self) -> list[CalledOut]:
        """Where others rate one higher than one does."""
        return self.called_out(lambda difference: difference >= CALLED_OUT_STEPS)

    def called_out(self, test: Callable[[float], bool]) -> list[CalledOut]:
        found = []
        for row in self.rows:
            for view, difference in [
                (_("Manager"), row.manager_difference),
                (_("Colleagues"), row.colleagues_difference),
            ]:
                if difference is not None and test(difference):
                    found.append(CalledOut(row.name, view, difference, row.slug))
        return found


def difference(other: float | None, own: int | None) -> float | None:
    return None if other is None or own is None else other - own


def invitation_of(result: AssessmentResult) -> Invitation | None:
    """The invitation a result answered, with its round, if it answered one in a round that asks
    for reviews."""
    if result.team_scope is None:
        # Given through the public link: no query, so such a page costs what it always did.
        return None
    try:
        # One at most: a result answers one invitation. get() reads it without the default
        # order (which would join the members); the round's kind is checked below rather than
        # with exclude(): first() and exclude() cost more to compile than the row to read.
        invitation = Invitation.objects.select_related("round").get(responses__result=result)
    except Invitation.DoesNotExist:
        # An answer made again from an invitation's answer keeps its team but answers none.
        return None
    return invitation if invitation.round.asks_manager else None


def second_opinions(*, result: AssessmentResult) -> SecondOpinions | None:
    """None unless the result is its member's answer in a round that asks for reviews."""
    invitation = invitation_of(result)
    if invitation is None:
        return None
    round, member = invitation.round, invitation.member_id
    peers = (
        peer_view(round=round, member=member, assessment=result.assessment)
        if round.asks_peers
        else None
    )
    return SecondOpinions(manager=shared_review(round=round, member=member), peers=peers)


def compare_opinions(*, result: AssessmentResult, opinions: SecondOpinions) -> ResultOpinions:
    """Each category's own rating beside the managers' and colleagues' views."""
    assessment = result.assessment
    manager, peers = opinions.manager, opinions.peers
    rows = []
    for row in result.category_ratings():
        other = {}
        if manager is not None:
            step = assessment.rating(manager.ratings.get(row.slug))
            other.update(
                manager=step,
                manager_label=assessment.rating_label(step) or "",
                manager_difference=difference(step, row.current),
                manager_comment=manager.comments.get(row.slug, ""),
            )
        if peers is not None and peers.shown:
            average = peers.average.get(row.slug)
            other.update(
                colleagues=average,
                colleagues_difference=difference(average, row.current),
                colleague_comments=peers.comments.get(row.slug, []),
            )
        rows.append(
            OpinionRow(
                name=row.name,
                slug=row.slug,
                own=row.current,
                own_label=row.current_label or "",
                **other,
            )
        )
    return ResultOpinions(manager=manager, peers=peers, rows=rows)


def result_opinions(*, result: AssessmentResult) -> ResultOpinions | None:
    """None unless the result is its member's answer in a round that asks for reviews. The
    managers' review appears once shared, colleagues' averages once enough have answered."""
    opinions = second_opinions(result=result)
    return None if opinions is None else compare_opinions(result=result, opinions=opinions)


def reviews_document(opinions: ResultOpinions) -> dict:
    """The JSON's `reviews` key (the README gives its shape)."""
    manager = opinions.manager
    peers = opinions.peers
    return {
        "manager": None
        if manager is None
        else {
            "categories": {row.slug: row.manager for row in opinions.rows},
            "comments": dict(manager.comments),
            "comment": manager.comment,
        },
        "peers": None
        if peers is None or not peers.shown
        else {
            "count": peers.count,
            "average": peers.average,
            "comments": peers.comments,
            "comment": peers.comment,
        },
    }


def opinions_chart(*, opinions: ResultOpinions, assessment: Assessment) -> RadarChart | None:
    """One's own ratings with the managers' (once shared) and colleagues' (once enough
    answered), each series with its own marker."""
    rows = opinions.rows
    series = [Series(name=_("Self"), values={row.slug: row.own for row in rows})]
    if opinions.manager is not None:
        series.append(
            Series(
                name=_("Manager"), values={row.slug: row.manager for row in rows}, style="dashed"
            )
        )
    if opinions.peers is not None and opinions.peers.shown:
        series.append(
            Series(
                name=_("Colleagues"),
                values={row.slug: row.colleagues for row in rows},
                style="dotted",
            )
        )
    if len(series) == 1:
        return None
    return radar_chart(categories=assessment.categories, ratings=assessment.ratings, series=series)
