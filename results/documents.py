"""A stored result as people read it: the results page's chart and table, and the JSON download."""

from typing import Any

from django.utils.translation import gettext

from assessments.models import Assessment
from charts.radar import RadarChart, Series, radar_chart
from results.models import AssessmentResult, CategoryRating
from results.scoring import targets_met


def result_chart(
    *, assessment: Assessment, rows: list[CategoryRating], with_targets: bool = False
) -> RadarChart | None:
    series = [
        Series(name=gettext("Current"), values={row.slug: row.current for row in rows}),
        Series(
            name=gettext("Desired"), values={row.slug: row.desired for row in rows}, style="dashed"
        ),
    ]
    if with_targets:
        targets = {row.slug: row.target.target if row.target else None for row in rows}
        series.append(Series(name=gettext("Target"), values=targets, style="dotted"))
    return radar_chart(categories=assessment.categories, ratings=assessment.ratings, series=series)


def result_content(*, result: AssessmentResult) -> dict[str, Any]:
    """What the results page shows of the result itself: the chart and the table."""
    rows = result.category_ratings()
    role = result.compared_role
    met, counted = targets_met(row.target for row in rows)
    return {
        "result": result,
        "rows": rows,
        "role": role,
        "targets_met": met,
        "targets_counted": counted,
        "chart": result_chart(
            assessment=result.assessment, rows=rows, with_targets=role is not None
        ),
    }


def result_document(*, result: AssessmentResult) -> dict[str, Any]:
    """The result as the JSON download gives it; the README lists every key. Keys for "not
    applicable" and roles appear only where the definition has them, so a result of the
    original shape reads exactly as it always did. Names and labels are as the definition
    stores them: a plain text stays a string, texts per language stay an object of them, so
    the document reads the same whatever language it was downloaded in."""
    assessment = result.assessment
    offers_not_applicable = assessment.offers_not_applicable
    has_roles = bool(assessment.roles)
    stored_names = {slug: name for name, slug in assessment.stored_categories}
    labels = assessment.stored_ratings

    def stored_label(rating: int | None) -> Any:
        return None if rating is None else labels[rating - 1]

    categories = []
    for row in result.category_ratings():
        category = {
            "name": stored_names[row.slug],
            "slug": row.slug,
            "current": row.current,
            "current_label": stored_label(row.current),
            "desired": row.desired,
            "desired_label": stored_label(row.desired),
            "levelup": row.levelup,
        }
        if offers_not_applicable:
            category["not_applicable"] = row.not_applicable
        if has_roles:
            category["target"] = row.target.target if row.target else None
            category["target_met"] = row.target.met if row.target and row.target.counts else None
        categories.append(category)
    document = {
        "id": str(result.pk),
        "assessment_name": assessment.stored_name,
        "assessment_version": result.assessment_version,
        "name": result.name,
        "submitted_at": result.created.isoformat(),
        "ratings": labels,
        "categories": categories,
    }
    if has_roles:
        role = result.compared_role
        stored_role_names = {entry["slug"]: entry["name"] for entry in assessment.stored_roles}
        document["role"] = (
            None
            if role is None
            else {
                "slug": role.slug,
                "name": stored_role_names.get(role.slug, role.name),
                "targets": dict(role.targets),
            }
        )
    return document
