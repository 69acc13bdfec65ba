"""The list of assessments people can answer."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.models import Assessment


@require_safe
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = Assessment.objects.published().only("name", "slug", "assessment", "created")
    return render(request, "assessments/assessment_list.html", {"assessments": assessments})
