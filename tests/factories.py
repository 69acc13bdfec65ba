"""Test data shared by the suite: small assessments, results and users built with model-bakery."""

import itertools
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import Group, User
from django.utils import timezone
from model_bakery import baker

from assessments.models import Assessment
from reports.access import MANAGERS_GROUP
from results.models import AssessmentResult
from teams.models import Invitation, Member, Round, Team, new_token
from teams.rounds import record_invitation_answer

JUMPING_RUNNING = {
    "categories": [["Jumping", "jumping"], ["Running", "running"]],
    "ratings": ["Good", "Better", "Best"],
}
# Enough categories for a radar chart.
TRIATHLON = {
    "categories": [["Swimming", "swimming"], ["Cycling", "cycling"], ["Running", "running"]],
    "ratings": ["Good", "Better", "Best"],
}
JUMPING_RUNNING_CSV_HEADER = [
    *["id", "name", "version", "submitted at"],
    *["Jumping current", "Jumping desired", "Running current", "Running desired"],
]


def make_assessment(**kwargs: Any) -> Assessment:
    kwargs.setdefault("assessment", JUMPING_RUNNING)
    return baker.make(Assessment, **kwargs)


def make_result(
    assessment: Assessment, *, created: datetime | None = None, **kwargs: Any
) -> AssessmentResult:
    slugs = [slug for _, slug in assessment.categories]
    kwargs.setdefault("current", dict.fromkeys(slugs, 1))
    kwargs.setdefault("desired", kwargs["current"])
    kwargs.setdefault("assessment_version", assessment.slug)
    # Blank: saving makes it from the name and the account, as for an answer on the public form.
    kwargs.setdefault("person", "")
    result = baker.make(AssessmentResult, assessment=assessment, **kwargs)
    if created is not None:
        # `created` is auto_now_add, which overrides any value given on insert.
        AssessmentResult.objects.filter(pk=result.pk).update(created=created)
        result.created = created
    return result


def make_user(*, manager: bool = False, **kwargs: Any) -> User:
    user = baker.make(User, **kwargs)
    if manager:
        user.groups.add(Group.objects.get(name=MANAGERS_GROUP))
    return user


# Teams and rounds (issue 12).
TEAM_NUMBERS = itertools.count(1)


def make_team(*, managers: tuple[User, ...] = (), members: int = 0, **kwargs: Any) -> Team:
    kwargs.setdefault("slug", f"team-{next(TEAM_NUMBERS)}")
    team = baker.make(Team, **kwargs)
    team.managers.add(*managers)
    for number in range(members):
        baker.make(Member, team=team, name=f"Member {number}", email=f"member{number}@example.com")
    return team


def make_round(team: Team, assessment: Assessment, **kwargs: Any) -> Round:
    """A round with an invitation for each current member, as starting one makes it."""
    kwargs.setdefault("closes_on", timezone.localdate() + timedelta(days=7))
    round = baker.make(Round, team=team, assessment=assessment, **kwargs)
    for member in Member.current.filter(team=team):
        baker.make(Invitation, round=round, member=member, token=new_token())
    return round


def answer_invitation(invitation: Invitation, **ratings: int) -> AssessmentResult:
    """The member answers through their personal link, with `ratings` by category slug."""
    assessment = invitation.round.assessment
    current = {slug: ratings.get(slug, 1) for slug in assessment.category_slugs}
    return record_invitation_answer(invitation=invitation, current=current, desired=current)
