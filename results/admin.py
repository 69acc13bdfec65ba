"""Results in the admin are read-only: a stored answer is never edited."""

from django.contrib import admin
from django.http import HttpRequest

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

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
