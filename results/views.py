"""Answering an assessment and reading one's answers: the form, a result, its JSON, comparisons,
and the results of one's own account."""

import hashlib
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from assessments.drafts import may_open
from assessments.models import Assessment
from assessments.versions import latest_version
from limits.rates import take_a_submission_turn
from pages.cache import cached_html
from results.comparisons import comparison_page_context
from results.documents import result_content
from results.erasure import erase_result
from results.forms import (
    AnswerForm,
    DisplayNameForm,
    VersionForm,
    earlier_answers,
    named_answer,
)
from results.models import AssessmentResult
from results.submissions import record_answer_again, record_result
from results.visibility import earlier_results, may_answer_again, may_compare

ANSWER_PAGE = "results/answer_page.html"
FORM_FIELDS = "results/answer_fields.html"
ANSWER_FORM = "results/answer_form.html"
ANSWER_AGAIN_PAGE = "results/answer_again.html"
results_with_assessment = AssessmentResult.objects.select_related("assessment")


def assessment_for_version(request: HttpRequest, params: QueryDict) -> Assessment:
    """The assessment the link names; a draft is a 404 to whoever may not see drafts, as if it
    were not there."""
    version = VersionForm(params)
    if not version.is_valid():
        raise Http404("No assessment was asked for.")
    fields = ("name", "slug", "assessment", "draft")
    assessment = get_object_or_404(Assessment.objects.only(*fields), slug=version.cleaned_data["v"])
    if not may_open(assessment, request.user):
        raise Http404("No assessment of that version.")
    return assessment


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = AnswerForm(assessment=assessment_for_version(request, request.GET))
        return render(request, ANSWER_PAGE, answer_page_context(form))
    form = AnswerForm(request.POST, assessment=assessment_for_version(request, request.POST))
    if not form.is_valid():
        return render(request, ANSWER_PAGE, answer_page_context(form), status=400)
    # Past ASSESSOR_SUBMIT_RATE this raises RateLimited: a 429 page, and nothing stored.
    take_a_submission_turn(request)
    current, desired = form.current_and_desired()
    result = record_result(
        assessment=form.assessment,
        name=form.cleaned_data["name"],
        current=current,
        desired=desired,
        user=request.user,
        role=form.role,
    )
    return redirect(result)


def answer_page_context(form: AnswerForm, *, action: str = "", fixed_name: str = "") -> dict:
    """The answer page's context: the contract's keys and the form's pieces. `action` is where
    the form posts, the public form's address unless a caller answers through another;
    `fixed_name` is the name answered under when it is not typed (a personal link, again)."""
    assessment = form.assessment
    return {
        "form": form,
        "form_action": action or reverse("results:answer"),
        "fixed_name": fixed_name,
        "form_fields_html": form_fields_html(form, name_typed=not fixed_name),
        "assessment_name": assessment.name_in_language,
        "assessment_description": assessment.description,
        "assessment_version": assessment.slug,
        "categories": assessment.categories,
        "ratings": assessment.ratings,
        "wide_category": assessment.wide_category,
        "roles": assessment.roles,
        "assessment_draft": assessment.draft,
    }


def preview_markup(request: HttpRequest, assessment: Assessment) -> SafeString:
    """The answer form exactly as respondents will see it, for an assessment the builder has not
    saved."""
    form = AnswerForm(assessment=assessment)
    return mark_safe(render_to_string(ANSWER_FORM, answer_page_context(form), request=request))


def form_fields_html(form: AnswerForm, *, name_typed: bool) -> SafeString:
    """The form's fields (the hidden version, the name unless it is fixed, the role, the radio
    groups and level-up boxes) and its button: the same for every blank form of an assessment,
    so rendered once; a refused answer shows what was typed and its errors, and a form that
    starts from an earlier answer shows that answer, so neither is cached. The CSRF token and a
    fixed name are the visitor's, so they stay outside (results/answer_form.html)."""
    assessment = form.assessment

    def context() -> dict:
        return {
            "form": form,
            "name_typed": name_typed,
            "roles": assessment.roles,
            "rows": form.category_rows(),
            "ratings": assessment.ratings,
            "contents": form.group_contents(),
        }

    if form.is_bound or form.is_prefilled or assessment.pk is None:
        # An unsaved assessment (the builder's preview) has nothing stable to key it by.
        return render_to_string(FORM_FIELDS, context())
    name = "typed" if name_typed else "fixed"
    return cached_html(
        key=f"answer-fields:{assessment.pk}:{assessment.fingerprint}:{name}",
        template=FORM_FIELDS,
        context=context,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def answer_again(request: HttpRequest, pk: UUID) -> HttpResponse:
    """The latest version's form, starting from this result's answers, under its name: the way to
    see change over time without an account. The new result continues this one's chain."""
    earlier = get_object_or_404(results_with_assessment, pk=pk)
    if not may_answer_again(viewer=request.user, result=earlier):
        return render(request, "results/answer_again_refused.html", status=403)
    assessment = latest_version(earlier.assessment)
    action = reverse("results:again", kwargs={"pk": earlier.pk})
    if request.method != "POST":
        form = AnswerForm(
            assessment=assessment, initial=earlier_answers(earlier, assessment=assessment)
        )
        return render(request, ANSWER_AGAIN_PAGE, answer_again_page_context(form, earlier, action))
    form = AnswerForm(named_answer(request.POST, name=earlier.name), assessment=assessment)
    if not form.is_valid():
        return render(
            request, ANSWER_AGAIN_PAGE, answer_again_page_context(form, earlier, action), status=400
        )
    # Past ASSESSOR_SUBMIT_RATE this raises RateLimited: a 429 page, and nothing stored.
    take_a_submission_turn(request)
    current, desired = form.current_and_desired()
    result = record_answer_again(
        earlier=earlier, assessment=assessment, current=current, desired=desired, role=form.role
    )
    return redirect(result)


def answer_again_page_context(form: AnswerForm, earlier: AssessmentResult, action: str) -> dict:
    return {
        **answer_page_context(form, action=action, fixed_name=earlier.name),
        "earlier": earlier,
    }


def result_page(request: HttpRequest, pk: UUID) -> dict:
    """The result page's context: the result and its content (chart, table, earlier results).
    The page itself is served by the reviews app, which adds the second opinions it holds."""
    # The ratings are read only when the content is not cached yet.
    result = get_object_or_404(results_with_assessment.defer("current", "desired"), pk=pk)
    # Read on every view: an earlier result can be stored or erased at any time, and what is
    # offered depends on who reads (the owner's account sees all of its results).
    earlier = earlier_results(viewer=request.user, result=result)
    content = cached_html(
        key=f"result:{result.pk}:{result.assessment.fingerprint}:{ids_digest(earlier)}",
        template="results/result_content.html",
        context=lambda: {**result_content(result=result), "earlier_results": earlier},
    )
    return {"result": result, "content": content}


def ids_digest(results: list[AssessmentResult]) -> str:
    """Short, and different for every set of results."""
    return hashlib.sha256(",".join(str(result.pk) for result in results).encode()).hexdigest()[:16]


@require_http_methods(["GET", "HEAD", "POST"])
def result_delete(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Whoever holds a result's address may erase it: GET asks, POST (only the CSRF token) does."""
    result = get_object_or_404(
        AssessmentResult.objects.select_related("assessment").only(
            "name", "assessment_version", "created", "previous", "assessment__name"
        ),
        pk=pk,
    )
    if request.method != "POST":
        return render(request, "results/result_delete.html", {"result": result})
    erase_result(result=result, request=request)
    messages.success(request, _("The result was erased. Its address now leads nowhere."))
    return redirect("assessments:list")


@require_safe
def result_compare(request: HttpRequest, pk: UUID, other_pk: UUID) -> HttpResponse:
    # One query for both; the page always shows them oldest first, whatever the URL's order.
    pair = sorted(results_with_assessment.filter(pk__in=[pk, other_pk]), key=lambda r: r.created)
    if len(pair) != 2 or not may_compare(viewer=request.user, first=pair[0], second=pair[1]):
        raise Http404("There is no comparison of these two results.")
    earlier, later = pair
    return render(
        request,
        "results/result_compare.html",
        comparison_page_context(earlier=earlier, later=later),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    name_form = DisplayNameForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if name_form.is_bound and name_form.is_valid():
        name_form.save()
        messages.success(request, _("Your name is saved."))
        return redirect("results:profile")
    results = request.user.assessment_results.select_related("assessment").newest_first()
    context = {"results": results, "name_form": name_form}
    status = 400 if name_form.is_bound else 200
    return render(request, "results/profile.html", context, status=status)
