"""Results in the admin are read-only: a stored answer is never edited, only deleted (with
Django's confirmation, and an audit event)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from results.erasure import erase_in_admin
from results.models import AssessmentResult


@admin.register(AssessmentResult)
class AssessmentResultAdmin(admin.ModelAdmin):
    list_display = ["name", "assessment_version", "created", "user"]
    list_filter = ["assessment"]
    search_fields = ["name"]
    list_select_related = ["assessment", "user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: AssessmentResult) -> None:
        erase_in_admin(results=AssessmentResult.objects.filter(pk=obj.pk), request=request)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        erase_in_admin(results=queryset, request=request)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Nothing: the admin's history would keep each erased result's name (its str()) for
        ever; erase_in_admin's audit event records the erasure without it."""
