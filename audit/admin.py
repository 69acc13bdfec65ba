"""The audit trail in the admin: superusers read and filter it; nobody adds, edits or deletes."""

from django.contrib import admin
from django.http import HttpRequest

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = [
        "created",
        "action",
        "actor_name",
        "assessment",
        "team",
        "count",
        "client_address",
    ]
    list_filter = ["action", "created", "assessment", "team"]
    search_fields = ["actor_name", "assessment", "team", "result", "client_address"]
    date_hierarchy = "created"
    # The actor is shown by name: a link would open the user's page, which is another app's.
    exclude = ["actor"]
    list_select_related = False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
