"""Test data shared by the suite: small assessments and results built with model-bakery."""

from datetime import datetime
from typing import Any

from model_bakery import baker

from assessments.models import Assessment
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
        # `created` is set on insert whatever is passed, so a past date needs an update.
        AssessmentResult.objects.filter(pk=result.pk).update(created=created)
        result.created = created
    return result
