"""What managers read: every assessment, the team matrix of one, and its CSV export."""

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from assessments.models import Assessment
from assessor.cache import cached_html
from reports.access import manager_required
from reports.export import csv_filename, csv_lines, csv_rows
from reports.forms import MAX_MIN_TOP, CoverageForm
from reports.matrix import DEFAULT_MIN_TOP, assessments_with_counts, results_freshness, team_matrix


@require_safe
@manager_required
def manage_index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/manage_index.html", {"assessments": assessments_with_counts()})


@require_safe
@manager_required
def assessment_matrix(request: HttpRequest, slug: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment.objects.only("name", "slug", "assessment"), slug=slug)
    coverage = CoverageForm(request.GET)
    min_top, refused = coverage.min_top(), bool(coverage.errors)
    content = cached_html(
        # A stored or erased result changes the freshness, so a new key is read at once.
        key=(
            f"matrix:{assessment.pk}:{assessment.fingerprint}:"
            f"{results_freshness(assessment=assessment)}:{min_top}:{refused}"
        ),
        template="reports/matrix_content.html",
        context=lambda: {
            "matrix": team_matrix(assessment=assessment, min_top=min_top),
            "coverage": coverage,
            "default_min_top": DEFAULT_MIN_TOP,
            "max_min_top": MAX_MIN_TOP,
        },
    )
    return render(
        request, "reports/assessment_matrix.html", {"assessment": assessment, "content": content}
    )


@require_safe
@manager_required
def assessment_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    assessment = get_object_or_404(Assessment, slug=slug)
    return StreamingHttpResponse(
        csv_lines(csv_rows(assessment=assessment)),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": content_disposition_header(
                as_attachment=True, filename=csv_filename(assessment=assessment)
            )
        },
    )
