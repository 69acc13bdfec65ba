"""What the result pages, the team matrix and the JSON download show, built apart from the views.

Stored results never change, so a result's page content is cached under its id; the matrix is
cached under its results' count and latest date, so a new result shows at once.
"""

from typing import Any

from django.utils.safestring import SafeString

from assessments.models import Assessment
from assessor.fragments import cached_fragment
from results.chart import Series, radar_chart
from results.comparisons import category_changes, earlier_results
from results.forms import MAX_MIN_TOP, CoverageForm
from results.lookups import results_freshness
from results.matrix import DEFAULT_MIN_TOP, team_matrix
from results.models import AssessmentResult


def result_content(*, result: AssessmentResult) -> SafeString:
    """The results page's content, rendered once per result (and assessment wording)."""
    return cached_fragment(
        key=f"result:{result.pk}:{result.assessment.fingerprint}",
        template="results/result_content.html",
        context=lambda: result_page(result=result),
    )


def matrix_content(*, assessment: Assessment, coverage: CoverageForm) -> SafeString:
    """The matrix page's content, cached until a result is stored or the assessment changes."""
    min_top, refused = coverage.min_top(), bool(coverage.errors)
    freshness = results_freshness(assessment_id=assessment.pk)
    return cached_fragment(
        key=f"matrix:{assessment.pk}:{assessment.fingerprint}:{freshness}:{min_top}:{refused}",
        template="results/matrix_content.html",
        context=lambda: {
            "matrix": team_matrix(assessment=assessment, min_top=min_top),
            "coverage": coverage,
            "default_min_top": DEFAULT_MIN_TOP,
            "max_min_top": MAX_MIN_TOP,
        },
    )


def result_page(*, result: AssessmentResult) -> dict[str, Any]:
    """The results page: the table, the chart of current and desired, earlier results."""
    assessment = result.assessment
    return {
        "result": result,
        "rows": result.category_rows(),
        "chart": radar_chart(
            categories=assessment.categories,
            ratings=assessment.ratings,
            series=[
                Series(name="Current", values=result.current, style="solid"),
                Series(name="Desired", values=result.desired, style="dashed"),
            ],
        ),
        "earlier_results": earlier_results(result=result),
    }


def comparison_page(*, earlier: AssessmentResult, later: AssessmentResult) -> dict[str, Any]:
    """The comparison page: both current ratings over the categories they share, and changes."""
    earlier_slugs = {slug for _, slug in earlier.assessment.categories}
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
                Series(name="Earlier", values=earlier.current, style="dashed"),
                Series(name="Later", values=later.current, style="solid"),
            ],
        ),
    }


def scale_label(assessment: Assessment, value: int | None) -> str | None:
    """A rating's label; an unrated category is null in JSON rather than the page's dash."""
    return None if value is None else assessment.rating_label(value)


def result_document(*, result: AssessmentResult) -> dict[str, Any]:
    """The result as the JSON download gives it; the README lists every key."""
    assessment = result.assessment
    rows = []
    for name, slug in assessment.categories:
        current, desired = result.current.get(slug), result.desired.get(slug)
        rows.append(
            {
                "name": name,
                "slug": slug,
                "current": current,
                "current_label": scale_label(assessment, current),
                "desired": desired,
                "desired_label": scale_label(assessment, desired),
                "levelup": result.wants_levelup(slug),
            }
        )
    return {
        "id": str(result.pk),
        "assessment_name": assessment.name,
        "assessment_version": result.assessment_version,
        "name": result.name,
        "submitted_at": result.created.isoformat(),
        "ratings": assessment.ratings,
        "categories": rows,
    }
