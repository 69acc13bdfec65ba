"""The builder's pages: write a new assessment, edit one nobody has answered yet, download one."""

import json
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.drafts import CHANGE_ASSESSMENT, publish
from assessments.models import Assessment
from builder.forms import Builder, loader_format, new_version_of
from builder.json_import import ImportForm
from builder.limits import reads_builder_posts
from results.views import preview_markup

ADD_PERMISSION = "assessments.add_assessment"
CHANGE_PERMISSION = CHANGE_ASSESSMENT
BUILDER_PAGE = "builder/builder.html"
ANSWERED_PAGE = "builder/answered.html"


def builder_permission(permission: str) -> Callable:
    """Anonymous visitors are sent to sign in; signed-in people without the permission get 403."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        return login_required(permission_required(permission, raise_exception=True)(view))

    return decorate


@reads_builder_posts
@builder_permission(ADD_PERMISSION)
@require_http_methods(["GET", "HEAD", "POST"])
def new_assessment(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and "import" in request.POST:
        return import_definition(request)
    if request.method == "POST":
        return handle_builder_post(request, Builder.bound(request.POST))
    original_slug = request.GET.get("from")
    if original_slug:
        original = get_object_or_404(Assessment, slug=original_slug)
        builder = Builder.starting_from(new_version_of(original), based_on=original)
    else:
        builder = Builder.starting_from({})
    return render(request, BUILDER_PAGE, builder_page_context(builder))


@reads_builder_posts
@builder_permission(CHANGE_PERMISSION)
@require_http_methods(["GET", "HEAD", "POST"])
def edit_assessment(request: HttpRequest, slug: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment, slug=slug)
    if assessment.results.exists():
        # Answers point at the definition, so it is frozen; a new version can change it.
        status = 400 if request.method == "POST" else 200
        return render(request, ANSWERED_PAGE, {"assessment": assessment}, status=status)
    if request.method == "POST":
        return handle_builder_post(request, Builder.bound(request.POST, editing=assessment))
    builder = Builder.starting_from(loader_format(assessment), editing=assessment)
    return render(request, BUILDER_PAGE, builder_page_context(builder))


@builder_permission(CHANGE_PERMISSION)
@require_safe
def download_assessment(request: HttpRequest, slug: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment, slug=slug)
    text = json.dumps(loader_format(assessment), indent=2, ensure_ascii=False) + "\n"
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{assessment.slug}.json"'
    return response


@builder_permission(CHANGE_PERMISSION)
@require_POST
def publish_assessment(request: HttpRequest, slug: str) -> HttpResponse:
    """A checked draft goes public: on the home page, its link open to anyone."""
    assessment = get_object_or_404(Assessment.objects.only("name", "slug", "draft"), slug=slug)
    if publish(assessment=assessment, request=request):
        messages.success(
            request,
            _("Published “%(name)s”: it is on the home page and anyone with its link can answer.")
            % {"name": assessment.name},
        )
    return redirect(assessment.get_absolute_url())


def handle_builder_post(request: HttpRequest, builder: Builder) -> HttpResponse:
    """One posted builder: more rows, or checked and then previewed or saved."""
    action = request.POST.get("action")
    if action == "more":
        return render(request, BUILDER_PAGE, builder_page_context(builder.with_more_rows()))
    if not builder.is_valid():
        return render(request, BUILDER_PAGE, builder_page_context(builder), status=400)
    if action == "preview":
        preview = preview_markup(request, builder.unsaved_assessment())
        return render(request, BUILDER_PAGE, builder_page_context(builder, preview=preview))
    assessment = builder.save()
    if assessment.draft:
        saved = _("Saved “%(name)s” as a draft: check its form, then publish it.")
    else:
        saved = _("Saved “%(name)s”.")
    messages.success(request, saved % {"name": assessment.name})
    return redirect("builder:edit", slug=assessment.slug)


def import_definition(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        context = builder_page_context(Builder.starting_from({}), import_form=form)
        return render(request, BUILDER_PAGE, context, status=400)
    builder = Builder.starting_from(form.cleaned_data["definition_file"])
    return render(request, BUILDER_PAGE, builder_page_context(builder))


def builder_page_context(
    builder: Builder, *, import_form: ImportForm | None = None, preview: SafeString | None = None
) -> dict:
    return {
        "builder": builder,
        "editing": builder.editing,
        "import_form": import_form or ImportForm(),
        "preview": preview,
    }
