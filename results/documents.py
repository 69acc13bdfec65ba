"""A stored result as people read it: the results page's chart and table, and the JSON download."""

from typing import Any

from assessments.models import Assessment
from charts.radar import RadarChart, Series, radar_chart
from results.models import AssessmentResult, CategoryRating


def result_chart(*, assessment: Assessment, rows: list[CategoryRating]) -> RadarChart | None:
    return radar_chart(
        categories=assessment.categories,
        ratings=assessment.ratings,
        series=[
            Series(name="Current", values={row.slug: row.current for row in rows}),
            Series(name="Desired", values={row.slug: row.desired for row in rows}, style="dashed"),
        ],
    )


def result_content(*, result: AssessmentResult) -> dict[str, Any]:
    """What the results page shows of the result itself: the chart and the table."""
    rows = result.category_ratings()
    return {
        "result": result,
        "rows": rows,
        "chart": result_chart(assessment=result.assessment, rows=rows),
    }


def result_document(*, result: AssessmentResult) -> dict[str, Any]:
    """The result as the JSON download gives it; the README lists every key."""
    return {
        "id": str(result.pk),
        "assessment_name": result.assessment.name,
        "assessment_version": result.assessment_version,
        "name": result.name,
        "submitted_at": result.created.isoformat(),
        "ratings": result.assessment.ratings,
        "categories": [
            {
                "name": row.name,
                "slug": row.slug,
                "current": row.current,
                "current_label": row.current_label,
                "desired": row.desired,
                "desired_label": row.desired_label,
                "levelup": row.levelup,
            }
            for row in result.category_ratings()
        ],
    }
