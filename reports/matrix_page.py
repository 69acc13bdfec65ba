"""One page of an assessment's matrix: 100 people of those the filters select, with where each
answer came from and how old it is, under summaries over everyone selected (reports.summaries).
"""

from collections.abc import Sequence

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.timesince import timesince

from assessments.models import Assessment
from reports.matrix import (
    DEFAULT_MIN_TOP,
    MatrixRow,
    Person,
    TeamMatrix,
    coverage_gaps,
    matrix_rows,
    mentor_matches,
    people_from_results,
    rating_scale,
    rows_in_managers_view,
    team_chart,
    top_ratings,
)
from reports.selection import (
    EVERYONE,
    MatrixFilters,
    selected_latest_results,
    stale_before,
)
from reports.sources import sources_of
from reports.summaries import count_selection
from results.models import AssessmentResult
from results.visibility import Viewer, managed_results
from reviews.manager_view import shared_reviews_by_person
from teams.models import Round

PEOPLE_PER_PAGE = 100
# Up to this many people selected, the mentors table names them all (reading them costs as
# much as a page); past it, it counts them and links to the experts list of each category.
MENTOR_NAMES_UP_TO = 200


def people_on_page(
    *, viewer: Viewer, assessment: Assessment, results: Sequence[AssessmentResult]
) -> list[Person]:
    """The page's results as people, each with how many earlier results they have in the
    viewer's scope: one query for the page, whatever the number of people selected."""
    scope = assessment.results.filter(managed_results(viewer))
    counts = dict(
        scope.filter(person__in=[result.person for result in results])
        .order_by()
        .values_list("person")
        .annotate(count=Count("pk"))
    )
    return [
        Person(key=result.person, result=result, earlier=counts.get(result.person, 1) - 1)
        for result in results
    ]


def with_sources_and_age(
    rows: list[MatrixRow], *, sources: dict[str, str], now=None
) -> list[MatrixRow]:
    """Each row with its source, how old its result is, and whether that is stale."""
    now = now or timezone.now()
    stale_from = stale_before(now=now)
    return [
        MatrixRow(
            person=row.person,
            cells=row.cells,
            role=row.role,
            source=sources[row.person.result.pk],
            age=timesince(row.person.result.created, now, depth=1),
            stale=row.person.result.created < stale_from,
        )
        for row in rows
    ]


def matrix_page(
    *,
    viewer: Viewer,
    assessment: Assessment,
    filters: MatrixFilters = EVERYONE,
    page_number: int = 1,
    min_top: int = DEFAULT_MIN_TOP,
    review_round: Round | None = None,
) -> TeamMatrix:
    """The page's people and everything summarised over all the filters select; with a
    `review_round`, the rows in the managers' view of that round (the summaries stay over the
    self-ratings). A page past the last raises django.core.paginator.EmptyPage."""
    selected = selected_latest_results(viewer=viewer, assessment=assessment, filters=filters)
    figures = count_selection(assessment=assessment, results=selected)
    page = paged(selected, number=page_number, count=figures.people)
    people = people_on_page(viewer=viewer, assessment=assessment, results=list(page.object_list))
    rows = with_sources_and_age(
        matrix_rows(assessment=assessment, people=people),
        sources=sources_of(viewer=viewer, results=[person.result for person in people]),
    )
    if review_round is not None:
        reviews = shared_reviews_by_person(team_round=review_round)
        rows = rows_in_managers_view(
            rows,
            assessment=assessment,
            reviews={key: review.ratings for key, review in reviews.items()},
        )
    summaries = figures.summaries
    scale = rating_scale(assessment=assessment)
    tops = top_ratings(assessment=assessment)
    mentors = None
    if figures.people <= MENTOR_NAMES_UP_TO:
        everyone = people_from_results(selected.newest_first())
        mentors = mentor_matches(assessment=assessment, people=everyone)
    return TeamMatrix(
        assessment=assessment,
        people=people,
        scale=scale,
        top_labels=[step.label for step in scale if step.value in tops],
        rows=rows,
        summaries=summaries,
        gaps=coverage_gaps(summaries=summaries, min_top=min_top),
        mentor_matches=mentors,
        min_top=min_top,
        chart=team_chart(assessment=assessment, summaries=summaries),
        has_roles=bool(assessment.roles),
        offers_not_applicable=assessment.offers_not_applicable,
        page=page,
        selected=figures.people,
        stale=figures.stale,
        expert_rating=min(tops),
        review_round=review_round,
    )


def paged(results: QuerySet[AssessmentResult], *, number: int, count: int) -> Page:
    """Django's paginator over the selection, told the count already read."""
    paginator = Paginator(results, PEOPLE_PER_PAGE, allow_empty_first_page=True)
    # Paginator.count is a cached property: the figures' query has counted them.
    paginator.count = count
    return paginator.page(number)
