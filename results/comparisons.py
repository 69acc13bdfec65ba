"""Change over time: what changed between two results (who may compare them: visibility.py)."""

from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext, ngettext

from charts.radar import Series, radar_chart
from results.models import AssessmentResult
from results.scoring import is_not_applicable

ChangeStatus = Literal["up", "down", "unchanged", "added", "removed", "unrated"]


@dataclass(frozen=True)
class CategoryChange:
    """One category's row in a comparison; `steps` counts rating steps moved, up or down."""

    name: str
    slug: str
    # Labels; None where that result has no rating in the category.
    earlier: str | None
    later: str | None
    status: ChangeStatus
    steps: int = 0

    @property
    def summary(self) -> str:
        if self.status == "up":
            return ngettext("Up %(steps)d step", "Up %(steps)d steps", self.steps) % {
                "steps": self.steps
            }
        if self.status == "down":
            return ngettext("Down %(steps)d step", "Down %(steps)d steps", self.steps) % {
                "steps": self.steps
            }
        return {
            "unchanged": gettext("Unchanged"),
            "added": gettext("Added"),
            "removed": gettext("Removed"),
            "unrated": gettext("Not rated in both"),
        }[self.status]


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
            earlier=current_label(earlier, slug),
            later=None,
            status="removed",
        )
        for name, slug in earlier.assessment.categories
        if slug not in later_slugs
    )
    return changes


def category_change(
    name: str, slug: str, *, earlier: AssessmentResult, later: AssessmentResult, in_earlier: bool
) -> CategoryChange:
    before = earlier.assessment.rating(earlier.current.get(slug))
    after = later.assessment.rating(later.current.get(slug))
    row = {
        "name": name,
        "slug": slug,
        "earlier": current_label(earlier, slug) if in_earlier else None,
        "later": current_label(later, slug),
    }
    if not in_earlier:
        return CategoryChange(**row, status="added")
    if before is None or after is None:
        return CategoryChange(**row, status="unrated")
    if after == before:
        return CategoryChange(**row, status="unchanged")
    direction = "up" if after > before else "down"
    return CategoryChange(**row, status=direction, steps=abs(after - before))


def current_label(result: AssessmentResult, slug: str) -> str | None:
    """The current rating's label, or "Not applicable" where that was the answer (the chart has
    a gap there, and the table says why); None where the category was not rated."""
    if is_not_applicable(result.current, slug):
        return gettext("Not applicable")
    return result.assessment.rating_label(result.current.get(slug))


def comparison_page_context(
    *, earlier: AssessmentResult, later: AssessmentResult
) -> dict[str, Any]:
    """The comparison page: both current ratings over the categories they share, and changes."""
    earlier_slugs = set(earlier.assessment.category_slugs)
    shared = [pair for pair in later.assessment.categories if pair[1] in earlier_slugs]
    changes = category_changes(earlier=earlier, later=later)
    return {
        "earlier": earlier,
        "later": later,
        "changes": changes,
        "categories_differ": any(change.status in ("added", "removed") for change in changes),
        "chart": radar_chart(
            categories=shared,
            ratings=later.assessment.ratings,
            series=[
                Series(name=gettext("Earlier"), values=ratings_of(earlier), style="dashed"),
                Series(name=gettext("Later"), values=ratings_of(later)),
            ],
        ),
    }


def ratings_of(result: AssessmentResult) -> dict[str, int | None]:
    return {row.slug: row.current for row in result.category_ratings()}
