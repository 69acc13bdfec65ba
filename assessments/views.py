"""Pages for answering assessments: the list and the answer form."""

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from assessments.forms import AssessmentForm, VersionForm
from assessments.models import Assessment
from results.submissions import record_result


@require_safe
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = Assessment.objects.only("name", "slug", "created")
    return render(request, "assessments/assessment_list.html", {"assessments": assessments})


def assessment_for_version(params: QueryDict) -> Assessment:
    version = VersionForm(params)
    if not version.is_valid():
        raise Http404("No assessment was asked for.")
    return get_object_or_404(Assessment, slug=version.cleaned_data["v"])


@require_http_methods(["GET", "HEAD", "POST"])
def assessment_form(request: HttpRequest) -> HttpResponse:
    is_post = request.method == "POST"
    assessment = assessment_for_version(request.POST if is_post else request.GET)
    form = AssessmentForm(request.POST if is_post else None, assessment=assessment)
    if form.is_valid():
        current, desired = form.current_and_desired()
        result = record_result(
            assessment=assessment,
            name=form.cleaned_data["name"],
            current=current,
            desired=desired,
            user=request.user,
        )
        return redirect(result)
    context = {
        "form": form,
        "rows": form.category_rows(),
        "assessment_name": assessment.name,
        "assessment_version": assessment.slug,
        "categories": assessment.categories,
        "ratings": assessment.ratings,
        "wide_category": assessment.wide_category,
    }
    return render(
        request, "assessments/assessment_form.html", context, status=400 if is_post else 200
    )
