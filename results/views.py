"""Pages that read stored results: one result, a comparison of two, and the JSON download."""

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from results.comparisons import may_compare
from results.models import AssessmentResult
from results.pages import comparison_page, result_document, result_page

with_assessment = AssessmentResult.objects.select_related("assessment")


@require_safe
def result_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    result = get_object_or_404(with_assessment, pk=pk)
    return render(request, "results/result_detail.html", result_page(result=result))


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
