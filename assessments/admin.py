"""Admin for assessments: validated definitions, frozen once answered, and new versions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments.definition import validate_assessment_slug, validate_one_line_name
from assessments.drafts import record_publication
from assessments.models import Assessment
from assessments.versions import save_as_new_version


class NewVersionForm(forms.Form):
    name = forms.CharField(max_length=200, validators=[validate_one_line_name])
    slug = forms.SlugField(
        help_text=_("The new version's address: /assessment/?v=<slug>. It must be unused."),
        validators=[validate_assessment_slug],
    )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if Assessment.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("An assessment with this slug already exists."))
        return slug


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "draft", "result_count", "created"]
    list_filter = ["draft"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["based_on", "created"]
    change_form_template = "admin/assessments/assessment/change_form.html"

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(result_count=Count("results"))

    @admin.display(description=_("Results"), ordering="result_count")
    def result_count(self, assessment: Assessment) -> int:
        return assessment.result_count

    def get_readonly_fields(self, request: HttpRequest, obj: Assessment | None = None):
        # Names given per language live in the definition; `name` follows them (see clean()).
        named_in_definition = ["name"] if obj is not None and "name" in obj.assessment else []
        if obj is not None and obj.results.exists():
            return [*named_in_definition, "slug", "assessment", *self.readonly_fields]
        return [*named_in_definition, *self.readonly_fields]

    def get_prepopulated_fields(self, request: HttpRequest, obj: Assessment | None = None):
        return {} if obj is not None else self.prepopulated_fields

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        # Like the builder's: a new assessment is a draft until someone has checked it.
        return {"draft": True, **super().get_changeform_initial_data(request)}

    def save_model(self, request: HttpRequest, obj: Assessment, form, change: bool) -> None:
        published = change and "draft" in form.changed_data and not obj.draft
        super().save_model(request, obj, form, change)
        if published:
            record_publication(assessment=obj, request=request)

    def get_urls(self):
        new_version = self.admin_site.admin_view(self.new_version_view)
        return [
            path("<int:pk>/new-version/", new_version, name="assessments_assessment_new_version"),
            *super().get_urls(),
        ]

    def new_version_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        original = get_object_or_404(Assessment, pk=pk)
        form = NewVersionForm(
            request.POST or None, initial={"name": original.name, "slug": f"{original.slug}-2"}
        )
        if request.method == "POST" and form.is_valid():
            copy = save_as_new_version(original, **form.cleaned_data)
            self.message_user(
                request,
                gettext("Saved %(copy)s as a new version.") % {"copy": copy},
                messages.SUCCESS,
            )
            return redirect(reverse("admin:assessments_assessment_change", args=[copy.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Save “%(name)s” as a new version") % {"name": original.name},
            "original": original,
            "form": form,
            "opts": self.model._meta,
        }
        return render(request, "admin/assessments/assessment/new_version.html", context)
