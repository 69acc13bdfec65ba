"""Pages that read stored results: one result, your own results, and the manager pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from assessments.models import Assessment
from results.access import manager_required
from results.export import csv_filename, csv_lines, csv_rows
from results.forms import MAX_MIN_TOP, CoverageForm
from results.matrix import DEFAULT_MIN_TOP, assessments_with_counts, team_matrix
from results.models import AssessmentResult


@require_safe
def result_detail(request: HttpRequest, pk) -> HttpResponse:
    result = get_object_or_404(AssessmentResult.objects.select_related("assessment"), pk=pk)
    return render(
        request, "results/result_detail.html", {"result": result, "rows": result.category_rows()}
    )


@require_safe
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    results = request.user.assessment_results.select_related("assessment").order_by(
        "-created", "-id"
    )
    return render(request, "results/profile.html", {"results": results})


@require_safe
@manager_required
def manage_index(request: HttpRequest) -> HttpResponse:
    return render(request, "results/manage_index.html", {"assessments": assessments_with_counts()})


@require_safe
@manager_required
def assessment_matrix(request: HttpRequest, slug: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment, slug=slug)
    coverage = CoverageForm(request.GET)
    context = {
        "matrix": team_matrix(assessment=assessment, min_top=coverage.min_top()),
        "coverage": coverage,
        "default_min_top": DEFAULT_MIN_TOP,
        "max_min_top": MAX_MIN_TOP,
    }
    return render(request, "results/assessment_matrix.html", context)


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
