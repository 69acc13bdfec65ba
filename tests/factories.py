"""Test data shared by the suite: small assessments and results built with model-bakery."""

from typing import Any

from model_bakery import baker

from assessments.models import Assessment
from results.models import AssessmentResult

JUMPING_RUNNING = {
    "categories": [["Jumping", "jumping"], ["Running", "running"]],
    "ratings": ["Good", "Better", "Best"],
}


def make_assessment(**kwargs: Any) -> Assessment:
    kwargs.setdefault("assessment", JUMPING_RUNNING)
    return baker.make(Assessment, **kwargs)


def make_result(assessment: Assessment, **kwargs: Any) -> AssessmentResult:
    slugs = [slug for _, slug in assessment.categories]
    kwargs.setdefault("current", dict.fromkeys(slugs, 1))
    kwargs.setdefault("desired", kwargs["current"])
    kwargs.setdefault("assessment_version", assessment.slug)
    return baker.make(AssessmentResult, assessment=assessment, **kwargs)
