"""Pages for answering assessments: the list and the answer form."""

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from assessments.form_markup import blank_form_markup, bound_form_markup
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
    if request.method != "POST":
        assessment = assessment_for_version(request.GET)
        return render_form_page(request, assessment, blank_form_markup(request, assessment))
    assessment = assessment_for_version(request.POST)
    form = AssessmentForm(request.POST, assessment=assessment)
    if not form.is_valid():
        markup = bound_form_markup(request, form)
        return render_form_page(request, assessment, markup, status=400)
    current, desired = form.current_and_desired()
    result = record_result(
        assessment=assessment,
        name=form.cleaned_data["name"],
        current=current,
        desired=desired,
        user=request.user,
    )
    return redirect(result)


def render_form_page(
    request: HttpRequest, assessment: Assessment, form_markup: str, status: int = 200
) -> HttpResponse:
    context = {
        "form_markup": form_markup,
        "assessment_name": assessment.name,
        "assessment_version": assessment.slug,
        "categories": assessment.categories,
        "ratings": assessment.ratings,
        "wide_category": assessment.wide_category,
    }
    return render(request, "assessments/assessment_form.html", context, status=status)
