"""A result's page and its JSON, with the second opinions of the round it answered and the plan
the result carries.

The results app composes what it knows of a result; this app, above it and above plans, adds
the reviews and the plan (plans/result_sections.py), so results imports nothing of either and
plans nothing of reviews: the blind spots reach the plan's resources from here. Who may open
the page is the result's address, as always (results/visibility.py); the reviews show only
where their result shows, and only once shared or past the anonymity threshold
(reviews/opinions.py).
"""

from uuid import UUID

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from pages.cache import cached_html
from plans.result_sections import add_plan, plan_context
from results.documents import result_document
from results.models import AssessmentResult
from results.views import result_page
from reviews.opinions import (
    SecondOpinions,
    compare_opinions,
    opinions_chart,
    result_opinions,
    reviews_document,
    second_opinions,
)


@require_safe
def result_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    context = result_page(request, pk)
    result = context["result"]
    # Read on every view: a review can be written, shared, un-shared or erased at any time.
    opinions = second_opinions(result=result)
    if opinions is not None:
        context["opinions_html"] = opinions_html(result=result, opinions=opinions)

    def blind_spots() -> list[str]:
        if opinions is None:
            return []
        compared = compare_opinions(result=result, opinions=opinions)
        return [spot.slug for spot in compared.blind_spots]

    context.update(plan_context(result=result, viewer=request.user, blind_spots=blind_spots))
    return render(request, "reviews/result_detail.html", context)


def opinions_html(*, result: AssessmentResult, opinions: SecondOpinions) -> SafeString:
    """The section of second opinions (chart, table, called-out categories, comments), drawn
    once for everything it shows: the result as stored, its assessment, and the reviews as the
    member may read them. Who may open it is the result's page's own rule, asked before."""

    def context() -> dict:
        compared = compare_opinions(result=result, opinions=opinions)
        chart = opinions_chart(opinions=compared, assessment=result.assessment)
        return {"opinions": compared, "opinions_chart": chart}

    return cached_html(
        key=(
            f"opinions:{result.pk}:{result.updated.isoformat()}:"
            f"{result.assessment.fingerprint}:{opinions.freshness}"
        ),
        template="reviews/result_opinions.html",
        context=context,
    )


@require_safe
def result_json(request: HttpRequest, pk: UUID) -> JsonResponse:
    result = get_object_or_404(AssessmentResult.objects.select_related("assessment"), pk=pk)
    document = result_document(result=result)
    # Only for rounds that asked for reviews: any other result's JSON is exactly as it was.
    opinions = result_opinions(result=result)
    if opinions is not None:
        document["reviews"] = reviews_document(opinions)
    # Only when the result carries a plan: a result without one reads exactly as it did.
    add_plan(document, result=result, viewer=request.user)
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})
