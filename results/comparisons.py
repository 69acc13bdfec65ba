"""Change over time: which results may be compared, and what changed between two of them."""

from dataclasses import dataclass
from typing import Literal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from assessments.versions import name_family_ids
from results.models import AssessmentResult

# Managers may compare anyone's results; everyone else only their own.
VIEW_ANY_RESULT = "results.view_assessmentresult"

ChangeStatus = Literal["up", "down", "unchanged", "added", "removed", "unrated"]


@dataclass(frozen=True)
class CategoryChange:
    """One category's row in a comparison; `steps` counts rating steps moved, up or down."""

    name: str
    slug: str
    earlier: str
    later: str
    status: ChangeStatus
    steps: int = 0

    @property
    def summary(self) -> str:
        if self.status in ("up", "down"):
            plural = "" if self.steps == 1 else "s"
            return f"{self.status.capitalize()} {self.steps} step{plural}"
        return {
            "unchanged": "Unchanged",
            "added": "Added",
            "removed": "Removed",
            "unrated": "Not rated in both",
        }[self.status]


def earlier_results(*, result: AssessmentResult) -> list[AssessmentResult]:
    """The same person's results stored before this one, in its name family, newest first."""
    family = name_family_ids(assessment_id=result.assessment_id)
    return list(
        AssessmentResult.objects.filter(
            person=result.person, assessment_id__in=family, created__lt=result.created
        )
        .only("pk", "assessment_version", "created")
        .order_by("-created")
    )


def may_compare(
    *,
    viewer: AbstractBaseUser | AnonymousUser,
    first: AssessmentResult,
    second: AssessmentResult,
) -> bool:
    """Two different results of one name family, of the same person unless a manager asks."""
    if first.pk == second.pk:
        return False
    if first.person != second.person and not viewer.has_perm(VIEW_ANY_RESULT):
        return False
    return second.assessment_id in name_family_ids(assessment_id=first.assessment_id)


def category_changes(*, earlier: AssessmentResult, later: AssessmentResult) -> list[CategoryChange]:
    """Per category, the move in current rating: the later version's categories, then removed."""
    later_slugs = {slug for _, slug in later.assessment.categories}
    earlier_slugs = {slug for _, slug in earlier.assessment.categories}
    changes = [
        category_change(name, slug, earlier=earlier, later=later, in_earlier=slug in earlier_slugs)
        for name, slug in later.assessment.categories
    ]
    changes.extend(
        CategoryChange(
            name=name,
            slug=slug,
            earlier=earlier.assessment.rating_label(earlier.current.get(slug)),
            later="—",
            status="removed",
        )
        for name, slug in earlier.assessment.categories
        if slug not in later_slugs
    )
    return changes


def category_change(
    name: str, slug: str, *, earlier: AssessmentResult, later: AssessmentResult, in_earlier: bool
) -> CategoryChange:
    before, after = earlier.current.get(slug), later.current.get(slug)
    row = {
        "name": name,
        "slug": slug,
        "earlier": earlier.assessment.rating_label(before) if in_earlier else "—",
        "later": later.assessment.rating_label(after),
    }
    if not in_earlier:
        return CategoryChange(**row, status="added")
    if not (isinstance(before, int) and isinstance(after, int)):
        return CategoryChange(**row, status="unrated")
    if after == before:
        return CategoryChange(**row, status="unchanged")
    direction = "up" if after > before else "down"
    return CategoryChange(**row, status=direction, steps=abs(after - before))
