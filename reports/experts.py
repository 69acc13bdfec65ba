"""Who knows X: the people in a manager's scope whose latest result rates them at or above a
step of the scale in one category, most skilled first."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import F, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from assessments.models import Assessment
from reports.selection import MatrixFilters, StoredRating, selected_latest_results, stale_before
from reports.sources import sources_of
from results.models import AssessmentResult
from results.visibility import Viewer

EXPERTS_PER_PAGE = 100
# Read from the database a chunk at a time for the CSV.
CSV_CHUNK = 1000


def experts(
    *, viewer: Viewer, assessment: Assessment, category: str, at_least: int
) -> QuerySet[AssessmentResult]:
    """The latest result of each person rated `at_least` or higher in `category`, highest rating
    first, then by name: the matrix's selection with its category filter, reordered."""
    filters = MatrixFilters(category=category, at_least=at_least)
    rating = StoredRating("current", category, top=assessment.top_rating)
    return (
        selected_latest_results(viewer=viewer, assessment=assessment, filters=filters)
        .annotate(rating=rating)
        .order_by(F("rating").desc(), Lower("name"), "person", "pk")
    )


@dataclass(frozen=True)
class Expert:
    """One line of the list, ready to print."""

    result: AssessmentResult
    teams: str
    rating: int
    rating_label: str
    wants_levelup: bool
    stale: bool

    @property
    def name(self) -> str:
        return self.result.name

    @property
    def answered(self) -> datetime:
        return self.result.created


def expert_lines(
    *, viewer: Viewer, assessment: Assessment, category: str, results: Sequence[AssessmentResult]
) -> list[Expert]:
    """The lines for `results` (a page, or a chunk of the CSV): two queries for their teams."""
    sources = sources_of(viewer=viewer, results=results)
    stale_from = stale_before()
    return [
        Expert(
            result=result,
            teams=sources[result.pk],
            rating=result.rating,
            rating_label=assessment.rating_label(result.rating) or "",
            wants_levelup=result.wants_levelup(category),
            stale=result.created < stale_from,
        )
        for result in results
    ]


def experts_csv_rows(
    *, viewer: Viewer, assessment: Assessment, category: str, results: QuerySet[AssessmentResult]
) -> Iterator[list[Any]]:
    """The header, then one row per expert, in the page's order, read in chunks."""
    yield ["name", "teams", "rating", "rating label", "wants to level up", "answered", "stale"]
    chunk: list[AssessmentResult] = []
    for result in results.iterator(chunk_size=CSV_CHUNK):
        chunk.append(result)
        if len(chunk) == CSV_CHUNK:
            yield from csv_lines_of(viewer, assessment, category, chunk)
            chunk = []
    yield from csv_lines_of(viewer, assessment, category, chunk)


def csv_lines_of(viewer, assessment, category, chunk) -> Iterator[list[Any]]:
    if not chunk:
        return
    for expert in expert_lines(
        viewer=viewer, assessment=assessment, category=category, results=chunk
    ):
        yield [
            expert.name,
            expert.teams,
            expert.rating,
            expert.rating_label,
            "yes" if expert.wants_levelup else "no",
            timezone.localtime(expert.answered).isoformat(timespec="seconds"),
            "stale" if expert.stale else "",
        ]
