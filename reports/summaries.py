"""The matrix's summaries over everyone its filters select, counted in the database.

Each person's latest result is a row with two JSON objects (current and desired ratings by
category). The database unnests them and counts each (category, current, desired) pair that
occurs; Python then reads those few counts by the one rating rule (rating_on_scale) into the
same CategorySummary that reports.matrix.category_summaries makes from people in memory. The
work in Python grows with categories and the scale, never with people.
"""

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet

from assessments.definition import rating_on_scale
from assessments.models import Assessment
from reports.matrix import CategorySummary, top_ratings
from reports.selection import stale_before
from results.models import AssessmentResult

# What each database calls a JSON null and a JSON whole number, and how it unnests an object.
SQLITE_PAIRS = """
SELECT c.key, c.type, c.value, d.type, d.value, COUNT(*)
FROM ({results}) AS r, json_each(r."current") AS c
LEFT JOIN json_each(r."desired") AS d ON d.key = c.key
GROUP BY 1, 2, 3, 4, 5
"""
SQLITE_DESIRED = """
SELECT d.key, d.type, d.value, COUNT(*)
FROM ({results}) AS r, json_each(r."desired") AS d
GROUP BY 1, 2, 3
"""
# jsonb_each refuses anything but an object: a stored non-object counts as no answers.
POSTGRES_OBJECT = "(CASE WHEN jsonb_typeof({column}) = 'object' THEN {column} ELSE '{{}}' END)"
# jsonb looks a key up without parsing again: each current rating beside the desired one.
POSTGRES_PAIRS = """
SELECT c.key, jsonb_typeof(c.value), c.value::text,
  jsonb_typeof({desired} -> c.key), ({desired} -> c.key)::text, COUNT(*)
FROM ({results}) AS r
CROSS JOIN LATERAL jsonb_each({current}) AS c
GROUP BY 1, 2, 3, 4, 5
"""
POSTGRES_DESIRED = """
SELECT d.key, jsonb_typeof(d.value), d.value::text, COUNT(*)
FROM ({results}) AS r CROSS JOIN LATERAL jsonb_each({desired}) AS d
GROUP BY 1, 2, 3
"""


@dataclass(frozen=True)
class SelectionFigures:
    """How many people the filters select, and how many of their latest results are stale."""

    people: int
    stale: int


def selection_figures(*, results: QuerySet[AssessmentResult]) -> SelectionFigures:
    figures = results.order_by().aggregate(
        people=Count("pk"), stale=Count("pk", filter=Q(created__lt=stale_before()))
    )
    return SelectionFigures(people=figures["people"], stale=figures["stale"])


def stored_value(kind: str | None, value: Any) -> Any:
    """A JSON value as Python reads it, from its database type and its value (SQLite hands
    numbers over as numbers, PostgreSQL as JSON text)."""
    if kind is None:
        return None
    if connection.vendor == "postgresql":
        return json.loads(value)
    # SQLite: json_each's value is the SQL value; true/false come as 1/0, which are no ratings.
    return value if kind in ("integer", "real") else f"<{kind}>"


def counted_pairs(results: QuerySet[AssessmentResult]) -> tuple[list[tuple], list[tuple]]:
    """(category, current type, current value, desired type, desired value, people) for each
    pair that occurs, and (category, desired type, desired value, people)."""
    sql, params = results.order_by().values("current", "desired").query.sql_with_params()
    if connection.vendor == "postgresql":
        current = POSTGRES_OBJECT.format(column='r."current"')
        desired = POSTGRES_OBJECT.format(column='r."desired"')
        pairs = POSTGRES_PAIRS.format(results=sql, current=current, desired=desired)
        wishes = POSTGRES_DESIRED.format(results=sql, desired=desired)
    else:
        pairs = SQLITE_PAIRS.format(results=sql)
        wishes = SQLITE_DESIRED.format(results=sql)
    with connection.cursor() as cursor:
        cursor.execute(pairs, params)
        pair_rows = cursor.fetchall()
        cursor.execute(wishes, params)
        wish_rows = cursor.fetchall()
    return pair_rows, wish_rows


def summaries_in_database(
    *, assessment: Assessment, results: QuerySet[AssessmentResult]
) -> list[CategorySummary]:
    """Per category, over the latest results `results` selects: what category_summaries gives
    for the same people, in two queries whatever their number."""
    top = assessment.top_rating
    tops = top_ratings(assessment=assessment)
    slugs = set(assessment.category_slugs)
    distribution: dict[str, Counter[int]] = {slug: Counter() for slug in slugs}
    levelups: Counter[str] = Counter()
    not_applicable: Counter[str] = Counter()
    wished: dict[str, Counter[int]] = {slug: Counter() for slug in slugs}
    pair_rows, wish_rows = counted_pairs(results)
    for slug, current_kind, current, desired_kind, desired, people in pair_rows:
        if slug not in slugs:
            continue
        if current_kind == "null":
            # Answered "not applicable": null in the JSON, as results.scoring.is_not_applicable.
            not_applicable[slug] += people
        rating = rating_on_scale(stored_value(current_kind, current), top=top)
        if rating is None:
            continue
        distribution[slug][rating] += people
        wish = rating_on_scale(stored_value(desired_kind, desired), top=top)
        if wish is not None and wish > rating:
            levelups[slug] += people
    for slug, kind, value, people in wish_rows:
        if slug in slugs and (wish := rating_on_scale(stored_value(kind, value), top=top)):
            wished[slug][wish] += people
    return [
        CategorySummary(
            name=name,
            slug=slug,
            average=average(distribution[slug]),
            desired_average=average(wished[slug]),
            distribution=[distribution[slug][value] for value in range(1, top + 1)],
            levelups=levelups[slug],
            top_holders=sum(distribution[slug][value] for value in tops),
            not_applicable=not_applicable[slug],
        )
        for name, slug in assessment.categories
    ]


def average(counts: Counter[int]) -> float | None:
    people = sum(counts.values())
    return sum(value * number for value, number in counts.items()) / people if people else None
