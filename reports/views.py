"""What managers read: every assessment, the team matrix of one, and its CSV export; each read
of people's results is in the audit trail. And a manager's erasure of one person's results."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from assessments.models import Assessment
from assessor.cache import cached_html
from audit.events import record_event
from audit.models import AuditEvent
from reports.access import manager_required
from reports.export import csv_filename, csv_lines, csv_rows
from reports.forms import MAX_MIN_TOP, CoverageForm
from reports.matrix import DEFAULT_MIN_TOP, assessments_with_counts, results_freshness, team_matrix
from results.erasure import erase_person, results_of_person
from results.models import AssessmentResult


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
    record_event(action=AuditEvent.Action.MATRIX_READ, request=request, assessment=slug)
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
    record_event(action=AuditEvent.Action.CSV_EXPORTED, request=request, assessment=slug)
    return StreamingHttpResponse(
        csv_lines(csv_rows(assessment=assessment)),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": content_disposition_header(
                as_attachment=True, filename=csv_filename(assessment=assessment)
            )
        },
    )


@require_safe
@manager_required
def manager_result(request: HttpRequest, pk: UUID) -> HttpResponse:
    """A result opened from a manager page: recorded, then the result's own page."""
    result = get_object_or_404(AssessmentResult.objects.only("assessment_version"), pk=pk)
    record_event(
        action=AuditEvent.Action.RESULT_OPENED,
        request=request,
        assessment=result.assessment_version,
        result=result.pk,
    )
    return redirect(result)


@require_http_methods(["GET", "HEAD", "POST"])
@manager_required
def erase_person_results(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Every result of the person who gave this one, in its name family: GET asks, POST erases."""
    result = get_object_or_404(AssessmentResult.objects.select_related("assessment"), pk=pk)
    if request.method != "POST":
        count = results_of_person(result=result).count()
        return render(request, "reports/erase_person.html", {"result": result, "count": count})
    erased = erase_person(result=result, request=request)
    messages.success(
        request,
        ngettext(
            "%(count)d result of %(name)s was erased.",
            "%(count)d results of %(name)s were erased.",
            erased,
        )
        % {"count": erased, "name": result.name},
    )
    return redirect("manage:matrix", slug=result.assessment.slug)
