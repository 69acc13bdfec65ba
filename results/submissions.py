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
) -> AssessmentResult:
    """Store one answer; one INSERT, so it is saved whole or not at all. None is "not
    applicable"; `role` is the slug of the role the respondent compares with, or empty.

    `person` is who the answer belongs to when the caller knows better than the name and the
    account (an invitation's member); by default person_key() of the two.
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
    )
