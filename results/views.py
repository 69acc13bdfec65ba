"""Pages that read stored results: one result, comparisons, downloads, your own, the team's."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from assessments.lookups import assessment_by_slug_or_404
from assessments.models import Assessment
from assessor.fragments import shared_page
from results.access import manager_required
from results.comparisons import may_compare
from results.export import csv_filename, csv_lines, csv_rows
from results.forms import CoverageForm
from results.lookups import assessment_of_result_or_404
from results.matrix import assessments_with_counts
from results.models import AssessmentResult
from results.pages import (
    comparison_page,
    matrix_content,
    result_content,
    result_document,
)

with_assessment = AssessmentResult.objects.select_related("assessment")


@require_safe
def result_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    assessment = assessment_of_result_or_404(pk)
    return shared_page(
        request,
        key=f"result:{pk}:{assessment.fingerprint}",
        template="results/result_detail.html",
        context=lambda: result_detail_context(pk=pk, assessment=assessment),
    )


def result_detail_context(*, pk: UUID, assessment: Assessment) -> dict:
    result = get_object_or_404(AssessmentResult, pk=pk)
    result.assessment = assessment
    return {"result": result, "content": result_content(result=result)}


@require_safe
def result_json(request: HttpRequest, pk: UUID) -> JsonResponse:
    result = get_object_or_404(with_assessment, pk=pk)
    return JsonResponse(result_document(result=result), json_dumps_params={"ensure_ascii": False})


@require_safe
def result_compare(request: HttpRequest, pk: UUID, other_pk: UUID) -> HttpResponse:
    # One query for both; the page always shows them oldest first, whatever the URL's order.
    pair = sorted(with_assessment.filter(pk__in=[pk, other_pk]), key=lambda r: r.created)
    if len(pair) != 2 or not may_compare(viewer=request.user, first=pair[0], second=pair[1]):
        raise Http404("There is no comparison of these two results.")
    earlier, later = pair
    return render(
        request, "results/result_compare.html", comparison_page(earlier=earlier, later=later)
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
    assessment = assessment_by_slug_or_404(slug)
    content = matrix_content(assessment=assessment, coverage=CoverageForm(request.GET))
    return render(
        request, "results/assessment_matrix.html", {"assessment": assessment, "content": content}
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
