"""The matrix's summaries over everyone its filters select, counted in the database in one query.

Each person's latest result holds two JSON objects, current and desired ratings by category.
The database reads each category's two stored answers once per person as JSON text (`->`), and
counts them: a rating of the scale is exactly the text of a whole number from 1 to the top
("3", never "3.0", "\\"3\\"" or "true": assessments.definition's rating_on_scale), "not
applicable" is the text "null". Python reads the few counts into the CategorySummary that
reports.matrix.category_summaries makes from people in memory, so the work in Python grows with
categories and the scale, never with people. (SQLite's `->` needs SQLite 3.38.)
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, IntegerField, QuerySet, Value, When

from assessments.models import Assessment
from reports.matrix import CategorySummary, top_ratings
from reports.selection import json_path, stale_before
from results.models import AssessmentResult


@dataclass(frozen=True)
class SelectionCounts:
    """How many people the filters select, how many of their latest results are stale, and the
    summaries per category."""

    people: int
    stale: int
    summaries: list[CategorySummary]


def stored_answer(column: str, slug: str) -> tuple[str, list[str]]:
    """SQL for the JSON text of one stored answer (NULL when the key is missing), and its
    parameter."""
    if connection.vendor == "postgresql":
        return f'(r."{column}" -> %s)::text', [slug]
    return f'(r."{column}" -> %s)', [json_path(slug)]


def counting_query(
    *, assessment: Assessment, results: QuerySet[AssessmentResult]
) -> tuple[str, list]:
    """One statement: each person's answers read once (a materialised CTE), then per category
    "not applicable", each current rating, each desired rating and the wishes to level up."""
    stale = Case(
        When(created__lt=stale_before(), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = results.order_by().annotate(stale=stale).values("stale", "current", "desired")
    rows_sql, rows_params = rows.query.sql_with_params()
    columns, column_params = [], []
    for index, slug in enumerate(assessment.category_slugs):
        for column, alias in (("current", f"c{index}"), ("desired", f"d{index}")):
            sql, params = stored_answer(column, slug)
            columns.append(f"{sql} AS {alias}")
            column_params += params
    ratings = [str(value) for value in range(1, assessment.top_rating + 1)]
    on_scale = ", ".join(f"'{rating}'" for rating in ratings)
    counts = ["COUNT(*)", "COUNT(*) FILTER (WHERE stale = 1)"]
    for index in range(len(assessment.category_slugs)):
        current, desired = f"c{index}", f"d{index}"
        counts.append(f"COUNT(*) FILTER (WHERE {current} = 'null')")
        counts += [f"COUNT(*) FILTER (WHERE {current} = '{rating}')" for rating in ratings]
        counts += [f"COUNT(*) FILTER (WHERE {desired} = '{rating}')" for rating in ratings]
        # Two ratings of the scale compare as numbers by length, then text: no cast, which
        # PostgreSQL might try on text that is no number before it looked at the rest.
        counts.append(
            f"COUNT(*) FILTER (WHERE {current} IN ({on_scale}) AND {desired} IN ({on_scale}) "
            f"AND (LENGTH({desired}) > LENGTH({current}) "
            f"OR (LENGTH({desired}) = LENGTH({current}) AND {desired} > {current})))"
        )
    statement = (
        f"WITH answers AS MATERIALIZED (SELECT r.stale, {', '.join(columns)} "
        f"FROM ({rows_sql}) AS r) SELECT {', '.join(counts)} FROM answers"
    )
    return statement, [*column_params, *rows_params]


def count_selection(
    *, assessment: Assessment, results: QuerySet[AssessmentResult]
) -> SelectionCounts:
    """Over the latest results `results` selects: what category_summaries gives for the same
    people, with how many they are and how many are stale, in one query whatever their number."""
    statement, params = counting_query(assessment=assessment, results=results)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        figures = iter(cursor.fetchone())
    people, stale = next(figures) or 0, next(figures) or 0
    top = assessment.top_rating
    tops = top_ratings(assessment=assessment)
    summaries = []
    for name, slug in assessment.categories:
        not_applicable = next(figures) or 0
        distribution = [next(figures) or 0 for _ in range(top)]
        wished = [next(figures) or 0 for _ in range(top)]
        levelups = next(figures) or 0
        summaries.append(
            CategorySummary(
                name=name,
                slug=slug,
                average=average(distribution),
                desired_average=average(wished),
                distribution=distribution,
                levelups=levelups,
                top_holders=sum(distribution[value - 1] for value in tops),
                not_applicable=not_applicable,
            )
        )
    return SelectionCounts(people=people, stale=stale, summaries=summaries)


def summaries_in_database(
    *, assessment: Assessment, results: QuerySet[AssessmentResult]
) -> list[CategorySummary]:
    return count_selection(assessment=assessment, results=results).summaries


def average(counts: list[int]) -> float | None:
    """The mean rating, from how many people hold each (counts[0] for 1)."""
    people = sum(counts)
    return (
        sum(value * number for value, number in enumerate(counts, 1)) / people if people else None
    )
