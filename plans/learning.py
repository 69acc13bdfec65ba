"""Where to learn: the definition's resources for the categories a person means to grow in."""

from collections.abc import Iterable
from dataclasses import dataclass

from assessments.definition import Resource
from results.models import CategoryRating


@dataclass(frozen=True)
class LearningCategory:
    name: str
    slug: str
    resources: tuple[Resource, ...]


def learning_categories(
    *,
    rows: list[CategoryRating],
    resources: dict[str, tuple[Resource, ...]],
    also: Iterable[str] = (),
) -> list[LearningCategory]:
    """The categories with resources where the person wants to level up, is short of the
    compared role's target, or is named in `also` (the reviews' blind spots), in the
    definition's order."""
    also = set(also)
    return [
        LearningCategory(name=row.name, slug=row.slug, resources=resources[row.slug])
        for row in rows
        if resources.get(row.slug)
        and (
            row.levelup
            or (row.target and row.target.counts and not row.target.met)
            or row.slug in also
        )
    ]
