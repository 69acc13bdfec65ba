"""Pages that read stored results."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from results.models import AssessmentResult


@require_safe
def result_detail(request: HttpRequest, pk) -> HttpResponse:
    result = get_object_or_404(AssessmentResult.objects.select_related("assessment"), pk=pk)
    return render(
        request, "results/result_detail.html", {"result": result, "rows": result.category_rows()}
    )
