"""Storing a submitted assessment."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from assessments.models import Assessment
from results.models import AssessmentResult


def record_result(
    *,
    assessment: Assessment,
    name: str,
    current: dict[str, int | None],
    desired: dict[str, int | None],
    user: AbstractBaseUser | AnonymousUser | None = None,
    role: str = "",
    person: str | None = None,
    previous: AssessmentResult | None = None,
    team_scope: int | None = None,
) -> AssessmentResult:
    """Store one answer; one INSERT, so it is saved whole or not at all. None is "not
    applicable"; `role` is the slug of the role the respondent compares with, or empty.

    `person` is who the answer belongs to when the caller knows better than the name and the
    account (an invitation's member); by default person_key() of the two. `previous` is the
    result this one continues (its chain, results/visibility.py), `team_scope` the team whose
    managers read it (None: the public link).
    """
    return AssessmentResult.objects.create(
        assessment=assessment,
        assessment_version=assessment.slug,
        name=name,
        current=current,
        desired=desired,
        user=user if user is not None and user.is_authenticated else None,
        role=role,
        person=person or "",
        previous=previous,
        team_scope=team_scope,
    )


def record_answer_again(
    *,
    earlier: AssessmentResult,
    assessment: Assessment,
    current: dict[str, int | None],
    desired: dict[str, int | None],
    role: str = "",
) -> AssessmentResult:
    """An answer made again from `earlier`'s page: it keeps that result's name, belongs to whoever
    that result belongs to (its account, its member, or nobody), stays in its managers' scope,
    and continues its chain."""
    return record_result(
        assessment=assessment,
        name=earlier.name,
        current=current,
        desired=desired,
        user=earlier.user,
        role=role,
        person=earlier.person,
        previous=earlier,
        team_scope=earlier.team_scope,
    )
