"""Teams, members, rounds and invitations in the admin."""

from django.contrib import admin

from teams.models import Invitation, Member, Round, Team

# A member's account is linked only by signing up or signing on (teams.membership.link_account),
# which moves their results to it too: set here, it would leave them under the member's key, and
# their result pages would still offer them an account.
LINKED_BY_SIGN_UP = ["user"]


class MemberInline(admin.TabularInline):
    model = Member
    fields = ["name", "email", "user", "removed_at"]
    readonly_fields = [*LINKED_BY_SIGN_UP, "removed_at"]
    extra = 0


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["managers"]
    inlines = [MemberInline]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "team", "user", "removed_at"]
    list_filter = ["team"]
    search_fields = ["name", "email"]
    list_select_related = ["team", "user"]
    readonly_fields = LINKED_BY_SIGN_UP


class InvitationInline(admin.TabularInline):
    model = Invitation
    fields = ["member", "delivery", "delivery_attempts", "delivery_error", "reminded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "team",
        "assessment",
        "closes_on",
        "closed_at",
        "cancelled_at",
        "created",
    ]
    list_filter = ["team"]
    list_select_related = ["team", "assessment"]
    raw_id_fields = ["started_by"]
    inlines = [InvitationInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["member", "round", "delivery", "reminded_at"]
    list_filter = ["delivery"]
    list_select_related = ["member", "round__team", "round__assessment"]
    # The token is the member's key to their answers: not shown, not editable.
    fields = ["round", "member", "delivery", "delivery_attempts", "delivery_error", "reminded_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False
