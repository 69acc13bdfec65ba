"""Test data shared by the suite: small assessments, results and users built with model-bakery."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import Group, User
from model_bakery import baker

from assessments.models import Assessment
from reports.access import MANAGERS_GROUP
from results.models import AssessmentResult

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
